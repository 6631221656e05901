// The API's registry: the platform's own route and one line per module, each adding its routes
// (http/api/<module>/routes.cc). docs/openapi.json describes the whole table; a test checks that
// they agree.
#include <boost/json.hpp>

#include "http/api/calendar/handlers.h"
#include "http/api/handler_support.h"
#include "http/api/notifications/handlers.h"
#include "http/api/router.h"
#include "http/api/staffing/handlers.h"
#include "http/api/surveys/handlers.h"
#include "http/api/tenancy/handlers.h"

namespace ensemble::http {
namespace {

boost::json::object AboutJson(const AboutSettings& about, const app::AppOptions& options) {
  constexpr std::int64_t kMinute = 60 * 1000;
  return boost::json::object{
      {"operator", boost::json::object{{"name", about.operator_name},
                                       {"address", about.operator_address},
                                       {"email", about.operator_email}}},
      {"publication_director", about.publication_director},
      {"accessibility_contact", about.accessibility_contact},
      {"retention",
       boost::json::object{
           {"session_idle_minutes", options.session_idle_timeout / kMinute},
           {"session_absolute_hours", options.session_absolute_timeout / (60 * kMinute)},
           {"audit_log_months", about.audit_log_months},
           {"password_reset_minutes", options.password_reset.validity / kMinute}}}};
}

}  // namespace

Router BuildApiRouter(app::App& app, RouterOptions options) {
  Router router(app, options);
  router.Add({"GET", "/healthz", Access::kPublic, [&app](RouteContext&) -> Result<Response> {
                const auto health = ENSEMBLE_TRY(app.Health());
                return JsonAnswer(boost::json::object{{"status", "ok"},
                                                      {"database", health.backend},
                                                      {"schema_version", health.schema_version}});
              }});

  // What the pages' maps draw on: the operator's tile server, or none (markers listed only).
  router.Add(
      {"GET", "/api/v1/map-settings", Access::kPublic,
       [tiles = options.map_tiles,
        attribution = options.map_attribution](RouteContext&) -> Result<Response> {
         return JsonAnswer(boost::json::object{
             {"tile_url", tiles.empty() ? boost::json::value(nullptr) : boost::json::value(tiles)},
             {"attribution", attribution},
             {"configured", !tiles.empty()}});
       }});

  // Who runs the service and how long it keeps what, for the legal and privacy pages.
  router.Add({"GET", "/api/v1/about", Access::kPublic,
              [&app, about = options.about](RouteContext&) -> Result<Response> {
                return JsonAnswer(AboutJson(about, app.options()));
              }});

  // One line per module, then one per shared component.
  RegisterTenancyRoutes(router, router.modules().tenancy, options);
  RegisterStaffingRoutes(router, router.modules().staffing);
  RegisterSurveysRoutes(router, router.modules().surveys, router.options());
  RegisterNotificationRoutes(router, router.modules().notifications);
  RegisterCalendarFeedRoutes(router, router.modules().calendar_feeds, options);
  return router;
}

}  // namespace ensemble::http
