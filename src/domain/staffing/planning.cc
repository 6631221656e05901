#include "domain/staffing/planning.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

namespace ensemble::staffing {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kMaxWeekMinutes = 48 * 60;
constexpr int kMaxDayMinutes = 10 * 60;

unsigned IsoWeekday(Date day) { return std::chrono::weekday{sys_days{day}}.iso_encoding(); }

bool IsWorkingDay(WeekdayMask mask, Date day) {
  return (static_cast<unsigned>(mask) >> (IsoWeekday(day) - 1)) & 1U;
}

// The Monday of the day's week, which names the week for the 48-hour limit.
sys_days WeekOf(Date day) { return sys_days{day} - days{IsoWeekday(day) - 1}; }

std::string Indexed(std::string_view list, std::size_t index) {
  return std::string(list) + "[" + std::to_string(index) + "]";
}

bool IsParty(std::span<const AgreementShare> shares, StructureId structure) {
  return std::any_of(shares.begin(), shares.end(),
                     [&](const AgreementShare& share) { return share.structure == structure; });
}

Status CheckShares(std::span<const AgreementShare> shares) {
  int sum = 0;
  std::set<StructureId> seen;
  for (const AgreementShare& share : shares) {
    if (share.share_bp <= 0 || !seen.insert(share.structure).second) {
      return Fail(ErrorCode::kInvalidArgument, "staffing.plan.shares", "shares");
    }
    sum += share.share_bp;
  }
  if (shares.empty() || sum != kWholeShare) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.plan.shares", "shares");
  }
  return Ok();
}

Status CheckPeriod(const PlanRequest& request) {
  if (!request.first.ok() || !request.last.ok() || !request.plan_from.ok() ||
      request.last < request.first || request.plan_from < request.first ||
      request.plan_from > request.last ||
      (sys_days{request.last} - sys_days{request.first}).count() >= kMaxPlanDays) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.plan.period", "period");
  }
  if (request.day_minutes <= 0 || request.day_minutes > kMaxDayMinutes) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.plan.day_minutes", "day_minutes");
  }
  return Ok();
}

std::vector<StructureId> OpenParties(const PlanRequest& request, Date day, HalfDay half) {
  std::vector<StructureId> open;
  for (const AgreementShare& share : request.shares) {
    HalfDayMask mask = kWeekdaysOpen;
    for (const SiteHours& hours : request.opening) {
      if (hours.structure == share.structure) mask = hours.open;
    }
    if (IsOpen(mask, day, half)) open.push_back(share.structure);
  }
  return open;
}

// The default times of a half-day: the morning from 9:00, the afternoon after the lunch hour;
// an odd minute goes to the morning.
std::pair<int, int> DefaultTimes(int day_minutes, HalfDay half) {
  const int morning = (day_minutes + 1) / 2;
  if (half == HalfDay::kMorning) return {kDayStartMinute, kDayStartMinute + morning};
  const int start = kDayStartMinute + morning + kLunchMinutes;
  return {start, start + day_minutes / 2};
}

Status CheckCommitment(const PlanRequest& request, const Commitment& commitment,
                       std::size_t index) {
  const bool off = !commitment.day.ok() || commitment.day < request.plan_from ||
                   commitment.day > request.last ||
                   !IsWorkingDay(request.working_days, commitment.day);
  if (off || !IsParty(request.shares, commitment.structure) || commitment.start_minute < 0 ||
      commitment.end_minute <= commitment.start_minute || commitment.end_minute > kMinutesPerDay) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.plan.commitment",
                Indexed("commitments", index));
  }
  return Ok();
}

Status AddKeptSlots(const PlanRequest& request, PlanProblem& problem) {
  std::set<std::pair<sys_days, HalfDay>> seen;
  for (std::size_t i = 0; i < request.kept.size(); ++i) {
    const PlannedHalfDay& kept = request.kept[i];
    if (!kept.day.ok() || kept.day < request.first || kept.day >= request.plan_from ||
        !IsParty(request.shares, kept.structure) ||
        !seen.insert({sys_days{kept.day}, kept.half}).second) {
      return Fail(ErrorCode::kInvalidArgument, "staffing.plan.kept", Indexed("kept", i));
    }
    PlanSlot slot;
    slot.day = kept.day;
    slot.half = kept.half;
    std::tie(slot.start_minute, slot.end_minute) = DefaultTimes(request.day_minutes, kept.half);
    slot.allowed = {kept.structure};
    slot.fixed = kept.structure;
    slot.kept = true;
    problem.slots.push_back(std::move(slot));
  }
  std::sort(problem.slots.begin(), problem.slots.end(), [](const PlanSlot& a, const PlanSlot& b) {
    return std::pair{sys_days{a.day}, a.half} < std::pair{sys_days{b.day}, b.half};
  });
  return Ok();
}

