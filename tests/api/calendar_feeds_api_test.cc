// The calendar feeds over HTTP (src/http/api/calendar/): a feed made through the API is fetched
// anonymously at its secret URL and read as a calendar; rotation and revocation make the old URL
// answer exactly as a made-up or malformed token; a structure's feed is its director's, as the
// tenancy policy's manage_calendar_feed decides, and refusals are audited.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/api/api_fixture.h"
#include "tests/api/demo_people.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

class CalendarFeedsApi : public ApiTest {
 protected:
  Reply Fetch(const std::string& url) { return Call(nullptr, "GET", url); }

  static void ExpectFeedHeaders(const Reply& reply, const std::string& what) {
    EXPECT_EQ(reply.headers.at("referrer-policy"), "no-referrer") << what;
    EXPECT_EQ(reply.headers.at("cache-control"), "no-store") << what;
  }

  static std::string UrlOf(const Reply& created) {
    EXPECT_EQ(created.status, 201) << created.body;
    if (!created.json.is_object()) return "";
    return std::string(created.json.at("url").as_string());
  }
};

TEST_F(CalendarFeedsApi, AFeedMadeOverHttpIsFetchedAnonymouslyAsACalendar) {
  const Session claire = SignIn(demo::kClaire);
  EXPECT_TRUE(Get(claire, "/api/v1/me/calendar-feed").json.at("feed").is_null());
  const Reply created = Send(claire, "POST", "/api/v1/me/calendar-feed", json::object{});
  const std::string url = UrlOf(created);
  EXPECT_TRUE(url.starts_with("/feeds/") && url.ends_with(".ics")) << url;
  EXPECT_EQ(created.headers.at("cache-control"), "no-store");

  const Reply feed = Fetch(url);
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.headers.at("content-type"), "text/calendar; charset=utf-8");
  ExpectFeedHeaders(feed, "the feed");
  EXPECT_TRUE(feed.body.starts_with("BEGIN:VCALENDAR\r\n")) << feed.body;
  EXPECT_NE(feed.body.find("METHOD:PUBLISH"), std::string::npos) << feed.body;
  EXPECT_NE(feed.body.find("END:VCALENDAR"), std::string::npos) << feed.body;

  // Her summary says when it was made, never the URL.
  const Reply summary = Get(claire, "/api/v1/me/calendar-feed");
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(summary.json.at("feed").at("id"), created.json.at("id"));
  EXPECT_EQ(summary.body.find(url.substr(7, 43)), std::string::npos);
}

TEST_F(CalendarFeedsApi, RotationAndRevocationAnswerAsAMadeUpToken) {
  const Session claire = SignIn(demo::kClaire);
  const std::string old_url =
      UrlOf(Send(claire, "POST", "/api/v1/me/calendar-feed", json::object{}));
  const Reply rotated = Send(claire, "POST", "/api/v1/me/calendar-feed", json::object{});
  const std::string new_url = UrlOf(rotated);
  ASSERT_NE(old_url, new_url);
  EXPECT_EQ(Fetch(new_url).status, 200);

  const Reply old_feed = Fetch(old_url);
  EXPECT_EQ(old_feed.status, 404) << old_feed.body;
  EXPECT_EQ(old_feed.ErrorCode(), "not_found");
  ExpectFeedHeaders(old_feed, "the rotated feed");
  for (const std::string& other :
       {"/feeds/" + std::string(43, 'A') + ".ics",  // made up
        std::string("/feeds/short.ics"),            // malformed
        "/feeds/" + std::string(43, '.') + ".ics", "/feeds/" + std::string(42, 'A') + "%25.ics"}) {
    const Reply reply = Fetch(other);
    EXPECT_EQ(reply.status, 404) << other;
    EXPECT_EQ(reply.body, old_feed.body) << other;
    ExpectFeedHeaders(reply, other);
  }

  const auto id = std::to_string(rotated.json.at("id").as_int64());
  EXPECT_EQ(Send(claire, "DELETE", "/api/v1/me/calendar-feeds/" + id, nullptr).status, 204);
  const Reply revoked = Fetch(new_url);
  EXPECT_EQ(revoked.status, 404);
  EXPECT_EQ(revoked.body, old_feed.body);
  EXPECT_TRUE(Get(claire, "/api/v1/me/calendar-feed").json.at("feed").is_null());
  // Revoking it again: as any id she has no live feed of.
  const Reply again = Send(claire, "DELETE", "/api/v1/me/calendar-feeds/" + id, nullptr);
  const Reply missing = Send(claire, "DELETE", "/api/v1/me/calendar-feeds/999999", nullptr);
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(again.body, missing.body);
}

