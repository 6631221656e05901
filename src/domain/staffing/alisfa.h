// The minimum monthly gross salary of a position under the ALISFA collective agreement (IDCC 1261,
// « acteurs du lien social et familial »), by the rules in force on a given day. The rules and
// their dated values are read from the agreement's text in @socialgouv/kali-data at build
// (cmake/alisfa_rules.mjs writes the table AlisfaRules returns); nothing here is typed by hand.
// Pure functions over a constant table; thread-safe.
//
// Two systems, chosen by the day:
//  - until 31 December 2023, chapter V as the base text has it (article 1 « Rémunération »): the
//    base is the value of the point times the weighting (« pesée », never below 301), compared
//    with the branch minimum (RMB: the floor plus 15 € a point of weighting above 292); the larger
//    is paid, plus the individual supplement (RIS, a percentage of it, at most 18 %);
//  - from 1 January 2024, chapter V as avenant 10-2022 rewrites it: the « salaire socle
//    conventionnel » plus the value of the point times the points of the position (its weighting,
//    its branch seniority — one point a year —, its competence steps, its cadre points).
// Both are annual, full-time amounts paid by twelfths; the month is prorated to the contract's
// weekly hours against the collective full-time hours.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/error.h"

namespace ensemble::staffing {

using Date = std::chrono::year_month_day;

// Money is integer cents. domain/staffing/allocation.h defines the same alias; the two
// declarations are identical, which C++ allows.
using Cents = std::int64_t;

enum class AlisfaRuleKind {
  kPointValue,          // Value of the point until 2023, in cents (avenants « valeur du point »).
  kFloor,               // Floor of the RMB, annual cents (avenants « rémunération minimum »).
  kFloorPerPoint,       // RMB: annual cents added per point of weighting above the base.
  kFloorBaseWeighting,  // RMB: the weighting the floor pays (292).
  kMinimumWeighting,    // No base below the one of this weighting (301).
  kRisCapBasisPoints,   // The RIS's cumulated cap, in basis points (18 % = 1800).
  kPointValue2024,      // Value of the point from 2024, in cents (avenant 10-2022).
  kSocle,               // Salaire socle conventionnel from 2024, annual cents (avenant 10-2022).
};

// One value of one rule, from the day it applies until the next value of the same kind.
struct AlisfaRule {
  Date from;
  AlisfaRuleKind kind;
  std::int64_t amount;       // Cents, points or basis points, as the kind says.
  std::string_view article;  // The Légifrance article id it was read in (KALIARTI…).
  std::string_view source;   // The avenant's or the article's title.
};

// The generated table, sorted by kind then by date.
std::span<const AlisfaRule> AlisfaRules();

// The value of `kind` in force on `day`; kNotFound on "day" when the table has none yet.
Result<AlisfaRule> AlisfaRuleOn(AlisfaRuleKind kind, Date day);

// The first day of the system of avenant 10-2022 (the first salaire socle's date).
Date AlisfaSystem2024Start();

// What the agreement's formula needs to know of a position. Fields of the other system are
// ignored (and must be zero, so that a value meant for one system is not silently dropped).
struct AlisfaPosition {
  // The weighting (« pesée ») of the position in the grid of the system in force: until 2023 the
  // whole weighting (292 and more); from 2024 the points above the first level of each criterion.
  std::int64_t weighting = 0;
  // Until 2023: the individual supplement (RIS), in basis points of the base (150 = 1.5 %).
  std::int64_t ris_basis_points = 0;
  // From 2024: points of branch seniority (article 1.2.1, one a year), competence steps in tenths
  // of a point (article 1.2.2.3 and annex 2 article 1.2.1 give points in halves, 2.5 a year of the
  // transition), and the cadre points of chapter XI.
  std::int64_t seniority_points = 0;
  std::int64_t competence_tenths = 0;
  std::int64_t cadre_points = 0;
  // The contract's hours and the collective full-time hours, in minutes a week (28 h = 1680).
  // The agreement pays « sur la base de l'horaire collectif en vigueur dans l'entreprise »; 35 h,
  // the legal duration, unless the structure's collective hours differ.
  std::int64_t weekly_minutes = 35 * 60;
  std::int64_t full_time_weekly_minutes = 35 * 60;
};

// The minimum monthly gross salary of `position` on `day`: the annual full-time amount of the
// rules in force that day, divided by twelve and prorated to the weekly minutes, rounded once to
// the cent, half up. Out-of-range inputs are kInvalidArgument on the field's name; a day before
// the first known value (1 January 2020 for the system until 2023: the first floor of the RMB the
// package's avenants give) is kNotFound on "day".
Result<Cents> AlisfaMonthlyGrossSalary(const AlisfaPosition& position, Date day);

}  // namespace ensemble::staffing
