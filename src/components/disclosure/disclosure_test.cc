#include "components/disclosure/disclosure.h"

#include <glpk.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "components/disclosure/cross_table.h"

namespace ensemble::disclosure {
namespace {

using Grid = std::vector<std::vector<std::int64_t>>;
using Mask = std::vector<std::vector<bool>>;

Table MakeTable(const Grid& counts) {
  Table table;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    table.row_keys.push_back("centre " + std::to_string(i));
    table.cells.emplace_back();
    for (const std::int64_t count : counts[i]) table.cells.back().push_back({count, {}, {}});
  }
  for (std::size_t j = 0; j < counts.front().size(); ++j) {
    table.column_keys.push_back("question " + std::to_string(j));
  }
  return table;
}

// Random integers from a seed, printed so that a failing run can be replayed.
class Dice {
 public:
  Dice(std::uint32_t seed, const char* what) : random_(seed) {
    std::printf("disclosure %s seed %u\n", what, seed);
  }
  int operator()(int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random_);
  }

 private:
  std::mt19937 random_;
};

// Counts, a third of them small (up to `small`), the others up to `large`; each row raised to
// reach `row_minimum` (a row whose total is published as it is passes the threshold).
Grid RandomCounts(Dice& uniform, std::size_t rows, std::size_t columns, int small, int large,
                  std::int64_t row_minimum) {
  Grid counts(rows, std::vector<std::int64_t>(columns));
  for (auto& row : counts) {
    std::int64_t total = 0;
    for (auto& value : row)
      total += value = uniform(0, 2) == 0 ? uniform(0, small) : uniform(0, large);
    if (total < row_minimum) row.back() += row_minimum - total;
  }
  return counts;
}

char Letter(const Published& cell) {
  switch (cell.reason) {
    case Reason::kPublished:
      return '.';
    case Reason::kBelowThreshold:
      return 'P';
    case Reason::kDominance:
      return 'D';
    case Reason::kSecondary:
      return 'S';
  }
  return '?';
}

// One line per row, "cells|total", then the column totals' line: . published, P below the
// threshold, D dominated, S secondary.
std::vector<std::string> Pattern(const ProtectedTable& result) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < result.cells.size(); ++i) {
    std::string line;
    for (const Published& cell : result.cells[i]) line += Letter(cell);
    lines.push_back(line + "|" + Letter(result.row_totals[i]));
  }
  std::string totals;
  for (const Published& cell : result.column_totals) totals += Letter(cell);
  lines.push_back(totals + "|" + Letter(result.grand_total));
  return lines;
}

// The table with its totals, (rows + 1) x (columns + 1), as Audit takes it.
Grid WithTotals(const Grid& cells) {
  const std::size_t rows = cells.size(), columns = cells.front().size();
  Grid grid(rows + 1, std::vector<std::int64_t>(columns + 1, 0));
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < columns; ++j) {
      grid[i][j] = cells[i][j];
      grid[i][columns] += cells[i][j];
      grid[rows][j] += cells[i][j];
      grid[rows][columns] += cells[i][j];
    }
  }
  return grid;
}

Mask MaskOf(const ProtectedTable& result) {
  Mask mask;
  for (std::size_t i = 0; i < result.cells.size(); ++i) {
    mask.emplace_back();
    for (const Published& cell : result.cells[i]) mask.back().push_back(cell.Suppressed());
    mask.back().push_back(result.row_totals[i].Suppressed());
  }
  mask.emplace_back();
  for (const Published& cell : result.column_totals) mask.back().push_back(cell.Suppressed());
  mask.back().push_back(result.grand_total.Suppressed());
  return mask;
}

// The equations an attacker knows over numbered positions: each one's members add up to its
// total.
struct Equation {
  std::vector<std::size_t> members;
  std::size_t total = 0;
};

// The attacker: GLPK's simplex minimises and maximises one suppressed position subject to the
// equations, the published values and non-negativity. Returns {min, max}; max is infinite when
// nothing bounds it. The matrices here are network matrices, so the LP's optimum is the integer
// one.
std::pair<double, double> Interval(const std::vector<std::int64_t>& values,
                                   const std::vector<bool>& suppressed,
                                   const std::vector<Equation>& equations, std::size_t target) {
  std::vector<int> column_of(values.size(), 0);
  glp_prob* lp = glp_create_prob();
  int variables = 0;
  for (std::size_t p = 0; p < values.size(); ++p) {
    if (suppressed[p]) column_of[p] = ++variables;
  }
  glp_add_cols(lp, variables);
  for (int v = 1; v <= variables; ++v) glp_set_col_bnds(lp, v, GLP_LO, 0.0, 0.0);
  std::vector<int> ia = {0}, ja = {0};
  std::vector<double> ar = {0};
  for (const Equation& equation : equations) {
    // Members minus the total = 0.
    double constant = 0;
    std::vector<std::pair<int, double>> terms;
    auto add = [&](std::size_t p, double sign) {
      if (suppressed[p]) {
        terms.push_back({column_of[p], sign});
      } else {
        constant += sign * static_cast<double>(values[p]);
      }
    };
    for (const std::size_t p : equation.members) add(p, 1.0);
    add(equation.total, -1.0);
    if (terms.empty()) continue;
    const int row = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, row, GLP_FX, -constant, -constant);
    for (const auto& [column, sign] : terms) {
      ia.push_back(row);
      ja.push_back(column);
      ar.push_back(sign);
    }
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parameters;
  glp_init_smcp(&parameters);
  parameters.msg_lev = GLP_MSG_OFF;
  parameters.presolve = GLP_OFF;
  glp_set_obj_coef(lp, column_of[target], 1.0);
  auto solve = [&](int direction) {
    glp_set_obj_dir(lp, direction);
    glp_std_basis(lp);
    EXPECT_EQ(glp_simplex(lp, &parameters), 0);
    const int status = glp_get_status(lp);
    if (status == GLP_UNBND) return std::numeric_limits<double>::infinity();
    EXPECT_EQ(status, GLP_OPT);
    return glp_get_obj_val(lp);
  };
  const double low = solve(GLP_MIN);
  const double high = solve(GLP_MAX);
  glp_delete_prob(lp);
  return {low, high};
}

