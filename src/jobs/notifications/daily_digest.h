// The daily digest of notifications: once a day, at an hour of Paris time, every person with
// unread notifications of a kind she receives by "daily_digest" that no digest listed yet gets
// one mail listing them (components/notifications/notification_mail.h), queued through the
// mail queue. Each person's digest is queued and recorded in one transaction, the
// notifications it lists marked with it, so that a second run, or a run retried after a failure
// half-way, sends nobody the same notification twice. Each run queues the next one, and every
// server queues one at start when none waits, as housekeeping does.
#pragma once

#include <string_view>

#include "components/notifications/notification_kinds.h"
#include "components/notifications/notification_mail.h"
#include "core/clock.h"
#include "jobs/job_runner.h"
#include "storage/database.h"

namespace ensemble::jobs {

inline constexpr std::string_view kDailyDigestKind = "notification_digest";

struct DailyDigestOptions {
  int hour = 7;  // Paris time, 0 to 23
  notifications::MailSettings mail;
};

// Queues a run due at the next `hour` o'clock in Paris unless one is queued already.
Status ScheduleDailyDigest(storage::Database& database, int hour, UnixMillis now);

// Queues the digests due now; returns how many mails were queued.
Result<std::int64_t> QueueDailyDigests(storage::Database& database, const Clock& clock,
                                       const notifications::NotificationKindRegistry& kinds,
                                       const notifications::MailSettings& mail);

// The registry must outlive the runner.
JobHandler DailyDigestHandler(storage::Database& database, const Clock& clock,
                              const notifications::NotificationKindRegistry& kinds,
                              DailyDigestOptions options);

}  // namespace ensemble::jobs
