// What of the members' shared positions crosses to a collective (issue 11, item 7: « the
// collective's coordinator sees the positions shared within the collective »). A position is a
// record of every structure party to it, each of which decides what of its staffing it shares
// with the collective (tenancy's sharing rules, record kind « staffing »):
//   - in full (title, person, parties and shares, the month's planned hours per structure) only
//     when every party shares its staffing with the collective at full or public, or when the
//     reader acts for one of the parties (she reaches the position anyway);
//   - in the aggregates table (positions counted per member and kind, with the hours planned at
//     that member) for each member that shares at least aggregates: a member's row counts its
//     own part of the positions and nothing of the other parties';
//   - not at all otherwise. Time records, absences and money never cross: they stay with the
//     parties (kReadTimeRecords, kManageCosts).
// The decisions are domain/access's (kReadSharedPositions, a kSharedReaders rule); this file only
// says which party's level each answer needs.
#pragma once

#include <map>
#include <span>
#include <vector>

#include "domain/staffing/plans.h"
#include "domain/staffing/policy.h"
#include "domain/staffing/types.h"

namespace ensemble::staffing {

using tenancy::SharingLevel;

// The level each structure shares its staffing at with the collective (absent: private).
using CollectiveLevels = std::map<StructureId, SharingLevel>;

// The level `structure` grants the collective, private when it set none.
SharingLevel LevelOf(const CollectiveLevels& levels, StructureId structure);

// Whether the actor reads the position with these parties in full in the collective.
bool ReadsInFull(const Actor& actor, std::span<const StructureId> parties,
                 const CollectiveLevels& levels);

// Whether the actor reads the member's row of the aggregates table.
bool ReadsAggregatesOf(const Actor& actor, StructureId member, const CollectiveLevels& levels);

// One position's part at one member over the month: the row counts it, its minutes add up.
struct MemberPart {
  StructureId member = 0;
  PositionKind kind = PositionKind::kLending;
  PositionId position = 0;
  int planned_minutes = 0;
};

// The parts of a position at each of its parties that is in `members`, with the minutes of the
// half-days planned there (every half-day of `planned` is the position's).
std::vector<MemberPart> PartsAtMembers(const Position& position,
                                       std::span<const StructureId> parties,
                                       std::span<const StoredHalfDay> planned,
                                       std::span<const StructureId> members);

// The minutes planned per structure, in the structures' order.
std::map<StructureId, int> PlannedMinutesByStructure(std::span<const StoredHalfDay> planned);

}  // namespace ensemble::staffing