// A (rows + 1) x (columns + 1) grid with its totals as numbered positions, row by row, with its
// equations: each row's and column's cells add up to its total, the totals to the grand total.
std::vector<Equation> GridEquations(std::size_t rows, std::size_t columns) {
  auto at = [&](std::size_t r, std::size_t c) { return r * (columns + 1) + c; };
  std::vector<Equation> equations;
  for (std::size_t r = 0; r <= rows; ++r) {
    equations.push_back({{}, at(r, columns)});
    for (std::size_t c = 0; c < columns; ++c) equations.back().members.push_back(at(r, c));
  }
  for (std::size_t c = 0; c <= columns; ++c) {
    equations.push_back({{}, at(rows, c)});
    for (std::size_t r = 0; r < rows; ++r) equations.back().members.push_back(at(r, c));
  }
  return equations;
}

std::pair<double, double> FeasibleRange(const Grid& values, const Mask& suppressed,
                                        std::size_t target_row, std::size_t target_column) {
  std::vector<std::int64_t> flat;
  std::vector<bool> hidden;
  for (std::size_t r = 0; r < values.size(); ++r) {
    flat.insert(flat.end(), values[r].begin(), values[r].end());
    hidden.insert(hidden.end(), suppressed[r].begin(), suppressed[r].end());
  }
  const std::size_t columns = values.front().size() - 1;
  return Interval(flat, hidden, GridEquations(values.size() - 1, columns),
                  target_row * (columns + 1) + target_column);
}

std::vector<Position> PinnedByGlpk(const Grid& values, const Mask& suppressed) {
  std::vector<Position> pinned;
  for (std::size_t r = 0; r < values.size(); ++r) {
    for (std::size_t c = 0; c < values[r].size(); ++c) {
      if (!suppressed[r][c]) continue;
      const auto [low, high] = FeasibleRange(values, suppressed, r, c);
      EXPECT_LE(low, static_cast<double>(values[r][c]) + 1e-6);
      EXPECT_GE(high, static_cast<double>(values[r][c]) - 1e-6);
      if (high - low < 1.0 - 1e-6) pinned.push_back({r, c});
    }
  }
  return pinned;
}

struct GoldenCase {
  std::string name;
  Grid counts;
  std::vector<std::string> pattern;
};

TEST(Protect, GoldenPatterns) {
  const std::vector<GoldenCase> cases = {
      {"2x2 nothing small", {{10, 12}, {15, 20}}, {"..|.", "..|.", "..|."}},
      // The small cell's row and column each take their smallest cell; the fourth closes the
      // cycle, since the second row had one suppression.
      {"2x2 one small", {{3, 10}, {12, 20}}, {"PS|.", "SS|.", "..|."}},
      // Row 0 takes 8, column 0 takes 6, then row 2 takes 10: the cycle 2, 8, 10, 6.
      {"3x3 one small",
       {{2, 8, 9}, {7, 15, 11}, {6, 10, 30}},
       {"PS.|.", "...|.", "SS.|.", "...|."}},
      // The same transposed: a column forcing the first complement.
      {"3x3 one small, transposed",
       {{2, 7, 6}, {8, 15, 10}, {9, 11, 30}},
       {"P.S|.", "S.S|.", "...|.", "...|."}},
      // Row 0's only non-zero cell is 3: its total is 3 too, primary. The row totals' column
      // then needs a complement (20), which forces one in row 1 (5), and so on.
      {"single non-zero cell in a row",
       {{0, 3, 0}, {5, 9, 6}, {8, 7, 10}},
       {".P.|P", "S..|S", "SS.|.", "...|."}},
      // Three small cells on the diagonal: each complement forces the next line's.
      {"chain of complements",
       {{1, 20, 20}, {20, 2, 20}, {20, 20, 3}},
       {"PSS|.", "SP.|.", "S.P|.", "...|."}},
      // A total below the threshold is primary with its cells. Column 0 takes 9, column 1 takes
      // 12, the row totals take 22; row 2 then has one suppression and takes 14.
      {"small row", {{1, 2}, {10, 12}, {9, 14}}, {"PP|P", ".S|S", "SS|.", "..|."}},
  };
  for (const GoldenCase& c : cases) {
    const auto result = Protect(MakeTable(c.counts));
    ASSERT_TRUE(result.has_value()) << c.name;
    EXPECT_EQ(Pattern(*result), c.pattern) << c.name;
    const auto pinned = Audit(WithTotals(c.counts), MaskOf(*result));
    ASSERT_TRUE(pinned.has_value());
    EXPECT_TRUE(pinned->empty()) << c.name;
    EXPECT_TRUE(PinnedByGlpk(WithTotals(c.counts), MaskOf(*result)).empty()) << c.name;
  }
}

TEST(Protect, PublishedValuesAreTheTrueOnes) {
  const auto result = Protect(MakeTable({{3, 10}, {12, 20}}));
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->cells[0][0].count.has_value());
  EXPECT_EQ(result->row_totals[0].count, 13);
  EXPECT_EQ(result->column_totals[1].count, 30);
  EXPECT_EQ(result->grand_total.count, 45);
  EXPECT_EQ(Label(result->cells[0][0]), "< 5");
  EXPECT_EQ(Label(result->cells[0][1]), "s");
  EXPECT_EQ(Label(result->row_totals[0]), "13");
}

TEST(Protect, ThresholdIsAParameter) {
  Options options;
  options.threshold = 11;
  const auto result = Protect(MakeTable({{3, 10}, {12, 20}}), options);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->cells[0][1].reason, Reason::kBelowThreshold);
  EXPECT_EQ(Label(result->cells[0][1], options), "< 11");
}

TEST(Protect, ZerosPublishedUnlessAsked) {
  const Grid counts = {{0, 10}, {10, 10}};
  const auto published = Protect(MakeTable(counts));
  ASSERT_TRUE(published.has_value());
  EXPECT_EQ(Pattern(*published), (std::vector<std::string>{"..|.", "..|.", "..|."}));
  Options options;
  options.zeros = Zeros::kSuppress;
  const auto suppressed = Protect(MakeTable(counts), options);
  ASSERT_TRUE(suppressed.has_value());
  EXPECT_EQ(suppressed->cells[0][0].reason, Reason::kBelowThreshold);
  EXPECT_TRUE(Audit(WithTotals(counts), MaskOf(*suppressed))->empty());
  EXPECT_TRUE(PinnedByGlpk(WithTotals(counts), MaskOf(*suppressed)).empty());
}

