// A structure's answers to a questionnaire as tables for the shared writers (CSV, XLSX), laid
// out as survey tools export them: one table of the submissions, a row each, a column per
// question outside repeats; then a table per repeat, a row per repetition, naming the submission
// and the repetition it belongs to. The rows are made a submission at a time, so that an export
// of any size is written as the submissions are read (documents::XlsxStream, AppendCsvRow) and
// takes the memory of one page of them.
#pragma once

#include <string>
#include <vector>

#include "app/surveys/surveys_use_cases.h"
#include "core/language.h"
#include "documents/document.h"

namespace ensemble::app {

// What heads the question columns: the XLSForm names as a program reads them (CSV, for
// processing: "groupe/question"), or the labels as a person reads them (XLSX).
enum class AnswerHeaders { kNames, kLabels };

struct AnswersExport {
  std::string form_title;
  std::string structure_name;  // whose answers they are
  std::string created;         // ISO yyyy-mm-dd, Paris
};

// The file's properties: its title, subtitle and author, in `language`.
documents::Document AnswersProperties(const AnswersExport& what, Language language);

class AnswersTables {
 public:
  // The first table is the submissions'; a repeat's table follows for each repeat of the form,
  // in the form's order, even when no submission repeated it. Its words in `language`.
  AnswersTables(const std::vector<QuestionColumn>& questions, AnswerHeaders headers,
                Language language);

  // Each table's caption and columns (no rows). A question's column is a number for an integer
  // question and a date for a date question (a value that is none is written as text).
  const std::vector<documents::Table>& Tables() const { return tables_; }
  // The rows one submission adds to each table, by table.
  std::vector<std::vector<documents::Row>> RowsOf(const SubmissionView& view) const;

 private:
  struct TableQuestions {
    std::string repeat;  // "" for the submissions' table
    std::vector<const QuestionColumn*> questions;
  };
  std::vector<QuestionColumn> questions_;
  std::vector<documents::Table> tables_;
  std::vector<TableQuestions> columns_;
  bool english_ = false;
};

}  // namespace ensemble::app
