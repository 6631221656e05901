#include "domain/staffing/alisfa.h"

#include <gtest/gtest.h>

#include <set>

namespace ensemble::staffing {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date On(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

// The expected values below are computed by hand from the text of @socialgouv/kali-data@2.671.0,
// not from the table, so that a wrong extraction fails here.

// Until 2023. Avenant 06-22, article 2: « La valeur du point [...] est fixée à 57,50 € », in force
// « au 1er janvier 2023 » (article 4). Avenant 02-23, article 3: « Le plancher conventionnel est
// fixé à 21 147 euros annuels bruts », from « 1er juin 2023 » (article 5). Chapter V, article 1.3:
// « Plancher conventionnel + 15 * (pesée de l'emploi-292) ».
TEST(AlisfaTest, WeightingTimesPointWhenAboveTheBranchMinimum) {
  // Base 57.50 × 400 = 23 000 €; RMB 21 147 + 15 × 108 = 22 767 €: the base is paid.
  // 23 000 / 12 = 1 916.666… → 1 916.67 €.
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.weighting = 400}, On(2023, 7, 1)), 191667);
}

TEST(AlisfaTest, BranchMinimumWhenAboveTheBase) {
  // Article 1.1: no base below the one of a weighting of 301: 57.50 × 301 = 17 307.50 €, below
  // the RMB of 21 147 €, which is paid. With a RIS of 3 % (article 1.2.3, a percentage of the
  // RMB): 21 147 × 1.03 = 21 781.41 €; / 12 = 1 815.1175 → 1 815.12 €.
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.weighting = 292, .ris_basis_points = 300}, On(2023, 7, 1)),
            181512);
}

TEST(AlisfaTest, RisIsAPercentageOfTheBase) {
  // 23 000 × 1.015 = 23 345 €; / 12 = 1 945.4166… → 1 945.42 €.
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.weighting = 400, .ris_basis_points = 150}, On(2023, 7, 1)),
            194542);
}

TEST(AlisfaTest, ValuesChangeOnTheirDates) {
  // Before 1 June 2023 the floor was 20 691 € (avenant 01-23, from 1 February 2023): the RMB of a
  // weighting of 292 is 20 691 €; / 12 = 1 724.25 €.
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.weighting = 292}, On(2023, 5, 31)), 172425);
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.weighting = 292}, On(2023, 6, 1)), 176225);  // 21 147 / 12.
  // 2020: avenant 01-20, « 55 € » from 1 January 2020; avenant 02-20, floor « 18 713 € ». Base
  // 55 × 350 = 19 250 €; RMB 18 713 + 15 × 58 = 19 583 €, paid; / 12 = 1 631.9166… → 1 631.92 €.
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.weighting = 350}, On(2020, 6, 15)), 163192);
}

// From 2024. Avenant 10-2022, new chapter V, article 1.1.1: « Le salaire socle conventionnel est
// fixé à 21 200 euros [...] au 1er janvier 2024 »; 1.1.2: « Le salaire additionnel est égal au
// produit de la valeur du point par la pesée [...] La valeur du point est fixée à 55 euros »;
// 1.2.1: seniority « valorisée à raison de 1 point tous les ans ». Annex 2, article 2, table
// « Année / Valeur du point / Salaire socle »: 2024 55 € 21 200 €, 2025 55 € 21 500 €.
TEST(AlisfaTest, SocleAndPointsFrom2024) {
  // Points 40 + 5 + 2.5 = 47.5; 47.5 × 55 = 2 612.50 €; 21 200 + 2 612.50 = 23 812.50 €;
  // / 12 = 1 984.375 → 1 984.38 € (half up).
  const AlisfaPosition position{.weighting = 40, .seniority_points = 5, .competence_tenths = 25};
  EXPECT_EQ(AlisfaMonthlyGrossSalary(position, On(2024, 3, 1)), 198438);
  // 2025: 21 500 + 40 × 55 = 23 700 €; / 12 = 1 975 €.
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.weighting = 40}, On(2025, 6, 1)), 197500);
}

TEST(AlisfaTest, TheFormulaChangesOnTheFirstOfJanuary2024) {
  EXPECT_EQ(AlisfaSystem2024Start(), On(2024, 1, 1));
  // The same weighting means two different things on either side: the system is chosen by day.
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.weighting = 400}, On(2023, 12, 31)), 191667);
  // 21 200 + 400 × 55 = 43 200 €; / 12 = 3 600 €.
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.weighting = 400}, On(2024, 1, 1)), 360000);
}