// The half-days from plan_from on, before the limits on rest and working time.
Status AddOpenSlots(const PlanRequest& request, PlanProblem& problem) {
  std::map<std::pair<sys_days, HalfDay>, std::size_t> commitments;
  for (std::size_t i = 0; i < request.commitments.size(); ++i) {
    const Commitment& commitment = request.commitments[i];
    ENSEMBLE_TRY_STATUS(CheckCommitment(request, commitment, i));
    if (!commitments.emplace(std::pair{sys_days{commitment.day}, commitment.half}, i).second) {
      return Fail(ErrorCode::kInvalidArgument, "staffing.plan.commitment",
                  Indexed("commitments", i));
    }
  }
  std::set<sys_days> absent;
  for (const Date& day : request.absent_days) absent.insert(sys_days{day});

  for (sys_days day = sys_days{request.plan_from}; day <= sys_days{request.last}; day += days{1}) {
    const Date date{day};
    if (!IsWorkingDay(request.working_days, date)) continue;
    const bool holiday = ENSEMBLE_TRY(IsFrenchHoliday(date, request.zone));
    for (const HalfDay half : {HalfDay::kMorning, HalfDay::kAfternoon}) {
      const auto commitment = commitments.find({day, half});
      const bool committed = commitment != commitments.end();
      if (holiday || absent.contains(day)) {
        if (committed) {
          return Fail(ErrorCode::kInvalidArgument, "staffing.plan.commitment",
                      Indexed("commitments", commitment->second));
        }
        problem.skipped.push_back(
            {date, half, holiday ? SkipReason::kHoliday : SkipReason::kAbsence});
        continue;
      }
      PlanSlot slot;
      slot.day = date;
      slot.half = half;
      std::tie(slot.start_minute, slot.end_minute) = DefaultTimes(request.day_minutes, half);
      slot.allowed = OpenParties(request, date, half);
      if (committed) {
        const Commitment& fixing = request.commitments[commitment->second];
        slot.commitment = static_cast<int>(commitment->second);
        slot.fixed = fixing.structure;
        slot.start_minute = fixing.start_minute;
        slot.end_minute = fixing.end_minute;
      } else if (slot.allowed.empty()) {
        problem.skipped.push_back({date, half, SkipReason::kAllClosed});
        continue;
      }
      problem.slots.push_back(std::move(slot));
    }
  }
  return Ok();
}

int Minutes(const PlanSlot& slot) { return slot.end_minute - slot.start_minute; }

