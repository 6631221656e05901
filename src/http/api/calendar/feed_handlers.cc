#include <boost/json.hpp>

#include "app/calendar/feed_path.h"
#include "core/clock.h"
#include "http/api/calendar/handlers.h"
#include "http/api/handler_support.h"
#include "http/error_mapping.h"

namespace ensemble::http::handlers {
namespace {

using app::CalendarFeeds;

// The URL is the secret: it is in this answer only, and the answer is never cached.
Response CreatedJson(const app::CreatedFeed& feed, const std::string& public_url) {
  return JsonAnswer(boost::json::object{{"id", feed.id}, {"url", public_url + feed.url_path}}, 201);
}

Response FeedJson(const std::optional<app::FeedSummary>& feed) {
  if (!feed) return JsonAnswer(boost::json::object{{"feed", nullptr}});
  return JsonAnswer(boost::json::object{
      {"feed", boost::json::object{
                   {"id", feed->id},
                   {"created_at", FormatIso8601(feed->created_at)},
                   {"last_used_at", feed->last_used_at
                                        ? boost::json::value(FormatIso8601(*feed->last_used_at))
                                        : boost::json::value(nullptr)}}}});
}

// The headers of every answer under a feed's URL: the token must not leave in a Referer, and
// no cache between the calendar application and the server may keep the feed or its absence.
void AddFeedHeaders(Response& response) {
  response.SetHeader("Referrer-Policy", "no-referrer");
  response.SetHeader("Cache-Control", "no-store");
}

}  // namespace

Result<Response> CreateMyCalendarFeed(CalendarFeeds& feeds, const std::string& public_url,
                                      RouteContext& context) {
  return CreatedJson(ENSEMBLE_TRY(feeds.CreatePersonFeed(context.actor().person_id)), public_url);
}

Result<Response> GetMyCalendarFeed(CalendarFeeds& feeds, RouteContext& context) {
  return FeedJson(ENSEMBLE_TRY(feeds.PersonFeed(context.actor().person_id)));
}

Result<Response> RevokeMyCalendarFeed(CalendarFeeds& feeds, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  ENSEMBLE_TRY_STATUS(feeds.RevokePersonFeed(context.actor().person_id, id));
  return Response::NoContent();
}

Result<Response> CreateStructureCalendarFeed(CalendarFeeds& feeds, const std::string& public_url,
                                             RouteContext& context) {
  const auto structure = ENSEMBLE_TRY(context.params.Id("id"));
  return CreatedJson(ENSEMBLE_TRY(feeds.CreateStructureFeed(context.actor(), structure)),
                     public_url);
}

Result<Response> GetStructureCalendarFeed(CalendarFeeds& feeds, RouteContext& context) {
  const auto structure = ENSEMBLE_TRY(context.params.Id("id"));
  return FeedJson(ENSEMBLE_TRY(feeds.StructureFeed(context.actor(), structure)));
}

Result<Response> RevokeStructureCalendarFeed(CalendarFeeds& feeds, RouteContext& context) {
  const auto structure = ENSEMBLE_TRY(context.params.Id("id"));
  const auto feed = ENSEMBLE_TRY(context.params.Id("feed_id"));
  ENSEMBLE_TRY_STATUS(feeds.RevokeStructureFeed(context.actor(), structure, feed));
  return Response::NoContent();
}

Result<Response> ServeCalendarFeed(CalendarFeeds& feeds, RouteContext& context) {
  // The whole path is read again by the feed's own parser, which refuses what the route's
  // pattern lets through (a second dot, a token of the wrong shape) with the same answer as an
  // unknown token.
  Result<std::string> ics = std::unexpected(app::FeedNotFound());
  if (const auto token = app::ParseFeedPath(context.request.path)) ics = feeds.Render(*token);
  if (!ics && ics.error().code != ErrorCode::kNotFound) return std::unexpected(ics.error());
  Response response = ics ? Response{200, {}, std::move(*ics)} : ErrorResponse(ics.error());
  if (response.status == 200) {
    response.SetHeader("Content-Type", "text/calendar; charset=utf-8");
  }
  AddFeedHeaders(response);
  return response;
}

}  // namespace ensemble::http::handlers
