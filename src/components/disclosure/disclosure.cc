#include "components/disclosure/disclosure.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <tuple>
#include <utility>

namespace ensemble::disclosure {
namespace {

// Large enough for cents over a national network, small enough that a million of them add up
// without overflow.
constexpr std::int64_t kMaxValue = 1'000'000'000'000'000;
constexpr std::size_t kMaxCells = 1'000'000;

// For the dominance comparison: a hundred times a sum of a million cells exceeds 64 bits.
__extension__ typedef __int128 Wide;

using Grid = std::vector<std::vector<std::int64_t>>;
using Mask = std::vector<std::vector<bool>>;

std::string CellField(std::size_t row, std::size_t column, std::string_view what) {
  return fmt::format("cells[{}][{}].{}", row, column, what);
}

// The table with its totals as one (rows + 1) x (columns + 1) grid; see Position.
struct Extended {
  std::size_t rows = 0, columns = 0;
  Grid counts, sums;
  bool has_sums = false;
  std::vector<std::vector<std::vector<std::int64_t>>> largest;  // Per position, largest first.
};

Status CheckOptions(const Options& options) {
  if (options.threshold < 1) {
    return Fail(ErrorCode::kInvalidArgument, Message{"disclosure.threshold", {{"min", 1}}},
                "threshold");
  }
  if (options.dominance_contributors < 0 || options.dominance_contributors > 2) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.dominance_contributors",
                "dominance_contributors");
  }
  if (options.dominance_percent < 1 || options.dominance_percent > 100) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.dominance_percent", "dominance_percent");
  }
  if (options.rounding_base < 0) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.rounding_base", "rounding_base");
  }
  return Ok();
}

Status CheckCell(const Cell& cell, std::size_t i, std::size_t j, bool has_sums,
                 const Options& options) {
  if (cell.count < 0 || cell.count > kMaxValue) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.count_negative", CellField(i, j, "count"));
  }
  if (!has_sums) return Ok();
  const std::int64_t sum = cell.sum.value_or(0);
  if ((!cell.sum && cell.count > 0) || sum < 0 || sum > kMaxValue ||
      (cell.count == 0 && sum != 0)) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.sum_invalid", CellField(i, j, "sum"));
  }
  if (options.dominance_contributors == 0 || cell.count == 0) return Ok();
  const auto needed =
      static_cast<std::size_t>(std::min<std::int64_t>(options.dominance_contributors, cell.count));
  std::int64_t top = 0;
  bool ordered = std::is_sorted(cell.largest.rbegin(), cell.largest.rend());
  for (const std::int64_t part : cell.largest) {
    ordered = ordered && part >= 0 && part <= sum;
    top += ordered ? part : 0;
  }
  if (cell.largest.size() < needed || static_cast<std::int64_t>(cell.largest.size()) > cell.count ||
      !ordered || top > sum) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.largest_needed",
                CellField(i, j, "largest"));
  }
  return Ok();
}

Result<Extended> Extend(const Table& table, const Options& options) {
  const std::size_t rows = table.cells.size();
  const std::size_t columns = rows == 0 ? 0 : table.cells.front().size();
  if (rows == 0 || columns == 0 || table.row_keys.size() != rows) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.row_keys", "row_keys");
  }
  if (table.column_keys.size() != columns ||
      std::any_of(table.cells.begin(), table.cells.end(),
                  [&](const auto& row) { return row.size() != columns; })) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.column_keys", "column_keys");
  }
  if (rows * columns > kMaxCells) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.too_large", "cells");
  }
  Extended grid;
  grid.rows = rows;
  grid.columns = columns;
  grid.counts.assign(rows + 1, std::vector<std::int64_t>(columns + 1, 0));
  grid.sums = grid.counts;
  grid.largest.assign(rows + 1, std::vector<std::vector<std::int64_t>>(columns + 1));
  for (const auto& row : table.cells) {
    for (const Cell& cell : row) grid.has_sums = grid.has_sums || cell.sum.has_value();
  }
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < columns; ++j) {
      const Cell& cell = table.cells[i][j];
      ENSEMBLE_TRY_STATUS(CheckCell(cell, i, j, grid.has_sums, options));
      const std::int64_t sum = cell.sum.value_or(0);
      for (const auto& [r, c] : {std::pair{i, j}, {i, columns}, {rows, j}, {rows, columns}}) {
        grid.counts[r][c] += cell.count;
        grid.sums[r][c] += sum;
        auto& merged = grid.largest[r][c];
        merged.insert(merged.end(), cell.largest.begin(), cell.largest.end());
      }
    }
  }
  for (auto& line : grid.largest) {
    for (auto& merged : line) std::sort(merged.rbegin(), merged.rend());
  }
  if (table.row_totals) {
    if (table.row_totals->size() != rows) {
      return Fail(ErrorCode::kInvalidArgument, "disclosure.row_totals", "row_totals");
    }
    for (std::size_t i = 0; i < rows; ++i) {
      if ((*table.row_totals)[i] != grid.counts[i][columns]) {
        return Fail(ErrorCode::kInvalidArgument, "disclosure.total_mismatch",
                    fmt::format("row_totals[{}]", i));
      }
    }
  }
  if (table.column_totals) {
    if (table.column_totals->size() != columns) {
      return Fail(ErrorCode::kInvalidArgument, "disclosure.column_totals", "column_totals");
    }
    for (std::size_t j = 0; j < columns; ++j) {
      if ((*table.column_totals)[j] != grid.counts[rows][j]) {
        return Fail(ErrorCode::kInvalidArgument, "disclosure.total_mismatch",
                    fmt::format("column_totals[{}]", j));
      }
    }
  }
  if (table.grand_total && *table.grand_total != grid.counts[rows][columns]) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.total_mismatch", "grand_total");
  }
  return grid;
}

