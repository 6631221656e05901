// Plans: opening hours, a position's rules, plan runs and the plans themselves.
#include <boost/json.hpp>

#include "http/api/handler_support.h"
#include "http/api/staffing/body_fields.h"
#include "http/api/staffing/handlers.h"
#include "http/api/staffing/plan_bodies.h"

namespace ensemble::http::handlers {
namespace {

namespace json = boost::json;

std::unexpected<Error> Bad(std::string_view message, std::string field) {
  return Fail(ErrorCode::kInvalidArgument, Message{std::string(message)}, std::move(field));
}

// ?from=…&to=…, both required.
Result<std::pair<staffing::Date, staffing::Date>> RangeParams(const RouteContext& context) {
  const auto from = context.request.QueryParam("from");
  const auto to = context.request.QueryParam("to");
  if (!from) return Bad("staffing.agreement.bad_date", "from");
  if (!to) return Bad("staffing.agreement.bad_date", "to");
  return std::pair{ENSEMBLE_TRY(DateText(*from, "from")), ENSEMBLE_TRY(DateText(*to, "to"))};
}

json::object HalfDayJson(const staffing::StoredHalfDay& h) {
  json::value structure = nullptr;
  if (h.structure != 0) structure = h.structure;
  json::value commitment = nullptr;
  if (!h.commitment.empty()) commitment = json::string(h.commitment);
  return json::object{{"position_id", h.position_id},       {"day", staffing::IsoDate(h.day)},
                      {"half", staffing::ToString(h.half)}, {"structure_id", std::move(structure)},
                      {"start_minute", h.start_minute},     {"end_minute", h.end_minute},
                      {"commitment", std::move(commitment)}};
}

json::array HalfDaysJson(const std::vector<staffing::StoredHalfDay>& half_days) {
  json::array items;
  for (const auto& h : half_days) items.push_back(HalfDayJson(h));
  return items;
}

json::object RunJson(const staffing::PlanRun& run) {
  json::array months;
  for (const auto& m : run.months) {
    months.push_back(json::object{{"month", staffing::IsoMonth(m.month)},
                                  {"optimal", m.optimal},
                                  {"gap", m.gap},
                                  {"largest_gap", m.largest_gap},
                                  {"gap_proven", m.gap_proven},
                                  {"half_days", m.half_days},
                                  {"elapsed_ms", static_cast<double>(m.elapsed_us) / 1000.0}});
  }
  json::array shortfalls;
  for (const auto& s : run.shortfalls) {
    shortfalls.push_back(json::object{{"structure_id", s.structure},
                                      {"agreed_half_days", s.agreed_half_days},
                                      {"planned_half_days", s.planned_half_days},
                                      {"short_by", s.short_by},
                                      {"open_half_days", s.open_half_days},
                                      {"reason", staffing::ToString(s.reason)}});
  }
  json::value finished = nullptr;
  if (run.finished_at) finished = *run.finished_at;
  json::value error = nullptr;
  if (run.error) error = json::string(run.error->message.id);
  return json::object{{"id", run.id},
                      {"position_id", run.position_id},
                      {"first", staffing::IsoDate(run.first)},
                      {"last", staffing::IsoDate(run.last)},
                      {"plan_from", staffing::IsoDate(run.plan_from)},
                      {"state", staffing::ToString(run.state)},
                      {"requested_at", run.requested_at},
                      {"finished_at", std::move(finished)},
                      {"distance", run.distance},
                      {"proven_optimal", run.proven_optimal},
                      {"worst_gap", run.worst_gap},
                      {"months", std::move(months)},
                      {"shortfalls", std::move(shortfalls)},
                      {"error", std::move(error)}};
}

json::object RunViewJson(const app::PlanRunView& view) {
  json::object out = RunJson(view.run);
  out["progress"] = json::object{{"done", view.progress_done}, {"total", view.progress_total}};
  return out;
}

json::object RulesJson(const staffing::PlanRules& rules) {
  json::array commitments;
  for (const auto& c : rules.commitments) {
    commitments.push_back(json::object{{"day", staffing::IsoDate(c.day)},
                                       {"half", staffing::ToString(c.half)},
                                       {"structure_id", c.structure},
                                       {"label", c.label},
                                       {"place", c.place},
                                       {"start_minute", c.start_minute},
                                       {"end_minute", c.end_minute}});
  }
  json::array preferences;
  for (const auto& p : rules.preferences) {
    preferences.push_back(json::object{{"weekday", p.iso_weekday}, {"structure_id", p.structure}});
  }
  return json::object{{"version", rules.version},
                      {"commitments", std::move(commitments)},
                      {"preferences", std::move(preferences)}};
}

}  // namespace

Result<Response> PutOpeningHours(app::StaffingUseCases& app, RouteContext& context) {
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  const auto mask = ENSEMBLE_TRY(OpeningHoursOfBody(body));
  return SettingsAnswer(ENSEMBLE_TRY(app.PutOpeningHours(context.actor(), mask)));
}

Result<Response> GetPlanRules(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(RulesJson(ENSEMBLE_TRY(app.GetPlanRules(context.actor(), id))));
}

Result<Response> PutPlanRules(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  const auto rules = ENSEMBLE_TRY(PlanRulesOfBody(body));
  return JsonAnswer(RulesJson(ENSEMBLE_TRY(app.PutPlanRules(context.actor(), id, rules))));
}

Result<Response> RequestPlan(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  auto body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  const auto [first, last, plan_from] = ENSEMBLE_TRY(PlanPeriodOfBody(body));
  const auto view = ENSEMBLE_TRY(app.RequestPlan(context.actor(), id, first, last, plan_from));
  return JsonAnswer(RunViewJson(view), 202);
}

Result<Response> GetPlanRun(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(RunViewJson(ENSEMBLE_TRY(app.GetPlanRun(context.actor(), id))));
}

Result<Response> GetPositionPlan(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const auto [from, to] = ENSEMBLE_TRY(RangeParams(context));
  const auto view = ENSEMBLE_TRY(app.PositionPlan(context.actor(), id, from, to));
  json::array runs;
  for (const auto& run : view.runs) runs.push_back(RunJson(run));
  json::array actions;
  for (const auto& action : view.actions) actions.push_back(json::string(action));
  return JsonAnswer(json::object{{"position_id", view.position_id},
                                 {"half_days", HalfDaysJson(view.half_days)},
                                 {"runs", std::move(runs)},
                                 {"actions", std::move(actions)}});
}

Result<Response> GetMyPlan(app::StaffingUseCases& app, RouteContext& context) {
  const auto [from, to] = ENSEMBLE_TRY(RangeParams(context));
  return JsonAnswer(json::object{
      {"half_days", HalfDaysJson(ENSEMBLE_TRY(app.MyPlan(context.actor(), from, to)))}});
}

}  // namespace ensemble::http::handlers

