// The calendar feeds of people and structures: each a secret URL whose token only the holder
// knows; the table keeps the token's SHA-256 in hex (components/calendar/feed_token.h). At most
// one feed per owner is live: storing a new one revokes the previous, in the same statement
// sequence, so a rotation never leaves two live URLs (a partial unique index backs this up).
//
// Two ways in. The owner's own (creating, listing, revoking) runs in a transaction scoped to the
// owner: Scope::ActingFor(structure) for a structure's feed, Scope::OwnPlatformLines(person) for
// a person's, which PostgreSQL's row-level security checks. The calendar application's fetch
// runs before anybody is known: FindLiveFeedByTokenHash and NoteFeedUsed first state the hash
// they look for to PostgreSQL, whose policy then reaches that one row and no other (see
// 0001_feeds.pg.sql).
//
// Run each call inside a transaction; thread-safety is the Connection's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "domain/tenancy/types.h"
#include "storage/sql/database.h"

namespace ensemble::storage {

using FeedId = std::int64_t;

enum class FeedOwnerKind { kPerson, kStructure };

// A person (her own calendar) or a structure (its shared calendar), by id.
struct FeedOwnerRef {
  FeedOwnerKind kind = FeedOwnerKind::kPerson;
  std::int64_t id = 0;
};

struct NewFeed {
  std::string token_hash;  // 64 lower-case hex digits: SHA-256 of the token
  FeedOwnerRef owner;
  tenancy::PersonId created_by = 0;
};

struct FeedRecord {
  FeedId id = 0;
  std::string token_hash;
  FeedOwnerRef owner;
  tenancy::PersonId created_by = 0;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> last_used_at = {};
  std::optional<UnixMillis> revoked_at = {};
};

class CalendarStore {
 public:
  explicit CalendarStore(Connection& db) : db_(db) {}

  // Revokes the owner's live feed, if any, at `now`, then stores the new one, live (rotation).
  // kInvalidArgument on "token_hash" when it is not 64 hex digits.
  Result<FeedId> ReplaceLiveFeed(const NewFeed& feed, UnixMillis now);
  // The owner's live feed, if any.
  Result<std::optional<FeedRecord>> FindLiveFeedOf(FeedOwnerRef owner);
  // Revokes feed `id` at `now` if it is the owner's live feed; false when it is not (another
  // owner's, already revoked, or unknown: the caller cannot tell these apart, by design).
  Result<bool> RevokeFeed(FeedId id, FeedOwnerRef owner, UnixMillis now);
  // The live feed whose token hashes to `token_hash`, if any; works in a transaction of any
  // scope, Scope::Nobody included.
  Result<std::optional<FeedRecord>> FindLiveFeedByTokenHash(const std::string& token_hash);
  // Sets the live feed's last_used_at to `now` unless it is already at or after `not_before`;
  // returns whether it wrote. Any scope, like FindLiveFeedByTokenHash.
  Result<bool> NoteFeedUsed(const std::string& token_hash, UnixMillis now, UnixMillis not_before);

 private:
  // Tells PostgreSQL which token the transaction presents, for its row-level policy.
  Status PresentTokenHash(const std::string& token_hash);

  Connection& db_;
};

}  // namespace ensemble::storage
