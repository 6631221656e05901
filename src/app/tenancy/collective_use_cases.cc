// Collectives: their members and referents, and what each member shares with the collective.
#include <fmt/format.h>

#include <algorithm>

#include "app/tenancy/tenancy_use_cases.h"

namespace ensemble::app {

Result<tenancy::Target> CollectiveTarget(storage::Transaction& db, const Actor& actor,
                                         CollectiveId id,
                                         std::optional<tenancy::Collective>& collective) {
  collective = ENSEMBLE_TRY(db.Tenancy().FindCollective(id));
  tenancy::Target target;
  target.exists = collective.has_value();
  if (collective) target.owner = collective->coordinating_structure_id;
  // Asked even of a collective that does not exist, so that a hidden one costs no more queries.
  target.acting_is_member = actor.acting_structure_id &&
                            ENSEMBLE_TRY(db.Tenancy().IsMember(id, *actor.acting_structure_id));
  return target;
}

namespace {

using storage::TransactionMode;
using tenancy::Action;
using tenancy::RecordKind;
using tenancy::SharingLevel;

// Loads the collective, once the actor may `action` on it (read it or its sharing).
Result<tenancy::Collective> LoadVisibleCollective(storage::Transaction& db, Gate& gate,
                                                  const Actor& actor, Action action,
                                                  CollectiveId id) {
  std::optional<tenancy::Collective> collective;
  const auto target = ENSEMBLE_TRY(CollectiveTarget(db, actor, id, collective));
  ENSEMBLE_TRY_STATUS(gate.Check(action, target, std::to_string(id)));
  return *collective;
}

// Checks that the collective is visible, that `member` belongs to it and that the actor may
// decide for it.
Status AuthorizeMemberDecision(storage::Transaction& db, Gate& gate, const Actor& actor,
                               Action action, CollectiveId id, StructureId member) {
  std::optional<tenancy::Collective> collective;
  tenancy::Target target = ENSEMBLE_TRY(CollectiveTarget(db, actor, id, collective));
  target.owner_is_member = ENSEMBLE_TRY(db.Tenancy().IsMember(id, member));
  // The member's director reads attempts on her structure's settings; a structure that is not a
  // member has none, and the collective's coordinator reads those.
  if (collective && target.owner_is_member) target.owner = member;
  return gate.Check(action, target, fmt::format("{}/{}", id, member));
}

// What the actor may do on a member's settings; she acts for a member of the collective, since
// she reads it.
std::vector<std::string> MemberActions(const Actor& actor, StructureId member) {
  access::Target target;
  target.owner = member;
  target.acting_is_member = true;
  target.owner_is_member = true;
  return tenancy::AllowedActions(actor, {Action::kChangeSharing, Action::kSetReferent}, target);
}

// What the actor may do on the collective itself; she acts for a member, since she reads it.
std::vector<std::string> CollectiveActions(const Actor& actor,
                                           const tenancy::Collective& collective) {
  access::Target target;
  target.owner = collective.coordinating_structure_id;
  target.acting_is_member = true;
  return tenancy::AllowedActions(actor, {Action::kSetDisclosureThreshold}, target);
}

MemberSharing SharingOf(const Actor& actor, const tenancy::MemberView& member,
                        const std::vector<tenancy::SharingRule>& rules) {
  MemberSharing sharing{
      member.structure_id, member.structure_name, {}, MemberActions(actor, member.structure_id)};
  for (const RecordKind kind : tenancy::AllRecordKinds()) {
    SharingLevel level = SharingLevel::kPrivate;
    for (const auto& rule : rules) {
      if (rule.structure_id == member.structure_id && rule.record_kind == kind) level = rule.level;
    }
    sharing.levels.emplace_back(kind, level);
  }
  return sharing;
}

Result<tenancy::NamedRef> NameOf(storage::Transaction& db, StructureId id) {
  auto structure = ENSEMBLE_TRY(db.Tenancy().FindStructure(id));
  if (!structure) return tenancy::NamedRef{id, ""};
  return tenancy::NamedRef{id, structure->name};
}

// The collective as the actor reads it: its coordinator's name, its members, and what she may do.
Result<CollectiveDetail> DetailOf(storage::Transaction& tx, const Actor& actor,
                                  tenancy::Collective collective) {
  CollectiveDetail detail;
  detail.coordinating_structure = ENSEMBLE_TRY(NameOf(tx, collective.coordinating_structure_id));
  detail.members = ENSEMBLE_TRY(tx.Tenancy().MembersOf(collective.id));
  for (auto& member : detail.members) member.actions = MemberActions(actor, member.structure_id);
  detail.actions = CollectiveActions(actor, collective);
  detail.collective = std::move(collective);
  return detail;
}

}  // namespace

Result<std::vector<CollectiveSummary>> TenancyUseCases::ListMyCollectives(const Actor& actor) {
  return Decided(
      TransactionMode::kRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<CollectiveSummary>> {
        ENSEMBLE_TRY_STATUS(gate.Check(Action::kListMyCollectives, {}, ""));
        std::vector<CollectiveSummary> summaries;
        // Without a structure chosen, she acts for none: no collective is hers.
        if (!actor.acting_structure_id) return summaries;
        for (auto& collective :
             ENSEMBLE_TRY(tx.Tenancy().CollectivesOf(*actor.acting_structure_id))) {
          CollectiveSummary summary;
          summary.coordinating_structure =
              ENSEMBLE_TRY(NameOf(tx, collective.coordinating_structure_id));
          summary.member_count =
              static_cast<std::int64_t>(ENSEMBLE_TRY(tx.Tenancy().MembersOf(collective.id)).size());
          summary.collective = std::move(collective);
          summaries.push_back(std::move(summary));
        }
        return summaries;
      });
}

Result<CollectiveDetail> TenancyUseCases::GetCollective(const Actor& actor, CollectiveId id) {
  return Decided(TransactionMode::kRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<CollectiveDetail> {
                   return DetailOf(tx, actor,
                                   ENSEMBLE_TRY(LoadVisibleCollective(
                                       tx, gate, actor, Action::kReadCollective, id)));
                 });
}

Result<std::vector<MemberSharing>> TenancyUseCases::GetSharing(const Actor& actor,
                                                               CollectiveId id) {
  return Decided(TransactionMode::kRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<MemberSharing>> {
                   ENSEMBLE_TRY(LoadVisibleCollective(tx, gate, actor, Action::kReadSharing, id));
                   const auto rules = ENSEMBLE_TRY(tx.Tenancy().SharingRulesOfCollective(id));
                   std::vector<MemberSharing> sharing;
                   for (const auto& member : ENSEMBLE_TRY(tx.Tenancy().MembersOf(id))) {
                     sharing.push_back(SharingOf(actor, member, rules));
                   }
                   return sharing;
                 });
}

Result<MemberSharing> TenancyUseCases::SetSharing(
    const Actor& actor, CollectiveId id, StructureId member,
    const std::vector<std::pair<RecordKind, SharingLevel>>& levels) {
  return Decided(TransactionMode::kWrite, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<MemberSharing> {
                   ENSEMBLE_TRY_STATUS(AuthorizeMemberDecision(tx, gate, actor,
                                                               Action::kChangeSharing, id, member));
                   const auto before = ENSEMBLE_TRY(tx.Tenancy().SharingRulesOfCollective(id));
                   const UnixMillis now = clock_.Now();
                   for (const auto& [kind, level] : levels) {
                     const SharingLevel previous = [&] {
                       for (const auto& rule : before) {
                         if (rule.structure_id == member && rule.record_kind == kind)
                           return rule.level;
                       }
                       return SharingLevel::kPrivate;
                     }();
                     if (previous == level) continue;
                     ENSEMBLE_TRY_STATUS(tx.Tenancy().UpsertSharingRule({member, id, kind, level},
                                                                        actor.person_id, now));
                     ENSEMBLE_TRY_STATUS(
                         Audit(tx, actor, member, "update", "sharing_rule",
                               fmt::format("{}/{}", id, tenancy::ToString(kind)),
                               {.params = {{"collective_id", id},
                                           {"record_kind", std::string(tenancy::ToString(kind))}},
                                .changes = {{"level", std::string(tenancy::ToString(previous)),
                                             std::string(tenancy::ToString(level))}}}));
                   }
                   const auto rules = ENSEMBLE_TRY(tx.Tenancy().SharingRulesOfCollective(id));
                   for (const auto& view : ENSEMBLE_TRY(tx.Tenancy().MembersOf(id))) {
                     if (view.structure_id == member) return SharingOf(actor, view, rules);
                   }
                   return Internal("member vanished during the update");
                 });
}

Result<CollectiveDetail> TenancyUseCases::SetDisclosureThreshold(const Actor& actor,
                                                                 CollectiveId id,
                                                                 std::int64_t threshold) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<CollectiveDetail> {
        std::optional<tenancy::Collective> collective;
        const auto target = ENSEMBLE_TRY(CollectiveTarget(tx, actor, id, collective));
        // Non-members learn nothing of it; members are told who decides.
        ENSEMBLE_TRY_STATUS(gate.Check(Action::kReadCollective, target, std::to_string(id)));
        ENSEMBLE_TRY_STATUS(
            gate.Check(Action::kSetDisclosureThreshold, target, std::to_string(id)));
        if (threshold < 3 || threshold > 50) {
          return Fail(ErrorCode::kInvalidArgument, "tenancy.collective.threshold", "threshold");
        }
        if (collective->disclosure_threshold != threshold) {
          ENSEMBLE_TRY_STATUS(tx.Tenancy().SetDisclosureThreshold(id, threshold));
          ENSEMBLE_TRY_STATUS(Audit(tx, actor, collective->coordinating_structure_id, "update",
                                    "collective", std::to_string(id),
                                    {.changes = {{"disclosure_threshold",
                                                  collective->disclosure_threshold, threshold}}}));
        }
        tenancy::Collective changed = *collective;
        changed.disclosure_threshold = threshold;
        return DetailOf(tx, actor, std::move(changed));
      });
}

