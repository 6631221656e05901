#include "storage/staffing/staffing_store.h"

#include <fmt/format.h>

#include <map>

namespace ensemble::storage {
namespace {

using staffing::IsoDate;
using staffing::ParseIsoDate;

using staffing::Agreement;
using staffing::Position;

constexpr const char* kPositionColumns =
    "p.id, p.title, p.kind, p.carrier_id, p.person_id, p.person_name, p.qualification, "
    "p.tasks, p.working_days";
constexpr const char* kAgreementColumns =
    "id, position_id, carrier_id, starts_on, ends_on, billing, travel, ended_on, version, "
    "drafted_on";

Position ToPosition(const Row& row) {
  Position p;
  p.id = row.Int(0);
  p.title = row.Text(1);
  p.kind = staffing::PositionKindFrom(row.Text(2)).value_or(staffing::PositionKind::kLending);
  p.carrier = row.Int(3);
  p.person_id = row.Int(4);
  p.person_name = row.Text(5);
  p.qualification = row.Text(6);
  p.tasks = row.Text(7);
  p.working_days = static_cast<staffing::WeekdayMask>(row.Int(8));
  return p;
}

staffing::Date DateOr(const std::string& text) {
  return ParseIsoDate(text).value_or(staffing::Date{});
}

Agreement ToAgreement(const Row& row) {
  Agreement a;
  a.id = row.Int(0);
  a.position_id = row.Int(1);
  a.carrier = row.Int(2);
  a.starts_on = DateOr(row.Text(3));
  a.ends_on = DateOr(row.Text(4));
  a.billing = staffing::BillingPeriodFrom(row.Text(5)).value_or(staffing::BillingPeriod::kMonthly);
  a.travel =
      staffing::TravelPaidByFrom(row.Text(6)).value_or(staffing::TravelPaidBy::kVisitedStructure);
  if (const auto ended = row.OptionalText(7)) a.ended_on = ParseIsoDate(*ended);
  a.version = static_cast<int>(row.Int(8));
  a.drafted_on = DateOr(row.Text(9));
  return a;
}

Value OptionalDate(const std::optional<staffing::Date>& date) {
  return date ? Value(IsoDate(*date)) : Value(std::monostate{});
}

}  // namespace

Result<staffing::PositionId> StaffingStore::InsertPosition(const Position& p, UnixMillis now) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO staffing_positions (title, kind, carrier_id, person_id, person_name, "
      "qualification, tasks, working_days, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {p.title, std::string(staffing::ToString(p.kind)), p.carrier, p.person_id, p.person_name,
       p.qualification, p.tasks, static_cast<std::int64_t>(p.working_days), now}));
  const staffing::PositionId id = row->Int(0);
  for (const staffing::Employment& e : p.employments) {
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO staffing_employments (position_id, employer_id, carrier_id, weekly_minutes) "
        "VALUES (?, ?, ?, ?)",
        {id, e.employer, p.carrier, static_cast<std::int64_t>(e.weekly_minutes)}));
  }
  ENSEMBLE_TRY_STATUS(RefreshParties(id, p.carrier));
  return id;
}

Status StaffingStore::LoadEmployments(Position& position) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT employer_id, weekly_minutes FROM staffing_employments WHERE position_id = ? "
      "ORDER BY employer_id",
      {position.id}));
  for (const Row& row : rows) {
    position.employments.push_back({row.Int(0), static_cast<int>(row.Int(1))});
  }
  return Ok();
}

Result<std::vector<Position>> StaffingStore::PositionsWhere(std::string_view condition,
                                                            std::int64_t value) {
  const auto rows = ENSEMBLE_TRY(
      db_.Query(fmt::format("SELECT {} FROM staffing_positions p WHERE {} ORDER BY p.title, p.id",
                            kPositionColumns, condition),
                {value}));
  std::vector<Position> positions;
  for (const Row& row : rows) {
    Position position = ToPosition(row);
    ENSEMBLE_TRY_STATUS(LoadEmployments(position));
    positions.push_back(std::move(position));
  }
  return positions;
}

Result<std::optional<Position>> StaffingStore::FindPosition(staffing::PositionId id) {
  auto found = ENSEMBLE_TRY(PositionsWhere("p.id = ?", id));
  if (found.empty()) return std::optional<Position>{};
  return std::optional<Position>(std::move(found.front()));
}

Result<std::vector<Position>> StaffingStore::PositionsOfStructure(tenancy::StructureId s) {
  return PositionsWhere(
      "EXISTS (SELECT 1 FROM staffing_position_parties q WHERE q.position_id = p.id AND "
      "q.structure_id = ?)",
      s);
}

Result<std::vector<Position>> StaffingStore::PositionsOfPerson(tenancy::PersonId person) {
  return PositionsWhere("p.person_id = ?", person);
}

