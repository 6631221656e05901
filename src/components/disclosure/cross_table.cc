#include "components/disclosure/cross_table.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

#include "components/solver/mip.h"

namespace ensemble::disclosure {
namespace {

constexpr std::size_t kNoLine = std::numeric_limits<std::size_t>::max();
constexpr double kTolerance = 1e-6;

struct Shape {
  std::size_t rows = 0, as = 0, bs = 0;
  int Unknown(std::size_t r, std::size_t a, std::size_t b) const {
    return static_cast<int>((r * as + a) * bs + b);
  }
  std::size_t Unknowns() const { return rows * as * bs; }
};

// A value the tables publish or hide: a sum of the cube's cells, and the lines of the cross table
// it lies on (row a, column b), through which cross cells can hide it.
struct Quantity {
  std::vector<int> members;
  std::int64_t value = 0;
  Reason reason = Reason::kPublished;
  std::size_t a = kNoLine;
  std::size_t b = kNoLine;
};

std::unexpected<Error> Refuse(std::string field, std::string detail) {
  std::unexpected<Error> error =
      Fail(ErrorCode::kInvalidArgument, "disclosure.cross_table", std::move(field));
  error.error().context = std::move(detail);
  return error;
}

Result<Shape> ShapeOf(const CrossTable& table) {
  const auto& counts = table.counts;
  if (counts.empty() || counts.front().empty() || counts.front().front().empty())
    return Refuse("counts", "an empty cube");
  Shape shape{counts.size(), counts.front().size(), counts.front().front().size()};
  for (const auto& row : counts) {
    if (row.size() != shape.as) return Refuse("counts", "rows of different shapes");
    for (const auto& line : row) {
      if (line.size() != shape.bs) return Refuse("counts", "rows of different shapes");
      if (std::any_of(line.begin(), line.end(), [](std::int64_t v) { return v < 0; }))
        return Refuse("counts", "a negative count");
    }
  }
  if (!table.row_groups.empty() && table.row_groups.size() != shape.rows)
    return Refuse("row_groups", "one group per row");
  return shape;
}

// The quantities of one one-way table: `first` says whether it classifies by a (else by b).
class OneWay {
 public:
  OneWay(const CrossTable& table, const Shape& shape, bool first)
      : table_(table), shape_(shape), first_(first) {}

  Status AddTo(std::vector<Quantity>& out) const {
    const ProtectedTable& t = first_ ? table_.by_a : table_.by_b;
    const std::string field = first_ ? "by_a" : "by_b";
    const std::size_t lines = first_ ? shape_.as : shape_.bs;
    if (t.cells.size() != shape_.rows || t.row_totals.size() != shape_.rows ||
        t.column_totals.size() != lines)
      return Refuse(field, "not the cube's shape");
    std::size_t groups = 0;
    for (const std::size_t g : table_.row_groups) groups = std::max(groups, g + 1);
    if (t.group_cells.size() != groups) return Refuse(field, "not the rows' groups");
    for (std::size_t r = 0; r < shape_.rows; ++r) {
      if (t.cells[r].size() != lines) return Refuse(field, "not the cube's shape");
      for (std::size_t l = 0; l < lines; ++l) {
        ENSEMBLE_TRY_STATUS(Add(out, t.cells[r][l], l, [&](std::size_t rr) { return rr == r; }));
      }
      ENSEMBLE_TRY_STATUS(
          Add(out, t.row_totals[r], kNoLine, [&](std::size_t rr) { return rr == r; }));
    }
    for (std::size_t l = 0; l < lines; ++l) {
      ENSEMBLE_TRY_STATUS(Add(out, t.column_totals[l], l, [](std::size_t) { return true; }));
    }
    ENSEMBLE_TRY_STATUS(Add(out, t.grand_total, kNoLine, [](std::size_t) { return true; }));
    for (std::size_t g = 0; g < groups; ++g) {
      if (t.group_cells[g].size() != lines) return Refuse(field, "not the cube's shape");
      for (std::size_t l = 0; l < lines; ++l) {
        ENSEMBLE_TRY_STATUS(Add(out, t.group_cells[g][l], l,
                                [&](std::size_t r) { return table_.row_groups[r] == g; }));
      }
    }
    return Ok();
  }

