// The bodies of the plans' requests, read into the domain's values: a position's plan rules, a
// structure's opening hours, the period to plan. Apart from the handlers (no application, no
// Beast), so that the fuzz target links them alone (fuzz/staffing_plan_bodies_fuzz.cc). Each
// failure is kInvalidArgument naming the field, « commitments[3].day » for an item's.
#pragma once

#include "core/error.h"
#include "domain/staffing/plans.h"
#include "http/api/json_body.h"

namespace ensemble::http::handlers {

// {"version", "commitments": [...], "preferences": [...]}, as PUT …/plan-rules takes it. The
// domain's checks that need the position (CheckPlanRules) come after, in the use case.
Result<staffing::PlanRules> PlanRulesOfBody(const JsonBody& body);

// {"half_days": [{"weekday": 1..7, "half": "morning"|"afternoon"}, ...]}, each half-day once.
Result<staffing::HalfDayMask> OpeningHoursOfBody(const JsonBody& body);

// {"first", "last", "plan_from"?}: plan_from is first when absent. Dates only; the period's
// rules (CheckPlanPeriod) come after.
struct PlanPeriod {
  staffing::Date first{};
  staffing::Date last{};
  staffing::Date plan_from{};
};
Result<PlanPeriod> PlanPeriodOfBody(const JsonBody& body);

}  // namespace ensemble::http::handlers
