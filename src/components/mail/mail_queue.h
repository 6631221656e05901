// The queue of outgoing mail: a message is sent by a job of kind "mail" in the shared job table,
// queued in the transaction that decides to send it, so that a mail goes if and only if the
// change that asked for it commits. The payload is the message as JSON (message_json.h); the
// handler (jobs/mail/send_mail.h) rebuilds it and sends it, retrying transient failures with the
// runner's backoff. Thread-safety: as the transaction passed in.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "components/mail/message.h"
#include "core/clock.h"
#include "core/error.h"
#include "storage/database.h"

namespace ensemble::mail {

inline constexpr std::string_view kMailJobKind = "mail";
inline constexpr std::int64_t kMailMaxAttempts = 5;

// `owner` is a structure id (storage::NewJob::owner_structure_id).
// Checks the message (Render's checks, kInvalidArgument naming the field), gives it a
// Message-ID when it has none, so that every attempt sends the same one, and queues it. `owner`
// is the structure the mail is sent for (the job is under its row-level security); nullopt for
// mail no structure owns (a person's own notifications, the digest).
Result<storage::JobId> QueueMail(storage::Transaction& tx, const Message& message,
                                 std::optional<std::int64_t> owner, UnixMillis now);
// The same for a mail that belongs to one person and no structure (her reset link), queued in
// her own transaction (storage::NewJob::for_person).
Result<storage::JobId> QueueMailForPerson(storage::Transaction& tx, const Message& message,
                                          std::int64_t person, UnixMillis now);
// The same, first tried at `run_after` (a copy for recipients the server asked to come back).
Result<storage::JobId> QueueMailAt(storage::Transaction& tx, const Message& message,
                                   std::optional<std::int64_t> owner, UnixMillis now,
                                   UnixMillis run_after);

}  // namespace ensemble::mail
