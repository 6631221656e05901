#include "components/solver/mip.h"

#include <Cbc_C_Interface.h>

#include <CbcModel.hpp>
#include <ClpSimplex.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace ensemble::solver {
namespace {

// A malformed model is the caller's bug, not the user's input: kInternal, the detail for the log.
std::unexpected<Error> Invalid(std::string field, std::string detail) {
  return Internal(std::move(detail), std::move(field));
}

Status Validate(const Model& model) {
  const int columns = static_cast<int>(model.columns.size());
  for (int c = 0; c < columns; ++c) {
    const Column& column = model.columns[static_cast<std::size_t>(c)];
    if (std::isnan(column.lower) || std::isnan(column.upper) || std::isnan(column.cost) ||
        column.lower > column.upper || std::isinf(column.cost))
      return Invalid("columns[" + std::to_string(c) + "]", "column bounds crossed or not numbers");
  }
  for (std::size_t r = 0; r < model.rows.size(); ++r) {
    const Row& row = model.rows[r];
    const std::string field = "rows[" + std::to_string(r) + "]";
    if (std::isnan(row.lower) || std::isnan(row.upper) || row.lower > row.upper)
      return Invalid(field, "row bounds crossed or not numbers");
    for (const Term& term : row.terms)
      if (term.column < 0 || term.column >= columns || !std::isfinite(term.coefficient))
        return Invalid(field, "a term names no column or is not finite");
  }
  if (!model.start.empty() && model.start.size() != model.columns.size())
    return Invalid("start", "one start value per column");
  return {};
}

// CBC's C interface wants the matrix column by column (compressed sparse column).
struct ColumnMajor {
  std::vector<CoinBigIndex> starts;
  std::vector<int> rows;
  std::vector<double> values;
};

ColumnMajor ByColumns(const Model& model) {
  std::vector<std::vector<std::pair<int, double>>> per_column(model.columns.size());
  for (std::size_t r = 0; r < model.rows.size(); ++r)
    for (const Term& term : model.rows[r].terms)
      if (term.coefficient != 0)
        per_column[static_cast<std::size_t>(term.column)].emplace_back(static_cast<int>(r),
                                                                       term.coefficient);
  ColumnMajor matrix;
  matrix.starts.reserve(per_column.size() + 1);
  matrix.starts.push_back(0);
  for (auto& entries : per_column) {
    // A row naming a column twice is summed, as a reader of the model would expect.
    std::sort(entries.begin(), entries.end());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (i > 0 && entries[i].first == entries[i - 1].first) {
        matrix.values.back() += entries[i].second;
        continue;
      }
      matrix.rows.push_back(entries[i].first);
      matrix.values.push_back(entries[i].second);
    }
    matrix.starts.push_back(static_cast<CoinBigIndex>(matrix.rows.size()));
  }
  return matrix;
}

double Finite(double bound) {
  // CBC spells infinity as COIN_DBL_MAX.
  if (bound == kInfinity) return std::numeric_limits<double>::max();
  if (bound == -kInfinity) return -std::numeric_limits<double>::max();
  return bound;
}

struct ModelDeleter {
  void operator()(Cbc_Model* model) const { Cbc_deleteModel(model); }
};

// The arrays CBC is given, built once from the model.
struct Problem {
  const Model& model;
  const ColumnMajor& matrix;
  const std::vector<double>& column_lower;
  const std::vector<double>& column_upper;
  const std::vector<double>& cost;
  const std::vector<double>& row_lower;
  const std::vector<double>& row_upper;
};

void RoundIntegers(const Model& model, Solution& solution) {
  // Integer columns come back as 0.9999999: round them, the model promised integers.
  for (std::size_t c = 0; c < model.columns.size(); ++c)
    if (model.columns[c].integer) solution.values[c] = std::round(solution.values[c]);
}

void SetGap(Solution& solution) {
  solution.gap =
      (solution.objective - solution.best_bound) / std::max(1.0, std::abs(solution.objective));
}

double Seconds(std::chrono::milliseconds time) {
  return std::max(0.001, static_cast<double>(time.count()) / 1000.0);
}