Reason PrimaryReason(const Extended& grid, std::size_t r, std::size_t c, const Options& options) {
  const std::int64_t count = grid.counts[r][c];
  if ((count > 0 && count < options.threshold) ||
      (count == 0 && options.zeros == Zeros::kSuppress)) {
    return Reason::kBelowThreshold;
  }
  if (grid.has_sums && options.dominance_contributors > 0 && grid.sums[r][c] > 0) {
    const auto& largest = grid.largest[r][c];
    const auto n =
        std::min(largest.size(), static_cast<std::size_t>(options.dominance_contributors));
    std::int64_t top = 0;
    for (std::size_t k = 0; k < n; ++k) top += largest[k];
    // Exact in integers: top / sum > p / 100.
    if (static_cast<Wide>(top) * 100 >
        static_cast<Wide>(options.dominance_percent) * grid.sums[r][c]) {
      return Reason::kDominance;
    }
  }
  return Reason::kPublished;
}

// The order complements are chosen in: non-zero before zero (a suppressed zero can only grow,
// so it protects in one direction only), then the smallest count, then the first position.
std::tuple<bool, std::int64_t> ComplementCost(std::int64_t count) { return {count == 0, count}; }

// The table as a circulation: a node per row, per column, and two for the grand total. Each
// position is an arc whose flow is its value: cell (i, j) from row i to column j, row total i
// from the grand total's out-node to row i, column total j from column j to the grand total's
// in-node, the grand total from in-node to out-node. Each node's balance is one of the table's
// equations (a row's cells add up to its total, and so on).
struct Network {
  std::size_t rows, columns;
  std::size_t Nodes() const { return rows + columns + 2; }
  std::pair<std::size_t, std::size_t> Arc(Position p) const {
    const std::size_t in = rows + columns, out = rows + columns + 1;
    if (p.row < rows && p.column < columns) return {p.row, rows + p.column};
    if (p.row < rows) return {out, p.row};
    if (p.column < columns) return {rows + p.column, in};
    return {in, out};
  }
};