Result<tenancy::MemberView> TenancyUseCases::SetReferent(const Actor& actor, CollectiveId id,
                                                         StructureId member,
                                                         std::optional<PersonId> referent) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<tenancy::MemberView> {
        ENSEMBLE_TRY_STATUS(
            AuthorizeMemberDecision(tx, gate, actor, Action::kSetReferent, id, member));
        if (referent && ENSEMBLE_TRY(tx.Tenancy().RolesIn(*referent, member)).empty()) {
          return Fail(ErrorCode::kInvalidArgument, "tenancy.collective.referent_not_staff",
                      "person_id");
        }
        std::optional<PersonId> previous;
        for (const auto& view : ENSEMBLE_TRY(tx.Tenancy().MembersOf(id))) {
          if (view.structure_id == member) previous = view.referent_id;
        }
        ENSEMBLE_TRY_STATUS(tx.Tenancy().SetReferent(id, member, referent));
        const auto person = [](const std::optional<PersonId>& who) -> audit::AuditValue {
          if (!who) return std::monostate{};
          return *who;
        };
        // Naming the referent already named changes nothing, and writes no line.
        if (previous != referent) {
          ENSEMBLE_TRY_STATUS(
              Audit(tx, actor, member, "update", "referent", fmt::format("{}/{}", id, member),
                    {.params = {{"collective_id", id}},
                     .changes = {{"referent_person_id", person(previous), person(referent)}}}));
        }
        for (auto& view : ENSEMBLE_TRY(tx.Tenancy().MembersOf(id))) {
          if (view.structure_id == member) return view;
        }
        return Internal("member vanished during the update");
      });
}

Result<SharingLevel> TenancyUseCases::VisibleLevel(const Actor& actor, StructureId owner,
                                                   RecordKind kind) {
  return database_.InTransaction(
      TransactionMode::kRead, ScopeOf(actor),
      [&](storage::Transaction& tx) -> Result<SharingLevel> {
        const auto rules = ENSEMBLE_TRY(tx.Tenancy().SharingRulesOf(owner, kind));
        std::vector<CollectiveId> reader_collectives;
        if (actor.acting_structure_id) {
          reader_collectives =
              ENSEMBLE_TRY(tx.Tenancy().CollectiveIdsOf(*actor.acting_structure_id));
        }
        return tenancy::VisibleLevel(actor, owner, rules, reader_collectives);
      });
}

}  // namespace ensemble::app
