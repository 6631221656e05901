// Hand-checked dates (the Easter Sundays also agree with python-dateutil's easter()), the
// properties every year of the range must have, and the refusals.
// tests/staffing/holidays_oracle_test.cc compares every year from 1990 to 2100 with
// @socialgouv/jours-feries.
#include "domain/staffing/holidays.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace ensemble::staffing {

std::string Iso(Date date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

// For the failures of EXPECT_EQ on holidays and lists of them.
void PrintTo(const Holiday& holiday, std::ostream* out) {
  *out << Iso(holiday.date) << " " << holiday.code;
}

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

std::vector<Holiday> HolidaysOf(int y, HolidayZone zone) {
  Result<std::vector<Holiday>> holidays = FrenchHolidays(y, zone);
  EXPECT_TRUE(holidays.has_value()) << y;
  return holidays.value_or(std::vector<Holiday>{});
}

Date DateOf(const std::vector<Holiday>& holidays, std::string_view code) {
  for (const Holiday& holiday : holidays) {
    if (holiday.code == code) {
      return holiday.date;
    }
  }
  ADD_FAILURE() << "no " << code;
  return {};
}

bool IsHoliday(Date date, HolidayZone zone) {
  Result<bool> answer = IsFrenchHoliday(date, zone);
  EXPECT_TRUE(answer.has_value());
  return answer.value_or(false);
}

std::string EasterOf(int y) {
  const Result<Date> easter = EasterSunday(y);
  return easter ? Iso(*easter) : "error";
}

TEST(EasterSunday, KnownYears) {
  EXPECT_EQ(EasterOf(1900), "1900-04-15");
  EXPECT_EQ(EasterOf(1990), "1990-04-15");
  EXPECT_EQ(EasterOf(2008), "2008-03-23");  // The earliest of the century.
  EXPECT_EQ(EasterOf(2024), "2024-03-31");
  EXPECT_EQ(EasterOf(2025), "2025-04-20");
  EXPECT_EQ(EasterOf(2026), "2026-04-05");
  EXPECT_EQ(EasterOf(2038), "2038-04-25");  // The latest Easter can be.
  // @socialgouv/jours-feries says 25 April: from 2106 on its Easter is now and then a week off
  // (it divides b + 8 by 25 as a fraction where Meeus takes the quotient), which is why the
  // oracle test stops at 2100.
  EXPECT_EQ(EasterOf(2106), "2106-04-18");
  EXPECT_EQ(EasterOf(2200), "2200-04-06");
}

TEST(EasterSunday, AlwaysASundayFrom22MarchTo25April) {
  for (int y = kFirstHolidayYear; y <= kLastHolidayYear; ++y) {
    const Result<Date> easter = EasterSunday(y);
    ASSERT_TRUE(easter.has_value()) << y;
    EXPECT_EQ(weekday{sys_days{*easter}}, std::chrono::Sunday) << y;
    EXPECT_GE(*easter, D(y, 3, 22)) << y;
    EXPECT_LE(*easter, D(y, 4, 25)) << y;
  }
}

TEST(FrenchHolidays, Metropolitan2026) {
  const std::vector<Holiday> expected = {
      {D(2026, 1, 1), "new_years_day"},   {D(2026, 4, 6), "easter_monday"},
      {D(2026, 5, 1), "labour_day"},      {D(2026, 5, 8), "victory_day"},
      {D(2026, 5, 14), "ascension_day"},  {D(2026, 5, 25), "whit_monday"},
      {D(2026, 7, 14), "national_day"},   {D(2026, 8, 15), "assumption_day"},
      {D(2026, 11, 1), "all_saints_day"}, {D(2026, 11, 11), "armistice_day"},
      {D(2026, 12, 25), "christmas_day"},
  };
  EXPECT_EQ(FrenchHolidays(2026, HolidayZone::kMetropolitan), expected);
}

TEST(FrenchHolidays, AlsaceMoselle2026AddsGoodFridayAndStStephensDay) {
  const std::vector<Holiday> holidays = HolidaysOf(2026, HolidayZone::kAlsaceMoselle);
  ASSERT_EQ(holidays.size(), 13u);
  EXPECT_EQ(holidays[1], (Holiday{D(2026, 4, 3), "good_friday"}));
  EXPECT_EQ(holidays[2], (Holiday{D(2026, 4, 6), "easter_monday"}));
  EXPECT_EQ(holidays[12], (Holiday{D(2026, 12, 26), "st_stephens_day"}));
}

TEST(FrenchHolidays, FollowEaster) {
  const std::vector<Holiday> h2024 = HolidaysOf(2024, HolidayZone::kAlsaceMoselle);
  EXPECT_EQ(DateOf(h2024, "good_friday"), D(2024, 3, 29));
  EXPECT_EQ(DateOf(h2024, "easter_monday"), D(2024, 4, 1));
  EXPECT_EQ(DateOf(h2024, "ascension_day"), D(2024, 5, 9));
  EXPECT_EQ(DateOf(h2024, "whit_monday"), D(2024, 5, 20));
  const std::vector<Holiday> h2038 = HolidaysOf(2038, HolidayZone::kMetropolitan);
  EXPECT_EQ(DateOf(h2038, "ascension_day"), D(2038, 6, 3));
  EXPECT_EQ(DateOf(h2038, "whit_monday"), D(2038, 6, 14));
}

// In 2008 Ascension fell on 1 May: one day, two holidays, both listed in the order of the rules.
TEST(FrenchHolidays, TwoHolidaysOnOneDay) {
  const std::vector<Holiday> holidays = HolidaysOf(2008, HolidayZone::kMetropolitan);
  ASSERT_EQ(holidays.size(), 11u);
  EXPECT_EQ(holidays[2], (Holiday{D(2008, 5, 1), "labour_day"}));
  EXPECT_EQ(holidays[3], (Holiday{D(2008, 5, 1), "ascension_day"}));
}

TEST(FrenchHolidays, EveryYearHasItsDaysOnTheirWeekdaysInOrder) {
  for (int y = kFirstHolidayYear; y <= kLastHolidayYear; ++y) {
    for (HolidayZone zone : {HolidayZone::kMetropolitan, HolidayZone::kAlsaceMoselle}) {
      const std::vector<Holiday> holidays = HolidaysOf(y, zone);
      const bool alsace = zone == HolidayZone::kAlsaceMoselle;
      ASSERT_EQ(holidays.size(), alsace ? 13u : 11u) << y;
      std::set<std::string_view> codes;
      for (std::size_t i = 0; i < holidays.size(); ++i) {
        EXPECT_EQ(holidays[i].date.year(), year{y});
        EXPECT_TRUE(holidays[i].date.ok());
        codes.insert(holidays[i].code);
        if (i > 0) {
          EXPECT_LE(holidays[i - 1].date, holidays[i].date) << y;
        }
      }
      EXPECT_EQ(codes.size(), holidays.size()) << y;
      EXPECT_EQ(weekday{sys_days{DateOf(holidays, "easter_monday")}}, std::chrono::Monday);
      EXPECT_EQ(weekday{sys_days{DateOf(holidays, "ascension_day")}}, std::chrono::Thursday);
      EXPECT_EQ(weekday{sys_days{DateOf(holidays, "whit_monday")}}, std::chrono::Monday);
      if (alsace) {
        EXPECT_EQ(weekday{sys_days{DateOf(holidays, "good_friday")}}, std::chrono::Friday);
      }
    }
  }
}

TEST(IsFrenchHoliday, ByZone) {
  EXPECT_TRUE(IsHoliday(D(2026, 5, 25), HolidayZone::kMetropolitan));   // Whit Monday.
  EXPECT_FALSE(IsHoliday(D(2026, 5, 24), HolidayZone::kMetropolitan));  // Whit Sunday.
  EXPECT_FALSE(IsHoliday(D(2026, 4, 3), HolidayZone::kMetropolitan));
  EXPECT_TRUE(IsHoliday(D(2026, 4, 3), HolidayZone::kAlsaceMoselle));
  EXPECT_FALSE(IsHoliday(D(2026, 12, 26), HolidayZone::kMetropolitan));
  EXPECT_TRUE(IsHoliday(D(2026, 12, 26), HolidayZone::kAlsaceMoselle));
  EXPECT_TRUE(IsHoliday(D(2026, 7, 14), HolidayZone::kAlsaceMoselle));
  EXPECT_FALSE(IsHoliday(D(2026, 7, 15), HolidayZone::kAlsaceMoselle));
}

TEST(FrenchHolidays, YearsOutsideTheRangeAreRefused) {
  for (int y : {kFirstHolidayYear - 1, kLastHolidayYear + 1, 0, -4000}) {
    const Result<std::vector<Holiday>> holidays = FrenchHolidays(y, HolidayZone::kMetropolitan);
    ASSERT_FALSE(holidays.has_value()) << y;
    EXPECT_EQ(holidays.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(holidays.error().field, "year");
    EXPECT_EQ(holidays.error().message,
              (Message{"staffing.holidays.year_out_of_range",
                       {{"year", std::to_string(y)}, {"first", "1900"}, {"last", "2200"}}}));
  }
  EXPECT_EQ(EasterSunday(1899).error().field, "year");
  EXPECT_TRUE(FrenchHolidays(kFirstHolidayYear, HolidayZone::kAlsaceMoselle).has_value());
  EXPECT_TRUE(FrenchHolidays(kLastHolidayYear, HolidayZone::kAlsaceMoselle).has_value());
}

TEST(IsFrenchHoliday, RefusesADateThatDoesNotExistOrIsOutOfRange) {
  const Result<bool> february_30 = IsFrenchHoliday(D(2026, 2, 30), HolidayZone::kMetropolitan);
  ASSERT_FALSE(february_30.has_value());
  EXPECT_EQ(february_30.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(february_30.error().field, "date");
  EXPECT_EQ(february_30.error().message.id, "staffing.holidays.invalid_date");

  const Result<bool> too_late = IsFrenchHoliday(D(2201, 1, 1), HolidayZone::kMetropolitan);
  ASSERT_FALSE(too_late.has_value());
  EXPECT_EQ(too_late.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(too_late.error().field, "year");
}

TEST(HolidayLabel, IsTheMessageOfTheCode) {
  EXPECT_EQ(HolidayLabel({D(2026, 4, 6), "easter_monday"}).id, "staffing.holiday.easter_monday");
}

}  // namespace
}  // namespace ensemble::staffing