// Drops the half-days that would break the rest, daily and weekly limits, the undecided ones
// first; a commitment that breaks one is refused.
Status ApplyWorkingTimeLimits(PlanProblem& problem) {
  const auto refuse = [&](const PlanSlot& slot) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.plan.commitment_breaks_limits",
                Indexed("commitments", static_cast<std::size_t>(slot.commitment)));
  };
  std::vector<bool> drop(problem.slots.size(), false);
  const auto skip = [&](std::size_t i, SkipReason reason) -> Status {
    const PlanSlot& slot = problem.slots[i];
    if (slot.kept) return Ok();  // the past is what it was
    if (slot.IsCommitment()) return refuse(slot);
    drop[i] = true;
    problem.skipped.push_back({slot.day, slot.half, reason});
    return Ok();
  };
  // One day: at most 10 hours, the afternoon dropped first.
  for (std::size_t i = 0; i + 1 < problem.slots.size(); ++i) {
    const PlanSlot& a = problem.slots[i];
    const PlanSlot& b = problem.slots[i + 1];
    if (a.day == b.day && Minutes(a) + Minutes(b) > kMaxDayMinutes) {
      ENSEMBLE_TRY_STATUS(skip(b.IsCommitment() ? i : i + 1, SkipReason::kDailyLimit));
    }
  }
  // 11 hours between the end of one day and the start of the next.
  for (std::size_t i = 0; i + 1 < problem.slots.size(); ++i) {
    if (drop[i]) continue;
    std::size_t next = i + 1;
    while (next < problem.slots.size() && drop[next]) ++next;
    if (next >= problem.slots.size()) break;
    const PlanSlot& a = problem.slots[i];
    const PlanSlot& b = problem.slots[next];
    if (sys_days{b.day} - sys_days{a.day} != days{1}) continue;
    if (kMinutesPerDay - a.end_minute + b.start_minute < kMinimumRestMinutes) {
      ENSEMBLE_TRY_STATUS(skip(next, SkipReason::kRest));
    }
  }
  // 48 hours a week: the week's last undecided half-days go first.
  std::map<sys_days, std::vector<std::size_t>> weeks;
  for (std::size_t i = 0; i < problem.slots.size(); ++i) {
    if (!drop[i]) weeks[WeekOf(problem.slots[i].day)].push_back(i);
  }
  for (auto& [week, slots] : weeks) {
    int minutes = 0;
    for (const std::size_t i : slots) minutes += Minutes(problem.slots[i]);
    for (auto it = slots.rbegin(); it != slots.rend() && minutes > kMaxWeekMinutes; ++it) {
      const PlanSlot& slot = problem.slots[*it];
      if (slot.kept || slot.IsCommitment()) continue;
      minutes -= Minutes(slot);
      ENSEMBLE_TRY_STATUS(skip(*it, SkipReason::kWeeklyLimit));
    }
    if (minutes > kMaxWeekMinutes) {
      for (const std::size_t i : slots) {
        if (problem.slots[i].IsCommitment()) return refuse(problem.slots[i]);
      }
    }
  }
  std::vector<PlanSlot> kept;
  for (std::size_t i = 0; i < problem.slots.size(); ++i) {
    if (!drop[i]) kept.push_back(std::move(problem.slots[i]));
  }
  problem.slots = std::move(kept);
  return Ok();
}

std::size_t ShareIndex(const PlanProblem& problem, StructureId structure) {
  for (std::size_t s = 0; s < problem.shares.size(); ++s) {
    if (problem.shares[s].structure == structure) return s;
  }
  return problem.shares.size();
}

double ShareOf(const AgreementShare& share) {
  return static_cast<double>(share.share_bp) / kWholeShare;
}

bool Contains(std::span<const StructureId> list, StructureId structure) {
  return std::find(list.begin(), list.end(), structure) != list.end();
}

}  // namespace

std::string_view ToString(HalfDay half) {
  return half == HalfDay::kMorning ? "morning" : "afternoon";
}

std::optional<HalfDay> HalfDayFrom(std::string_view text) {
  if (text == "morning") return HalfDay::kMorning;
  if (text == "afternoon") return HalfDay::kAfternoon;
  return std::nullopt;
}

bool IsOpen(HalfDayMask mask, Date day, HalfDay half) {
  const unsigned bit = 2 * (IsoWeekday(day) - 1) + static_cast<unsigned>(half);
  return (static_cast<unsigned>(mask) >> bit) & 1U;
}

std::string_view ToString(SkipReason reason) {
  switch (reason) {
    case SkipReason::kHoliday:
      return "holiday";
    case SkipReason::kAbsence:
      return "absence";
    case SkipReason::kRest:
      return "rest";
    case SkipReason::kDailyLimit:
      return "daily_limit";
    case SkipReason::kWeeklyLimit:
      return "weekly_limit";
    case SkipReason::kAllClosed:
      return "all_closed";
  }
  return "holiday";
}

std::string_view ToString(ShortfallReason reason) {
  switch (reason) {
    case ShortfallReason::kOpeningHours:
      return "opening_hours";
    case ShortfallReason::kCommitments:
      return "commitments";
    case ShortfallReason::kPast:
      return "past";
    case ShortfallReason::kTimeLimit:
      return "time_limit";
    case ShortfallReason::kOtherShares:
      return "other_shares";
  }
  return "other_shares";
}

