// The staffing module's money: a lent position's costs, the carrier's settings, the statements.
#include <boost/json.hpp>

#include "http/api/handler_support.h"
#include "http/api/json_body.h"
#include "http/api/staffing/body_fields.h"
#include "http/api/staffing/handlers.h"
#include "http/error_mapping.h"
#include "i18n/i18n.h"

namespace ensemble::http::handlers {
namespace {

namespace json = boost::json;
using std::chrono::year_month;

// Why a figure cannot be computed yet, worded as an error answer would be.
json::value ErrorJson(const std::optional<Error>& error, Language language) {
  if (!error) return nullptr;
  return json::object{{"code", ToString(error->code)},
                      {"message", i18n::Render(error->message, language)},
                      {"message_id", error->message.id},
                      {"params", ParamsJson(error->message)}};
}

json::array SubsidiesJson(const std::vector<staffing::SubsidyLine>& lines) {
  json::array out;
  for (const auto& line : lines) {
    out.push_back(json::object{{"label", line.label}, {"amount_cents", line.amount}});
  }
  return out;
}

json::object CostJson(const staffing::MonthCost& cost) {
  return json::object{{"source", staffing::ToString(cost.source)},
                      {"gross_salary_cents", cost.gross_salary},
                      {"employer_contributions_cents", cost.employer_contributions},
                      {"sick_pay_refunds_cents", cost.sick_pay_refunds},
                      {"subsidies", SubsidiesJson(cost.subsidies)},
                      {"net_cents", cost.Net()}};
}

json::object TripJson(const staffing::Trip& trip) {
  return json::object{{"day", staffing::IsoDate(trip.day)},
                      {"from_structure_id", trip.from},
                      {"to_structure_id", trip.to},
                      {"metres", trip.metres},
                      {"cost_cents", trip.cost}};
}

json::object PartJson(const staffing::StructureAllocation& part) {
  return json::object{{"structure_id", part.structure},
                      {"share_bp", part.share_bp},
                      {"worked_minutes", part.worked_minutes},
                      {"absence_minutes", part.absence_minutes},
                      {"weight", part.weight},
                      {"gross_salary_cents", part.gross_salary},
                      {"employer_contributions_cents", part.employer_contributions},
                      {"sick_pay_refunds_cents", part.sick_pay_refunds},
                      {"subsidies_cents", part.subsidies},
                      {"travel_cents", part.travel},
                      {"trips", part.trips},
                      {"due_cents", part.Due()}};
}

json::object AllocationJson(const staffing::Allocation& allocation) {
  json::array parts;
  for (const auto& part : allocation.structures) parts.push_back(PartJson(part));
  json::array trips;
  for (const auto& trip : allocation.trips) trips.push_back(TripJson(trip));
  return json::object{{"agreement_id", allocation.agreement_id},
                      {"worked_minutes", allocation.worked_minutes},
                      {"absence_minutes", allocation.absence_minutes},
                      {"time_recorded", allocation.time_recorded},
                      {"travel_cents", allocation.TravelTotal()},
                      {"total_cents", allocation.Total()},
                      {"structures", std::move(parts)},
                      {"trips", std::move(trips)}};
}

json::object StatementJson(const app::StatementView& view) {
  const staffing::Statement& s = view.statement;
  json::array trips;
  for (const auto& trip : s.trips) trips.push_back(TripJson(trip));
  json::array actions;
  for (const auto& action : view.actions) actions.emplace_back(action);
  return json::object{
      {"id", s.id},
      {"number", s.number},
      {"carrier_id", s.carrier},
      {"carrier_name", view.carrier_name},
      {"billed_structure_id", s.billed},
      {"billed_structure_name", view.billed_name},
      {"agreement_id", s.agreement_id},
      {"position_id", s.position_id},
      {"person_name", view.person_name},
      {"position_title", view.position_title},
      {"month", staffing::IsoMonth(s.month)},
      {"issued_on", staffing::IsoDate(s.issued_on)},
      {"corrects_id", s.corrects ? json::value(*s.corrects) : json::value(nullptr)},
      {"corrects_number", s.corrects ? json::value(s.corrects_number) : json::value(nullptr)},
      {"vat", json::object{{"treatment", staffing::ToString(s.vat.treatment)},
                           {"rate_bp", s.vat.rate_bp}}},
      {"cost", CostJson(s.cost)},
      {"month_worked_minutes", s.month_worked_minutes},
      {"month_absence_minutes", s.month_absence_minutes},
      {"time_recorded", s.time_recorded},
      {"part", PartJson(s.part)},
      {"trips", std::move(trips)},
      {"previously_billed_cents", s.previously_billed},
      {"amount_cents", s.amount},
      {"vat_cents", s.vat_amount},
      {"total_cents", s.total},
      {"actions", std::move(actions)}};
}

Response CostAnswer(const app::CostView& view, Language language) {
  json::array history;
  for (const auto& change : view.salary_history) {
    history.push_back(json::object{{"effective_from", staffing::IsoDate(change.effective_from)},
                                   {"monthly_gross_cents", change.monthly_gross_salary},
                                   {"monthly_subsidies", SubsidiesJson(change.monthly_subsidies)}});
  }
  json::value payroll = nullptr;
  if (view.payroll) {
    payroll = json::object{{"gross_salary_cents", view.payroll->gross_salary},
                           {"employer_contributions_cents", view.payroll->employer_contributions},
                           {"sick_pay_refunds_cents", view.payroll->sick_pay_refunds},
                           {"subsidies", SubsidiesJson(view.payroll->subsidies)}};
  }
  json::array statements;
  for (const auto& statement : view.statements) {
    statements.push_back(json::object{{"id", statement.id},
                                      {"number", statement.number},
                                      {"billed_structure_id", statement.billed},
                                      {"total_cents", statement.total}});
  }
  return JsonAnswer(
      json::object{{"position_id", view.position.id},
                   {"month", staffing::IsoMonth(view.month)},
                   {"salary_history", std::move(history)},
                   {"payroll", std::move(payroll)},
                   {"cost", view.cost ? json::value(CostJson(*view.cost)) : json::value(nullptr)},
                   {"cost_problem", ErrorJson(view.cost_problem, language)},
                   {"allocation", view.allocation ? json::value(AllocationJson(*view.allocation))
                                                  : json::value(nullptr)},
                   {"allocation_problem", ErrorJson(view.allocation_problem, language)},
                   {"unrecorded_days", view.unrecorded_days},
                   {"statements", std::move(statements)}});
}

Result<year_month> MonthText(std::string_view text, std::string_view field) {
  const auto month = staffing::ParseIsoMonth(text);
  if (!month) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.time.bad_period", std::string(field));
  }
  return *month;
}

Result<year_month> RequiredMonthParam(const RouteContext& context) {
  const auto month = context.request.QueryParam("month");
  if (!month) {
    return Fail(ErrorCode::kInvalidArgument, Message{"core.json.required", {{"field", "month"}}},
                "month");
  }
  return MonthText(*month, "month");
}

Result<staffing::Date> DayParam(const RouteContext& context, std::string_view name) {
  const auto day = staffing::ParseIsoDate(context.params.Get(name));
  if (!day) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.agreement.bad_date", std::string(name));
  }
  return *day;
}

