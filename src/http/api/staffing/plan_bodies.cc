#include "http/api/staffing/plan_bodies.h"

#include <string>

#include "http/api/staffing/body_fields.h"

namespace ensemble::http::handlers {
namespace {

using staffing::HalfDay;

std::unexpected<Error> Bad(std::string_view message, std::string field) {
  return Fail(ErrorCode::kInvalidArgument, Message{std::string(message)}, std::move(field));
}

Result<HalfDay> HalfOf(const JsonBody& body) {
  const auto half = staffing::HalfDayFrom(ENSEMBLE_TRY(body.RequiredString("half")));
  if (!half) return Bad("staffing.plan.half", "half");
  return *half;
}

Result<staffing::Commitment> CommitmentOf(const JsonBody& item) {
  ENSEMBLE_TRY_STATUS(item.AllowOnly(
      {"day", "half", "structure_id", "label", "place", "start_minute", "end_minute"}));
  staffing::Commitment c;
  c.day = ENSEMBLE_TRY(DateField(item, "day"));
  c.half = ENSEMBLE_TRY(HalfOf(item));
  c.structure = ENSEMBLE_TRY(item.RequiredInt("structure_id"));
  c.label = ENSEMBLE_TRY(item.RequiredString("label"));
  c.place = ENSEMBLE_TRY(item.RequiredString("place"));
  c.start_minute =
      ENSEMBLE_TRY(SmallInt("start_minute", ENSEMBLE_TRY(item.RequiredInt("start_minute"))));
  c.end_minute = ENSEMBLE_TRY(SmallInt("end_minute", ENSEMBLE_TRY(item.RequiredInt("end_minute"))));
  return c;
}

Result<staffing::Preference> PreferenceOf(const JsonBody& item) {
  ENSEMBLE_TRY_STATUS(item.AllowOnly({"weekday", "structure_id"}));
  const int weekday = ENSEMBLE_TRY(SmallInt("weekday", ENSEMBLE_TRY(item.RequiredInt("weekday"))));
  if (weekday < 1 || weekday > 7) return Bad("staffing.plan.rule_preference", "weekday");
  return staffing::Preference{static_cast<unsigned>(weekday),
                              ENSEMBLE_TRY(item.RequiredInt("structure_id"))};
}

Result<std::pair<int, HalfDay>> OpenHalfDayOf(const JsonBody& item) {
  ENSEMBLE_TRY_STATUS(item.AllowOnly({"weekday", "half"}));
  const int weekday = ENSEMBLE_TRY(SmallInt("weekday", ENSEMBLE_TRY(item.RequiredInt("weekday"))));
  if (weekday < 1 || weekday > 7) return Bad("staffing.plan.opening", "weekday");
  return std::pair{weekday, ENSEMBLE_TRY(HalfOf(item))};
}

}  // namespace

Result<staffing::PlanRules> PlanRulesOfBody(const JsonBody& body) {
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"version", "commitments", "preferences"}));
  staffing::PlanRules rules;
  rules.version = ENSEMBLE_TRY(SmallInt("version", ENSEMBLE_TRY(body.RequiredInt("version"))));
  std::size_t i = 0;
  for (const JsonBody& item :
       ENSEMBLE_TRY(body.RequiredObjects("commitments", staffing::kMaxCommitments))) {
    const std::string prefix = "commitments[" + std::to_string(i++) + "]";
    rules.commitments.push_back(ENSEMBLE_TRY(In(prefix, CommitmentOf(item))));
  }
  i = 0;
  for (const JsonBody& item : ENSEMBLE_TRY(body.RequiredObjects("preferences", 7))) {
    const std::string prefix = "preferences[" + std::to_string(i++) + "]";
    rules.preferences.push_back(ENSEMBLE_TRY(In(prefix, PreferenceOf(item))));
  }
  return rules;
}

Result<staffing::HalfDayMask> OpeningHoursOfBody(const JsonBody& body) {
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"half_days"}));
  staffing::HalfDayMask mask = 0;
  std::size_t i = 0;
  for (const JsonBody& item : ENSEMBLE_TRY(body.RequiredObjects("half_days", 14))) {
    const std::string prefix = "half_days[" + std::to_string(i++) + "]";
    const auto [weekday, half] = ENSEMBLE_TRY(In(prefix, OpenHalfDayOf(item)));
    const int bit = 2 * (weekday - 1) + static_cast<int>(half);
    const auto flag = static_cast<staffing::HalfDayMask>(1u << bit);
    if ((mask & flag) != 0) return Bad("staffing.plan.opening", prefix);
    mask = static_cast<staffing::HalfDayMask>(mask | flag);
  }
  return mask;
}

Result<PlanPeriod> PlanPeriodOfBody(const JsonBody& body) {
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"first", "last", "plan_from"}));
  const auto first = ENSEMBLE_TRY(DateField(body, "first"));
  const auto last = ENSEMBLE_TRY(DateField(body, "last"));
  staffing::Date plan_from = first;
  if (const auto text = ENSEMBLE_TRY(body.OptionalString("plan_from"))) {
    plan_from = ENSEMBLE_TRY(DateText(*text, "plan_from"));
  }
  return PlanPeriod{first, last, plan_from};
}

}  // namespace ensemble::http::handlers