Status StaffingStore::RefreshParties(staffing::PositionId position, tenancy::StructureId carrier) {
  ENSEMBLE_TRY(
      db_.Execute("DELETE FROM staffing_position_parties WHERE position_id = ?", {position}));
  ENSEMBLE_TRY(
      db_.Execute("INSERT INTO staffing_position_parties (position_id, structure_id, carrier_id) "
                  "SELECT ?, u.structure_id, ? FROM (SELECT employer_id AS structure_id FROM "
                  "staffing_employments WHERE position_id = ? UNION SELECT structure_id FROM "
                  "staffing_agreement_shares WHERE position_id = ?) AS u",
                  {position, carrier, position, position}));
  return Ok();
}

Result<staffing::AgreementId> StaffingStore::InsertAgreement(const Agreement& a, UnixMillis now) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO staffing_agreements (position_id, carrier_id, starts_on, ends_on, billing, "
      "travel, ended_on, drafted_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {a.position_id, a.carrier, IsoDate(a.starts_on), IsoDate(a.ends_on),
       std::string(staffing::ToString(a.billing)), std::string(staffing::ToString(a.travel)),
       OptionalDate(a.ended_on), IsoDate(a.drafted_on), now}));
  const staffing::AgreementId id = row->Int(0);
  for (const staffing::AgreementShare& share : a.shares) {
    ENSEMBLE_TRY(
        db_.Execute("INSERT INTO staffing_agreement_shares (agreement_id, position_id, carrier_id, "
                    "structure_id, share_bp) VALUES (?, ?, ?, ?, ?)",
                    {id, a.position_id, a.carrier, share.structure,
                     static_cast<std::int64_t>(share.share_bp)}));
  }
  ENSEMBLE_TRY_STATUS(RefreshParties(a.position_id, a.carrier));
  return id;
}

Status StaffingStore::LoadSharesAndSignatures(Agreement& agreement) {
  const auto shares = ENSEMBLE_TRY(db_.Query(
      "SELECT structure_id, share_bp FROM staffing_agreement_shares WHERE agreement_id = ? "
      "ORDER BY share_bp DESC, structure_id",
      {agreement.id}));
  for (const Row& row : shares) {
    agreement.shares.push_back({row.Int(0), static_cast<int>(row.Int(1))});
  }
  const auto signatures = ENSEMBLE_TRY(db_.Query(
      "SELECT structure_id, signer_name, signer_role, signed_on, document_sha256, recorded_by "
      "FROM staffing_agreement_signatures WHERE agreement_id = ? ORDER BY recorded_at, "
      "structure_id",
      {agreement.id}));
  for (const Row& row : signatures) {
    agreement.signatures.push_back(
        {row.Int(0), row.Text(1), row.Text(2), DateOr(row.Text(3)), row.Text(4), row.Int(5)});
  }
  return Ok();
}

Result<std::vector<Agreement>> StaffingStore::AgreementsOf(staffing::PositionId position) {
  const auto rows = ENSEMBLE_TRY(db_.Query(
      fmt::format("SELECT {} FROM staffing_agreements WHERE position_id = ? ORDER BY starts_on, id",
                  kAgreementColumns),
      {position}));
  std::vector<Agreement> agreements;
  for (const Row& row : rows) {
    Agreement agreement = ToAgreement(row);
    ENSEMBLE_TRY_STATUS(LoadSharesAndSignatures(agreement));
    agreements.push_back(std::move(agreement));
  }
  return agreements;
}

Result<std::optional<Agreement>> StaffingStore::FindAgreement(staffing::AgreementId id) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      fmt::format("SELECT {} FROM staffing_agreements WHERE id = ?", kAgreementColumns), {id}));
  if (!row) return std::optional<Agreement>{};
  Agreement agreement = ToAgreement(*row);
  ENSEMBLE_TRY_STATUS(LoadSharesAndSignatures(agreement));
  return std::optional<Agreement>(std::move(agreement));
}

Result<bool> StaffingStore::UpdateAgreementTerms(const Agreement& a) {
  const auto changed = ENSEMBLE_TRY(db_.Execute(
      "UPDATE staffing_agreements SET starts_on = ?, ends_on = ?, billing = ?, travel = ?, "
      "drafted_on = ?, version = version + 1 WHERE id = ? AND carrier_id = ? AND version = ?",
      {IsoDate(a.starts_on), IsoDate(a.ends_on), std::string(staffing::ToString(a.billing)),
       std::string(staffing::ToString(a.travel)), IsoDate(a.drafted_on), a.id, a.carrier,
       static_cast<std::int64_t>(a.version)}));
  if (changed == 0) return false;
  ENSEMBLE_TRY(db_.Execute("DELETE FROM staffing_agreement_shares WHERE agreement_id = ?", {a.id}));
  for (const staffing::AgreementShare& share : a.shares) {
    ENSEMBLE_TRY(
        db_.Execute("INSERT INTO staffing_agreement_shares (agreement_id, position_id, carrier_id, "
                    "structure_id, share_bp) VALUES (?, ?, ?, ?, ?)",
                    {a.id, a.position_id, a.carrier, share.structure,
                     static_cast<std::int64_t>(share.share_bp)}));
  }
  ENSEMBLE_TRY_STATUS(RefreshParties(a.position_id, a.carrier));
  return true;
}

