#include "domain/staffing/plans.h"

#include <algorithm>
#include <set>

#include "domain/staffing/allocation.h"

namespace ensemble::staffing {
namespace {

constexpr int kEarliestStartMinute = 7 * 60;

Status Refuse(std::string_view message, std::string field) {
  return Fail(ErrorCode::kInvalidArgument, Message{std::string(message)}, std::move(field));
}

bool Contains(std::span<const StructureId> parties, StructureId structure) {
  return std::find(parties.begin(), parties.end(), structure) != parties.end();
}

bool FitsText(const std::string& text) { return !text.empty() && text.size() <= kMaxLabelBytes; }

Status CheckCommitment(const Commitment& commitment, std::span<const StructureId> parties,
                       std::string field) {
  const bool well_timed = commitment.day.ok() && commitment.start_minute >= kEarliestStartMinute &&
                          commitment.start_minute < commitment.end_minute &&
                          commitment.end_minute <= kLatestEndMinute;
  if (!well_timed || !Contains(parties, commitment.structure) || !FitsText(commitment.label) ||
      !FitsText(commitment.place)) {
    return Refuse("staffing.plan.rule_commitment", std::move(field));
  }
  return {};
}

}  // namespace

Status CheckPlanRules(const PlanRules& rules, std::span<const StructureId> parties) {
  if (rules.commitments.size() > kMaxCommitments) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"staffing.plan.too_many_commitments",
                        {{"max", static_cast<std::int64_t>(kMaxCommitments)}}},
                "commitments");
  }
  std::set<std::pair<Date, HalfDay>> half_days;
  for (std::size_t i = 0; i < rules.commitments.size(); ++i) {
    const Commitment& commitment = rules.commitments[i];
    const std::string field = "commitments[" + std::to_string(i) + "]";
    ENSEMBLE_TRY_STATUS(CheckCommitment(commitment, parties, field));
    if (!half_days.insert({commitment.day, commitment.half}).second) {
      return Refuse("staffing.plan.rule_commitment_twice", field);
    }
  }
  std::set<unsigned> weekdays;
  for (std::size_t i = 0; i < rules.preferences.size(); ++i) {
    const Preference& preference = rules.preferences[i];
    const std::string field = "preferences[" + std::to_string(i) + "]";
    if (preference.iso_weekday < 1 || preference.iso_weekday > 7 ||
        !Contains(parties, preference.structure) ||
        !weekdays.insert(preference.iso_weekday).second) {
      return Refuse("staffing.plan.rule_preference", field);
    }
  }
  return {};
}

std::string_view ToString(PlanState state) {
  switch (state) {
    case PlanState::kQueued:
      return "queued";
    case PlanState::kSolving:
      return "solving";
    case PlanState::kDone:
      return "done";
    case PlanState::kFailed:
      return "failed";
  }
  return "queued";
}

std::optional<PlanState> PlanStateFrom(std::string_view text) {
  for (const PlanState state :
       {PlanState::kQueued, PlanState::kSolving, PlanState::kDone, PlanState::kFailed}) {
    if (ToString(state) == text) return state;
  }
  return std::nullopt;
}

std::optional<ShortfallReason> ShortfallReasonFrom(std::string_view text) {
  for (const ShortfallReason reason :
       {ShortfallReason::kOpeningHours, ShortfallReason::kCommitments, ShortfallReason::kPast,
        ShortfallReason::kTimeLimit, ShortfallReason::kOtherShares}) {
    if (ToString(reason) == text) return reason;
  }
  return std::nullopt;
}

Status CheckPlanPeriod(Date first, Date last, Date plan_from) {
  if (!first.ok()) return Refuse("staffing.agreement.bad_date", "first");
  if (!last.ok()) return Refuse("staffing.agreement.bad_date", "last");
  if (!plan_from.ok()) return Refuse("staffing.agreement.bad_date", "plan_from");
  const auto days = (std::chrono::sys_days{last} - std::chrono::sys_days{first}).count() + 1;
  if (days < 1 || days > kMaxPlanDays) return Refuse("staffing.plan.period", "last");
  if (plan_from < first || last < plan_from) return Refuse("staffing.plan.period", "plan_from");
  return {};
}

std::vector<AgreementShare> PlanSharesOn(const Position& position,
                                         std::span<const Agreement> agreements, Date day) {
  if (position.kind == PositionKind::kLending) {
    const Agreement* agreement = GoverningAgreement(agreements, day);
    return agreement ? agreement->shares : std::vector<AgreementShare>{};
  }
  std::vector<std::int64_t> weights;
  for (const Employment& employment : position.employments) {
    weights.push_back(employment.weekly_minutes);
  }
  const auto parts = Apportion(kWholeShare, weights);
  if (!parts) return {};
  std::vector<AgreementShare> shares;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if ((*parts)[i] > 0) {
      shares.push_back({position.employments[i].employer, static_cast<int>((*parts)[i])});
    }
  }
  return shares;
}

int TravelMinutesFor(int metres) {
  // 20 km/h is 1000 metres every 3 minutes.
  const std::int64_t minutes = (std::int64_t{std::max(metres, 0)} * 3 + 999) / 1000;
  const auto rounded = static_cast<int>(std::min<std::int64_t>((minutes + 4) / 5 * 5, 24 * 60));
  return std::max(rounded, 10);
}

std::vector<PlannedHalfDay> KeptHalfDays(const DayRecord& record) {
  std::vector<TimeEntry> entries = record.entries;
  std::erase_if(entries, [](const TimeEntry& entry) { return entry.minutes <= 0; });
  if (entries.empty()) return {};
  // Most minutes first; ties by structure, so the same record always keeps the same half-days.
  std::sort(entries.begin(), entries.end(), [](const TimeEntry& a, const TimeEntry& b) {
    return a.minutes != b.minutes ? a.minutes > b.minutes : a.structure < b.structure;
  });
  const StructureId morning = entries.front().structure;
  const StructureId afternoon = entries.size() > 1 ? entries[1].structure : morning;
  return {{record.day, HalfDay::kMorning, morning}, {record.day, HalfDay::kAfternoon, afternoon}};
}

std::vector<StoredHalfDay> VisiblePlan(std::span<const StoredHalfDay> plan,
                                       const Position& position, StructureId reader) {
  const bool sees_all = position.kind == PositionKind::kLending && position.carrier == reader;
  std::vector<StoredHalfDay> visible(plan.begin(), plan.end());
  if (sees_all) return visible;
  for (StoredHalfDay& half_day : visible) {
    if (half_day.structure != reader) {
      half_day.structure = 0;
      half_day.commitment.clear();
    }
  }
  return visible;
}

}  // namespace ensemble::staffing
