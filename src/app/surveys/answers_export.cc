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

// A question's column: a number for an integer question, a date for a date question, else text.
ColumnKind KindOf(const QuestionColumn& question) {
  if (question.type == "integer") return ColumnKind::kInteger;
  if (question.type == "date") return ColumnKind::kDate;
  return ColumnKind::kText;
}

// The value as its column's kind; as text when it is not one (the server checks the types of
// what it stores, so only an answer of an older version can be).
Cell CellOf(ColumnKind kind, const std::string* value) {
  if (value == nullptr || value->empty()) return Cell::Empty();
  if (kind == ColumnKind::kInteger && IsInteger(*value)) {
    std::int64_t number = 0;
    std::from_chars(value->data(), value->data() + value->size(), number);
    return Cell::Integer(number);
  }
  if (kind == ColumnKind::kDate && IsDate(*value)) return Cell::Date(*value);
  return Cell::Text(*value);
}

std::string HeaderOf(const QuestionColumn& question, AnswerHeaders headers) {
  return headers == AnswerHeaders::kNames ? std::string(WithoutRoot(question.path))
                                          : question.label;
}

}  // namespace

documents::Document AnswersProperties(const AnswersExport& what, Language language) {
  const Labels label(language);
  documents::Document document;
  document.title = what.form_title;
  document.subtitle = label.Subtitle(what.structure_name);
  document.author = what.structure_name;
  document.created = what.created;
  document.language =
      label.english() ? documents::Language::kEnglish : documents::Language::kFrench;
  return document;
}

AnswersTables::AnswersTables(const std::vector<QuestionColumn>& questions, AnswerHeaders headers,
                             Language language)
    : questions_(questions), english_(language == Language::kEnglish) {
  const Labels label(language);
  Table submissions;
  submissions.caption = label("answers");
  submissions.columns = {{label("number"), ColumnKind::kInteger},
                         {label("instance"), ColumnKind::kText},
                         {label("received"), ColumnKind::kText},
                         {label("collected_by"), ColumnKind::kText},
                         {label("version"), ColumnKind::kText}};
  tables_.push_back(std::move(submissions));
  columns_.push_back({"", {}});
  for (const QuestionColumn& question : questions_) {
    std::size_t table = 0;
    if (!question.repeat_path.empty()) {
      while (table < columns_.size() && columns_[table].repeat != question.repeat_path) ++table;
      if (table == columns_.size()) {
        Table repeat;
        repeat.caption = question.repeat_path.substr(question.repeat_path.rfind('/') + 1);
        repeat.columns = {{label("number"), ColumnKind::kInteger},
                          {label("instance"), ColumnKind::kText},
                          {label("repetition"), ColumnKind::kText}};
        tables_.push_back(std::move(repeat));
        columns_.push_back({question.repeat_path, {}});
      }
    }
    columns_[table].questions.push_back(&question);
    tables_[table].columns.push_back({HeaderOf(question, headers), KindOf(question)});
  }
}

std::vector<std::vector<Row>> AnswersTables::RowsOf(const SubmissionView& view) const {
  std::vector<std::vector<Row>> rows(tables_.size());
  // Each question's value by path, for the submission's row; by repetition, for the repeats'.
  std::map<std::string_view, const std::string*> values;
  for (const AnswerValue& answer : view.answers) {
    if (answer.question_path == answer.path) values[answer.question_path] = &answer.value;
  }
  Row submission = {
      Cell::Integer(view.submission.id), Cell::Text(view.submission.instance_id),
      Cell::Text(FormatParisTime(view.submission.submitted_at, english_)),
      view.submitted_by_name.empty() ? Cell::Empty() : Cell::Text(view.submitted_by_name),
      Cell::Text(view.version)};
  for (const QuestionColumn* question : columns_[0].questions) {
    const auto found = values.find(question->path);
    submission.push_back(
        CellOf(KindOf(*question), found == values.end() ? nullptr : found->second));
  }
  rows[0].push_back(std::move(submission));

  for (std::size_t t = 1; t < tables_.size(); ++t) {
    const std::size_t depth = SegmentsOf(columns_[t].repeat);
    std::set<std::string_view> paths;
    for (const QuestionColumn* question : columns_[t].questions) paths.insert(question->path);
    // The repetitions in the order the answers give them, each with its values.
    std::vector<std::pair<std::string_view, std::map<std::string_view, const std::string*>>>
        repetitions;
    for (const AnswerValue& answer : view.answers) {
      if (!paths.contains(answer.question_path)) continue;
      const std::string_view repetition = Prefix(answer.path, depth);
      if (repetitions.empty() || repetitions.back().first != repetition) {
        const auto known = std::find_if(repetitions.begin(), repetitions.end(),
                                        [&](const auto& r) { return r.first == repetition; });
        if (known == repetitions.end()) repetitions.push_back({repetition, {}});
      }
      for (auto& [name, by_path] : repetitions) {
        if (name == repetition) by_path[answer.question_path] = &answer.value;
      }
    }
    for (const auto& [repetition, by_path] : repetitions) {
      Row row = {Cell::Integer(view.submission.id), Cell::Text(view.submission.instance_id),
                 Cell::Text(std::string(WithoutRoot(repetition)))};
      for (const QuestionColumn* question : columns_[t].questions) {
        const auto found = by_path.find(question->path);
        row.push_back(CellOf(KindOf(*question), found == by_path.end() ? nullptr : found->second));
      }
      rows[t].push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace ensemble::app