TEST_F(CalendarFeedsApi, AStructuresFeedIsItsDirectorsAndRefusalsAreAudited) {
  const auto alma = std::to_string(StructureId("Centre social Alma"));
  const std::string path = "/api/v1/structures/" + alma + "/calendar-feed";
  // Sophie has a role at Alma that may not: forbidden.
  const Session sophie = SignInActingFor(demo::kSophie, "Centre social Alma");
  const Reply forbidden = Send(sophie, "POST", path, json::object{});
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(forbidden.ErrorCode(), "permission_denied");
  EXPECT_EQ(Get(sophie, path).status, 403);
  // Marc acts for ECHO: Alma's feed is hidden as a structure that does not exist.
  const Session marc = SignIn(demo::kMarc);
  const Reply hidden = Send(marc, "POST", path, json::object{});
  const Reply missing =
      Send(marc, "POST", "/api/v1/structures/999999/calendar-feed", json::object{});
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.body, missing.body);

  const Session claire = SignIn(demo::kClaire);
  const Reply created = Send(claire, "POST", path, json::object{});
  const Reply feed = Fetch(UrlOf(created));
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_NE(feed.body.find("X-WR-CALNAME:Centre social Alma"), std::string::npos) << feed.body;
  const Reply summary = Get(claire, path);
  EXPECT_EQ(summary.json.at("feed").at("id"), created.json.at("id"));

  const Reply refused = Get(claire, "/api/v1/structures/" + alma + "/audit?action=refused");
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_NE(refused.body.find("manage_calendar_feed"), std::string::npos) << refused.body;

  const auto id = std::to_string(created.json.at("id").as_int64());
  EXPECT_EQ(
      Send(marc, "DELETE", "/api/v1/structures/" + alma + "/calendar-feeds/" + id, nullptr).status,
      404);
  EXPECT_EQ(Fetch(UrlOf(created)).status, 200);
  EXPECT_EQ(Send(claire, "DELETE", "/api/v1/structures/" + alma + "/calendar-feeds/" + id, nullptr)
                .status,
            204);
  EXPECT_EQ(Fetch(UrlOf(created)).status, 404);
}

TEST_F(CalendarFeedsApi, MalformedIdsAreRefusedNamingThem) {
  const Session claire = SignIn(demo::kClaire);
  const Reply mine = Send(claire, "DELETE", "/api/v1/me/calendar-feeds/abc", nullptr);
  EXPECT_EQ(mine.status, 400);
  EXPECT_EQ(mine.ErrorField(), "id");
  const Reply structure =
      Send(claire, "POST", "/api/v1/structures/x/calendar-feed", json::object{});
  EXPECT_EQ(structure.status, 400);
  EXPECT_EQ(structure.ErrorField(), "id");
  const auto alma = std::to_string(StructureId("Centre social Alma"));
  const Reply feed =
      Send(claire, "DELETE", "/api/v1/structures/" + alma + "/calendar-feeds/-1", nullptr);
  EXPECT_EQ(feed.status, 400);
  EXPECT_EQ(feed.ErrorField(), "feed_id");
}

}  // namespace
}  // namespace ensemble::testing_support
