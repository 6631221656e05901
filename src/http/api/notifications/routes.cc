// The notifications' routes: a person's own list and settings, under /api/v1/me.
// docs/openapi.json describes the same table; a test checks that they agree.
#include "http/api/notifications/handlers.h"

namespace ensemble::http {

void RegisterNotificationRoutes(Router& router, notifications::NotificationService& service) {
  namespace h = handlers;
  auto use = [&service](auto handler) {
    return [&service, handler](RouteContext& context) { return handler(service, context); };
  };
  constexpr Access kSignedIn = Access::kSignedIn;

  // clang-format off
  router.Add({"GET",  "/api/v1/me/notifications",                         kSignedIn, use(h::ListMyNotifications)});
  router.Add({"POST", "/api/v1/me/notifications/read-all",                kSignedIn, use(h::MarkAllNotificationsRead)});
  router.Add({"POST", "/api/v1/me/notifications/{id}/read",               kSignedIn, use(h::MarkNotificationRead)});
  router.Add({"GET",  "/api/v1/me/notification-settings",                 kSignedIn, use(h::GetNotificationSettings)});
  router.Add({"PUT",  "/api/v1/me/notification-settings/kinds/{kind}",    kSignedIn, use(h::SetNotificationChannel)});
  router.Add({"PUT",  "/api/v1/me/notification-settings/language",        kSignedIn, use(h::SetNotificationLanguage)});
  // clang-format on
}

}  // namespace ensemble::http
