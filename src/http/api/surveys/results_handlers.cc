// A questionnaire's results across structures (app/surveys/results.h): each cell with its value
// when published, the text a page prints ("12", "< 5", "s") and why it is hidden; the rule
// applied, in the reader's language, to print under each table.
#include <boost/json.hpp>

#include "app/surveys/results_export.h"
#include "http/api/handler_support.h"
#include "http/api/surveys/handlers.h"

namespace ensemble::http::handlers {
namespace {

namespace json = boost::json;

std::string_view CountedCode(app::Counted counted) {
  switch (counted) {
    case app::Counted::kRow:
      return "row";
    case app::Counted::kPooled:
      return "pooled";
    case app::Counted::kLeftOut:
      return "left_out";
    case app::Counted::kNotShared:
      return "not_shared";
  }
  return "not_shared";
}

json::object CellJson(const disclosure::Published& cell, const disclosure::Options& options) {
  return json::object{{"value", cell.count ? json::value(*cell.count) : json::value(nullptr)},
                      {"label", disclosure::Label(cell, options)},
                      {"reason", disclosure::ToString(cell.reason)}};
}

json::object QuestionJson(const app::QuestionResult& result, const disclosure::Options& options,
                          Language language) {
  json::array columns;
  for (const app::ResultColumn& column : result.columns) {
    columns.push_back(
        json::object{{"key", column.key}, {"label", app::ColumnLabel(column, language)}});
  }
  const auto cells_of = [&](const std::vector<disclosure::Published>& line) {
    json::array out;
    for (const disclosure::Published& cell : line) out.push_back(CellJson(cell, options));
    return out;
  };
  json::array cells, territory_cells;
  for (const auto& row : result.table.cells) cells.push_back(cells_of(row));
  for (const auto& row : result.table.group_cells) territory_cells.push_back(cells_of(row));
  return json::object{{"path", result.question.path},
                      {"name", result.question.name},
                      {"label", result.question.label},
                      {"columns", std::move(columns)},
                      {"cells", std::move(cells)},
                      {"row_totals", cells_of(result.table.row_totals)},
                      {"column_totals", cells_of(result.table.column_totals)},
                      {"grand_total", CellJson(result.table.grand_total, options)},
                      {"territory_cells", std::move(territory_cells)},
                      {"multiple", result.question.kind == surveys::CountedKind::kMultiple}};
}

json::value Number(const std::optional<double>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::object StatisticJson(const app::NumberStatistic& statistic,
                           const disclosure::Options& options) {
  return json::object{
      {"answers", statistic.answers ? json::value(*statistic.answers) : json::value(nullptr)},
      {"sum", Number(statistic.sum)},
      {"mean", Number(statistic.mean)},
      {"median", Number(statistic.median)},
      {"label", app::StatisticLabel(statistic, options)},
      {"reason", disclosure::ToString(statistic.reason)}};
}

json::object NumberJson(const app::NumberResult& result, const disclosure::Options& options) {
  json::array rows;
  for (const app::NumberStatistic& row : result.rows) rows.push_back(StatisticJson(row, options));
  return json::object{{"path", result.question.path},
                      {"name", result.question.name},
                      {"label", result.question.label},
                      {"rows", std::move(rows)},
                      {"total", StatisticJson(result.total, options)}};
}

}  // namespace

namespace {

Result<std::string_view> QuestionParam(const RouteContext& context, std::string_view name) {
  const auto value = context.request.QueryParam(name);
  if (!value || value->empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.json.required", {{"field", std::string(name)}}}, std::string(name));
  }
  return *value;
}

json::object CrossQuestionJson(const app::QuestionResult& result, Language language) {
  json::array columns;
  for (const app::ResultColumn& column : result.columns) {
    columns.push_back(
        json::object{{"key", column.key}, {"label", app::ColumnLabel(column, language)}});
  }
  return json::object{{"path", result.question.path},
                      {"name", result.question.name},
                      {"label", result.question.label},
                      {"columns", std::move(columns)}};
}

}  // namespace

Result<Response> GetCrossResults(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const std::string_view rows = ENSEMBLE_TRY(QuestionParam(context, "rows"));
  const std::string_view columns = ENSEMBLE_TRY(QuestionParam(context, "columns"));
  const app::FormCrossResult view =
      ENSEMBLE_TRY(app.GetCrossResult(context.actor(), id, rows, columns, context.language));
  const app::CrossResult& cross = view.cross;
  const disclosure::Options& options = cross.options;
  const Language language = context.language;
  const auto cells_of = [&](const std::vector<disclosure::Published>& line) {
    json::array out;
    for (const disclosure::Published& cell : line) out.push_back(CellJson(cell, options));
    return out;
  };
  json::array cells;
  for (const auto& line : cross.table.cells) cells.push_back(cells_of(line));
  json::object answer{
      {"form_id", view.form.id},
      {"threshold", options.threshold},
      {"rule", app::RuleText(options, language)},
      {"withheld", cross.table.withheld},
      {"empty", cross.empty},
      {"cells", std::move(cells)},
      {"row_totals", cells_of(cross.table.row_totals)},
      {"column_totals", cells_of(cross.table.column_totals)},
      {"grand_total", cross.empty ? json::value(nullptr)
                                  : json::value(CellJson(cross.table.grand_total, options))}};
  if (!cross.empty) {
    answer["rows_question"] = CrossQuestionJson(cross.rows_question, language);
    answer["columns_question"] = CrossQuestionJson(cross.columns_question, language);
  }
  return JsonAnswer(std::move(answer));
}

namespace {

Result<Response> CrossFileResponse(app::SurveysUseCases& app, RouteContext& context,
                                   app::AnswersFormat format) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const std::string_view rows = ENSEMBLE_TRY(QuestionParam(context, "rows"));
  const std::string_view columns = ENSEMBLE_TRY(QuestionParam(context, "columns"));
  return ExportResponse(ENSEMBLE_TRY(app.ExportCrossResult(context.actor(), id, rows, columns,
                                                           format, context.language)),
                        format);
}

}  // namespace

Result<Response> ExportCrossCsv(app::SurveysUseCases& app, RouteContext& context) {
  return CrossFileResponse(app, context, app::AnswersFormat::kCsv);
}

Result<Response> ExportCrossXlsx(app::SurveysUseCases& app, RouteContext& context) {
  return CrossFileResponse(app, context, app::AnswersFormat::kXlsx);
}

Result<Response> ExportReportPdf(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  // "seul,age": the questions by name, in the order the report prints them; none: all.
  std::vector<std::string> questions;
  const std::string_view list = context.request.QueryParam("questions").value_or("");
  for (std::size_t start = 0; start < list.size();) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    if (end == start) {
      return Fail(ErrorCode::kInvalidArgument, "surveys.report.empty_name", "questions");
    }
    questions.emplace_back(list.substr(start, end - start));
    start = end + 1;
  }
  return ExportResponse(
      ENSEMBLE_TRY(app.ExportReport(context.actor(), id, questions, context.language)),
      app::AnswersFormat::kPdf);
}

