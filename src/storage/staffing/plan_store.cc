// Plans of shared positions (0004_plans): the opening hours, a position's rules, the runs and
// the live plan's half-days.
#include "storage/staffing/staffing_store.h"

namespace ensemble::storage {
namespace {

using staffing::HalfDay;
using staffing::IsoDate;
using staffing::PlanRun;
using staffing::StoredHalfDay;

staffing::Date DateOf(const std::string& text) {
  return staffing::ParseIsoDate(text).value_or(staffing::Date{});
}

std::string HalfText(HalfDay half) { return std::string(staffing::ToString(half)); }

HalfDay HalfOf(const std::string& text) {
  return staffing::HalfDayFrom(text).value_or(HalfDay::kMorning);
}

constexpr std::string_view kRunColumns =
    "id, position_id, carrier_id, first_day, last_day, plan_from, state, job_id, requested_by, "
    "requested_at, finished_at, distance, proven_optimal, worst_gap, error_message";

PlanRun RunFrom(const Row& row) {
  PlanRun run;
  run.id = row.Int(0);
  run.position_id = row.Int(1);
  run.carrier = row.Int(2);
  run.first = DateOf(row.Text(3));
  run.last = DateOf(row.Text(4));
  run.plan_from = DateOf(row.Text(5));
  run.state = staffing::PlanStateFrom(row.Text(6)).value_or(staffing::PlanState::kFailed);
  run.job_id = row.Int(7);
  run.requested_by = row.Int(8);
  run.requested_at = row.Int(9);
  run.finished_at = row.OptionalInt(10);
  run.distance = row.Real(11);
  run.proven_optimal = row.Int(12) != 0;
  run.worst_gap = row.Real(13);
  if (const std::string message = row.Text(14); !message.empty()) {
    Error error;
    error.code = ErrorCode::kInternal;
    error.message = Message{message};
    run.error = std::move(error);
  }
  return run;
}

}  // namespace

Result<std::vector<staffing::SiteHours>> StaffingStore::OpeningHoursOf(
    std::span<const tenancy::StructureId> structures) {
  std::vector<staffing::SiteHours> hours;
  for (const tenancy::StructureId structure : structures) {
    const auto row = ENSEMBLE_TRY(db_.QueryOne(
        "SELECT open_mask FROM staffing_opening_hours WHERE structure_id = ?", {structure}));
    if (row) hours.push_back({structure, static_cast<staffing::HalfDayMask>(row->Int(0))});
  }
  return hours;
}

Status StaffingStore::PutOpeningHours(tenancy::StructureId structure, staffing::HalfDayMask open,
                                      tenancy::PersonId by, UnixMillis now) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO staffing_opening_hours (structure_id, open_mask, recorded_by, recorded_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (structure_id) DO UPDATE SET open_mask = "
      "excluded.open_mask, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
      {structure, static_cast<std::int64_t>(open), by, now}));
  return Ok();
}

Result<staffing::PlanRules> StaffingStore::PlanRulesOf(staffing::PositionId position) {
  staffing::PlanRules rules;
  const auto version = ENSEMBLE_TRY(
      db_.QueryOne("SELECT version FROM staffing_plan_rules WHERE position_id = ?", {position}));
  if (version) rules.version = static_cast<int>(version->Int(0));
  const auto commitments = ENSEMBLE_TRY(
      db_.Query("SELECT day, half, structure_id, label, place, start_minute, end_minute FROM "
                "staffing_commitments WHERE position_id = ? ORDER BY day, half",
                {position}));
  for (const Row& row : commitments) {
    rules.commitments.push_back({DateOf(row.Text(0)), HalfOf(row.Text(1)), row.Int(2), row.Text(3),
                                 row.Text(4), static_cast<int>(row.Int(5)),
                                 static_cast<int>(row.Int(6))});
  }
  const auto preferences = ENSEMBLE_TRY(
      db_.Query("SELECT iso_weekday, structure_id FROM staffing_preferences WHERE position_id = ? "
                "ORDER BY iso_weekday",
                {position}));
  for (const Row& row : preferences) {
    rules.preferences.push_back({static_cast<unsigned>(row.Int(0)), row.Int(1)});
  }
  return rules;
}

