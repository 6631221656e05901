#include "app/staffing/planner.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace ensemble::app {
namespace {

using staffing::AgreementShare;
using staffing::Assignment;
using staffing::PlanProblem;
using staffing::PlanSlot;
using staffing::StructureId;

constexpr double kMonthEndWeight = 100;
constexpr double kSplitWeight = 10;
constexpr double kPreferenceWeight = 1;
constexpr double kTolerance = 1e-9;

std::chrono::year_month MonthOf(const PlanSlot& slot) {
  return {slot.day.year(), slot.day.month()};
}

double ShareOf(const AgreementShare& share) {
  return static_cast<double>(share.share_bp) / staffing::kWholeShare;
}

std::size_t ShareIndex(const PlanProblem& problem, StructureId structure) {
  for (std::size_t s = 0; s < problem.shares.size(); ++s) {
    if (problem.shares[s].structure == structure) return s;
  }
  return problem.shares.size();
}

// One month's program over the slots [begin, end), the slots before it decided in `plan`. It
// chooses, for each day, a pattern: where the person is in the morning and in the afternoon.
// Working by day rather than by half-day keeps the program tight: a trip is a pattern's cost,
// a split the travel forbids is a pattern left out, and no indicator is needed.
class MonthProgram {
 public:
  MonthProgram(const PlanProblem& problem, const Assignment& plan, std::size_t begin,
               std::size_t end)
      : problem_(problem), plan_(plan), begin_(begin), end_(end) {
    for (std::size_t j = begin; j < end; ++j) {
      if (j == begin || problem.slots[j].day != problem.slots[j - 1].day) {
        days_.push_back({j, j + 1, {}});
      } else {
        days_.back().end = j + 1;
      }
    }
    for (Day& day : days_) {
      day.patterns = PatternsOf(day);
      for (Pattern& pattern : day.patterns) {
        for (std::size_t s = 0; s < problem.shares.size(); ++s) {
          pattern.count.push_back(static_cast<int>(CountIn(day, pattern, s)));
        }
      }
    }
  }

  // The answer of Search: the patterns chosen, one per day, or none when no plan keeps the gap.
  struct Searched {
    bool decided = false;  // false: the states outgrew the limit, and nothing is known
    bool feasible = false;
    double cost = 0;  // the secondary program's objective, when asked for
    std::vector<std::size_t> patterns = {};
  };

  // The same program as Build's, solved exactly by a dynamic program over the days: the state
  // after a day is each structure's half-days of the month so far, and the gap rows bound each
  // to the two or three whole numbers around its share, so a day has a handful of states (at
  // most (⌊2 gap⌋ + 1)^(shares − 1)), where the MIP's branch and bound on the same rows took
  // 15 to 40 ms a program (bench/README.md). Costs are added day by day and the month's end is
  // priced on the last states, so the optimum found is the program's own; among equal costs the
  // first found is kept (states in the order they appear, patterns in the order of the
  // shares), which makes the plans reproducible. More than `max_states` states on a day leaves
  // the month to the MIP.
  Searched Search(double gap, bool secondary, std::size_t max_states) const {
    const std::size_t n_shares = problem_.shares.size();
    const std::vector<std::vector<Band>> bands = Bands(gap);
    struct State {
      std::vector<int> count;  // per share, this month
      double cost = 0;
      std::size_t from = 0;  // its state on the day before
      std::size_t pattern = 0;
    };
    std::vector<std::vector<State>> layers(days_.size() + 1);
    layers[0].push_back({std::vector<int>(n_shares, 0), 0, 0, 0});
    for (std::size_t d = 0; d < days_.size(); ++d) {
      std::map<std::vector<int>, std::size_t> seen;
      std::vector<State>& next = layers[d + 1];
      for (std::size_t i = 0; i < layers[d].size(); ++i) {
        for (std::size_t p = 0; p < days_[d].patterns.size(); ++p) {
          const Pattern& pattern = days_[d].patterns[p];
          std::vector<int> count = layers[d][i].count;
          bool inside = true;
          for (std::size_t s = 0; s < n_shares && inside; ++s) {
            count[s] += pattern.count[s];
            inside = count[s] >= bands[d][s].lower && count[s] <= bands[d][s].upper;
          }
          if (!inside) continue;
          const double cost = layers[d][i].cost + (secondary ? pattern.cost : 0);
          const auto [at, added] = seen.try_emplace(std::move(count), next.size());
          if (added) {
            if (next.size() == max_states) return {};
            next.push_back({at->first, cost, i, p});
          } else if (cost < next[at->second].cost - kTolerance) {
            next[at->second].cost = cost;
            next[at->second].from = i;
            next[at->second].pattern = p;
          }
        }
      }
      if (next.empty()) return {.decided = true};
    }
    const std::vector<double> before = Before();
    const std::vector<State>& last = layers.back();
    std::size_t chosen = 0;
    double chosen_cost = solver::kInfinity;
    for (std::size_t i = 0; i < last.size(); ++i) {
      double cost = last[i].cost;
      if (secondary) {
        for (std::size_t s = 0; s < n_shares; ++s) {
          cost +=
              kMonthEndWeight * std::abs(before[s] + last[i].count[s] -
                                         ShareOf(problem_.shares[s]) * static_cast<double>(end_));
        }
      }
      if (cost < chosen_cost - kTolerance) {
        chosen = i;
        chosen_cost = cost;
      }
    }
    Searched searched{.decided = true, .feasible = true, .cost = chosen_cost};
    searched.patterns.resize(days_.size());
    for (std::size_t d = days_.size(); d > 0; --d) {
      const State& state = layers[d][chosen];
      searched.patterns[d - 1] = state.pattern;
      chosen = state.from;
    }
    return searched;
  }