// Many small programs, each given a good start: branch and bound on the plain relaxation, through
// CbcModel itself. CBC's preprocessing, cut generators, heuristics and strong branching cost more
// than they find here (measured in bench/: a third of the time), and preprocessing also crashes
// CBC 2.10 in CglPreProcess::postProcess when a time limit of a few milliseconds strikes inside
// it. CbcModel keeps its state in the object, so calls on several threads at once are safe — the
// C interface's Cbc_solve is not: it parses options through CbcMain, whose reader is static (two
// threads garbled each other's options in the bench).
Solution SolveLight(const Problem& problem, const Limits& limits) {
  const Model& model = problem.model;
  OsiClpSolverInterface relaxation;
  relaxation.messageHandler()->setLogLevel(0);
  relaxation.loadProblem(static_cast<int>(model.columns.size()),
                         static_cast<int>(model.rows.size()), problem.matrix.starts.data(),
                         problem.matrix.rows.data(), problem.matrix.values.data(),
                         problem.column_lower.data(), problem.column_upper.data(),
                         problem.cost.data(), problem.row_lower.data(), problem.row_upper.data());
  for (std::size_t c = 0; c < model.columns.size(); ++c)
    if (model.columns[c].integer) relaxation.setInteger(static_cast<int>(c));

  CbcModel cbc(relaxation);
  cbc.setLogLevel(0);
  cbc.solver()->messageHandler()->setLogLevel(0);
  cbc.setUseElapsedTime(true);  // the limit is the caller's wall clock, not this process's CPU
  cbc.setMaximumSeconds(Seconds(limits.time));
  cbc.setAllowableFractionGap(std::max(0.0, limits.relative_gap));
  if (limits.max_nodes > 0) cbc.setMaximumNodes(limits.max_nodes);
  cbc.setNumberStrong(0);
  cbc.initialSolve();
  Solution solution;
  if (cbc.isInitialSolveProvenPrimalInfeasible()) {
    solution.outcome = Outcome::kInfeasible;
    return solution;
  }
  // Checked: a start that breaks a row is dropped rather than trusted.
  if (!model.start.empty())
    cbc.setBestSolution(model.start.data(), static_cast<int>(model.start.size()),
                        std::numeric_limits<double>::max(), true);
  cbc.branchAndBound();

  const double* best = cbc.bestSolution();
  if (cbc.isProvenInfeasible() && best == nullptr) {
    solution.outcome = Outcome::kInfeasible;
  } else if (best == nullptr) {
    solution.outcome = Outcome::kNoSolution;
  } else {
    solution.outcome = cbc.isProvenOptimal() ? Outcome::kOptimal : Outcome::kFeasible;
    solution.values.assign(best, best + model.columns.size());
    RoundIntegers(model, solution);
    solution.objective = cbc.getObjValue();
    solution.best_bound = solution.outcome == Outcome::kOptimal
                              ? solution.objective
                              : std::min(solution.objective, cbc.getBestPossibleObjValue());
    SetGap(solution);
  }
  solution.nodes = cbc.getNodeCount();
  return solution;
}

// CBC's defaults (preprocessing, cuts, heuristics) through its C interface. Cbc_solve runs
// CbcMain, whose option reader keeps static state: one call at a time in the process.
std::mutex cbc_main_mutex;

Solution SolveFull(const Problem& problem, const Limits& limits) {
  const Model& model = problem.model;
  std::unique_ptr<Cbc_Model, ModelDeleter> cbc(Cbc_newModel());
  Cbc_loadProblem(cbc.get(), static_cast<int>(model.columns.size()),
                  static_cast<int>(model.rows.size()), problem.matrix.starts.data(),
                  problem.matrix.rows.data(), problem.matrix.values.data(),
                  problem.column_lower.data(), problem.column_upper.data(), problem.cost.data(),
                  problem.row_lower.data(), problem.row_upper.data());
  for (std::size_t c = 0; c < model.columns.size(); ++c)
    if (model.columns[c].integer) Cbc_setInteger(cbc.get(), static_cast<int>(c));
  Cbc_setLogLevel(cbc.get(), 0);
  Cbc_setMaximumSeconds(cbc.get(), Seconds(limits.time));
  Cbc_setAllowableFractionGap(cbc.get(), std::max(0.0, limits.relative_gap));
  if (limits.max_nodes > 0) Cbc_setMaximumNodes(cbc.get(), limits.max_nodes);
  if (!model.start.empty()) {
    std::vector<int> indexes(model.columns.size());
    for (std::size_t c = 0; c < indexes.size(); ++c) indexes[c] = static_cast<int>(c);
    Cbc_setMIPStartI(cbc.get(), static_cast<int>(indexes.size()), indexes.data(),
                     model.start.data());
  }
  {
    const std::lock_guard lock(cbc_main_mutex);
    Cbc_solve(cbc.get());
  }

  Solution solution;
  const bool has_values = Cbc_numberSavedSolutions(cbc.get()) > 0 ||
                          (Cbc_isProvenOptimal(cbc.get()) && !model.columns.empty());
  if (Cbc_isProvenInfeasible(cbc.get()) || Cbc_isInitialSolveProvenPrimalInfeasible(cbc.get())) {
    solution.outcome = Outcome::kInfeasible;
  } else if (Cbc_isProvenOptimal(cbc.get())) {
    solution.outcome = Outcome::kOptimal;
  } else {
    solution.outcome = has_values ? Outcome::kFeasible : Outcome::kNoSolution;
  }
  if (solution.HasValues()) {
    const double* values = Cbc_getColSolution(cbc.get());
    solution.values.assign(values, values + model.columns.size());
    RoundIntegers(model, solution);
    solution.objective = Cbc_getObjValue(cbc.get());
    solution.best_bound =
        solution.outcome == Outcome::kOptimal
            ? solution.objective
            : std::min(solution.objective, Cbc_getBestPossibleObjValue(cbc.get()));
    SetGap(solution);
  }
  solution.nodes = Cbc_getNodeCount(cbc.get());
  return solution;
}

}  // namespace

