#include "domain/staffing/alisfa.h"

#include <algorithm>
#include <optional>
#include <string>

namespace ensemble::staffing {
namespace {

// Generous bounds that keep every product below 2^63: a weighting or a count of points above ten
// thousand is a typing error, not a position of the branch.
constexpr std::int64_t kMaxPoints = 10'000;
constexpr std::int64_t kMaxWeeklyMinutes = 7 * 24 * 60;

Status CheckRange(std::int64_t value, std::int64_t low, std::int64_t high, std::string field) {
  if (value < low || value > high) {
    return Fail(
        ErrorCode::kInvalidArgument,
        Message{"staffing.alisfa.out_of_range",
                {{"field", field}, {"low", std::to_string(low)}, {"high", std::to_string(high)}}},
        field);
  }
  return Ok();
}

Status CheckZero(std::int64_t value, std::string field) {
  if (value != 0) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.alisfa.not_in_this_system"}, field);
  }
  return Ok();
}

// n / d rounded to the nearest integer, halves up; n >= 0 and d > 0. The one rounding of the
// salary: every amount before it is exact.
std::int64_t DivideRoundingHalfUp(std::int64_t n, std::int64_t d) { return (2 * n + d) / (2 * d); }

struct Annual {
  // The annual full-time amount in cents, times `scale` (the RIS's basis points or the tenths of
  // a point are kept exact until the one rounding).
  std::int64_t scaled_cents;
  std::int64_t scale;
};

Result<Annual> AnnualUntil2023(const AlisfaPosition& position, Date day) {
  ENSEMBLE_TRY_STATUS(CheckZero(position.seniority_points, "seniority_points"));
  ENSEMBLE_TRY_STATUS(CheckZero(position.competence_tenths, "competence_tenths"));
  ENSEMBLE_TRY_STATUS(CheckZero(position.cadre_points, "cadre_points"));
  const AlisfaRule point = ENSEMBLE_TRY(AlisfaRuleOn(AlisfaRuleKind::kPointValue, day));
  const AlisfaRule minimum = ENSEMBLE_TRY(AlisfaRuleOn(AlisfaRuleKind::kMinimumWeighting, day));
  const AlisfaRule cap = ENSEMBLE_TRY(AlisfaRuleOn(AlisfaRuleKind::kRisCapBasisPoints, day));
  ENSEMBLE_TRY_STATUS(CheckRange(position.ris_basis_points, 0, cap.amount, "ris_basis_points"));

  // The branch minimum (RMB) existed before 2020, but the first floor the package's avenants
  // state in words the generator reads is avenant 02-20's (1 January 2020); without a floor the
  // salary would be understated, so a day before it is refused rather than half computed.
  const AlisfaRule floor = ENSEMBLE_TRY(AlisfaRuleOn(AlisfaRuleKind::kFloor, day));
  const AlisfaRule per_point = ENSEMBLE_TRY(AlisfaRuleOn(AlisfaRuleKind::kFloorPerPoint, day));
  const AlisfaRule base = ENSEMBLE_TRY(AlisfaRuleOn(AlisfaRuleKind::kFloorBaseWeighting, day));
  // The grid's lowest weighting is the RMB's base (292): « Plancher conventionnel + 15 * (pesée
  // de l'emploi-292) ».
  ENSEMBLE_TRY_STATUS(CheckRange(position.weighting, base.amount, kMaxPoints, "weighting"));

  // Article 1.1: the base is the value of the point times the weighting, and « Aucune
  // rémunération de base ne peut être inférieure à celle correspondante à une pesée de 301 ».
  const std::int64_t base_salary = point.amount * std::max(position.weighting, minimum.amount);
  // Article 1.3: the RMB increased by the RIS is compared with the base increased by the RIS;
  // the more favourable is paid. The RIS being the same percentage of either, the larger of the
  // two before it decides.
  const std::int64_t minimum_of_branch =
      floor.amount + per_point.amount * (position.weighting - base.amount);
  const std::int64_t annual = std::max(base_salary, minimum_of_branch);
  // Article 1.2.3: the RIS is a percentage of the base or of the RMB.
  return Annual{annual * (10'000 + position.ris_basis_points), 10'000};
}

Result<Annual> AnnualFrom2024(const AlisfaPosition& position, Date day) {
  ENSEMBLE_TRY_STATUS(CheckZero(position.ris_basis_points, "ris_basis_points"));
  ENSEMBLE_TRY_STATUS(CheckRange(position.weighting, 0, kMaxPoints, "weighting"));
  ENSEMBLE_TRY_STATUS(CheckRange(position.seniority_points, 0, kMaxPoints, "seniority_points"));
  ENSEMBLE_TRY_STATUS(
      CheckRange(position.competence_tenths, 0, 10 * kMaxPoints, "competence_tenths"));
  ENSEMBLE_TRY_STATUS(CheckRange(position.cadre_points, 0, kMaxPoints, "cadre_points"));
  const AlisfaRule socle = ENSEMBLE_TRY(AlisfaRuleOn(AlisfaRuleKind::kSocle, day));
  const AlisfaRule point = ENSEMBLE_TRY(AlisfaRuleOn(AlisfaRuleKind::kPointValue2024, day));
  // New chapter V, article 1: the socle, plus the value of the point times the weighting (1.1.2),
  // plus the points of experience (1.2) and, article 4, the cadre points, all at that value.
  const std::int64_t tenths =
      10 * (position.weighting + position.seniority_points + position.cadre_points) +
      position.competence_tenths;
  return Annual{10 * socle.amount + point.amount * tenths, 10};
}

}  // namespace

Result<AlisfaRule> AlisfaRuleOn(AlisfaRuleKind kind, Date day) {
  if (!day.ok()) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.alisfa.invalid_date", "day");
  }
  std::optional<AlisfaRule> in_force;
  for (const AlisfaRule& rule : AlisfaRules()) {
    if (rule.kind == kind && rule.from <= day) in_force = rule;
  }
  if (!in_force) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.alisfa.no_rule_yet", "day");
  }
  return *in_force;
}

Date AlisfaSystem2024Start() {
  // The generator refuses a table without a socle, so there is always one.
  const auto rules = AlisfaRules();
  const auto socle = std::ranges::find(rules, AlisfaRuleKind::kSocle, &AlisfaRule::kind);
  return socle->from;
}

Result<Cents> AlisfaMonthlyGrossSalary(const AlisfaPosition& position, Date day) {
  if (!day.ok()) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.alisfa.invalid_date", "day");
  }
  ENSEMBLE_TRY_STATUS(CheckRange(position.full_time_weekly_minutes, 1, kMaxWeeklyMinutes,
                                 "full_time_weekly_minutes"));
  ENSEMBLE_TRY_STATUS(
      CheckRange(position.weekly_minutes, 0, position.full_time_weekly_minutes, "weekly_minutes"));
  const Annual annual = day < AlisfaSystem2024Start() ? ENSEMBLE_TRY(AnnualUntil2023(position, day))
                                                      : ENSEMBLE_TRY(AnnualFrom2024(position, day));
  // « Elle est payée mensuellement par douzièmes », prorated to the contract's share of the
  // collective hours.
  return DivideRoundingHalfUp(annual.scaled_cents * position.weekly_minutes,
                              annual.scale * 12 * position.full_time_weekly_minutes);
}

}  // namespace ensemble::staffing