Result<std::vector<staffing::SubsidyLine>> Subsidies(const JsonBody& body, std::string_view field) {
  std::vector<staffing::SubsidyLine> lines;
  if (body.object().if_contains(field) == nullptr) return lines;
  for (const JsonBody& item : ENSEMBLE_TRY(body.RequiredObjects(field, 20))) {
    ENSEMBLE_TRY_STATUS(In(field, item.AllowOnly({"label", "amount_cents"})));
    lines.push_back({ENSEMBLE_TRY(In(field, item.RequiredString("label"))),
                     ENSEMBLE_TRY(In(field, item.RequiredInt("amount_cents")))});
  }
  return lines;
}

Response FileAnswer(app::StatementFile file, bool xlsx) {
  Response response;
  response.status = 200;
  response.body = std::move(file.bytes);
  response.SetHeader("Content-Type",
                     xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                          : "application/pdf");
  response.SetHeader("Content-Disposition", "attachment; filename=\"releve-" + file.number +
                                                (xlsx ? ".xlsx\"" : ".pdf\""));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

documents::Language DocumentLanguage(Language language) {
  return language == Language::kEnglish ? documents::Language::kEnglish
                                        : documents::Language::kFrench;
}

Result<Response> StatementDocument(app::StaffingUseCases& app, RouteContext& context, bool xlsx) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return FileAnswer(ENSEMBLE_TRY(app.StatementDocumentFile(context.actor(), id, xlsx,
                                                           DocumentLanguage(context.language))),
                    xlsx);
}

}  // namespace

