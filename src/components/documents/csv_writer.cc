#include "documents/csv_writer.h"

#include "documents/format.h"

namespace ensemble::documents {
namespace {

char Separator(CsvDialect dialect) { return dialect == CsvDialect::kSemicolon ? ';' : ','; }

char DecimalMark(CsvDialect dialect) { return dialect == CsvDialect::kSemicolon ? ',' : '.'; }

// Quotes a field that needs it, without defusing: numbers written here are never formulas.
std::string Quoted(std::string field, CsvDialect dialect) {
  const char specials[] = {Separator(dialect), '"', '\r', '\n', '\0'};
  if (field.find_first_of(specials) == std::string::npos) return field;
  std::string quoted = "\"";
  for (const char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

// Numbers we format ourselves are left as they are: "-12.50" must stay a number for the
// spreadsheet, and no formula can be spelt with digits, one sign and one decimal mark.
std::string CellField(const Cell& cell, CsvDialect dialect) {
  switch (cell.kind()) {
    case Cell::Kind::kEmpty:
      return {};
    case Cell::Kind::kText:
    case Cell::Kind::kSuppressed:
      return CsvField(cell.text(), dialect);
    case Cell::Kind::kInteger:
      return std::to_string(cell.number());
    case Cell::Kind::kMoney:
    case Cell::Kind::kPercent:
    case Cell::Kind::kDecimal:
      return Quoted(PlainDecimal(cell.number(), DecimalMark(dialect)), dialect);
    case Cell::Kind::kDate:
      return cell.text();
  }
  return {};
}

}  // namespace

std::string CsvQuoted(std::string_view text, CsvDialect dialect) {
  return Quoted(std::string(text), dialect);
}

void AppendCsvRow(std::string& out, const Row& row, CsvDialect dialect) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += Separator(dialect);
    out += CellField(row[i], dialect);
  }
  out += "\r\n";
}

std::string CsvField(std::string_view text, CsvDialect dialect) {
  std::string field;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    field += '\'';
  }
  field += text;
  return Quoted(std::move(field), dialect);
}

void AppendCsvRecord(std::string& out, const std::vector<std::string>& fields, CsvDialect dialect) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += Separator(dialect);
    out += CsvField(fields[i], dialect);
  }
  out += "\r\n";
}

Result<std::string> WriteCsv(const Table& table, CsvDialect dialect) {
  ENSEMBLE_TRY_STATUS(ValidateTable(table));
  std::string out(kUtf8Bom);
  std::vector<std::string> headers;
  headers.reserve(table.columns.size());
  for (const Column& column : table.columns) headers.push_back(column.header);
  AppendCsvRecord(out, headers, dialect);
  for (const Row& row : table.rows) AppendCsvRow(out, row, dialect);
  if (table.totals) AppendCsvRow(out, *table.totals, dialect);
  return out;
}

}  // namespace ensemble::documents
