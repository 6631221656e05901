#include "components/calendar/event.h"

#include <gtest/gtest.h>

#include <string>

namespace ensemble::calendar {
namespace {

using std::chrono::Tuesday;
using std::chrono::Wednesday;

Event Meeting() {
  Event event;
  event.uid = "meeting-12@ensemble.example.org";
  event.summary = "  Réunion d'équipe  ";
  event.start = MakeLocalTime(2026, 3, 3, 14, 0);
  event.end = MakeLocalTime(2026, 3, 3, 16, 0);
  event.organizer = Organizer{"Élise Martin", "Elise.Martin@Example.org"};
  event.attendees.push_back({"Karim", "karim@example.org"});
  return event;
}

void ExpectRefused(const Event& event, std::string_view field) {
  Result<Event> result = ValidateEvent(event);
  ASSERT_FALSE(result.has_value()) << "expected a refusal on " << field;
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().field, field) << result.error().message;
}

TEST(ValidateEvent, AcceptsAMeetingAndNormalisesIt) {
  Result<Event> valid = ValidateEvent(Meeting());
  ASSERT_TRUE(valid.has_value()) << valid.error().field << ": " << valid.error().message;
  EXPECT_EQ(valid->summary, "Réunion d'équipe");
  EXPECT_EQ(valid->organizer->email, "elise.martin@example.org");
}

TEST(ValidateEvent, RefusesUidsOfTheWrongShape) {
  for (const char* uid : {"", "meeting-12", "@example.org", "meeting 12@example.org", "meeting-12@",
                          "meeting-12@-bad.org", "réunion@example.org", "a@b@example.org",
                          "meeting-12@example..org"}) {
    Event event = Meeting();
    event.uid = uid;
    ExpectRefused(event, "uid");
  }
  Event event = Meeting();
  event.uid = std::string(250, 'a') + "@example.org";
  ExpectRefused(event, "uid");
}

TEST(ValidateEvent, RefusesBadTexts) {
  Event event = Meeting();
  event.summary = "   ";
  ExpectRefused(event, "summary");
  event = Meeting();
  event.summary = std::string(kMaxSummaryChars + 1, 'e');
  ExpectRefused(event, "summary");
  event = Meeting();
  event.summary = "Réunion\nsuite";  // one line only
  ExpectRefused(event, "summary");
  event = Meeting();
  event.location = "Salle\xe2\x80\xae 3";  // a bidirectional override
  ExpectRefused(event, "location");
  event = Meeting();
  event.description = std::string(kMaxDescriptionChars + 1, 'x');
  ExpectRefused(event, "description");
  event = Meeting();
  event.url = "javascript:alert(1)";
  ExpectRefused(event, "url");
  event = Meeting();
  event.url = "https://example.org/a b";
  ExpectRefused(event, "url");
  event = Meeting();
  event.categories = {"Équipe", "Bilan, budget"};
  ExpectRefused(event, "categories[1]");
}

TEST(ValidateEvent, RefusesAnEndThatIsNotAfterTheStart) {
  Event event = Meeting();
  event.end = event.start;
  ExpectRefused(event, "end");
  event.end = MakeLocalTime(2026, 3, 3, 13, 59);
  ExpectRefused(event, "end");
  event.end = MakeDay(2026, 3, 4);  // a day where a time is expected
  ExpectRefused(event, "end");
}

TEST(ValidateEvent, RefusesImpossibleDays) {
  Event event = Meeting();
  event.start = MakeDay(2026, 2, 30);
  event.end = MakeDay(2026, 3, 2);
  ExpectRefused(event, "start");
  event.start = MakeDay(1850, 1, 1);
  ExpectRefused(event, "start");
}

TEST(ValidateEvent, ChecksTheRecurrence) {
  Event event = Meeting();
  event.recurrence = Recurrence{.frequency = Frequency::kMonthly, .interval = 0};
  ExpectRefused(event, "recurrence.interval");

  event.recurrence =
      Recurrence{.frequency = Frequency::kMonthly, .count = 3, .until = MakeDay(2026, 6, 1)};
  ExpectRefused(event, "recurrence.until");

  event.recurrence = Recurrence{.frequency = Frequency::kMonthly, .count = 0};
  ExpectRefused(event, "recurrence.count");

  event.recurrence = Recurrence{.frequency = Frequency::kMonthly, .until = MakeDay(2026, 3, 2)};
  ExpectRefused(event, "recurrence.until");

  event.recurrence = Recurrence{.frequency = Frequency::kWeekly, .by_day = {{Tuesday, 1}}};
  ExpectRefused(event, "recurrence.by_day[0]");

  event.recurrence =
      Recurrence{.frequency = Frequency::kMonthly, .by_day = {{Tuesday, 1}, {Wednesday, 6}}};
  ExpectRefused(event, "recurrence.by_day[1]");

  event.recurrence = Recurrence{.frequency = Frequency::kMonthly, .by_month_day = {1, 0}};
  ExpectRefused(event, "recurrence.by_month_day[1]");

  event.recurrence = Recurrence{.frequency = Frequency::kWeekly, .by_month_day = {1}};
  ExpectRefused(event, "recurrence.by_month_day");

  event.recurrence = Recurrence{.frequency = Frequency::kMonthly};
  event.recurrence->by_month_day.assign(kMaxByMonthDay + 1, 1);
  ExpectRefused(event, "recurrence.by_month_day");

  event.recurrence = Recurrence{.frequency = Frequency::kMonthly, .by_day = {{Tuesday, -1}}};
  EXPECT_TRUE(ValidateEvent(event).has_value());
}

TEST(ValidateEvent, ChecksExceptionDatesAndRecurrenceIds) {
  Event event = Meeting();
  event.exception_dates = {MakeLocalTime(2026, 4, 7, 14, 0)};
  ExpectRefused(event, "exception_dates");  // not a series

  event.recurrence = Recurrence{.frequency = Frequency::kMonthly, .by_day = {{Tuesday, 1}}};
  event.exception_dates = {MakeLocalTime(2026, 4, 7, 14, 0), MakeDay(2026, 5, 5)};
  ExpectRefused(event, "exception_dates[1]");

  event.exception_dates.clear();
  event.recurrence_id = MakeLocalTime(2026, 4, 7, 14, 0);
  ExpectRefused(event, "recurrence");

  event.recurrence.reset();
  event.recurrence_id = MakeDay(2026, 4, 7);
  ExpectRefused(event, "recurrence_id");
}

TEST(ValidateEvent, ChecksPeopleAndInstants) {
  Event event = Meeting();
  event.attendees.push_back({"Sans adresse", "pas-une-adresse"});
  ExpectRefused(event, "attendees[1].email");

  event = Meeting();
  event.organizer->email = "";
  ExpectRefused(event, "organizer.email");

  event = Meeting();
  event.sequence = -1;
  ExpectRefused(event, "sequence");

  event = Meeting();
  event.created = 2000;
  event.last_modified = 1000;
  ExpectRefused(event, "last_modified");
}

TEST(OccurrenceOf, KeepsTheDurationAndMarksTheOccurrence) {
  Event series = Meeting();
  series.recurrence = Recurrence{.frequency = Frequency::kMonthly, .by_day = {{Tuesday, 1}}};
  series.exception_dates = {MakeLocalTime(2026, 5, 5, 14, 0)};
  const Event one = OccurrenceOf(series, MakeLocalTime(2026, 4, 7, 14, 0));
  EXPECT_EQ(one.uid, series.uid);
  EXPECT_FALSE(one.recurrence.has_value());
  EXPECT_TRUE(one.exception_dates.empty());
  EXPECT_EQ(one.recurrence_id, Moment{MakeLocalTime(2026, 4, 7, 14, 0)});
  EXPECT_EQ(one.end, Moment{MakeLocalTime(2026, 4, 7, 16, 0)});
  EXPECT_TRUE(ValidateEvent(one).has_value());

  Event days = Meeting();
  days.start = MakeDay(2026, 7, 6);
  days.end = MakeDay(2026, 7, 9);
  days.recurrence = Recurrence{.frequency = Frequency::kYearly};
  const Event next_year = OccurrenceOf(days, MakeDay(2027, 7, 6));
  EXPECT_EQ(next_year.end, Moment{MakeDay(2027, 7, 9)});
}

}  // namespace
}  // namespace ensemble::calendar
