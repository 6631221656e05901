// A collective's view of the positions its members share (domain/staffing/collective.h): the
// positions it reads in full, and the positions counted per member and kind under disclosure
// control. Only the parties' own levels let anything cross; nothing of the time records,
// absences or money is read here.
#include <algorithm>
#include <functional>
#include <ranges>
#include <set>

#include "app/staffing/loading.h"
#include "app/staffing/staffing_use_cases.h"
#include "app/tenancy/tenancy_use_cases.h"
#include "domain/staffing/collective.h"
#include "domain/staffing/time_records.h"

namespace ensemble::app {
namespace {

using staffing::Action;
using staffing::CollectiveLevels;
using storage::TransactionMode;
using tenancy::RecordKind;
using tenancy::SharingLevel;
using namespace staffing_detail;

// What each structure grants this collective of its staffing (a public rule anywhere counts).
Result<SharingLevel> LevelFor(storage::Transaction& tx, StructureId structure, CollectiveId id) {
  const auto rules = ENSEMBLE_TRY(tx.Tenancy().SharingRulesOf(structure, RecordKind::kStaffing));
  return tenancy::GrantedLevel(rules, {id});
}

// The positions any member is party to, each once, by id.
Result<std::vector<Loaded>> MembersPositions(storage::Transaction& tx,
                                             std::span<const StructureId> members) {
  std::set<staffing::PositionId> seen;
  std::vector<Loaded> found;
  for (const StructureId member : members) {
    for (staffing::Position& position : ENSEMBLE_TRY(tx.Staffing().PositionsOfStructure(member))) {
      if (!seen.insert(position.id).second) continue;
      auto agreements = ENSEMBLE_TRY(tx.Staffing().AgreementsOf(position.id));
      found.push_back({std::move(position), std::move(agreements)});
    }
  }
  std::sort(found.begin(), found.end(),
            [](const Loaded& a, const Loaded& b) { return a.position.id < b.position.id; });
  return found;
}

// The kind's column of the table, as kCollectiveColumns orders them.
std::size_t ColumnOf(staffing::PositionKind kind) {
  const auto* found = std::find(std::begin(kCollectiveColumns), std::end(kCollectiveColumns), kind);
  return static_cast<std::size_t>(found - std::begin(kCollectiveColumns));
}

// Counts each member's parts by kind: the count of positions, the minutes planned at the member
// and the largest of them (the dominance rule's contributors).
disclosure::Table PartsTable(std::span<const StructureId> rows,
                             std::span<const staffing::MemberPart> parts) {
  disclosure::Table table;
  for (const StructureId row : rows) table.row_keys.push_back(std::to_string(row));
  for (const staffing::PositionKind kind : kCollectiveColumns) {
    table.column_keys.emplace_back(staffing::ToString(kind));
  }
  table.cells.assign(rows.size(), std::vector<disclosure::Cell>(std::size(kCollectiveColumns)));
  for (disclosure::Cell& cell : table.cells | std::views::join) cell.sum = 0;
  for (const staffing::MemberPart& part : parts) {
    const auto row = std::find(rows.begin(), rows.end(), part.member);
    if (row == rows.end()) continue;
    disclosure::Cell& cell =
        table.cells[static_cast<std::size_t>(row - rows.begin())][ColumnOf(part.kind)];
    ++cell.count;
    *cell.sum += part.planned_minutes;
    cell.largest.push_back(part.planned_minutes);
  }
  for (disclosure::Cell& cell : table.cells | std::views::join) {
    std::sort(cell.largest.begin(), cell.largest.end(), std::greater<>());
  }
  return table;
}

}  // namespace

Result<CollectivePositionsView> StaffingUseCases::CollectivePositions(const Actor& actor,
                                                                      CollectiveId id,
                                                                      Month month) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<CollectivePositionsView> {
        std::optional<tenancy::Collective> collective;
        const auto target = ENSEMBLE_TRY(CollectiveTarget(tx, actor, id, collective));
        ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadCollectivePositions), target,
                                       std::to_string(id)));
        CollectivePositionsView view;
        view.collective = *collective;
        view.month = month;

        CollectiveLevels levels;
        std::vector<StructureId> members;
        for (const tenancy::MemberView& member : ENSEMBLE_TRY(tx.Tenancy().MembersOf(id))) {
          const SharingLevel level = ENSEMBLE_TRY(LevelFor(tx, member.structure_id, id));
          levels[member.structure_id] = level;
          members.push_back(member.structure_id);
          view.members.push_back({member.structure_id, member.structure_name, level});
        }
        for (const StructureId member : members) {
          if (staffing::ReadsAggregatesOf(actor, member, levels)) view.table_rows.push_back(member);
        }

        std::vector<staffing::MemberPart> parts;
        std::set<StructureId> read_carriers;
        for (const Loaded& loaded : ENSEMBLE_TRY(MembersPositions(tx, view.table_rows))) {
          const auto parties = staffing::PositionTarget(loaded.position, loaded.agreements).parties;
          for (const StructureId party : parties) {
            if (!levels.contains(party)) levels[party] = ENSEMBLE_TRY(LevelFor(tx, party, id));
          }
          const auto planned = ENSEMBLE_TRY(
              tx.Staffing().PlannedHalfDays(loaded.position.id, month.first, month.last));
          for (const auto& part :
               staffing::PartsAtMembers(loaded.position, parties, planned, view.table_rows)) {
            parts.push_back(part);
          }
          if (!staffing::ReadsInFull(actor, parties, levels)) continue;
          CollectivePosition shown{loaded.position, parties, std::nullopt,
                                   staffing::PlannedMinutesByStructure(planned)};
          if (const staffing::Agreement* governing =
                  staffing::GoverningAgreement(loaded.agreements, month.first)) {
            shown.agreement = *governing;
          }
          read_carriers.insert(loaded.position.carrier);
          view.positions.push_back(std::move(shown));
        }
        if (!view.table_rows.empty()) {
          view.table =
              ENSEMBLE_TRY(disclosure::Protect(PartsTable(view.table_rows, parts), view.options));
        }
        // The person's name and plan crossed: each carrier's log says who read them.
        for (const StructureId carrier : read_carriers) {
          ENSEMBLE_TRY_STATUS(
              app_.Audit(tx, actor, carrier, "read", "collective_positions",
                         std::to_string(id) + ":" + staffing::IsoDate(month.first)));
        }
        return view;
      });
}

}  // namespace ensemble::app
