#include "documents/xlsx_writer.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <set>

#include "core/text.h"
#include "documents/format.h"

namespace ensemble::documents {
namespace {

constexpr std::size_t kMaxSheetNameUnits = 31;
constexpr std::size_t kMaxCellChars = 32767;
// Excel's last row is 1,048,576: the header and the totals take two.
constexpr std::size_t kMaxDataRows = 1048576 - 2;

// The UTF-8 sequence length of the code point starting with `lead`.
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

// Cuts `name` to at most `units` UTF-16 code units (how Excel counts), at a code point boundary.
std::string TruncateUtf16(std::string_view name, std::size_t units) {
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t length = SequenceLength(static_cast<unsigned char>(name[i]));
    const std::size_t cost = length == 4 ? 2 : 1;
    if (used + cost > units) break;
    out.append(name.substr(i, length));
    used += cost;
    i += length;
  }
  return out;
}

// Excel refuses an apostrophe at either end of a sheet name; spaces there only look like a
// mistake (and would double before a " (2)").
std::string StripEnds(std::string name) {
  const auto strip = [](char c) { return c == '\'' || c == ' '; };
  while (!name.empty() && strip(name.back())) name.pop_back();
  std::size_t start = 0;
  while (start < name.size() && strip(name[start])) ++start;
  return name.substr(start);
}

std::string CleanSheetName(std::string_view caption) {
  std::string name;
  for (const char c : caption) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) {
      name += '-';
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      name += ' ';
    } else {
      name += c;
    }
  }
  return StripEnds(TruncateUtf16(name, kMaxSheetNameUnits));
}

struct WorkbookDeleter {
  void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookDeleter>;

// The formats of one column: its values, its values in the totals row, and a suppression
// marker (text aligned like the column's numbers) in both.
struct ColumnFormats {
  lxw_format* value = nullptr;
  lxw_format* total = nullptr;
  lxw_format* marker = nullptr;
  lxw_format* total_marker = nullptr;
  lxw_format* header = nullptr;
};

const char* NumberFormat(ColumnKind kind, Language language) {
  const bool french = language == Language::kFrench;
  switch (kind) {
    case ColumnKind::kText:
      return nullptr;
    case ColumnKind::kInteger:
      return "#,##0";
    case ColumnKind::kMoney:
      return french ? "#,##0.00\\ \"€\"" : "\"€\"#,##0.00";
    case ColumnKind::kPercent:
      return "0.00%";
    case ColumnKind::kDecimal:
      return "#,##0.00";
    case ColumnKind::kDate:
      return french ? "dd/mm/yyyy" : "d mmmm yyyy";
  }
  return nullptr;
}

ColumnFormats MakeFormats(lxw_workbook* workbook, const Column& column, Language language) {
  const bool right = AlignmentOf(column.kind) == Alignment::kRight;
  const auto make = [&](bool bold, bool with_number_format, bool top_border) {
    lxw_format* format = workbook_add_format(workbook);
    if (bold) format_set_bold(format);
    if (right) format_set_align(format, LXW_ALIGN_RIGHT);
    if (top_border) format_set_top(format, LXW_BORDER_THIN);
    if (const char* number = NumberFormat(column.kind, language); with_number_format && number) {
      format_set_num_format(format, number);
    }
    return format;
  };
  ColumnFormats formats;
  formats.value = make(false, true, false);
  formats.total = make(true, true, true);
  formats.marker = make(false, false, false);
  formats.total_marker = make(true, false, true);
  formats.header = make(true, false, false);
  format_set_bottom(formats.header, LXW_BORDER_THIN);
  return formats;
}

Status LxwStatus(lxw_error error, const std::string& field) {
  if (error == LXW_NO_ERROR) return Ok();
  if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ||
      error == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"documents.xlsx.over_limits", {{"detail", lxw_strerror(error)}}}, field);
  }
  return Internal(fmt::format("libxlsxwriter: {}.", lxw_strerror(error)), field);
}