TEST(AlisfaTest, ProratedTo28HoursAWeek) {
  // 23 000 × 28 / 35 = 18 400 €; / 12 = 1 533.333… → 1 533.33 €.
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.weighting = 400, .weekly_minutes = 28 * 60}, On(2023, 7, 1)),
            153333);
  // 23 812.50 × 28 / 35 = 19 050 €; / 12 = 1 587.50 €.
  const AlisfaPosition position{
      .weighting = 40, .seniority_points = 5, .competence_tenths = 25, .weekly_minutes = 28 * 60};
  EXPECT_EQ(AlisfaMonthlyGrossSalary(position, On(2024, 3, 1)), 158750);
}

TEST(AlisfaTest, RoundsHalfUpToTheCent) {
  // 21 200 + 0.1 × 55 = 21 205.50 €; / 12 = 1 767.125 €: half up gives 1 767.13 €, where half
  // to even would give 1 767.12 €.
  EXPECT_EQ(AlisfaMonthlyGrossSalary({.competence_tenths = 1}, On(2024, 2, 1)), 176713);
}

void ExpectError(const Result<Cents>& result, ErrorCode code, const std::string& field) {
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, code);
  EXPECT_EQ(result.error().field, field);
}

TEST(AlisfaTest, RefusesDaysBeforeTheFirstKnownValue) {
  // The first floor of the RMB read from the package is avenant 02-20's, from 1 January 2020;
  // the first value of the point, avenant 04-17's, from 1 January 2018.
  ExpectError(AlisfaMonthlyGrossSalary({.weighting = 400}, On(2019, 12, 31)),
              ErrorCode::kInvalidArgument, "day");
  EXPECT_EQ(AlisfaRuleOn(AlisfaRuleKind::kPointValue, On(2017, 12, 31)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(AlisfaRuleOn(AlisfaRuleKind::kPointValue, On(2018, 1, 1))->amount, 5405);
  ExpectError(AlisfaMonthlyGrossSalary({.weighting = 400}, On(2023, 2, 30)),
              ErrorCode::kInvalidArgument, "day");
}

TEST(AlisfaTest, RefusesOutOfRangeInputs) {
  const Date day = On(2023, 7, 1);
  ExpectError(AlisfaMonthlyGrossSalary({.weighting = 291}, day), ErrorCode::kInvalidArgument,
              "weighting");
  ExpectError(AlisfaMonthlyGrossSalary({.weighting = 400, .ris_basis_points = 1801}, day),
              ErrorCode::kInvalidArgument, "ris_basis_points");
  ExpectError(AlisfaMonthlyGrossSalary({.weighting = 400, .weekly_minutes = 35 * 60 + 1}, day),
              ErrorCode::kInvalidArgument, "weekly_minutes");
  ExpectError(AlisfaMonthlyGrossSalary({.weighting = 400, .weekly_minutes = -1}, day),
              ErrorCode::kInvalidArgument, "weekly_minutes");
  ExpectError(AlisfaMonthlyGrossSalary({.weighting = 400, .full_time_weekly_minutes = 0}, day),
              ErrorCode::kInvalidArgument, "full_time_weekly_minutes");
  // A field of the other system is refused rather than silently ignored.
  ExpectError(AlisfaMonthlyGrossSalary({.weighting = 400, .seniority_points = 3}, day),
              ErrorCode::kInvalidArgument, "seniority_points");
  ExpectError(AlisfaMonthlyGrossSalary({.weighting = 40, .ris_basis_points = 100}, On(2024, 3, 1)),
              ErrorCode::kInvalidArgument, "ris_basis_points");
  ExpectError(AlisfaMonthlyGrossSalary({.weighting = -1}, On(2024, 3, 1)),
              ErrorCode::kInvalidArgument, "weighting");
}

TEST(AlisfaTest, GeneratedTableIsSortedAndDated) {
  const auto rules = AlisfaRules();
  ASSERT_FALSE(rules.empty());
  std::set<AlisfaRuleKind> seen;
  const AlisfaRule* previous = nullptr;
  for (const AlisfaRule& rule : rules) {
    EXPECT_TRUE(rule.from.ok());
    EXPECT_TRUE(rule.article.starts_with("KALIARTI")) << rule.article;
    EXPECT_FALSE(rule.source.empty());
    EXPECT_GT(rule.amount, 0);
    if (previous != nullptr && previous->kind == rule.kind) {
      EXPECT_LT(previous->from, rule.from) << rule.source;  // Strictly increasing within a kind.
    } else {
      // A kind's rows are contiguous: a new run is a kind not met before.
      EXPECT_TRUE(seen.insert(rule.kind).second);
    }
    previous = &rule;
  }
  EXPECT_EQ(seen.size(), 8u);  // Every kind of AlisfaRuleKind has at least one value.
}

}  // namespace
}  // namespace ensemble::staffing
