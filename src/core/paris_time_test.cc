// Paris time by the EU rule, checked against dates whose offsets a French calendar shows.
#include "core/paris_time.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ensemble {
namespace {

constexpr UnixMillis kHour = 3'600'000;

// An instant in UTC.
UnixMillis Utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  using namespace std::chrono;
  const sys_days date{year(y) / month(m) / day(d)};
  return duration_cast<milliseconds>(date.time_since_epoch()).count() + h * kHour + min * 60'000;
}

TEST(ParisTime, OneHourInWinterTwoInSummerChangingAtOneUtcOnTheLastSundays) {
  EXPECT_EQ(ParisOffset(Utc(2026, 1, 15, 12)), kHour);
  EXPECT_EQ(ParisOffset(Utc(2026, 7, 15, 12)), 2 * kHour);
  EXPECT_EQ(ParisOffset(Utc(2026, 3, 29, 1) - 1), kHour);  // Sunday 29 March 2026
  EXPECT_EQ(ParisOffset(Utc(2026, 3, 29, 1)), 2 * kHour);
  EXPECT_EQ(ParisOffset(Utc(2026, 10, 25, 1) - 1), 2 * kHour);  // Sunday 25 October 2026
  EXPECT_EQ(ParisOffset(Utc(2026, 10, 25, 1)), kHour);
  EXPECT_EQ(ParisOffset(Utc(2027, 3, 28, 1)), 2 * kHour);  // Sunday 28 March 2027
}

TEST(ParisTime, TheNextHourIsTodayOrTomorrow) {
  // 07:13 in Paris on 2 December: 07:00 has passed, so tomorrow 07:00 (06:00 UTC).
  EXPECT_EQ(NextParisHour(Utc(2026, 12, 2, 6, 13), 7), Utc(2026, 12, 3, 6));
  EXPECT_EQ(NextParisHour(Utc(2026, 12, 2, 5, 59), 7), Utc(2026, 12, 2, 6));
  EXPECT_EQ(NextParisHour(Utc(2026, 7, 1, 0), 7), Utc(2026, 7, 1, 5));
  // Exactly at the hour: the next day's.
  EXPECT_EQ(NextParisHour(Utc(2026, 7, 1, 5), 7), Utc(2026, 7, 2, 5));
  // Midnight Paris on New Year's Eve, from late in the UTC day.
  EXPECT_EQ(NextParisHour(Utc(2026, 12, 31, 22), 0), Utc(2026, 12, 31, 23));
}

TEST(ParisTime, AcrossTheChangesOfTheClocks) {
  // 07:00 on the day summer time starts is 05:00 UTC; the day before, 06:00 UTC.
  EXPECT_EQ(NextParisHour(Utc(2026, 3, 28, 12), 7), Utc(2026, 3, 29, 5));
  EXPECT_EQ(NextParisHour(Utc(2026, 10, 24, 12), 7), Utc(2026, 10, 25, 6));
  // 02:00 does not exist on 29 March: the clocks show 03:00 at 01:00 UTC.
  EXPECT_EQ(NextParisHour(Utc(2026, 3, 28, 23), 2), Utc(2026, 3, 29, 1));
  // 02:00 happens twice on 25 October: the first time, 00:00 UTC.
  EXPECT_EQ(NextParisHour(Utc(2026, 10, 24, 23), 2), Utc(2026, 10, 25, 0));
}

TEST(ParisTime, DatesAreWrittenInParisTime) {
  EXPECT_EQ(FormatParisTime(Utc(2026, 12, 2, 6, 5), false), "02/12/2026 07:05");
  EXPECT_EQ(FormatParisTime(Utc(2026, 7, 14, 22, 30), true), "2026-07-15 00:30");
  // Past midnight in Paris, still the day before in UTC.
  EXPECT_EQ(ParisIsoDate(Utc(2026, 7, 14, 22, 30)), "2026-07-15");
  EXPECT_EQ(ParisIsoDate(Utc(2026, 12, 31, 22, 59)), "2026-12-31");
}

}  // namespace
}  // namespace ensemble
