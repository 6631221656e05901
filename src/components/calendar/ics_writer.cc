#include "components/calendar/ics_writer.h"

#include <fmt/format.h>
#include <libical/ical.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <utility>

#include "core/text.h"

namespace ensemble::calendar {
namespace {

using std::chrono::days;
using std::chrono::local_days;

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

struct ZoneContext {
  icaltimezone* paris = nullptr;
  icaltimezone* utc = nullptr;
};

icaltimetype ToIcal(const LocalTime& time, const ZoneContext& zones) {
  const local_days date = std::chrono::floor<days>(time);
  const std::chrono::year_month_day day{date};
  const std::chrono::hh_mm_ss clock{time - date};
  icaltimetype result = icaltime_null_time();
  result.year = static_cast<int>(day.year());
  result.month = static_cast<int>(static_cast<unsigned>(day.month()));
  result.day = static_cast<int>(static_cast<unsigned>(day.day()));
  result.hour = static_cast<int>(clock.hours().count());
  result.minute = static_cast<int>(clock.minutes().count());
  result.second = static_cast<int>(clock.seconds().count());
  result.is_date = 0;
  return icaltime_set_timezone(&result, zones.paris);
}

icaltimetype ToIcal(const Day& day) {
  icaltimetype result = icaltime_null_date();
  result.year = static_cast<int>(day.year());
  result.month = static_cast<int>(static_cast<unsigned>(day.month()));
  result.day = static_cast<int>(static_cast<unsigned>(day.day()));
  return result;
}

icaltimetype ToIcalUtc(UnixMillis at, const ZoneContext& zones) {
  // Floor, not truncation, so an instant before 1970 does not move forward a second.
  const std::int64_t seconds = at >= 0 ? at / 1000 : -((-at + 999) / 1000);
  return icaltime_from_timet_with_zone(static_cast<time_t>(seconds), 0, zones.utc);
}

// Adds a DATE-TIME in Europe/Paris with its TZID parameter, or a DATE (libical adds
// VALUE=DATE itself).
void AddMoment(icalcomponent* event, icalproperty* property, const Moment& moment) {
  if (std::holds_alternative<LocalTime>(moment)) {
    icalproperty_add_parameter(property, icalparameter_new_tzid(std::string(kTimeZoneId).c_str()));
  }
  icalcomponent_add_property(event, property);
}

icaltimetype MomentToIcal(const Moment& moment, const ZoneContext& zones) {
  if (const auto* time = std::get_if<LocalTime>(&moment)) {
    return ToIcal(*time, zones);
  }
  return ToIcal(std::get<Day>(moment));
}

icalrecurrencetype_frequency ToIcal(Frequency frequency) {
  switch (frequency) {
    case Frequency::kDaily:
      return ICAL_DAILY_RECURRENCE;
    case Frequency::kWeekly:
      return ICAL_WEEKLY_RECURRENCE;
    case Frequency::kMonthly:
      return ICAL_MONTHLY_RECURRENCE;
    case Frequency::kYearly:
      return ICAL_YEARLY_RECURRENCE;
  }
  return ICAL_NO_RECURRENCE;
}

// libical's encoding of a BYDAY entry (icalrecurrencetype_day_position): the weekday, 1 for
// Sunday to 7 for Saturday, plus 8 times the position, the sign carrying "from the end".
short EncodeWeekday(const WeekdayRule& entry) {
  const int weekday = static_cast<int>(entry.day.c_encoding()) + 1;
  const int magnitude = weekday + 8 * std::abs(entry.ordinal);
  return static_cast<short>(entry.ordinal < 0 ? -magnitude : magnitude);
}

icalrecurrencetype ToIcal(const Recurrence& rule, const Moment& start, const ZoneContext& zones) {
  icalrecurrencetype recurrence;
  icalrecurrencetype_clear(&recurrence);
  recurrence.freq = ToIcal(rule.frequency);
  recurrence.interval = static_cast<short>(rule.interval);
  recurrence.week_start = ICAL_MONDAY_WEEKDAY;  // the French week starts on Monday
  if (rule.count) {
    recurrence.count = *rule.count;
  }
  if (rule.until) {
    if (std::holds_alternative<LocalTime>(start)) {
      // RFC 5545 3.3.10: with a zoned DTSTART, UNTIL is a UTC instant; the series may start
      // an occurrence until the end of its last day in Paris.
      const LocalTime last_second =
          LocalTime{local_days{*rule.until}} + days{1} - std::chrono::seconds{1};
      recurrence.until = icaltime_convert_to_zone(ToIcal(last_second, zones), zones.utc);
    } else {
      recurrence.until = ToIcal(*rule.until);
    }
  }
  // Validation caps both lists below the sizes of libical's arrays, so the terminator fits.
  std::size_t i = 0;
  for (; i < rule.by_day.size(); ++i) {
    recurrence.by_day[i] = EncodeWeekday(rule.by_day[i]);
  }
  recurrence.by_day[i] = ICAL_RECURRENCE_ARRAY_MAX;
  for (i = 0; i < rule.by_month_day.size(); ++i) {
    recurrence.by_month_day[i] = static_cast<short>(rule.by_month_day[i]);
  }
  recurrence.by_month_day[i] = ICAL_RECURRENCE_ARRAY_MAX;
  return recurrence;
}

icalproperty_status ToIcal(EventStatus status) {
  switch (status) {
    case EventStatus::kConfirmed:
      return ICAL_STATUS_CONFIRMED;
    case EventStatus::kTentative:
      return ICAL_STATUS_TENTATIVE;
    case EventStatus::kCancelled:
      return ICAL_STATUS_CANCELLED;
  }
  return ICAL_STATUS_NONE;
}

icalparameter_role ToIcal(AttendeeRole role) {
  switch (role) {
    case AttendeeRole::kChair:
      return ICAL_ROLE_CHAIR;
    case AttendeeRole::kRequired:
      return ICAL_ROLE_REQPARTICIPANT;
    case AttendeeRole::kOptional:
      return ICAL_ROLE_OPTPARTICIPANT;
    case AttendeeRole::kNonParticipant:
      return ICAL_ROLE_NONPARTICIPANT;
  }
  return ICAL_ROLE_REQPARTICIPANT;
}

icalparameter_partstat ToIcal(ParticipationStatus status) {
  switch (status) {
    case ParticipationStatus::kNeedsAction:
      return ICAL_PARTSTAT_NEEDSACTION;
    case ParticipationStatus::kAccepted:
      return ICAL_PARTSTAT_ACCEPTED;
    case ParticipationStatus::kDeclined:
      return ICAL_PARTSTAT_DECLINED;
    case ParticipationStatus::kTentative:
      return ICAL_PARTSTAT_TENTATIVE;
    case ParticipationStatus::kDelegated:
      return ICAL_PARTSTAT_DELEGATED;
  }
  return ICAL_PARTSTAT_NEEDSACTION;
}

icalproperty_method ToIcal(Method method) {
  switch (method) {
    case Method::kPublish:
      return ICAL_METHOD_PUBLISH;
    case Method::kRequest:
      return ICAL_METHOD_REQUEST;
    case Method::kCancel:
      return ICAL_METHOD_CANCEL;
  }
  return ICAL_METHOD_NONE;
}

std::string MailTo(std::string_view email) { return fmt::format("mailto:{}", email); }

void AddPerson(icalproperty* property, std::string_view name) {
  if (!name.empty()) {
    // libical quotes the value and encodes a double quote as RFC 6868 ^'.
    icalproperty_add_parameter(property, icalparameter_new_cn(std::string(name).c_str()));
  }
}

ComponentPtr BuildEvent(const Event& event, const std::optional<Method>& method, UnixMillis stamp,
                        const ZoneContext& zones) {
  ComponentPtr vevent{icalcomponent_new_vevent()};
  icalcomponent* out = vevent.get();
  icalcomponent_add_property(out, icalproperty_new_uid(event.uid.c_str()));
  icalcomponent_add_property(out, icalproperty_new_sequence(event.sequence));
  icalcomponent_add_property(out, icalproperty_new_dtstamp(ToIcalUtc(stamp, zones)));
  if (event.created) {
    icalcomponent_add_property(out, icalproperty_new_created(ToIcalUtc(*event.created, zones)));
  }
  if (event.last_modified) {
    icalcomponent_add_property(
        out, icalproperty_new_lastmodified(ToIcalUtc(*event.last_modified, zones)));
  }
  AddMoment(out, icalproperty_new_dtstart(MomentToIcal(event.start, zones)), event.start);
  AddMoment(out, icalproperty_new_dtend(MomentToIcal(event.end, zones)), event.end);
  if (event.recurrence_id) {
    AddMoment(out, icalproperty_new_recurrenceid(MomentToIcal(*event.recurrence_id, zones)),
              *event.recurrence_id);
  }
  if (event.recurrence) {
    icalcomponent_add_property(
        out, icalproperty_new_rrule(ToIcal(*event.recurrence, event.start, zones)));
  }
  for (const Moment& excluded : event.exception_dates) {
    AddMoment(out, icalproperty_new_exdate(MomentToIcal(excluded, zones)), excluded);
  }
  icalcomponent_add_property(out, icalproperty_new_summary(event.summary.c_str()));
  if (!event.description.empty()) {
    icalcomponent_add_property(out, icalproperty_new_description(event.description.c_str()));
  }
  if (!event.location.empty()) {
    icalcomponent_add_property(out, icalproperty_new_location(event.location.c_str()));
  }
  if (event.url) {
    icalcomponent_add_property(out, icalproperty_new_url(event.url->c_str()));
  }
  const EventStatus status = method == Method::kCancel ? EventStatus::kCancelled : event.status;
  icalcomponent_add_property(out, icalproperty_new_status(ToIcal(status)));
  // One CATEGORIES property per category: validation refused commas, which libical would
  // leave unescaped as list separators.
  for (const std::string& category : event.categories) {
    icalcomponent_add_property(out, icalproperty_new_categories(category.c_str()));
  }
  if (event.organizer) {
    icalproperty* organizer = icalproperty_new_organizer(MailTo(event.organizer->email).c_str());
    AddPerson(organizer, event.organizer->name);
    icalcomponent_add_property(out, organizer);
  }
  for (const Attendee& attendee : event.attendees) {
    icalproperty* property = icalproperty_new_attendee(MailTo(attendee.email).c_str());
    AddPerson(property, attendee.name);
    icalproperty_add_parameter(property, icalparameter_new_role(ToIcal(attendee.role)));
    icalproperty_add_parameter(property, icalparameter_new_partstat(ToIcal(attendee.status)));
    // An invitation asks for an answer from whoever has not given one yet.
    if (method == Method::kRequest && attendee.status == ParticipationStatus::kNeedsAction) {
      icalproperty_add_parameter(property, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
    }
    icalcomponent_add_property(out, property);
  }
  return vevent;
}

// The earliest moment the calendar mentions: its VTIMEZONE needs no rule from before it.
LocalTime EarliestMoment(const Calendar& calendar, UnixMillis stamp) {
  std::optional<LocalTime> earliest;
  const auto consider = [&earliest](const Moment& moment) {
    const LocalTime time = BeginningOf(moment);
    if (!earliest || time < *earliest) {
      earliest = time;
    }
  };
  for (const Event& event : calendar.events) {
    consider(event.start);
    for (const Moment& excluded : event.exception_dates) {
      consider(excluded);
    }
    if (event.recurrence_id) {
      consider(*event.recurrence_id);
    }
  }
  if (earliest) {
    return *earliest;
  }
  return LocalTime{std::chrono::floor<std::chrono::seconds>(std::chrono::milliseconds{stamp})};
}

// libical's zone for Europe/Paris, loaded once. Two threads loading libical's zone table for
// the first time at once can crash it (libical pull request 1029), so the first load happens
// under std::call_once; every later call only reads the loaded zone.
icaltimezone* ParisZone() {
  static std::once_flag loaded;
  static icaltimezone* paris = nullptr;
  std::call_once(loaded, [] {
    paris = icaltimezone_get_builtin_timezone(std::string(kTimeZoneId).c_str());
    if (paris != nullptr) {
      icaltimezone_get_component(paris);  // parses the zone's rules now, not under a race
    }
  });
  return paris;
}

// Europe/Paris as libical builds it from the system's zoneinfo, renamed to the plain TZID
// that other calendars recognise (libical prefixes "/freeassociation.sourceforge.net/") and
// cut to the rules in force from the year before the calendar's first moment, so a feed
// carries a dozen lines of rules instead of the whole history since 1891.
Result<ComponentPtr> BuildTimeZone(LocalTime earliest) {
  icaltimezone* paris = ParisZone();
  icalcomponent* shared = paris == nullptr ? nullptr : icaltimezone_get_component(paris);
  if (shared == nullptr) {
    return Internal("No time zone data for Europe/Paris (is the tzdata package installed?).");
  }
  ComponentPtr vtimezone{icalcomponent_new_clone(shared)};
  const std::chrono::year_month_day day{std::chrono::floor<days>(earliest)};
  icaltimetype cut = icaltime_null_time();
  cut.year = static_cast<int>(day.year()) - 1;
  cut.month = 1;
  cut.day = 1;
  cut = icaltime_set_timezone(&cut, icaltimezone_get_utc_timezone());
  icaltimezone_truncate_vtimezone(vtimezone.get(), cut, icaltime_null_time(), 0);
  icalproperty* tzid = icalcomponent_get_first_property(vtimezone.get(), ICAL_TZID_PROPERTY);
  if (tzid == nullptr) {
    return Internal("libical's Europe/Paris has no TZID.");
  }
  icalproperty_set_tzid(tzid, std::string(kTimeZoneId).c_str());
  return vtimezone;
}

Result<std::string> Serialise(icalcomponent* component) {
  char* text = icalcomponent_as_ical_string_r(component);
  if (text == nullptr) {
    return Internal(
        fmt::format("libical could not write the calendar: {}", icalerror_strerror(icalerrno)));
  }
  std::string result{text};
  std::free(text);
  return result;
}

}  // namespace

Result<std::string> WriteCalendar(const Calendar& calendar) {
  const std::string name = ENSEMBLE_TRY(CheckText("name", calendar.name, 0, kMaxSummaryChars));
  std::vector<Event> events;
  events.reserve(calendar.events.size());
  for (std::size_t i = 0; i < calendar.events.size(); ++i) {
    Result<Event> valid = ValidateEvent(calendar.events[i]);
    if (!valid) {
      Error error = std::move(valid).error();
      error.field = fmt::format("events[{}].{}", i, error.field);
      return std::unexpected(
          std::move(error).WithContext(fmt::format("writing event {}", calendar.events[i].uid)));
    }
    events.push_back(*std::move(valid));
  }

  ZoneContext zones;
  zones.paris = ParisZone();
  zones.utc = icaltimezone_get_utc_timezone();
  ComponentPtr vtimezone = ENSEMBLE_TRY(BuildTimeZone(EarliestMoment(calendar, calendar.stamp)));

  ComponentPtr vcalendar{icalcomponent_new_vcalendar()};
  icalcomponent* out = vcalendar.get();
  icalcomponent_add_property(out, icalproperty_new_version("2.0"));
  icalcomponent_add_property(out, icalproperty_new_prodid(std::string(kProductId).c_str()));
  icalcomponent_add_property(out, icalproperty_new_calscale("GREGORIAN"));
  if (calendar.method) {
    icalcomponent_add_property(out, icalproperty_new_method(ToIcal(*calendar.method)));
  }
  if (!name.empty()) {
    icalproperty* calname = icalproperty_new_x(name.c_str());
    icalproperty_set_x_name(calname, "X-WR-CALNAME");
    icalcomponent_add_property(out, calname);
  }
  // Google Calendar and Outlook read the zone of a subscribed feed from X-WR-TIMEZONE.
  icalproperty* zone_hint = icalproperty_new_x(std::string(kTimeZoneId).c_str());
  icalproperty_set_x_name(zone_hint, "X-WR-TIMEZONE");
  icalcomponent_add_property(out, zone_hint);
  icalcomponent_add_component(out, vtimezone.release());
  for (const Event& event : events) {
    icalcomponent_add_component(
        out, BuildEvent(event, calendar.method, calendar.stamp, zones).release());
  }
  return Serialise(out);
}

Result<std::string> Invitation(const Event& event, Method method, UnixMillis stamp) {
  if (method == Method::kPublish) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.invitation.bad_method", "method");
  }
  if (!event.organizer) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.invitation.no_organizer", "organizer");
  }
  if (event.attendees.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.invitation.no_attendee", "attendees");
  }
  Calendar calendar;
  calendar.method = method;
  calendar.stamp = stamp;
  calendar.events.push_back(event);
  Result<std::string> written = WriteCalendar(calendar);
  if (!written) {
    // One event: its field reads as the event's own ("summary", not "events[0].summary").
    Error error = std::move(written).error();
    if (error.field.starts_with("events[0].")) {
      error.field.erase(0, std::string_view("events[0].").size());
    }
    return std::unexpected(std::move(error));
  }
  return written;
}

}  // namespace ensemble::calendar
