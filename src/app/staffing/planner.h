// The optimiser of plans (issue 11, item 3): the half-days of domain/staffing/planning.h, one
// month at a time, as a mixed-integer program solved by CBC (components/solver) within a time
// limit per month, each month following on from the months before (and from the kept past), so
// the measure runs over the whole period.
//
// The program of one month: a binary x[j][s] for each half-day j to plan and each structure s
// open then, exactly one per half-day; G, the month's largest gap between a structure's
// cumulative half-days and its agreed share of all half-days so far, read at the end of each
// day; a split indicator per day (working for two structures, hence a trip); no split the
// travel forbids. Minimised: 1000 G + 10 per split − 1 per half-day that meets a preference, so
// the shares come first, then fewer trips, then the wishes. The greedy plan is the start.
//
// Thread-safety: pure over its arguments; solves on several threads at once are safe.
#pragma once

#include <chrono>
#include <functional>
#include <vector>

#include "components/solver/mip.h"
#include "core/error.h"
#include "domain/staffing/planning.h"

namespace ensemble::app {

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
  int tests = 0;           // feasibility programs solved to find the gap
  std::chrono::microseconds tests_elapsed{0};
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
