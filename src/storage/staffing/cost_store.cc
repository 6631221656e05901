// The costs of shared positions and their statements (0003_costs). A statement's figures are
// kept whole in its `content` (JSON), so that what was issued reads back exactly as it was,
// whatever changes later in the payroll, the rates or the time records; its key columns are
// there to find and list it.
#include <boost/json.hpp>

#include "storage/staffing/staffing_store.h"

namespace ensemble::storage {
namespace {

namespace json = boost::json;
using staffing::Cents;
using staffing::IsoDate;
using staffing::IsoMonth;
using staffing::Statement;
using staffing::SubsidyLine;
using std::chrono::year_month;

json::array SubsidiesJson(const std::vector<SubsidyLine>& subsidies) {
  json::array out;
  for (const SubsidyLine& line : subsidies) {
    out.push_back(json::object{{"label", line.label}, {"amount_cents", line.amount}});
  }
  return out;
}

std::vector<SubsidyLine> SubsidiesFrom(const json::value& value) {
  std::vector<SubsidyLine> lines;
  if (!value.is_array()) return lines;
  for (const json::value& item : value.as_array()) {
    const json::object& object = item.as_object();
    lines.push_back({std::string(object.at("label").as_string()),
                     object.at("amount_cents").to_number<Cents>()});
  }
  return lines;
}

std::vector<SubsidyLine> SubsidiesFromText(const std::string& text) {
  boost::system::error_code error;
  const json::value value = json::parse(text, error);
  return error ? std::vector<SubsidyLine>{} : SubsidiesFrom(value);
}

year_month MonthOr(const std::string& text) {
  return staffing::ParseIsoMonth(text).value_or(year_month{});
}

staffing::Date DateOr(const std::string& text) {
  return staffing::ParseIsoDate(text).value_or(staffing::Date{});
}

std::int64_t IntOf(const json::object& object, std::string_view key) {
  return object.at(key).to_number<std::int64_t>();
}

int SmallIntOf(const json::object& object, std::string_view key) {
  return static_cast<int>(IntOf(object, key));
}

// What the content column holds: every figure of the statement, as issued.
std::string ContentJson(const Statement& s) {
  json::array trips;
  for (const staffing::Trip& trip : s.trips) {
    trips.push_back(json::object{{"day", IsoDate(trip.day)},
                                 {"from", trip.from},
                                 {"to", trip.to},
                                 {"metres", trip.metres},
                                 {"cost_cents", trip.cost}});
  }
  const staffing::StructureAllocation& p = s.part;
  json::object content{
      {"corrects_number", s.corrects_number},
      {"vat", json::object{{"treatment", staffing::ToString(s.vat.treatment)},
                           {"rate_bp", s.vat.rate_bp}}},
      {"cost", json::object{{"source", staffing::ToString(s.cost.source)},
                            {"gross_salary_cents", s.cost.gross_salary},
                            {"employer_contributions_cents", s.cost.employer_contributions},
                            {"sick_pay_refunds_cents", s.cost.sick_pay_refunds},
                            {"subsidies", SubsidiesJson(s.cost.subsidies)}}},
      {"month_worked_minutes", s.month_worked_minutes},
      {"month_absence_minutes", s.month_absence_minutes},
      {"month_weight", s.month_weight},
      {"time_recorded", s.time_recorded},
      {"part", json::object{{"share_bp", p.share_bp},
                            {"worked_minutes", p.worked_minutes},
                            {"absence_minutes", p.absence_minutes},
                            {"weight", p.weight},
                            {"gross_salary_cents", p.gross_salary},
                            {"employer_contributions_cents", p.employer_contributions},
                            {"sick_pay_refunds_cents", p.sick_pay_refunds},
                            {"subsidies_cents", p.subsidies},
                            {"travel_cents", p.travel},
                            {"trips", p.trips}}},
      {"trips", std::move(trips)},
      {"previously_billed_cents", s.previously_billed},
  };
  return json::serialize(content);
}

constexpr const char* kStatementColumns =
    "id, carrier_id, year, sequence, number, agreement_id, position_id, billed_structure_id, "
    "month, issued_on, issued_by, corrects_id, amount_cents, vat_cents, total_cents, content";

Result<Statement> ToStatement(const Row& row) {
  Statement s;
  s.id = row.Int(0);
  s.carrier = row.Int(1);
  s.year = static_cast<int>(row.Int(2));
  s.sequence = static_cast<int>(row.Int(3));
  s.number = row.Text(4);
  s.agreement_id = row.Int(5);
  s.position_id = row.Int(6);
  s.billed = row.Int(7);
  s.month = MonthOr(row.Text(8));
  s.issued_on = DateOr(row.Text(9));
  s.issued_by = row.Int(10);
  s.corrects = row.OptionalInt(11);
  s.amount = row.Int(12);
  s.vat_amount = row.Int(13);
  s.total = row.Int(14);
  boost::system::error_code error;
  const json::value parsed = json::parse(row.Text(15), error);
  if (error || !parsed.is_object()) {
    return Fail(ErrorCode::kInternal, "core.internal", "content");
  }
  try {
    const json::object& c = parsed.as_object();
    s.corrects_number = std::string(c.at("corrects_number").as_string());
    const json::object& vat = c.at("vat").as_object();
    s.vat.treatment = staffing::VatTreatmentFrom(vat.at("treatment").as_string())
                          .value_or(staffing::VatTreatment::kFranchise293B);
    s.vat.rate_bp = SmallIntOf(vat, "rate_bp");
    const json::object& cost = c.at("cost").as_object();
    s.cost.source = cost.at("source").as_string() == "actual" ? staffing::CostSource::kActual
                                                              : staffing::CostSource::kEstimate;
    s.cost.gross_salary = IntOf(cost, "gross_salary_cents");
    s.cost.employer_contributions = IntOf(cost, "employer_contributions_cents");
    s.cost.sick_pay_refunds = IntOf(cost, "sick_pay_refunds_cents");
    s.cost.subsidies = SubsidiesFrom(cost.at("subsidies"));
    s.month_worked_minutes = SmallIntOf(c, "month_worked_minutes");
    s.month_absence_minutes = SmallIntOf(c, "month_absence_minutes");
    s.month_weight = IntOf(c, "month_weight");
    s.time_recorded = c.at("time_recorded").as_bool();
    const json::object& p = c.at("part").as_object();
    s.part.structure = s.billed;
    s.part.share_bp = SmallIntOf(p, "share_bp");
    s.part.worked_minutes = SmallIntOf(p, "worked_minutes");
    s.part.absence_minutes = SmallIntOf(p, "absence_minutes");
    s.part.weight = IntOf(p, "weight");
    s.part.gross_salary = IntOf(p, "gross_salary_cents");
    s.part.employer_contributions = IntOf(p, "employer_contributions_cents");
    s.part.sick_pay_refunds = IntOf(p, "sick_pay_refunds_cents");
    s.part.subsidies = IntOf(p, "subsidies_cents");
    s.part.travel = IntOf(p, "travel_cents");
    s.part.trips = SmallIntOf(p, "trips");
    for (const json::value& item : c.at("trips").as_array()) {
      const json::object& t = item.as_object();
      s.trips.push_back({DateOr(std::string(t.at("day").as_string())), IntOf(t, "from"),
                         IntOf(t, "to"), SmallIntOf(t, "metres"), IntOf(t, "cost_cents")});
    }
    s.previously_billed = IntOf(c, "previously_billed_cents");
  } catch (const std::exception&) {
    return Fail(ErrorCode::kInternal, "core.internal", "content");
  }
  return s;
}

Result<std::vector<Statement>> ToStatements(const std::vector<Row>& rows) {
  std::vector<Statement> statements;
  for (const Row& row : rows) statements.push_back(ENSEMBLE_TRY(ToStatement(row)));
  return statements;
}

Result<std::optional<year_month>> MonthOfFirstRow(const std::optional<Row>& row) {
  if (!row || row->IsNull(0)) return std::optional<year_month>{};
  return staffing::ParseIsoMonth(row->Text(0));
}

}  // namespace

Status StaffingStore::PutSalaryChange(const staffing::Position& position,
                                      const staffing::SalaryChange& change, tenancy::PersonId by,
                                      UnixMillis now) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO staffing_salary_changes (position_id, carrier_id, effective_from, "
      "monthly_gross_cents, monthly_subsidies, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, "
      "?, ?) ON CONFLICT (position_id, effective_from) DO UPDATE SET monthly_gross_cents = "
      "excluded.monthly_gross_cents, monthly_subsidies = excluded.monthly_subsidies, "
      "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
      {position.id, position.carrier, IsoDate(change.effective_from), change.monthly_gross_salary,
       json::serialize(SubsidiesJson(change.monthly_subsidies)), by, now}));
  return Ok();
}