  // The month's slots as Search chose them.
  void Read(const Searched& searched, Assignment& plan) const {
    for (std::size_t d = 0; d < days_.size(); ++d) {
      const Pattern& pattern = days_[d].patterns[searched.patterns[d]];
      for (std::size_t j = days_[d].begin; j < days_[d].end; ++j) {
        plan[j] = pattern.at[j - days_[d].begin];
      }
    }
  }

  // The program whose every plan keeps each structure within `gap` half-days of its share at
  // the end of each day; with `secondary`, each share as close as it can be at the month's end,
  // then the fewest trips, then the most wishes; without, it only asks whether such a plan
  // exists.
  solver::Model Build(double gap, bool secondary, const Assignment& start) {
    solver::Model model;
    columns_.assign(days_.size(), {});
    for (std::size_t d = 0; d < days_.size(); ++d) {
      std::vector<solver::Term> one;
      for (const Pattern& pattern : days_[d].patterns) {
        const int column = model.AddBinary(secondary ? pattern.cost : 0);
        columns_[d].push_back(column);
        one.push_back({column, 1});
      }
      model.AddRow(std::move(one), 1, 1);
    }
    AddGapRows(model, gap);
    if (secondary) AddMonthEndDeviations(model);
    model.start = StartFrom(model, start);
    return model;
  }

  // The month's slots as the solution assigns them.
  void Read(const std::vector<double>& values, Assignment& plan) const {
    for (std::size_t d = 0; d < days_.size(); ++d) {
      for (std::size_t p = 0; p < days_[d].patterns.size(); ++p) {
        if (values[static_cast<std::size_t>(columns_[d][p])] < 0.5) continue;
        const Pattern& pattern = days_[d].patterns[p];
        for (std::size_t j = days_[d].begin; j < days_[d].end; ++j) {
          plan[j] = pattern.at[j - days_[d].begin];
        }
      }
    }
  }

 private:
  struct Pattern {
    std::array<StructureId, 2> at{};  // morning (or the day's only half), afternoon
    double cost = 0;
    std::vector<int> count = {};  // half-days per share
  };
  // A structure's half-days of the month so far, at the end of a day.
  struct Band {
    int lower = 0;
    int upper = 0;
  };
  struct Day {
    std::size_t begin = 0;  // its slots: [begin, end), one or two
    std::size_t end = 0;
    std::vector<Pattern> patterns;
  };

  std::vector<StructureId> Choices(std::size_t j) const {
    const PlanSlot& slot = problem_.slots[j];
    if (slot.fixed) return {*slot.fixed};
    return slot.allowed;
  }

  double HalfCost(std::size_t j, StructureId structure) const {
    return problem_.Prefers(problem_.slots[j].day, structure) ? -kPreferenceWeight : 0;
  }

