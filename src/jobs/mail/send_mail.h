// The handler of the "mail" jobs that components/mail/mail_queue.h queues: it rebuilds the
// message from the payload and hands it to the Mailer. A transient failure (mail::RetryOf: a 4xx
// reply, a lost connection) fails the attempt, and the runner tries again after its backoff; a
// permanent one (a 5xx reply, refused credentials, a payload that is not a message) ends the job
// failed at once, the server's reply kept in last_error. When the server accepted the message
// for some recipients and refused others transiently, those others get a copy queued for them
// alone, so that nobody receives it twice.
//
// Without a mailer (no SMTP host configured) mail jobs stay queued: each claim puts its job back
// without counting the attempt, for a server that has a host to send.
//
// Thread-safety: the mailer must be safe to use from the runner's thread.
#pragma once

#include "components/mail/mailer.h"
#include "core/clock.h"
#include "jobs/job_runner.h"
#include "storage/database.h"

namespace ensemble::jobs {

// When the copy for recipients refused for now is first tried.
inline constexpr UnixMillis kMailRefusedRecipientsAfter = 60LL * 1000;
// How long a server without SMTP leaves a mail job before claiming it again.
inline constexpr UnixMillis kMailPostponedFor = 10LL * 60 * 1000;

// `mailer` may be null: no SMTP host is configured. Both references must outlive the runner.
JobHandler SendMailHandler(storage::Database& database, const Clock& clock, mail::Mailer* mailer);

}  // namespace ensemble::jobs
