#include "app/surveys/results_export.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "documents/format.h"
#include "i18n/i18n.h"

namespace ensemble::app {
namespace {

using documents::Cell;
using documents::ColumnKind;
using documents::Table;

std::string Words(std::string_view key, Language language) {
  return i18n::Render(Message{std::string(key)}, language);
}

Cell CellOf(const disclosure::Published& cell, const disclosure::Options& options) {
  return cell.Suppressed() || !cell.count ? Cell::Suppressed(disclosure::Label(cell, options))
                                          : Cell::Integer(*cell.count);
}

// A question's table: a row per line (structures or territories), a column per choice and
// the answers, then the totals.
Table QuestionTable(const QuestionResult& question, const std::string& caption,
                    const std::string& line_header, const std::vector<std::string>& line_labels,
                    const std::vector<std::vector<disclosure::Published>>& cells,
                    const std::vector<Cell>& line_totals, const disclosure::Options& options,
                    Language language) {
  Table table;
  table.caption = caption;
  table.columns.push_back({line_header, ColumnKind::kText});
  for (const ResultColumn& column : question.columns) {
    table.columns.push_back({ColumnLabel(column, language), ColumnKind::kInteger});
  }
  table.columns.push_back(
      {Words("surveys.export.results.answers", language), ColumnKind::kInteger});
  for (std::size_t r = 0; r < line_labels.size(); ++r) {
    documents::Row row = {Cell::Text(line_labels[r])};
    for (const disclosure::Published& cell : cells[r]) row.push_back(CellOf(cell, options));
    row.push_back(line_totals[r]);
    table.rows.push_back(std::move(row));
  }
  documents::Row totals = {Cell::Text(Words("surveys.export.results.total", language))};
  for (const disclosure::Published& cell : question.table.column_totals) {
    totals.push_back(CellOf(cell, options));
  }
  totals.push_back(CellOf(question.table.grand_total, options));
  table.totals = std::move(totals);
  return table;
}

// Sheets hold tables only: the rule is a table of its own for a workbook, and a paragraph for a
// PDF; with the numbers' rule after it when there are numbers.
enum class Sheets { kWorkbook, kNone };
void AddRule(documents::Document& document, const disclosure::Options& options, Language language,
             bool with_numbers = false, Sheets sheets = Sheets::kWorkbook) {
  std::vector<std::string> rules = {RuleText(options, language)};
  if (with_numbers) rules.push_back(NumberRuleText(options, language));
  if (sheets == Sheets::kWorkbook) {
    Table rule_table;
    rule_table.caption = Words("surveys.export.results.rule", language);
    rule_table.columns.push_back({rule_table.caption, ColumnKind::kText});
    for (const std::string& rule : rules) rule_table.rows.push_back({Cell::Text(rule)});
    document.blocks.push_back(std::move(rule_table));
  }
  for (const std::string& rule : rules) document.blocks.push_back(documents::Paragraph{rule});
}

documents::Document DocumentFor(const surveys::SurveyForm& form, const std::string& created,
                                Language language) {
  documents::Document document;
  document.title = form.title;
  document.subtitle = Words("surveys.export.results.subtitle", language);
  document.created = created;
  document.language =
      language == Language::kEnglish ? documents::Language::kEnglish : documents::Language::kFrench;
  return document;
}

std::string Caption(std::string_view key, const surveys::CountedQuestion& question,
                    Language language) {
  return i18n::Render(Message{std::string(key), {{"question", question.name}}}, language);
}

std::int64_t Hundredths(double value) { return std::llround(value * 100); }

// A number's statistics as a row's cells: its answers, mean and median, or the markers.
std::vector<Cell> StatisticCells(const NumberStatistic& statistic,
                                 const disclosure::Options& options) {
  if (!statistic.answers) {
    const Cell hidden = Cell::Suppressed(StatisticLabel(statistic, options));
    return {hidden, hidden, hidden};
  }
  const auto decimal = [](const std::optional<double>& value) {
    return value ? Cell::Decimal(Hundredths(*value)) : Cell::Empty();
  };
  return {Cell::Integer(*statistic.answers), decimal(statistic.mean), decimal(statistic.median)};
}

// A free text's words: a row per word shown, with the answers that used it.
Table WordsTable(const TextResult& text, Language language) {
  Table table;
  table.caption = Caption("surveys.export.results.words", text.question, language);
  table.columns = {{Words("surveys.export.results.word", language), ColumnKind::kText},
                   {Words("surveys.export.results.answers", language), ColumnKind::kInteger}};
  for (const WordCount& word : text.words) {
    table.rows.push_back({Cell::Text(word.word), Cell::Integer(word.answers)});
  }
  return table;
}

// A number question's table by structure: its answers, mean and median per row, then all.
Table NumberTable(const NumberResult& number, const std::vector<std::string>& rows,
                  const disclosure::Options& options, Language language) {
  Table table;
  table.caption = Caption("surveys.export.results.by_structure", number.question, language);
  table.columns = {{Words("surveys.export.results.structure", language), ColumnKind::kText},
                   {Words("surveys.export.results.answers", language), ColumnKind::kInteger},
                   {Words("surveys.export.results.mean", language), ColumnKind::kDecimal},
                   {Words("surveys.export.results.median", language), ColumnKind::kDecimal}};
  for (std::size_t r = 0; r < rows.size(); ++r) {
    documents::Row row = {Cell::Text(rows[r])};
    for (Cell& cell : StatisticCells(number.rows[r], options)) row.push_back(std::move(cell));
    table.rows.push_back(std::move(row));
  }
  documents::Row totals = {Cell::Text(Words("surveys.export.results.total", language))};
  for (Cell& cell : StatisticCells(number.total, options)) totals.push_back(std::move(cell));
  table.totals = std::move(totals);
  return table;
}

}  // namespace

std::string StatisticLabel(const NumberStatistic& statistic, const disclosure::Options& options) {
  return disclosure::Label({statistic.reason, statistic.answers, {}}, options);
}

std::string RowLabel(const ResultRow& row, const disclosure::Options& options, Language language) {
  if (row.key != kPooledRow) return row.label;
  return i18n::Render(Message{"surveys.results.pooled", {{"threshold", options.threshold}}},
                      language);
}

std::string TerritoryLabel(const ResultTerritory& territory, Language language) {
  if (territory.key == kPooledRow) return Words("surveys.results.territory_pooled", language);
  if (territory.key.empty()) return Words("surveys.results.territory_unknown", language);
  return territory.label;
}

std::string ColumnLabel(const ResultColumn& column, Language language) {
  return column.key.empty() ? Words("surveys.results.unanswered", language) : column.label;
}

std::string RuleText(const disclosure::Options& options, Language language) {
  return i18n::Render(Message{"surveys.results.rule", {{"threshold", options.threshold}}},
                      language);
}

std::string WordRuleText(const disclosure::Options& options, Language language) {
  return i18n::Render(
      Message{"surveys.results.word_rule",
              {{"threshold", options.threshold}, {"most", static_cast<std::int64_t>(kMostWords)}}},
      language);
}

std::string NumberRuleText(const disclosure::Options& options, Language language) {
  return i18n::Render(Message{"surveys.results.number_rule",
                              {{"threshold", options.threshold},
                               {"contributors", options.dominance_contributors},
                               {"percent", options.dominance_percent}}},
                      language);
}

namespace {

// The lines of the results' tables: the rows (structures) and the territories, labelled, with
// their answers.
struct ResultLines {
  std::vector<std::string> rows, territories;
  std::vector<Cell> row_answers, territory_answers;
};

ResultLines LinesOf(const Results& results, Language language) {
  ResultLines lines;
  for (const ResultRow& row : results.rows) {
    lines.rows.push_back(RowLabel(row, results.options, language));
    lines.row_answers.push_back(Cell::Integer(row.answers));
  }
  for (const ResultTerritory& territory : results.territories) {
    lines.territories.push_back(TerritoryLabel(territory, language));
    lines.territory_answers.push_back(Cell::Integer(territory.answers));
  }
  return lines;
}

// A choice question's two tables: by structure, then by commune.
void AddChoiceTables(documents::Document& document, const QuestionResult& question,
                     const Results& results, const ResultLines& lines, Language language) {
  document.blocks.push_back(QuestionTable(
      question, Caption("surveys.export.results.by_structure", question.question, language),
      Words("surveys.export.results.structure", language), lines.rows, question.table.cells,
      lines.row_answers, results.options, language));
  document.blocks.push_back(QuestionTable(
      question, Caption("surveys.export.results.by_commune", question.question, language),
      Words("surveys.export.results.commune", language), lines.territories,
      question.table.group_cells, lines.territory_answers, results.options, language));
}

}  // namespace

documents::Document ResultsDocument(const FormResults& view, const std::string& created,
                                    Language language) {
  const Results& results = view.results;
  documents::Document document = DocumentFor(view.form, created, language);
  const ResultLines lines = LinesOf(results, language);
  for (const QuestionResult& question : results.questions) {
    document.blocks.push_back(documents::Heading{2, question.question.label});
    AddChoiceTables(document, question, results, lines, language);
  }
  for (const NumberResult& number : results.numbers) {
    document.blocks.push_back(documents::Heading{2, number.question.label});
    document.blocks.push_back(NumberTable(number, lines.rows, results.options, language));
  }
  for (const TextResult& text : results.texts) {
    document.blocks.push_back(documents::Heading{2, text.question.label});
    document.blocks.push_back(WordsTable(text, language));
  }
  AddRule(document, results.options, language, !results.numbers.empty());
  if (!results.texts.empty()) {
    document.blocks.push_back(documents::Paragraph{WordRuleText(results.options, language)});
  }
  return document;
}

documents::Table ResultsLongTable(const FormResults& view, Language language) {
  const Results& results = view.results;
  Table table;
  for (const char* key : {"question", "breakdown", "line", "choice", "count"}) {
    table.columns.push_back(
        {Words("surveys.export.results.column." + std::string(key), language), ColumnKind::kText});
  }
  const std::string by_structure = Words("surveys.export.results.structure", language);
  const std::string by_commune = Words("surveys.export.results.commune", language);
  auto add = [&](const QuestionResult& question, const std::string& breakdown,
                 const std::string& line, const std::vector<disclosure::Published>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      table.rows.push_back({Cell::Text(question.question.name), Cell::Text(breakdown),
                            Cell::Text(line), Cell::Text(question.columns[c].key),
                            Cell::Text(disclosure::Label(cells[c], results.options))});
    }
  };
  for (const QuestionResult& question : results.questions) {
    for (std::size_t r = 0; r < results.rows.size(); ++r) {
      add(question, by_structure, RowLabel(results.rows[r], results.options, language),
          question.table.cells[r]);
    }
    for (std::size_t t = 0; t < results.territories.size(); ++t) {
      add(question, by_commune, TerritoryLabel(results.territories[t], language),
          question.table.group_cells[t]);
    }
  }
  // A number's lines: its answers, mean and median ("answers", "mean", "median" in the choice
  // column), a point as the decimal mark.
  const auto add_statistic = [&](const NumberResult& number, const std::string& line,
                                 const NumberStatistic& statistic) {
    const std::string label = StatisticLabel(statistic, results.options);
    const auto text = [&](const std::optional<double>& value) {
      if (!statistic.answers) return label;
      return value ? documents::PlainDecimal(Hundredths(*value), '.') : std::string();
    };
    const std::string answers = statistic.answers ? std::to_string(*statistic.answers) : label;
    for (const auto& [name, value] : {std::pair<const char*, std::string>{"answers", answers},
                                      {"mean", text(statistic.mean)},
                                      {"median", text(statistic.median)}}) {
      table.rows.push_back({Cell::Text(number.question.name), Cell::Text(by_structure),
                            Cell::Text(line), Cell::Text(name), Cell::Text(value)});
    }
  };
  for (const NumberResult& number : results.numbers) {
    for (std::size_t r = 0; r < results.rows.size(); ++r) {
      add_statistic(number, RowLabel(results.rows[r], results.options, language), number.rows[r]);
    }
    add_statistic(number, Words("surveys.export.results.total", language), number.total);
  }
  // A free text's words: the word in the choice column, across all structures.
  const std::string all = Words("surveys.export.results.total", language);
  const std::string by_word = Words("surveys.export.results.word", language);
  for (const TextResult& text : results.texts) {
    for (const WordCount& word : text.words) {
      table.rows.push_back({Cell::Text(text.question.name), Cell::Text(by_word), Cell::Text(all),
                            Cell::Text(word.word), Cell::Text(std::to_string(word.answers))});
    }
  }
  return table;
}