Table SumsTable() {
  Table table = MakeTable({{10, 10}, {10, 10}});
  for (auto& row : table.cells) {
    for (Cell& cell : row) {
      cell.sum = 100;
      cell.largest = {20, 15};
    }
  }
  // One person makes 900 of the 1000 hours of the first cell.
  table.cells[0][0].sum = 1000;
  table.cells[0][0].largest = {900, 50};
  return table;
}

TEST(Protect, DominanceOfSums) {
  const auto result = Protect(SumsTable());
  ASSERT_TRUE(result.has_value());
  // The two largest make 95% of the cell, and 950 / 1100 = 86% of its row's and column's
  // totals: all three dominated. 950 / 1300 = 73% of the grand total is not.
  EXPECT_EQ(Pattern(*result), (std::vector<std::string>{"DS|D", "S.|S", "DS|."}));
  EXPECT_EQ(Label(result->cells[0][0]), "s");
  EXPECT_EQ(result->cells[1][1].sum, 100);
  EXPECT_EQ(result->grand_total.sum, 1300);
  Grid sums = {{1000, 100}, {100, 100}};
  EXPECT_TRUE(PinnedByGlpk(WithTotals(sums), MaskOf(*result)).empty());
  EXPECT_TRUE(PinnedByGlpk(WithTotals({{10, 10}, {10, 10}}), MaskOf(*result)).empty());
}

TEST(Protect, DominanceParameters) {
  Options one;
  one.dominance_contributors = 1;
  one.dominance_percent = 89;  // 900 / 1000 = 90% > 89%.
  EXPECT_EQ(Protect(SumsTable(), one)->cells[0][0].reason, Reason::kDominance);
  one.dominance_percent = 90;  // Not more than 90%.
  EXPECT_EQ(Protect(SumsTable(), one)->cells[0][0].reason, Reason::kPublished);
  Options off;
  off.dominance_contributors = 0;
  EXPECT_EQ(Pattern(*Protect(SumsTable(), off)),
            (std::vector<std::string>{"..|.", "..|.", "..|."}));
}

TEST(Reason, HasAStableCode) {
  EXPECT_EQ(ToString(Reason::kPublished), "published");
  EXPECT_EQ(ToString(Reason::kBelowThreshold), "below_threshold");
  EXPECT_EQ(ToString(Reason::kDominance), "dominance");
  EXPECT_EQ(ToString(Reason::kSecondary), "secondary");
}

TEST(RoundToBase, HalvesUp) {
  const std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> cases = {
      {0, 5, 0},   {2, 5, 0},   {3, 5, 5},   {7, 5, 5},    {8, 5, 10},
      {10, 5, 10}, {12, 0, 12}, {12, 1, 12}, {15, 10, 20}, {14, 10, 10}};
  for (const auto& [value, base, rounded] : cases) {
    EXPECT_EQ(RoundToBase(value, base), rounded) << value << " to " << base;
  }
}

TEST(Protect, RoundsPublishedCounts) {
  Options options;
  options.rounding_base = 5;
  const auto result = Protect(MakeTable({{3, 12}, {13, 21}}), options);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->row_totals[0].count, 15);  // 15
  EXPECT_EQ(result->row_totals[1].count, 35);  // 34
  EXPECT_EQ(result->grand_total.count, 50);    // 49
}

TEST(Audit, FindsABridgeBetweenTwoCycles) {
  // Two blocks of suppressed cells, each a cycle, joined by one suppressed cell (1, 2): every
  // row and column holds two suppressions or more, yet the bridge is the difference of the two
  // blocks' published surroundings.
  const Grid cells = {{7, 8, 9, 10}, {11, 12, 13, 14}, {15, 16, 17, 18}, {19, 20, 21, 22}};
  Mask mask(5, std::vector<bool>(5, false));
  for (const auto& [r, c] : std::vector<std::pair<int, int>>{
           {0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}, {1, 2}}) {
    mask[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = true;
  }
  const auto pinned = Audit(WithTotals(cells), mask);
  ASSERT_TRUE(pinned.has_value());
  EXPECT_EQ(*pinned, (std::vector<Position>{{1, 2}}));
  EXPECT_EQ(PinnedByGlpk(WithTotals(cells), mask), (std::vector<Position>{{1, 2}}));
}

TEST(Audit, RefusesMisshapenInput) {
  const auto result = Audit({{1, 2}, {3}}, {{false, false}, {false}});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().field, "values");
}

struct RefusalCase {
  std::string name;
  Table table;
  Options options;
  std::string field;
};

TEST(Protect, RefusesBadInput) {
  const Table good = MakeTable({{3, 10}, {12, 20}});
  std::vector<RefusalCase> cases;
  cases.push_back({"threshold", good, Options{.threshold = 0}, "threshold"});
  cases.push_back(
      {"contributors", good, Options{.dominance_contributors = 3}, "dominance_contributors"});
  cases.push_back({"percent", good, Options{.dominance_percent = 0}, "dominance_percent"});
  cases.push_back({"rounding", good, Options{.rounding_base = -5}, "rounding_base"});
  Table ragged = good;
  ragged.cells[1].pop_back();
  cases.push_back({"ragged", ragged, {}, "column_keys"});
  Table keys = good;
  keys.row_keys.pop_back();
  cases.push_back({"row keys", keys, {}, "row_keys"});
  Table negative = good;
  negative.cells[0][1].count = -1;
  cases.push_back({"negative", negative, {}, "cells[0][1].count"});
  Table totals = good;
  totals.row_totals = std::vector<std::int64_t>{13, 33};
  cases.push_back({"row total", totals, {}, "row_totals[1]"});
  Table grand = good;
  grand.grand_total = 44;
  cases.push_back({"grand total", grand, {}, "grand_total"});
  Table no_largest = SumsTable();
  no_largest.cells[1][0].largest = {15};
  cases.push_back({"largest", no_largest, {}, "cells[1][0].largest"});
  Table unordered = SumsTable();
  unordered.cells[1][0].largest = {15, 20};
  cases.push_back({"unordered", unordered, {}, "cells[1][0].largest"});
  Table missing_sum = SumsTable();
  missing_sum.cells[0][1].sum.reset();
  cases.push_back({"missing sum", missing_sum, {}, "cells[0][1].sum"});
  Table empty_sum = SumsTable();
  empty_sum.cells[0][1].count = 0;
  empty_sum.cells[0][1].largest.clear();
  cases.push_back({"sum without people", empty_sum, {}, "cells[0][1].sum"});
  for (const RefusalCase& c : cases) {
    const auto result = Protect(c.table, c.options);
    ASSERT_FALSE(result.has_value()) << c.name;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(result.error().field, c.field) << c.name;
  }
  Table small_margin = MakeTable({{1, 2}, {12, 20}});
  small_margin.margins_published = true;
  cases.push_back({"published margin below k", small_margin, {}, "row_totals[0]"});
  Table given = good;
  given.row_totals = std::vector<std::int64_t>{13, 32};
  given.column_totals = std::vector<std::int64_t>{15, 30};
  given.grand_total = 45;
  EXPECT_TRUE(Protect(given).has_value());
}

