// A Mailer that sends nothing and keeps what it was asked to send, for tests of code that only
// needs to know that a mail was asked for (a reminder queued, an invitation addressed to the
// right people). It renders each message, so a caller that builds an invalid one fails as it
// would against a real server. Thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <vector>

#include "components/mail/mailer.h"

namespace ensemble::mail {

class RecordingMailer final : public Mailer {
 public:
  Result<Delivery> Send(const Message& message) override;

  // The next Send answers this error, and records nothing: for tests of retries.
  void FailNextWith(Error error);

  // The messages sent so far, oldest first.
  std::vector<Message> Sent() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Message> sent_;
  std::optional<Error> next_failure_;
};

}  // namespace ensemble::mail