namespace {

std::optional<double> CountOrNone(const disclosure::Published& cell) {
  if (cell.Suppressed() || !cell.count) return std::nullopt;
  return static_cast<double>(*cell.count);
}

// A choice question's chart by structure: each row's shares of its answers; a multiple choice's
// as percentages side by side (they do not add up).
documents::BarChart ChoiceChart(const QuestionResult& question, const Results& results,
                                Language language) {
  documents::BarChart chart;
  const bool multiple = question.question.kind == surveys::CountedKind::kMultiple;
  chart.kind = multiple ? documents::BarChart::Kind::kValues : documents::BarChart::Kind::kShares;
  chart.caption =
      Words(multiple ? "surveys.export.report.multiple" : "surveys.export.report.shares", language);
  for (const ResultColumn& column : question.columns) {
    chart.series.push_back(ColumnLabel(column, language));
  }
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    chart.categories.push_back(RowLabel(results.rows[r], results.options, language));
    const auto answers = static_cast<double>(results.rows[r].answers);
    std::vector<std::optional<double>> values;
    for (const disclosure::Published& cell : question.table.cells[r]) {
      const std::optional<double> count = CountOrNone(cell);
      values.push_back(multiple && count ? std::optional(100 * *count / answers) : count);
    }
    chart.values.push_back(std::move(values));
    if (!multiple) chart.totals.push_back(answers);
  }
  return chart;
}

