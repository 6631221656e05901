#include "storage/calendar/calendar_store.h"

#include <fmt/format.h>

#include <algorithm>

namespace ensemble::storage {

namespace {

constexpr const char* kFeedColumns =
    "id, token_hash, owner_kind, person_id, structure_id, created_by, created_at, last_used_at, "
    "revoked_at";

std::string_view KindText(FeedOwnerKind kind) {
  return kind == FeedOwnerKind::kPerson ? "person" : "structure";
}

// The column that holds the owner's id for its kind.
std::string_view OwnerColumn(FeedOwnerKind kind) {
  return kind == FeedOwnerKind::kPerson ? "person_id" : "structure_id";
}

bool IsHashHex(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Result<FeedRecord> ToFeed(const Row& row) {
  FeedRecord feed;
  feed.id = row.Int(0);
  feed.token_hash = row.Text(1);
  const std::string kind = row.Text(2);
  if (kind == "person") {
    feed.owner = {FeedOwnerKind::kPerson, row.Int(3)};
  } else if (kind == "structure") {
    feed.owner = {FeedOwnerKind::kStructure, row.Int(4)};
  } else {
    return Internal(fmt::format("unknown calendar feed owner kind '{}' in the database", kind));
  }
  feed.created_by = row.Int(5);
  feed.created_at = row.Int(6);
  feed.last_used_at = row.OptionalInt(7);
  feed.revoked_at = row.OptionalInt(8);
  return feed;
}

Result<std::optional<FeedRecord>> OneFeed(const std::optional<Row>& row) {
  if (!row) return std::optional<FeedRecord>{};
  return std::optional<FeedRecord>(ENSEMBLE_TRY(ToFeed(*row)));
}

}  // namespace

Result<FeedId> CalendarStore::ReplaceLiveFeed(const NewFeed& feed, UnixMillis now) {
  if (!IsHashHex(feed.token_hash)) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.feed.bad_hash", "token_hash");
  }
  const auto column = OwnerColumn(feed.owner.kind);
  ENSEMBLE_TRY(db_.Execute(fmt::format("UPDATE calendar_feeds SET revoked_at = ? "
                                       "WHERE owner_kind = ? AND {} = ? AND revoked_at IS NULL",
                                       column),
                           {now, std::string(KindText(feed.owner.kind)), feed.owner.id}));
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      fmt::format("INSERT INTO calendar_feeds (token_hash, owner_kind, {}, created_by, created_at) "
                  "VALUES (?, ?, ?, ?, ?) RETURNING id",
                  column),
      {feed.token_hash, std::string(KindText(feed.owner.kind)), feed.owner.id, feed.created_by,
       now}));
  if (!row) return Internal("storing a calendar feed returned no id");
  return row->Int(0);
}

Result<std::optional<FeedRecord>> CalendarStore::FindLiveFeedOf(FeedOwnerRef owner) {
  const auto row = ENSEMBLE_TRY(
      db_.QueryOne(fmt::format("SELECT {} FROM calendar_feeds "
                               "WHERE owner_kind = ? AND {} = ? AND revoked_at IS NULL",
                               kFeedColumns, OwnerColumn(owner.kind)),
                   {std::string(KindText(owner.kind)), owner.id}));
  return OneFeed(row);
}

Result<bool> CalendarStore::RevokeFeed(FeedId id, FeedOwnerRef owner, UnixMillis now) {
  const auto changed = ENSEMBLE_TRY(
      db_.Execute(fmt::format("UPDATE calendar_feeds SET revoked_at = ? "
                              "WHERE id = ? AND owner_kind = ? AND {} = ? AND revoked_at IS NULL",
                              OwnerColumn(owner.kind)),
                  {now, id, std::string(KindText(owner.kind)), owner.id}));
  return changed > 0;
}

Status CalendarStore::PresentTokenHash(const std::string& token_hash) {
  // SQLite has no row-level security, hence nothing to present.
  if (db_.Dialect() != "postgresql") return Ok();
  ENSEMBLE_TRY(db_.Query("SELECT set_config('ensemble.feed_token_hash', ?, true)", {token_hash}));
  return Ok();
}

Result<std::optional<FeedRecord>> CalendarStore::FindLiveFeedByTokenHash(
    const std::string& token_hash) {
  ENSEMBLE_TRY_STATUS(PresentTokenHash(token_hash));
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      fmt::format("SELECT {} FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL",
                  kFeedColumns),
      {token_hash}));
  return OneFeed(row);
}

Result<bool> CalendarStore::NoteFeedUsed(const std::string& token_hash, UnixMillis now,
                                         UnixMillis not_before) {
  ENSEMBLE_TRY_STATUS(PresentTokenHash(token_hash));
  const auto changed = ENSEMBLE_TRY(
      db_.Execute("UPDATE calendar_feeds SET last_used_at = ? WHERE token_hash = ? AND "
                  "revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < ?)",
                  {now, token_hash, not_before}));
  return changed > 0;
}

}  // namespace ensemble::storage
