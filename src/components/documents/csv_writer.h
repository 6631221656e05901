// CSV for spreadsheets: RFC 4180 fields (quoted when they hold the separator, a quote or a line
// break, quotes doubled, CRLF between records), UTF-8 with a byte-order mark so that LibreOffice
// and Excel read accents right, and text that a spreadsheet would run as a formula (starting
// with = + - @, a tab or a carriage return) defused with a leading apostrophe (OWASP's CSV
// injection). Two dialects: commas with decimal points, and the semicolons with decimal commas
// that a French Excel opens by double-click. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "documents/document.h"

namespace ensemble::documents {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

enum class CsvDialect {
  kComma,      // RFC 4180 as written: ',' between fields, '.' in numbers
  kSemicolon,  // French spreadsheets: ';' between fields, ',' in numbers
};

// One text field, defused and quoted as needed for the dialect's separator.
std::string CsvField(std::string_view text, CsvDialect dialect = CsvDialect::kComma);

// The text quoted as needed (RFC 4180) but not defused: for files whose fields must read back as
// written (an XLSForm's expressions), never for data people open in a spreadsheet.
std::string CsvQuoted(std::string_view text, CsvDialect dialect = CsvDialect::kComma);

// Appends one record of text fields and its CRLF.
void AppendCsvRecord(std::string& out, const std::vector<std::string>& fields,
                     CsvDialect dialect = CsvDialect::kComma);

// Appends one row of cells, written as WriteCsv writes them, and its CRLF: for a table written a
// page at a time.
void AppendCsvRow(std::string& out, const Row& row, CsvDialect dialect = CsvDialect::kComma);

// The whole table: the BOM, the header record, the rows, then the totals. Money and percentages
// are plain decimals a spreadsheet reads as numbers ("1234.56", or "1234,56" with semicolons;
// basis points 1250 -> "12.50"), integers ungrouped, dates ISO, suppressed cells their marker,
// empty cells empty. The caption is not written: a CSV file has one header row and no title.
// kInvalidArgument when the table breaks ValidateTable.
Result<std::string> WriteCsv(const Table& table, CsvDialect dialect = CsvDialect::kComma);

}  // namespace ensemble::documents
