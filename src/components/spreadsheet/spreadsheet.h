// Reads the spreadsheets people upload (XLSX, CSV, and the one-file CSV form of an XLSForm) into
// core's Workbook: sheets of rows of cell texts, so that the domain never touches a file format.
// Every reader is a pure function of the bytes: no files, no globals, safe to call from any
// thread. Whatever the bytes, a reader either returns a workbook within the Limits, every cell
// valid UTF-8, or refuses with a message id of messages/spreadsheet/ that tells the person what
// is wrong with the file (an old .xls, a password, a damaged or oversized file, which part).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/workbook.h"

namespace ensemble::spreadsheet {

// How much a reader takes from one upload. The defaults fit any real XLSForm or member list many
// times over while keeping one hostile upload's memory and time bounded.
struct Limits {
  // The upload itself: what an HTTP body may carry for a spreadsheet.
  std::size_t max_file_bytes = std::size_t{16} << 20;
  // The sum of the uncompressed sizes of the zip entries read (workbook, relationships, shared
  // strings, sheets). Deflate packs 1,000 to 1 at best, so a 16 MiB upload could otherwise
  // unpack to 16 GiB: this is the zip-bomb guard, counted on the bytes actually inflated.
  std::size_t max_uncompressed_bytes = std::size_t{64} << 20;
  // The entries of the zip's central directory: libzip builds a record for each when it opens
  // the archive, before anything is read.
  std::size_t max_entries = 10'000;
  // The workbook's size in slots: one per row up to the last non-empty one, one per cell up to
  // the last non-empty one of its row, empty ones between included. A lone cell at XFD1048576
  // is counted as the grid it makes people (and memory) hold, not as one cell.
  std::size_t max_cells = 2'000'000;
  // One cell's text in bytes of UTF-8. Excel holds 32,767 characters a cell; a label or a
  // constraint of a form is far shorter.
  std::size_t max_cell_bytes = std::size_t{32} << 10;
};

// What the bytes look like, from their first bytes (and, for the OLE compound files of old
// Office, their directory): enough to answer a person who uploaded the wrong kind of file.
enum class Format {
  kXlsx,             // A zip archive: an XLSX if it holds xl/workbook.xml (ReadXlsx tells).
  kCsv,              // Text: valid UTF-8 (an optional BOM), no NUL, not starting with '<'.
  kXls,              // An OLE compound file with a "Workbook" or "Book" stream: Excel 97-2003.
  kEncryptedOffice,  // An OLE compound file with "EncryptionInfo"/"EncryptedPackage": an XLSX
                     // (or any OOXML file) protected by a password to open.
  kUnknown,          // Anything else: an image, a PDF, HTML, UTF-16 text, another OLE file.
};

Format Sniff(std::string_view bytes);

// An XLSX (Office Open XML spreadsheet) from memory: the sheets of xl/workbook.xml in its
// order, each cell at its row and column. A cell's text is its shared or inline string (rich
// text runs joined), a formula's cached text result, TRUE/FALSE for a boolean, an error as
// Excel writes it ("#N/A"), an ISO date as written, and a number as its shortest decimal
// writing ("3", "1.5", "1e-10"). A date that Excel stores as a serial number under a date
// style stays that number ("46023"): the reader does not read styles, and only the domain
// knows whether a column is a date.
Result<Workbook> ReadXlsx(std::string_view bytes, const Limits& limits = {});

// One CSV sheet (RFC 4180): fields separated by commas, or by semicolons when the first line has
// a semicolon and no comma (what French Excel writes as « CSV (séparateur : point-virgule) »);
// quoted fields may hold separators, doubled quotes and line breaks; lines end with CRLF, LF or
// CR, and a line break inside a quoted field is kept as "\n". UTF-8, with an optional BOM;
// invalid UTF-8 is refused with its line. A quote inside an unquoted field is kept as text.
Result<Sheet> ReadCsv(std::string_view bytes, std::string sheet_name, const Limits& limits = {});

// An XLSForm written as one CSV file, the way pyxform reads it: a line whose first field is not
// empty starts the sheet of that name, the rest of that line and the next lines' fields after
// the first are that sheet's rows, beginning with its header. See csv.cc for the details.
Result<Workbook> ReadCsvWorkbook(std::string_view bytes, const Limits& limits = {});

}  // namespace ensemble::spreadsheet