Result<bool> StaffingStore::ReplacePlanRules(const staffing::Position& position,
                                             const staffing::PlanRules& rules) {
  const auto current = ENSEMBLE_TRY(PlanRulesOf(position.id));
  if (current.version != rules.version) return false;
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO staffing_plan_rules (position_id, carrier_id, version) VALUES (?, ?, ?) "
      "ON CONFLICT (position_id) DO UPDATE SET version = excluded.version",
      {position.id, position.carrier, static_cast<std::int64_t>(rules.version + 1)}));
  ENSEMBLE_TRY(
      db_.Execute("DELETE FROM staffing_commitments WHERE position_id = ?", {position.id}));
  ENSEMBLE_TRY(
      db_.Execute("DELETE FROM staffing_preferences WHERE position_id = ?", {position.id}));
  for (const staffing::Commitment& c : rules.commitments) {
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO staffing_commitments (position_id, carrier_id, day, half, structure_id, "
        "label, place, start_minute, end_minute) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {position.id, position.carrier, IsoDate(c.day), HalfText(c.half), c.structure, c.label,
         c.place, static_cast<std::int64_t>(c.start_minute),
         static_cast<std::int64_t>(c.end_minute)}));
  }
  for (const staffing::Preference& p : rules.preferences) {
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO staffing_preferences (position_id, carrier_id, iso_weekday, structure_id) "
        "VALUES (?, ?, ?, ?)",
        {position.id, position.carrier, static_cast<std::int64_t>(p.iso_weekday), p.structure}));
  }
  return true;
}

Result<staffing::PlanId> StaffingStore::InsertPlanRun(const PlanRun& run) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO staffing_plans (position_id, carrier_id, first_day, last_day, plan_from, "
      "state, job_id, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {run.position_id, run.carrier, IsoDate(run.first), IsoDate(run.last), IsoDate(run.plan_from),
       std::string(staffing::ToString(run.state)), run.job_id, run.requested_by,
       run.requested_at}));
  return row->Int(0);
}

Status StaffingStore::SetPlanJob(staffing::PlanId plan, std::int64_t job) {
  ENSEMBLE_TRY(db_.Execute("UPDATE staffing_plans SET job_id = ? WHERE id = ?", {job, plan}));
  return Ok();
}

Result<std::optional<PlanRun>> StaffingStore::FindPlanRun(staffing::PlanId id) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT " + std::string(kRunColumns) + " FROM staffing_plans WHERE id = ?", {id}));
  if (!row) return std::optional<PlanRun>{};
  PlanRun run = RunFrom(*row);
  ENSEMBLE_TRY_STATUS(LoadPlanReport(run));
  return std::optional<PlanRun>{std::move(run)};
}

Status StaffingStore::LoadPlanReport(PlanRun& run) {
  const auto months = ENSEMBLE_TRY(
      db_.Query("SELECT month, optimal, gap, largest_gap, gap_proven, half_days, elapsed_us FROM "
                "staffing_plan_months WHERE plan_id = ? ORDER BY month",
                {run.id}));
  for (const Row& m : months) {
    run.months.push_back({staffing::ParseIsoMonth(m.Text(0)).value_or(std::chrono::year_month{}),
                          m.Int(1) != 0, m.Real(2), m.Real(3), m.Int(4) != 0,
                          static_cast<int>(m.Int(5)), m.Int(6)});
  }
  const auto shortfalls = ENSEMBLE_TRY(db_.Query(
      "SELECT structure_id, agreed_half_days, planned_half_days, short_by, open_half_days, "
      "reason FROM staffing_plan_shortfalls WHERE plan_id = ? ORDER BY structure_id",
      {run.id}));
  for (const Row& s : shortfalls) {
    staffing::Shortfall shortfall;
    shortfall.structure = s.Int(0);
    shortfall.agreed_half_days = s.Real(1);
    shortfall.planned_half_days = static_cast<int>(s.Int(2));
    shortfall.short_by = static_cast<int>(s.Int(3));
    shortfall.open_half_days = static_cast<int>(s.Int(4));
    shortfall.reason =
        staffing::ShortfallReasonFrom(s.Text(5)).value_or(staffing::ShortfallReason::kOtherShares);
    run.shortfalls.push_back(shortfall);
  }
  return Ok();
}