// Random tables up to 4 x 4 of values 0..20 (small ones over-represented so that suppression
// happens), random thresholds, zero policies and sums. For every table: the small cells are
// suppressed, the published values are the true ones, and GLPK's attacker finds every
// suppressed count and sum free to take at least two values. As a control, the same attacker
// must recover cells of the primary-only pattern, and agree with Audit() on random patterns.
TEST(Protect, NoSuppressedValueIsRecoverable) {
  const std::uint32_t seed = 20261202;
  RecordProperty("seed", static_cast<int>(seed));
  Dice uniform(seed, "property test");
  int tables = 0, suppressed_total = 0, secondary_total = 0, recovered_primary_only = 0;
  for (int round = 0; round < 600; ++round) {
    const auto rows = static_cast<std::size_t>(uniform(1, 4));
    const auto columns = static_cast<std::size_t>(uniform(1, 4));
    Options options;
    options.threshold = uniform(3, 6);
    options.zeros = uniform(0, 4) == 0 ? Zeros::kSuppress : Zeros::kPublish;
    const bool with_sums = uniform(0, 2) == 0;
    Grid counts(rows, std::vector<std::int64_t>(columns));
    Grid sums = counts;
    Table table;
    for (std::size_t i = 0; i < rows; ++i) table.row_keys.push_back(std::to_string(i));
    for (std::size_t j = 0; j < columns; ++j) table.column_keys.push_back(std::to_string(j));
    for (std::size_t i = 0; i < rows; ++i) {
      table.cells.emplace_back();
      for (std::size_t j = 0; j < columns; ++j) {
        counts[i][j] = uniform(0, 2) == 0 ? uniform(0, 4) : uniform(0, 20);
        Cell cell{counts[i][j], {}, {}};
        if (with_sums) {
          std::vector<std::int64_t> parts;
          for (std::int64_t p = 0; p < counts[i][j]; ++p) {
            parts.push_back(uniform(0, 9) == 0 ? uniform(200, 1000) : uniform(0, 60));
          }
          std::sort(parts.rbegin(), parts.rend());
          std::int64_t sum = 0;
          for (const std::int64_t part : parts) sum += part;
          cell.sum = sum;
          sums[i][j] = sum;
          parts.resize(std::min<std::size_t>(parts.size(), 2));
          cell.largest = parts;
        }
        table.cells.back().push_back(cell);
      }
    }
    const auto result = Protect(table, options);
    ASSERT_TRUE(result.has_value()) << "round " << round;
    ++tables;
    const Grid values = WithTotals(counts);
    const Mask mask = MaskOf(*result);
    for (std::size_t r = 0; r <= rows; ++r) {
      for (std::size_t c = 0; c <= columns; ++c) {
        const std::int64_t v = values[r][c];
        const bool small =
            (v > 0 && v < options.threshold) || (v == 0 && options.zeros == Zeros::kSuppress);
        if (small) {
          EXPECT_TRUE(mask[r][c]) << "round " << round << " at " << r << "," << c;
        }
        suppressed_total += mask[r][c] ? 1 : 0;
        const Published& cell =
            r < rows ? (c < columns ? result->cells[r][c] : result->row_totals[r])
                     : (c < columns ? result->column_totals[c] : result->grand_total);
        secondary_total += cell.reason == Reason::kSecondary ? 1 : 0;
        if (!mask[r][c]) {
          EXPECT_EQ(cell.count, v) << "round " << round;
        }
      }
    }
    EXPECT_TRUE(PinnedByGlpk(values, mask).empty()) << "round " << round << " (counts)";
    if (with_sums) {
      EXPECT_TRUE(PinnedByGlpk(WithTotals(sums), mask).empty()) << "round " << round << " (sums)";
    }
    EXPECT_TRUE(Audit(values, mask)->empty()) << "round " << round;

    // Controls: the primary-only pattern and a random pattern, where GLPK and Audit must agree.
    Mask primary(rows + 1, std::vector<bool>(columns + 1, false));
    Mask scattered = primary;
    for (std::size_t r = 0; r <= rows; ++r) {
      for (std::size_t c = 0; c <= columns; ++c) {
        primary[r][c] = values[r][c] > 0 && values[r][c] < options.threshold;
        scattered[r][c] = uniform(0, 2) == 0;
      }
    }
    const auto by_glpk = PinnedByGlpk(values, primary);
    recovered_primary_only += static_cast<int>(by_glpk.size());
    EXPECT_EQ(*Audit(values, primary), by_glpk) << "round " << round;
    EXPECT_EQ(*Audit(values, scattered), PinnedByGlpk(values, scattered)) << "round " << round;
  }
  std::printf(
      "%d tables, %d suppressed positions (%d secondary); %d cells an attacker recovers "
      "from primary suppression alone\n",
      tables, suppressed_total, secondary_total, recovered_primary_only);
  EXPECT_GT(secondary_total, 0);
  EXPECT_GT(recovered_primary_only, 0);  // The attacker is able: without complements it wins.
}