 private:
  // The cell of line `line` (all lines when kNoLine) over the rows `in` keeps.
  template <typename Rows>
  Status Add(std::vector<Quantity>& out, const Published& cell, std::size_t line, Rows in) const {
    Quantity q;
    q.reason = cell.reason;
    (first_ ? q.a : q.b) = line;
    for (std::size_t r = 0; r < shape_.rows; ++r) {
      if (!in(r)) continue;
      for (std::size_t a = 0; a < shape_.as; ++a) {
        for (std::size_t b = 0; b < shape_.bs; ++b) {
          if (line != kNoLine && (first_ ? a : b) != line) continue;
          q.members.push_back(shape_.Unknown(r, a, b));
          q.value += table_.counts[r][a][b];
        }
      }
    }
    // Unrounded: the attacker's equations are the published values.
    if (!cell.Suppressed() && cell.count != q.value) {
      return Refuse(first_ ? "by_a" : "by_b", "a published value is not the cube's sum");
    }
    out.push_back(std::move(q));
    return Ok();
  }

  const CrossTable& table_;
  const Shape& shape_;
  bool first_;
};

Quantity CrossCell(const CrossTable& table, const Shape& shape, std::size_t a, std::size_t b) {
  Quantity q;
  q.a = a;
  q.b = b;
  for (std::size_t r = 0; r < shape.rows; ++r) {
    q.members.push_back(shape.Unknown(r, a, b));
    q.value += table.counts[r][a][b];
  }
  return q;
}

bool Primary(std::int64_t value, const Options& options) {
  return (value > 0 && value < options.threshold) ||
         (value == 0 && options.zeros == Zeros::kSuppress);
}

// Whether the attacker's range of a suppressed quantity reaches as far as its rule could ever
// ask, whatever the one-way tables allow: from 0 to v + k for a small count (k > v, so v - k is
// below 0), a neighbouring value for the others.
bool HasItsReach(const Quantity& q, const solver::Range& range, const Options& options) {
  const auto v = static_cast<double>(q.value);
  if (q.reason == Reason::kBelowThreshold) {
    const double reach = std::max(v / 2, static_cast<double>(options.threshold));
    return range.lower <= std::max(v - reach, 0.0) + kTolerance &&
           range.upper >= v + reach - kTolerance;
  }
  return range.upper >= v + 1 - kTolerance || range.lower <= v - 1 + kTolerance;
}

// Whether the attacker's range of a suppressed quantity is as wide as its rule asks, given its
// range when every cross cell is suppressed (`base`, what the one-way tables alone allow).
bool Enough(const Quantity& q, const solver::Range& range, const solver::Range& base,
            const Options& options) {
  const auto v = static_cast<double>(q.value);
  if (q.reason == Reason::kBelowThreshold) {
    const double reach = std::max(v / 2, static_cast<double>(options.threshold));
    return range.lower <= std::max(v - reach, base.lower) + kTolerance &&
           range.upper >= std::min(v + reach, base.upper) - kTolerance;
  }
  if (base.upper - base.lower < 1 - kTolerance) return true;  // pinned by the one-way tables
  return range.upper >= std::min(v + 1, base.upper) - kTolerance ||
         range.lower <= std::max(v - 1, base.lower) + kTolerance;
}

solver::Model ModelOf(const Shape& shape, const std::vector<const Quantity*>& published) {
  solver::Model model;
  model.columns.assign(shape.Unknowns(), solver::Column{0, solver::kInfinity, 0, false});
  for (const Quantity* q : published) {
    std::vector<solver::Term> terms;
    for (const int m : q->members) terms.push_back({m, 1.0});
    const auto value = static_cast<double>(q->value);
    model.AddRow(std::move(terms), value, value);
  }
  return model;
}

std::vector<std::vector<solver::Term>> Expressions(const std::vector<const Quantity*>& hidden) {
  std::vector<std::vector<solver::Term>> expressions;
  for (const Quantity* q : hidden) {
    expressions.emplace_back();
    for (const int m : q->members) expressions.back().push_back({m, 1.0});
  }
  return expressions;
}

// The published cross cell to suppress for a short quantity: the smallest non-zero one (then
// zero) on one of its lines, else anywhere.
std::optional<std::size_t> Complement(const Quantity& short_one, const std::vector<Quantity>& cross,
                                      const std::vector<bool>& suppressed) {
  std::optional<std::size_t> best;
  int best_rank = 3;
  for (std::size_t c = 0; c < cross.size(); ++c) {
    if (suppressed[c]) continue;
    const bool on_line = cross[c].a == short_one.a || cross[c].b == short_one.b;
    const int rank = (on_line ? 0 : 2) + (cross[c].value == 0 ? 1 : 0);
    if (!best || rank < best_rank || (rank == best_rank && cross[c].value < cross[*best].value)) {
      best = c;
      best_rank = rank;
    }
  }
  return best;
}

}  // namespace

Result<ProtectedCross> ProtectCross(const CrossTable& table, const Options& options,
                                    const CrossLimits& limits) {
  const Shape shape = ENSEMBLE_TRY(ShapeOf(table));
  std::vector<Quantity> one_way;
  ENSEMBLE_TRY_STATUS(OneWay(table, shape, true).AddTo(one_way));
  ENSEMBLE_TRY_STATUS(OneWay(table, shape, false).AddTo(one_way));
  std::vector<Quantity> cross;
  for (std::size_t a = 0; a < shape.as; ++a)
    for (std::size_t b = 0; b < shape.bs; ++b) cross.push_back(CrossCell(table, shape, a, b));

  std::vector<bool> suppressed(cross.size());
  for (std::size_t c = 0; c < cross.size(); ++c) {
    suppressed[c] = Primary(cross[c].value, options);
    cross[c].reason = suppressed[c] ? Reason::kBelowThreshold : Reason::kPublished;
  }
  ProtectedCross result;
  result.withheld = shape.Unknowns() > limits.max_unknowns;

  std::vector<const Quantity*> published_one_way, hidden_one_way;
  for (const Quantity& q : one_way) {
    (q.reason == Reason::kPublished ? published_one_way : hidden_one_way).push_back(&q);
  }
  if (result.withheld) {
    for (std::size_t c = 0; c < cross.size(); ++c) {
      if (!suppressed[c]) cross[c].reason = Reason::kSecondary;
      suppressed[c] = true;
    }
  } else {
    // What the one-way tables alone allow (a quantity's range with every cross cell hidden),
    // worked out only for the quantities whose range falls short of their rule's whole reach,
    // once each.
    const solver::Model base_model = ModelOf(shape, published_one_way);
    std::map<const Quantity*, solver::Range> base;
    for (;;) {
      ++result.audits;
      std::vector<const Quantity*> published = published_one_way, hidden = hidden_one_way;
      for (std::size_t c = 0; c < cross.size(); ++c) {
        (suppressed[c] ? hidden : published).push_back(&cross[c]);
      }
      const auto ranges =
          ENSEMBLE_TRY(solver::Ranges(ModelOf(shape, published), Expressions(hidden)));
      std::vector<const Quantity*> unsure;
      for (std::size_t h = 0; h < hidden.size(); ++h) {
        if (!HasItsReach(*hidden[h], ranges[h], options) && !base.contains(hidden[h])) {
          unsure.push_back(hidden[h]);
        }
      }
      if (!unsure.empty()) {
        const auto base_ranges = ENSEMBLE_TRY(solver::Ranges(base_model, Expressions(unsure)));
        for (std::size_t u = 0; u < unsure.size(); ++u) base[unsure[u]] = base_ranges[u];
      }
      std::vector<std::size_t> complements;
      for (std::size_t h = 0; h < hidden.size(); ++h) {
        if (HasItsReach(*hidden[h], ranges[h], options) ||
            Enough(*hidden[h], ranges[h], base.at(hidden[h]), options)) {
          continue;
        }
        const auto complement = Complement(*hidden[h], cross, suppressed);
        if (!complement) return Internal("disclosure: a short range with every cross cell hidden");
        complements.push_back(*complement);
      }
      if (complements.empty()) break;
      for (const std::size_t c : complements) {
        suppressed[c] = true;
        cross[c].reason = Reason::kSecondary;
      }
    }
  }

  result.cells.assign(shape.as, std::vector<Published>(shape.bs));
  for (std::size_t c = 0; c < cross.size(); ++c) {
    Published& out = result.cells[cross[c].a][cross[c].b];
    out.reason = cross[c].reason;
    if (!suppressed[c]) out.count = RoundToBase(cross[c].value, options.rounding_base);
  }
  result.row_totals = table.by_a.column_totals;
  result.column_totals = table.by_b.column_totals;
  result.grand_total = table.by_a.grand_total;
  return result;
}

}  // namespace ensemble::disclosure
