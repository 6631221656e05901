// Plans of a shared position (issue 11, item 3): which site the person works at, half-day by
// half-day, over a period. This file holds the pure rules: which half-days can be planned at all
// (contract days, French public holidays of the carrier's zone, absences, 11 hours of rest, 10
// hours a day, 48 hours a week), where she may be on each (the sites open then, a fixed
// commitment), how far a plan is from the agreed shares, a greedy plan, and why a share falls
// short. The optimisation itself (a mixed-integer program, one month at a time, solved by CBC) is
// app/staffing/planner.h, which starts from the greedy plan.
//
// The measure of a plan (the issue's): on each day of the period, for each structure, the gap in
// half-days between its cumulative planned half-days and its agreed share of all the half-days
// planned so far; a plan's distance is the largest such gap. A plan that meets the shares as
// closely as the calendar allows and spreads them evenly has a small distance.
//
// Times are minutes after midnight, Paris time. A half-day is the contract day halved: 9:00 to
// 12:30 and 13:30 to 17:00 for 7 hours; the hour between is lunch, or travel between two sites.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/staffing/holidays.h"
#include "domain/staffing/types.h"

namespace ensemble::staffing {

enum class HalfDay : std::uint8_t { kMorning = 0, kAfternoon = 1 };
std::string_view ToString(HalfDay half);
std::optional<HalfDay> HalfDayFrom(std::string_view text);

// The half-days of the week a site is open: bit 2 × weekday + half, Monday morning bit 0, Sunday
// afternoon bit 13.
using HalfDayMask = std::uint16_t;
inline constexpr HalfDayMask kWeekdaysOpen = 0x03FF;  // Monday to Friday, morning and afternoon
inline constexpr HalfDayMask kEveryHalfDay = 0x3FFF;
bool IsOpen(HalfDayMask mask, Date day, HalfDay half);

inline constexpr int kDayStartMinute = 9 * 60;
inline constexpr int kLunchMinutes = 60;
inline constexpr int kLatestEndMinute = 20 * 60;     // no planned half-day ends after 20:00
inline constexpr int kMinimumRestMinutes = 11 * 60;  // L3131-1: 11 consecutive hours of rest
inline constexpr int kMaxPlanDays = 366;

struct SiteHours {
  StructureId structure = 0;
  HalfDayMask open = kWeekdaysOpen;
};

// A fixed commitment: on that half-day the person is expected at `place` for `structure` (one of
// the parties, whose share it counts in), from `start_minute` to `end_minute`. The monthly
// « Bien Vieillir » referent meeting at ECHO is one.
struct Commitment {
  Date day{};
  HalfDay half = HalfDay::kMorning;
  StructureId structure = 0;
  std::string label = {};
  std::string place = {};
  int start_minute = 0;
  int end_minute = 0;
};

// A wish, honoured when it costs nothing to the shares: « Fresnoy on Wednesdays ».
struct Preference {
  unsigned iso_weekday = 3;  // 1 Monday … 7 Sunday
  StructureId structure = 0;
};

// Minutes of travel between two sites (either way).
struct TravelTime {
  StructureId a = 0;
  StructureId b = 0;
  int minutes = 0;
};

struct PlannedHalfDay {
  Date day{};
  HalfDay half = HalfDay::kMorning;
  StructureId structure = 0;

  bool operator==(const PlannedHalfDay&) const = default;
};

struct PlanRequest {
  Date first{};  // the period, both days included
  Date last{};
  // The first day to plan: the days before it are taken from `kept` as they were (re-planning
  // after deviations keeps what is past). Equal to `first` for a new plan.
  Date plan_from{};
  std::vector<AgreementShare> shares;  // positive, distinct, summing to kWholeShare
  WeekdayMask working_days = kMondayToFriday;
  int day_minutes = 7 * 60;  // the contract day (ContractDayMinutes)
  HolidayZone zone = HolidayZone::kMetropolitan;
  std::vector<Date> absent_days;   // whole days of absence (leave, sickness, training)
  std::vector<SiteHours> opening;  // a structure not listed is open on weekdays
  std::vector<Commitment> commitments;
  std::vector<Preference> preferences;
  std::vector<TravelTime> travel;    // a pair not listed: 30 minutes
  std::vector<PlannedHalfDay> kept;  // days before plan_from, as worked or planned
};

inline constexpr int kDefaultTravelMinutes = 30;

// Why a half-day of the period is not planned.
enum class SkipReason { kHoliday, kAbsence, kRest, kDailyLimit, kWeeklyLimit, kAllClosed };
std::string_view ToString(SkipReason reason);

struct SkippedHalfDay {
  Date day{};
  HalfDay half = HalfDay::kMorning;
  SkipReason reason = SkipReason::kHoliday;
};

// One half-day to plan, or one already decided (a commitment, the kept past).
struct PlanSlot {
  Date day{};
  HalfDay half = HalfDay::kMorning;
  int start_minute = 0;
  int end_minute = 0;
  std::vector<StructureId> allowed;  // the parties open then, in the order of the shares
  std::optional<StructureId> fixed;  // decided: a commitment or the kept past
  bool kept = false;                 // before plan_from
  int commitment = -1;  // the index of the commitment that fixes it, in PlanProblem::commitments