  std::vector<Pattern> PatternsOf(const Day& day) const {
    std::vector<Pattern> patterns;
    if (day.end - day.begin == 1) {
      for (const StructureId structure : Choices(day.begin)) {
        patterns.push_back({{structure, 0}, HalfCost(day.begin, structure)});
      }
      return patterns;
    }
    const PlanSlot& morning = problem_.slots[day.begin];
    const PlanSlot& afternoon = problem_.slots[day.begin + 1];
    for (int pass = 0; pass < 2 && patterns.empty(); ++pass) {
      // The second pass, should the travel forbid every split the opening hours leave, lets
      // them all through, as GreedyPlan does: a day must be planned.
      for (const StructureId a : Choices(day.begin)) {
        for (const StructureId b : Choices(day.begin + 1)) {
          if (pass == 0 && !problem_.MaySplit(morning, a, afternoon, b)) continue;
          const double cost =
              HalfCost(day.begin, a) + HalfCost(day.begin + 1, b) + (a != b ? kSplitWeight : 0);
          patterns.push_back({{a, b}, cost});
        }
      }
    }
    return patterns;
  }

  // Half-days of share s in a pattern of day d.
  double CountIn(const Day& day, const Pattern& pattern, std::size_t s) const {
    double count = 0;
    for (std::size_t k = 0; k < day.end - day.begin; ++k) {
      if (pattern.at[k] == problem_.shares[s].structure) ++count;
    }
    return count;
  }

  std::vector<double> Before() const {
    std::vector<double> before(problem_.shares.size(), 0);
    for (std::size_t j = 0; j < begin_; ++j) ++before[ShareIndex(problem_, plan_[j])];
    return before;
  }

  // At the end of each day: |planned_s − share_s × half-days so far| ≤ gap for every structure.
  // The planned half-days are whole, so the bounds are too: ceil(target − gap) to
  // floor(target + gap), less what the months before gave it; per day, per share.
  std::vector<std::vector<Band>> Bands(double gap) const {
    const std::vector<double> before = Before();
    std::vector<std::vector<Band>> bands(days_.size());
    for (std::size_t d = 0; d < days_.size(); ++d) {
      for (std::size_t s = 0; s < problem_.shares.size(); ++s) {
        const double target = ShareOf(problem_.shares[s]) * static_cast<double>(days_[d].end);
        bands[d].push_back({static_cast<int>(std::ceil(target - gap - kTolerance) - before[s]),
                            static_cast<int>(std::floor(target + gap + kTolerance) - before[s])});
      }
    }
    return bands;
  }

  // The bands as rows, which the solver's relaxation sees directly.
  void AddGapRows(solver::Model& model, double gap) const {
    const std::vector<std::vector<Band>> bands = Bands(gap);
    std::vector<std::vector<solver::Term>> cumulative(problem_.shares.size());
    for (std::size_t d = 0; d < days_.size(); ++d) {
      for (std::size_t s = 0; s < problem_.shares.size(); ++s) {
        for (std::size_t p = 0; p < days_[d].patterns.size(); ++p) {
          const int count = days_[d].patterns[p].count[s];
          if (count > 0) cumulative[s].push_back({columns_[d][p], static_cast<double>(count)});
        }
        model.AddRow(cumulative[s], bands[d][s].lower, bands[d][s].upper);
      }
    }
  }

  // dev_s ≥ |planned_s − share_s × half-days so far| at the month's end, so that a month after
  // a deviation catches up rather than staying at the gap the past forced.
  void AddMonthEndDeviations(solver::Model& model) {
    deviation_.clear();
    const std::vector<double> before = Before();
    for (std::size_t s = 0; s < problem_.shares.size(); ++s) {
      std::vector<solver::Term> planned;
      for (std::size_t d = 0; d < days_.size(); ++d) {
        for (std::size_t p = 0; p < days_[d].patterns.size(); ++p) {
          const double count = CountIn(days_[d], days_[d].patterns[p], s);
          if (count > 0) planned.push_back({columns_[d][p], count});
        }
      }
      const double target = ShareOf(problem_.shares[s]) * static_cast<double>(end_) - before[s];
      const int deviation = model.AddColumn({.lower = 0, .cost = kMonthEndWeight});
      deviation_.push_back(deviation);
      std::vector<solver::Term> over = planned;
      over.push_back({deviation, -1});
      model.AddRow(std::move(over), -solver::kInfinity, target);
      planned.push_back({deviation, 1});
      model.AddRow(std::move(planned), target, solver::kInfinity);
    }
  }

