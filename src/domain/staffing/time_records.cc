#include "domain/staffing/time_records.h"

#include <algorithm>
#include <bit>
#include <numeric>
#include <set>

namespace ensemble::staffing {
namespace {

bool Contains(const std::vector<StructureId>& ids, StructureId id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

Status Refuse(std::string_view message, std::string field) {
  return Fail(ErrorCode::kInvalidArgument, Message{std::string(message)}, std::move(field));
}

}  // namespace

std::string_view ToString(AbsenceKind kind) {
  switch (kind) {
    case AbsenceKind::kLeave:
      return "leave";
    case AbsenceKind::kSickness:
      return "sickness";
    case AbsenceKind::kTraining:
      return "training";
    case AbsenceKind::kOther:
      return "other";
  }
  return "other";
}

std::optional<AbsenceKind> AbsenceKindFrom(std::string_view text) {
  for (const AbsenceKind kind :
       {AbsenceKind::kLeave, AbsenceKind::kSickness, AbsenceKind::kTraining, AbsenceKind::kOther}) {
    if (ToString(kind) == text) return kind;
  }
  return std::nullopt;
}

int DayRecord::WorkedMinutes() const {
  return std::accumulate(entries.begin(), entries.end(), 0,
                         [](int sum, const TimeEntry& e) { return sum + e.minutes; });
}

int ContractDayMinutes(const Position& position) {
  const int days = std::popcount(static_cast<unsigned>(position.working_days & 0b1111111));
  return days == 0 ? 0 : position.WeeklyMinutes() / days;
}

const Agreement* GoverningAgreement(std::span<const Agreement> agreements, Date day) {
  for (const Agreement& agreement : agreements) {
    const bool covers = agreement.starts_on <= day && day <= agreement.ends_on &&
                        !(agreement.ended_on && *agreement.ended_on <= day);
    if (covers && agreement.StateOn(day) == AgreementState::kInForce) return &agreement;
  }
  return nullptr;
}

std::vector<StructureId> StructuresOn(const Position& position,
                                      std::span<const Agreement> agreements, Date day) {
  if (position.kind == PositionKind::kMultiEmployer) return position.Employers();
  if (const Agreement* agreement = GoverningAgreement(agreements, day)) {
    return agreement->Parties();
  }
  return {position.carrier};
}

Status CheckDayRecord(const DayRecord& record, const Position& position,
                      std::span<const Agreement> agreements, Date today,
                      int week_minutes_elsewhere) {
  if (!record.day.ok()) return Refuse("staffing.agreement.bad_date", "day");
  if (today < record.day) return Refuse("staffing.time.future_day", "day");
  const std::vector<StructureId> allowed = StructuresOn(position, agreements, record.day);
  std::set<StructureId> seen;
  for (const TimeEntry& entry : record.entries) {
    if (!Contains(allowed, entry.structure)) {
      return Refuse("staffing.time.not_a_party_that_day", "entries.structure_id");
    }
    if (!seen.insert(entry.structure).second) {
      return Refuse("staffing.time.structure_twice", "entries.structure_id");
    }
    if (entry.minutes <= 0 || entry.minutes > kMaxDailyMinutes) {
      return Refuse("staffing.time.bad_minutes", "entries.minutes");
    }
  }
  const int worked = record.WorkedMinutes();
  if (worked > kMaxDailyMinutes) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"staffing.time.over_daily_limit", {{"max_hours", 10}}}, "entries");
  }
  if (record.absence) {
    const int contract_day = ContractDayMinutes(position);
    if (record.absence->minutes <= 0 || record.absence->minutes > contract_day) {
      return Refuse("staffing.time.bad_absence_minutes", "absence.minutes");
    }
    if (record.absence->minutes >= contract_day && worked > 0) {
      return Refuse("staffing.time.absent_day", "entries");
    }
  }
  if (week_minutes_elsewhere + worked > 48 * 60) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"staffing.time.over_weekly_limit", {{"max_hours", 48}}}, "entries");
  }
  return Ok();
}

bool SeesAbsenceKind(const Position& position, StructureId reader) {
  return Contains(position.Employers(), reader);
}

DayRecord VisibleTo(const DayRecord& record, const Position& position, StructureId reader) {
  DayRecord visible = record;
  const bool sees_all = position.kind == PositionKind::kLending && reader == position.carrier;
  if (!sees_all) {
    std::erase_if(visible.entries,
                  [&](const TimeEntry& entry) { return entry.structure != reader; });
  }
  if (visible.absence && !SeesAbsenceKind(position, reader)) {
    visible.absence->kind = AbsenceKind::kOther;
    visible.absence->kind_withheld = true;
  }
  return visible;
}

}  // namespace ensemble::staffing
