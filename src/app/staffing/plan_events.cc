#include "app/staffing/plan_events.h"

#include <map>

#include "storage/database.h"

namespace ensemble::app {
namespace {

using staffing::StoredHalfDay;

calendar::LocalTime At(staffing::Date day, int minute) {
  return calendar::LocalTime{std::chrono::local_days{day}} + std::chrono::minutes{minute};
}

std::string UidOf(const StoredHalfDay& half) {
  return "staffing-plan-" + std::to_string(half.position_id) + "-" + staffing::IsoDate(half.day) +
         "-" + std::string(staffing::ToString(half.half)) + "@ensemble.invalid";
}

calendar::Event EventOf(const StoredHalfDay& half, std::string summary, std::string description,
                        std::string location) {
  calendar::Event event;
  event.uid = UidOf(half);
  // A re-planned half-day is a new run: its id orders the versions of the event.
  event.sequence = static_cast<int>(half.plan_id % 1'000'000);
  event.summary = std::move(summary);
  event.description = std::move(description);
  event.location = std::move(location);
  event.start = At(half.day, half.start_minute);
  event.end = At(half.day, half.end_minute);
  event.categories = {"Planning"};
  return event;
}

}  // namespace

Result<std::vector<calendar::Event>> StaffingPlanEvents::EventsFor(
    const calendar::FeedOwner& owner, calendar::DateRange range) const {
  // The feed's token was checked by CalendarFeeds; the owner decides what is in it.
  return app_.database().InTransaction(
      storage::TransactionMode::kRead, storage::Scope::WholeDatabase(),
      [&](storage::Transaction& tx) -> Result<std::vector<calendar::Event>> {
        auto store = tx.Staffing();
        std::map<StructureId, std::string> names;
        const auto name_of = [&](StructureId id) -> Result<std::string> {
          if (auto found = names.find(id); found != names.end()) return found->second;
          const auto structure = ENSEMBLE_TRY(tx.Tenancy().FindStructure(id));
          return names[id] = structure ? structure->name : std::string();
        };
        std::vector<calendar::Event> events;
        const bool person = owner.kind == calendar::OwnerKind::kPerson;
        const auto positions = person ? ENSEMBLE_TRY(store.PositionsOfPerson(owner.id))
                                      : ENSEMBLE_TRY(store.PositionsOfStructure(owner.id));
        for (const staffing::Position& position : positions) {
          for (const StoredHalfDay& half :
               ENSEMBLE_TRY(store.PlannedHalfDays(position.id, range.first, range.last))) {
            if (!person && half.structure != owner.id) continue;  // elsewhere: not theirs
            const std::string site = ENSEMBLE_TRY(name_of(half.structure));
            std::string summary = person ? site : position.person_name + " — " + position.title;
            if (!half.commitment.empty()) summary += " · " + half.commitment;
            events.push_back(EventOf(half, std::move(summary), position.title, site));
          }
        }
        return events;
      });
}

}  // namespace ensemble::app
