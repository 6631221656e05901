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

std::string CellField(std::size_t row, std::size_t column, std::string_view what) {
  return fmt::format("cells[{}][{}].{}", row, column, what);
}

// The table, its totals and its groups' table as a circulation. Every published quantity (a
// cell, a total, a group's cell) is an arc whose flow is its value, and every node's balance one
// of the equations an attacker knows: a node per row (its total in, its cells out), per column
// (its cells in, or its groups' cells, and its total out), per group and column (its rows' cells
// in, the group's cell out), and two for the grand total (the column totals in, the row totals
// out). A group's total is not an arc: with the row totals published, its equation adds nothing.
struct Arc {
  std::size_t tail = 0, head = 0;
  std::int64_t count = 0, sum = 0;
  std::vector<std::int64_t> largest;  // The largest contributions to the sum, largest first.
  bool locked = false;                // Published whatever (a published margin).
};

struct Model {
  std::size_t rows = 0, columns = 0, groups = 0;
  bool has_sums = false;
  std::size_t nodes = 0;
  std::vector<Arc> arcs;
  std::vector<std::vector<std::size_t>> incident;  // per node, the arcs in or out of it

  std::size_t CellArc(std::size_t r, std::size_t c) const { return r * columns + c; }
  std::size_t RowTotalArc(std::size_t r) const { return rows * columns + r; }
  std::size_t ColumnTotalArc(std::size_t c) const { return rows * columns + rows + c; }
  std::size_t GrandTotalArc() const { return rows * columns + rows + columns; }
  std::size_t GroupCellArc(std::size_t g, std::size_t c) const {
    return GrandTotalArc() + 1 + g * columns + c;
  }
  // The arc of a position of the (rows + 1) x (columns + 1) grid.
  std::size_t ArcOf(Position p) const {
    if (p.row < rows) return p.column < columns ? CellArc(p.row, p.column) : RowTotalArc(p.row);
    return p.column < columns ? ColumnTotalArc(p.column) : GrandTotalArc();
  }
};

// The nodes and arcs, values zero; `group_of` is empty or gives each row's group.
Model MakeModel(std::size_t rows, std::size_t columns, std::size_t groups,
                const std::vector<std::size_t>& group_of) {
  Model model;
  model.rows = rows;
  model.columns = columns;
  model.groups = groups;
  const std::size_t in = rows + columns, out = in + 1;
  auto group_node = [&](std::size_t g, std::size_t c) { return out + 1 + g * columns + c; };
  model.nodes = out + 1 + groups * columns;
  model.arcs.resize(model.GroupCellArc(groups, 0));
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      Arc& arc = model.arcs[model.CellArc(r, c)];
      arc.tail = r;
      arc.head = group_of.empty() ? rows + c : group_node(group_of[r], c);
    }
    model.arcs[model.RowTotalArc(r)].tail = out;
    model.arcs[model.RowTotalArc(r)].head = r;
  }
  for (std::size_t c = 0; c < columns; ++c) {
    model.arcs[model.ColumnTotalArc(c)].tail = rows + c;
    model.arcs[model.ColumnTotalArc(c)].head = in;
  }
  model.arcs[model.GrandTotalArc()].tail = in;
  model.arcs[model.GrandTotalArc()].head = out;
  for (std::size_t g = 0; g < groups; ++g) {
    for (std::size_t c = 0; c < columns; ++c) {
      model.arcs[model.GroupCellArc(g, c)].tail = group_node(g, c);
      model.arcs[model.GroupCellArc(g, c)].head = rows + c;
    }
  }
  model.incident.resize(model.nodes);
  for (std::size_t a = 0; a < model.arcs.size(); ++a) {
    model.incident[model.arcs[a].tail].push_back(a);
    model.incident[model.arcs[a].head].push_back(a);
  }
  return model;
}

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