Status WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell,
                 lxw_format* value, lxw_format* marker, const std::string& field) {
  switch (cell.kind()) {
    case Cell::Kind::kEmpty:
      return LxwStatus(worksheet_write_blank(sheet, row, col, value), field);
    case Cell::Kind::kText:
    case Cell::Kind::kSuppressed:
      if (CountCodePoints(cell.text()) > kMaxCellChars) {
        return Fail(ErrorCode::kInvalidArgument,
                    Message{"documents.xlsx.cell_too_long", {{"max", kMaxCellChars}}}, field);
      }
      return LxwStatus(worksheet_write_string(sheet, row, col, cell.text().c_str(),
                                              cell.kind() == Cell::Kind::kText ? value : marker),
                       field);
    case Cell::Kind::kInteger:
      return LxwStatus(
          worksheet_write_number(sheet, row, col, static_cast<double>(cell.number()), value),
          field);
    case Cell::Kind::kMoney:
    case Cell::Kind::kDecimal:
    case Cell::Kind::kPercent: {
      // Cents, hundredths and basis points as euros, numbers and fractions: 123456 -> 1234.56,
      // 1250 -> 0.125.
      const double divisor = cell.kind() == Cell::Kind::kPercent ? 10000.0 : 100.0;
      return LxwStatus(worksheet_write_number(sheet, row, col,
                                              static_cast<double>(cell.number()) / divisor, value),
                       field);
    }
    case Cell::Kind::kDate: {
      const Date date = ParseIsoDate(cell.text(), field).value_or(Date{});
      lxw_datetime datetime = {date.year, date.month, date.day, 0, 0, 0.0};
      return LxwStatus(worksheet_write_datetime(sheet, row, col, &datetime, value), field);
    }
  }
  return Ok();
}

// Widths in Excel's character units, from what people will read in each column.
void SetWidths(lxw_worksheet* sheet, const Table& table, Language language) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    // A bold header takes a little more room than its letters.
    std::size_t widest = CountCodePoints(table.columns[c].header) * 11 / 10 + 1;
    const auto measure = [&](const Row& row) {
      widest = std::max(widest, CountCodePoints(FormatCell(row[c], language)));
    };
    for (const Row& row : table.rows) measure(row);
    if (table.totals) measure(*table.totals);
    const double width = static_cast<double>(std::clamp<std::size_t>(widest + 2, 8, 60));
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet, col, col, width, nullptr);
  }
}

Status WriteSheet(lxw_workbook* workbook, const Table& table, const std::string& name,
                  Language language, const std::string& prefix) {
  if (table.rows.size() > kMaxDataRows) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"documents.xlsx.too_many_rows", {{"max", kMaxDataRows}}}, prefix + ".rows");
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (sheet == nullptr) {
    return Internal("libxlsxwriter refused the sheet name.", prefix + ".caption");
  }
  std::vector<ColumnFormats> formats;
  for (const Column& column : table.columns) {
    formats.push_back(MakeFormats(workbook, column, language));
  }
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    ENSEMBLE_TRY_STATUS(
        LxwStatus(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c),
                                         table.columns[c].header.c_str(), formats[c].header),
                  fmt::format("{}.columns[{}].header", prefix, c)));
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      ENSEMBLE_TRY_STATUS(WriteCell(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                    table.rows[r][c], formats[c].value, formats[c].marker,
                                    fmt::format("{}.rows[{}][{}]", prefix, r, c)));
    }
  }
  const auto last_data_row = static_cast<lxw_row_t>(table.rows.size());
  if (table.totals) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      ENSEMBLE_TRY_STATUS(WriteCell(sheet, last_data_row + 1, static_cast<lxw_col_t>(c),
                                    (*table.totals)[c], formats[c].total, formats[c].total_marker,
                                    fmt::format("{}.totals[{}]", prefix, c)));
    }
  }
  worksheet_freeze_panes(sheet, 1, 0);
  // The filter stops above the totals, so sorting never moves them among the rows.
  ENSEMBLE_TRY_STATUS(
      LxwStatus(worksheet_autofilter(sheet, 0, 0, last_data_row,
                                     static_cast<lxw_col_t>(table.columns.size() - 1)),
                prefix));
  SetWidths(sheet, table, language);
  return Ok();
}

std::time_t MidnightUtc(const Date& date) {
  using namespace std::chrono;
  const sys_days day{year{date.year} / month{static_cast<unsigned>(date.month)} / date.day};
  return static_cast<std::time_t>(duration_cast<seconds>(day.time_since_epoch()).count());
}

// The document's title, subject, author and date as the file's properties.
Status SetProperties(lxw_workbook* workbook, const Document& document) {
  // libxlsxwriter copies the strings while setting them.
  std::string title = document.title;
  std::string subject = document.subtitle;
  std::string author = document.author;
  lxw_doc_properties properties = {};
  properties.title = title.data();
  properties.subject = subject.data();
  properties.author = author.data();
  properties.company = author.data();
  // The document's own date rather than now: the same document gives the same bytes.
  properties.created = MidnightUtc(ParseIsoDate(document.created, "created").value_or(Date{}));
  return LxwStatus(workbook_set_properties(workbook, &properties), "title");
}