Result<Response> GetPositionCosts(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const auto month = ENSEMBLE_TRY(RequiredMonthParam(context));
  return CostAnswer(ENSEMBLE_TRY(app.PositionCosts(context.actor(), id, month)), context.language);
}

Result<Response> PutSalary(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  staffing::SalaryChange change;
  change.effective_from = ENSEMBLE_TRY(DayParam(context, "day"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"monthly_gross_cents", "monthly_subsidies"}));
  change.monthly_gross_salary = ENSEMBLE_TRY(body.RequiredInt("monthly_gross_cents"));
  change.monthly_subsidies = ENSEMBLE_TRY(Subsidies(body, "monthly_subsidies"));
  return CostAnswer(ENSEMBLE_TRY(app.PutSalaryChange(context.actor(), id, std::move(change))),
                    context.language);
}

Result<Response> PutPayroll(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  staffing::PayrollMonth payroll;
  payroll.month = ENSEMBLE_TRY(MonthText(context.params.Get("month"), "month"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"gross_salary_cents", "employer_contributions_cents",
                                      "sick_pay_refunds_cents", "subsidies"}));
  payroll.gross_salary = ENSEMBLE_TRY(body.RequiredInt("gross_salary_cents"));
  payroll.employer_contributions = ENSEMBLE_TRY(body.RequiredInt("employer_contributions_cents"));
  payroll.sick_pay_refunds = ENSEMBLE_TRY(body.RequiredInt("sick_pay_refunds_cents"));
  payroll.subsidies = ENSEMBLE_TRY(Subsidies(body, "subsidies"));
  return CostAnswer(ENSEMBLE_TRY(app.PutPayroll(context.actor(), id, std::move(payroll))),
                    context.language);
}

Result<Response> GetCarrierSettings(app::StaffingUseCases& app, RouteContext& context) {
  return SettingsAnswer(ENSEMBLE_TRY(app.GetCarrierSettings(context.actor())));
}

Result<Response> PutCarrierRates(app::StaffingUseCases& app, RouteContext& context) {
  staffing::CarrierRates rates;
  rates.effective_from = ENSEMBLE_TRY(DayParam(context, "day"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"employer_contribution_bp", "km_rate_millieuros"}));
  rates.employer_contribution_bp = ENSEMBLE_TRY(SmallInt(
      "employer_contribution_bp", ENSEMBLE_TRY(body.RequiredInt("employer_contribution_bp"))));
  rates.km_rate_millieuros = ENSEMBLE_TRY(body.RequiredInt("km_rate_millieuros"));
  return SettingsAnswer(ENSEMBLE_TRY(app.PutCarrierRates(context.actor(), rates)));
}

Result<Response> PutVatSetting(app::StaffingUseCases& app, RouteContext& context) {
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"treatment", "rate_bp"}));
  const auto treatment = staffing::VatTreatmentFrom(ENSEMBLE_TRY(body.RequiredString("treatment")));
  if (!treatment) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.vat.bad_treatment", "treatment");
  }
  staffing::VatSetting vat{*treatment, 0};
  if (const auto rate = ENSEMBLE_TRY(body.NullableInt("rate_bp")); rate && *rate) {
    vat.rate_bp = ENSEMBLE_TRY(SmallInt("rate_bp", **rate));
  }
  return SettingsAnswer(ENSEMBLE_TRY(app.PutVatSetting(context.actor(), vat)));
}

