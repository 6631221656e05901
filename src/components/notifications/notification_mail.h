// The mails notifications send: one at once for a kind a person receives by "email_now", and the
// daily digest listing what she has not read. Each line names the kind by its declared label in
// the person's language, its date in Paris time and the page to open; the subject and text are
// in French unless she chose English. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "components/mail/message.h"
#include "components/notifications/notification_kinds.h"
#include "core/clock.h"

namespace ensemble::notifications {

struct MailItem {
  std::string kind;  // a code; a code no longer declared shows as itself
  std::string link;  // a path in the app
  UnixMillis created_at = 0;
};

struct MailSettings {
  mail::Mailbox from;
  std::string base_url;  // "https://ensemble.example": joined before each link; empty: the path
};

mail::Message ImmediateMail(const MailSettings& settings, const mail::Mailbox& to,
                            Language language, const NotificationKindRegistry& kinds,
                            const MailItem& item);

mail::Message DigestMail(const MailSettings& settings, const mail::Mailbox& to, Language language,
                         const NotificationKindRegistry& kinds, const std::vector<MailItem>& items);

}  // namespace ensemble::notifications
