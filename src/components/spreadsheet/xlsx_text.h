// The small text rules of SpreadsheetML (ECMA-376 part 1, §18) that the XLSX reader applies to
// each cell: where a reference such as "AB7" points, how a number is written back as text, and
// the _xHHHH_ escapes of string values. Internal to the component; pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ensemble::spreadsheet::internal {

// Excel's grid: columns A to XFD, rows 1 to 1,048,576.
inline constexpr std::size_t kMaxColumns = 16'384;
inline constexpr std::size_t kMaxRows = 1'048'576;

struct CellPosition {
  std::size_t row = 0;     // 0-based
  std::size_t column = 0;  // 0-based
};

// "B7" -> {6, 1}; nullopt unless 1 to 3 letters then a row number without leading zero, both
// within Excel's grid.
std::optional<CellPosition> ParseCellReference(std::string_view reference);

// A row element's r attribute, "7" -> 6; nullopt unless a row number of Excel's grid.
std::optional<std::size_t> ParseRowNumber(std::string_view number);

// The text of a number cell's value as a person reads it: a plain decimal keeps its digits,
// without the zeros that say nothing ("3.0" -> "3", "1.50" -> "1.5"); any other writing
// ("1E-3", or more digits than a double holds: "2.2000000000000002") is written back as the
// shortest decimal that reads as the same double, in plain digits from 1e-7 up to 1e21 and as
// "1.5e+25" beyond. A value that is no number at all is kept as it is.
std::string NumberText(std::string_view value);

// Decodes the escapes ECMA-376 gives string values for characters XML cannot carry (§22.9.2.19,
// ST_Xstring): "_x000D_" is a carriage return, "_x005F_" an underscore that would otherwise
// start an escape. Surrogate halves are left as written.
std::string DecodeEscapes(std::string_view text);

}  // namespace ensemble::spreadsheet::internal
