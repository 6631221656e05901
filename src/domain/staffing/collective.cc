#include "domain/staffing/collective.h"

#include <algorithm>

namespace ensemble::staffing {

SharingLevel LevelOf(const CollectiveLevels& levels, StructureId structure) {
  const auto found = levels.find(structure);
  return found == levels.end() ? SharingLevel::kPrivate : found->second;
}

namespace {

bool Reads(const Actor& actor, StructureId owner, const CollectiveLevels& levels,
           SharingLevel needed) {
  Target target;
  target.owner = owner;
  target.shared_level = LevelOf(levels, owner);
  target.needed_level = needed;
  return Decide(actor, Action::kReadSharedPositions, target).allowed();
}

}  // namespace

bool ReadsInFull(const Actor& actor, std::span<const StructureId> parties,
                 const CollectiveLevels& levels) {
  if (parties.empty()) return false;
  if (actor.acting_structure_id &&
      std::find(parties.begin(), parties.end(), *actor.acting_structure_id) != parties.end()) {
    return true;
  }
  return std::all_of(parties.begin(), parties.end(), [&](StructureId party) {
    return Reads(actor, party, levels, SharingLevel::kFull);
  });
}

bool ReadsAggregatesOf(const Actor& actor, StructureId member, const CollectiveLevels& levels) {
  return Reads(actor, member, levels, SharingLevel::kAggregates);
}

std::vector<MemberPart> PartsAtMembers(const Position& position,
                                       std::span<const StructureId> parties,
                                       std::span<const StoredHalfDay> planned,
                                       std::span<const StructureId> members) {
  std::vector<MemberPart> parts;
  for (const StructureId party : parties) {
    if (std::find(members.begin(), members.end(), party) == members.end()) continue;
    MemberPart part{party, position.kind, position.id, 0};
    for (const StoredHalfDay& half : planned) {
      if (half.structure == party) part.planned_minutes += half.end_minute - half.start_minute;
    }
    parts.push_back(part);
  }
  return parts;
}

std::map<StructureId, int> PlannedMinutesByStructure(std::span<const StoredHalfDay> planned) {
  std::map<StructureId, int> minutes;
  for (const StoredHalfDay& half : planned) {
    minutes[half.structure] += half.end_minute - half.start_minute;
  }
  return minutes;
}

}  // namespace ensemble::staffing