// Writes the file; workbook_close frees the workbook whatever it answers.
Status CloseWorkbook(lxw_workbook* workbook) {
  const lxw_error closed = workbook_close(workbook);
  if (closed == LXW_ERROR_CREATING_XLSX_FILE || closed == LXW_ERROR_CREATING_TMPFILE ||
      closed == LXW_ERROR_ZIP_FILE_OPERATION || closed == LXW_ERROR_ZIP_FILE_ADD ||
      closed == LXW_ERROR_ZIP_CLOSE) {
    return Unavailable(fmt::format("Could not write the workbook: {}.", lxw_strerror(closed)),
                       "path");
  }
  return LxwStatus(closed, "");
}

// Removes a temporary file however the function that made it returns.
class TemporaryFile {
 public:
  static Result<TemporaryFile> Create() {
    std::error_code error;
    const std::filesystem::path directory = std::filesystem::temp_directory_path(error);
    if (error) {
      return Unavailable("No temporary directory to write the workbook in.");
    }
    std::string pattern = (directory / "ensemble-xlsx-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
      return Unavailable("Could not create a temporary file for the workbook.");
    }
    close(fd);
    return TemporaryFile(std::move(pattern));
  }
  TemporaryFile(TemporaryFile&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  TemporaryFile& operator=(TemporaryFile&&) = delete;
  ~TemporaryFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    return Unavailable("Could not read the workbook back.");
  }
  return bytes;
}

}  // namespace

std::vector<std::string> XlsxSheetNames(const Document& document) {
  std::vector<std::string> names;
  std::set<std::string> taken = {FoldForSearch("History")};
  const std::vector<const Table*> tables = TablesOf(document);
  for (std::size_t t = 0; t < tables.size(); ++t) {
    std::string base = CleanSheetName(tables[t]->caption);
    if (base.empty()) {
      base =
          fmt::format("{} {}", document.language == Language::kFrench ? "Tableau" : "Table", t + 1);
    }
    std::string name = base;
    for (int k = 2; taken.contains(FoldForSearch(name)); ++k) {
      const std::string suffix = fmt::format(" ({})", k);
      name = StripEnds(TruncateUtf16(base, kMaxSheetNameUnits - suffix.size())) + suffix;
    }
    taken.insert(FoldForSearch(name));
    names.push_back(std::move(name));
  }
  return names;
}

Status WriteXlsxFile(const Document& document, const std::string& path) {
  ENSEMBLE_TRY_STATUS(ValidateDocument(document));
  const std::vector<std::string> names = XlsxSheetNames(document);
  if (names.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "documents.xlsx.no_table", "blocks");
  }
  lxw_workbook_options options = {};
  WorkbookPtr workbook(workbook_new_opt(path.c_str(), &options));
  if (!workbook) return Internal("libxlsxwriter could not start a workbook.");

  std::size_t table_index = 0;
  for (std::size_t b = 0; b < document.blocks.size(); ++b) {
    const auto* table = std::get_if<Table>(&document.blocks[b]);
    if (table == nullptr) continue;
    ENSEMBLE_TRY_STATUS(WriteSheet(workbook.get(), *table, names[table_index++], document.language,
                                   fmt::format("blocks[{}]", b)));
  }

  ENSEMBLE_TRY_STATUS(SetProperties(workbook.get(), document));
  return CloseWorkbook(workbook.release());
}

Result<std::string> WriteXlsx(const Document& document) {
  ENSEMBLE_TRY(ValidateDocument(document));
  TemporaryFile file = ENSEMBLE_TRY(TemporaryFile::Create());
  ENSEMBLE_TRY_STATUS(WriteXlsxFile(document, file.path()));
  return ReadWholeFile(file.path());
}

struct XlsxStream::Sheet {
  lxw_worksheet* sheet = nullptr;
  std::vector<ColumnFormats> formats;
  lxw_row_t rows = 0;  // written below the header
  std::size_t columns = 0;
};

struct XlsxStream::Impl {
  std::optional<TemporaryFile> file;  // OpenInMemory's
  WorkbookPtr workbook;
  Document properties;
  std::vector<Sheet> sheets;
  std::set<std::string> taken = {FoldForSearch("History")};
};