// Tables published with their margins as they are (a survey's tables per question share the
// respondents per structure): the row totals and the grand total are never suppressed, only
// cells hide each other, and GLPK's attacker, who knows the margins, still pins nothing.
TEST(Protect, PublishedMarginsStayAndTheCellsStillHide) {
  Dice uniform(20261207, "published margins");
  int suppressed_cells = 0;
  for (int round = 0; round < 400; ++round) {
    const auto rows = static_cast<std::size_t>(uniform(1, 5));
    const auto columns = static_cast<std::size_t>(uniform(2, 4));
    Options options;
    options.threshold = uniform(3, 6);
    const Grid counts = RandomCounts(uniform, rows, columns, 3, 12, options.threshold);
    Table table = MakeTable(counts);
    table.margins_published = true;
    const auto result = Protect(table, options);
    ASSERT_TRUE(result.has_value()) << "round " << round << ": " << result.error().context;
    for (std::size_t r = 0; r < rows; ++r) {
      EXPECT_FALSE(result->row_totals[r].Suppressed()) << "round " << round << " row " << r;
      for (const Published& cell : result->cells[r]) suppressed_cells += cell.Suppressed() ? 1 : 0;
    }
    EXPECT_FALSE(result->grand_total.Suppressed()) << "round " << round;
    const Grid values = WithTotals(counts);
    const Mask mask = MaskOf(*result);
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < columns; ++c) {
        if (values[r][c] > 0 && values[r][c] < options.threshold) {
          EXPECT_TRUE(mask[r][c]) << "round " << round << " at " << r << "," << c;
        }
      }
    }
    EXPECT_TRUE(PinnedByGlpk(values, mask).empty()) << "round " << round;
  }
  EXPECT_GT(suppressed_cells, 0);
}

// A table with its totals and its groups' table, as the attacker sees it: the positions of the
// (rows + 1) x (columns + 1) grid row by row, then the groups' cells, then the groups' totals.
struct Linked {
  std::vector<std::int64_t> values;
  std::vector<bool> suppressed, below_threshold, locked;
  std::vector<Equation> equations;
};

// `margins_published`: the row totals and the grand total are published whatever (locked),
// which bounds what any pattern can offer.
Linked LinkedOf(const Grid& counts, const std::vector<std::size_t>& row_groups, std::size_t groups,
                const ProtectedTable& result, const Options& options, bool margins_published) {
  const std::size_t rows = counts.size(), columns = counts.front().size();
  const Grid grid = WithTotals(counts);
  const Mask mask = MaskOf(result);
  Linked linked;
  for (std::size_t r = 0; r <= rows; ++r) {
    for (std::size_t c = 0; c <= columns; ++c) {
      linked.values.push_back(grid[r][c]);
      linked.suppressed.push_back(mask[r][c]);
      linked.locked.push_back(margins_published && c == columns);
    }
  }
  linked.equations = GridEquations(rows, columns);
  const std::size_t group_cells = linked.values.size();
  auto group_cell = [&](std::size_t g, std::size_t c) { return group_cells + g * columns + c; };
  auto group_total = [&](std::size_t g) { return group_cells + groups * columns + g; };
  for (std::size_t g = 0; g < groups; ++g) {
    for (std::size_t c = 0; c < columns; ++c) {
      std::int64_t value = 0;
      for (std::size_t r = 0; r < rows; ++r) value += row_groups[r] == g ? counts[r][c] : 0;
      linked.values.push_back(value);
      linked.suppressed.push_back(result.group_cells[g][c].Suppressed());
      linked.locked.push_back(false);
    }
  }
  for (std::size_t g = 0; g < groups; ++g) {
    std::int64_t value = 0;
    for (std::size_t c = 0; c < columns; ++c) value += linked.values[group_cell(g, c)];
    linked.values.push_back(value);
    linked.suppressed.push_back(false);
    linked.locked.push_back(true);
  }
  auto at = [&](std::size_t r, std::size_t c) { return r * (columns + 1) + c; };
  for (std::size_t g = 0; g < groups; ++g) {
    for (std::size_t c = 0; c < columns; ++c) {
      Equation cell{{}, group_cell(g, c)};
      for (std::size_t r = 0; r < rows; ++r) {
        if (row_groups[r] == g) cell.members.push_back(at(r, c));
      }
      linked.equations.push_back(cell);
    }
    Equation line{{}, group_total(g)}, rows_of{{}, group_total(g)};
    for (std::size_t c = 0; c < columns; ++c) line.members.push_back(group_cell(g, c));
    for (std::size_t r = 0; r < rows; ++r) {
      if (row_groups[r] == g) rows_of.members.push_back(at(r, columns));
    }
    linked.equations.push_back(line);
    linked.equations.push_back(rows_of);
  }
  for (std::size_t c = 0; c < columns && groups > 0; ++c) {
    Equation column{{}, at(rows, c)};
    for (std::size_t g = 0; g < groups; ++g) column.members.push_back(group_cell(g, c));
    linked.equations.push_back(column);
  }
  for (std::size_t p = 0; p < linked.values.size(); ++p) {
    const std::int64_t v = linked.values[p];
    linked.below_threshold.push_back(v > 0 && v < options.threshold);
  }
  return linked;
}

// The test of a protection: for each suppressed count, GLPK's minimum and maximum given
// everything published. A count below the threshold must range over its value plus or minus
// half of it or the threshold, whichever is larger, as far as the published margins allow (the
// range with every other position suppressed); every other suppressed count must not be pinned.
// Returns how many cells fell short, printing each when `where` is given.
int ShortIntervals(const Linked& linked, const Options& options, const std::string& where) {
  std::vector<bool> all_open(linked.values.size());
  for (std::size_t p = 0; p < all_open.size(); ++p) all_open[p] = !linked.locked[p];
  int short_cells = 0;
  for (std::size_t p = 0; p < linked.values.size(); ++p) {
    if (!linked.suppressed[p]) continue;
    const auto v = static_cast<double>(linked.values[p]);
    const auto [low, high] = Interval(linked.values, linked.suppressed, linked.equations, p);
    bool enough = high - low >= 1.0 - 1e-6;
    if (linked.below_threshold[p]) {
      const double reach = std::max(v / 2, static_cast<double>(options.threshold));
      const auto [cap_low, cap_high] = Interval(linked.values, all_open, linked.equations, p);
      enough = low <= std::max(v - reach, cap_low) + 1e-6 &&
               high >= std::min(v + reach, cap_high) - 1e-6;
    }
    if (!enough) {
      ++short_cells;
      if (where.empty()) continue;
      std::printf("%s: position %zu of value %g ranges over [%g, %g]\n", where.c_str(), p, v, low,
                  high);
    }
  }
  return short_cells;
}

