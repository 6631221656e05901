// The plans' request bodies (http/api/staffing/plan_bodies.h) on any bytes: the first line picks
// the body (rules, opening hours, period), the rest is the JSON. Beside not crashing: a refusal
// is kInvalidArgument naming a field; accepted rules hold at most kMaxCommitments commitments and
// seven preferences, each weekday in 1..7 and each time and version within an int; accepted
// opening hours are a week's fourteen half-days at most and say each one the body named; an
// accepted period's dates print back as the body wrote them.
#include <bit>
#include <boost/json.hpp>
#include <string>

#include "fuzz/fuzz_target.h"
#include "http/api/staffing/plan_bodies.h"

namespace ensemble::fuzz {
namespace {

// A refusal names the field at fault: an empty name only for a key the body spelt empty (an
// unknown field, named as it was given).
void CheckRefusal(const http::JsonBody& body, const Error& error) {
  ENSEMBLE_FUZZ_CHECK(error.code == ErrorCode::kInvalidArgument);
  ENSEMBLE_FUZZ_CHECK(!error.field.empty() || body.object().contains(""));
}

void CheckRules(const http::JsonBody& body) {
  const auto rules = http::handlers::PlanRulesOfBody(body);
  if (!rules) return CheckRefusal(body, rules.error());
  ENSEMBLE_FUZZ_CHECK(rules->commitments.size() <= staffing::kMaxCommitments);
  ENSEMBLE_FUZZ_CHECK(rules->preferences.size() <= 7);
  for (const auto& preference : rules->preferences) {
    ENSEMBLE_FUZZ_CHECK(preference.iso_weekday >= 1 && preference.iso_weekday <= 7);
  }
  for (const auto& commitment : rules->commitments) {
    ENSEMBLE_FUZZ_CHECK(commitment.day.ok());
  }
}

void CheckOpening(const http::JsonBody& body) {
  const auto mask = http::handlers::OpeningHoursOfBody(body);
  if (!mask) return CheckRefusal(body, mask.error());
  ENSEMBLE_FUZZ_CHECK((static_cast<unsigned>(*mask) >> 14) == 0);
  const auto& items = body.object().at("half_days").as_array();
  ENSEMBLE_FUZZ_CHECK(std::popcount(static_cast<unsigned>(*mask)) ==
                      static_cast<int>(items.size()));
}

void CheckPeriod(const http::JsonBody& body) {
  const auto period = http::handlers::PlanPeriodOfBody(body);
  if (!period) return CheckRefusal(body, period.error());
  ENSEMBLE_FUZZ_CHECK(staffing::IsoDate(period->first) == body.object().at("first").as_string());
  ENSEMBLE_FUZZ_CHECK(staffing::IsoDate(period->last) == body.object().at("last").as_string());
  if (const auto* from = body.object().if_contains("plan_from")) {
    ENSEMBLE_FUZZ_CHECK(staffing::IsoDate(period->plan_from) == from->as_string());
  } else {
    ENSEMBLE_FUZZ_CHECK(period->plan_from == period->first);
  }
}

}  // namespace

void FuzzStaffingPlanBodies(const std::uint8_t* data, std::size_t size) {
  Lines input(data, size);
  const std::string_view which = input.Next();
  http::Request request;
  request.method = "PUT";
  request.path = "/api/v1/staffing/positions/1/plan-rules";
  request.headers.emplace_back("content-type", "application/json");
  request.body = std::string(input.Rest());
  const auto body = http::JsonBody::Parse(request);
  if (!body) return;
  if (which == "opening") return CheckOpening(*body);
  if (which == "period") return CheckPeriod(*body);
  CheckRules(*body);
}

}  // namespace ensemble::fuzz
