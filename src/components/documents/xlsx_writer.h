// Spreadsheets (.xlsx, through libxlsxwriter) of a document's tables, one sheet per table, made
// for people who sort, filter and sum: a bold frozen header row with an autofilter, money as
// numbers in euros, percentages as real percentages, dates as real dates, columns as wide as
// their content, the totals row in bold below the filtered range, and the document's title and
// author in the file's properties. Headings, paragraphs and key-value lists are not written:
// they belong to the PDF. Each call has its own workbook: safe to call from several threads.
#pragma once

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

}  // namespace ensemble::documents
