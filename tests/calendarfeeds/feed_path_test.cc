// The feed path parser and the Paris date of an instant: pure functions, table-driven.
#include "app/calendar/feed_path.h"

#include <gtest/gtest.h>

#include <string>

#include "app/calendar/calendar_feeds.h"

namespace ensemble::app {
namespace {

const std::string kToken(43, 'A');

TEST(FeedPath, RoundTripsAToken) {
  const std::string path = FeedPath(kToken);
  EXPECT_EQ(path, "/feeds/" + kToken + ".ics");
  ASSERT_TRUE(ParseFeedPath(path).has_value());
  EXPECT_EQ(*ParseFeedPath(path), kToken);
  const std::string mixed = "aZ09-_" + std::string(37, 'x');
  EXPECT_EQ(ParseFeedPath(FeedPath(mixed)).value_or(""), mixed);
}

TEST(FeedPath, RefusesAnythingButExactlyOneWellFormedToken) {
  const std::string refused[] = {
      "",
      "/feeds/",
      "/feeds/.ics",
      "/feeds/.ics.ics",
      "/feeds/short.ics",
      "/feeds/" + kToken,
      "/feeds/" + kToken + ".ICS",
      "/feeds/" + kToken + ".ics?x=1",
      "/feeds/" + kToken + ".ics/",
      "/feeds/" + kToken + "A.ics",
      "/feeds/" + kToken.substr(1) + ".ics",
      "/feeds/" + kToken.substr(3) + "../.ics",
      "/feeds/../" + kToken.substr(3) + ".ics",
      "/feeds/" + kToken.substr(1) + "/.ics",
      "/feeds/" + kToken.substr(3) + "%2F.ics",
      "/feeds/" + kToken.substr(1) + "=.ics",
      "/feeds/" + kToken.substr(1) + "+.ics",
      "/feeds/" + kToken.substr(1) + std::string(1, '\0') + ".ics",
      "/feeds//" + kToken.substr(1) + ".ics",
      "/calendar/" + kToken + ".ics",
      "feeds/" + kToken + ".ics",
      "//feeds/" + kToken + ".ics",
  };
  for (const std::string& path : refused) {
    EXPECT_FALSE(ParseFeedPath(path).has_value()) << path;
  }
}

calendar::Day ParisDayAt(int y, unsigned m, unsigned d, int hour, int minute) {
  using namespace std::chrono;
  const auto at = sys_days{year{y} / month{m} / day{d}} + hours{hour} + minutes{minute};
  return ParisDay(duration_cast<milliseconds>(at.time_since_epoch()).count());
}

TEST(ParisDay, FollowsTheEuropeanSummerTimeRule) {
  using calendar::MakeDay;
  // Winter, UTC+1: 23:30 UTC is the next day in Paris; 22:59 UTC is not.
  EXPECT_EQ(ParisDayAt(2026, 12, 31, 23, 30), MakeDay(2027, 1, 1));
  EXPECT_EQ(ParisDayAt(2026, 1, 15, 22, 59), MakeDay(2026, 1, 15));
  // Summer, UTC+2: 22:00 UTC is already the next day.
  EXPECT_EQ(ParisDayAt(2026, 7, 1, 22, 0), MakeDay(2026, 7, 2));
  EXPECT_EQ(ParisDayAt(2026, 7, 1, 21, 59), MakeDay(2026, 7, 1));
  // 2026's summer time starts on 29 March at 01:00 UTC and ends on 25 October at 01:00 UTC.
  EXPECT_EQ(ParisDayAt(2026, 3, 28, 22, 59), MakeDay(2026, 3, 28));
  EXPECT_EQ(ParisDayAt(2026, 3, 28, 23, 0), MakeDay(2026, 3, 29));
  EXPECT_EQ(ParisDayAt(2026, 10, 24, 22, 0), MakeDay(2026, 10, 25));
  EXPECT_EQ(ParisDayAt(2026, 10, 25, 22, 30), MakeDay(2026, 10, 25));
  EXPECT_EQ(ParisDayAt(2026, 10, 25, 23, 0), MakeDay(2026, 10, 26));
}

}  // namespace
}  // namespace ensemble::app
