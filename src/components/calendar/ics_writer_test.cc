// Reads every calendar back with two independent readers: ical.js (through read_ics.mjs, run by
// node) and libical's own parser. ical.js does the recurrence expansion and the time zone
// arithmetic from the VTIMEZONE in the file, so a wrong rule shows as a wrong UTC instant.
#include "components/calendar/ics_writer.h"

#include <gtest/gtest.h>
#include <libical/ical.h>
#include <unistd.h>

#include <array>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/text.h"

namespace ensemble::calendar {
namespace {

namespace json = boost::json;
using std::chrono::Tuesday;
using std::chrono::Wednesday;

// 2026-01-15T09:30:00Z.
constexpr UnixMillis kStamp = 1768469400000;

struct CommandOutput {
  int status = -1;
  std::string out;
};

CommandOutput Run(const std::string& command) {
  CommandOutput result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  std::array<char, 4096> buffer;
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.out.append(buffer.data(), n);
  }
  result.status = pclose(pipe);
  return result;
}

std::filesystem::path WriteTemp(const std::string& text) {
  static int counter = 0;
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("ensemble_calendar_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + ".ics");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// What ical.js understood of the ICS, or a failed test (node or ical.js missing included:
// the test must not pass without its reader).
json::object ReadWithIcalJs(const std::string& ics, int occurrences = 6) {
  const std::filesystem::path file = WriteTemp(ics);
  const CommandOutput output =
      Run("node '" ENSEMBLE_CALENDAR_READ_ICS "' '" ENSEMBLE_ICAL_JS "' '" + file.string() + "' " +
          std::to_string(occurrences));
  std::filesystem::remove(file);
  EXPECT_EQ(output.status, 0) << "node failed (is web/node_modules installed? cd web && npm ci)";
  boost::system::error_code error;
  json::value parsed = json::parse(output.out, error);
  EXPECT_FALSE(error) << output.out;
  if (error || !parsed.is_object()) {
    return {};
  }
  return parsed.as_object();
}

std::string Str(const json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : "<" + json::serialize(value) + ">";
}

Event Meeting() {
  Event event;
  event.uid = "meeting-12@ensemble.example.org";
  event.sequence = 1;
  event.summary = "Réunion d'équipe, bilan; été \\ 2026";
  event.description = "Ordre du jour :\n1. Accueil\n2. Budget";
  event.location = "Salle « Les Lilas », 3 rue de l'Église";
  event.url = "https://ensemble.example.org/meetings/12";
  event.start = MakeLocalTime(2026, 3, 3, 14, 0);
  event.end = MakeLocalTime(2026, 3, 3, 16, 0);
  event.categories = {"Équipe", "Bilan"};
  event.organizer = Organizer{"Élise Martin", "elise@example.org"};
  event.attendees = {
      {"Karim \"KB\" Benali, animateur", "karim@example.org", AttendeeRole::kRequired,
       ParticipationStatus::kNeedsAction},
      {"", "chloe@example.org", AttendeeRole::kOptional, ParticipationStatus::kAccepted},
  };
  event.created = 1767225600000;        // 2026-01-01T00:00:00Z
  event.last_modified = 1768389000000;  // 2026-01-14T11:10:00Z
  return event;
}

Event FirstTuesdays() {
  Event event;
  event.uid = "meeting-7@ensemble.example.org";
  event.summary = "Conseil de maison";
  event.start = MakeLocalTime(2026, 1, 6, 18, 0);
  event.end = MakeLocalTime(2026, 1, 6, 20, 0);
  event.recurrence =
      Recurrence{.frequency = Frequency::kMonthly, .by_day = {{Tuesday, 1}}, .count = 6};
  event.exception_dates = {MakeLocalTime(2026, 3, 3, 18, 0)};
  event.organizer = Organizer{"Élise Martin", "elise@example.org"};
  event.attendees = {{"Karim Benali", "karim@example.org"}};
  return event;
}

std::string Write(std::vector<Event> events, std::optional<Method> method = Method::kPublish) {
  Calendar calendar{.name = "Centre social « Les Lilas »",
                    .method = method,
                    .stamp = kStamp,
                    .events = std::move(events)};
  Result<std::string> ics = WriteCalendar(calendar);
  EXPECT_TRUE(ics.has_value()) << ics.error().field << ": " << ics.error().message;
  return ics.value_or("");
}

std::size_t CountOf(std::string_view text, std::string_view needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

TEST(WriteCalendar, IcalJsReadsTheFeed) {
  const json::object read = ReadWithIcalJs(Write({Meeting()}));
  ASSERT_FALSE(read.empty());
  EXPECT_EQ(Str(read.at("version")), "2.0");
  EXPECT_EQ(Str(read.at("prodid")), kProductId);
  EXPECT_EQ(Str(read.at("calscale")), "GREGORIAN");
  EXPECT_EQ(Str(read.at("method")), "PUBLISH");
  EXPECT_EQ(Str(read.at("name")), "Centre social « Les Lilas »");
  EXPECT_EQ(json::serialize(read.at("timezones")), R"(["Europe/Paris"])");

  const json::object& event = read.at("events").as_array().at(0).as_object();
  EXPECT_EQ(Str(event.at("uid")), "meeting-12@ensemble.example.org");
  EXPECT_EQ(event.at("sequence").as_int64(), 1);
  EXPECT_EQ(Str(event.at("summary")), "Réunion d'équipe, bilan; été \\ 2026");
  EXPECT_EQ(Str(event.at("description")), "Ordre du jour :\n1. Accueil\n2. Budget");
  EXPECT_EQ(Str(event.at("location")), "Salle « Les Lilas », 3 rue de l'Église");
  EXPECT_EQ(Str(event.at("url")), "https://ensemble.example.org/meetings/12");
  EXPECT_EQ(Str(event.at("status")), "CONFIRMED");
  EXPECT_EQ(json::serialize(event.at("categories")), R"(["Équipe","Bilan"])");
  EXPECT_EQ(Str(event.at("dtstamp").at("utc")), "2026-01-15T09:30:00.000Z");
  EXPECT_EQ(Str(event.at("created").at("utc")), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(Str(event.at("lastModified").at("utc")), "2026-01-14T11:10:00.000Z");

  const json::object& start = event.at("start").as_object();
  EXPECT_EQ(Str(start.at("local")), "2026-03-03T14:00:00");
  EXPECT_EQ(Str(start.at("tzid")), "Europe/Paris");
  EXPECT_EQ(Str(start.at("utc")), "2026-03-03T13:00:00.000Z");  // winter time, UTC+1
  EXPECT_EQ(Str(event.at("end").at("utc")), "2026-03-03T15:00:00.000Z");

  EXPECT_EQ(Str(event.at("organizer").at("email")), "mailto:elise@example.org");
  EXPECT_EQ(Str(event.at("organizer").at("cn")), "Élise Martin");
  const json::array& attendees = event.at("attendees").as_array();
  ASSERT_EQ(attendees.size(), 2u);
  EXPECT_EQ(Str(attendees[0].at("cn")), "Karim \"KB\" Benali, animateur");
  EXPECT_EQ(Str(attendees[0].at("role")), "REQ-PARTICIPANT");
  EXPECT_EQ(Str(attendees[0].at("partstat")), "NEEDS-ACTION");
  EXPECT_TRUE(attendees[0].at("rsvp").is_null());  // a feed asks no answer
  EXPECT_TRUE(attendees[1].at("cn").is_null());
  EXPECT_EQ(Str(attendees[1].at("role")), "OPT-PARTICIPANT");
  EXPECT_EQ(Str(attendees[1].at("partstat")), "ACCEPTED");
}

TEST(WriteCalendar, SummerTimeComesFromTheTimeZoneRules) {
  Event summer = Meeting();
  summer.start = MakeLocalTime(2026, 7, 14, 14, 0);
  summer.end = MakeLocalTime(2026, 7, 14, 15, 30);
  // The night the clocks go back: 02:30 happens twice, and a writer that guessed a fixed
  // offset would be an hour off on one side of it.
  Event autumn = Meeting();
  autumn.uid = "meeting-13@ensemble.example.org";
  autumn.start = MakeLocalTime(2026, 10, 24, 9, 0);
  autumn.end = MakeLocalTime(2026, 10, 26, 9, 0);
  const json::object read = ReadWithIcalJs(Write({summer, autumn}));
  ASSERT_FALSE(read.empty());
  const json::array& events = read.at("events").as_array();
  EXPECT_EQ(Str(events.at(0).at("start").at("utc")), "2026-07-14T12:00:00.000Z");
  EXPECT_EQ(Str(events.at(1).at("start").at("utc")), "2026-10-24T07:00:00.000Z");
  EXPECT_EQ(Str(events.at(1).at("end").at("utc")), "2026-10-26T08:00:00.000Z");
}

TEST(WriteCalendar, MonthlyFirstTuesdaySkipsItsExceptionDate) {
  const json::object read = ReadWithIcalJs(Write({FirstTuesdays()}), 10);
  ASSERT_FALSE(read.empty());
  const json::object& event = read.at("events").as_array().at(0).as_object();
  EXPECT_EQ(Str(event.at("rrule")), "FREQ=MONTHLY;COUNT=6;BYDAY=1TU");
  std::vector<std::string> local;
  std::vector<std::string> utc;
  for (const json::value& occurrence : event.at("occurrences").as_array()) {
    local.push_back(Str(occurrence.at("local")));
    utc.push_back(Str(occurrence.at("utc")));
  }
  // COUNT counts the excluded 3 March (RFC 5545 3.8.5.1), so five remain.
  EXPECT_EQ(local, (std::vector<std::string>{"2026-01-06T18:00:00", "2026-02-03T18:00:00",
                                             "2026-04-07T18:00:00", "2026-05-05T18:00:00",
                                             "2026-06-02T18:00:00"}));
  EXPECT_EQ(utc.at(0), "2026-01-06T17:00:00.000Z");
  EXPECT_EQ(utc.at(2), "2026-04-07T16:00:00.000Z");  // after the spring change
  EXPECT_EQ(Str(event.at("exdates").at(0).at("tzid")), "Europe/Paris");
}

TEST(WriteCalendar, UntilIncludesTheLastDayInParis) {
  Event weekly = FirstTuesdays();
  weekly.start = MakeLocalTime(2026, 3, 11, 18, 0);
  weekly.end = MakeLocalTime(2026, 3, 11, 19, 0);
  weekly.exception_dates.clear();
  weekly.recurrence = Recurrence{.frequency = Frequency::kWeekly,
                                 .interval = 2,
                                 .by_day = {{Wednesday, 0}},
                                 .until = MakeDay(2026, 4, 8)};
  const json::object read = ReadWithIcalJs(Write({weekly}), 10);
  ASSERT_FALSE(read.empty());
  const json::object& event = read.at("events").as_array().at(0).as_object();
  // 8 April, 23:59:59 in summer time.
  EXPECT_EQ(Str(event.at("rrule")), "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20260408T215959Z");
  std::vector<std::string> local;
  for (const json::value& occurrence : event.at("occurrences").as_array()) {
    local.push_back(Str(occurrence.at("local")));
  }
  EXPECT_EQ(local, (std::vector<std::string>{"2026-03-11T18:00:00", "2026-03-25T18:00:00",
                                             "2026-04-08T18:00:00"}));
}

TEST(WriteCalendar, AllDayEventsAreDates) {
  Event deadline;
  deadline.uid = "call-3-deadline@ensemble.example.org";
  deadline.summary = "Date limite : appel à projets « Jeunesse »";
  deadline.start = MakeDay(2026, 5, 15);
  deadline.end = MakeDay(2026, 5, 16);
  deadline.status = EventStatus::kTentative;
  deadline.recurrence = Recurrence{.frequency = Frequency::kYearly, .until = MakeDay(2028, 5, 15)};
  deadline.exception_dates = {MakeDay(2027, 5, 15)};
  const std::string ics = Write({deadline});
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20260515\r\n"), std::string::npos) << ics;
  const json::object read = ReadWithIcalJs(ics);
  ASSERT_FALSE(read.empty());
  const json::object& event = read.at("events").as_array().at(0).as_object();
  EXPECT_TRUE(event.at("start").at("isDate").as_bool());
  EXPECT_EQ(Str(event.at("start").at("local")), "2026-05-15");
  EXPECT_EQ(Str(event.at("end").at("local")), "2026-05-16");
  EXPECT_EQ(Str(event.at("status")), "TENTATIVE");
  const json::array& occurrences = event.at("occurrences").as_array();
  ASSERT_EQ(occurrences.size(), 2u);
  EXPECT_EQ(Str(occurrences[1].at("local")), "2028-05-15");
}

TEST(WriteCalendar, EscapesFoldsAndWritesTheZoneOnce) {
  Event event = Meeting();
  event.description = "Une description longue, accentuée : " + [] {
    std::string accents;
    for (int i = 0; i < 60; ++i) {
      accents += "éàç€";  // two- and three-byte characters, so a fold can land inside one
    }
    return accents;
  }();
  const std::string ics = Write({event, FirstTuesdays()});
  EXPECT_NE(ics.find("SUMMARY:Réunion d'équipe\\, bilan\\; été \\\\ 2026\r\n"), std::string::npos)
      << ics;
  EXPECT_NE(ics.find("DTSTART;TZID=Europe/Paris:20260303T140000\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTAMP:20260115T093000Z\r\n"), std::string::npos);
  EXPECT_EQ(CountOf(ics, "BEGIN:VTIMEZONE"), 1u);
  EXPECT_EQ(CountOf(ics, "TZID:Europe/Paris\r\n"), 1u);
  EXPECT_EQ(CountOf(ics, "freeassociation"), 0u);
  // Cut to the rules since 2025: no local mean time of 1891, no wartime offsets.
  EXPECT_EQ(CountOf(ics, "TZNAME:PMT"), 0u);
  EXPECT_LT(CountOf(ics, "BEGIN:STANDARD") + CountOf(ics, "BEGIN:DAYLIGHT"), 8u);

  std::size_t begin = 0;
  std::size_t lines = 0;
  while (begin < ics.size()) {
    const std::size_t end = ics.find('\n', begin);
    ASSERT_NE(end, std::string::npos) << "the last line has no line break";
    ASSERT_GT(end, begin);
    EXPECT_EQ(ics[end - 1], '\r') << "line " << lines << " does not end in CRLF";
    const std::string_view line(ics.data() + begin, end - 1 - begin);
    EXPECT_LE(line.size(), 75u) << line;
    // libical folds between characters, never inside one: each physical line is UTF-8.
    EXPECT_TRUE(IsValidUtf8(line)) << "line " << lines << " splits a character: " << line;
    begin = end + 1;
    ++lines;
  }
  EXPECT_GT(CountOf(ics, "\r\n "), 3u);  // the description was folded

  const json::object read = ReadWithIcalJs(ics);
  ASSERT_FALSE(read.empty());
  EXPECT_EQ(Str(read.at("events").as_array().at(0).at("description")), event.description);
}

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

std::string AsText(icalcomponent* component) {
  char* text = icalcomponent_as_ical_string_r(component);
  std::string result = text == nullptr ? "" : text;
  std::free(text);
  return result;
}

TEST(WriteCalendar, LibicalParsesItBackToTheSameText) {
  const std::string ics = Write({Meeting(), FirstTuesdays()});
  ComponentPtr parsed{icalparser_parse_string(ics.c_str())};
  ASSERT_NE(parsed, nullptr);
  EXPECT_EQ(AsText(parsed.get()), ics);
  EXPECT_EQ(icalcomponent_count_components(parsed.get(), ICAL_VTIMEZONE_COMPONENT), 1);
  EXPECT_EQ(icalcomponent_count_components(parsed.get(), ICAL_VEVENT_COMPONENT), 2);
  // libical marks what it could not parse with X-LIC-ERROR properties.
  EXPECT_EQ(icalcomponent_count_errors(parsed.get()), 0);
  icalcomponent* event = icalcomponent_get_first_component(parsed.get(), ICAL_VEVENT_COMPONENT);
  EXPECT_STREQ(icalcomponent_get_summary(event), "Réunion d'équipe, bilan; été \\ 2026");
  icalproperty* start = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
  icalparameter* tzid = icalproperty_get_first_parameter(start, ICAL_TZID_PARAMETER);
  ASSERT_NE(tzid, nullptr);
  EXPECT_STREQ(icalparameter_get_tzid(tzid), "Europe/Paris");
}

// Checks an invitation against RFC 5546's tables of what each METHOD must and may carry, as
// libical's icalrestriction_check implements them (it marks each breach with X-LIC-ERROR).
void ExpectValidItip(const std::string& ics) {
  ComponentPtr parsed{icalparser_parse_string(ics.c_str())};
  ASSERT_NE(parsed, nullptr);
  EXPECT_EQ(icalrestriction_check(parsed.get()), 1) << AsText(parsed.get());
  EXPECT_EQ(icalcomponent_count_errors(parsed.get()), 0) << AsText(parsed.get());
}

TEST(Invitation, RequestCarriesTheSequenceAndAsksForAnAnswer) {
  Event event = Meeting();
  event.sequence = 2;
  Result<std::string> ics = Invitation(event, Method::kRequest, kStamp);
  ASSERT_TRUE(ics.has_value()) << ics.error().field << ": " << ics.error().message;
  EXPECT_EQ(CountOf(*ics, "X-WR-CALNAME"), 0u);

  ExpectValidItip(*ics);

  const json::object read = ReadWithIcalJs(*ics);
  ASSERT_FALSE(read.empty());
  EXPECT_EQ(Str(read.at("method")), "REQUEST");
  const json::object& read_event = read.at("events").as_array().at(0).as_object();
  EXPECT_EQ(read_event.at("sequence").as_int64(), 2);
  EXPECT_EQ(Str(read_event.at("status")), "CONFIRMED");
  EXPECT_EQ(Str(read_event.at("attendees").at(0).at("rsvp")), "TRUE");
  EXPECT_TRUE(read_event.at("attendees").at(1).at("rsvp").is_null());  // already accepted
}

TEST(Invitation, CancelsOneOccurrence) {
  Event series = FirstTuesdays();
  series.sequence = 3;
  const Event removed = OccurrenceOf(series, MakeLocalTime(2026, 4, 7, 18, 0));
  Result<std::string> ics = Invitation(removed, Method::kCancel, kStamp);
  ASSERT_TRUE(ics.has_value()) << ics.error().field << ": " << ics.error().message;

  ExpectValidItip(*ics);

  const json::object read = ReadWithIcalJs(*ics);
  ASSERT_FALSE(read.empty());
  EXPECT_EQ(Str(read.at("method")), "CANCEL");
  const json::object& event = read.at("events").as_array().at(0).as_object();
  EXPECT_EQ(Str(event.at("uid")), "meeting-7@ensemble.example.org");
  EXPECT_EQ(event.at("sequence").as_int64(), 3);
  EXPECT_EQ(Str(event.at("status")), "CANCELLED");
  EXPECT_TRUE(event.at("rrule").is_null());
  EXPECT_EQ(Str(event.at("recurrenceId").at("local")), "2026-04-07T18:00:00");
  EXPECT_EQ(Str(event.at("recurrenceId").at("tzid")), "Europe/Paris");
  EXPECT_EQ(Str(event.at("recurrenceId").at("utc")), "2026-04-07T16:00:00.000Z");
}

TEST(Invitation, RefusesWhatIsNotAnInvitation) {
  Event event = Meeting();
  Result<std::string> publish = Invitation(event, Method::kPublish, kStamp);
  ASSERT_FALSE(publish.has_value());
  EXPECT_EQ(publish.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(publish.error().field, "method");

  event.attendees.clear();
  Result<std::string> alone = Invitation(event, Method::kRequest, kStamp);
  ASSERT_FALSE(alone.has_value());
  EXPECT_EQ(alone.error().field, "attendees");

  event = Meeting();
  event.organizer.reset();
  Result<std::string> anonymous = Invitation(event, Method::kCancel, kStamp);
  ASSERT_FALSE(anonymous.has_value());
  EXPECT_EQ(anonymous.error().field, "organizer");

  event = Meeting();
  event.summary = "";
  Result<std::string> untitled = Invitation(event, Method::kRequest, kStamp);
  ASSERT_FALSE(untitled.has_value());
  EXPECT_EQ(untitled.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(untitled.error().field, "summary");
}

TEST(WriteCalendar, NamesTheInvalidEvent) {
  Event broken = FirstTuesdays();
  broken.end = MakeLocalTime(2026, 1, 6, 17, 0);
  Calendar calendar{
      .name = "Agenda", .method = Method::kPublish, .stamp = kStamp, .events = {Meeting(), broken}};
  Result<std::string> ics = WriteCalendar(calendar);
  ASSERT_FALSE(ics.has_value());
  EXPECT_EQ(ics.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(ics.error().field, "events[1].end");
  EXPECT_NE(ics.error().context.find("meeting-7@ensemble.example.org"), std::string::npos);

  calendar.events = {};
  calendar.name = "Agenda\n2";
  ics = WriteCalendar(calendar);
  ASSERT_FALSE(ics.has_value());
  EXPECT_EQ(ics.error().field, "name");
}

TEST(WriteCalendar, AnEmptyFeedIsStillACalendar) {
  const std::string ics = Write({});
  const json::object read = ReadWithIcalJs(ics);
  ASSERT_FALSE(read.empty());
  EXPECT_EQ(read.at("events").as_array().size(), 0u);
  EXPECT_EQ(json::serialize(read.at("timezones")), R"(["Europe/Paris"])");
}

// Feeds are served from many handler threads at once, and the first use of libical's zone
// data is the racy moment. ctest runs each test in a process of its own, so there these
// threads are the first to touch it.
TEST(WriteCalendar, ThreadsWriteTheSameBytes) {
  const std::vector<Event> events = {Meeting(), FirstTuesdays()};
  std::vector<std::string> written(8);
  std::vector<std::thread> threads;
  for (std::string& out : written) {
    threads.emplace_back([&out, &events] { out = Write(events); });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (const std::string& out : written) {
    EXPECT_EQ(out, written.front());
  }
  EXPECT_FALSE(written.front().empty());
}

}  // namespace
}  // namespace ensemble::calendar
