#include "app/notifications/known_kinds.h"

namespace ensemble::notifications {

Status DeclareKnownKinds(NotificationKindRegistry& registry) {
  // One line per kind, grouped by module; a module that lands moves its lines to itself.
  for (NotificationKind kind : {
           NotificationKind{"referral_received", Channel::kEmailNow, "Orientation reçue",
                            "Referral received"},
           NotificationKind{"deadline_soon", Channel::kDailyDigest, "Échéance proche",
                            "Deadline soon"},
           NotificationKind{"meeting_invitation", Channel::kEmailNow, "Invitation à une réunion",
                            "Meeting invitation"},
       }) {
    ENSEMBLE_TRY_STATUS(registry.Declare(std::move(kind)));
  }
  return Ok();
}

}  // namespace ensemble::notifications
