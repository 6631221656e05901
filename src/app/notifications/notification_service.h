// Notifications for people: a module tells one person that something concerns her (a referral
// received, a deadline close, an invitation), as a kind and params (codes and values, never
// prose: the pages word them) and a link to the page. The person lists and marks them read,
// and chooses per kind whether she also gets a mail at once, a line in the daily digest
// (jobs/notifications/daily_digest.h), or nothing at all.
//
// Notify runs inside the caller's transaction, so a notification exists if and only if the
// change it tells of commits. The person's own calls run in transactions scoped to her
// (Scope::OwnPlatformLines): on PostgreSQL, row-level security keeps everybody else's
// notifications out of reach.
//
// Thread-safety: one service serves every thread; the registry must not change after start.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "components/notifications/notification_kinds.h"
#include "components/notifications/notification_mail.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/page.h"
#include "domain/tenancy/types.h"
#include "storage/database.h"

namespace ensemble::notifications {

inline constexpr std::size_t kMaxLinkBytes = 500;
inline constexpr std::size_t kMaxParamsBytes = 4000;
inline constexpr std::int64_t kMaxPageSize = 200;

struct KindSetting {
  std::string kind;
  Channel channel = Channel::kInApp;
  bool chosen = false;  // false: the kind's default
};

struct Settings {
  Language language = Language::kFrench;
  std::vector<KindSetting> kinds;  // every declared kind, in declaration order
};

class NotificationService {
 public:
  NotificationService(storage::Database& database, const Clock& clock,
                      const NotificationKindRegistry& kinds, MailSettings mail);

  // Writes the notification for `person` and, when her channel for the kind is email_now,
  // queues the mail (components/mail/mail_queue.h) owned by `owner`, in the same transaction;
  // on PostgreSQL a transaction acting for a structure may only queue jobs of that structure, so
  // pass the acting structure's records as owner there. With the channel "off" nothing is
  // written. Returns the channel used. kInvalidArgument naming "kind" (not declared), "params"
  // (not an object of strings, numbers, booleans and nulls, or over kMaxParamsBytes) or "link"
  // (not a path of the app); kNotFound naming "person".
  Result<Channel> Notify(storage::Transaction& tx, tenancy::PersonId person, std::string_view kind,
                         const boost::json::object& params, std::string_view link,
                         std::optional<tenancy::StructureId> owner);

  // Newest first; page.limit from 1 to kMaxPageSize (field "limit"), offset >= 0 ("offset").
  Result<Page<storage::Notification>> List(tenancy::PersonId person, bool unread_only,
                                           PageRequest page);
  // kNotFound (field "notification") when the person has no notification of that id, whoever
  // else's it may be. Marking one read twice is not an error.
  Status MarkRead(tenancy::PersonId person, storage::NotificationId id);
  // How many were unread.
  Result<std::int64_t> MarkAllRead(tenancy::PersonId person);

  Result<Settings> GetSettings(tenancy::PersonId person);
  // kInvalidArgument naming "kind" (not declared) or "channel" (not in_app, email_now,
  // daily_digest or off).
  Status SetSetting(tenancy::PersonId person, std::string_view kind, std::string_view channel);
  // kInvalidArgument naming "language" (not "fr" or "en").
  Status SetLanguage(tenancy::PersonId person, std::string_view language);

 private:
  storage::Database& database_;
  const Clock& clock_;
  const NotificationKindRegistry& kinds_;
  MailSettings mail_;
};

// The channel a person gets for a kind: her choice, else the kind's default.
Result<Channel> ChannelOf(storage::Transaction& tx, tenancy::PersonId person,
                          const NotificationKind& kind);
// Her language for mails: her choice, else French.
Result<Language> LanguageOf(storage::Transaction& tx, tenancy::PersonId person);

}  // namespace ensemble::notifications
