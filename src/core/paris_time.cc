#include "core/paris_time.h"

#include <fmt/format.h>

#include <chrono>

namespace ensemble {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::milliseconds;
using std::chrono::sys_days;

constexpr UnixMillis kHour = 60LL * 60 * 1000;
constexpr UnixMillis kDay = 24 * kHour;

UnixMillis MillisOf(sys_days day) {
  return std::chrono::duration_cast<milliseconds>(day.time_since_epoch()).count();
}

sys_days DayOf(UnixMillis at) {
  return floor<days>(std::chrono::sys_time<milliseconds>(milliseconds(at)));
}

}  // namespace

UnixMillis ParisOffset(UnixMillis at) {
  using namespace std::chrono;
  const year y = year_month_day(DayOf(at)).year();
  const UnixMillis summer_starts = MillisOf(sys_days(y / March / Sunday[last])) + kHour;
  const UnixMillis summer_ends = MillisOf(sys_days(y / October / Sunday[last])) + kHour;
  return at >= summer_starts && at < summer_ends ? 2 * kHour : kHour;
}

UnixMillis NextParisHour(UnixMillis now, int hour) {
  const UnixMillis local_now = now + ParisOffset(now);
  const UnixMillis local_midnight = MillisOf(DayOf(local_now));
  for (int day = 0; day < 3; ++day) {
    const UnixMillis local = local_midnight + day * kDay + hour * kHour;
    // The instant whose Paris time is `local`: earlier offset first, so that a repeated hour is
    // taken at its first occurrence.
    UnixMillis at = 0;
    bool found = false;
    for (const UnixMillis offset : {2 * kHour, kHour}) {
      if (local - offset + ParisOffset(local - offset) == local) {
        at = local - offset;
        found = true;
        break;
      }
    }
    // Skipped by the spring change: the clocks jump from 02:00 to 03:00 at this instant.
    if (!found) at = local - kHour;
    if (at > now) return at;
  }
  return now + kDay;  // unreachable: a day always has the hour or its replacement
}

std::string FormatParisTime(UnixMillis at, bool english) {
  using namespace std::chrono;
  const UnixMillis local = at + ParisOffset(at);
  const sys_days day = DayOf(local);
  const year_month_day date(day);
  const UnixMillis in_day = local - MillisOf(day);
  const auto hours = in_day / kHour;
  const auto minutes = (in_day % kHour) / (60 * 1000);
  const int y = static_cast<int>(date.year());
  const unsigned m = static_cast<unsigned>(date.month());
  const unsigned d = static_cast<unsigned>(date.day());
  if (english) return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", y, m, d, hours, minutes);
  return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}", d, m, y, hours, minutes);
}

std::string ParisIsoDate(UnixMillis at) {
  const std::chrono::year_month_day date(DayOf(at + ParisOffset(at)));
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

}  // namespace ensemble