// The cheapest path from `from` to `to` over every position but `skip`: a position's forward arc
// always (its value may grow), its backward arc when its value is positive (it may shrink).
// Suppressed positions cost nothing, published ones their complement cost; locked ones (published
// whatever) are no way through. Returns the published positions on the path, and whether one was
// found.
std::pair<bool, std::vector<Position>> CheapestPath(const Network& net, const Grid& values,
                                                    const Grid& counts, const Mask& suppressed,
                                                    const Mask& locked, Position skip,
                                                    std::size_t from, std::size_t to,
                                                    bool suppressed_only, double& cost_out) {
  struct Edge {
    std::size_t to;
    double cost;
    Position position;
  };
  std::vector<std::vector<Edge>> edges(net.Nodes());
  std::int64_t biggest = 0;
  for (const auto& line : counts) {
    for (const std::int64_t v : line) biggest = std::max(biggest, v);
  }
  for (std::size_t r = 0; r <= net.rows; ++r) {
    for (std::size_t c = 0; c <= net.columns; ++c) {
      const Position p{r, c};
      if (p == skip || locked[r][c]) continue;
      if (suppressed_only && !suppressed[r][c]) continue;
      const auto [a, b] = net.Arc(p);
      const auto [zero, count] = ComplementCost(counts[r][c]);
      const double cost =
          suppressed[r][c] ? 0.0 : static_cast<double>(zero ? biggest + 1 : count) + 1.0;
      edges[a].push_back({b, cost, p});
      if (values[r][c] > 0) edges[b].push_back({a, cost, p});
    }
  }
  std::vector<double> distance(net.Nodes(), std::numeric_limits<double>::infinity());
  std::vector<std::optional<std::pair<std::size_t, Position>>> previous(net.Nodes());
  using Item = std::pair<double, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  distance[from] = 0;
  queue.push({0.0, from});
  while (!queue.empty()) {
    const auto [d, node] = queue.top();
    queue.pop();
    if (d > distance[node]) continue;
    for (const Edge& edge : edges[node]) {
      if (d + edge.cost < distance[edge.to]) {
        distance[edge.to] = d + edge.cost;
        previous[edge.to] = std::pair{node, edge.position};
        queue.push({distance[edge.to], edge.to});
      }
    }
  }
  cost_out = distance[to];
  if (distance[to] == std::numeric_limits<double>::infinity()) return {false, {}};
  std::vector<Position> added;
  for (std::size_t node = to; node != from;) {
    const auto& [before, position] = *previous[node];
    if (!suppressed[position.row][position.column]) added.push_back(position);
    node = before;
  }
  return {true, added};
}

// Whether the suppressed value at p can move by one with the rest of the published table kept:
// up along a cycle back from its head to its tail, or down (if positive) the other way.
bool Movable(const Network& net, const Grid& values, const Mask& suppressed, Position p) {
  const auto [tail, head] = net.Arc(p);
  const Mask none(suppressed.size(), std::vector<bool>(suppressed.front().size(), false));
  double ignored = 0;
  if (CheapestPath(net, values, values, suppressed, none, p, head, tail, true, ignored).first) {
    return true;
  }
  return values[p.row][p.column] > 0 &&
         CheapestPath(net, values, values, suppressed, none, p, tail, head, true, ignored).first;
}

// The published positions whose suppression lets p move, chosen the cheapest.
std::vector<Position> Complements(const Network& net, const Grid& values, const Grid& counts,
                                  const Mask& suppressed, const Mask& locked, Position p) {
  const auto [tail, head] = net.Arc(p);
  double up_cost = 0, down_cost = std::numeric_limits<double>::infinity();
  auto up = CheapestPath(net, values, counts, suppressed, locked, p, head, tail, false, up_cost);
  if (values[p.row][p.column] > 0) {
    auto down =
        CheapestPath(net, values, counts, suppressed, locked, p, tail, head, false, down_cost);
    if (down.first && (!up.first || down_cost < up_cost)) return down.second;
  }
  return up.second;
}

void SuppressLines(const Extended& grid, const Mask& locked,
                   std::vector<std::vector<Reason>>& reasons) {
  const std::size_t rows = grid.rows + 1, columns = grid.columns + 1;
  std::vector<std::vector<Position>> lines;
  for (std::size_t r = 0; r < rows; ++r) {
    lines.emplace_back();
    for (std::size_t c = 0; c < columns; ++c) lines.back().push_back({r, c});
  }
  for (std::size_t c = 0; c < columns; ++c) {
    lines.emplace_back();
    for (std::size_t r = 0; r < rows; ++r) lines.back().push_back({r, c});
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& line : lines) {
      const auto suppressed = std::count_if(line.begin(), line.end(), [&](Position p) {
        return reasons[p.row][p.column] != Reason::kPublished;
      });
      if (suppressed != 1) continue;
      std::optional<Position> best;
      for (const Position p : line) {
        if (reasons[p.row][p.column] != Reason::kPublished || locked[p.row][p.column]) continue;
        if (!best || ComplementCost(grid.counts[p.row][p.column]) <
                         ComplementCost(grid.counts[best->row][best->column])) {
          best = p;
        }
      }
      if (!best) continue;
      reasons[best->row][best->column] = Reason::kSecondary;
      changed = true;
    }
  }
}

Mask MaskOf(const std::vector<std::vector<Reason>>& reasons) {
  Mask mask;
  for (const auto& line : reasons) {
    mask.emplace_back();
    for (const Reason reason : line) mask.back().push_back(reason != Reason::kPublished);
  }
  return mask;
}

}  // namespace

std::int64_t RoundToBase(std::int64_t value, std::int64_t base) {
  if (base <= 1) return value;
  const std::int64_t below = value - value % base;
  return value % base * 2 >= base ? below + base : below;
}