int PlanProblem::TravelMinutes(StructureId a, StructureId b) const {
  if (a == b) return 0;
  for (const TravelTime& time : travel) {
    if ((time.a == a && time.b == b) || (time.a == b && time.b == a)) return time.minutes;
  }
  return kDefaultTravelMinutes;
}

bool PlanProblem::Prefers(Date day, StructureId structure) const {
  const unsigned weekday = IsoWeekday(day);
  return std::any_of(preferences.begin(), preferences.end(), [&](const Preference& preference) {
    return preference.iso_weekday == weekday && preference.structure == structure;
  });
}

bool PlanProblem::MaySplit(const PlanSlot& morning, StructureId at_morning,
                           const PlanSlot& afternoon, StructureId at_afternoon) const {
  if (at_morning == at_afternoon) return true;
  const int travel_minutes = TravelMinutes(at_morning, at_afternoon);
  const int arrival = morning.end_minute + travel_minutes;
  // A commitment keeps its times; a planned afternoon starts later when the trip needs it.
  const bool afternoon_moves = !afternoon.IsCommitment() && !afternoon.kept;
  if (arrival > afternoon.start_minute && !afternoon_moves) return false;
  const int shift = std::max(0, arrival - afternoon.start_minute);
  const int work = Minutes(morning) + Minutes(afternoon) + travel_minutes;
  return work <= kMaxDayMinutes && afternoon.end_minute + shift <= kLatestEndMinute;
}

Result<PlanProblem> PreparePlan(const PlanRequest& request) {
  ENSEMBLE_TRY_STATUS(CheckPeriod(request));
  ENSEMBLE_TRY_STATUS(CheckShares(request.shares));
  PlanProblem problem;
  problem.shares = request.shares;
  problem.day_minutes = request.day_minutes;
  problem.travel = request.travel;
  problem.preferences = request.preferences;
  problem.commitments = request.commitments;
  ENSEMBLE_TRY_STATUS(AddKeptSlots(request, problem));
  ENSEMBLE_TRY_STATUS(AddOpenSlots(request, problem));
  ENSEMBLE_TRY_STATUS(ApplyWorkingTimeLimits(problem));
  std::sort(problem.skipped.begin(), problem.skipped.end(),
            [](const SkippedHalfDay& a, const SkippedHalfDay& b) {
              return std::pair{sys_days{a.day}, a.half} < std::pair{sys_days{b.day}, b.half};
            });
  if (problem.slots.size() < problem.shares.size()) {
    return Fail(ErrorCode::kInvalidArgument,
                Message("staffing.plan.too_few_half_days", {{"half_days", problem.slots.size()},
                                                            {"structures", problem.shares.size()}}),
                "period");
  }
  return problem;
}

Result<PlanDistance> MeasurePlan(const PlanProblem& problem, const Assignment& assignment) {
  if (assignment.size() != problem.slots.size()) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.plan.assignment", "assignment");
  }
  PlanDistance distance;
  std::vector<int> planned(problem.shares.size(), 0);
  for (std::size_t i = 0; i < problem.slots.size(); ++i) {
    const PlanSlot& slot = problem.slots[i];
    const std::size_t s = ShareIndex(problem, assignment[i]);
    const bool allowed =
        slot.fixed ? *slot.fixed == assignment[i] : Contains(slot.allowed, assignment[i]);
    if (s == problem.shares.size() || !allowed) {
      return Fail(ErrorCode::kInvalidArgument, "staffing.plan.assignment", "assignment");
    }
    ++planned[s];
    const bool day_ends = i + 1 == problem.slots.size() || problem.slots[i + 1].day != slot.day;
    if (!day_ends) continue;
    const double so_far = static_cast<double>(i + 1);
    for (std::size_t k = 0; k < problem.shares.size(); ++k) {
      const double gap = std::abs(planned[k] - ShareOf(problem.shares[k]) * so_far);
      if (gap > distance.largest_gap + 1e-9) {
        distance.largest_gap = gap;
        distance.largest_gap_on = slot.day;
        distance.largest_gap_of = problem.shares[k].structure;
      }
    }
  }
  const double total = static_cast<double>(problem.slots.size());
  for (std::size_t k = 0; k < problem.shares.size(); ++k) {
    distance.final_gaps.push_back(planned[k] - ShareOf(problem.shares[k]) * total);
  }
  return distance;
}

