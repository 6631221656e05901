// The calendar feeds' routes: a person's own feed under /api/v1/me, a structure's under
// /api/v1/structures/{id}, and the public ICS at /feeds/{token}.ics. docs/openapi.json describes
// the same table; a test checks that they agree.
#include "http/api/calendar/handlers.h"

namespace ensemble::http {

void RegisterCalendarFeedRoutes(Router& router, app::CalendarFeeds& feeds,
                                const RouterOptions& options) {
  namespace h = handlers;
  auto use = [&feeds](auto handler) {
    return [&feeds, handler](RouteContext& context) { return handler(feeds, context); };
  };
  auto with_url = [&feeds, public_url = options.public_url](auto handler) {
    return [&feeds, public_url, handler](RouteContext& context) {
      return handler(feeds, public_url, context);
    };
  };
  constexpr Access kPublic = Access::kPublic;
  constexpr Access kSignedIn = Access::kSignedIn;

  // clang-format off
  router.Add({"POST",   "/api/v1/me/calendar-feed",                           kSignedIn, with_url(h::CreateMyCalendarFeed)});
  router.Add({"GET",    "/api/v1/me/calendar-feed",                           kSignedIn, use(h::GetMyCalendarFeed)});
  router.Add({"DELETE", "/api/v1/me/calendar-feeds/{id}",                     kSignedIn, use(h::RevokeMyCalendarFeed)});
  router.Add({"POST",   "/api/v1/structures/{id}/calendar-feed",              kSignedIn, with_url(h::CreateStructureCalendarFeed)});
  router.Add({"GET",    "/api/v1/structures/{id}/calendar-feed",              kSignedIn, use(h::GetStructureCalendarFeed)});
  router.Add({"DELETE", "/api/v1/structures/{id}/calendar-feeds/{feed_id}",   kSignedIn, use(h::RevokeStructureCalendarFeed)});
  router.Add({"GET",    "/feeds/{token}.ics",                                 kPublic,   use(h::ServeCalendarFeed)});
  // clang-format on
}

}  // namespace ensemble::http
