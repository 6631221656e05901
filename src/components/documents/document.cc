#include "documents/document.h"

#include <fmt/format.h>

#include <cmath>

#include "core/text.h"

namespace ensemble::documents {
namespace {

Status CheckUtf8(std::string_view text, const std::string& field) {
  if (IsValidUtf8(text)) return Ok();
  return Fail(ErrorCode::kInvalidArgument, "documents.not_utf8", field);
}

Cell::Kind CellKindOf(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kText:
      return Cell::Kind::kText;
    case ColumnKind::kInteger:
      return Cell::Kind::kInteger;
    case ColumnKind::kMoney:
      return Cell::Kind::kMoney;
    case ColumnKind::kPercent:
      return Cell::Kind::kPercent;
    case ColumnKind::kDecimal:
      return Cell::Kind::kDecimal;
    case ColumnKind::kDate:
      return Cell::Kind::kDate;
  }
  return Cell::Kind::kText;
}

Status ValidateRow(const Table& table, const Row& row, const std::string& field) {
  if (row.size() != table.columns.size()) {
    return Fail(
        ErrorCode::kInvalidArgument,
        Message{"documents.row_width", {{"cells", row.size()}, {"columns", table.columns.size()}}},
        field);
  }
  for (std::size_t c = 0; c < row.size(); ++c) {
    const Cell& cell = row[c];
    const std::string cell_field = fmt::format("{}[{}]", field, c);
    ENSEMBLE_TRY_STATUS(CheckUtf8(cell.text(), cell_field));
    switch (cell.kind()) {
      case Cell::Kind::kEmpty:
        continue;
      case Cell::Kind::kSuppressed:
        if (cell.text().empty()) {
          return Fail(ErrorCode::kInvalidArgument, "documents.suppressed_marker", cell_field);
        }
        continue;
      default:
        break;
    }
    if (cell.kind() != CellKindOf(table.columns[c].kind)) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"documents.cell_kind", {{"column", table.columns[c].header}}},
                  cell_field);
    }
    if (cell.kind() == Cell::Kind::kDate) {
      ENSEMBLE_TRY_STATUS(ParseIsoDate(cell.text(), cell_field));
    }
  }
  return Ok();
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

}  // namespace

Result<Language> ParseLanguage(std::string_view code) {
  if (code == "fr") return Language::kFrench;
  if (code == "en") return Language::kEnglish;
  return Fail(ErrorCode::kInvalidArgument, "core.language.unknown", "language");
}

Alignment AlignmentOf(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kInteger:
    case ColumnKind::kMoney:
    case ColumnKind::kPercent:
    case ColumnKind::kDecimal:
      return Alignment::kRight;
    case ColumnKind::kText:
    case ColumnKind::kDate:
      return Alignment::kLeft;
  }
  return Alignment::kLeft;
}

Result<Date> ParseIsoDate(std::string_view text, std::string_view field) {
  const auto invalid = [&] {
    return Fail(ErrorCode::kInvalidArgument, "documents.bad_date", std::string(field));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return invalid();
  const auto digits = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const Date date{digits(0, 4), digits(5, 2), digits(8, 2)};
  if (date.year < 1 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > DaysInMonth(date.year, date.month)) {
    return invalid();
  }
  return date;
}

Status ValidateTable(const Table& table) {
  ENSEMBLE_TRY_STATUS(CheckUtf8(table.caption, "caption"));
  if (table.columns.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "documents.no_column", "columns");
  }
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    ENSEMBLE_TRY_STATUS(CheckUtf8(table.columns[c].header, fmt::format("columns[{}].header", c)));
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    ENSEMBLE_TRY_STATUS(ValidateRow(table, table.rows[r], fmt::format("rows[{}]", r)));
  }
  if (table.totals) ENSEMBLE_TRY_STATUS(ValidateRow(table, *table.totals, "totals"));
  return Ok();
}

Status ValidateChart(const BarChart& chart, const std::string& prefix) {
  ENSEMBLE_TRY_STATUS(CheckUtf8(chart.caption, prefix + ".caption"));
  for (const auto& texts : {chart.categories, chart.series}) {
    for (const std::string& text : texts) ENSEMBLE_TRY_STATUS(CheckUtf8(text, prefix + ".labels"));
  }
  const bool shares = chart.kind == BarChart::Kind::kShares;
  if (chart.values.size() != chart.categories.size() ||
      (shares && chart.totals.size() != chart.categories.size())) {
    return Fail(ErrorCode::kInvalidArgument, "documents.chart_shape", prefix + ".values");
  }
  for (std::size_t c = 0; c < chart.values.size(); ++c) {
    const auto& row = chart.values[c];
    double published = 0;
    for (const auto& value : row) {
      if (value && (!std::isfinite(*value) || *value < 0)) {
        return Fail(ErrorCode::kInvalidArgument, "documents.chart_value", prefix + ".values");
      }
      published += value.value_or(0);
    }
    if (row.size() != chart.series.size() ||
        (shares && (!std::isfinite(chart.totals[c]) || published > chart.totals[c] + 1e-9))) {
      return Fail(ErrorCode::kInvalidArgument, "documents.chart_shape", prefix + ".values");
    }
  }
  return Ok();
}

Status ValidateDocument(const Document& document) {
  ENSEMBLE_TRY_STATUS(CheckUtf8(document.title, "title"));
  ENSEMBLE_TRY_STATUS(CheckUtf8(document.subtitle, "subtitle"));
  ENSEMBLE_TRY_STATUS(CheckUtf8(document.author, "author"));
  ENSEMBLE_TRY_STATUS(ParseIsoDate(document.created, "created"));
  for (std::size_t b = 0; b < document.blocks.size(); ++b) {
    const std::string prefix = fmt::format("blocks[{}]", b);
    const Block& block = document.blocks[b];
    if (const auto* heading = std::get_if<Heading>(&block)) {
      if (heading->level < 1 || heading->level > 3) {
        return Fail(ErrorCode::kInvalidArgument, "documents.heading_level", prefix + ".level");
      }
      ENSEMBLE_TRY_STATUS(CheckUtf8(heading->text, prefix + ".text"));
    } else if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      ENSEMBLE_TRY_STATUS(CheckUtf8(paragraph->text, prefix + ".text"));
    } else if (const auto* list = std::get_if<KeyValueList>(&block)) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        ENSEMBLE_TRY_STATUS(
            CheckUtf8(list->items[i].key, fmt::format("{}.items[{}].key", prefix, i)));
        ENSEMBLE_TRY_STATUS(
            CheckUtf8(list->items[i].value, fmt::format("{}.items[{}].value", prefix, i)));
      }
    } else if (const auto* chart = std::get_if<BarChart>(&block)) {
      ENSEMBLE_TRY_STATUS(ValidateChart(*chart, prefix));
    } else if (const auto* table = std::get_if<Table>(&block)) {
      if (auto status = ValidateTable(*table); !status) {
        Error error = std::move(status).error();
        error.field = prefix + "." + error.field;
        return std::unexpected(std::move(error));
      }
    }
  }
  return Ok();
}

std::vector<const Table*> TablesOf(const Document& document) {
  std::vector<const Table*> tables;
  for (const Block& block : document.blocks) {
    if (const auto* table = std::get_if<Table>(&block)) tables.push_back(table);
  }
  return tables;
}

}  // namespace ensemble::documents
