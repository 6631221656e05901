// Server-side sessions and failed sign-in counts, kept in the database so that any app server
// sees them. Tokens are never stored, only their hashes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "domain/tenancy/password_reset.h"
#include "domain/tenancy/sign_in_limits.h"
#include "domain/tenancy/types.h"
#include "storage/sql/database.h"

namespace ensemble::storage {

struct SessionRecord {
  std::string token_hash;
  tenancy::PersonId person_id = 0;
  std::optional<tenancy::StructureId> acting_structure_id;
  std::string csrf_token;
  UnixMillis created_at = 0;
  UnixMillis last_seen_at = 0;
  // What the person sees of her sessions: a random id (never the token or its hash), where
  // and with what the session was opened.
  std::string public_id{};
  std::string remote_address{};
  std::string user_agent{};
};

// Who a session token stands for, read in one statement: the session, the person, and the
// person's roles in the structure the session acts for (none when it acts for none).
struct SessionIdentity {
  SessionRecord session;
  tenancy::Person person;
  std::vector<tenancy::Role> acting_roles;
};

// One request for a reset link: the person and the token's hash when the address has an account,
// neither when it has not.
struct PasswordResetRequest {
  std::string email_hash;  // HashToken of the address as asked for, folded
  std::string address;     // the client's
  std::optional<tenancy::PersonId> person_id;
  std::optional<std::string> token_hash;
  UnixMillis created_at = 0;
  UnixMillis expires_at = 0;
};

class SessionStore {
 public:
  explicit SessionStore(Connection& db) : db_(db) {}

  // Stores a new session; `address` is where it was opened (also kept in the record).
  Status InsertSession(const SessionRecord& session, const std::string& address);
  // A person's sessions, the most recently used first.
  Result<std::vector<SessionRecord>> ListSessionsOf(tenancy::PersonId person);
  // Ends every session of the person.
  Result<std::int64_t> DeleteSessionsOf(tenancy::PersonId person);
  // Keeps the person's `keep` most recently opened sessions and ends the older ones.
  Result<std::int64_t> KeepNewestSessions(tenancy::PersonId person, std::int64_t keep);
  Result<std::optional<SessionIdentity>> FindSessionIdentity(const std::string& token_hash);
  Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash);
  Status TouchSession(const std::string& token_hash, UnixMillis now);
  Status SetActingStructure(const std::string& token_hash,
                            std::optional<tenancy::StructureId> structure);
  Status DeleteSession(const std::string& token_hash);
  // Closes every session of a person but one (after a password change).
  Status DeleteOtherSessions(tenancy::PersonId person, const std::string& keep_token_hash);
  // Removes sessions created before `created_before` or idle since before `idle_before`; returns
  // how many.
  Result<std::int64_t> DeleteSessionsBefore(UnixMillis created_before, UnixMillis idle_before);
  // What the sign-in limits need to decide on an attempt (domain/tenancy/sign_in_limits.h), in one
  // statement: failures and successes since `since`, and whether the account signed in from this
  // address since `trusted_since`.
  Result<tenancy::SignInCounts> CountSignIns(const std::string& email, const std::string& address,
                                             UnixMillis since, UnixMillis trusted_since);
  Status RecordSignInSuccess(const std::string& email, const std::string& address, UnixMillis at);
  Result<std::int64_t> DeleteSignInSuccessesBefore(UnixMillis before);
  // Forgets the failures of one (account, address) pair, after it signed in.
  Status ClearFailuresForPair(const std::string& email, const std::string& address);
  Status RecordSignInFailure(const std::string& email, const std::string& address, UnixMillis at);
  // Forgets failures older than `before`: past the throttling window they only keep addresses.
  // Returns how many were removed.
  Result<std::int64_t> DeleteSignInFailuresBefore(UnixMillis before);

  // « Mot de passe oublié » (domain/tenancy/password_reset.h).
  Status RecordPasswordResetRequest(const PasswordResetRequest& request);
  // A refused use of a token, counted against the client's budget.
  Status RecordPasswordResetRefusal(const std::string& email_hash, const std::string& address,
                                    UnixMillis at);
  // Requests for the address and requests and refusals from the client, since `since`.
  Result<tenancy::PasswordResetCounts> CountPasswordResets(const std::string& email_hash,
                                                           const std::string& address,
                                                           UnixMillis since);
  Result<std::optional<tenancy::PasswordResetToken>> FindPasswordResetToken(
      const std::string& token_hash);
  // Marks every unused token of the person used at `at` (the one just used among them); returns
  // how many. A token that another request used first is no longer among them.
  Result<std::int64_t> RetirePasswordResetTokens(tenancy::PersonId person, UnixMillis at);
  // Marks one token used, if it still is not; false when another request used it first.
  Result<bool> UsePasswordResetToken(std::int64_t id, UnixMillis at);
  Result<std::int64_t> DeletePasswordResetsBefore(UnixMillis before);

 private:
  Connection& db_;
};

}  // namespace ensemble::storage
