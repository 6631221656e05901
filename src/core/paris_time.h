// Wall-clock time in Europe/Paris, for everything that needs the local date or hour without a
// time-zone database: jobs that run at a local hour (the daily digest), the dates mails show, the
// day a calendar feed starts from. France has followed the EU rule since 1996: UTC+1, and UTC+2
// from the last Sunday of March at 01:00 UTC to the last Sunday of October at 01:00 UTC. GCC 12 has
// no std::chrono::zoned_time, and the rule is all we need. Pure functions; thread-safe.
#pragma once

#include <string>

#include "core/clock.h"

namespace ensemble {

// The offset of Paris from UTC at that instant: one or two hours, in milliseconds.
UnixMillis ParisOffset(UnixMillis at);

// The first instant after `now` at which Paris clocks show `hour`:00 (0 to 23). An hour that a
// spring change skips is taken as the hour after it; an hour that the autumn change repeats, at
// its first occurrence.
UnixMillis NextParisHour(UnixMillis now, int hour);

// "02/12/2026 07:15" (fr) or "2026-12-02 07:15" (en), in Paris time.
std::string FormatParisTime(UnixMillis at, bool english);

// The Paris date of that instant as ISO: "2026-12-02".
std::string ParisIsoDate(UnixMillis at);

}  // namespace ensemble
