// A questionnaire's results across the structures that collect it, made of each structure's
// counts (domain/surveys/counts.h) and published under disclosure control (components/
// disclosure): a table per counted question, a row per structure with enough answers, a column
// per choice and one for the unanswered (when some did not answer), and with it the same
// question by territory: a row per territory, each the sum of its structures' rows.
//
// What a reader may learn, and how it is kept:
//   - A structure with fewer answers than the threshold has no row of its own: such structures
//     are pooled in one row when together they reach it, else left out. Every row's total (its
//     answers) then passes the threshold and is published as it is, the same in every question's
//     table, so that the tables of one questionnaire cannot be played against each other
//     through their margins (disclosure::Table::margins_published).
//   - Within a table, cells below the threshold are suppressed, with enough others that none
//     can be recomputed from the published cells and totals, nor narrowed to less than 0 to its
//     value plus the threshold.
//   - The table by territory is protected with the table by structure, as one (disclosure::
//     Table::row_groups): a territory's cell minus its published structures' cells would
//     otherwise give a suppressed one away. The pooled row is its own territory: spreading it over
//     the territories of its structures would publish counts of structures below the threshold.
//   - Results are published once the collection is closed (the use case refuses before): counts
//     that moved with each new answer would give that answer away to whoever looked before and
//     after.
//   - The cross table of two questions is made of each structure's pair counts and protected
//     with the two questions' tables by structure and by territory (disclosure::ProtectCross):
//     its margins are their column totals, and no suppressed count of theirs is narrowed by it.
// Pure functions.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "disclosure/cross_table.h"
#include "disclosure/disclosure.h"
#include "domain/surveys/counts.h"
#include "domain/surveys/types.h"

namespace ensemble::app {

// One structure's counts as its sharing level lets them out.
struct StructureCounts {
  tenancy::StructureId structure = 0;
  std::string name;
  std::vector<surveys::AnswerCount> counts;
  std::vector<surveys::NumberCount> numbers;
  // Its territory (the commune's INSEE code: empty when unknown) and the territory's name.
  std::string territory;
  std::string territory_name;
};

inline constexpr std::string_view kPooledRow = "others";

// A row of the results: one structure, or the pooled ones (key kPooledRow, label empty).
struct ResultRow {
  std::string key;
  std::string label;
  std::vector<tenancy::StructureId> structures;
  std::int64_t answers = 0;
  std::size_t territory = 0;  // index into Results::territories
};

// A territory of the results: the structures' commune (key its code, "" when unknown), or the
// pooled row's (key kPooledRow).
struct ResultTerritory {
  std::string key;
  std::string label;
  std::int64_t answers = 0;
};

// A column: a choice by its name and label; key "" is the unanswered.
struct ResultColumn {
  std::string key;
  std::string label;
};

struct QuestionResult {
  surveys::CountedQuestion question;
  // Its choices, any other value counted, and the unanswered when some did not answer (a
  // single choice's; a multiple choice has no such column: who gave no choice is not counted).
  std::vector<ResultColumn> columns;
  // By structure (cells, totals) and by territory (group_cells, group_totals), protected as one.
  // A multiple choice's cells do not add up to the row totals (an answer counts in each choice
  // it gives) nor its column totals to the grand total: each choice is then protected as its
  // own table, of who gave it and who did not, under the same published row totals, and this
  // table is made of their "gave it" columns.
  disclosure::ProtectedTable table;
};

// A number question's results: by row, how many answered it, the sum of their answers, their
// mean and median; and for all rows. The sums are protected as a table of one column, with the
// dominance rule: a row (or the total) whose count is below the threshold, or whose sum one or
// two answers dominate, has neither mean nor median, nor has a row whose sum is suppressed to
// protect another (a published mean and count give the sum). A median is published with its
// row's mean.
struct NumberStatistic {
  std::optional<std::int64_t> answers;  // empty when suppressed
  std::optional<double> sum, mean, median;
  disclosure::Reason reason = disclosure::Reason::kPublished;
};

struct NumberResult {
  surveys::CountedQuestion question;
  std::vector<NumberStatistic> rows;  // as Results::rows
  NumberStatistic total;
};

// A free-text question's words across the rows: the words (folded and lightly stemmed:
// components/search's Tokens, numbers and words of fewer than three letters left out) that at
// least `threshold` answers used, most used first, at most kMostWords. Each count is of
// answers, not of uses; a word fewer answers used is not shown at all, nor counted anywhere, so
// that no rare word (a name, an address) ever leaves its structure. The answers themselves
// stay with each structure (its answers' list).
inline constexpr std::size_t kMostWords = 50;
struct WordCount {
  std::string word;
  std::int64_t answers = 0;
};
struct TextResult {
  surveys::CountedQuestion question;
  std::vector<WordCount> words;
};

// Adds to what one answer counts the words of its texts, each once per question, as choices of
// that question (stored with the counts, per structure).
void CountWords(surveys::AnswerTally& tally);

struct Results {
  std::vector<ResultRow> rows;                 // empty when no structure has enough answers
  std::vector<ResultTerritory> territories;    // of the rows, by key
  std::vector<tenancy::StructureId> pooled;    // in the pooled row
  std::vector<tenancy::StructureId> left_out;  // too few answers, even pooled
  std::vector<QuestionResult> questions;       // choices; empty when there is no row
  std::vector<NumberResult> numbers;           // numbers; empty when there is no row
  std::vector<TextResult> texts;               // free texts' words; empty when there is no row
  disclosure::Options options;
};

// The results of `counted` (in the order given) for the questions. Fails only when the
// disclosure component refuses a table (kInvalidArgument: a bug here).
Result<Results> ComputeResults(std::span<const surveys::CountedQuestion> questions,
                               std::span<const StructureCounts> counted,
                               const disclosure::Options& options);

// The cross table of two counted questions over the same rows as ComputeResults' (the rows
// question's columns down, the columns question's across).
struct CrossResult {
  QuestionResult rows_question;     // with its table by structure and territory
  QuestionResult columns_question;  // the same
  disclosure::ProtectedCross table;
  bool empty = false;  // no structure had enough answers: no row, no table
  disclosure::Options options;
};

// `pairs[i]` holds counted[i]'s pair counts of the two questions, in either order. Fails as
// ComputeResults does, or when the pair counts do not fit the counts (kInternal).
Result<CrossResult> ComputeCrossResult(const surveys::CountedQuestion& rows_question,
                                       const surveys::CountedQuestion& columns_question,
                                       std::span<const StructureCounts> counted,
                                       std::span<const std::vector<surveys::PairCount>> pairs,
                                       const disclosure::Options& options);

}  // namespace ensemble::app
