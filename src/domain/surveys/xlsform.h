// Reads an XLSForm (https://xlsform.org) from its sheets: survey, choices, settings. The reader
// follows the specification as pyxform, ODK's own converter, applies it, and says where each
// problem is: the sheet, the row a spreadsheet shows (1 is the header) and the column's header.
// It refuses what it cannot turn into a correct XForm and warns about what it ignores, so that a
// coordinator fixes her Excel file once rather than discovering in the field that a rule was
// lost.
//
// Checked here: the sheets and their headers; the types (select_one_from_file, or_other and
// unknown types refused); the names (XML names, unique across the form, since `${name}` must
// designate one question); the groups and repeats balanced; each `${name}` of a label, hint,
// relevant, constraint, calculation, default, choice_filter, repeat_count, trigger and
// instance_name naming a question; each choice list known, non-empty, its choice names unique;
// calculations without cycles; the settings. Expressions are kept as written: their XPath
// syntax is checked by the form engines that run them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/message.h"
#include "core/workbook.h"
#include "domain/surveys/form.h"

namespace ensemble::surveys {

struct Problem {
  std::string sheet;    // "survey", "choices", "settings"; "" for the file as a whole.
  std::size_t row = 0;  // As a spreadsheet numbers it; 0 for the sheet as a whole.
  std::string column;   // The column's header ("constraint"), "" for the row as a whole.
  Message message;
};

struct XlsFormReading {
  std::optional<Form> form;  // Absent when errors is not empty.
  std::vector<Problem> errors;
  std::vector<Problem> warnings;  // What was ignored; the form is still correct without it.
};

// Limits against forms no person writes: they bound the work of a single upload.
struct XlsFormLimits {
  std::size_t max_questions = 20'000;
  std::size_t max_choices = 200'000;
  std::size_t max_depth = 32;    // Nested groups and repeats.
  std::size_t max_errors = 200;  // Reading goes on to list this many, then stops.
};

XlsFormReading ReadXlsForm(const Workbook& workbook, const XlsFormLimits& limits = {});

// The `${name}` references of an expression or a label, in order, without duplicates; a `${`
// that is not closed by a `}` is reported as the whole rest of the text.
std::vector<std::string> ReferencesIn(std::string_view text);

}  // namespace ensemble::surveys