  // The start's columns: the patterns of `start`, and their deviations. A day of the start the
  // program does not offer leaves the start out.
  std::vector<double> StartFrom(const solver::Model& model, const Assignment& start) const {
    if (start.size() < end_) return {};
    std::vector<double> values(model.columns.size(), 0);
    for (std::size_t d = 0; d < days_.size(); ++d) {
      bool found = false;
      for (std::size_t p = 0; p < days_[d].patterns.size() && !found; ++p) {
        bool same = true;
        for (std::size_t j = days_[d].begin; j < days_[d].end; ++j) {
          same = same && days_[d].patterns[p].at[j - days_[d].begin] == start[j];
        }
        if (same) {
          values[static_cast<std::size_t>(columns_[d][p])] = 1;
          found = true;
        }
      }
      if (!found) return {};
    }
    std::vector<double> planned(problem_.shares.size(), 0);
    for (std::size_t j = 0; j < end_; ++j) ++planned[ShareIndex(problem_, start[j])];
    for (std::size_t s = 0; s < deviation_.size() && s < planned.size(); ++s) {
      values[static_cast<std::size_t>(deviation_[s])] =
          std::abs(planned[s] - ShareOf(problem_.shares[s]) * static_cast<double>(end_));
    }
    return values;
  }

  const PlanProblem& problem_;
  const Assignment& plan_;
  std::size_t begin_;
  std::size_t end_;
  std::vector<Day> days_;
  std::vector<std::vector<int>> columns_;  // [day][pattern]
  std::vector<int> deviation_;             // per share, at the month's end (secondary only)
};

// The months of the slots to plan: [begin, end) ranges, the kept past left out.
std::vector<std::pair<std::size_t, std::size_t>> MonthsOf(const PlanProblem& problem) {
  std::vector<std::pair<std::size_t, std::size_t>> months;
  std::size_t j = 0;
  while (j < problem.slots.size() && problem.slots[j].kept) ++j;
  while (j < problem.slots.size()) {
    std::size_t end = j;
    while (end < problem.slots.size() && MonthOf(problem.slots[end]) == MonthOf(problem.slots[j])) {
      ++end;
    }
    months.emplace_back(j, end);
    j = end;
  }
  return months;
}

// Whether slot j ends its day.
bool EndsDay(const PlanProblem& problem, std::size_t j, std::size_t end) {
  return j + 1 == end || problem.slots[j + 1].day != problem.slots[j].day;
}

// The month's largest gap under `plan` (decided up to `end`), read at the end of each day.
double MonthGap(const PlanProblem& problem, const Assignment& plan, std::size_t begin,
                std::size_t end) {
  std::vector<double> planned(problem.shares.size(), 0);
  double largest = 0;
  for (std::size_t j = 0; j < end; ++j) {
    ++planned[ShareIndex(problem, plan[j])];
    if (j < begin || !EndsDay(problem, j, end)) continue;
    for (std::size_t s = 0; s < problem.shares.size(); ++s) {
      largest = std::max(
          largest, std::abs(planned[s] - ShareOf(problem.shares[s]) * static_cast<double>(j + 1)));
    }
  }
  return largest;
}

// No plan of the month can do better than this: at the end of each day, the best whole
// numbers of half-days (each at least what the structure already has, the past and the fixed
// half-days) summing to the half-days so far, by the largest-remainder rule.
double MonthLowerBound(const PlanProblem& problem, const Assignment& plan, std::size_t begin,
                       std::size_t end) {
  const std::size_t n_shares = problem.shares.size();
  std::vector<double> floor_of(n_shares, 0);
  for (std::size_t j = 0; j < begin; ++j) ++floor_of[ShareIndex(problem, plan[j])];
  double bound = 0;
  for (std::size_t j = begin; j < end; ++j) {
    if (problem.slots[j].fixed) ++floor_of[ShareIndex(problem, *problem.slots[j].fixed)];
    if (!EndsDay(problem, j, end)) continue;
    const double so_far = static_cast<double>(j + 1);
    std::vector<double> count(n_shares);
    std::vector<double> target(n_shares);
    double sum = 0;
    for (std::size_t s = 0; s < n_shares; ++s) {
      target[s] = ShareOf(problem.shares[s]) * so_far;
      count[s] = std::max(floor_of[s], std::floor(target[s] + kTolerance));
      sum += count[s];
    }
    for (; sum < so_far; ++sum) {
      std::size_t behind = 0;
      for (std::size_t s = 1; s < n_shares; ++s) {
        if (target[s] - count[s] > target[behind] - count[behind]) behind = s;
      }
      ++count[behind];
    }
    for (; sum > so_far; --sum) {
      std::size_t ahead = n_shares;
      for (std::size_t s = 0; s < n_shares; ++s) {
        if (count[s] > floor_of[s] &&
            (ahead == n_shares || count[s] - target[s] > count[ahead] - target[ahead])) {
          ahead = s;
        }
      }
      if (ahead == n_shares) break;
      --count[ahead];
    }
    for (std::size_t s = 0; s < n_shares; ++s) {
      bound = std::max(bound, std::abs(count[s] - target[s]));
    }
  }
  return bound;
}

// The values the month's largest gap can take between `lowest` and `highest`: a gap is a whole
// number of half-days minus a structure's share of the half-days so far on some day.
std::vector<double> GapCandidates(const PlanProblem& problem, std::size_t begin, std::size_t end,
                                  double lowest, double highest) {
  std::vector<double> values;
  for (std::size_t j = begin; j < end; ++j) {
    if (!EndsDay(problem, j, end)) continue;
    for (const AgreementShare& share : problem.shares) {
      const double target = ShareOf(share) * static_cast<double>(j + 1);
      // Every whole number within `highest` of the target: a past far off the shares or a site
      // open on few days makes gaps of several half-days, and a gap left out of this list is
      // one the bisection cannot find.
      for (double whole = std::floor(target - highest); whole <= std::ceil(target + highest);
           ++whole) {
        const double gap = std::abs(whole - target);
        if (gap >= lowest - 1e-7 && gap <= highest + 1e-7) values.push_back(gap);
      }
    }
  }
  values.push_back(highest);
  std::sort(values.begin(), values.end());
  std::vector<double> distinct;
  for (const double value : values) {
    if (distinct.empty() || value > distinct.back() + 1e-7) distinct.push_back(value);
  }
  return distinct;
}

// The month by the exact search: the smallest gap by bisection over the values it can take,
// each test one Search, then the secondary program at that gap. False, the month untouched, when
// a day has more states than `max_states`.
bool SearchMonth(const MonthProgram& program, const std::vector<double>& candidates,
                 std::size_t max_states, Assignment& best, MonthSolve& month) {
  const auto began = std::chrono::steady_clock::now();
  const auto since = [&] {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 began);
  };
  std::size_t low = 0;
  std::size_t high = candidates.size() - 1;
  int tests = 0;
  for (bool first = true; low < high; first = false) {
    // The lower bound first: two thirds of the months where the greedy plan misses it meet it
    // (bench/README.md), and then this one test decides.
    const std::size_t middle = first ? low : (low + high) / 2;
    const MonthProgram::Searched test = program.Search(candidates[middle], false, max_states);
    if (!test.decided) return false;
    ++tests;
    if (test.feasible) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  const std::chrono::microseconds tests_elapsed = since();
  const MonthProgram::Searched at_gap = program.Search(candidates[high], true, max_states);
  if (!at_gap.decided) return false;
  month.tests = tests;
  month.tests_elapsed = tests_elapsed;
  month.by_search = true;
  month.gap_proven = true;  // every test decided exactly
  month.largest_gap = candidates[high];
  if (at_gap.feasible) {
    program.Read(at_gap, best);
    month.outcome = solver::Outcome::kOptimal;
    month.objective = month.best_bound = at_gap.cost;
  } else {
    // Only the greedy plan, whose days the program may not all offer, reaches this gap.
    month.outcome = solver::Outcome::kInfeasible;
    month.greedy = high + 1 == candidates.size();
  }
  month.elapsed = since();
  return true;
}

// The month by CBC: the same bisection, each test a feasibility program within
// PlanLimits::per_test, then the program at the gap from the best plan found.
Status SolveMonthByMip(MonthProgram& program, const std::vector<double>& candidates,
                       const PlanLimits& limits, Assignment& best, MonthSolve& month) {
  std::size_t low = 0;
  std::size_t high = candidates.size() - 1;
  bool gap_proven = true;
  for (bool first = true; low < high; first = false) {
    // The lower bound first, as SearchMonth does.
    const std::size_t middle = first ? low : (low + high) / 2;
    const solver::Model test = program.Build(candidates[middle], false, {});
    const auto answer = ENSEMBLE_TRY(solver::Solve(test, {.time = limits.per_test,
                                                          .relative_gap = 0,
                                                          .max_nodes = limits.max_nodes,
                                                          .effort = solver::Effort::kLight}));
    if (answer.HasValues()) {
      program.Read(answer.values, best);
      high = middle;
    } else {
      gap_proven = gap_proven && answer.outcome == solver::Outcome::kInfeasible;
      low = middle + 1;
    }
    month.elapsed += answer.elapsed;
    month.tests_elapsed += answer.elapsed;
    ++month.tests;
  }
  month.largest_gap = candidates[high];
  // At that gap, the fewest trips and the most wishes met, from the best plan found.
  const solver::Model final_program = program.Build(candidates[high], true, best);
  const auto solution =
      ENSEMBLE_TRY(solver::Solve(final_program, {.time = limits.per_month,
                                                 .relative_gap = limits.relative_gap,
                                                 .max_nodes = limits.max_nodes,
                                                 .effort = solver::Effort::kLight}));
  month.outcome = solution.outcome;
  month.objective = solution.objective;
  month.best_bound = solution.best_bound;
  month.gap = solution.gap;
  month.nodes = solution.nodes;
  month.elapsed += solution.elapsed;
  month.gap_proven = gap_proven;
  if (solution.HasValues()) {
    program.Read(solution.values, best);
  } else {
    month.greedy = high + 1 == candidates.size();
  }
  return Ok();
}

}  // namespace

