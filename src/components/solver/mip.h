// A mixed-integer linear program and its solution by COIN-OR CBC (EPL-2.0, Debian's
// coinor-libcbc-dev). Modules describe their model in these plain terms (columns with bounds and
// costs, sparse rows with bounds) and never see the solver's own interface, so the solver can be
// replaced without touching them. The staff plans of shared positions are its first user.
//
// Thread-safety: Solve builds a model of its own on each call, and may be called on several
// threads at once. Effort::kLight runs on those threads side by side; Effort::kFull goes through
// CBC's command reader, which is static, so such calls run one at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/error.h"

namespace ensemble::solver {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct Column {
  double lower = 0;
  double upper = kInfinity;
  double cost = 0;  // in the objective, which is minimised
  bool integer = false;
};

struct Term {
  int column = 0;
  double coefficient = 0;
};

// lower <= sum(terms) <= upper; an equality has lower == upper.
struct Row {
  std::vector<Term> terms;
  double lower = -kInfinity;
  double upper = kInfinity;
};

struct Model {
  std::vector<Column> columns;
  std::vector<Row> rows;
  // A feasible assignment to start from (one value per column), or empty. A good start lets the
  // search prove optimality sooner and guarantees an answer when the time limit is short.
  std::vector<double> start;

  int AddColumn(Column column);
  int AddBinary(double cost);
  void AddRow(std::vector<Term> terms, double lower, double upper);
};

enum class Effort {
  kFull,   // CBC's defaults: preprocessing, cuts, heuristics
  kLight,  // branch and bound on the plain relaxation, for many small programs with a start
};

struct Limits {
  std::chrono::milliseconds time{10000};
  // Stop when the incumbent is proven within this fraction of the best bound (0: optimal).
  double relative_gap = 0;
  // Stop after this many branch-and-bound nodes (0: no limit). Unlike time, the same model
  // always gives the same answer under it.
  int max_nodes = 0;
  Effort effort = Effort::kFull;
};

enum class Outcome {
  kOptimal,     // proven optimal (within Limits::relative_gap)
  kFeasible,    // stopped by the time limit with a solution: `gap` says how far it may be
  kInfeasible,  // proven to have no solution
  kNoSolution,  // stopped before finding any solution
};
std::string_view ToString(Outcome outcome);

struct Solution {
  Outcome outcome = Outcome::kNoSolution;
  std::vector<double> values;  // one per column, when a solution was found
  double objective = 0;
  double best_bound = 0;  // no solution can do better than this
  // (objective - best_bound) / max(1, |objective|): 0 when proven optimal.
  double gap = 0;
  std::int64_t nodes = 0;
  std::chrono::microseconds elapsed{0};

  bool HasValues() const { return outcome == Outcome::kOptimal || outcome == Outcome::kFeasible; }
};

// Validates the model (kInternal naming the column or row: bounds crossed, a term on a
// column that does not exist, a start of the wrong length) and solves it within the limits.
Result<Solution> Solve(const Model& model, Limits limits);

// The least and the greatest value of each expression over the model's feasible set, with
// integer columns relaxed to continuous ones (a linear programme per bound, each started from
// the last one's basis). An unbounded side is -kInfinity or kInfinity. Fails with kInternal on
// a malformed model or expression (naming it), or when the model has no solution.
struct Range {
  double lower = 0;
  double upper = 0;
};
Result<std::vector<Range>> Ranges(const Model& model,
                                  const std::vector<std::vector<Term>>& expressions);

}  // namespace ensemble::solver