Status CheckShape(const Table& table) {
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
  const std::size_t groups = table.group_keys.size();
  if (rows * (columns + groups) > kMaxCells) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.too_large", "cells");
  }
  if (groups == 0 && table.row_groups.empty()) return Ok();
  if (!table.margins_published) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.groups_need_margins", "row_groups");
  }
  std::vector<bool> used(groups, false);
  if (table.row_groups.size() != rows) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.row_groups", "row_groups");
  }
  for (const std::size_t g : table.row_groups) {
    if (g >= groups)
      return Fail(ErrorCode::kInvalidArgument, "disclosure.row_groups", "row_groups");
    used[g] = true;
  }
  if (std::find(used.begin(), used.end(), false) != used.end()) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.row_groups", "row_groups");
  }
  return Ok();
}

void AddTo(Arc& arc, const Cell& cell) {
  arc.count += cell.count;
  arc.sum += cell.sum.value_or(0);
  arc.largest.insert(arc.largest.end(), cell.largest.begin(), cell.largest.end());
}

Status CheckGivenTotals(const Table& table, const Model& model) {
  const std::size_t rows = model.rows, columns = model.columns;
  if (table.row_totals) {
    if (table.row_totals->size() != rows) {
      return Fail(ErrorCode::kInvalidArgument, "disclosure.row_totals", "row_totals");
    }
    for (std::size_t i = 0; i < rows; ++i) {
      if ((*table.row_totals)[i] != model.arcs[model.RowTotalArc(i)].count) {
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
      if ((*table.column_totals)[j] != model.arcs[model.ColumnTotalArc(j)].count) {
        return Fail(ErrorCode::kInvalidArgument, "disclosure.total_mismatch",
                    fmt::format("column_totals[{}]", j));
      }
    }
  }
  if (table.grand_total && *table.grand_total != model.arcs[model.GrandTotalArc()].count) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.total_mismatch", "grand_total");
  }
  return Ok();
}

Result<Model> ModelOf(const Table& table, const Options& options) {
  ENSEMBLE_TRY_STATUS(CheckShape(table));
  const std::size_t rows = table.cells.size(), columns = table.cells.front().size();
  Model model = MakeModel(rows, columns, table.group_keys.size(), table.row_groups);
  for (const auto& row : table.cells) {
    for (const Cell& cell : row) model.has_sums = model.has_sums || cell.sum.has_value();
  }
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < columns; ++j) {
      const Cell& cell = table.cells[i][j];
      ENSEMBLE_TRY_STATUS(CheckCell(cell, i, j, model.has_sums, options));
      for (const std::size_t a : {model.CellArc(i, j), model.RowTotalArc(i),
                                  model.ColumnTotalArc(j), model.GrandTotalArc()}) {
        AddTo(model.arcs[a], cell);
      }
      if (model.groups > 0) AddTo(model.arcs[model.GroupCellArc(table.row_groups[i], j)], cell);
    }
  }
  for (Arc& arc : model.arcs) std::sort(arc.largest.rbegin(), arc.largest.rend());
  ENSEMBLE_TRY_STATUS(CheckGivenTotals(table, model));
  return model;
}

Reason PrimaryReason(const Arc& arc, bool has_sums, const Options& options) {
  const std::int64_t count = arc.count;
  if ((count > 0 && count < options.threshold) ||
      (count == 0 && options.zeros == Zeros::kSuppress)) {
    return Reason::kBelowThreshold;
  }
  if (has_sums && options.dominance_contributors > 0 && arc.sum > 0) {
    const auto n =
        std::min(arc.largest.size(), static_cast<std::size_t>(options.dominance_contributors));
    std::int64_t top = 0;
    for (std::size_t k = 0; k < n; ++k) top += arc.largest[k];
    // Exact in integers: top / sum > p / 100.
    if (static_cast<Wide>(top) * 100 > static_cast<Wide>(options.dominance_percent) * arc.sum) {
      return Reason::kDominance;
    }
  }
  return Reason::kPublished;
}

// What a complement costs: non-zero before zero (a suppressed zero can only grow, so it protects
// in one direction only), then the smallest count.
double ComplementCost(std::int64_t count, std::int64_t biggest) {
  return static_cast<double>(count == 0 ? biggest + 1 : count) + 1.0;
}

