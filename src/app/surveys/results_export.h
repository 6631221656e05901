// A questionnaire's published results as a document for the shared writers (CSV, XLSX), and the
// words every reader of them sees (the API, the files): nothing here but the published cells,
// each suppressed one as its marker (« < 5 », « s »).
//   - XLSX, for people: for each choice question its table by structure and its table by
//     commune, for each number question its table by structure (answers, mean, median), a sheet
//     each, with the totals, then a sheet of the rule applied.
//   - CSV, for programs: one long table, a line per published or suppressed cell: question,
//     breakdown (structure or commune), row, choice (its XLSForm name, empty for the unanswered;
//     for a number "answers", "mean" or "median"), the count, the number or the marker.
#pragma once

#include <string>

#include "app/surveys/results.h"
#include "app/surveys/surveys_use_cases.h"
#include "core/language.h"
#include "documents/document.h"

namespace ensemble::app {

// A row's label: the structure's name, or the pooled row's words.
std::string RowLabel(const ResultRow& row, const disclosure::Options& options, Language language);
// A territory's label: the commune's name, or the words for structures without one and for the
// pooled row.
std::string TerritoryLabel(const ResultTerritory& territory, Language language);
// What a page prints for a number's row: its answers, "< k" or "s" (disclosure::Label).
std::string StatisticLabel(const NumberStatistic& statistic, const disclosure::Options& options);
// A column's label: the choice's, or the unanswered's words.
std::string ColumnLabel(const ResultColumn& column, Language language);
// The rule applied, to print under each table; and under the numbers' tables, theirs.
std::string RuleText(const disclosure::Options& options, Language language);
std::string NumberRuleText(const disclosure::Options& options, Language language);
std::string WordRuleText(const disclosure::Options& options, Language language);

// `created` is the ISO date of the export (Paris).
documents::Document ResultsDocument(const FormResults& results, const std::string& created,
                                    Language language);
documents::Table ResultsLongTable(const FormResults& results, Language language);

// The printable report (PDF): the questions named in `chosen` (choice and number questions, in
// that order; every one when empty), each its chart and its tables, then the rules. Fails with
// kInvalidArgument on field "questions" when a name is not a question of the results, or is
// named twice.
Result<documents::Document> ReportDocument(const FormResults& results,
                                           const std::vector<std::string>& chosen,
                                           const std::string& created, Language language);

// The cross table of two questions: XLSX, the table with its totals then the rule; CSV, a line
// per cell: the rows question's choice, the columns question's choice (XLSForm names, empty for
// the unanswered), the count or the marker.
documents::Document CrossDocument(const FormCrossResult& cross, const std::string& created,
                                  Language language);
documents::Table CrossLongTable(const FormCrossResult& cross, Language language);

}  // namespace ensemble::app