// Random tables, some with groups of rows (structures by territory) and so published margins:
// every count suppressed for being small keeps its whole interval against the LP attacker, who
// knows the group of each row and the groups' table. As a control, the same tables protected as
// two separate tables (rows, then groups) are open to the same attacker.
TEST(Protect, SmallCountsKeepTheirIntervalAcrossLinkedTables) {
  Dice uniform(20261207, "interval test");
  int checked_primaries = 0, short_when_separate = 0, grouped_tables = 0;
  for (int round = 0; round < 300; ++round) {
    const auto rows = static_cast<std::size_t>(uniform(1, 7));
    const auto columns = static_cast<std::size_t>(uniform(2, 4));
    const bool grouped = round % 3 != 0;
    Options options;
    options.threshold = uniform(3, 6);
    const Grid counts =
        RandomCounts(uniform, rows, columns, 4, 15, grouped ? options.threshold : 0);
    Table table = MakeTable(counts);
    std::size_t groups = 0;
    if (grouped) {
      groups = static_cast<std::size_t>(uniform(1, static_cast<int>(rows)));
      table.margins_published = true;
      for (std::size_t g = 0; g < groups; ++g) table.group_keys.push_back("g" + std::to_string(g));
      for (std::size_t r = 0; r < rows; ++r) {
        table.row_groups.push_back(
            r < groups ? r : static_cast<std::size_t>(uniform(0, static_cast<int>(groups) - 1)));
      }
      ++grouped_tables;
    }
    const auto result = Protect(table, options);
    ASSERT_TRUE(result.has_value()) << "round " << round << ": " << result.error().context;
    ASSERT_EQ(result->group_cells.size(), groups);
    const Linked linked =
        LinkedOf(counts, table.row_groups, groups, *result, options, table.margins_published);
    for (std::size_t p = 0; p < linked.values.size(); ++p) {
      if (linked.below_threshold[p]) {
        EXPECT_TRUE(linked.suppressed[p]) << "round " << round << " position " << p;
        ++checked_primaries;
      }
    }
    for (std::size_t g = 0; g < groups; ++g) {
      EXPECT_EQ(result->group_totals[g].count, linked.values[linked.values.size() - groups + g]);
      for (std::size_t c = 0; c < columns; ++c) {
        const Published& cell = result->group_cells[g][c];
        if (!cell.Suppressed()) {
          EXPECT_EQ(cell.count, linked.values[(rows + 1) * (columns + 1) + g * columns + c]);
        }
      }
    }
    EXPECT_EQ(ShortIntervals(linked, options, "round " + std::to_string(round)), 0)
        << "round " << round;

    if (!grouped) continue;
    // The control: rows and groups protected each alone.
    Table rows_alone = table, groups_alone;
    rows_alone.group_keys.clear();
    rows_alone.row_groups.clear();
    groups_alone.margins_published = true;
    groups_alone.row_keys = table.group_keys;
    groups_alone.column_keys = table.column_keys;
    Grid group_counts(groups, std::vector<std::int64_t>(columns, 0));
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < columns; ++c)
        group_counts[table.row_groups[r]][c] += counts[r][c];
    }
    for (const auto& line : group_counts) {
      groups_alone.cells.emplace_back();
      for (const std::int64_t v : line) groups_alone.cells.back().push_back({v, {}, {}});
    }
    const auto first = Protect(rows_alone, options);
    const auto second = Protect(groups_alone, options);
    ASSERT_TRUE(first.has_value() && second.has_value()) << "round " << round;
    ProtectedTable separate = *first;
    separate.group_cells = second->cells;
    separate.group_totals = second->row_totals;
    short_when_separate += ShortIntervals(
        LinkedOf(counts, table.row_groups, groups, separate, options, true), options, "");
  }
  std::printf("%d grouped tables, %d small counts checked; %d short when protected apart\n",
              grouped_tables, checked_primaries, short_when_separate);
  EXPECT_GT(checked_primaries, 100);
  EXPECT_GT(short_when_separate, 0);  // The attacker is able: tables protected apart leak.
}

TEST(Protect, RefusesBadGroups) {
  const Grid counts = {{10, 12}, {15, 20}, {6, 7}};
  auto field_of = [&](const Table& table) {
    const auto result = Protect(table);
    return result.has_value() ? std::string("(accepted)") : result.error().field;
  };
  Table table = MakeTable(counts);
  table.group_keys = {"a", "b"};
  table.row_groups = {0, 1, 1};
  EXPECT_EQ(field_of(table), "row_groups");  // groups need the margins published
  table.margins_published = true;
  EXPECT_EQ(field_of(table), "(accepted)");
  Table wrong = table;
  wrong.row_groups = {0, 1};
  EXPECT_EQ(field_of(wrong), "row_groups");
  wrong.row_groups = {0, 2, 1};
  EXPECT_EQ(field_of(wrong), "row_groups");
  wrong.row_groups = {1, 1, 1};  // group "a" has no row
  EXPECT_EQ(field_of(wrong), "row_groups");
  wrong = table;
  wrong.group_keys.clear();
  EXPECT_EQ(field_of(wrong), "row_groups");
}

// A cross table and its one-way tables as the attacker sees them: the cube's cells are the
// unknowns (always hidden, never audited), every published or suppressed value a sum of them.
struct CubeAttack {
  std::vector<std::int64_t> values;
  std::vector<bool> hidden, hidden_with_cross_open, audited, below_threshold;
  std::vector<Equation> equations;

  std::size_t Add(std::int64_t value, const Published& cell, std::vector<std::size_t> members,
                  bool cross, const Options& options) {
    values.push_back(value);
    hidden.push_back(cell.Suppressed());
    hidden_with_cross_open.push_back(cross || cell.Suppressed());
    audited.push_back(cell.Suppressed());
    below_threshold.push_back(value > 0 && value < options.threshold);
    equations.push_back({std::move(members), values.size() - 1});
    return values.size() - 1;
  }
};

using Cube = std::vector<Grid>;  // [row][a][b]

