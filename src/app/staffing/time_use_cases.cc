// Time records: the person confirms her days; each structure reads what concerns it.
#include <charconv>
#include <map>

#include "app/staffing/staffing_use_cases.h"

namespace ensemble::app {
namespace {

using staffing::Action;
using staffing::DayRecord;
using storage::TransactionMode;

// The Monday and Sunday of `day`'s week.
std::pair<staffing::Date, staffing::Date> WeekOf(staffing::Date day) {
  const std::chrono::sys_days days{day};
  const std::chrono::weekday weekday{days};
  const auto monday = days - (weekday - std::chrono::Monday);
  return {staffing::Date{monday}, staffing::Date{monday + std::chrono::days{6}}};
}

access::Target OwnTarget(const std::optional<staffing::Position>& position) {
  access::Target target;
  target.exists = position.has_value();
  if (position) target.person = position->person_id;
  return target;
}

}  // namespace

Result<Month> ParseMonth(std::string_view text, std::string_view field) {
  int year = 0;
  unsigned month = 0;
  const auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.time.bad_period"},
                std::string(field));
  };
  if (text.size() != 7 || text[4] != '-') return bad();
  const auto [year_end, year_error] = std::from_chars(text.data(), text.data() + 4, year);
  const auto [month_end, month_error] = std::from_chars(text.data() + 5, text.data() + 7, month);
  if (year_error != std::errc{} || month_error != std::errc{} || year_end != text.data() + 4 ||
      month_end != text.data() + 7 || month < 1 || month > 12 || year < 1900 || year > 2200) {
    return bad();
  }
  const std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{month}};
  return Month{ym / std::chrono::day{1}, staffing::Date{ym / std::chrono::last}};
}

Result<DayRecord> StaffingUseCases::RecordMyDay(const Actor& actor, staffing::PositionId id,
                                                DayRecord record) {
  return app_.DecidedIn(
      TransactionMode::kWrite, storage::Scope::OwnPlatformLines(actor.person_id), actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<DayRecord> {
        const auto position = ENSEMBLE_TRY(tx.Staffing().FindPosition(id));
        ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kRecordOwnTime),
                                       OwnTarget(position), std::to_string(id)));
        const auto agreements = ENSEMBLE_TRY(tx.Staffing().AgreementsOf(id));
        record.position_id = id;
        int elsewhere = 0;
        if (record.day.ok()) {
          const auto [monday, sunday] = WeekOf(record.day);
          for (const DayRecord& other : ENSEMBLE_TRY(tx.Staffing().DaysOf(id, monday, sunday))) {
            if (other.day != record.day) elsewhere += other.WorkedMinutes();
          }
        }
        ENSEMBLE_TRY_STATUS(
            staffing::CheckDayRecord(record, *position, agreements, Today(), elsewhere));
        ENSEMBLE_TRY_STATUS(tx.Staffing().ReplaceDay(*position, record, app_.clock().Now()));
        // The line says which day she confirmed and how long she worked, never why she was
        // absent: the carrier's log is read by more people than her employer's HR.
        ENSEMBLE_TRY_STATUS(app_.Audit(
            tx, actor, position->carrier, "update", "time_record",
            std::to_string(id) + ":" + staffing::IsoDate(record.day),
            {.params = {{"minutes", static_cast<std::int64_t>(record.WorkedMinutes())}}}));
        return record;
      });
}

Result<std::vector<DayRecord>> StaffingUseCases::MyDays(const Actor& actor, staffing::PositionId id,
                                                        Month month) {
  return app_.DecidedIn(
      TransactionMode::kAuditedRead, storage::Scope::OwnPlatformLines(actor.person_id), actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<DayRecord>> {
        const auto position = ENSEMBLE_TRY(tx.Staffing().FindPosition(id));
        ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kRecordOwnTime),
                                       OwnTarget(position), std::to_string(id)));
        return tx.Staffing().DaysOf(id, month.first, month.last);
      });
}

Result<TimeView> StaffingUseCases::PositionTime(const Actor& actor, staffing::PositionId id,
                                                Month month) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<TimeView> {
        const auto position = ENSEMBLE_TRY(tx.Staffing().FindPosition(id));
        const auto agreements = position ? ENSEMBLE_TRY(tx.Staffing().AgreementsOf(id))
                                         : std::vector<staffing::Agreement>{};
        access::Target target;
        if (position) {
          target = staffing::PositionTarget(*position, agreements);
        } else {
          target.exists = false;
        }
        const std::string record = std::to_string(id);
        ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadPosition), target, record));
        ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadTimeRecords), target, record));
        const StructureId reader = *actor.acting_structure_id;
        TimeView view;
        std::map<StructureId, int> totals;
        for (const DayRecord& day :
             ENSEMBLE_TRY(tx.Staffing().DaysOf(id, month.first, month.last))) {
          DayRecord visible = staffing::VisibleTo(day, *position, reader);
          for (const staffing::TimeEntry& entry : visible.entries) {
            totals[entry.structure] += entry.minutes;
          }
          if (visible.absence) view.absence_minutes += visible.absence->minutes;
          view.days.push_back(std::move(visible));
        }
        for (const auto& [structure, minutes] : totals) view.totals.push_back({structure, minutes});
        ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, position->carrier, "read", "time_record",
                                       record + ":" + staffing::IsoDate(month.first)));
        return view;
      });
}

}  // namespace ensemble::app
