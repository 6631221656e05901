// The neutral model every document writer reads: a Document is a title block and a list of
// blocks (headings, paragraphs, key-value lists, tables), with no notion of pages, sheets or
// separators. Modules build one and hand it to the CSV, XLSX or PDF writer, so a table of staff
// costs looks the same in all three. Plain values: safe to share between threads read-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.h"

namespace ensemble::documents {

enum class Language { kFrench, kEnglish };

// "fr" or "en"; anything else is kInvalidArgument on field "language".
Result<Language> ParseLanguage(std::string_view code);

enum class ColumnKind {
  kText,
  kInteger,
  kMoney,    // integer cents of euros
  kPercent,  // basis points: 1250 is 12.50 %
  kDecimal,  // hundredths: 7267 is 72.67 (a mean, a median)
  kDate,     // ISO yyyy-mm-dd
};

enum class Alignment { kLeft, kRight };

// Numbers read down their digits, so they are right-aligned; text and dates are left-aligned.
Alignment AlignmentOf(ColumnKind kind);

struct Column {
  std::string header;
  ColumnKind kind = ColumnKind::kText;
};

// One cell. Its kind must be the kind of its column, or empty, or suppressed: a value hidden
// for statistical disclosure control, shown as the marker the caller chose ("< 5", "s").
class Cell {
 public:
  enum class Kind { kEmpty, kText, kInteger, kMoney, kPercent, kDecimal, kDate, kSuppressed };

  Cell() = default;
  static Cell Empty() { return Cell(); }
  static Cell Text(std::string text) { return Cell(Kind::kText, 0, std::move(text)); }
  static Cell Integer(std::int64_t value) { return Cell(Kind::kInteger, value, {}); }
  static Cell Money(std::int64_t cents) { return Cell(Kind::kMoney, cents, {}); }
  static Cell Percent(std::int64_t basis_points) { return Cell(Kind::kPercent, basis_points, {}); }
  static Cell Decimal(std::int64_t hundredths) { return Cell(Kind::kDecimal, hundredths, {}); }
  static Cell Date(std::string iso_date) { return Cell(Kind::kDate, 0, std::move(iso_date)); }
  static Cell Suppressed(std::string marker) {
    return Cell(Kind::kSuppressed, 0, std::move(marker));
  }

  Kind kind() const { return kind_; }
  // The integer, the cents or the basis points.
  std::int64_t number() const { return number_; }
  // The text, the ISO date or the suppression marker.
  const std::string& text() const { return text_; }

 private:
  Cell(Kind kind, std::int64_t number, std::string text)
      : kind_(kind), number_(number), text_(std::move(text)) {}

  Kind kind_ = Kind::kEmpty;
  std::int64_t number_ = 0;
  std::string text_;
};

using Row = std::vector<Cell>;

struct Table {
  std::string caption;
  std::vector<Column> columns;
  std::vector<Row> rows;
  // Given by the caller rather than summed here: only the caller knows which cells a total may
  // include once some are suppressed.
  std::optional<Row> totals;
};

struct Heading {
  int level = 1;  // 1 to 3
  std::string text;
};

struct Paragraph {
  std::string text;
};

struct KeyValue {
  std::string key;
  std::string value;
};

struct KeyValueList {
  std::vector<KeyValue> items;
};

// A bar chart of what a table holds, for printed documents (the PDF; sheets and CSV leave it
// out: a spreadsheet's reader draws their own). A horizontal bar per category (a structure),
// split into its series (the choices):
//   - kShares: the bar is the category's whole, each series its share of `totals[category]`;
//     what the published values leave (the suppressed cells) is drawn pale and unlabelled;
//   - kValues: a bar per series, its length the value against the largest of all (means, or a
//     multiple choice's shares, which do not add up).
// An empty value is a suppressed one: no bar.
struct BarChart {
  enum class Kind { kShares, kValues };
  Kind kind = Kind::kShares;
  std::string caption;
  std::vector<std::string> categories;
  std::vector<std::string> series;
  std::vector<std::vector<std::optional<double>>> values;  // [category][series], non-negative
  std::vector<double> totals;                              // per category; kShares only
};

using Block = std::variant<Heading, Paragraph, KeyValueList, Table, BarChart>;

struct Document {
  std::string title;
  std::string subtitle;
  std::string author;   // the structure or person the document comes from
  std::string created;  // ISO yyyy-mm-dd, from the caller's Clock
  Language language = Language::kFrench;
  std::vector<Block> blocks;
};

// A calendar date checked from its ISO form.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
};

// Parses yyyy-mm-dd, refusing impossible dates (2026-02-30); kInvalidArgument naming `field`.
Result<Date> ParseIsoDate(std::string_view text, std::string_view field);

// Checks what every writer relies on: valid UTF-8 everywhere, rows as wide as the columns, each
// cell of its column's kind (or empty, or suppressed with a non-empty marker), real dates,
// heading levels 1 to 3. Errors are kInvalidArgument naming the place: "rows[3][2]",
// "totals[1]", "columns[0].header", "caption".
Status ValidateTable(const Table& table);
// The same for a whole document; table fields are prefixed by their block: "blocks[2].rows[0][1]".
Status ValidateDocument(const Document& document);

// The tables of a document, in order.
std::vector<const Table*> TablesOf(const Document& document);

}  // namespace ensemble::documents