// Adds one one-way table (by a when `first`, else by b) to the attack.
void AddOneWay(CubeAttack& attack, const Cube& cube, const ProtectedTable& table,
               const std::vector<std::size_t>& row_groups, bool first, const Options& options) {
  const std::size_t rows = cube.size(), as = cube[0].size(), bs = cube[0][0].size();
  const std::size_t lines = first ? as : bs;
  auto add = [&](const Published& cell, std::size_t line, auto in_rows) {
    std::vector<std::size_t> members;
    std::int64_t value = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      if (!in_rows(r)) continue;
      for (std::size_t a = 0; a < as; ++a)
        for (std::size_t b = 0; b < bs; ++b) {
          if (line != lines && (first ? a : b) != line) continue;
          members.push_back((r * as + a) * bs + b);
          value += cube[r][a][b];
        }
    }
    attack.Add(value, cell, std::move(members), false, options);
  };
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t l = 0; l < lines; ++l)
      add(table.cells[r][l], l, [&](std::size_t x) { return x == r; });
    add(table.row_totals[r], lines, [&](std::size_t x) { return x == r; });
  }
  for (std::size_t l = 0; l < lines; ++l)
    add(table.column_totals[l], l, [](std::size_t) { return true; });
  add(table.grand_total, lines, [](std::size_t) { return true; });
  for (std::size_t g = 0; g < table.group_cells.size(); ++g)
    for (std::size_t l = 0; l < lines; ++l)
      add(table.group_cells[g][l], l, [&](std::size_t r) { return row_groups[r] == g; });
}

CubeAttack AttackOf(const Cube& cube, const ProtectedTable& by_a, const ProtectedTable& by_b,
                    const std::vector<std::vector<Published>>& cross,
                    const std::vector<std::size_t>& row_groups, const Options& options) {
  CubeAttack attack;
  const std::size_t rows = cube.size(), as = cube[0].size(), bs = cube[0][0].size();
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t a = 0; a < as; ++a)
      for (std::size_t b = 0; b < bs; ++b) {
        attack.values.push_back(cube[r][a][b]);
        attack.hidden.push_back(true);
        attack.hidden_with_cross_open.push_back(true);
        attack.audited.push_back(false);
        attack.below_threshold.push_back(false);
      }
  AddOneWay(attack, cube, by_a, row_groups, true, options);
  AddOneWay(attack, cube, by_b, row_groups, false, options);
  for (std::size_t a = 0; a < as; ++a)
    for (std::size_t b = 0; b < bs; ++b) {
      std::vector<std::size_t> members;
      std::int64_t value = 0;
      for (std::size_t r = 0; r < rows; ++r) {
        members.push_back((r * as + a) * bs + b);
        value += cube[r][a][b];
      }
      attack.Add(value, cross[a][b], std::move(members), true, options);
    }
  return attack;
}

// ShortIntervals for the cube: the reach of a small count is capped by its range with every
// cross cell hidden (what the one-way tables allow).
int ShortInCube(const CubeAttack& attack, const Options& options, const std::string& where) {
  int short_ones = 0;
  for (std::size_t p = 0; p < attack.values.size(); ++p) {
    if (!attack.audited[p]) continue;
    const auto v = static_cast<double>(attack.values[p]);
    const auto [low, high] = Interval(attack.values, attack.hidden, attack.equations, p);
    const auto [cap_low, cap_high] =
        Interval(attack.values, attack.hidden_with_cross_open, attack.equations, p);
    bool enough = high - low >= 1.0 - 1e-6 || cap_high - cap_low < 1.0 - 1e-6;
    if (attack.below_threshold[p]) {
      const double reach = std::max(v / 2, static_cast<double>(options.threshold));
      enough = low <= std::max(v - reach, cap_low) + 1e-6 &&
               high >= std::min(v + reach, cap_high) - 1e-6;
    }
    if (!enough) {
      ++short_ones;
      if (!where.empty())
        std::printf("%s: position %zu of value %g ranges over [%g, %g] (cap [%g, %g])\n",
                    where.c_str(), p, v, low, high, cap_low, cap_high);
    }
  }
  return short_ones;
}

Table OneWayTable(const Cube& cube, bool first, const std::vector<std::size_t>& row_groups,
                  std::size_t groups) {
  Grid counts(cube.size(), std::vector<std::int64_t>(first ? cube[0].size() : cube[0][0].size()));
  for (std::size_t r = 0; r < cube.size(); ++r)
    for (std::size_t a = 0; a < cube[0].size(); ++a)
      for (std::size_t b = 0; b < cube[0][0].size(); ++b) counts[r][first ? a : b] += cube[r][a][b];
  Table table = MakeTable(counts);
  table.margins_published = true;
  for (std::size_t g = 0; g < groups; ++g) table.group_keys.push_back("g" + std::to_string(g));
  table.row_groups = row_groups;
  return table;
}

// Random cubes (structures x question a x question b), their one-way tables protected by
// Protect() and the cross table by ProtectCross(): GLPK, knowing all three tables and the groups'
// ones, finds every suppressed count of all of them as wide as its rule asks. The control: the
// cross table protected alone as a table of its own (its margins those of the one-way tables)
// leaves some short against the same attacker.
TEST(ProtectCross, EverySuppressedCountKeepsItsIntervalAgainstTheThreeTables) {
  Dice uniform(20261207, "cross test");
  int cross_primaries = 0, short_when_alone = 0, complements = 0;
  for (int round = 0; round < 150; ++round) {
    const auto rows = static_cast<std::size_t>(uniform(2, 6));
    const auto as = static_cast<std::size_t>(uniform(2, 3));
    const auto bs = static_cast<std::size_t>(uniform(2, 4));
    Options options;
    options.threshold = uniform(3, 5);
    Cube cube(rows, Grid(as, std::vector<std::int64_t>(bs)));
    for (auto& row : cube) {
      std::int64_t total = 0;
      for (auto& line : row)
        for (auto& value : line)
          total += value = uniform(0, 3) == 0 ? uniform(0, 12) : uniform(0, 3);
      if (total < options.threshold) row[0][0] += options.threshold - total;
    }
    const bool grouped = round % 2 == 0;
    const std::size_t groups =
        grouped ? static_cast<std::size_t>(uniform(1, static_cast<int>(rows))) : 0;
    std::vector<std::size_t> row_groups;
    for (std::size_t r = 0; r < rows && grouped; ++r)
      row_groups.push_back(
          r < groups ? r : static_cast<std::size_t>(uniform(0, static_cast<int>(groups) - 1)));
    const auto by_a = Protect(OneWayTable(cube, true, row_groups, groups), options);
    const auto by_b = Protect(OneWayTable(cube, false, row_groups, groups), options);
    ASSERT_TRUE(by_a.has_value() && by_b.has_value()) << "round " << round;
    const auto cross = ProtectCross({cube, *by_a, *by_b, row_groups}, options);
    ASSERT_TRUE(cross.has_value()) << "round " << round << ": " << cross.error().context;
    ASSERT_FALSE(cross->withheld);
    for (std::size_t a = 0; a < as; ++a)
      for (std::size_t b = 0; b < bs; ++b) {
        std::int64_t value = 0;
        for (const auto& row : cube) value += row[a][b];
        const Published& cell = cross->cells[a][b];
        if (value > 0 && value < options.threshold) {
          EXPECT_EQ(cell.reason, Reason::kBelowThreshold) << "round " << round;
          ++cross_primaries;
        }
        if (cell.reason == Reason::kSecondary) ++complements;
        if (!cell.Suppressed()) {
          EXPECT_EQ(cell.count, value) << "round " << round;
        }
      }
    EXPECT_EQ(ShortInCube(AttackOf(cube, *by_a, *by_b, cross->cells, row_groups, options), options,
                          "round " + std::to_string(round)),
              0)
        << "round " << round;

    // The control: the cross table as a table of its own, margins published.
    Grid cross_counts(as, std::vector<std::int64_t>(bs));
    for (const auto& row : cube)
      for (std::size_t a = 0; a < as; ++a)
        for (std::size_t b = 0; b < bs; ++b) cross_counts[a][b] += row[a][b];
    Table alone = MakeTable(cross_counts);
    const auto alone_protected = Protect(alone, options);
    ASSERT_TRUE(alone_protected.has_value());
    short_when_alone += ShortInCube(
        AttackOf(cube, *by_a, *by_b, alone_protected->cells, row_groups, options), options, "");
  }
  std::printf("%d small cross counts, %d complements; %d short when protected alone\n",
              cross_primaries, complements, short_when_alone);
  EXPECT_GT(cross_primaries, 50);
  EXPECT_GT(short_when_alone, 0);  // the attacker is able: the cross table alone leaks
}