Result<std::vector<staffing::SalaryChange>> StaffingStore::SalaryHistory(
    staffing::PositionId position) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT effective_from, monthly_gross_cents, monthly_subsidies FROM staffing_salary_changes "
      "WHERE position_id = ? ORDER BY effective_from",
      {position}));
  std::vector<staffing::SalaryChange> history;
  for (const Row& row : rows) {
    history.push_back({DateOr(row.Text(0)), row.Int(1), SubsidiesFromText(row.Text(2))});
  }
  return history;
}

Status StaffingStore::PutPayroll(const staffing::Position& position,
                                 const staffing::PayrollMonth& payroll, tenancy::PersonId by,
                                 UnixMillis now) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO staffing_payroll_months (position_id, carrier_id, month, gross_salary_cents, "
      "employer_contributions_cents, sick_pay_refunds_cents, subsidies, recorded_by, "
      "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position_id, month) DO UPDATE "
      "SET gross_salary_cents = excluded.gross_salary_cents, employer_contributions_cents = "
      "excluded.employer_contributions_cents, sick_pay_refunds_cents = "
      "excluded.sick_pay_refunds_cents, subsidies = excluded.subsidies, recorded_by = "
      "excluded.recorded_by, recorded_at = excluded.recorded_at",
      {position.id, position.carrier, IsoMonth(payroll.month), payroll.gross_salary,
       payroll.employer_contributions, payroll.sick_pay_refunds,
       json::serialize(SubsidiesJson(payroll.subsidies)), by, now}));
  return Ok();
}

