#include "app/staffing/planner.h"

#include <algorithm>
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

// One month's program over the slots [begin, end), the slots before it decided in `plan`.
class MonthProgram {
 public:
  MonthProgram(const PlanProblem& problem, const Assignment& plan, std::size_t begin,
               std::size_t end)
      : problem_(problem),
        plan_(plan),
        begin_(begin),
        end_(end),
        x_(end - begin, std::vector<int>(problem.shares.size(), -1)) {}

  // The program whose every plan keeps each structure within `gap` half-days of its share at
  // the end of each day; with `secondary`, it minimises the trips and maximises the wishes, else
  // it only asks whether such a plan exists.
  solver::Model Build(double gap, bool secondary, const Assignment& start) {
    model_ = {};
    split_.clear();
    deviation_.clear();
    for (auto& row : x_) std::fill(row.begin(), row.end(), -1);
    AddChoices(secondary);
    AddGapRows(gap);
    if (secondary) AddMonthEndDeviations();
    AddDays(secondary);
    model_.start = StartFrom(start);
    return std::move(model_);
  }

  // The month's slots as the solution assigns them.
  void Read(const std::vector<double>& values, Assignment& plan) const {
    for (std::size_t j = begin_; j < end_; ++j) {
      const PlanSlot& slot = problem_.slots[j];
      if (slot.fixed) {
        plan[j] = *slot.fixed;
        continue;
      }
      for (std::size_t s = 0; s < problem_.shares.size(); ++s) {
        const int column = x_[j - begin_][s];
        if (column >= 0 && values[static_cast<std::size_t>(column)] > 0.5) {
          plan[j] = problem_.shares[s].structure;
        }
      }
    }
  }

 private:
  // The structures slot j may be given: the fixed one, or the open ones minus those a fixed
  // other half of the day forbids (all of them when that would leave none, as GreedyPlan does).
  std::vector<StructureId> Choices(std::size_t j) const {
    const PlanSlot& slot = problem_.slots[j];
    if (slot.fixed) return {*slot.fixed};
    std::vector<StructureId> choices;
    for (const StructureId structure : slot.allowed) {
      bool fits = true;
      if (j > begin_ && problem_.slots[j - 1].day == slot.day && problem_.slots[j - 1].fixed) {
        fits =
            problem_.MaySplit(problem_.slots[j - 1], *problem_.slots[j - 1].fixed, slot, structure);
      }
      if (j + 1 < end_ && problem_.slots[j + 1].day == slot.day && problem_.slots[j + 1].fixed) {
        fits = fits && problem_.MaySplit(slot, structure, problem_.slots[j + 1],
                                         *problem_.slots[j + 1].fixed);
      }
      if (fits) choices.push_back(structure);
    }
    return choices.empty() ? slot.allowed : choices;
  }

  void AddChoices(bool secondary) {
    for (std::size_t j = begin_; j < end_; ++j) {
      const PlanSlot& slot = problem_.slots[j];
      if (slot.fixed) continue;
      std::vector<solver::Term> one;
      for (const StructureId structure : Choices(j)) {
        const std::size_t s = ShareIndex(problem_, structure);
        const double cost =
            secondary && problem_.Prefers(slot.day, structure) ? -kPreferenceWeight : 0;
        const int column = model_.AddBinary(cost);
        x_[j - begin_][s] = column;
        one.push_back({column, 1});
      }
      model_.AddRow(std::move(one), 1, 1);
    }
  }

  // At the end of each day: |planned_s − share_s × half-days so far| ≤ gap for every structure.
  // The planned half-days are whole, so the bounds are too: ceil(target − gap) to
  // floor(target + gap), which the solver's relaxation sees directly.
  void AddGapRows(double gap) {
    std::vector<double> before(problem_.shares.size(), 0);
    for (std::size_t j = 0; j < begin_; ++j) ++before[ShareIndex(problem_, plan_[j])];
    std::vector<double> fixed_count(problem_.shares.size(), 0);
    std::vector<std::vector<solver::Term>> cumulative(problem_.shares.size());
    for (std::size_t j = begin_; j < end_; ++j) {
      const PlanSlot& slot = problem_.slots[j];
      if (slot.fixed) ++fixed_count[ShareIndex(problem_, *slot.fixed)];
      for (std::size_t s = 0; s < problem_.shares.size(); ++s) {
        if (x_[j - begin_][s] >= 0) cumulative[s].push_back({x_[j - begin_][s], 1});
      }
      const bool day_ends = j + 1 == end_ || problem_.slots[j + 1].day != slot.day;
      if (!day_ends) continue;
      const double so_far = static_cast<double>(j + 1);
      for (std::size_t s = 0; s < problem_.shares.size(); ++s) {
        const double target = ShareOf(problem_.shares[s]) * so_far;
        const double already = before[s] + fixed_count[s];
        const double lower = std::ceil(target - gap - kTolerance) - already;
        const double upper = std::floor(target + gap + kTolerance) - already;
        model_.AddRow(cumulative[s], lower, upper);
      }
    }
  }