// Which way a position moves: up, its value grows along a cycle entering its tail from its
// head; down, the other way.
enum class Direction { kUp, kDown };

std::pair<std::size_t, std::size_t> Ends(const Arc& arc, Direction direction) {
  return direction == Direction::kUp ? std::pair{arc.head, arc.tail}
                                     : std::pair{arc.tail, arc.head};
}

// The published arcs a repair suppresses, what they cost and how far the target can then move.
struct Opening {
  std::vector<std::size_t> added;
  double cost = 0;
  std::int64_t moved = 0;
};

// Flows of deviations through the table, for moving one target position: every other arc may
// grow without bound (travelled from its tail) or shrink by at most its value (travelled from
// its head). Each search starts from no deviation; the scratch is kept between searches, since
// Protect() asks for every suppressed position on every pass.
class FlowSearch {
 public:
  explicit FlowSearch(const Model& model)
      : model_(model),
        deviation_(model.arcs.size(), 0),
        previous_(model.nodes),
        seen_(model.nodes, 0) {
    for (const Arc& arc : model.arcs) biggest_ = std::max(biggest_, arc.count);
  }

  // How far the target can move, up to `needed`, with every published arc kept: the maximum
  // flow through the suppressed arcs (Edmonds-Karp, stopped once enough).
  std::int64_t Freedom(const std::vector<std::int64_t>& values, const std::vector<bool>& suppressed,
                       std::size_t target, Direction direction, std::int64_t needed) {
    if (needed <= 0) return 0;
    const auto [from, to] = Ends(model_.arcs[target], direction);
    std::int64_t flow = 0;
    while (flow < needed && Reach(values, suppressed, target, from, to)) {
      flow += Augment(values, from, to, needed - flow, [](std::size_t) {});
    }
    Reset();
    return flow;
  }

  // The published arcs whose suppression lets the target move by `needed`, or as far as the
  // unlocked arcs allow, chosen cheap: successive cheapest augmenting paths, suppressed arcs
  // free and a published one its complement cost until taken.
  Opening Open(const std::vector<std::int64_t>& values, const std::vector<bool>& suppressed,
               std::size_t target, Direction direction, std::int64_t needed) {
    const auto [from, to] = Ends(model_.arcs[target], direction);
    std::vector<double> cost(model_.arcs.size(), 0.0);
    for (std::size_t a = 0; a < model_.arcs.size(); ++a) {
      if (!suppressed[a]) cost[a] = ComplementCost(model_.arcs[a].count, biggest_);
    }
    Opening opening;
    while (opening.moved < needed && Cheapest(values, cost, target, from, to)) {
      opening.moved += Augment(values, from, to, needed - opening.moved, [&](std::size_t a) {
        if (cost[a] == 0.0) return;
        opening.cost += cost[a];
        cost[a] = 0.0;
        opening.added.push_back(a);
      });
    }
    Reset();
    return opening;
  }

 private:
  // The arc `a` travelled from `node`: whether it grows (from its tail), where it leads, and
  // whether it can still move that way.
  struct Step {
    bool grows;
    std::size_t next;
    bool open;
  };
  Step StepOf(const std::vector<std::int64_t>& values, std::size_t a, std::size_t node) const {
    const Arc& arc = model_.arcs[a];
    const bool grows = arc.tail == node;
    return {grows, grows ? arc.head : arc.tail, grows || values[a] + deviation_[a] > 0};
  }

  // Breadth first over the suppressed arcs; leaves the path in previous_.
  bool Reach(const std::vector<std::int64_t>& values, const std::vector<bool>& suppressed,
             std::size_t target, std::size_t from, std::size_t to) {
    ++epoch_;
    queue_.assign(1, from);
    seen_[from] = epoch_;
    for (std::size_t k = 0; k < queue_.size() && seen_[to] != epoch_; ++k) {
      for (const std::size_t a : model_.incident[queue_[k]]) {
        if (a == target || !suppressed[a]) continue;
        const Step step = StepOf(values, a, queue_[k]);
        if (!step.open || seen_[step.next] == epoch_) continue;
        seen_[step.next] = epoch_;
        previous_[step.next] = {a, step.grows};
        queue_.push_back(step.next);
      }
    }
    return seen_[to] == epoch_;
  }

