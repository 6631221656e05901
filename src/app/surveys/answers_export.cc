#include "app/surveys/answers_export.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "core/paris_time.h"
#include "i18n/i18n.h"

namespace ensemble::app {
namespace {

using documents::Cell;
using documents::Column;
using documents::ColumnKind;
using documents::Row;
using documents::Table;

// The export's own words, from the surveys catalogue (surveys.export.*) in the reader's language.
struct Labels {
  explicit Labels(ensemble::Language language) : language_(language) {}
  std::string operator()(std::string_view key) const {
    return i18n::Render(Message{"surveys.export." + std::string(key)}, language_);
  }
  std::string Subtitle(const std::string& structure) const {
    return i18n::Render(Message{"surveys.export.subtitle", {{"structure", structure}}}, language_);
  }
  bool english() const { return language_ == ensemble::Language::kEnglish; }

 private:
  ensemble::Language language_;
};

// The path without its root element: "/data/groupe/age" -> "groupe/age".
std::string_view WithoutRoot(std::string_view path) {
  const std::size_t second = path.find('/', 1);
  return second == std::string_view::npos ? path : path.substr(second + 1);
}

// The first `segments` steps of an answer's path, indexes kept: the repetition it is in.
std::string_view Prefix(std::string_view path, std::size_t segments) {
  std::size_t end = 0;
  for (std::size_t i = 0; i < segments && end != std::string_view::npos; ++i) {
    end = path.find('/', end + 1);
  }
  return end == std::string_view::npos ? path : path.substr(0, end);
}

std::size_t SegmentsOf(std::string_view path) {
  std::size_t count = 0;
  for (const char c : path) count += c == '/' ? 1 : 0;
  return count;
}

bool IsInteger(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

bool IsDate(std::string_view text) { return documents::ParseIsoDate(text, "value").has_value(); }

// A question's column: a number or a date when every value it holds is one, else text.
ColumnKind KindOf(const QuestionColumn& question, const std::vector<const std::string*>& values) {
  bool (*fits)(std::string_view) = nullptr;
  ColumnKind kind = ColumnKind::kText;
  if (question.type == "integer") {
    fits = IsInteger;
    kind = ColumnKind::kInteger;
  } else if (question.type == "date") {
    fits = IsDate;
    kind = ColumnKind::kDate;
  }
  if (fits == nullptr) return ColumnKind::kText;
  for (const std::string* value : values) {
    if (value != nullptr && !value->empty() && !fits(*value)) return ColumnKind::kText;
  }
  return kind;
}

Cell CellOf(ColumnKind kind, const std::string* value) {
  if (value == nullptr || value->empty()) return Cell::Empty();
  switch (kind) {
    case ColumnKind::kInteger: {
      std::int64_t number = 0;
      std::from_chars(value->data(), value->data() + value->size(), number);
      return Cell::Integer(number);
    }
    case ColumnKind::kDate:
      return Cell::Date(*value);
    default:
      return Cell::Text(*value);
  }
}

// One row of a table before its question cells are typed: the leading cells, and each
// question's value by its path (null when unanswered).
struct PendingRow {
  Row leading;
  std::map<std::string_view, const std::string*> values;
};

// Adds the question columns to a table whose leading columns are set, typing each column by all
// its values.
void FillQuestions(Table& table, const std::vector<const QuestionColumn*>& questions,
                   std::vector<PendingRow>& pending, AnswerHeaders headers) {
  std::vector<ColumnKind> kinds;
  for (const QuestionColumn* question : questions) {
    std::vector<const std::string*> values;
    for (const PendingRow& row : pending) {
      const auto found = row.values.find(question->path);
      values.push_back(found == row.values.end() ? nullptr : found->second);
    }
    kinds.push_back(KindOf(*question, values));
    table.columns.push_back({headers == AnswerHeaders::kNames
                                 ? std::string(WithoutRoot(question->path))
                                 : question->label,
                             kinds.back()});
  }
  for (PendingRow& row : pending) {
    Row cells = std::move(row.leading);
    for (std::size_t i = 0; i < questions.size(); ++i) {
      const auto found = row.values.find(questions[i]->path);
      cells.push_back(CellOf(kinds[i], found == row.values.end() ? nullptr : found->second));
    }
    table.rows.push_back(std::move(cells));
  }
}

Table SubmissionsTable(const SubmissionList& list, AnswerHeaders headers, const Labels& label) {
  Table table;
  table.caption = label("answers");
  table.columns = {{label("number"), ColumnKind::kInteger},
                   {label("instance"), ColumnKind::kText},
                   {label("received"), ColumnKind::kText},
                   {label("collected_by"), ColumnKind::kText},
                   {label("version"), ColumnKind::kText}};
  std::vector<const QuestionColumn*> questions;
  for (const QuestionColumn& question : list.questions) {
    if (question.repeat_path.empty()) questions.push_back(&question);
  }
  std::vector<PendingRow> pending;
  for (const SubmissionView& view : list.items) {
    PendingRow row;
    row.leading = {
        Cell::Integer(view.submission.id), Cell::Text(view.submission.instance_id),
        Cell::Text(FormatParisTime(view.submission.submitted_at, label.english())),
        view.submitted_by_name.empty() ? Cell::Empty() : Cell::Text(view.submitted_by_name),
        Cell::Text(view.version)};
    for (const AnswerValue& answer : view.answers) {
      if (answer.question_path == answer.path) row.values[answer.question_path] = &answer.value;
    }
    pending.push_back(std::move(row));
  }
  FillQuestions(table, questions, pending, headers);
  return table;
}

// The repeat's table: a row per repetition of each submission, in the submissions' order.
Table RepeatTable(const SubmissionList& list, const std::string& repeat, AnswerHeaders headers,
                  const Labels& label) {
  Table table;
  table.caption = std::string(repeat.substr(repeat.rfind('/') + 1));
  table.columns = {{label("number"), ColumnKind::kInteger},
                   {label("instance"), ColumnKind::kText},
                   {label("repetition"), ColumnKind::kText}};
  std::vector<const QuestionColumn*> questions;
  std::set<std::string_view> paths;
  for (const QuestionColumn& question : list.questions) {
    if (question.repeat_path != repeat) continue;
    questions.push_back(&question);
    paths.insert(question.path);
  }
  const std::size_t depth = SegmentsOf(repeat);
  std::vector<PendingRow> pending;
  for (const SubmissionView& view : list.items) {
    std::map<std::string_view, std::size_t> row_of;  // repetition -> its row in `pending`
    for (const AnswerValue& answer : view.answers) {
      if (!paths.contains(answer.question_path)) continue;
      const std::string_view repetition = Prefix(answer.path, depth);
      auto [found, added] = row_of.try_emplace(repetition, pending.size());
      if (added) {
        PendingRow row;
        row.leading = {Cell::Integer(view.submission.id), Cell::Text(view.submission.instance_id),
                       Cell::Text(std::string(WithoutRoot(repetition)))};
        pending.push_back(std::move(row));
      }
      pending[found->second].values[answer.question_path] = &answer.value;
    }
  }
  FillQuestions(table, questions, pending, headers);
  return table;
}

}  // namespace

documents::Document AnswersDocument(const AnswersExport& what, AnswerHeaders headers,
                                    Language language) {
  const Labels label(language);
  documents::Document document;
  document.title = what.form_title;
  document.subtitle = label.Subtitle(what.structure_name);
  document.author = what.structure_name;
  document.created = what.created;
  document.language =
      label.english() ? documents::Language::kEnglish : documents::Language::kFrench;
  document.blocks.emplace_back(SubmissionsTable(*what.answers, headers, label));
  std::vector<std::string> repeats;
  for (const QuestionColumn& question : what.answers->questions) {
    if (!question.repeat_path.empty() &&
        std::find(repeats.begin(), repeats.end(), question.repeat_path) == repeats.end()) {
      repeats.push_back(question.repeat_path);
    }
  }
  for (const std::string& repeat : repeats) {
    document.blocks.emplace_back(RepeatTable(*what.answers, repeat, headers, label));
  }
  return document;
}

}  // namespace ensemble::app
