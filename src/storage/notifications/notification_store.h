// The rows of notifications (components/notifications): each person's notifications, her
// settings, and the digests that listed them. Reads and changes of a person's notifications
// take her id and touch her rows only; on PostgreSQL row-level security also hides them from a
// transaction whose scope does not reach her (Scope::OwnPlatformLines(person), or the whole
// database for the digest job). Writing one is open to any scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/page.h"
#include "domain/tenancy/types.h"
#include "storage/sql/database.h"

namespace ensemble::storage {

using NotificationId = std::int64_t;

struct NewNotification {
  tenancy::PersonId person_id = 0;
  std::optional<tenancy::StructureId> owner_structure_id;
  std::string kind;
  std::string params = "{}";  // a JSON object of codes and values
  std::string link;
  std::string channel;  // "in_app", "email_now" or "daily_digest"
  UnixMillis created_at = 0;
};

struct Notification {
  NotificationId id = 0;
  tenancy::PersonId person_id = 0;
  std::optional<tenancy::StructureId> owner_structure_id;
  std::string kind;
  std::string params;
  std::string link;
  std::string channel;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> read_at;
  std::optional<std::int64_t> digest_id;
};

struct ChannelSetting {
  std::string kind;
  std::string channel;
};

class NotificationStore {
 public:
  explicit NotificationStore(Connection& db) : db_(db) {}

  // Returns nothing: on PostgreSQL the writer may not be allowed to read the row back.
  Status InsertNotification(const NewNotification& notification);
  // Newest first.
  Result<Page<Notification>> ListNotifications(tenancy::PersonId person, bool unread_only,
                                               PageRequest page);
  // false when the person has no notification of that id (read already counts as found).
  Result<bool> MarkRead(tenancy::PersonId person, NotificationId id, UnixMillis now);
  Result<std::int64_t> MarkAllRead(tenancy::PersonId person, UnixMillis now);

  Result<std::vector<ChannelSetting>> ChannelSettings(tenancy::PersonId person);
  Result<std::optional<std::string>> ChannelFor(tenancy::PersonId person, const std::string& kind);
  Status SetChannel(tenancy::PersonId person, const std::string& kind, const std::string& channel,
                    UnixMillis now);
  Result<std::optional<std::string>> Language(tenancy::PersonId person);
  Status SetLanguage(tenancy::PersonId person, const std::string& language, UnixMillis now);

  // The digest: people with unread daily_digest notifications no digest included yet, in id
  // order, then each one's, oldest first.
  Result<std::vector<tenancy::PersonId>> PeopleAwaitingDigest();
  Result<std::vector<Notification>> AwaitingDigest(tenancy::PersonId person);
  // Records a digest that includes `ids` (all the person's), sent by the mail job `mail_job`.
  Result<std::int64_t> RecordDigest(tenancy::PersonId person,
                                    const std::vector<NotificationId>& ids, std::int64_t mail_job,
                                    UnixMillis now);

 private:
  Connection& db_;
};

}  // namespace ensemble::storage