Assignment GreedyPlan(const PlanProblem& problem, Assignment decided) {
  Assignment plan = std::move(decided);
  const std::size_t first = std::min(plan.size(), problem.slots.size());
  plan.resize(problem.slots.size(), 0);
  std::vector<int> planned(problem.shares.size(), 0);
  for (std::size_t i = 0; i < first; ++i) {
    const std::size_t s = ShareIndex(problem, plan[i]);
    if (s < planned.size()) ++planned[s];
  }
  for (std::size_t i = first; i < problem.slots.size(); ++i) {
    const PlanSlot& slot = problem.slots[i];
    const bool has_morning = i > 0 && problem.slots[i - 1].day == slot.day;
    StructureId chosen = 0;
    if (slot.fixed) {
      chosen = *slot.fixed;
    } else {
      std::vector<StructureId> candidates;
      for (const StructureId structure : slot.allowed) {
        if (!has_morning || problem.MaySplit(problem.slots[i - 1], plan[i - 1], slot, structure)) {
          candidates.push_back(structure);
        }
      }
      if (candidates.empty()) candidates = slot.allowed;
      const double after = static_cast<double>(i + 1);
      double best_score = -1e18;
      for (const StructureId structure : candidates) {
        const std::size_t s = ShareIndex(problem, structure);
        // Behind its share by this much if it does not get the slot; the small terms break ties.
        double score = ShareOf(problem.shares[s]) * after - planned[s];
        if (problem.Prefers(slot.day, structure)) score += 1e-3;
        if (has_morning && plan[i - 1] == structure) score += 1e-4;
        if (score > best_score + 1e-9) {
          best_score = score;
          chosen = structure;
        }
      }
    }
    plan[i] = chosen;
    ++planned[ShareIndex(problem, chosen)];
  }
  return plan;
}

std::vector<Shortfall> ExplainShortfalls(const PlanProblem& problem, const Assignment& assignment,
                                         bool proven_optimal) {
  std::vector<Shortfall> shortfalls;
  const double total = static_cast<double>(problem.slots.size());
  std::size_t kept_slots = 0;
  for (const PlanSlot& slot : problem.slots) kept_slots += slot.kept ? 1 : 0;
  for (const AgreementShare& share : problem.shares) {
    Shortfall shortfall;
    shortfall.structure = share.structure;
    shortfall.agreed_half_days = ShareOf(share) * total;
    int kept_for_it = 0;
    int taken_by_commitments = 0;
    for (std::size_t i = 0; i < problem.slots.size() && i < assignment.size(); ++i) {
      const PlanSlot& slot = problem.slots[i];
      if (assignment[i] == share.structure) ++shortfall.planned_half_days;
      if (slot.kept && slot.fixed == share.structure) ++kept_for_it;
      if (slot.fixed ? *slot.fixed == share.structure : Contains(slot.allowed, share.structure)) {
        ++shortfall.open_half_days;
      } else if (slot.IsCommitment() && Contains(slot.allowed, share.structure)) {
        ++taken_by_commitments;
      }
    }
    const int needed = static_cast<int>(std::floor(shortfall.agreed_half_days + 1e-9));
    shortfall.short_by = needed - shortfall.planned_half_days;
    if (shortfall.short_by < 1) continue;
    // The half-days still to plan, and its share of them: are they out of its reach?
    const double ahead = total - static_cast<double>(kept_slots);
    const int needed_ahead = static_cast<int>(std::floor(ShareOf(share) * ahead + 1e-9));
    const int open_ahead = shortfall.open_half_days - kept_for_it;
    if (open_ahead < needed_ahead) {
      shortfall.reason = open_ahead + taken_by_commitments >= needed_ahead
                             ? ShortfallReason::kCommitments
                             : ShortfallReason::kOpeningHours;
    } else if (kept_slots > 0 &&
               kept_for_it + 1 <= ShareOf(share) * static_cast<double>(kept_slots) + 1e-9) {
      shortfall.reason = ShortfallReason::kPast;
    } else if (!proven_optimal) {
      shortfall.reason = ShortfallReason::kTimeLimit;
    } else {
      shortfall.reason = ShortfallReason::kOtherShares;
    }
    shortfalls.push_back(shortfall);
  }
  return shortfalls;
}

}  // namespace ensemble::staffing