Result<Response> GetResults(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const app::FormResults view = ENSEMBLE_TRY(app.GetResults(context.actor(), id, context.language));
  const app::Results& results = view.results;
  const disclosure::Options& options = results.options;
  const Language language = context.language;
  json::array members;
  for (const app::ResultsMember& member : view.members) {
    members.push_back(json::object{{"structure_id", member.structure},
                                   {"name", member.name},
                                   {"level", tenancy::ToString(member.level)},
                                   {"counted", CountedCode(member.counted)}});
  }
  json::array rows;
  for (const app::ResultRow& row : results.rows) {
    json::array structures;
    for (const tenancy::StructureId structure : row.structures) structures.emplace_back(structure);
    rows.push_back(json::object{{"key", row.key},
                                {"label", app::RowLabel(row, options, language)},
                                {"structure_ids", std::move(structures)},
                                {"answers", row.answers},
                                {"territory", row.territory}});
  }
  json::array territories;
  for (const app::ResultTerritory& territory : results.territories) {
    territories.push_back(json::object{{"key", territory.key},
                                       {"label", app::TerritoryLabel(territory, language)},
                                       {"answers", territory.answers}});
  }
  json::array questions;
  for (const app::QuestionResult& question : results.questions) {
    questions.push_back(QuestionJson(question, options, language));
  }
  json::array numbers;
  for (const app::NumberResult& number : results.numbers) {
    numbers.push_back(NumberJson(number, options));
  }
  json::array texts;
  for (const app::TextResult& text : results.texts) {
    json::array words;
    for (const app::WordCount& word : text.words) {
      words.push_back(json::object{{"word", word.word}, {"answers", word.answers}});
    }
    texts.push_back(json::object{{"path", text.question.path},
                                 {"name", text.question.name},
                                 {"label", text.question.label},
                                 {"words", std::move(words)}});
  }
  return JsonAnswer(json::object{{"form_id", view.form.id},
                                 {"title", view.form.title},
                                 {"threshold", options.threshold},
                                 {"rule", app::RuleText(options, language)},
                                 {"number_rule", app::NumberRuleText(options, language)},
                                 {"members", std::move(members)},
                                 {"rows", std::move(rows)},
                                 {"territories", std::move(territories)},
                                 {"questions", std::move(questions)},
                                 {"numbers", std::move(numbers)},
                                 {"texts", std::move(texts)},
                                 {"word_rule", app::WordRuleText(options, language)}});
}

}  // namespace ensemble::http::handlers