  // Within the largest gap, each structure as close to its share as it can be at the end of the
  // month: dev_s ≥ |planned_s − share_s × half-days so far|, so that a month after a deviation
  // catches up rather than staying at the gap the past forced.
  void AddMonthEndDeviations() {
    std::vector<double> already(problem_.shares.size(), 0);
    std::vector<std::vector<solver::Term>> planned(problem_.shares.size());
    for (std::size_t j = 0; j < end_; ++j) {
      const PlanSlot& slot = problem_.slots[j];
      if (j < begin_) {
        ++already[ShareIndex(problem_, plan_[j])];
      } else if (slot.fixed) {
        ++already[ShareIndex(problem_, *slot.fixed)];
      } else {
        for (std::size_t s = 0; s < problem_.shares.size(); ++s) {
          if (x_[j - begin_][s] >= 0) planned[s].push_back({x_[j - begin_][s], 1});
        }
      }
    }
    for (std::size_t s = 0; s < problem_.shares.size(); ++s) {
      const double target = ShareOf(problem_.shares[s]) * static_cast<double>(end_) - already[s];
      const int deviation = model_.AddColumn({.lower = 0, .cost = kMonthEndWeight});
      deviation_.push_back(deviation);
      std::vector<solver::Term> over = planned[s];
      over.push_back({deviation, -1});
      model_.AddRow(std::move(over), -solver::kInfinity, target);
      std::vector<solver::Term> under = std::move(planned[s]);
      under.push_back({deviation, 1});
      model_.AddRow(std::move(under), target, solver::kInfinity);
    }
  }

  // A value for slot j and structure s: its column, or the constant a fixed slot gives.
  void AddSide(std::size_t j, std::size_t s, double sign, std::vector<solver::Term>& terms,
               double& constant) const {
    const PlanSlot& slot = problem_.slots[j];
    if (slot.fixed) {
      if (*slot.fixed == problem_.shares[s].structure) constant += sign;
    } else if (x_[j - begin_][s] >= 0) {
      terms.push_back({x_[j - begin_][s], sign});
    }
  }

  // Per day with both halves: the splits the travel forbids, and the split indicator.
  void AddDays(bool secondary) {
    for (std::size_t j = begin_; j + 1 < end_; ++j) {
      const PlanSlot& morning = problem_.slots[j];
      const PlanSlot& afternoon = problem_.slots[j + 1];
      if (morning.day != afternoon.day || (morning.fixed && afternoon.fixed)) continue;
      const int split =
          model_.AddColumn({.lower = 0, .upper = 1, .cost = secondary ? kSplitWeight : 0});
      split_.push_back({j, split});
      for (std::size_t s = 0; s < problem_.shares.size(); ++s) {
        // split ≥ x[morning][s] − x[afternoon][s]
        std::vector<solver::Term> terms{{split, 1}};
        double constant = 0;
        AddSide(j, s, -1, terms, constant);
        AddSide(j + 1, s, 1, terms, constant);
        model_.AddRow(std::move(terms), -constant, solver::kInfinity);
      }
      if (morning.fixed || afternoon.fixed) continue;  // Choices() already kept to what fits
      for (std::size_t a = 0; a < problem_.shares.size(); ++a) {
        for (std::size_t b = 0; b < problem_.shares.size(); ++b) {
          const int xa = x_[j - begin_][a];
          const int xb = x_[j + 1 - begin_][b];
          if (a == b || xa < 0 || xb < 0) continue;
          if (!problem_.MaySplit(morning, problem_.shares[a].structure, afternoon,
                                 problem_.shares[b].structure)) {
            model_.AddRow({{xa, 1}, {xb, 1}}, -solver::kInfinity, 1);
          }
        }
      }
    }
  }