XlsxStream::XlsxStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxStream::XlsxStream(XlsxStream&&) noexcept = default;
XlsxStream::~XlsxStream() {
  if (impl_ && impl_->workbook) (void)Close();
}

Result<XlsxStream> XlsxStream::Open(const std::string& path, Document properties) {
  lxw_workbook_options options = {};
  // One row per sheet in memory; the rest goes to temporary files as it is written.
  options.constant_memory = LXW_TRUE;
  auto impl = std::make_unique<Impl>();
  impl->workbook.reset(workbook_new_opt(path.c_str(), &options));
  if (!impl->workbook) return Internal("libxlsxwriter could not start a workbook.");
  impl->properties = std::move(properties);
  return XlsxStream(std::move(impl));
}

Result<XlsxStream> XlsxStream::OpenInMemory(Document properties) {
  TemporaryFile file = ENSEMBLE_TRY(TemporaryFile::Create());
  XlsxStream stream = ENSEMBLE_TRY(Open(file.path(), std::move(properties)));
  stream.impl_->file.emplace(std::move(file));
  return stream;
}

Result<std::string> XlsxStream::CloseToBytes() {
  if (!impl_->file) return Internal("a stream opened on a path of its caller's");
  ENSEMBLE_TRY_STATUS(Close());
  return ReadWholeFile(impl_->file->path());
}

Result<std::size_t> XlsxStream::AddSheet(const std::string& caption,
                                         const std::vector<Column>& columns) {
  if (columns.empty()) return Fail(ErrorCode::kInvalidArgument, "documents.no_column", "columns");
  std::string name = CleanSheetName(caption);
  if (name.empty()) name = fmt::format("Table {}", impl_->sheets.size() + 1);
  const std::string base = name;
  for (int k = 2; impl_->taken.contains(FoldForSearch(name)); ++k) {
    const std::string suffix = fmt::format(" ({})", k);
    name = StripEnds(TruncateUtf16(base, kMaxSheetNameUnits - suffix.size())) + suffix;
  }
  impl_->taken.insert(FoldForSearch(name));
  Sheet sheet;
  sheet.sheet = workbook_add_worksheet(impl_->workbook.get(), name.c_str());
  if (sheet.sheet == nullptr) return Internal("libxlsxwriter refused the sheet name.", "caption");
  sheet.columns = columns.size();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    sheet.formats.push_back(
        MakeFormats(impl_->workbook.get(), columns[c], impl_->properties.language));
    // The rows are not known yet: the header says how wide, within bounds.
    const std::size_t widest = CountCodePoints(columns[c].header) * 11 / 10 + 1;
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet.sheet, col, col,
                         static_cast<double>(std::clamp<std::size_t>(widest + 2, 12, 60)), nullptr);
    ENSEMBLE_TRY_STATUS(
        LxwStatus(worksheet_write_string(sheet.sheet, 0, col, columns[c].header.c_str(),
                                         sheet.formats[c].header),
                  fmt::format("columns[{}].header", c)));
  }
  worksheet_freeze_panes(sheet.sheet, 1, 0);
  impl_->sheets.push_back(std::move(sheet));
  return impl_->sheets.size() - 1;
}

Status XlsxStream::AddRow(std::size_t index, const Row& row) {
  Sheet& sheet = impl_->sheets.at(index);
  if (row.size() != sheet.columns) return Internal("a row as wide as its sheet", "row");
  if (sheet.rows >= kMaxDataRows) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"documents.xlsx.too_many_rows", {{"max", kMaxDataRows}}}, "rows");
  }
  ++sheet.rows;
  for (std::size_t c = 0; c < row.size(); ++c) {
    ENSEMBLE_TRY_STATUS(WriteCell(sheet.sheet, sheet.rows, static_cast<lxw_col_t>(c), row[c],
                                  sheet.formats[c].value, sheet.formats[c].marker,
                                  fmt::format("rows[{}][{}]", sheet.rows - 1, c)));
  }
  return Ok();
}

Status XlsxStream::Close() {
  if (!impl_->workbook) return Ok();
  for (const Sheet& sheet : impl_->sheets) {
    ENSEMBLE_TRY_STATUS(LxwStatus(worksheet_autofilter(sheet.sheet, 0, 0, sheet.rows,
                                                       static_cast<lxw_col_t>(sheet.columns - 1)),
                                  "rows"));
  }
  ENSEMBLE_TRY_STATUS(SetProperties(impl_->workbook.get(), impl_->properties));
  return CloseWorkbook(impl_->workbook.release());
}

}  // namespace ensemble::documents
