// ReadCsv and ReadCsvWorkbook: RFC 4180 records with the line each starts on, then either one
// sheet of them or pyxform's layout of several sheets in one file.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "components/spreadsheet/budget.h"
#include "components/spreadsheet/spreadsheet.h"
#include "core/text.h"

namespace ensemble::spreadsheet {
namespace {

using internal::SlotBudget;
using internal::TrimTrailingEmpty;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Record {
  std::vector<std::string> fields;  // none for a blank line
  std::size_t line = 0;             // 1-based, the line the record starts on
};

// Lines are checked one by one so that the message names the line: a line break byte never
// occurs inside a UTF-8 sequence, so splitting first loses nothing.
Status CheckUtf8ByLine(std::string_view text) {
  std::size_t line = 1;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    if (!IsValidUtf8(text.substr(0, end))) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"spreadsheet.csv.not_utf8", {{"line", line}}});
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
    ++line;
  }
  return Ok();
}

// The separator, from the first record outside quotes: a comma, unless that record has no comma
// and has a semicolon (French Excel's CSV).
char DetectSeparator(std::string_view text) {
  bool quoted = false;
  bool semicolon = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') return ',';
    if (c == ';') semicolon = true;
  }
  return semicolon ? ';' : ',';
}

// Splits the text into records; counts every field against the limits as it goes.
class CsvParser {
 public:
  CsvParser(std::string_view text, char separator, const Limits& limits)
      : text_(text), separator_(separator), limits_(limits), budget_(limits.max_cells) {}

  // The next record, or nullopt at the end of the text.
  Result<std::optional<Record>> Next() {
    if (at_ == text_.size()) return std::optional<Record>{};
    Record record;
    record.line = line_;
    if (LineBreakAt(at_)) {
      SkipLineBreak();
      ENSEMBLE_TRY_STATUS(budget_.Take(1));
      return record;
    }
    for (;;) {
      std::string field = ENSEMBLE_TRY(ReadField());
      ENSEMBLE_TRY_STATUS(budget_.Take(1));
      record.fields.push_back(std::move(field));
      if (at_ < text_.size() && text_[at_] == separator_) {
        ++at_;
        continue;
      }
      if (at_ < text_.size()) SkipLineBreak();
      break;
    }
    ENSEMBLE_TRY_STATUS(budget_.Take(1));
    return record;
  }

 private:
  bool LineBreakAt(std::size_t at) const { return text_[at] == '\n' || text_[at] == '\r'; }

  // CRLF, LF or a lone CR (old Mac files) end a line.
  void SkipLineBreak() {
    if (text_[at_] == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') ++at_;
    ++at_;
    ++line_;
  }

  Result<std::string> ReadField() {
    const std::size_t line = line_;
    Result<std::string> field =
        at_ < text_.size() && text_[at_] == '"' ? ReadQuoted() : ReadUnquoted();
    if (field && field->size() > limits_.max_cell_bytes) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"spreadsheet.csv.cell_too_long",
                          {{"line", line}, {"max", limits_.max_cell_bytes}}});
    }
    return field;
  }

  Result<std::string> ReadUnquoted() {
    const std::size_t start = at_;
    while (at_ < text_.size() && text_[at_] != separator_ && !LineBreakAt(at_)) ++at_;
    return std::string(text_.substr(start, at_ - start));
  }

  // A quoted field: doubled quotes are one quote, line breaks are kept as "\n". After the
  // closing quote comes a separator, a line break or the end; anything else is ambiguous
  // ("a"b: is the quote text?) and refused rather than guessed.
  Result<std::string> ReadQuoted() {
    const std::size_t opened_on = line_;
    std::string field;
    ++at_;
    for (;;) {
      if (at_ == text_.size()) {
        return Fail(ErrorCode::kInvalidArgument,
                    Message{"spreadsheet.csv.unclosed_quote", {{"line", opened_on}}});
      }
      const char c = text_[at_];
      if (c == '"' && at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
        field += '"';
        at_ += 2;
      } else if (c == '"') {
        ++at_;
        break;
      } else if (LineBreakAt(at_)) {
        field += '\n';
        SkipLineBreak();
      } else {
        field += c;
        ++at_;
      }
      if (field.size() > limits_.max_cell_bytes) break;  // ReadField refuses it.
    }
    if (field.size() <= limits_.max_cell_bytes && at_ < text_.size() && text_[at_] != separator_ &&
        !LineBreakAt(at_)) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"spreadsheet.csv.text_after_quote", {{"line", line_}}});
    }
    return field;
  }

  std::string_view text_;
  char separator_;
  const Limits& limits_;
  SlotBudget budget_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
};

