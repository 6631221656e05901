// The calendar feeds' API handlers: a person's own feed, a structure's feed (as the tenancy
// policy's manage_calendar_feed decides, in the use case), and the public ICS under a feed's
// secret URL, which a calendar application fetches without a session.
#pragma once

#include <string>

#include "app/calendar/calendar_feeds.h"
#include "http/api/router.h"

namespace ensemble::http {

void RegisterCalendarFeedRoutes(Router& router, app::CalendarFeeds& feeds,
                                const RouterOptions& options);

namespace handlers {

// `public_url` ("https://ensemble.example", or empty) goes before the path of a new feed's URL.
Result<Response> CreateMyCalendarFeed(app::CalendarFeeds& feeds, const std::string& public_url,
                                      RouteContext& context);
Result<Response> GetMyCalendarFeed(app::CalendarFeeds& feeds, RouteContext& context);
Result<Response> RevokeMyCalendarFeed(app::CalendarFeeds& feeds, RouteContext& context);
Result<Response> CreateStructureCalendarFeed(app::CalendarFeeds& feeds,
                                             const std::string& public_url, RouteContext& context);
Result<Response> GetStructureCalendarFeed(app::CalendarFeeds& feeds, RouteContext& context);
Result<Response> RevokeStructureCalendarFeed(app::CalendarFeeds& feeds, RouteContext& context);
// Public: text/calendar, or the one 404 of a feed that cannot be served.
Result<Response> ServeCalendarFeed(app::CalendarFeeds& feeds, RouteContext& context);

}  // namespace handlers
}  // namespace ensemble::http
