// A structure's answers to a questionnaire as a document for the shared writers (CSV, XLSX), laid
// out as survey tools export them: one table of the submissions, a row each, a column per
// question outside repeats; then a table per repeat, a row per repetition, naming the submission
// and the repetition it belongs to. Pure functions.
#pragma once

#include <string>

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
  const SubmissionList* answers = nullptr;
};

// The first table is the submissions'; a repeat's table follows for each repeat of the form, in
// the form's order, even when no submission repeated it.
// Its words in `language`, from the catalogue.
documents::Document AnswersDocument(const AnswersExport& what, AnswerHeaders headers,
                                    Language language);

}  // namespace ensemble::app
