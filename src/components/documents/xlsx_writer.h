// Spreadsheets (.xlsx, through libxlsxwriter) of a document's tables, one sheet per table, made
// for people who sort, filter and sum: a bold frozen header row with an autofilter, money as
// numbers in euros, percentages as real percentages, dates as real dates, columns as wide as
// their content, the totals row in bold below the filtered range, and the document's title and
// author in the file's properties. Headings, paragraphs and key-value lists are not written:
// they belong to the PDF. Each call has its own workbook: safe to call from several threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "documents/document.h"

namespace ensemble::documents {

// The workbook's bytes. libxlsxwriter only writes files, so this goes through a temporary file
// that it removes. kInvalidArgument when the document breaks ValidateDocument, has no table, or
// a value passes Excel's limits (32,767 characters in a cell, 1,048,576 rows), naming the field;
// kUnavailable when the temporary file cannot be written or read.
Result<std::string> WriteXlsx(const Document& document);

// The same into `path` (kUnavailable naming field "path" when it cannot be written).
Status WriteXlsxFile(const Document& document, const std::string& path);

// The sheet names WriteXlsx gives the tables, in order: each caption made a legal Excel name (at
// most 31 characters, none of []:*?/\, no apostrophe at either end, not "History"), a default
// "Tableau 2" / "Table 2" when it is empty, and " (2)", " (3)"… when two would collide (Excel
// compares names without case; here without accents either, to be safe).
std::vector<std::string> XlsxSheetNames(const Document& document);

// A workbook too big to hold as a Document (a structure's answers to a questionnaire), written
// row by row at constant memory: libxlsxwriter's constant_memory mode keeps one row per sheet in
// memory and the rest in temporary files. The look is WriteXlsx's (a bold frozen header with its
// autofilter, each column's kind), but the widths come from the headers (the rows are not known
// when they are set) and there is no totals row. Add the sheets, then each sheet's rows in
// order (sheets may take turns); the file is complete once Close succeeds. Not thread-safe.
class XlsxStream {
 public:
  // The document gives the file's properties and the language of its formats; its blocks are
  // not written.
  static Result<XlsxStream> Open(const std::string& path, Document properties);
  // The same into a temporary file of its own, whose bytes CloseToBytes answers (and removes).
  static Result<XlsxStream> OpenInMemory(Document properties);
  XlsxStream(XlsxStream&&) noexcept;
  XlsxStream& operator=(XlsxStream&&) = delete;
  ~XlsxStream();

  // The sheet's index for AddRow. Its name is the caption made legal, as XlsxSheetNames does.
  Result<std::size_t> AddSheet(const std::string& caption, const std::vector<Column>& columns);
  // A row as wide as its sheet; any cell kind (a text in a number column stays text).
  // kInvalidArgument past Excel's limits.
  Status AddRow(std::size_t sheet, const Row& row);
  Status Close();
  Result<std::string> CloseToBytes();

 private:
  struct Sheet;
  struct Impl;
  explicit XlsxStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ensemble::documents