// All the records of a CSV file, after the checks every CSV reader shares.
Result<std::vector<Record>> ReadRecords(std::string_view bytes, const Limits& limits) {
  ENSEMBLE_TRY_STATUS(internal::CheckFileSize(bytes.size(), limits.max_file_bytes));
  if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
  ENSEMBLE_TRY_STATUS(CheckUtf8ByLine(bytes));
  CsvParser parser(bytes, DetectSeparator(bytes), limits);
  std::vector<Record> records;
  while (auto record = ENSEMBLE_TRY(parser.Next())) records.push_back(std::move(*record));
  return records;
}

bool AllEmpty(const std::vector<std::string>& fields, std::size_t from) {
  for (std::size_t i = from; i < fields.size(); ++i) {
    if (!fields[i].empty()) return false;
  }
  return true;
}

// pyxform's csv_to_dict (pyxform/xls2json_backends.py, first_column_as_sheet_name): the first
// field of a line, when not empty, names the sheet that the line starts (or takes up again);
// the other fields of that line and of the following lines, unless all empty, are the sheet's
// rows, the first of them its header. Where pyxform is loose this is strict or plain:
//   - rows before any sheet name are refused (pyxform fails on them with a KeyError);
//   - a sheet taken up again must repeat its header: pyxform then appends the rows, and with
//     another header it would read the later rows under other columns than the earlier ones;
//   - an empty line or a line of empty fields inside a sheet stays an empty row (pyxform drops
//     it) so that rows keep their positions; one before the header is dropped as pyxform does,
//     so that a sheet's first row is its header; a line of one empty field is such a line
//     (pyxform would start a sheet named "");
//   - values keep their spaces: pyxform strips them, and so does the XLSForm reader, for XLSX
//     and CSV alike.
class PyxformLayout {
 public:
  Status Add(const Record& record) {
    const std::vector<std::string>& fields = record.fields;
    if (!fields.empty() && !fields[0].empty()) Open(fields[0]);
    const bool has_content = fields.size() > 1 && !AllEmpty(fields, 1);
    if (!has_content) {
      if (current_ && !header_pending_) Current().rows.emplace_back();
      return Ok();
    }
    if (!current_) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"spreadsheet.csv.no_sheet", {{"line", record.line}}});
    }
    std::vector<std::string> row(fields.begin() + 1, fields.end());
    TrimTrailingEmpty(row);
    if (header_pending_) return Header(std::move(row), record.line);
    Current().rows.push_back(std::move(row));
    return Ok();
  }

  Workbook Take() && {
    for (Sheet& sheet : workbook_.sheets) TrimTrailingEmpty(sheet.rows);
    return std::move(workbook_);
  }

 private:
  Sheet& Current() { return workbook_.sheets[*current_]; }

  // Names are looked up in a map: a file of a million one-field lines is a million sheets.
  void Open(const std::string& name) {
    header_pending_ = true;
    const auto [found, added] = index_.try_emplace(name, workbook_.sheets.size());
    if (added) workbook_.sheets.push_back(Sheet{name, {}});
    current_ = found->second;
  }

  Status Header(std::vector<std::string> row, std::size_t line) {
    header_pending_ = false;
    Sheet& sheet = Current();
    if (sheet.rows.empty()) {
      sheet.rows.push_back(std::move(row));
      return Ok();
    }
    if (sheet.rows.front() == row) return Ok();
    return Fail(ErrorCode::kInvalidArgument,
                Message{"spreadsheet.csv.header_changed", {{"sheet", sheet.name}, {"line", line}}});
  }

  Workbook workbook_;
  std::map<std::string, std::size_t, std::less<>> index_;  // sheet name -> position
  std::optional<std::size_t> current_;
  bool header_pending_ = false;
};

}  // namespace

Result<Sheet> ReadCsv(std::string_view bytes, std::string sheet_name, const Limits& limits) {
  std::vector<Record> records = ENSEMBLE_TRY(ReadRecords(bytes, limits));
  Sheet sheet{std::move(sheet_name), {}};
  sheet.rows.reserve(records.size());
  for (Record& record : records) {
    TrimTrailingEmpty(record.fields);
    sheet.rows.push_back(std::move(record.fields));
  }
  TrimTrailingEmpty(sheet.rows);
  return sheet;
}

Result<Workbook> ReadCsvWorkbook(std::string_view bytes, const Limits& limits) {
  const std::vector<Record> records = ENSEMBLE_TRY(ReadRecords(bytes, limits));
  PyxformLayout layout;
  for (const Record& record : records) ENSEMBLE_TRY_STATUS(layout.Add(record));
  return std::move(layout).Take();
}

}  // namespace ensemble::spreadsheet
