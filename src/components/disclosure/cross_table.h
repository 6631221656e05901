// The cross-tabulation of two questions (or any two classifications) of the same respondents,
// published beside the tables of each one by row (structure), and protected with them.
//
// The one-way tables (rows x a, rows x b) are protected first, by Protect(). Their column totals
// are the cross table's margins. The three are not a network: the attacker's unknowns are the
// rows' own cross tables (counts[r][a][b]), and each published table is a different sum of them.
// ProtectCross() therefore audits by linear programming (the attack itself, solved by CLP through
// components/solver): it suppresses the cross table's cells below the threshold, then, as long
// as any suppressed count of the three tables (and of the groups' tables) has a shorter interval
// than it had with every cross cell suppressed, or than its rule asks, suppresses the smallest
// published cross cell of a line the short one lies on, and audits again.
//
// What is guaranteed, against an attacker who knows every published cell and total of the three
// tables, the rows' groups, and that counts are non-negative (the linear programme, continuous):
//   - a suppressed count of the one-way tables keeps the interval it had without the cross table;
//   - a cross cell below the threshold k, of value v, ranges from 0 to v + k as far as the
//     one-way tables allow (its interval when every cross cell is suppressed);
//   - every other suppressed cross cell is not pinned to its value.
// Cross tables of other pairs of the same questions are not audited with this one: each is
// protected with its two one-way tables.
//
// A cube of more unknowns than CrossLimits::max_unknowns is not audited: every cross cell is
// suppressed (`withheld`), which reveals nothing the one-way tables do not.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "components/disclosure/disclosure.h"
#include "core/error.h"

namespace ensemble::disclosure {

struct CrossTable {
  // counts[r][a][b]: the respondents of row r in column a of the first classification and b of
  // the second. Non-negative; every row has the same shape.
  std::vector<std::vector<std::vector<std::int64_t>>> counts;
  // The one-way tables of the same rows as Protect() returned them (cells [r][a] and [r][b],
  // group cells when the rows are grouped): the cells' sums over the other classification.
  ProtectedTable by_a;
  ProtectedTable by_b;
  // Each row's group in the one-way tables' group cells; empty without groups.
  std::vector<std::size_t> row_groups;
};

struct CrossLimits {
  // rows x a x b: 3,000 is 250 structures for two questions of two and six choices, audited in
  // about 2 s (bench/surveys_bench.cc); the programmes grow faster than the cube.
  std::size_t max_unknowns = 3000;
};

struct ProtectedCross {
  std::vector<std::vector<Published>> cells;  // [a][b]
  std::vector<Published> row_totals;          // per a: by_a's column totals
  std::vector<Published> column_totals;       // per b: by_b's column totals
  Published grand_total;                      // by_a's
  bool withheld = false;                      // too large to audit: every cell suppressed
  int audits = 0;                             // rounds of the linear programmes
};

// Fails with kInvalidArgument on "counts" when the cube is empty, ragged or negative, on "by_a"
// or "by_b" when a one-way table does not have the cube's shape or publishes a value that is not
// the cube's sum, on "row_groups" when the groups do not match; with kInternal when the solver
// fails.
Result<ProtectedCross> ProtectCross(const CrossTable& table, const Options& options = {},
                                    const CrossLimits& limits = {});

}  // namespace ensemble::disclosure
