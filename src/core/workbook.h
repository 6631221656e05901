// A spreadsheet as text: named sheets of rows of cells, each cell the text a person sees in it
// (a number as its shortest decimal writing, a boolean as TRUE/FALSE, a date as its ISO text).
// It is what components/spreadsheet reads from an XLSX or a CSV file and what the domain's
// readers of uploaded sheets (XLSForms) take, so that the domain never touches a file format.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ensemble {

struct Sheet {
  std::string name;
  // rows[r][c] is the cell of spreadsheet row r + 1 and column c + 1 ("A" is column 1). Rows
  // keep their position: an empty row in the file is an empty vector here, so that a message
  // can name the row a person sees. Trailing empty cells of a row may be absent.
  std::vector<std::vector<std::string>> rows;

  // The cell's text, or "" beyond the row's end.
  std::string_view Cell(std::size_t row, std::size_t column) const {
    if (row >= rows.size() || column >= rows[row].size()) return {};
    return rows[row][column];
  }
};

struct Workbook {
  std::vector<Sheet> sheets;  // In the file's order.

  // The sheet of that name, compared as the file wrote it; nullptr if none.
  const Sheet* Find(std::string_view name) const {
    for (const Sheet& sheet : sheets) {
      if (sheet.name == name) return &sheet;
    }
    return nullptr;
  }
};

// "A" for column 1, "Z" for 26, "AA" for 27: how a spreadsheet names a column (1-based).
inline std::string ColumnLetters(std::size_t column) {
  std::string letters;
  while (column > 0) {
    const std::size_t digit = (column - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + digit));
    column = (column - 1) / 26;
  }
  return letters;
}

}  // namespace ensemble
