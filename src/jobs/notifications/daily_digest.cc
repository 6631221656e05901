#include "jobs/notifications/daily_digest.h"

#include <spdlog/spdlog.h>

#include <vector>

#include "components/mail/mail_queue.h"
#include "core/paris_time.h"

namespace ensemble::jobs {
namespace {

using storage::Scope;
using storage::Transaction;
using storage::TransactionMode;

// The language of her mails: the one her notification settings name, else her own language.
Language LanguageIn(const std::optional<std::string>& chosen, Language own) {
  if (!chosen) return own;
  return ParseLanguage(*chosen).value_or(own);
}

// Queues one person's digest; false when nothing awaits her any more.
Result<bool> QueueDigestOf(Transaction& tx, tenancy::PersonId person, UnixMillis now,
                           const notifications::NotificationKindRegistry& kinds,
                           const notifications::MailSettings& mail) {
  const auto awaiting = ENSEMBLE_TRY(tx.Notifications().AwaitingDigest(person));
  if (awaiting.empty()) return false;
  const auto recipient = ENSEMBLE_TRY(tx.Tenancy().FindPerson(person));
  if (!recipient) return false;
  const auto language =
      LanguageIn(ENSEMBLE_TRY(tx.Notifications().Language(person)), recipient->language);
  std::vector<notifications::MailItem> items;
  std::vector<storage::NotificationId> ids;
  for (const auto& notification : awaiting) {
    items.push_back({notification.kind, notification.link, notification.created_at});
    ids.push_back(notification.id);
  }
  const mail::Message message = notifications::DigestMail(
      mail, {recipient->email, recipient->display_name}, language, kinds, items);
  const auto job = ENSEMBLE_TRY(mail::QueueMail(tx, message, std::nullopt, now));
  ENSEMBLE_TRY(tx.Notifications().RecordDigest(person, ids, job, now));
  return true;
}

}  // namespace

Status ScheduleDailyDigest(storage::Database& database, int hour, UnixMillis now) {
  return database.InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                [&](Transaction& tx) -> Status {
                                  if (ENSEMBLE_TRY(tx.Jobs().CountQueuedJobs(kDailyDigestKind)) > 0)
                                    return Ok();
                                  storage::NewJob next;
                                  next.kind = std::string(kDailyDigestKind);
                                  next.run_after = NextParisHour(now, hour);
                                  ENSEMBLE_TRY(tx.Jobs().EnqueueJob(next, now));
                                  return Ok();
                                });
}

Result<std::int64_t> QueueDailyDigests(storage::Database& database, const Clock& clock,
                                       const notifications::NotificationKindRegistry& kinds,
                                       const notifications::MailSettings& mail) {
  const auto people = ENSEMBLE_TRY(database.InTransaction(
      TransactionMode::kRead, Scope::WholeDatabase(),
      [](Transaction& tx) { return tx.Notifications().PeopleAwaitingDigest(); }));
  std::int64_t queued = 0;
  for (const tenancy::PersonId person : people) {
    // One transaction per person: a mail that cannot be composed for one (an address that no
    // longer renders) does not hold back the others.
    auto done = database.InTransaction(
        TransactionMode::kWrite, Scope::WholeDatabase(),
        [&](Transaction& tx) { return QueueDigestOf(tx, person, clock.Now(), kinds, mail); });
    if (!done) {
      spdlog::warn("daily digest: person {} skipped: {} {}", person, done.error().message,
                   done.error().field);
      continue;
    }
    if (*done) ++queued;
  }
  return queued;
}

JobHandler DailyDigestHandler(storage::Database& database, const Clock& clock,
                              const notifications::NotificationKindRegistry& kinds,
                              DailyDigestOptions options) {
  return [&database, &clock, &kinds, options](JobContext&) -> Status {
    const auto queued = ENSEMBLE_TRY(QueueDailyDigests(database, clock, kinds, options.mail));
    if (queued > 0) spdlog::info("daily digest: {} mails queued", queued);
    return ScheduleDailyDigest(database, options.hour, clock.Now());
  };
}

}  // namespace ensemble::jobs