  // Dijkstra over the unlocked arcs at their costs; leaves the path in previous_.
  bool Cheapest(const std::vector<std::int64_t>& values, const std::vector<double>& cost,
                std::size_t target, std::size_t from, std::size_t to) {
    std::vector<double> distance(model_.nodes, std::numeric_limits<double>::infinity());
    using Item = std::pair<double, std::size_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    distance[from] = 0;
    queue.push({0.0, from});
    while (!queue.empty()) {
      const auto [d, node] = queue.top();
      queue.pop();
      if (d > distance[node]) continue;
      for (const std::size_t a : model_.incident[node]) {
        if (a == target || model_.arcs[a].locked) continue;
        const Step step = StepOf(values, a, node);
        if (!step.open || d + cost[a] >= distance[step.next]) continue;
        distance[step.next] = d + cost[a];
        previous_[step.next] = {a, step.grows};
        queue.push({distance[step.next], step.next});
      }
    }
    return distance[to] != std::numeric_limits<double>::infinity();
  }

  // Pushes as much as the path in previous_ takes, up to `limit`, telling `visit` each arc.
  template <typename Visit>
  std::int64_t Augment(const std::vector<std::int64_t>& values, std::size_t from, std::size_t to,
                       std::int64_t limit, Visit visit) {
    std::int64_t amount = limit;
    for (std::size_t node = to; node != from;) {
      const auto [a, grows] = previous_[node];
      if (!grows) amount = std::min(amount, values[a] + deviation_[a]);
      node = grows ? model_.arcs[a].tail : model_.arcs[a].head;
    }
    for (std::size_t node = to; node != from;) {
      const auto [a, grows] = previous_[node];
      if (deviation_[a] == 0) touched_.push_back(a);
      deviation_[a] += grows ? amount : -amount;
      visit(a);
      node = grows ? model_.arcs[a].tail : model_.arcs[a].head;
    }
    return amount;
  }

  void Reset() {
    for (const std::size_t a : touched_) deviation_[a] = 0;
    touched_.clear();
  }

  const Model& model_;
  std::int64_t biggest_ = 0;
  std::vector<std::int64_t> deviation_;  // of each arc along the flow so far
  std::vector<std::size_t> touched_;
  std::vector<std::pair<std::size_t, bool>> previous_;  // the arc into each node, grown or not
  std::vector<std::uint32_t> seen_;                     // the search that reached each node
  std::uint32_t epoch_ = 0;
  std::vector<std::size_t> queue_;
};

// What a suppressed position must be free to do: a count below the threshold must reach 0 and
// v + k (the wider of v/2 and k either side, v/2 < k); anything else must move at all.
struct Requirement {
  std::int64_t up = 0, down = 0;
  bool either = false;  // One way is enough, each asking 1.
};

Requirement RequiredOf(Reason reason, bool is_count, std::int64_t value, const Options& options) {
  if (is_count && reason == Reason::kBelowThreshold) {
    return {options.threshold, value, false};
  }
  return {1, value > 0 ? 1 : 0, true};
}