// A free text's chart: the most used words' answers.
documents::BarChart WordsChart(const TextResult& text, Language language) {
  documents::BarChart chart;
  chart.kind = documents::BarChart::Kind::kValues;
  chart.caption = Words("surveys.export.report.words", language);
  chart.series = {Words("surveys.export.results.answers", language)};
  for (std::size_t w = 0; w < text.words.size() && w < 15; ++w) {
    chart.categories.push_back(text.words[w].word);
    chart.values.push_back({static_cast<double>(text.words[w].answers)});
  }
  return chart;
}

// A number question's chart: each row's mean.
documents::BarChart MeanChart(const NumberResult& number, const Results& results,
                              Language language) {
  documents::BarChart chart;
  chart.kind = documents::BarChart::Kind::kValues;
  chart.caption = Words("surveys.export.report.means", language);
  chart.series = {Words("surveys.export.results.mean", language)};
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    chart.categories.push_back(RowLabel(results.rows[r], results.options, language));
    chart.values.push_back({number.rows[r].mean});
  }
  return chart;
}

}  // namespace

Result<documents::Document> ReportDocument(const FormResults& view,
                                           const std::vector<std::string>& chosen,
                                           const std::string& created, Language language) {
  const Results& results = view.results;
  documents::Document document = DocumentFor(view.form, created, language);
  std::vector<std::string> names = chosen;
  if (names.empty()) {
    for (const QuestionResult& question : results.questions)
      names.push_back(question.question.name);
    for (const NumberResult& number : results.numbers) names.push_back(number.question.name);
    for (const TextResult& text : results.texts) names.push_back(text.question.name);
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
        names.begin() + static_cast<std::ptrdiff_t>(i)) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"surveys.report.twice", {{"name", names[i]}}}, "questions");
    }
  }
  const ResultLines lines = LinesOf(results, language);
  bool with_numbers = false, with_words = false;
  for (const std::string& name : names) {
    const auto question = std::find_if(results.questions.begin(), results.questions.end(),
                                       [&](const auto& q) { return q.question.name == name; });
    const auto number = std::find_if(results.numbers.begin(), results.numbers.end(),
                                     [&](const auto& n) { return n.question.name == name; });
    const auto text = std::find_if(results.texts.begin(), results.texts.end(),
                                   [&](const auto& t) { return t.question.name == name; });
    if (text != results.texts.end()) {
      with_words = true;
      document.blocks.push_back(documents::Heading{2, text->question.label});
      document.blocks.push_back(WordsChart(*text, language));
      document.blocks.push_back(WordsTable(*text, language));
      continue;
    }
    if (question == results.questions.end() && number == results.numbers.end()) {
      return Fail(ErrorCode::kInvalidArgument, Message{"surveys.report.question", {{"name", name}}},
                  "questions");
    }
    if (number != results.numbers.end()) {
      with_numbers = true;
      document.blocks.push_back(documents::Heading{2, number->question.label});
      document.blocks.push_back(MeanChart(*number, results, language));
      document.blocks.push_back(NumberTable(*number, lines.rows, results.options, language));
      continue;
    }
    document.blocks.push_back(documents::Heading{2, question->question.label});
    document.blocks.push_back(ChoiceChart(*question, results, language));
    AddChoiceTables(document, *question, results, lines, language);
  }
  AddRule(document, results.options, language, with_numbers, Sheets::kNone);
  if (with_words) {
    document.blocks.push_back(documents::Paragraph{WordRuleText(results.options, language)});
  }
  return document;
}