Result<std::vector<PlanRun>> StaffingStore::PlanRunsOf(staffing::PositionId position) {
  const auto rows = ENSEMBLE_TRY(db_.Query("SELECT " + std::string(kRunColumns) +
                                               " FROM staffing_plans WHERE position_id = ? "
                                               "ORDER BY id DESC LIMIT 20",
                                           {position}));
  std::vector<PlanRun> runs;
  for (const Row& row : rows) {
    PlanRun run = RunFrom(row);
    ENSEMBLE_TRY_STATUS(LoadPlanReport(run));
    runs.push_back(std::move(run));
  }
  return runs;
}

Status StaffingStore::MarkPlanSolving(staffing::PlanId plan) {
  ENSEMBLE_TRY(db_.Execute("UPDATE staffing_plans SET state = 'solving' WHERE id = ?", {plan}));
  return Ok();
}

Status StaffingStore::FailPlanRun(staffing::PlanId plan, std::string_view message_id,
                                  UnixMillis now) {
  ENSEMBLE_TRY(db_.Execute(
      "UPDATE staffing_plans SET state = 'failed', finished_at = ?, error_message = ? WHERE id = ?",
      {now, std::string(message_id), plan}));
  return Ok();
}

Status StaffingStore::CompletePlanRun(const PlanRun& run, const staffing::Position& position,
                                      std::span<const StoredHalfDay> half_days, UnixMillis now) {
  ENSEMBLE_TRY(
      db_.Execute("UPDATE staffing_plans SET state = 'done', finished_at = ?, distance = ?, "
                  "proven_optimal = ?, worst_gap = ? WHERE id = ?",
                  {now, run.distance, static_cast<std::int64_t>(run.proven_optimal ? 1 : 0),
                   run.worst_gap, run.id}));
  for (const staffing::PlanMonth& m : run.months) {
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO staffing_plan_months (plan_id, carrier_id, month, optimal, gap, "
        "largest_gap, gap_proven, half_days, elapsed_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {run.id, run.carrier, staffing::IsoMonth(m.month),
         static_cast<std::int64_t>(m.optimal ? 1 : 0), m.gap, m.largest_gap,
         static_cast<std::int64_t>(m.gap_proven ? 1 : 0), static_cast<std::int64_t>(m.half_days),
         m.elapsed_us}));
  }
  for (const staffing::Shortfall& s : run.shortfalls) {
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO staffing_plan_shortfalls (plan_id, carrier_id, structure_id, "
        "agreed_half_days, planned_half_days, short_by, open_half_days, reason) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?)",
        {run.id, run.carrier, s.structure, s.agreed_half_days,
         static_cast<std::int64_t>(s.planned_half_days), static_cast<std::int64_t>(s.short_by),
         static_cast<std::int64_t>(s.open_half_days), std::string(staffing::ToString(s.reason))}));
  }
  // The run replaces the live plan from plan_from to the period's end; what is before stays.
  ENSEMBLE_TRY(db_.Execute(
      "DELETE FROM staffing_planned_half_days WHERE position_id = ? AND day >= ? AND day <= ?",
      {position.id, IsoDate(run.plan_from), IsoDate(run.last)}));
  const Value carrier_reads = position.kind == staffing::PositionKind::kLending
                                  ? Value(position.carrier)
                                  : Value(std::monostate{});
  for (const StoredHalfDay& h : half_days) {
    if (h.day < run.plan_from) continue;
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO staffing_planned_half_days (position_id, day, half, structure_id, "
        "start_minute, end_minute, commitment, plan_id, person_id, carrier_reads) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {position.id, IsoDate(h.day), HalfText(h.half), h.structure,
         static_cast<std::int64_t>(h.start_minute), static_cast<std::int64_t>(h.end_minute),
         h.commitment, run.id, position.person_id, carrier_reads}));
  }
  return Ok();
}

Result<std::vector<StoredHalfDay>> StaffingStore::PlannedHalfDays(staffing::PositionId position,
                                                                  staffing::Date from,
                                                                  staffing::Date to) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT day, half, structure_id, start_minute, end_minute, commitment, plan_id FROM "
      "staffing_planned_half_days WHERE position_id = ? AND day >= ? AND day <= ? "
      "ORDER BY day, half DESC",
      {position, IsoDate(from), IsoDate(to)}));
  std::vector<StoredHalfDay> out;
  for (const Row& row : rows) {
    out.push_back({position, DateOf(row.Text(0)), HalfOf(row.Text(1)), row.Int(2),
                   static_cast<int>(row.Int(3)), static_cast<int>(row.Int(4)), row.Text(5),
                   row.Int(6)});
  }
  return out;
}

}  // namespace ensemble::storage