std::string_view ToString(Reason reason) {
  switch (reason) {
    case Reason::kPublished:
      return "published";
    case Reason::kBelowThreshold:
      return "below_threshold";
    case Reason::kDominance:
      return "dominance";
    case Reason::kSecondary:
      return "secondary";
  }
  return "secondary";
}

std::string Label(const Published& cell, const Options& options) {
  switch (cell.reason) {
    case Reason::kPublished:
      return cell.count ? std::to_string(*cell.count) : std::string();
    case Reason::kBelowThreshold:
      return "< " + std::to_string(options.threshold);
    case Reason::kDominance:
    case Reason::kSecondary:
      return "s";
  }
  return "s";
}

Result<std::vector<Position>> Audit(const std::vector<std::vector<std::int64_t>>& values,
                                    const std::vector<std::vector<bool>>& suppressed) {
  if (values.size() < 2 || suppressed.size() != values.size() || values.front().size() < 2) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.values_shape", "values");
  }
  for (std::size_t r = 0; r < values.size(); ++r) {
    if (values[r].size() != values.front().size() || suppressed[r].size() != values[r].size() ||
        std::any_of(values[r].begin(), values[r].end(), [](std::int64_t v) { return v < 0; })) {
      return Fail(ErrorCode::kInvalidArgument, "disclosure.values_shape", "values");
    }
  }
  const Network net{values.size() - 1, values.front().size() - 1};
  std::vector<Position> pinned;
  for (std::size_t r = 0; r < values.size(); ++r) {
    for (std::size_t c = 0; c < values[r].size(); ++c) {
      if (suppressed[r][c] && !Movable(net, values, suppressed, {r, c})) pinned.push_back({r, c});
    }
  }
  return pinned;
}

Result<ProtectedTable> Protect(const Table& table, const Options& options) {
  ENSEMBLE_TRY_STATUS(CheckOptions(options));
  const Extended grid = ENSEMBLE_TRY(Extend(table, options));
  const std::size_t rows = grid.rows + 1, columns = grid.columns + 1;

  std::vector<std::vector<Reason>> reasons(rows, std::vector<Reason>(columns));
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) reasons[r][c] = PrimaryReason(grid, r, c, options);
  }
  // Published margins: the row totals' column, down to the grand total.
  Mask locked(rows, std::vector<bool>(columns, false));
  if (table.margins_published) {
    for (std::size_t r = 0; r < rows; ++r) {
      if (reasons[r][grid.columns] != Reason::kPublished) {
        return Fail(ErrorCode::kInvalidArgument, "disclosure.margin_below_rules",
                    r == grid.rows ? std::string("grand_total") : fmt::format("row_totals[{}]", r));
      }
      locked[r][grid.columns] = true;
    }
  }
  SuppressLines(grid, locked, reasons);

  // The exact audit, on counts and on sums; each repair only adds suppressions, so a position
  // that can move keeps that freedom and the loop ends.
  const Network net{grid.rows, grid.columns};
  std::vector<const Grid*> audited = {&grid.counts};
  if (grid.has_sums) audited.push_back(&grid.sums);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < columns; ++c) {
        if (reasons[r][c] == Reason::kPublished) continue;
        for (const Grid* values : audited) {
          const Mask mask = MaskOf(reasons);
          if (Movable(net, *values, mask, {r, c})) continue;
          const auto complements = Complements(net, *values, grid.counts, mask, locked, {r, c});
          // Without a way round (only locked margins could free it) the loop would not end.
          if (complements.empty()) return Internal("disclosure: a pinned cell without complement");
          for (const Position p : complements) reasons[p.row][p.column] = Reason::kSecondary;
          changed = true;
        }
      }
    }
  }

  auto publish = [&](std::size_t r, std::size_t c) {
    Published out;
    out.reason = reasons[r][c];
    if (out.reason == Reason::kPublished) {
      out.count = RoundToBase(grid.counts[r][c], options.rounding_base);
      if (grid.has_sums) out.sum = grid.sums[r][c];
    }
    return out;
  };
  ProtectedTable result;
  for (std::size_t r = 0; r < grid.rows; ++r) {
    result.cells.emplace_back();
    for (std::size_t c = 0; c < grid.columns; ++c) result.cells.back().push_back(publish(r, c));
    result.row_totals.push_back(publish(r, grid.columns));
  }
  for (std::size_t c = 0; c < grid.columns; ++c)
    result.column_totals.push_back(publish(grid.rows, c));
  result.grand_total = publish(grid.rows, grid.columns);
  return result;
}

}  // namespace ensemble::disclosure
