#include "app/surveys/xlsform_export.h"

#include <algorithm>

#include "documents/csv_writer.h"
#include "documents/document.h"
#include "documents/xlsx_writer.h"

namespace ensemble::app {
namespace {

constexpr std::string_view kSettings = "settings";

std::size_t ColumnOf(std::vector<std::string>& header, std::string_view name) {
  const auto found = std::find(header.begin(), header.end(), name);
  if (found != header.end()) return static_cast<std::size_t>(found - header.begin());
  header.emplace_back(name);
  return header.size() - 1;
}

void SetCell(std::vector<std::string>& row, std::size_t column, std::string_view text) {
  if (row.size() <= column) row.resize(column + 1);
  row[column] = text;
}

void AppendLine(std::string& out, std::string_view first, const std::vector<std::string>& cells) {
  out += documents::CsvQuoted(first);
  for (const std::string& cell : cells) {
    out += ',';
    out += documents::CsvQuoted(cell);
  }
  out += "\r\n";
}

// The sheet as a table of text: its first row the header, the others its rows, each as wide as
// the header (a cell beyond the last header has no column for a reader of XLSForms).
documents::Table TableOf(const Sheet& sheet) {
  documents::Table table;
  table.caption = sheet.name;
  const std::vector<std::string> none;
  const std::vector<std::string>& header = sheet.rows.empty() ? none : sheet.rows.front();
  for (const std::string& name : header) table.columns.push_back({name});
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    documents::Row row;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string_view text = sheet.Cell(r, c);
      row.push_back(text.empty() ? documents::Cell::Empty()
                                 : documents::Cell::Text(std::string(text)));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

Workbook StampedXlsForm(Workbook workbook, std::string_view form_id, std::string_view version) {
  auto settings = std::find_if(workbook.sheets.begin(), workbook.sheets.end(),
                               [](const Sheet& sheet) { return sheet.name == kSettings; });
  if (settings == workbook.sheets.end()) {
    workbook.sheets.push_back(Sheet{std::string(kSettings), {}});
    settings = std::prev(workbook.sheets.end());
  }
  std::vector<std::vector<std::string>>& rows = settings->rows;
  if (rows.empty()) rows.emplace_back();
  // The settings are the first row below the header that holds something, as the reader takes
  // them; a sheet with none gets one.
  std::size_t values = 1;
  while (values < rows.size() &&
         std::all_of(rows[values].begin(), rows[values].end(),
                     [](const std::string& cell) { return cell.empty(); })) {
    ++values;
  }
  if (values >= rows.size()) {
    rows.resize(2);
    values = 1;
  }
  const std::size_t id_column = ColumnOf(rows.front(), "form_id");
  const std::size_t version_column = ColumnOf(rows.front(), "version");
  SetCell(rows[values], id_column, form_id);
  SetCell(rows[values], version_column, version);
  return workbook;
}

Result<std::string> XlsFormXlsx(const Workbook& workbook, std::string title, std::string created) {
  documents::Document document;
  document.title = std::move(title);
  document.created = std::move(created);
  for (const Sheet& sheet : workbook.sheets) {
    // A sheet without a header holds nothing a reader takes (an empty choices sheet).
    if (!sheet.rows.empty() && !sheet.rows.front().empty()) {
      document.blocks.push_back(TableOf(sheet));
    }
  }
  return documents::WriteXlsx(document);
}

std::string XlsFormCsv(const Workbook& workbook) {
  std::string out;
  for (const Sheet& sheet : workbook.sheets) {
    const std::vector<std::string> none;
    AppendLine(out, sheet.name, sheet.rows.empty() ? none : sheet.rows.front());
    for (std::size_t r = 1; r < sheet.rows.size(); ++r) AppendLine(out, "", sheet.rows[r]);
  }
  return out;
}

}  // namespace ensemble::app
