// Statistical disclosure control for the tables Ensemble publishes across structures (survey
// answers by centre and question, people met by theme and month): every such table goes through
// Protect() before it leaves, and pages print each cell's Label().
//
// The model: a table of cells, each a count of persons or respondents and optionally a sum
// (hours, cents) over them, with its row totals, column totals and grand total. Protect()
//   1. suppresses each cell or total whose count is below the threshold k (0 < count < k; a zero
//      stays published unless Zeros::kSuppress), and each sum that one or two contributors
//      dominate (more than p% of it: the (n, p) dominance rule);
//   2. adds complementary suppressions so that every row and column (totals included) with a
//      suppressed cell has at least two, smallest counts first, non-zero before zero, until
//      stable; a total whose line has a single non-zero cell is then the natural complement;
//   3. audits the pattern exactly and repairs it, until every suppressed position has the
//      freedom it needs (below); a repair suppresses the cheapest published positions (smallest
//      counts) that open that freedom, and the audit starts again, since complements need
//      freedom too. Counts and sums are audited on the same pattern.
//   4. optionally rounds the published counts to a base (5 gives 0, 5, 10 ...).
//
// What is guaranteed, against an attacker who knows every published cell and total, that counts
// and sums are non-negative, and which rows make each group (the linear programme of the
// attack, which tests solve with GLPK):
//   - A count suppressed for being below the threshold k, of true value v, can be anything from
//     0 to v + k: its interval covers the value plus or minus half of it or k, whichever is
//     larger, as far as the published margins themselves allow (a row of 5 published as it is
//     bounds its cells by 5).
//   - Every other suppressed count and every suppressed sum can take at least two values.
// Auditing is exact: the table's equations form a network (rows, columns, groups and the totals
// are the nodes of a circulation), whose matrix is totally unimodular, so the attacker's interval
// of a position is its value plus or minus a maximum flow along the suppressed positions, and
// Audit() computes those flows.
//
// What is not guaranteed:
//   - Tables published separately from the same data (by centre and theme, then by centre and
//     month; this month's table and last month's) are not protected against each other:
//     combining them can recover cells. Publish linked tables as one table (with its groups) or
//     not at all.
//   - A secondary suppression's own interval may be narrow: it is suppressed to protect a
//     sensitive cell, and its value alone would have been publishable.
//   - The label "< k" tells that a primary cell lies in 1..k-1; that knowledge is not part of
//     the audit, and with it some cells can be narrowed further, even pinned (two cells "< 5"
//     in a row of published cells summing to 2 are both 1). Pages that need the stronger
//     guarantee print "s" for every suppression.
//   - Totals must be the sums of their cells (additive); a total counting each person once over
//     several themes is a separate table. Given totals are checked against the cells.
//   - Dominance at the totals treats the cells' largest contributors as distinct persons; a
//     suppressed sum is kept from exact recovery, not within p%.
//   - Rounding only coarsens published values; it is not a protection by itself.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ensemble::disclosure {

struct Cell {
  std::int64_t count = 0;           // Persons or respondents.
  std::optional<std::int64_t> sum;  // Over them; non-negative. All cells or none carry one.
  // The largest contributions to the sum, largest first, at least min(2, count) of them when
  // the dominance rule is on.
  std::vector<std::int64_t> largest;
};

struct Table {
  std::vector<std::string> row_keys;
  std::vector<std::string> column_keys;
  std::vector<std::vector<Cell>> cells;  // cells[row][column]
  // Totals the caller already has; checked against the cells. Computed when absent.
  std::optional<std::vector<std::int64_t>> row_totals;
  std::optional<std::vector<std::int64_t>> column_totals;
  std::optional<std::int64_t> grand_total;
  // The row totals and the grand total are published as they are, whatever this table's cells:
  // they are shared with other tables of the same answers (each question's table of a survey has
  // the same respondents per structure), so that suppressing them here would protect nothing
  // and only the cells may hide each other. Each must then pass the threshold (and the
  // dominance rule) by itself.
  bool margins_published = false;
  // Rows grouped (structures by territory): when given, the table of the groups, each group's
  // cells the sums of its rows' cells, is published with this one and protected with it, so
  // that neither table can be played against the other. One group per row, as indexes into
  // group_keys; every group has a row. Needs margins_published (each group's total is then the
  // sum of its rows' published totals).
  std::vector<std::string> group_keys;
  std::vector<std::size_t> row_groups;
};

