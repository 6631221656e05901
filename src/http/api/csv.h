// CSV for spreadsheets: RFC 4180 fields (quoted when they hold a comma, a quote or a line break,
// quotes doubled, CRLF between records), UTF-8 with a byte-order mark so that LibreOffice and
// Excel read accents right, and cells that a spreadsheet would run as a formula (starting with
// = + - @, a tab or a carriage return) defused with a leading apostrophe (OWASP's CSV injection).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ensemble::http {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One field, guarded and quoted as needed.
std::string CsvField(std::string_view text);

// Appends one record and its CRLF.
void AppendCsvRecord(std::string& out, const std::vector<std::string>& fields);

}  // namespace ensemble::http