namespace {

std::string CrossCaption(const FormCrossResult& view, Language language) {
  return i18n::Render(Message{"surveys.export.cross.caption",
                              {{"rows", view.cross.rows_question.question.name},
                               {"columns", view.cross.columns_question.question.name}}},
                      language);
}

}  // namespace

documents::Document CrossDocument(const FormCrossResult& view, const std::string& created,
                                  Language language) {
  documents::Document document = DocumentFor(view.form, created, language);
  const CrossResult& cross = view.cross;
  if (!cross.empty) {
    document.blocks.push_back(documents::Heading{
        2, cross.rows_question.question.label + " × " + cross.columns_question.question.label});
    Table table;
    table.caption = CrossCaption(view, language);
    table.columns.push_back({cross.rows_question.question.label, ColumnKind::kText});
    for (const ResultColumn& column : cross.columns_question.columns) {
      table.columns.push_back({ColumnLabel(column, language), ColumnKind::kInteger});
    }
    table.columns.push_back(
        {Words("surveys.export.results.answers", language), ColumnKind::kInteger});
    const auto& a_columns = cross.rows_question.columns;
    for (std::size_t a = 0; a < a_columns.size(); ++a) {
      documents::Row row = {Cell::Text(ColumnLabel(a_columns[a], language))};
      for (const disclosure::Published& cell : cross.table.cells[a]) {
        row.push_back(CellOf(cell, cross.options));
      }
      row.push_back(CellOf(cross.table.row_totals[a], cross.options));
      table.rows.push_back(std::move(row));
    }
    documents::Row totals = {Cell::Text(Words("surveys.export.results.total", language))};
    for (const disclosure::Published& cell : cross.table.column_totals) {
      totals.push_back(CellOf(cell, cross.options));
    }
    totals.push_back(CellOf(cross.table.grand_total, cross.options));
    table.totals = std::move(totals);
    document.blocks.push_back(std::move(table));
  }
  AddRule(document, cross.options, language);
  return document;
}

documents::Table CrossLongTable(const FormCrossResult& view, Language language) {
  const CrossResult& cross = view.cross;
  Table table;
  const std::string rows_name = cross.empty ? "" : cross.rows_question.question.name;
  const std::string columns_name = cross.empty ? "" : cross.columns_question.question.name;
  table.columns.push_back({rows_name, ColumnKind::kText});
  table.columns.push_back({columns_name, ColumnKind::kText});
  table.columns.push_back(
      {Words("surveys.export.results.column.count", language), ColumnKind::kText});
  if (cross.empty) return table;
  for (std::size_t a = 0; a < cross.table.cells.size(); ++a) {
    for (std::size_t b = 0; b < cross.table.cells[a].size(); ++b) {
      table.rows.push_back({Cell::Text(cross.rows_question.columns[a].key),
                            Cell::Text(cross.columns_question.columns[b].key),
                            Cell::Text(disclosure::Label(cross.table.cells[a][b], cross.options))});
    }
  }
  return table;
}

}  // namespace ensemble::app