enum class Zeros {
  kPublish,   // "Nobody" is published: usual for counts of activity.
  kSuppress,  // A zero is sensitive too ("no answer from this centre" reveals who answered).
};

struct Options {
  std::int64_t threshold = 5;  // k: a count below it (and above 0) is suppressed.
  Zeros zeros = Zeros::kPublish;
  int dominance_contributors = 2;  // n in the (n, p) rule: 1 or 2; 0 turns it off.
  int dominance_percent = 85;      // p: the n largest above p% of the sum suppress it.
  std::int64_t rounding_base = 0;  // 0 or 1: published counts as they are.
};

enum class Reason {
  kPublished,
  kBelowThreshold,  // Primary: the count is below k (or zero under Zeros::kSuppress).
  kDominance,       // Primary: one or two contributors dominate the sum.
  kSecondary,       // Complementary: suppressed so that a primary cannot be recomputed.
};

struct Published {
  Reason reason = Reason::kPublished;
  std::optional<std::int64_t> count;  // Empty when suppressed; rounded when asked.
  std::optional<std::int64_t> sum;    // Empty when suppressed or when the table has no sums.
  bool Suppressed() const { return reason != Reason::kPublished; }
};

struct ProtectedTable {
  std::vector<std::vector<Published>> cells;  // [row][column]
  std::vector<Published> row_totals;
  std::vector<Published> column_totals;
  Published grand_total;
  std::vector<std::vector<Published>> group_cells;  // [group][column]; empty without groups
  std::vector<Published> group_totals;              // published: the sums of published totals
};

// Fails with kInvalidArgument naming the field: "threshold", "dominance_contributors",
// "dominance_percent", "rounding_base"; "row_keys"/"column_keys" when the keys do not match the
// cells' shape or the table is empty; "cells[i][j].count", ".sum", ".largest"; "row_totals[i]",
// "column_totals[j]", "grand_total" when a given total is not the sum of its cells, or when the
// margins are published and that one fails the rules; "row_groups" when the groups do not match
// the rows or the margins are not published, "group_totals[g]" when a group's total fails the
// rules.
Result<ProtectedTable> Protect(const Table& table, const Options& options = {});

// The reason's code in APIs: "published", "below_threshold", "dominance", "secondary".
std::string_view ToString(Reason reason);

// The text a page prints: the value, "< k" for a count below the threshold, "s" otherwise.
std::string Label(const Published& cell, const Options& options = {});

// Rounds to the nearest multiple of base, halves up (7 -> 5, 8 -> 10 for base 5); base 0 or 1
// keeps the value.
std::int64_t RoundToBase(std::int64_t value, std::int64_t base);

// Where a cell is in the table with its totals: row == rows means the column totals' row,
// column == columns the row totals' column (so (rows, columns) is the grand total).
struct Position {
  std::size_t row = 0;
  std::size_t column = 0;
  bool operator==(const Position&) const = default;
};

// The suppressed positions whose value the published rest of the table determines, given the
// true values (rows + 1) x (columns + 1) with totals, and which positions are suppressed. Empty
// for every pattern Protect() returns; callers may audit a pattern made elsewhere. (Without
// groups: a grouped table's audit is the one Protect() runs.) Fails with
// kInvalidArgument on field "values" when the grids are not both that shape or a value is
// negative.
Result<std::vector<Position>> Audit(const std::vector<std::vector<std::int64_t>>& values,
                                    const std::vector<std::vector<bool>>& suppressed);

}  // namespace ensemble::disclosure