Result<bool> StaffingStore::InsertSignature(const Agreement& a, const staffing::Signature& s,
                                            UnixMillis now) {
  const auto changed = ENSEMBLE_TRY(
      db_.Execute("UPDATE staffing_agreements SET version = version + 1 WHERE id = ? AND "
                  "version = ?",
                  {a.id, static_cast<std::int64_t>(a.version)}));
  if (changed == 0) return false;
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO staffing_agreement_signatures (agreement_id, position_id, structure_id, "
      "signer_name, signer_role, signed_on, document_sha256, recorded_by, recorded_at) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {a.id, a.position_id, s.structure, s.signer_name, s.signer_role, IsoDate(s.signed_on),
       s.document_sha256, s.recorded_by, now}));
  return true;
}

Result<bool> StaffingStore::EndAgreement(staffing::AgreementId id, int expected_version,
                                         staffing::Date ended_on) {
  const auto changed = ENSEMBLE_TRY(db_.Execute(
      "UPDATE staffing_agreements SET ended_on = ?, version = version + 1 WHERE id = ? AND "
      "version = ?",
      {IsoDate(ended_on), id, static_cast<std::int64_t>(expected_version)}));
  return changed > 0;
}

Status StaffingStore::ReplaceDay(const Position& position, const staffing::DayRecord& record,
                                 UnixMillis now) {
  const std::string day = IsoDate(record.day);
  ENSEMBLE_TRY(db_.Execute("DELETE FROM staffing_time_entries WHERE position_id = ? AND day = ?",
                           {position.id, day}));
  ENSEMBLE_TRY(db_.Execute("DELETE FROM staffing_absences WHERE position_id = ? AND day = ?",
                           {position.id, day}));
  const Value carrier_reads = position.kind == staffing::PositionKind::kLending
                                  ? Value(position.carrier)
                                  : Value(std::monostate{});
  for (const staffing::TimeEntry& entry : record.entries) {
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO staffing_time_entries (position_id, day, structure_id, minutes, person_id, "
        "carrier_reads, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {position.id, day, entry.structure, static_cast<std::int64_t>(entry.minutes),
         position.person_id, carrier_reads, now}));
  }
  if (record.absence) {
    ENSEMBLE_TRY(db_.Execute(
        "INSERT INTO staffing_absences (position_id, day, kind, minutes, person_id, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {position.id, day, std::string(staffing::ToString(record.absence->kind)),
         static_cast<std::int64_t>(record.absence->minutes), position.person_id, now}));
  }
  return Ok();
}

Result<std::vector<staffing::DayRecord>> StaffingStore::DaysOf(staffing::PositionId position,
                                                               staffing::Date from,
                                                               staffing::Date to) {
  std::map<std::string, staffing::DayRecord> days;
  const auto day_of = [&](const std::string& text) -> staffing::DayRecord& {
    staffing::DayRecord& record = days[text];
    record.position_id = position;
    record.day = DateOr(text);
    return record;
  };
  const auto entries = ENSEMBLE_TRY(db_.Query(
      "SELECT day, structure_id, minutes FROM staffing_time_entries WHERE position_id = ? AND "
      "day >= ? AND day <= ? ORDER BY day, structure_id",
      {position, IsoDate(from), IsoDate(to)}));
  for (const Row& row : entries) {
    day_of(row.Text(0)).entries.push_back({row.Int(1), static_cast<int>(row.Int(2))});
  }
  const auto absences = ENSEMBLE_TRY(db_.Query(
      "SELECT day, kind, minutes FROM staffing_absences WHERE position_id = ? AND day >= ? AND "
      "day <= ? ORDER BY day",
      {position, IsoDate(from), IsoDate(to)}));
  for (const Row& row : absences) {
    day_of(row.Text(0)).absence = staffing::Absence{
        staffing::AbsenceKindFrom(row.Text(1)).value_or(staffing::AbsenceKind::kOther),
        static_cast<int>(row.Int(2))};
  }
  std::vector<staffing::DayRecord> out;
  for (auto& [text, record] : days) out.push_back(std::move(record));
  return out;
}

}  // namespace ensemble::storage
