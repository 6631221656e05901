// The staffing module's readers of outside input on any bytes: dates as the API takes them
// (staffing::ParseIsoDate: '2026-09-21' in a path or a body) and a day's record built from the
// bytes (CheckDayRecord). Beside not crashing: an accepted date prints back as the same text,
// and an accepted day keeps the Code du travail's limits.
#include <string>

#include "domain/staffing/time_records.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {

void FuzzStaffingDays(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (const auto date = staffing::ParseIsoDate(text)) {
    ENSEMBLE_FUZZ_CHECK(staffing::IsoDate(*date) == text);
    ENSEMBLE_FUZZ_CHECK(date->ok());
  }
  // A record from the bytes: pairs (structure 1..4, minutes 0..1020).
  staffing::Position position;
  position.kind =
      size % 2 == 0 ? staffing::PositionKind::kLending : staffing::PositionKind::kMultiEmployer;
  position.carrier = 1;
  position.employments = {{1, 21 * 60}, {4, 14 * 60}};
  staffing::DayRecord record;
  record.day = std::chrono::year{2026} / std::chrono::month{9} / std::chrono::day{15};
  for (std::size_t i = 0; i + 1 < size && record.entries.size() < 12; i += 2) {
    record.entries.push_back({1 + data[i] % 4, data[i + 1] * 4});
  }
  if (size > 0 && data[0] % 3 == 0) {
    record.absence = staffing::Absence{staffing::AbsenceKind::kSickness, data[size - 1] * 4};
  }
  const auto today = std::chrono::year{2026} / std::chrono::month{9} / std::chrono::day{21};
  const int elsewhere = size > 2 ? data[1] * 12 : 0;
  if (staffing::CheckDayRecord(record, position, {}, today, elsewhere)) {
    ENSEMBLE_FUZZ_CHECK(record.WorkedMinutes() <= staffing::kMaxDailyMinutes);
    ENSEMBLE_FUZZ_CHECK(record.WorkedMinutes() + elsewhere <= 48 * 60);
    const staffing::DayRecord seen = staffing::VisibleTo(record, position, 4);
    for (const staffing::TimeEntry& entry : seen.entries) ENSEMBLE_FUZZ_CHECK(entry.structure == 4);
  }
}

}  // namespace ensemble::fuzz
