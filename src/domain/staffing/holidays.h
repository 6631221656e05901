// The French public holidays (jours fériés) of a year, computed by rule: the eleven days of the
// Code du travail (article L3133-1) and, in Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle), Good
// Friday and 26 December as well (article L3134-13). Shared positions across sites need them to
// tell working days from days off. Pure functions; thread-safe.
//
// The set and the French names are those of @socialgouv/jours-feries (the oracle test compares
// every year from 1990 to 2100). Today's list is applied to every year, as that package does:
// that 8 May has been a holiday again only since 1982 (loi 81-893), 1 May only since 1947, is
// not modelled. The overseas departments' abolition-of-slavery days are not modelled either
// (the package does not know them; their dates differ from one department to the next).
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/message.h"

namespace ensemble::staffing {

// A civil date, as the rest of the code base has it (components/calendar/event.h).
using Date = std::chrono::year_month_day;

enum class HolidayZone {
  kMetropolitan,   // Metropolitan France outside Alsace-Moselle.
  kAlsaceMoselle,  // Bas-Rhin, Haut-Rhin and Moselle: two more days.
};

struct Holiday {
  Date date;
  // English snake_case ("easter_monday"); people read the message HolidayLabel names.
  std::string_view code;

  bool operator==(const Holiday&) const = default;
};

// The years the functions answer for; others are refused as kInvalidArgument on "year".
inline constexpr int kFirstHolidayYear = 1900;
inline constexpr int kLastHolidayYear = 2200;

// Easter Sunday of the Gregorian calendar, by the Meeus/Jones/Butcher algorithm.
Result<Date> EasterSunday(int year);

// The zone of a commune by its INSEE code: Bas-Rhin (67), Haut-Rhin (68) and Moselle (57) are
// Alsace-Moselle; any other code, or none, metropolitan France.
HolidayZone ZoneOfCommune(std::string_view commune_insee);

// The holidays of `year` in `zone`, in date order: 11, or 13 in Alsace-Moselle.
Result<std::vector<Holiday>> FrenchHolidays(int year, HolidayZone zone);

// Whether `date` is a holiday in `zone`. A date that does not exist (30 February) is refused as
// kInvalidArgument on "date"; a year outside the supported range, on "year".
Result<bool> IsFrenchHoliday(Date date, HolidayZone zone);

// The holiday's name for people: the message staffing.holiday.<code>.
Message HolidayLabel(const Holiday& holiday);

}  // namespace ensemble::staffing