// Adds the complements the position needs, if any; returns whether it added some. Fails when no
// complement can free it (only locked margins could).
Result<bool> Repair(FlowSearch& search, const std::vector<std::int64_t>& values,
                    std::vector<Reason>& reasons, std::vector<bool>& suppressed, std::size_t a,
                    const Requirement& need) {
  std::vector<std::size_t> added;
  std::int64_t moved = 0;
  if (need.either) {
    if (search.Freedom(values, suppressed, a, Direction::kUp, 1) > 0 ||
        search.Freedom(values, suppressed, a, Direction::kDown, need.down) > 0) {
      return false;
    }
    const Opening up = search.Open(values, suppressed, a, Direction::kUp, 1);
    const Opening down = search.Open(values, suppressed, a, Direction::kDown, need.down);
    const bool up_works = up.moved > 0, down_works = down.moved > 0;
    added = up_works && (!down_works || up.cost <= down.cost) ? up.added : down.added;
    moved = up.moved + down.moved;
  } else {
    for (const Direction direction : {Direction::kUp, Direction::kDown}) {
      const std::int64_t needed = direction == Direction::kUp ? need.up : need.down;
      const std::int64_t free = search.Freedom(values, suppressed, a, direction, needed);
      if (free >= needed) {
        moved += free;
        continue;
      }
      const Opening opening = search.Open(values, suppressed, a, direction, needed);
      moved += opening.moved;
      added.insert(added.end(), opening.added.begin(), opening.added.end());
      for (const std::size_t k : opening.added) suppressed[k] = true;
    }
  }
  // Without a way round (only locked margins could free it) the value would be given away.
  if (moved == 0) return Internal("disclosure: a pinned cell without complement");
  for (const std::size_t k : added) {
    reasons[k] = Reason::kSecondary;
    suppressed[k] = true;
  }
  return !added.empty();
}

// Each node's equation with exactly one suppressed arc gives it away: suppress its cheapest
// other unlocked arc, until none has.
void SuppressLines(const Model& model, std::vector<Reason>& reasons) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& arcs : model.incident) {
      const auto suppressed = std::count_if(arcs.begin(), arcs.end(), [&](std::size_t a) {
        return reasons[a] != Reason::kPublished;
      });
      if (suppressed != 1) continue;
      std::optional<std::size_t> best;
      for (const std::size_t a : arcs) {
        if (reasons[a] != Reason::kPublished || model.arcs[a].locked) continue;
        const auto cost = [&](std::size_t k) {
          return std::pair{model.arcs[k].count == 0, model.arcs[k].count};
        };
        if (!best || cost(a) < cost(*best)) best = a;
      }
      if (!best) continue;
      reasons[*best] = Reason::kSecondary;
      changed = true;
    }
  }
}

Result<Model> ModelOfGrid(const std::vector<std::vector<std::int64_t>>& values) {
  if (values.size() < 2 || values.front().size() < 2) {
    return Fail(ErrorCode::kInvalidArgument, "disclosure.values_shape", "values");
  }
  Model model = MakeModel(values.size() - 1, values.front().size() - 1, 0, {});
  for (std::size_t r = 0; r < values.size(); ++r) {
    for (std::size_t c = 0; c < values[r].size(); ++c) {
      model.arcs[model.ArcOf({r, c})].count = values[r][c];
    }
  }
  return model;
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
  const Model model = ENSEMBLE_TRY(ModelOfGrid(values));
  std::vector<std::int64_t> counts(model.arcs.size());
  std::vector<bool> hidden(model.arcs.size());
  for (std::size_t r = 0; r < values.size(); ++r) {
    for (std::size_t c = 0; c < values[r].size(); ++c) {
      counts[model.ArcOf({r, c})] = values[r][c];
      hidden[model.ArcOf({r, c})] = suppressed[r][c];
    }
  }
  FlowSearch search(model);
  std::vector<Position> pinned;
  for (std::size_t r = 0; r < values.size(); ++r) {
    for (std::size_t c = 0; c < values[r].size(); ++c) {
      const std::size_t a = model.ArcOf({r, c});
      if (suppressed[r][c] && search.Freedom(counts, hidden, a, Direction::kUp, 1) == 0 &&
          search.Freedom(counts, hidden, a, Direction::kDown, values[r][c] > 0 ? 1 : 0) == 0) {
        pinned.push_back({r, c});
      }
    }
  }
  return pinned;
}

