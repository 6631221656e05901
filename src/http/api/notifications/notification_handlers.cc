#include <boost/json.hpp>

#include "core/clock.h"
#include "http/api/handler_support.h"
#include "http/api/json_body.h"
#include "http/api/notifications/handlers.h"

namespace ensemble::http::handlers {
namespace {

using notifications::NotificationService;

// ?unread=true lists the unread ones only; absent, empty or false lists them all.
Result<bool> ParseUnread(const Request& request) {
  const auto text = request.QueryParam("unread");
  if (!text || text->empty() || *text == "false") return false;
  if (*text == "true") return true;
  return Fail(ErrorCode::kInvalidArgument, "core.query.bad_boolean", "unread");
}

boost::json::value ParamsJson(const std::string& params) {
  // The service stored an object it checked; anything else would be a bug, shown as empty.
  boost::system::error_code error;
  boost::json::value parsed = boost::json::parse(params, error);
  if (error || !parsed.is_object()) return boost::json::object{};
  return parsed;
}

boost::json::object ToJson(const storage::Notification& notification) {
  return {
      {"id", notification.id},
      {"kind", notification.kind},
      {"params", ParamsJson(notification.params)},
      {"link", notification.link},
      {"created_at", FormatIso8601(notification.created_at)},
      {"read_at", notification.read_at ? boost::json::value(FormatIso8601(*notification.read_at))
                                       : boost::json::value(nullptr)}};
}

}  // namespace

Result<Response> ListMyNotifications(NotificationService& service, RouteContext& context) {
  const bool unread = ENSEMBLE_TRY(ParseUnread(context.request));
  std::int64_t page_number = 1;
  const auto page = ENSEMBLE_TRY(ParsePaging(context.request, page_number));
  const auto result = ENSEMBLE_TRY(service.List(context.actor().person_id, unread, page));
  boost::json::array items;
  for (const auto& notification : result.items) items.push_back(ToJson(notification));
  return JsonAnswer(PagedJson(std::move(items), page_number, page, result.total));
}

Result<Response> MarkNotificationRead(NotificationService& service, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  ENSEMBLE_TRY_STATUS(service.MarkRead(context.actor().person_id, id));
  return Response::NoContent();
}

Result<Response> MarkAllNotificationsRead(NotificationService& service, RouteContext& context) {
  const auto marked = ENSEMBLE_TRY(service.MarkAllRead(context.actor().person_id));
  return JsonAnswer(boost::json::object{{"marked", marked}});
}

Result<Response> GetNotificationSettings(NotificationService& service, RouteContext& context) {
  const auto settings = ENSEMBLE_TRY(service.GetSettings(context.actor().person_id));
  boost::json::array kinds;
  for (const auto& kind : settings.kinds) {
    kinds.push_back(boost::json::object{{"kind", kind.kind},
                                        {"channel", notifications::ToString(kind.channel)},
                                        {"chosen", kind.chosen}});
  }
  return JsonAnswer(
      boost::json::object{{"language", ToString(settings.language)}, {"kinds", std::move(kinds)}});
}

Result<Response> SetNotificationChannel(NotificationService& service, RouteContext& context) {
  const auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"channel"}));
  const std::string channel = ENSEMBLE_TRY(body.RequiredString("channel"));
  ENSEMBLE_TRY_STATUS(
      service.SetSetting(context.actor().person_id, context.params.Get("kind"), channel));
  return Response::NoContent();
}

Result<Response> SetNotificationLanguage(NotificationService& service, RouteContext& context) {
  const auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"language"}));
  const std::string language = ENSEMBLE_TRY(body.RequiredString("language"));
  ENSEMBLE_TRY_STATUS(service.SetLanguage(context.actor().person_id, language));
  return Response::NoContent();
}

}  // namespace ensemble::http::handlers