Result<Response> PutSiteDistance(app::StaffingUseCases& app, RouteContext& context) {
  staffing::SiteDistance distance;
  distance.a = ENSEMBLE_TRY(context.params.Id("site_a"));
  distance.b = ENSEMBLE_TRY(context.params.Id("site_b"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"metres"}));
  distance.metres = ENSEMBLE_TRY(SmallInt("metres", ENSEMBLE_TRY(body.RequiredInt("metres"))));
  return SettingsAnswer(ENSEMBLE_TRY(app.PutSiteDistance(context.actor(), distance)));
}

Result<Response> IssueStatements(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"month"}));
  const auto month = ENSEMBLE_TRY(MonthText(ENSEMBLE_TRY(body.RequiredString("month")), "month"));
  json::array items;
  for (const auto& view : ENSEMBLE_TRY(app.IssueStatements(context.actor(), id, month))) {
    items.push_back(StatementJson(view));
  }
  return JsonAnswer(json::object{{"items", std::move(items)}}, 201);
}

Result<Response> CorrectStatement(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  if (!context.request.body.empty()) {
    auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
    ENSEMBLE_TRY_STATUS(body.AllowOnly({}));
  }
  return JsonAnswer(StatementJson(ENSEMBLE_TRY(app.CorrectStatement(context.actor(), id))), 201);
}

Result<Response> ListStatements(app::StaffingUseCases& app, RouteContext& context) {
  std::optional<year_month> month;
  if (const auto text = context.request.QueryParam("month")) {
    month = ENSEMBLE_TRY(MonthText(*text, "month"));
  }
  json::array items;
  for (const auto& view : ENSEMBLE_TRY(app.ListStatements(context.actor(), month))) {
    items.push_back(StatementJson(view));
  }
  return JsonAnswer(json::object{{"items", std::move(items)}});
}

Result<Response> GetStatement(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(StatementJson(ENSEMBLE_TRY(app.GetStatement(context.actor(), id))));
}

Result<Response> GetStatementPdf(app::StaffingUseCases& app, RouteContext& context) {
  return StatementDocument(app, context, false);
}

Result<Response> GetStatementXlsx(app::StaffingUseCases& app, RouteContext& context) {
  return StatementDocument(app, context, true);
}

Response SettingsAnswer(const app::CarrierSettings& settings) {
  json::array rates;
  for (const auto& rate : settings.rates) {
    rates.push_back(json::object{{"effective_from", staffing::IsoDate(rate.effective_from)},
                                 {"employer_contribution_bp", rate.employer_contribution_bp},
                                 {"km_rate_millieuros", rate.km_rate_millieuros}});
  }
  json::value vat = nullptr;
  if (settings.vat) {
    vat = json::object{{"treatment", staffing::ToString(settings.vat->treatment)},
                       {"rate_bp", settings.vat->rate_bp}};
  }
  json::array distances;
  for (const auto& d : settings.distances) {
    distances.push_back(json::object{{"site_a", d.a}, {"site_b", d.b}, {"metres", d.metres}});
  }
  json::array opening;
  for (unsigned bit = 0; bit < 14; ++bit) {
    if ((settings.opening & (1u << bit)) == 0) continue;
    opening.push_back(
        json::object{{"weekday", bit / 2 + 1}, {"half", bit % 2 == 0 ? "morning" : "afternoon"}});
  }
  return JsonAnswer(json::object{{"rates", std::move(rates)},
                                 {"vat", std::move(vat)},
                                 {"distances", std::move(distances)},
                                 {"opening_hours", std::move(opening)}});
}

}  // namespace ensemble::http::handlers
