#include "domain/staffing/holidays.h"

#include <algorithm>
#include <array>
#include <string>

namespace ensemble::staffing {
namespace {

enum class Applies {
  kEverywhere,
  kAlsaceMoselleOnly,
};

// A holiday on the same day of every year.
struct FixedDay {
  std::string_view code;
  unsigned month;
  unsigned day;
  Applies applies;
};

// A holiday that follows Easter Sunday.
struct FromEaster {
  std::string_view code;
  int days_after_easter;
  Applies applies;
};

constexpr std::array kFixedDays = {
    FixedDay{"new_years_day", 1, 1, Applies::kEverywhere},
    FixedDay{"labour_day", 5, 1, Applies::kEverywhere},
    FixedDay{"victory_day", 5, 8, Applies::kEverywhere},
    FixedDay{"national_day", 7, 14, Applies::kEverywhere},
    FixedDay{"assumption_day", 8, 15, Applies::kEverywhere},
    FixedDay{"all_saints_day", 11, 1, Applies::kEverywhere},
    FixedDay{"armistice_day", 11, 11, Applies::kEverywhere},
    FixedDay{"christmas_day", 12, 25, Applies::kEverywhere},
    FixedDay{"st_stephens_day", 12, 26, Applies::kAlsaceMoselleOnly},
};

constexpr std::array kFromEaster = {
    FromEaster{"good_friday", -2, Applies::kAlsaceMoselleOnly},
    FromEaster{"easter_monday", 1, Applies::kEverywhere},
    FromEaster{"ascension_day", 39, Applies::kEverywhere},
    FromEaster{"whit_monday", 50, Applies::kEverywhere},
};

bool AppliesIn(Applies applies, HolidayZone zone) {
  return applies == Applies::kEverywhere || zone == HolidayZone::kAlsaceMoselle;
}

Status CheckYear(int year) {
  if (year < kFirstHolidayYear || year > kLastHolidayYear) {
    // Years go as text: they are not grouped like quantities.
    return Fail(ErrorCode::kInvalidArgument,
                Message{"staffing.holidays.year_out_of_range",
                        {{"year", std::to_string(year)},
                         {"first", std::to_string(kFirstHolidayYear)},
                         {"last", std::to_string(kLastHolidayYear)}}},
                "year");
  }
  return Ok();
}

Date CivilDate(int year, unsigned month, unsigned day) {
  return std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
}

Date DaysAfter(Date date, int days) {
  return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

}  // namespace

Result<Date> EasterSunday(int year) {
  ENSEMBLE_TRY_STATUS(CheckYear(year));
  // Meeus, Astronomical Algorithms (1991), chapter 8, after Jones (1876) and Butcher (1876):
  // exact for every Gregorian year, in integer arithmetic only. The letters up to m are Meeus's;
  // his month and day are the quotient of n by 31 and its remainder plus one.
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int n = h + l - 7 * m + 114;
  return CivilDate(year, static_cast<unsigned>(n / 31), static_cast<unsigned>(n % 31 + 1));
}

Result<std::vector<Holiday>> FrenchHolidays(int year, HolidayZone zone) {
  const Date easter = ENSEMBLE_TRY(EasterSunday(year));
  std::vector<Holiday> holidays;
  holidays.reserve(kFixedDays.size() + kFromEaster.size());
  for (const FixedDay& rule : kFixedDays) {
    if (AppliesIn(rule.applies, zone)) {
      holidays.push_back({CivilDate(year, rule.month, rule.day), rule.code});
    }
  }
  for (const FromEaster& rule : kFromEaster) {
    if (AppliesIn(rule.applies, zone)) {
      holidays.push_back({DaysAfter(easter, rule.days_after_easter), rule.code});
    }
  }
  // Two holidays may fall on one day (Ascension was on 1 May in 2008): both are listed, in the
  // order of the rules, so that the list of a year is always the same.
  std::ranges::stable_sort(holidays, {}, &Holiday::date);
  return holidays;
}

Result<bool> IsFrenchHoliday(Date date, HolidayZone zone) {
  if (!date.ok()) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.holidays.invalid_date", "date");
  }
  const std::vector<Holiday> holidays =
      ENSEMBLE_TRY(FrenchHolidays(static_cast<int>(date.year()), zone));
  return std::ranges::any_of(holidays,
                             [&](const Holiday& holiday) { return holiday.date == date; });
}

Message HolidayLabel(const Holiday& holiday) {
  return Message{"staffing.holiday." + std::string(holiday.code)};
}

HolidayZone ZoneOfCommune(std::string_view commune_insee) {
  const std::string_view department = commune_insee.substr(0, 2);
  const bool local_law =
      commune_insee.size() == 5 && (department == "57" || department == "67" || department == "68");
  return local_law ? HolidayZone::kAlsaceMoselle : HolidayZone::kMetropolitan;
}

}  // namespace ensemble::staffing
