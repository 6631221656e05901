#include "storage/notifications/notification_store.h"

#include <fmt/format.h>

namespace ensemble::storage {
namespace {

constexpr const char* kColumns =
    "id, person_id, owner_structure_id, kind, params, link, channel, created_at, read_at, "
    "digest_id";

Notification ToNotification(const Row& row) {
  Notification n;
  n.id = row.Int(0);
  n.person_id = row.Int(1);
  n.owner_structure_id = row.OptionalInt(2);
  n.kind = row.Text(3);
  n.params = row.Text(4);
  n.link = row.Text(5);
  n.channel = row.Text(6);
  n.created_at = row.Int(7);
  n.read_at = row.OptionalInt(8);
  n.digest_id = row.OptionalInt(9);
  return n;
}

}  // namespace

Status NotificationStore::InsertNotification(const NewNotification& n) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO notifications (person_id, owner_structure_id, kind, params, link, channel, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {n.person_id, Nullable(n.owner_structure_id), n.kind, n.params, n.link, n.channel,
       n.created_at}));
  return Ok();
}

Result<Page<Notification>> NotificationStore::ListNotifications(tenancy::PersonId person,
                                                                bool unread_only,
                                                                PageRequest page) {
  const char* unread = unread_only ? " AND read_at IS NULL" : "";
  Page<Notification> out;
  const auto count = ENSEMBLE_TRY(db_.QueryOne(
      fmt::format("SELECT count(*) FROM notifications WHERE person_id = ?{}", unread), {person}));
  out.total = count ? count->Int(0) : 0;
  const auto rows = ENSEMBLE_TRY(
      db_.Query(fmt::format("SELECT {} FROM notifications WHERE person_id = ?{} ORDER BY id DESC "
                            "LIMIT ? OFFSET ?",
                            kColumns, unread),
                {person, page.limit, page.offset}));
  for (const Row& row : rows) out.items.push_back(ToNotification(row));
  return out;
}

Result<bool> NotificationStore::MarkRead(tenancy::PersonId person, NotificationId id,
                                         UnixMillis now) {
  const auto changed = ENSEMBLE_TRY(db_.Execute(
      "UPDATE notifications SET read_at = ? WHERE id = ? AND person_id = ? AND read_at IS NULL",
      {now, id, person}));
  if (changed > 0) return true;
  const auto found = ENSEMBLE_TRY(
      db_.QueryOne("SELECT 1 FROM notifications WHERE id = ? AND person_id = ?", {id, person}));
  return found.has_value();
}

Result<std::int64_t> NotificationStore::MarkAllRead(tenancy::PersonId person, UnixMillis now) {
  return db_.Execute("UPDATE notifications SET read_at = ? WHERE person_id = ? AND read_at IS NULL",
                     {now, person});
}

Result<std::vector<ChannelSetting>> NotificationStore::ChannelSettings(tenancy::PersonId person) {
  const auto rows = ENSEMBLE_TRY(
      db_.Query("SELECT kind, channel FROM notification_channels WHERE person_id = ? ORDER BY kind",
                {person}));
  std::vector<ChannelSetting> out;
  for (const Row& row : rows) out.push_back({row.Text(0), row.Text(1)});
  return out;
}

Result<std::optional<std::string>> NotificationStore::ChannelFor(tenancy::PersonId person,
                                                                 const std::string& kind) {
  const auto row = ENSEMBLE_TRY(
      db_.QueryOne("SELECT channel FROM notification_channels WHERE person_id = ? AND kind = ?",
                   {person, kind}));
  if (!row) return std::optional<std::string>{};
  return std::optional<std::string>(row->Text(0));
}

Status NotificationStore::SetChannel(tenancy::PersonId person, const std::string& kind,
                                     const std::string& channel, UnixMillis now) {
  ENSEMBLE_TRY(
      db_.Execute("INSERT INTO notification_channels (person_id, kind, channel, updated_at) "
                  "VALUES (?, ?, ?, ?) ON CONFLICT (person_id, kind) DO UPDATE SET "
                  "channel = excluded.channel, updated_at = excluded.updated_at",
                  {person, kind, channel, now}));
  return Ok();
}

Result<std::optional<std::string>> NotificationStore::Language(tenancy::PersonId person) {
  const auto row = ENSEMBLE_TRY(
      db_.QueryOne("SELECT language FROM notification_settings WHERE person_id = ?", {person}));
  if (!row) return std::optional<std::string>{};
  return std::optional<std::string>(row->Text(0));
}

Status NotificationStore::SetLanguage(tenancy::PersonId person, const std::string& language,
                                      UnixMillis now) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO notification_settings (person_id, language, updated_at) VALUES (?, ?, ?) "
      "ON CONFLICT (person_id) DO UPDATE SET language = excluded.language, "
      "updated_at = excluded.updated_at",
      {person, language, now}));
  return Ok();
}

Result<std::vector<tenancy::PersonId>> NotificationStore::PeopleAwaitingDigest() {
  const auto rows = ENSEMBLE_TRY(
      db_.Query("SELECT DISTINCT person_id FROM notifications WHERE channel = 'daily_digest' AND "
                "read_at IS NULL AND digest_id IS NULL ORDER BY person_id",
                {}));
  std::vector<tenancy::PersonId> out;
  for (const Row& row : rows) out.push_back(row.Int(0));
  return out;
}

Result<std::vector<Notification>> NotificationStore::AwaitingDigest(tenancy::PersonId person) {
  const auto rows = ENSEMBLE_TRY(
      db_.Query(fmt::format("SELECT {} FROM notifications WHERE person_id = ? AND "
                            "channel = 'daily_digest' AND read_at IS NULL AND digest_id IS NULL "
                            "ORDER BY id",
                            kColumns),
                {person}));
  std::vector<Notification> out;
  for (const Row& row : rows) out.push_back(ToNotification(row));
  return out;
}

Result<std::int64_t> NotificationStore::RecordDigest(tenancy::PersonId person,
                                                     const std::vector<NotificationId>& ids,
                                                     std::int64_t mail_job, UnixMillis now) {
  if (ids.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "notifications.digest.empty", "notifications");
  }
  const auto row = ENSEMBLE_TRY(
      db_.QueryOne("INSERT INTO notification_digests (person_id, mail_job, items, sent_at) "
                   "VALUES (?, ?, ?, ?) RETURNING id",
                   {person, mail_job, static_cast<std::int64_t>(ids.size()), now}));
  const std::int64_t digest = row->Int(0);
  for (const NotificationId id : ids) {
    const auto changed = ENSEMBLE_TRY(
        db_.Execute("UPDATE notifications SET digest_id = ? WHERE id = ? AND person_id = ? AND "
                    "digest_id IS NULL",
                    {digest, id, person}));
    if (changed != 1) {
      return Fail(ErrorCode::kConflict,
                  Message{"notifications.digest.taken", {{"notification", std::to_string(id)}}},
                  "notifications");
    }
  }
  return digest;
}

}  // namespace ensemble::storage
