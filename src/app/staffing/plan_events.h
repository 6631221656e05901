// The staffing module's events in the calendar feeds (components/calendar/event_source.h): each
// planned half-day of the live plans. A person's feed has her half-days across every position
// and site, named after the structure she works for then; a structure's feed has the half-days
// planned for it, named after the person and her position, and nothing of the half-days she
// works elsewhere. UIDs are stable per position, day and half-day, so that a re-planned
// half-day updates the event in people's calendars instead of adding a copy. The feeds have no
// reader to word them for: their texts are French, the platform's language.
//
// Thread-safety: as the Database; no state of its own.
#pragma once

#include "app/app.h"
#include "components/calendar/event_source.h"

namespace ensemble::app {

class StaffingPlanEvents : public calendar::EventSource {
 public:
  explicit StaffingPlanEvents(App& app) : app_(app) {}
  std::string_view Name() const override { return "staffing"; }
  Result<std::vector<calendar::Event>> EventsFor(const calendar::FeedOwner& owner,
                                                 calendar::DateRange range) const override;

 private:
  App& app_;
};

}  // namespace ensemble::app
