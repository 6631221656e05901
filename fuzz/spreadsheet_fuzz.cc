// The readers of uploaded spreadsheets (components/spreadsheet) on any bytes, under small limits
// so that each input runs fast: Sniff, ReadXlsx, ReadCsv and ReadCsvWorkbook. Beside not
// crashing: every workbook accepted holds only valid UTF-8 within the limits (each cell's
// bytes, the slots of its grid); a refusal is a message of the spreadsheet catalogue (or
// "unavailable" when memory ran out); ReadXlsx accepts nothing Sniff does not call a zip; and
// text Sniff calls CSV is never refused by the CSV readers as invalid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "components/spreadsheet/spreadsheet.h"
#include "core/text.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {
namespace {

spreadsheet::Limits SmallLimits() {
  spreadsheet::Limits limits;
  limits.max_file_bytes = std::size_t{1} << 20;
  limits.max_uncompressed_bytes = std::size_t{4} << 20;
  limits.max_entries = 64;
  limits.max_cells = 20'000;
  limits.max_cell_bytes = 1'024;
  return limits;
}

void CheckSheet(const Sheet& sheet, const spreadsheet::Limits& limits, std::size_t& slots) {
  ENSEMBLE_FUZZ_CHECK(IsValidUtf8(sheet.name));
  slots += sheet.rows.size();
  for (const auto& row : sheet.rows) {
    slots += row.size();
    for (const std::string& cell : row) {
      ENSEMBLE_FUZZ_CHECK(cell.size() <= limits.max_cell_bytes);
      ENSEMBLE_FUZZ_CHECK(IsValidUtf8(cell));
    }
  }
  ENSEMBLE_FUZZ_CHECK(slots <= limits.max_cells);
}

void CheckWorkbook(const Workbook& workbook, const spreadsheet::Limits& limits) {
  std::size_t slots = 0;
  for (const Sheet& sheet : workbook.sheets) CheckSheet(sheet, limits, slots);
}

template <typename T>
void CheckRefusal(const Result<T>& result) {
  if (result) return;
  const Error& error = result.error();
  ENSEMBLE_FUZZ_CHECK(error.message.id.starts_with("spreadsheet.") ||
                      error.code == ErrorCode::kUnavailable);
}

}  // namespace

void FuzzSpreadsheet(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const spreadsheet::Limits limits = SmallLimits();
  const spreadsheet::Format format = spreadsheet::Sniff(bytes);

  const auto xlsx = spreadsheet::ReadXlsx(bytes, limits);
  CheckRefusal(xlsx);
  if (xlsx) {
    ENSEMBLE_FUZZ_CHECK(format == spreadsheet::Format::kXlsx);
    CheckWorkbook(*xlsx, limits);
  }

  const auto csv = spreadsheet::ReadCsvWorkbook(bytes, limits);
  CheckRefusal(csv);
  if (csv) CheckWorkbook(*csv, limits);

  const auto sheet = spreadsheet::ReadCsv(bytes, "feuille", limits);
  CheckRefusal(sheet);
  if (sheet) {
    std::size_t slots = 0;
    CheckSheet(*sheet, limits, slots);
  }
  if (format == spreadsheet::Format::kCsv && !sheet) {
    ENSEMBLE_FUZZ_CHECK(sheet.error().message.id != "spreadsheet.csv.not_utf8");
  }
}

}  // namespace ensemble::fuzz
