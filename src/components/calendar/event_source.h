// Where the events of a feed come from. Each module that puts events in people's calendars
// (staff plans, meetings, mobile-unit tours, call-for-projects deadlines) implements one
// EventSource and registers it with one explicit call at start; a feed is the merge of every
// source's events for its owner, a person or a structure.
// Thread-safety: register every source before the registry is shared; from then on Collect
// may run on many threads at once, provided the sources' EventsFor may.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "components/calendar/event.h"
#include "core/error.h"

namespace ensemble::calendar {

enum class OwnerKind { kPerson, kStructure };

// Whose feed it is: a person's own calendar, or a structure's (its shared calendar).
struct FeedOwner {
  OwnerKind kind = OwnerKind::kPerson;
  std::int64_t id = 0;
};

// The days a feed covers, in Europe/Paris: from first to last, both included.
struct DateRange {
  Day first;
  Day last;
};

class EventSource {
 public:
  virtual ~EventSource() = default;
  // A short lower-case name ("meetings", "staffing"): it names the source in errors and logs.
  virtual std::string_view Name() const = 0;
  // The owner's events that occur within the range. A series is returned whole (with its
  // recurrence) when one of its occurrences falls in the range, even if it began earlier.
  virtual Result<std::vector<Event>> EventsFor(const FeedOwner& owner, DateRange range) const = 0;
};

class EventSourceRegistry {
 public:
  // kInvalidArgument on "name" for a name that is not lower-case letters, digits and '-'
  // (1 to 40 of them); kAlreadyExists on "name" when a source of that name is registered.
  Status Register(std::unique_ptr<EventSource> source);

  // Every source's events for the owner, each validated, in start order (all-day events
  // before the timed ones of their first day, ties by UID then recurrence id, so the feed's
  // bytes do not depend on the order of registration). A source that fails, or returns an
  // invalid event, fails the whole feed: its error keeps its code and field, and its
  // context names the source. kInvalidArgument on "range" when last is before first.
  Result<std::vector<Event>> Collect(const FeedOwner& owner, DateRange range) const;

  // The registered names, in registration order.
  std::vector<std::string> Names() const;

 private:
  std::vector<std::unique_ptr<EventSource>> sources_;
};

}  // namespace ensemble::calendar
