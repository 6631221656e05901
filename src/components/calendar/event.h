// The event every module hands to the calendar writer: a meeting, a shift of a staff plan, a
// stop of a mobile unit, a deadline. Times are wall-clock times in Europe/Paris (the only zone
// the platform serves) or whole days; the writer turns them into iCalendar (RFC 5545).
// Plain values, no I/O; ValidateEvent checks what the writer relies on.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace ensemble::calendar {

// A wall-clock time in Europe/Paris, to the second. A time that does not exist (inside the
// spring-forward gap) is resolved by the reader's calendar, as RFC 5545 3.3.5 prescribes.
using LocalTime = std::chrono::local_seconds;
// A whole day, for all-day events.
using Day = std::chrono::year_month_day;

// A start, an end, an excluded occurrence: either a time in Europe/Paris or a whole day. The
// start, the end, the exception dates and the recurrence id of one event are of one kind.
using Moment = std::variant<LocalTime, Day>;

// Builds a LocalTime from its parts. Meant for dates the caller already holds as valid ones:
// an impossible day (30 February) rolls over into the next month, as std::chrono does.
LocalTime MakeLocalTime(int year, unsigned month, unsigned day, int hour, int minute,
                        int second = 0);
Day MakeDay(int year, unsigned month, unsigned day);

// The local time at which a moment begins (midnight for a whole day), to order events.
LocalTime BeginningOf(const Moment& moment);

enum class EventStatus { kConfirmed, kTentative, kCancelled };

enum class Frequency { kDaily, kWeekly, kMonthly, kYearly };

// One BYDAY entry: a weekday, with an ordinal for monthly and yearly rules ("1TU", the first
// Tuesday; "-1FR", the last Friday); 0 means every such weekday.
struct WeekdayRule {
  std::chrono::weekday day;
  int ordinal = 0;
};

// The parts of an RRULE the modules need. At most one of count and until. (The `= {}`
// initialisers let designated initialisers leave members out under -Wextra.)
struct Recurrence {
  Frequency frequency = Frequency::kWeekly;
  int interval = 1;
  std::vector<WeekdayRule> by_day = {};
  std::vector<int> by_month_day = {};  // 1..31 or -31..-1 (from the end of the month)
  std::optional<int> count = {};
  // The last day on which an occurrence may start, in Europe/Paris, inclusive. People think
  // of a series as "until 30 June"; the writer turns it into the UTC instant RFC 5545 wants.
  std::optional<Day> until = {};
};

enum class AttendeeRole { kChair, kRequired, kOptional, kNonParticipant };
enum class ParticipationStatus { kNeedsAction, kAccepted, kDeclined, kTentative, kDelegated };

struct Organizer {
  std::string name = {};  // may be empty
  std::string email = {};
};

struct Attendee {
  std::string name = {};  // may be empty
  std::string email = {};
  AttendeeRole role = AttendeeRole::kRequired;
  ParticipationStatus status = ParticipationStatus::kNeedsAction;
};

struct Event {
  // Stable across feeds and invitations, so that a calendar updates the event instead of
  // adding a copy: "<kind>-<id>@<domain>", for example "meeting-12@ensemble.example.org".
  std::string uid;
  // Incremented by the owning module on every change that matters to attendees (RFC 5546).
  int sequence = 0;
  std::string summary;
  std::string description;
  std::string location;
  std::optional<std::string> url;
  // For a timed event, end is the time it ends; for an all-day event, the day after the last
  // day (iCalendar's DTEND is exclusive), so a one-day event ends on the next day.
  Moment start;
  Moment end;
  EventStatus status = EventStatus::kConfirmed;
  std::optional<Recurrence> recurrence;
  std::vector<Moment> exception_dates;  // starts of occurrences removed from the series
  // Set on one occurrence of a series (its original start), to change or cancel that one.
  std::optional<Moment> recurrence_id;
  std::optional<Organizer> organizer;
  std::vector<Attendee> attendees;
  std::vector<std::string> categories;
  std::optional<UnixMillis> created;
  std::optional<UnixMillis> last_modified;
};

// Limits, in characters.
inline constexpr std::size_t kMaxUidChars = 255;
inline constexpr std::size_t kMaxSummaryChars = 200;
inline constexpr std::size_t kMaxDescriptionChars = 10000;
inline constexpr std::size_t kMaxLocationChars = 500;
inline constexpr std::size_t kMaxUrlChars = 2000;
inline constexpr std::size_t kMaxNameChars = 200;
inline constexpr std::size_t kMaxCategoryChars = 100;
inline constexpr std::size_t kMaxCategories = 20;
inline constexpr std::size_t kMaxAttendees = 1000;
inline constexpr std::size_t kMaxExceptionDates = 1000;
inline constexpr int kMaxInterval = 1000;
inline constexpr int kMaxCount = 10000;
inline constexpr std::size_t kMaxByDay = 35;  // seven days, five positions
inline constexpr std::size_t kMaxByMonthDay = 31;

// Checks an event before it is written: kInvalidArgument naming the field ("uid", "end",
// "recurrence.count", "attendees[2].email"). Returns the event with its texts trimmed and
// normalised (NFC) and its e-mail addresses lower-cased.
Result<Event> ValidateEvent(const Event& event);

// The UID shape alone: a local part of letters, digits, '.', '_', '-', then '@' and a domain
// name. It keeps UIDs stable and free of anything that needs escaping.
Status CheckUid(std::string_view field, std::string_view uid);

// The single occurrence of a series that starts at original_start: same UID and sequence, no
// recurrence, recurrence_id set. Used to change or cancel one occurrence.
Event OccurrenceOf(const Event& series, const Moment& original_start);

}  // namespace ensemble::calendar