Result<SolvedPlan> SolvePlan(const PlanProblem& problem, PlanLimits limits,
                             const PlanProgress& progress) {
  SolvedPlan solved;
  Assignment& plan = solved.assignment;
  for (const PlanSlot& slot : problem.slots) {
    if (!slot.kept) break;
    plan.push_back(*slot.fixed);
  }
  const auto months = MonthsOf(problem);
  int done = 0;
  for (const auto& [begin, end] : months) {
    Assignment best = staffing::GreedyPlan(problem, plan);
    best.resize(end);
    MonthSolve month{.month = MonthOf(problem.slots[begin]),
                     .half_days = static_cast<int>(end - begin)};
    const double greedy_gap = MonthGap(problem, best, begin, end);
    const double bound = MonthLowerBound(problem, plan, begin, end);
    // The smallest largest-gap a plan can reach is one of these: the greedy plan reaches the
    // highest, no plan goes below the lowest (the bound). When they are equal, no test is needed.
    const std::vector<double> candidates = GapCandidates(problem, begin, end, bound, greedy_gap);
    MonthProgram program(problem, plan, begin, end);
    const bool searched =
        limits.max_states > 0 && SearchMonth(program, candidates, limits.max_states, best, month);
    if (!searched) {
      ENSEMBLE_TRY_STATUS(SolveMonthByMip(program, candidates, limits, best, month));
    }
    plan = std::move(best);
    solved.proven_optimal =
        solved.proven_optimal && month.gap_proven && month.outcome == solver::Outcome::kOptimal;
    solved.worst_gap = std::max(solved.worst_gap, month.gap);
    solved.months.push_back(month);
    if (progress) ENSEMBLE_TRY_STATUS(progress(++done, static_cast<int>(months.size())));
  }
  solved.distance = ENSEMBLE_TRY(staffing::MeasurePlan(problem, plan));
  solved.shortfalls = staffing::ExplainShortfalls(problem, plan, solved.proven_optimal);
  return solved;
}

}  // namespace ensemble::app