// A collective's view of its members' shared positions: beside the plans, since what crosses of
// a position is its terms and the month's planned hours.
namespace ensemble::http::handlers {
namespace {

json::value CellJson(const disclosure::Published& cell, const disclosure::Options& options) {
  json::value count = nullptr;
  if (cell.count) count = *cell.count;
  json::value minutes = nullptr;
  if (cell.sum) minutes = *cell.sum;
  return json::object{{"count", std::move(count)},
                      {"minutes", std::move(minutes)},
                      {"suppressed", cell.Suppressed()},
                      {"label", disclosure::Label(cell, options)}};
}

json::object TableJson(const app::CollectivePositionsView& view) {
  json::array columns;
  for (const staffing::PositionKind kind : app::kCollectiveColumns) {
    columns.push_back(json::string(staffing::ToString(kind)));
  }
  json::array rows;
  json::array totals;
  json::value grand = nullptr;
  if (!view.table_rows.empty()) {
    for (std::size_t r = 0; r < view.table_rows.size(); ++r) {
      json::array cells;
      for (const auto& cell : view.table.cells[r]) cells.push_back(CellJson(cell, view.options));
      rows.push_back(json::object{{"structure_id", view.table_rows[r]},
                                  {"cells", std::move(cells)},
                                  {"total", CellJson(view.table.row_totals[r], view.options)}});
    }
    for (const auto& cell : view.table.column_totals)
      totals.push_back(CellJson(cell, view.options));
    grand = CellJson(view.table.grand_total, view.options);
  }
  return json::object{{"threshold", view.options.threshold},
                      {"columns", std::move(columns)},
                      {"rows", std::move(rows)},
                      {"column_totals", std::move(totals)},
                      {"grand_total", std::move(grand)}};
}

json::object SharedPositionJson(const app::CollectivePosition& shown, staffing::Date on) {
  const staffing::Position& position = shown.position;
  json::array parties;
  for (const auto party : shown.parties) parties.push_back(party);
  json::array shares;
  const std::vector<staffing::Agreement> agreements =
      shown.agreement ? std::vector<staffing::Agreement>{*shown.agreement}
                      : std::vector<staffing::Agreement>{};
  for (const auto& share : staffing::PlanSharesOn(position, agreements, on)) {
    shares.push_back(json::object{{"structure_id", share.structure}, {"share_bp", share.share_bp}});
  }
  json::value agreement = nullptr;
  if (shown.agreement) {
    agreement = json::object{{"id", shown.agreement->id},
                             {"starts_on", staffing::IsoDate(shown.agreement->starts_on)},
                             {"ends_on", staffing::IsoDate(shown.agreement->ends_on)},
                             {"state", staffing::ToString(shown.agreement->StateOn(on))}};
  }
  json::array planned;
  for (const auto& [structure, minutes] : shown.planned_minutes) {
    planned.push_back(json::object{{"structure_id", structure}, {"minutes", minutes}});
  }
  return json::object{{"id", position.id},
                      {"title", position.title},
                      {"kind", staffing::ToString(position.kind)},
                      {"person_name", position.person_name},
                      {"carrier_id", position.carrier},
                      {"parties", std::move(parties)},
                      {"shares", std::move(shares)},
                      {"agreement", std::move(agreement)},
                      {"planned", std::move(planned)}};
}

}  // namespace

Result<Response> GetCollectivePositions(app::StaffingUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const auto month = ENSEMBLE_TRY(MonthParam(context));
  const auto view = ENSEMBLE_TRY(app.CollectivePositions(context.actor(), id, month));
  json::array members;
  for (const auto& member : view.members) {
    members.push_back(json::object{{"structure_id", member.structure},
                                   {"name", member.name},
                                   {"level", tenancy::ToString(member.level)}});
  }
  json::array positions;
  for (const auto& shown : view.positions) {
    positions.push_back(SharedPositionJson(shown, view.month.first));
  }
  return JsonAnswer(json::object{
      {"collective", json::object{{"id", view.collective.id}, {"name", view.collective.name}}},
      {"month", staffing::IsoDate(view.month.first).substr(0, 7)},
      {"members", std::move(members)},
      {"positions", std::move(positions)},
      {"table", TableJson(view)}});
}

}  // namespace ensemble::http::handlers
