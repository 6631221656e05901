// A questionnaire's version written back as an XLSForm, for its authors to edit in Excel (.xlsx)
// or in Ensemble's editor (pyxform's one-file CSV). What is written is the uploaded file's own
// cells, sheet by sheet, so that nothing a reader of ours leaves aside is lost; only the
// settings' form_id and version are set to the ones the server serves, so that a file edited and
// uploaded again names the form its answers were collected with. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/workbook.h"

namespace ensemble::app {

// The workbook with its settings sheet holding `form_id` and `version` (the sheet, and those
// columns, added when missing).
Workbook StampedXlsForm(Workbook workbook, std::string_view form_id, std::string_view version);

// The workbook as an .xlsx: a sheet each, every cell a text cell (an expression stays an
// expression, never a spreadsheet formula), with the title and the ISO date `created` in its
// properties. kInvalidArgument when a cell passes Excel's limits.
Result<std::string> XlsFormXlsx(const Workbook& workbook, std::string title, std::string created);

// The workbook as pyxform's one-file CSV (what spreadsheet::ReadCsvWorkbook reads): a line
// naming each sheet followed by its header, then its rows after an empty first field. RFC 4180
// quoting, and no defusing of '=', '+', '-', '@': these are the form's expressions and labels,
// which must read back as written.
std::string XlsFormCsv(const Workbook& workbook);

}  // namespace ensemble::app
