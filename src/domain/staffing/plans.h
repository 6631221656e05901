// Stored plans of a shared position (issue 11, items 3, 6 and 7): what the planner's request is
// built from (the structures' opening hours, the position's commitments and preferences, the
// time records already made), a plan run as the carrier asked for it and as the solver left it,
// and the planned half-days each reader may see. The optimisation itself is planning.h and
// app/staffing/planner.h; this file holds the rules around it. Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/staffing/planning.h"
#include "domain/staffing/time_records.h"
#include "domain/staffing/types.h"

namespace ensemble::staffing {

using PlanId = std::int64_t;

// What the carrier sets for a position's plans: the fixed commitments (the monthly referent
// meeting at ECHO) and the wishes (Fresnoy on Wednesdays).
struct PlanRules {
  std::vector<Commitment> commitments;
  std::vector<Preference> preferences;
  int version = 0;  // optimistic concurrency: a change names the version it read (0: none yet)
};

inline constexpr std::size_t kMaxCommitments = 400;
inline constexpr std::size_t kMaxLabelBytes = 200;

// kInvalidArgument on "commitments[i]" (a structure not party to the position, a half-day twice,
// times crossed, before 7:00 or past kLatestEndMinute, an empty or too long label or place, more
// than kMaxCommitments) or "preferences[i]" (a weekday not in 1..7 or twice, a structure not a
// party). `parties`: the position's parties.
Status CheckPlanRules(const PlanRules& rules, std::span<const StructureId> parties);

enum class PlanState { kQueued, kSolving, kDone, kFailed };
std::string_view ToString(PlanState state);
std::optional<PlanState> PlanStateFrom(std::string_view text);

std::optional<ShortfallReason> ShortfallReasonFrom(std::string_view text);

// How one month went, as the plan run keeps it.
struct PlanMonth {
  std::chrono::year_month month{};
  bool optimal = false;     // the solver proved its plan optimal
  double gap = 0;           // relative optimality gap of the month's program
  double largest_gap = 0;   // the month's largest gap from the shares, in half-days
  bool gap_proven = false;  // no plan of the month has a smaller one
  int half_days = 0;
  std::int64_t elapsed_us = 0;

  bool operator==(const PlanMonth&) const = default;
};

// A request to plan a period and what came of it.
struct PlanRun {
  PlanId id = 0;
  PositionId position_id = 0;
  StructureId carrier = 0;
  Date first{};
  Date last{};
  Date plan_from{};  // the days before are kept (re-planning)
  PlanState state = PlanState::kQueued;
  std::int64_t job_id = 0;
  PersonId requested_by = 0;
  std::int64_t requested_at = 0;  // Unix milliseconds
  std::optional<std::int64_t> finished_at;
  // Once done: the measure over the period, whether every month was proven optimal, the
  // worst relative gap, each month, and the shares that fall short.
  double distance = 0;
  bool proven_optimal = false;
  double worst_gap = 0;
  std::vector<PlanMonth> months;
  std::vector<Shortfall> shortfalls;
  std::optional<Error> error;  // once failed: why (a message for people)
};

// A half-day of the live plan of a position.
struct StoredHalfDay {
  PositionId position_id = 0;
  Date day{};
  HalfDay half = HalfDay::kMorning;
  StructureId structure = 0;  // 0 when withheld from the reader (VisiblePlan)
  int start_minute = 0;
  int end_minute = 0;
  std::string commitment;  // the commitment's label when one fixes it
  PlanId plan_id = 0;

  bool operator==(const StoredHalfDay&) const = default;
};

// The period of a run: kInvalidArgument on "first", "last" or "plan_from" (no such date), "last"
// (before first, or more than kMaxPlanDays days), "plan_from" (outside the period).
Status CheckPlanPeriod(Date first, Date last, Date plan_from);

// The shares a plan of `position` meets on `day`: a lent position's are the agreement's
// in force that day (signed by all, not ended); a multi-employer post's are its contracts'
// hours, in basis points by largest remainder. Empty when none is in force (the carrier alone:
// nothing to share).
std::vector<AgreementShare> PlanSharesOn(const Position& position,
                                         std::span<const Agreement> agreements, Date day);

// Travel minutes between two sites from their road distance: 20 km/h in town, door to door,
// rounded up to five minutes, and never under 10 (parking, the bag, the badge).
int TravelMinutesFor(int metres);

// The half-days a day already worked stands for, when re-planning keeps the past: the
// structure that had most of the day's minutes in the morning, the other (or the same) in the
// afternoon; nothing for a day without hours.
std::vector<PlannedHalfDay> KeptHalfDays(const DayRecord& record);

// What `reader` (a structure acting) may see of a position's plan: every half-day for a lent
// position's carrier; else its own half-days, and the others as busy without saying where
// (structure 0, no commitment label), so that nobody books her twice and nobody learns another
// employer's work.
std::vector<StoredHalfDay> VisiblePlan(std::span<const StoredHalfDay> plan,
                                       const Position& position, StructureId reader);

}  // namespace ensemble::staffing