  bool IsCommitment() const { return commitment >= 0; }
};

struct PlanProblem {
  std::vector<AgreementShare> shares;
  std::vector<PlanSlot> slots;  // in time order
  std::vector<SkippedHalfDay> skipped;
  int day_minutes = 0;
  std::vector<TravelTime> travel;
  std::vector<Preference> preferences;
  std::vector<Commitment> commitments;  // the request's, in its order

  int TravelMinutes(StructureId a, StructureId b) const;
  bool Prefers(Date day, StructureId structure) const;
  // Whether the person may work for `morning` then for `afternoon` on the slots' day: the
  // travel between the two sites fits in the lunch hour or pushes the afternoon, and the day
  // stays within 10 hours of work (travel between sites is work) and ends by kLatestEndMinute.
  bool MaySplit(const PlanSlot& morning, StructureId at_morning, const PlanSlot& afternoon,
                StructureId at_afternoon) const;
};

// The half-days to plan from the request: kInvalidArgument on "period" (last before first, more
// than kMaxPlanDays, plan_from outside), "shares" (as CheckAgreementTerms), "day_minutes" (not in
// (0, 10 h]), "commitments[i]" (not a party, a day outside the period or off, times crossed or
// past kLatestEndMinute), "kept[i]" (outside the days before plan_from, or not a party); and
// kInvalidArgument on "period" with staffing.plan.too_few_half_days when the period has fewer
// half-days to plan than structures to share them (each agreed share needs one at least).
Result<PlanProblem> PreparePlan(const PlanRequest& request);

// A plan: one structure per slot of the problem, in the same order.
using Assignment = std::vector<StructureId>;

struct PlanDistance {
  double largest_gap = 0;  // half-days, over every day and structure
  Date largest_gap_on{};   // the first day it is reached
  StructureId largest_gap_of = 0;
  std::vector<double> final_gaps;  // per share: planned minus agreed over the whole period
};

// The measure. kInvalidArgument on "assignment" when it does not fit the problem (its
// length, a structure not allowed on a slot, a fixed slot changed).
Result<PlanDistance> MeasurePlan(const PlanProblem& problem, const Assignment& assignment);

// A good plan fast: each slot in turn goes to the allowed structure furthest behind its share
// (ties: a preference, the same site as the other half of the day, the order of the shares),
// never splitting a day the travel forbids. The optimiser's start, and the answer when it finds
// nothing better.
// `decided` keeps its entries (the first decided.size() slots, planned already) and the rest
// follows on from them.
Assignment GreedyPlan(const PlanProblem& problem, Assignment decided = {});

// A share the plan cannot meet: the structure's half-days fall short of its agreed share of the
// period by more than the rounding (a whole half-day or more), and why.
enum class ShortfallReason {
  kOpeningHours,  // its site is open on fewer of the period's half-days than its share needs
  kCommitments,   // it would be, but fixed commitments take those half-days
  kPast,          // re-planning: the half-days kept from the past already fell short
  kTimeLimit,     // the solver stopped before proving a better plan
  kOtherShares,   // the half-days it could have are needed to meet the others' shares
};
std::string_view ToString(ShortfallReason reason);

struct Shortfall {
  StructureId structure = 0;
  double agreed_half_days = 0;  // its share of every half-day of the period
  int planned_half_days = 0;
  int short_by = 0;        // whole half-days
  int open_half_days = 0;  // the half-days it could have been given
  ShortfallReason reason = ShortfallReason::kOtherShares;
};

std::vector<Shortfall> ExplainShortfalls(const PlanProblem& problem, const Assignment& assignment,
                                         bool proven_optimal);

}  // namespace ensemble::staffing
