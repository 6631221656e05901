// Server-side sessions and failed sign-in counts, kept in the database so that any app server
// sees them. Tokens are never stored, only their hashes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "domain/tenancy/types.h"
#include "storage/database.h"

namespace ensemble::storage {

struct SessionRecord {
  std::string token_hash;
  tenancy::PersonId person_id = 0;
  std::optional<tenancy::StructureId> acting_structure_id;
  std::string csrf_token;
  UnixMillis created_at = 0;
  UnixMillis last_seen_at = 0;
};

// Who a session token stands for, read in one statement: the session, the person, and the
// person's roles in the structure the session acts for (none when it acts for none).
struct SessionIdentity {
  SessionRecord session;
  tenancy::Person person;
  std::vector<tenancy::Role> acting_roles;
};

Status InsertSession(Connection& db, const SessionRecord& session, const std::string& address);
Result<std::optional<SessionIdentity>> FindSessionIdentity(Connection& db,
                                                           const std::string& token_hash);
Result<std::optional<SessionRecord>> FindSession(Connection& db, const std::string& token_hash);
Status TouchSession(Connection& db, const std::string& token_hash, UnixMillis now);
Status SetActingStructure(Connection& db, const std::string& token_hash,
                          std::optional<tenancy::StructureId> structure);
Status DeleteSession(Connection& db, const std::string& token_hash);
// Closes every session of a person but one (after a password change).
Status DeleteOtherSessions(Connection& db, tenancy::PersonId person,
                           const std::string& keep_token_hash);
// Removes sessions created before `created_before` or idle since before `idle_before`; returns
// how many.
Result<std::int64_t> DeleteSessionsBefore(Connection& db, UnixMillis created_before,
                                          UnixMillis idle_before);

Status RecordSignInFailure(Connection& db, const std::string& email, const std::string& address,
                           UnixMillis at);
Result<std::int64_t> CountFailuresForEmail(Connection& db, const std::string& email,
                                           UnixMillis since);
Result<std::int64_t> CountFailuresFromAddress(Connection& db, const std::string& address,
                                              UnixMillis since);
Status ClearFailuresForEmail(Connection& db, const std::string& email);
// Forgets failures older than `before`: past the throttling window they only keep addresses.
// Returns how many were removed.
Result<std::int64_t> DeleteSignInFailuresBefore(Connection& db, UnixMillis before);

}  // namespace ensemble::storage