TEST(ProtectCross, WithholdsACubeTooLargeToAuditAndRefusesBadShapes) {
  const Cube cube = {{{3, 4}, {5, 6}}, {{7, 8}, {9, 2}}};
  const auto by_a = Protect(OneWayTable(cube, true, {}, 0));
  const auto by_b = Protect(OneWayTable(cube, false, {}, 0));
  ASSERT_TRUE(by_a.has_value() && by_b.has_value());
  const auto withheld = ProtectCross({cube, *by_a, *by_b, {}}, {}, CrossLimits{7});
  ASSERT_TRUE(withheld.has_value());
  EXPECT_TRUE(withheld->withheld);
  for (const auto& line : withheld->cells)
    for (const Published& cell : line) EXPECT_TRUE(cell.Suppressed());
  EXPECT_EQ(withheld->grand_total.count, 44);

  auto field_of = [&](const CrossTable& table) {
    const auto result = ProtectCross(table);
    return result.has_value() ? std::string("(accepted)") : result.error().field;
  };
  EXPECT_EQ(field_of({cube, *by_a, *by_b, {}}), "(accepted)");
  EXPECT_EQ(field_of({{}, *by_a, *by_b, {}}), "counts");
  EXPECT_EQ(field_of({{{{3, 4}, {5, 6}}, {{7, 8}}}, *by_a, *by_b, {}}), "counts");
  EXPECT_EQ(field_of({{{{3, -4}, {5, 6}}, {{7, 8}, {9, 2}}}, *by_a, *by_b, {}}), "counts");
  EXPECT_EQ(field_of({cube, *by_b, *by_a, {}}), "by_a");  // published sums that are not the cube's
  EXPECT_EQ(field_of({cube, *by_a, *by_b, {0, 0}}), "by_a");  // groups the tables do not have
  EXPECT_EQ(field_of({cube, *by_a, *by_b, {0}}), "row_groups");
}

// A second attacker for tiny tables, by brute force: every table of non-negative integers that
// agrees with what is published, trying each suppressed cell from 0 to one more than the
// largest true value (a move of one along a cycle stays in that range), and the set of values
// each suppressed position takes over them.
TEST(Protect, BruteForceOnTinyTables) {
  Dice uniform(7, "brute-force");
  for (int round = 0; round < 120; ++round) {
    const std::size_t rows = 2, columns = round < 100 ? 2 : 3;
    Grid counts(rows, std::vector<std::int64_t>(columns));
    for (auto& row : counts) {
      for (auto& v : row) v = uniform(0, 6);
    }
    const auto result = Protect(MakeTable(counts));
    ASSERT_TRUE(result.has_value());
    const Grid truth = WithTotals(counts);
    const Mask mask = MaskOf(*result);
    std::vector<std::pair<std::size_t, std::size_t>> unknown;
    std::int64_t top = 0;
    for (std::size_t i = 0; i < rows; ++i) {
      for (std::size_t j = 0; j < columns; ++j) {
        top = std::max(top, counts[i][j]);
        if (mask[i][j]) unknown.push_back({i, j});
      }
    }
    std::vector<std::vector<std::set<std::int64_t>>> seen(
        rows + 1, std::vector<std::set<std::int64_t>>(columns + 1));
    Grid trial = counts;
    std::vector<std::int64_t> digits(unknown.size(), 0);
    while (true) {
      for (std::size_t k = 0; k < unknown.size(); ++k) {
        trial[unknown[k].first][unknown[k].second] = digits[k];
      }
      const Grid candidate = WithTotals(trial);
      bool agrees = true;
      for (std::size_t r = 0; r <= rows && agrees; ++r) {
        for (std::size_t c = 0; c <= columns && agrees; ++c) {
          agrees = mask[r][c] || candidate[r][c] == truth[r][c];
        }
      }
      if (agrees) {
        for (std::size_t r = 0; r <= rows; ++r) {
          for (std::size_t c = 0; c <= columns; ++c) {
            if (mask[r][c]) seen[r][c].insert(candidate[r][c]);
          }
        }
      }
      std::size_t k = 0;
      while (k < digits.size() && digits[k] == top + 1) digits[k++] = 0;
      if (k == digits.size()) break;
      ++digits[k];
    }
    for (std::size_t r = 0; r <= rows; ++r) {
      for (std::size_t c = 0; c <= columns; ++c) {
        if (mask[r][c]) {
          EXPECT_GE(seen[r][c].size(), 2u) << "round " << round << " at " << r << "," << c;
        }
      }
    }
  }
}

}  // namespace
}  // namespace ensemble::disclosure
