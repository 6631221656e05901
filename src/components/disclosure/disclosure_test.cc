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

// The attacker: GLPK's simplex minimises and maximises one suppressed position subject to the
// table's equations (each row's and column's cells add up to its total, the totals add up to
// the grand total), the published values and non-negativity. Returns {min, max}; max is
// infinite when nothing bounds it. The matrix is a network matrix, so the LP's optimum is the
// integer one.
std::pair<double, double> FeasibleRange(const Grid& values, const Mask& suppressed,
                                        std::size_t target_row, std::size_t target_column) {
  const std::size_t rows = values.size() - 1, columns = values.front().size() - 1;
  std::vector<std::vector<int>> column_of(rows + 1, std::vector<int>(columns + 1, 0));
  glp_prob* lp = glp_create_prob();
  int variables = 0;
  for (std::size_t r = 0; r <= rows; ++r) {
    for (std::size_t c = 0; c <= columns; ++c) {
      if (!suppressed[r][c]) continue;
      column_of[r][c] = ++variables;
    }
  }
  glp_add_cols(lp, variables);
  for (int v = 1; v <= variables; ++v) glp_set_col_bnds(lp, v, GLP_LO, 0.0, 0.0);
  // Each equation: members minus the total = 0.
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> members;
  std::vector<std::pair<std::size_t, std::size_t>> totals;
  for (std::size_t r = 0; r <= rows; ++r) {
    members.emplace_back();
    for (std::size_t c = 0; c < columns; ++c) members.back().push_back({r, c});
    totals.push_back({r, columns});
  }
  for (std::size_t c = 0; c <= columns; ++c) {
    members.emplace_back();
    for (std::size_t r = 0; r < rows; ++r) members.back().push_back({r, c});
    totals.push_back({rows, c});
  }
  std::vector<int> ia = {0}, ja = {0};
  std::vector<double> ar = {0};
  for (std::size_t e = 0; e < members.size(); ++e) {
    double constant = 0;
    std::vector<std::pair<int, double>> terms;
    auto add = [&](std::pair<std::size_t, std::size_t> p, double sign) {
      if (suppressed[p.first][p.second]) {
        terms.push_back({column_of[p.first][p.second], sign});
      } else {
        constant += sign * static_cast<double>(values[p.first][p.second]);
      }
    };
    for (const auto& p : members[e]) add(p, 1.0);
    add(totals[e], -1.0);
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
  const int target = column_of[target_row][target_column];
  glp_set_obj_coef(lp, target, 1.0);
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
  std::printf("disclosure property test seed %u\n", seed);
  RecordProperty("seed", static_cast<int>(seed));
  std::mt19937 random(seed);
  auto uniform = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
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
  std::mt19937 random(20261207);
  auto uniform = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  int suppressed_cells = 0;
  for (int round = 0; round < 400; ++round) {
    const auto rows = static_cast<std::size_t>(uniform(1, 5));
    const auto columns = static_cast<std::size_t>(uniform(2, 4));
    Options options;
    options.threshold = uniform(3, 6);
    Grid counts(rows, std::vector<std::int64_t>(columns));
    for (auto& row : counts) {
      std::int64_t total = 0;
      for (auto& value : row) total += value = uniform(0, 2) == 0 ? uniform(0, 3) : uniform(0, 12);
      if (total < options.threshold) row.back() += options.threshold - total;  // a row passes k
    }
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

// A second attacker for tiny tables, by brute force: every table of non-negative integers that
// agrees with what is published, trying each suppressed cell from 0 to one more than the
// largest true value (a move of one along a cycle stays in that range), and the set of values
// each suppressed position takes over them.
TEST(Protect, BruteForceOnTinyTables) {
  const std::uint32_t seed = 7;
  std::printf("disclosure brute-force seed %u\n", seed);
  std::mt19937 random(seed);
  auto uniform = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
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
