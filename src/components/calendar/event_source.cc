#include "components/calendar/event_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <utility>

namespace ensemble::calendar {
namespace {

constexpr std::size_t kMaxSourceNameChars = 40;

bool IsSourceName(std::string_view name) {
  return !name.empty() && name.size() <= kMaxSourceNameChars &&
         std::ranges::all_of(name, [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

// The key events are ordered by. The recurrence id comes last, the series (none) first.
auto OrderKey(const Event& event) {
  const bool is_occurrence = event.recurrence_id.has_value();
  const LocalTime recurrence = is_occurrence ? BeginningOf(*event.recurrence_id) : LocalTime::min();
  return std::make_tuple(BeginningOf(event.start), std::holds_alternative<LocalTime>(event.start),
                         std::string_view(event.uid), is_occurrence, recurrence);
}

}  // namespace

Status EventSourceRegistry::Register(std::unique_ptr<EventSource> source) {
  if (source == nullptr) {
    return Internal("No event source to register.", "source");
  }
  const std::string_view name = source->Name();
  if (!IsSourceName(name)) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"calendar.source.bad_name", {{"max", kMaxSourceNameChars}}}, "name");
  }
  const bool taken = std::ranges::any_of(
      sources_, [name](const std::unique_ptr<EventSource>& s) { return s->Name() == name; });
  if (taken) {
    return Fail(ErrorCode::kAlreadyExists, Message{"calendar.source.taken", {{"name", name}}},
                "name");
  }
  sources_.push_back(std::move(source));
  return Ok();
}

Result<std::vector<Event>> EventSourceRegistry::Collect(const FeedOwner& owner,
                                                        DateRange range) const {
  if (!range.first.ok() || !range.last.ok() ||
      std::chrono::local_days{range.last} < std::chrono::local_days{range.first}) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.range.ends_before_start", "range");
  }
  std::vector<Event> merged;
  for (const std::unique_ptr<EventSource>& source : sources_) {
    const std::string context = fmt::format("collecting events from source \"{}\"", source->Name());
    Result<std::vector<Event>> events = source->EventsFor(owner, range);
    if (!events) {
      return std::unexpected(std::move(events).error().WithContext(context));
    }
    for (const Event& event : *events) {
      Result<Event> valid = ValidateEvent(event);
      if (!valid) {
        return std::unexpected(
            std::move(valid).error().WithContext(fmt::format("{}: event {}", context, event.uid)));
      }
      merged.push_back(*std::move(valid));
    }
  }
  std::ranges::stable_sort(
      merged, [](const Event& a, const Event& b) { return OrderKey(a) < OrderKey(b); });
  return merged;
}

std::vector<std::string> EventSourceRegistry::Names() const {
  std::vector<std::string> names;
  names.reserve(sources_.size());
  for (const std::unique_ptr<EventSource>& source : sources_) {
    names.emplace_back(source->Name());
  }
  return names;
}

}  // namespace ensemble::calendar
