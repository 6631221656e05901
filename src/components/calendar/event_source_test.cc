#include "components/calendar/event_source.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace ensemble::calendar {
namespace {

// A module's source as the modules will write one: it answers from what it was given and
// remembers what it was asked, so the test can check that the owner and range pass through.
class ListSource final : public EventSource {
 public:
  ListSource(std::string name, Result<std::vector<Event>> events)
      : name_(std::move(name)), events_(std::move(events)) {}
  std::string_view Name() const override { return name_; }
  Result<std::vector<Event>> EventsFor(const FeedOwner& owner, DateRange range) const override {
    asked_owner_ = owner;
    asked_range_ = range;
    return events_;
  }
  // Mutable: the source is const to the registry, and recording the question is not state.
  mutable FeedOwner asked_owner_;
  mutable std::optional<DateRange> asked_range_;

 private:
  std::string name_;
  Result<std::vector<Event>> events_;
};

Event At(std::string uid, Moment start, Moment end) {
  Event event;
  event.uid = std::move(uid);
  event.summary = "Événement";
  event.start = start;
  event.end = end;
  return event;
}

Event AtTime(std::string uid, int day, int hour) {
  return At(std::move(uid), MakeLocalTime(2026, 3, static_cast<unsigned>(day), hour, 0),
            MakeLocalTime(2026, 3, static_cast<unsigned>(day), hour + 1, 0));
}

const DateRange kMarch{MakeDay(2026, 3, 1), MakeDay(2026, 3, 31)};
const FeedOwner kPerson{OwnerKind::kPerson, 42};

TEST(EventSourceRegistry, MergesEverySourceInStartOrder) {
  EventSourceRegistry registry;
  auto meetings = std::make_unique<ListSource>(
      "meetings", std::vector<Event>{AtTime("meeting-2@example.org", 10, 14),
                                     AtTime("meeting-1@example.org", 3, 18)});
  ListSource* meetings_seen = meetings.get();
  ASSERT_TRUE(registry.Register(std::move(meetings)).has_value());
  ASSERT_TRUE(registry
                  .Register(std::make_unique<ListSource>(
                      "staffing",
                      std::vector<Event>{
                          AtTime("shift-9@example.org", 3, 9),
                          At("leave-4@example.org", MakeDay(2026, 3, 3), MakeDay(2026, 3, 4)),
                          AtTime("shift-8@example.org", 10, 14),
                      }))
                  .has_value());

  Result<std::vector<Event>> events = registry.Collect(kPerson, kMarch);
  ASSERT_TRUE(events.has_value()) << events.error().message;
  std::vector<std::string> uids;
  for (const Event& event : *events) {
    uids.push_back(event.uid);
  }
  // The all-day leave first on the 3rd; equal starts on the 10th ordered by UID.
  EXPECT_EQ(uids, (std::vector<std::string>{"leave-4@example.org", "shift-9@example.org",
                                            "meeting-1@example.org", "meeting-2@example.org",
                                            "shift-8@example.org"}));
  EXPECT_EQ(meetings_seen->asked_owner_.kind, OwnerKind::kPerson);
  EXPECT_EQ(meetings_seen->asked_owner_.id, 42);
  ASSERT_TRUE(meetings_seen->asked_range_.has_value());
  EXPECT_EQ(meetings_seen->asked_range_->first, MakeDay(2026, 3, 1));
  EXPECT_EQ(meetings_seen->asked_range_->last, MakeDay(2026, 3, 31));
  EXPECT_EQ(registry.Names(), (std::vector<std::string>{"meetings", "staffing"}));
}

TEST(EventSourceRegistry, ASeriesComesBeforeItsChangedOccurrence) {
  Event series = AtTime("meeting-7@example.org", 3, 18);
  series.recurrence = Recurrence{.frequency = Frequency::kWeekly};
  Event moved = OccurrenceOf(series, MakeLocalTime(2026, 3, 10, 18, 0));
  moved.start = MakeLocalTime(2026, 3, 3, 18, 0);  // moved onto the series' first day
  moved.end = MakeLocalTime(2026, 3, 3, 19, 0);
  EventSourceRegistry registry;
  ASSERT_TRUE(
      registry.Register(std::make_unique<ListSource>("meetings", std::vector<Event>{moved, series}))
          .has_value());
  Result<std::vector<Event>> events = registry.Collect(kPerson, kMarch);
  ASSERT_TRUE(events.has_value());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_FALSE((*events)[0].recurrence_id.has_value());
  EXPECT_TRUE((*events)[1].recurrence_id.has_value());
}

TEST(EventSourceRegistry, AFailingSourceFailsTheFeedAndIsNamed) {
  EventSourceRegistry registry;
  ASSERT_TRUE(registry
                  .Register(std::make_unique<ListSource>(
                      "meetings", std::vector<Event>{AtTime("meeting-1@example.org", 3, 18)}))
                  .has_value());
  ASSERT_TRUE(
      registry
          .Register(std::make_unique<ListSource>(
              "mobile-tours", Fail(ErrorCode::kUnavailable, "The database is unreachable.")))
          .has_value());
  Result<std::vector<Event>> events = registry.Collect(kPerson, kMarch);
  ASSERT_FALSE(events.has_value());
  EXPECT_EQ(events.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(events.error().message, "The database is unreachable.");
  EXPECT_NE(events.error().context.find("\"mobile-tours\""), std::string::npos)
      << events.error().context;
}

TEST(EventSourceRegistry, AnInvalidEventFailsTheFeedAndNamesItsSource) {
  Event broken = AtTime("meeting-1@example.org", 3, 18);
  broken.end = broken.start;
  EventSourceRegistry registry;
  ASSERT_TRUE(
      registry.Register(std::make_unique<ListSource>("meetings", std::vector<Event>{broken}))
          .has_value());
  Result<std::vector<Event>> events = registry.Collect(kPerson, kMarch);
  ASSERT_FALSE(events.has_value());
  EXPECT_EQ(events.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(events.error().field, "end");
  EXPECT_NE(events.error().context.find("\"meetings\""), std::string::npos);
  EXPECT_NE(events.error().context.find("meeting-1@example.org"), std::string::npos);
}

TEST(EventSourceRegistry, RefusesBadAndDuplicateNames) {
  EventSourceRegistry registry;
  for (const char* name : {"", "Meetings", "réunions", "meetings feed",
                           "a-name-that-is-much-longer-than-forty-chars"}) {
    Status status = registry.Register(std::make_unique<ListSource>(name, std::vector<Event>{}));
    ASSERT_FALSE(status.has_value()) << name;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument) << name;
    EXPECT_EQ(status.error().field, "name");
  }
  ASSERT_TRUE(registry.Register(std::make_unique<ListSource>("meetings", std::vector<Event>{}))
                  .has_value());
  Status again = registry.Register(std::make_unique<ListSource>("meetings", std::vector<Event>{}));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(again.error().field, "name");
  EXPECT_EQ(registry.Names(), std::vector<std::string>{"meetings"});
}

TEST(EventSourceRegistry, RefusesABackwardRange) {
  EventSourceRegistry registry;
  Result<std::vector<Event>> events =
      registry.Collect(kPerson, DateRange{MakeDay(2026, 3, 31), MakeDay(2026, 3, 1)});
  ASSERT_FALSE(events.has_value());
  EXPECT_EQ(events.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(events.error().field, "range");
  // One day is a range.
  EXPECT_TRUE(
      registry.Collect(kPerson, DateRange{MakeDay(2026, 3, 1), MakeDay(2026, 3, 1)}).has_value());
}

}  // namespace
}  // namespace ensemble::calendar