Result<std::optional<staffing::PayrollMonth>> StaffingStore::PayrollOf(
    staffing::PositionId position, year_month month) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT gross_salary_cents, employer_contributions_cents, sick_pay_refunds_cents, "
      "subsidies FROM staffing_payroll_months WHERE position_id = ? AND month = ?",
      {position, IsoMonth(month)}));
  if (!row) return std::optional<staffing::PayrollMonth>{};
  return std::optional<staffing::PayrollMonth>(staffing::PayrollMonth{
      position, month, row->Int(0), row->Int(1), row->Int(2), SubsidiesFromText(row->Text(3))});
}

Status StaffingStore::PutCarrierRates(tenancy::StructureId carrier,
                                      const staffing::CarrierRates& rates, tenancy::PersonId by,
                                      UnixMillis now) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO staffing_carrier_rates (structure_id, effective_from, "
      "employer_contribution_bp, km_rate_millieuros, recorded_by, recorded_at) VALUES (?, ?, ?, "
      "?, ?, ?) ON CONFLICT (structure_id, effective_from) DO UPDATE SET "
      "employer_contribution_bp = excluded.employer_contribution_bp, km_rate_millieuros = "
      "excluded.km_rate_millieuros, recorded_by = excluded.recorded_by, recorded_at = "
      "excluded.recorded_at",
      {carrier, IsoDate(rates.effective_from),
       static_cast<std::int64_t>(rates.employer_contribution_bp), rates.km_rate_millieuros, by,
       now}));
  return Ok();
}

Result<std::vector<staffing::CarrierRates>> StaffingStore::CarrierRatesOf(
    tenancy::StructureId carrier) {
  const auto rows = ENSEMBLE_TRY(
      db_.Query("SELECT effective_from, employer_contribution_bp, km_rate_millieuros FROM "
                "staffing_carrier_rates WHERE structure_id = ? ORDER BY effective_from",
                {carrier}));
  std::vector<staffing::CarrierRates> rates;
  for (const Row& row : rows) {
    rates.push_back({DateOr(row.Text(0)), static_cast<int>(row.Int(1)), row.Int(2)});
  }
  return rates;
}

Status StaffingStore::PutVatSetting(tenancy::StructureId carrier, const staffing::VatSetting& vat,
                                    tenancy::PersonId by, UnixMillis now) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO staffing_vat_settings (structure_id, treatment, rate_bp, recorded_by, "
      "recorded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (structure_id) DO UPDATE SET treatment = "
      "excluded.treatment, rate_bp = excluded.rate_bp, recorded_by = excluded.recorded_by, "
      "recorded_at = excluded.recorded_at",
      {carrier, std::string(staffing::ToString(vat.treatment)),
       static_cast<std::int64_t>(vat.rate_bp), by, now}));
  return Ok();
}

Result<std::optional<staffing::VatSetting>> StaffingStore::VatSettingOf(
    tenancy::StructureId carrier) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT treatment, rate_bp FROM staffing_vat_settings WHERE structure_id = ?", {carrier}));
  if (!row) return std::optional<staffing::VatSetting>{};
  return std::optional<staffing::VatSetting>(staffing::VatSetting{
      staffing::VatTreatmentFrom(row->Text(0)).value_or(staffing::VatTreatment::kFranchise293B),
      static_cast<int>(row->Int(1))});
}

