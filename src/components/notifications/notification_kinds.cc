#include "components/notifications/notification_kinds.h"

#include <fmt/format.h>

#include <algorithm>

namespace ensemble::notifications {
namespace {

bool IsCode(std::string_view code) {
  return !code.empty() && code.size() <= 100 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsOneLine(std::string_view label) {
  return !label.empty() && label.size() <= 200 &&
         std::none_of(label.begin(), label.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

std::string_view ToString(Channel channel) {
  switch (channel) {
    case Channel::kInApp:
      return "in_app";
    case Channel::kEmailNow:
      return "email_now";
    case Channel::kDailyDigest:
      return "daily_digest";
    case Channel::kOff:
      return "off";
  }
  return "off";
}

std::optional<Channel> ParseChannel(std::string_view text) {
  for (const Channel channel :
       {Channel::kInApp, Channel::kEmailNow, Channel::kDailyDigest, Channel::kOff}) {
    if (ToString(channel) == text) return channel;
  }
  return std::nullopt;
}

Status NotificationKindRegistry::Declare(NotificationKind kind) {
  if (!IsCode(kind.code)) {
    return Fail(ErrorCode::kInvalidArgument, Message{"notifications.kind.bad_code", {{"max", 100}}},
                "code");
  }
  if (!IsOneLine(kind.label_fr)) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"notifications.kind.bad_label", {{"max", 200}}}, "label_fr");
  }
  if (!IsOneLine(kind.label_en)) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"notifications.kind.bad_label", {{"max", 200}}}, "label_en");
  }
  if (Find(kind.code) != nullptr) {
    return Fail(ErrorCode::kAlreadyExists,
                Message{"notifications.kind.declared_twice", {{"kind", kind.code}}}, "code");
  }
  kinds_.push_back(std::move(kind));
  return Ok();
}

const NotificationKind* NotificationKindRegistry::Find(std::string_view code) const {
  const auto found = std::find_if(kinds_.begin(), kinds_.end(),
                                  [&](const NotificationKind& kind) { return kind.code == code; });
  return found == kinds_.end() ? nullptr : &*found;
}

}  // namespace ensemble::notifications
