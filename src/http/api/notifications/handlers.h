// The notifications component's API handlers: a signed-in person's own notifications and her
// settings. Each parses and validates its input and calls the service, which reaches her rows
// alone (app/notifications/notification_service.h).
#pragma once

#include "app/notifications/notification_service.h"
#include "http/api/router.h"

namespace ensemble::http {

void RegisterNotificationRoutes(Router& router, notifications::NotificationService& service);

namespace handlers {

Result<Response> ListMyNotifications(notifications::NotificationService& service,
                                     RouteContext& context);
Result<Response> MarkNotificationRead(notifications::NotificationService& service,
                                      RouteContext& context);
Result<Response> MarkAllNotificationsRead(notifications::NotificationService& service,
                                          RouteContext& context);
Result<Response> GetNotificationSettings(notifications::NotificationService& service,
                                         RouteContext& context);
Result<Response> SetNotificationChannel(notifications::NotificationService& service,
                                        RouteContext& context);
Result<Response> SetNotificationLanguage(notifications::NotificationService& service,
                                         RouteContext& context);

}  // namespace handlers
}  // namespace ensemble::http