Status StaffingStore::PutSiteDistance(tenancy::StructureId carrier,
                                      const staffing::SiteDistance& distance) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO staffing_site_distances (carrier_id, site_a, site_b, metres) VALUES (?, ?, ?, "
      "?) ON CONFLICT (carrier_id, site_a, site_b) DO UPDATE SET metres = excluded.metres",
      {carrier, std::min(distance.a, distance.b), std::max(distance.a, distance.b),
       static_cast<std::int64_t>(distance.metres)}));
  return Ok();
}

Result<std::vector<staffing::SiteDistance>> StaffingStore::SiteDistancesOf(
    tenancy::StructureId carrier) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT site_a, site_b, metres FROM staffing_site_distances WHERE carrier_id = ? ORDER BY "
      "site_a, site_b",
      {carrier}));
  std::vector<staffing::SiteDistance> distances;
  for (const Row& row : rows) {
    distances.push_back({row.Int(0), row.Int(1), static_cast<int>(row.Int(2))});
  }
  return distances;
}

Result<Statement> StaffingStore::IssueStatement(Statement draft) {
  draft.year = static_cast<int>(draft.issued_on.year());
  const auto counter = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO staffing_statement_counters (carrier_id, year, last_sequence) VALUES (?, ?, 1) "
      "ON CONFLICT (carrier_id, year) DO UPDATE SET last_sequence = "
      "staffing_statement_counters.last_sequence + 1 RETURNING last_sequence",
      {draft.carrier, static_cast<std::int64_t>(draft.year)}));
  draft.sequence = static_cast<int>(counter->Int(0));
  draft.number = staffing::StatementNumber(draft.year, draft.sequence);
  const Value corrects = draft.corrects ? Value(*draft.corrects) : Value(std::monostate{});
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO staffing_statements (carrier_id, year, sequence, number, agreement_id, "
      "position_id, billed_structure_id, month, issued_on, issued_by, corrects_id, amount_cents, "
      "vat_cents, total_cents, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {draft.carrier, static_cast<std::int64_t>(draft.year),
       static_cast<std::int64_t>(draft.sequence), draft.number, draft.agreement_id,
       draft.position_id, draft.billed, IsoMonth(draft.month), IsoDate(draft.issued_on),
       draft.issued_by, corrects, draft.amount, draft.vat_amount, draft.total,
       ContentJson(draft)}));
  draft.id = row->Int(0);
  return draft;
}

Result<std::optional<Statement>> StaffingStore::FindStatement(staffing::StatementId id) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      std::string("SELECT ") + kStatementColumns + " FROM staffing_statements WHERE id = ?", {id}));
  if (!row) return std::optional<Statement>{};
  return std::optional<Statement>(ENSEMBLE_TRY(ToStatement(*row)));
}

Result<std::vector<Statement>> StaffingStore::StatementsOfMonth(staffing::AgreementId agreement,
                                                                year_month month) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      std::string("SELECT ") + kStatementColumns +
          " FROM staffing_statements WHERE agreement_id = ? AND month = ? ORDER BY year, sequence",
      {agreement, IsoMonth(month)}));
  return ToStatements(rows);
}

Result<std::vector<Statement>> StaffingStore::StatementsOfStructure(
    tenancy::StructureId structure, std::optional<year_month> month) {
  const std::string sql =
      std::string("SELECT ") + kStatementColumns +
      " FROM staffing_statements WHERE (carrier_id = ? OR billed_structure_id = ?)" +
      (month ? " AND month = ?" : "") + " ORDER BY year DESC, sequence DESC LIMIT 500";
  const auto rows = month ? ENSEMBLE_TRY(db_.Query(sql, {structure, structure, IsoMonth(*month)}))
                          : ENSEMBLE_TRY(db_.Query(sql, {structure, structure}));
  return ToStatements(rows);
}

Result<std::optional<year_month>> StaffingStore::LastIssuedMonthOfPosition(
    staffing::PositionId position) {
  return MonthOfFirstRow(ENSEMBLE_TRY(db_.QueryOne(
      "SELECT max(month) FROM staffing_statements WHERE position_id = ?", {position})));
}

Result<std::optional<year_month>> StaffingStore::LastIssuedMonthOfCarrier(
    tenancy::StructureId carrier) {
  return MonthOfFirstRow(ENSEMBLE_TRY(
      db_.QueryOne("SELECT max(month) FROM staffing_statements WHERE carrier_id = ?", {carrier})));
}

}  // namespace ensemble::storage
