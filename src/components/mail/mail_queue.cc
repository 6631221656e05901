#include "components/mail/mail_queue.h"

#include "components/mail/message_json.h"

namespace ensemble::mail {
namespace {

std::string DomainOf(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

}  // namespace

Result<storage::JobId> QueueMail(storage::Transaction& tx, const Message& message,
                                 std::optional<std::int64_t> owner, UnixMillis now) {
  return QueueMailAt(tx, message, owner, now, now);
}

namespace {

Result<storage::NewJob> MailJob(const Message& message, UnixMillis now, UnixMillis run_after) {
  // Rendering once here refuses a message that could never be sent before anything is queued,
  // and makes the Message-ID that every attempt will carry.
  RenderOptions render;
  render.date = now;
  render.id_domain = DomainOf(message.from.address);
  const RenderedMessage rendered = ENSEMBLE_TRY(Render(message, render));
  Message queued = message;
  queued.message_id = rendered.message_id;
  storage::NewJob job;
  job.kind = std::string(kMailJobKind);
  job.payload = ToJson(queued);
  job.max_attempts = kMailMaxAttempts;
  job.run_after = run_after;
  return job;
}

}  // namespace

Result<storage::JobId> QueueMailForPerson(storage::Transaction& tx, const Message& message,
                                          std::int64_t person, UnixMillis now) {
  storage::NewJob job = ENSEMBLE_TRY(MailJob(message, now, now));
  job.for_person = person;
  return tx.Jobs().EnqueueJob(job, now);
}

Result<storage::JobId> QueueMailAt(storage::Transaction& tx, const Message& message,
                                   std::optional<std::int64_t> owner, UnixMillis now,
                                   UnixMillis run_after) {
  storage::NewJob job = ENSEMBLE_TRY(MailJob(message, now, run_after));
  job.owner_structure_id = owner;
  return tx.Jobs().EnqueueJob(job, now);
}

}  // namespace ensemble::mail
