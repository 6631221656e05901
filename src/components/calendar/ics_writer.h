// The one iCalendar (RFC 5545) writer of the platform, over libical: subscription feeds
// (METHOD:PUBLISH) and invitations sent by e-mail (RFC 5546 REQUEST and CANCEL). Every time is
// written in Europe/Paris with its VTIMEZONE, built from the system's time zone data.
// Thread-safe: each call builds its own libical tree, and the first load of libical's zone
// data is done once for all threads (ics_writer.cc, ParisZone).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "components/calendar/event.h"
#include "core/clock.h"
#include "core/error.h"

namespace ensemble::calendar {

inline constexpr std::string_view kProductId = "-//Ensemble//Ensemble calendar 1.0//FR";
inline constexpr std::string_view kTimeZoneId = "Europe/Paris";

enum class Method {
  kPublish,  // a feed people subscribe to
  kRequest,  // an invitation, or its update (a higher SEQUENCE)
  kCancel,   // a cancelled event, or one cancelled occurrence (with RECURRENCE-ID)
};

struct Calendar {
  std::string name = {};  // X-WR-CALNAME, the name a subscribed calendar shows; may be empty
  std::optional<Method> method = {};
  // When the object was produced: every event's DTSTAMP, in UTC.
  UnixMillis stamp = 0;
  std::vector<Event> events = {};
};

// Writes the calendar, validating each event first (the error's field is then
// "events[<i>].<field>", its context the event's UID). kInternal if libical fails or the
// system has no time zone data for Europe/Paris.
Result<std::string> WriteCalendar(const Calendar& calendar);

// An invitation to attach to a mail (text/calendar; method=REQUEST or CANCEL). The event needs
// an organizer and at least one attendee (RFC 5546 3.2.2), else kInvalidArgument on
// "organizer" or "attendees"; kPublish is refused on "method". For kCancel the event is written
// with STATUS:CANCELLED whatever its status: a whole series, or, when the event is one
// occurrence (OccurrenceOf, recurrence_id set), that occurrence only. The caller increments
// the sequence before sending an update or a cancellation.
Result<std::string> Invitation(const Event& event, Method method, UnixMillis stamp);

}  // namespace ensemble::calendar
