// The notification kinds of every module, declared at start: one line per module in
// known_kinds.cc (its code, default channel and mail labels).
#pragma once

#include "components/notifications/notification_kinds.h"

namespace ensemble::notifications {

Status DeclareKnownKinds(NotificationKindRegistry& registry);

}  // namespace ensemble::notifications
