// Time records (issue 11, item 4): the person confirms or corrects each day, hours per structure,
// and records her absences (leave, sickness, training), which are shared between the structures
// by the agreed shares. The rules of one day's record live here; the use case reads what they
// need (the position, its agreements, the rest of the week) in the same transaction.
//
// Who sees what: the person sees all of hers; a structure sees the hours worked for it; the
// carrier of a lent position sees them all (it pays and re-invoices them); the employers of a
// multi-employer post see only their own, since her work for one is never visible from the
// other. The kind of an absence (sickness is health data) is the person's and her employer's
// alone: the others see that she was absent, and for how long.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/staffing/types.h"

namespace ensemble::staffing {

// Code du travail L3121-18: 10 hours of work a day at most; L3121-20: 48 hours in one week.
inline constexpr int kMaxDailyMinutes = 10 * 60;

enum class AbsenceKind { kLeave, kSickness, kTraining, kOther };
std::string_view ToString(AbsenceKind kind);
std::optional<AbsenceKind> AbsenceKindFrom(std::string_view text);

struct TimeEntry {
  StructureId structure = 0;
  int minutes = 0;

  bool operator==(const TimeEntry&) const = default;
};

struct Absence {
  AbsenceKind kind = AbsenceKind::kLeave;
  int minutes = 0;
  bool kind_withheld = false;  // set by VisibleTo: the reader may not know why

  bool operator==(const Absence&) const = default;
};

// One day of one position, as the person recorded it.
struct DayRecord {
  PositionId position_id = 0;
  Date day{};
  std::vector<TimeEntry> entries;  // hours worked, per structure
  std::optional<Absence> absence;

  int WorkedMinutes() const;
};

// The minutes of a contract day: the weekly hours over the working days (35 h over five days:
// 7 h). An absence of at least this long is a whole day off.
int ContractDayMinutes(const Position& position);

// The agreement that governs `day`: in force (every party signed), covering it, not ended.
const Agreement* GoverningAgreement(std::span<const Agreement> agreements, Date day);

// The structures whose hours may be recorded on `day`: a multi-employer post's employers; a
// lent position's parties under the agreement in force that day (signed by all, not ended),
// or only the carrier when none is.
std::vector<StructureId> StructuresOn(const Position& position,
                                      std::span<const Agreement> agreements, Date day);

// Checks one day's record: each entry on a structure of StructuresOn, once, with positive
// minutes; the day no later than `today`; at most kMaxDailyMinutes worked; no hours on a day of
// whole absence; absence minutes positive and at most a contract day; `week_minutes_elsewhere`
// (the other days of the same Monday-to-Sunday week) plus this day at most 48 h.
Status CheckDayRecord(const DayRecord& record, const Position& position,
                      std::span<const Agreement> agreements, Date today,
                      int week_minutes_elsewhere);

// What `reader` (a structure acting) may see of a record: all of it for a lent position's
// carrier, else her own structure's entries; the absence's kind only for the person's employer
// (the carrier of a lent position, each employer of a multi-employer post).
DayRecord VisibleTo(const DayRecord& record, const Position& position, StructureId reader);
bool SeesAbsenceKind(const Position& position, StructureId reader);

}  // namespace ensemble::staffing
