#include "components/mail/recording_mailer.h"

#include <utility>

namespace ensemble::mail {

Result<Delivery> RecordingMailer::Send(const Message& message) {
  std::lock_guard lock(mutex_);
  if (next_failure_) {
    Error error = std::move(*next_failure_);
    next_failure_.reset();
    return std::unexpected(std::move(error));
  }
  // A fixed date and randomness: the rendering is only a check here.
  RenderOptions options{.date = 0, .id_domain = "recording.invalid", .random = {}};
  options.random = [](std::span<std::byte> out) {
    for (auto& b : out) b = std::byte{0};
  };
  const RenderedMessage rendered = ENSEMBLE_TRY(Render(message, options));
  sent_.push_back(message);
  return Delivery{rendered.message_id, EnvelopeRecipients(message), {}};
}

void RecordingMailer::FailNextWith(Error error) {
  std::lock_guard lock(mutex_);
  next_failure_ = std::move(error);
}

std::vector<Message> RecordingMailer::Sent() const {
  std::lock_guard lock(mutex_);
  return sent_;
}

}  // namespace ensemble::mail