std::string_view ToString(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOptimal:
      return "optimal";
    case Outcome::kFeasible:
      return "feasible";
    case Outcome::kInfeasible:
      return "infeasible";
    case Outcome::kNoSolution:
      return "no_solution";
  }
  return "no_solution";
}

int Model::AddColumn(Column column) {
  columns.push_back(column);
  return static_cast<int>(columns.size()) - 1;
}

int Model::AddBinary(double cost) {
  return AddColumn(Column{.lower = 0, .upper = 1, .cost = cost, .integer = true});
}

void Model::AddRow(std::vector<Term> terms, double lower, double upper) {
  rows.push_back(Row{std::move(terms), lower, upper});
}

namespace {

// The model in the arrays the solvers are given.
struct Arrays {
  ColumnMajor matrix;
  std::vector<double> column_lower, column_upper, cost, row_lower, row_upper;
};

Arrays ArraysOf(const Model& model) {
  Arrays arrays{ByColumns(model), {}, {}, {}, {}, {}};
  for (const Column& column : model.columns) {
    arrays.column_lower.push_back(Finite(column.lower));
    arrays.column_upper.push_back(Finite(column.upper));
    arrays.cost.push_back(column.cost);
  }
  for (const Row& row : model.rows) {
    arrays.row_lower.push_back(Finite(row.lower));
    arrays.row_upper.push_back(Finite(row.upper));
  }
  return arrays;
}

}  // namespace

Result<Solution> Solve(const Model& model, Limits limits) {
  ENSEMBLE_TRY_STATUS(Validate(model));
  const auto began = std::chrono::steady_clock::now();
  const Arrays a = ArraysOf(model);
  const Problem problem{model,  a.matrix,    a.column_lower, a.column_upper,
                        a.cost, a.row_lower, a.row_upper};
  Solution solution =
      limits.effort == Effort::kLight ? SolveLight(problem, limits) : SolveFull(problem, limits);
  // A limit of a few milliseconds can strike inside Cbc_solve before it has read the start, and
  // it then says "no solution", or even "infeasible" (its preprocessing cut short; seen in CI
  // and reproduced in a loop). The light path installs the start before branching, checked
  // against the rows, and solves the relaxation first: it answers with the start and a true
  // bound, or proves the model infeasible when it is.
  if (limits.effort == Effort::kFull && !solution.HasValues() && !model.start.empty())
    solution = SolveLight(problem, limits);
  solution.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - began);
  return solution;
}

Result<std::vector<Range>> Ranges(const Model& model,
                                  const std::vector<std::vector<Term>>& expressions) {
  ENSEMBLE_TRY_STATUS(Validate(model));
  const int columns = static_cast<int>(model.columns.size());
  for (std::size_t e = 0; e < expressions.size(); ++e)
    for (const Term& term : expressions[e])
      if (term.column < 0 || term.column >= columns || !std::isfinite(term.coefficient))
        return Invalid("expressions[" + std::to_string(e) + "]",
                       "a term names no column or is not finite");
  const Arrays a = ArraysOf(model);
  const std::vector<double> no_cost(model.columns.size(), 0.0);
  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(columns, static_cast<int>(model.rows.size()), a.matrix.starts.data(),
                 a.matrix.rows.data(), a.matrix.values.data(), a.column_lower.data(),
                 a.column_upper.data(), no_cost.data(), a.row_lower.data(), a.row_upper.data());
  lp.scaling(0);  // rows of small integers: scaling them costs more than it gives
  lp.dual();
  if (lp.status() != 0) return Internal("solver: the program of the ranges has no solution");
  // Each optimum starts from the last one's basis and factorisation: the programmes differ only
  // by their objective, so the last optimum stays feasible and the primal simplex goes on from
  // it, with a few pivots rather than a whole solve (options 1 and 2: keep the work areas and
  // the factorisation between calls).
  constexpr int kKeepFactorization = 1 | 2;
  std::vector<Range> ranges;
  ranges.reserve(expressions.size());
  for (const std::vector<Term>& expression : expressions) {
    // A column named twice is summed, as in a row.
    std::map<int, double> coefficients;
    for (const Term& term : expression) coefficients[term.column] += term.coefficient;
    for (const auto& [column, coefficient] : coefficients)
      lp.setObjectiveCoefficient(column, coefficient);
    Range range;
    for (const double sense : {1.0, -1.0}) {
      lp.setOptimizationDirection(sense);
      lp.primal(0, kKeepFactorization);
      double value = sense > 0 ? -kInfinity : kInfinity;
      if (lp.status() == 0) {
        value = lp.objectiveValue();
      } else if (lp.status() != 2) {  // 2: unbounded
        return Internal("solver: a range's program stopped before its optimum");
      }
      (sense > 0 ? range.lower : range.upper) = value;
    }
    for (const auto& [column, coefficient] : coefficients) lp.setObjectiveCoefficient(column, 0.0);
    ranges.push_back(range);
  }
  return ranges;
}

}  // namespace ensemble::solver
