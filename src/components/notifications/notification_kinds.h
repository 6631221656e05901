// What a notification is about (its kind, a code such as "referral_received") and how a person
// may receive it. Each module declares its kinds once at start in a NotificationKindRegistry,
// with the channel a person gets until she chooses another and the short label a mail shows in
// each language; pages word the rest from the kind and its params. Thread-safety: declare
// before sharing; reading a registry from several threads is safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/language.h"

namespace ensemble::notifications {

// How a person receives one kind: in the app only, also by a mail at once, also in the daily
// digest mail, or not at all.
enum class Channel { kInApp, kEmailNow, kDailyDigest, kOff };

std::string_view ToString(Channel channel);
std::optional<Channel> ParseChannel(std::string_view text);

struct NotificationKind {
  std::string code;  // [a-z0-9_], 1 to 100 characters
  Channel default_channel = Channel::kInApp;
  std::string label_fr;  // one line, for the subject and the lists of mails
  std::string label_en;
};

class NotificationKindRegistry {
 public:
  // kInvalidArgument naming "code" or "label_fr"/"label_en" for a malformed kind, kAlreadyExists
  // (field "code") for a code declared twice.
  Status Declare(NotificationKind kind);
  const NotificationKind* Find(std::string_view code) const;
  // In declaration order.
  const std::vector<NotificationKind>& All() const { return kinds_; }

 private:
  std::vector<NotificationKind> kinds_;
};

}  // namespace ensemble::notifications
