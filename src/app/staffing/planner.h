// The optimiser of plans (issue 11, item 3): the half-days of domain/staffing/planning.h, one
// month at a time, each month following on from the months before (and from the kept past), so
// the measure runs over the whole period.
//
// The program of one month: for each day, one pattern (where the person is in the morning and in
// the afternoon; a split the travel forbids is no pattern); G, the month's largest gap between a
// structure's cumulative half-days and its agreed share of all half-days so far, read at the end
// of each day. G comes first: the smallest, by bisection over the values it can take between a
// lower bound no plan beats and the greedy plan's, the bound tested first. Then, at that G, each
// share as close as it can be at the month's end (100 per half-day away), then the fewest trips
// (10 each), then the most wishes (−1 per half-day that meets one).
//
// How it is solved: exactly, by a dynamic program over the days whose states are the
// structures' half-days so far (G bounds each to a few whole numbers, so a day has a handful of
// states and a month takes microseconds); a month whose states outgrow PlanLimits::max_states
// (many structures, a past far off the shares) goes to a mixed-integer program over the same
// rows, solved by CBC (components/solver) within the time limits, from the greedy plan.
//
// Thread-safety: pure over its arguments; solves on several threads at once are safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

#include "components/solver/mip.h"
#include "core/error.h"
#include "domain/staffing/planning.h"

namespace ensemble::app {

// The limits of the CBC path (the exact search has no time limit: it decides in microseconds).
struct PlanLimits {
  // Each feasibility program of the search for the smallest gap. One that runs out is counted as
  // no such plan (so the gap found may not be the smallest: MonthSolve::gap_proven says).
  std::chrono::milliseconds per_test{500};
  // The program at that gap (trips, wishes, the month's end); it starts from the best plan
  // found, so a short limit costs those refinements only, and its optimality gap is reported.
  std::chrono::milliseconds per_month{500};
  double relative_gap = 0;  // stop when proven within this fraction of optimal
  // Branch-and-bound nodes per program (0: none but the time limit). The default keeps a year of
  // one position well under a second and the plans reproducible.
  int max_nodes = 200;
  // The exact search's states on one day (0: every month by CBC). Three structures kept within
  // less than a half-day of their shares make at most 4; the limit bounds the memory of odd
  // months (many structures, a gap of several half-days), which go to CBC instead.
  std::size_t max_states = 20000;
};

// How the solver did on one month of the period.
struct MonthSolve {
  std::chrono::year_month month{};
  solver::Outcome outcome = solver::Outcome::kNoSolution;
  bool greedy = false;  // the solver found nothing better than the start within the limit
  double objective = 0;
  double best_bound = 0;
  double gap = 0;  // relative optimality gap: 0 when proven optimal
  std::int64_t nodes = 0;
  std::chrono::microseconds elapsed{0};
  int half_days = 0;       // planned this month
  double largest_gap = 0;  // the month's largest gap from the shares, in half-days
  bool gap_proven = true;  // no plan of the month has a smaller one (every test decided)
  int tests = 0;           // feasibility tests (searches or programs) to find the gap
  std::chrono::microseconds tests_elapsed{0};
  bool by_search = false;  // solved exactly by the search, not by CBC within the limits
};

struct SolvedPlan {
  staffing::Assignment assignment;  // one structure per slot of the problem
  std::vector<MonthSolve> months;
  staffing::PlanDistance distance;  // over the whole period
  std::vector<staffing::Shortfall> shortfalls;
  bool proven_optimal = true;  // every month proven optimal
  double worst_gap = 0;        // the largest relative gap over the months
};

// Called after each month with the months done and the months in all; an error (the job lost
// its lease) stops the solve and is returned.
using PlanProgress = std::function<Status(int done, int total)>;

Result<SolvedPlan> SolvePlan(const staffing::PlanProblem& problem, PlanLimits limits,
                             const PlanProgress& progress = {});

}  // namespace ensemble::app