Result<ProtectedTable> Protect(const Table& table, const Options& options) {
  ENSEMBLE_TRY_STATUS(CheckOptions(options));
  Model model = ENSEMBLE_TRY(ModelOf(table, options));
  const std::size_t positions = model.arcs.size();
  std::vector<Reason> reasons(positions);
  for (std::size_t a = 0; a < positions; ++a) {
    reasons[a] = PrimaryReason(model.arcs[a], model.has_sums, options);
  }
  if (table.margins_published) {
    for (std::size_t r = 0; r <= model.rows; ++r) {
      const std::size_t a = r == model.rows ? model.GrandTotalArc() : model.RowTotalArc(r);
      if (reasons[a] != Reason::kPublished) {
        return Fail(
            ErrorCode::kInvalidArgument, "disclosure.margin_below_rules",
            r == model.rows ? std::string("grand_total") : fmt::format("row_totals[{}]", r));
      }
      model.arcs[a].locked = true;
    }
  }
  // A group's total is the sum of its rows' published totals: it must pass the rules itself.
  std::vector<Arc> group_totals(model.groups);
  for (std::size_t r = 0; r < model.rows && model.groups > 0; ++r) {
    Arc& total = group_totals[table.row_groups[r]];
    const Arc& row = model.arcs[model.RowTotalArc(r)];
    total.count += row.count;
    total.sum += row.sum;
    total.largest.insert(total.largest.end(), row.largest.begin(), row.largest.end());
  }
  for (std::size_t g = 0; g < model.groups; ++g) {
    std::sort(group_totals[g].largest.rbegin(), group_totals[g].largest.rend());
    if (PrimaryReason(group_totals[g], model.has_sums, options) != Reason::kPublished) {
      return Fail(ErrorCode::kInvalidArgument, "disclosure.margin_below_rules",
                  fmt::format("group_totals[{}]", g));
    }
  }
  SuppressLines(model, reasons);

  // The audit, on counts and on sums; each repair only adds suppressions, so a position keeps
  // the freedom it has and the loop ends.
  std::vector<std::int64_t> counts(positions), sums(positions);
  for (std::size_t a = 0; a < positions; ++a) {
    counts[a] = model.arcs[a].count;
    sums[a] = model.arcs[a].sum;
  }
  std::vector<const std::vector<std::int64_t>*> audited = {&counts};
  if (model.has_sums) audited.push_back(&sums);
  FlowSearch search(model);
  std::vector<bool> suppressed(positions);
  for (std::size_t a = 0; a < positions; ++a) suppressed[a] = reasons[a] != Reason::kPublished;
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t a = 0; a < positions; ++a) {
      if (reasons[a] == Reason::kPublished) continue;
      for (const auto* values : audited) {
        const Requirement need = RequiredOf(reasons[a], values == &counts, (*values)[a], options);
        changed = ENSEMBLE_TRY(Repair(search, *values, reasons, suppressed, a, need)) || changed;
      }
    }
  }

  auto publish = [&](std::size_t a) {
    Published out;
    out.reason = reasons[a];
    if (out.reason == Reason::kPublished) {
      out.count = RoundToBase(model.arcs[a].count, options.rounding_base);
      if (model.has_sums) out.sum = model.arcs[a].sum;
    }
    return out;
  };
  ProtectedTable result;
  for (std::size_t r = 0; r < model.rows; ++r) {
    result.cells.emplace_back();
    for (std::size_t c = 0; c < model.columns; ++c) {
      result.cells.back().push_back(publish(model.CellArc(r, c)));
    }
    result.row_totals.push_back(publish(model.RowTotalArc(r)));
  }
  for (std::size_t c = 0; c < model.columns; ++c) {
    result.column_totals.push_back(publish(model.ColumnTotalArc(c)));
  }
  result.grand_total = publish(model.GrandTotalArc());
  for (std::size_t g = 0; g < model.groups; ++g) {
    result.group_cells.emplace_back();
    for (std::size_t c = 0; c < model.columns; ++c) {
      result.group_cells.back().push_back(publish(model.GroupCellArc(g, c)));
    }
    Published total;
    total.count = RoundToBase(group_totals[g].count, options.rounding_base);
    if (model.has_sums) total.sum = group_totals[g].sum;
    result.group_totals.push_back(total);
  }
  return result;
}

}  // namespace ensemble::disclosure