  // The start's columns: the greedy's choices, their gap and their splits. A greedy choice the
  // program does not offer (a fixed neighbour forbade it) leaves the start out.
  std::vector<double> StartFrom(const Assignment& start) const {
    if (start.size() < end_) return {};
    std::vector<double> values(model_.columns.size(), 0);
    for (std::size_t j = begin_; j < end_; ++j) {
      if (problem_.slots[j].fixed) continue;
      const int column = x_[j - begin_][ShareIndex(problem_, start[j])];
      if (column < 0) return {};
      values[static_cast<std::size_t>(column)] = 1;
    }
    for (const auto& [j, column] : split_) {
      values[static_cast<std::size_t>(column)] = start[j] != start[j + 1] ? 1 : 0;
    }
    if (!deviation_.empty()) {
      std::vector<double> planned(problem_.shares.size(), 0);
      for (std::size_t j = 0; j < end_; ++j) ++planned[ShareIndex(problem_, start[j])];
      for (std::size_t s = 0; s < deviation_.size(); ++s) {
        values[static_cast<std::size_t>(deviation_[s])] =
            std::abs(planned[s] - ShareOf(problem_.shares[s]) * static_cast<double>(end_));
      }
    }
    return values;
  }

  const PlanProblem& problem_;
  const Assignment& plan_;
  std::size_t begin_;
  std::size_t end_;
  std::vector<std::vector<int>> x_;                 // [slot − begin][share]: column, or −1
  std::vector<std::pair<std::size_t, int>> split_;  // morning slot, split column
  std::vector<int> deviation_;                      // per share, at the month's end
  solver::Model model_;
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
      for (double whole = std::floor(target) - 2; whole <= std::ceil(target) + 2; ++whole) {
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
  const auto test_time = std::max(std::chrono::milliseconds(1), limits.per_month / 4);
  int done = 0;
  for (const auto& [begin, end] : months) {
    Assignment best = staffing::GreedyPlan(problem, plan);
    best.resize(end);
    MonthSolve month{.month = MonthOf(problem.slots[begin]),
                     .half_days = static_cast<int>(end - begin)};
    const double greedy_gap = MonthGap(problem, best, begin, end);
    const double bound = MonthLowerBound(problem, plan, begin, end);
    // The smallest largest-gap a plan can reach, by bisection over the values it can take: the
    // greedy plan reaches the highest, each test asks the solver whether a plan reaches less.
    const std::vector<double> candidates = GapCandidates(problem, begin, end, bound, greedy_gap);
    std::size_t low = 0;
    std::size_t high = candidates.size() - 1;
    bool gap_proven = true;
    MonthProgram program(problem, plan, begin, end);
    while (low < high) {
      const std::size_t middle = (low + high) / 2;
      const solver::Model test = program.Build(candidates[middle], false, {});
      const auto answer = ENSEMBLE_TRY(solver::Solve(test, {.time = test_time, .relative_gap = 0}));
      if (answer.HasValues()) {
        program.Read(answer.values, best);
        high = middle;
      } else {
        gap_proven = gap_proven && answer.outcome == solver::Outcome::kInfeasible;
        low = middle + 1;
      }
      month.elapsed += answer.elapsed;
    }
    month.largest_gap = candidates[high];
    // At that gap, the fewest trips and the most wishes met, from the best plan found.
    const solver::Model final_program = program.Build(candidates[high], true, best);
    const auto solution = ENSEMBLE_TRY(solver::Solve(
        final_program, {.time = limits.per_month, .relative_gap = limits.relative_gap}));
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
    plan = std::move(best);
    solved.proven_optimal =
        solved.proven_optimal && gap_proven && month.outcome == solver::Outcome::kOptimal;
    solved.worst_gap = std::max(solved.worst_gap, month.gap);
    solved.months.push_back(month);
    if (progress) ENSEMBLE_TRY_STATUS(progress(++done, static_cast<int>(months.size())));
  }
  solved.distance = ENSEMBLE_TRY(staffing::MeasurePlan(problem, plan));
  solved.shortfalls = staffing::ExplainShortfalls(problem, plan, solved.proven_optimal);
  return solved;
}

}  // namespace ensemble::app
