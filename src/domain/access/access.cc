#include "domain/access/access.h"

#include <algorithm>

namespace ensemble::access {
namespace {

Decision Allow() { return Decision{}; }

Decision Deny(Reason reason, std::string_view message, std::string_view field = {}) {
  return Decision{
      Verdict::kDeny, reason,
      Error{ErrorCode::kPermissionDenied, Message(std::string(message)), std::string(field), {}}};
}

Decision Hide(const ActionSpec& action, Reason reason) {
  return Decision{Verdict::kHide, reason, NotFound(action)};
}

// A refusal of the kind the rule says (hidden or denied) for `reason`.
Decision Refuse(const ActionSpec& action, Verdict verdict, Reason reason,
                std::string_view message) {
  if (verdict == Verdict::kHide) return Hide(action, reason);
  return Deny(reason, message, action.rule.deny_field);
}

bool ActsForOwner(const Actor& actor, const Target& target) {
  return target.owner.has_value() && actor.ActsFor(*target.owner);
}

bool HoldsOneOf(const Actor& actor, const std::vector<Role>& roles) {
  if (roles.empty()) return !actor.roles.empty();
  return std::any_of(roles.begin(), roles.end(), [&](Role role) { return actor.Has(role); });
}

int Rank(SharingLevel level) { return static_cast<int>(level); }

bool NeedsActingStructure(const Actor& actor, const Rule& rule) {
  switch (rule.audience) {
    case Audience::kSignedIn:
    case Audience::kOwnPerson:
    case Audience::kPlatformAdmin:
    case Audience::kSharedReaders:  // public records reach her without a hat
      return false;
    case Audience::kOwner:
      if (rule.platform_admin_may && actor.platform_admin) return false;
      return rule.needs_acting_structure;
    case Audience::kCollectiveMembers:
    case Audience::kMemberOwner:
      return rule.needs_acting_structure;
    case Audience::kParties:
      return rule.needs_acting_structure;
  }
  return true;
}

// Records inside a structure: its people see them if their role there allows.
Decision OwnerDecision(const Actor& actor, const ActionSpec& action, const Target& target) {
  const Rule& rule = action.rule;
  if (rule.platform_admin_may && actor.platform_admin) return Allow();
  if (!ActsForOwner(actor, target)) {
    return Refuse(action, rule.outsiders, Reason::kOtherStructure, rule.outsider_message);
  }
  if (HoldsOneOf(actor, rule.roles)) return Allow();
  return Refuse(action, rule.without_role, Reason::kRoleInsufficient, rule.deny_message);
}

// A setting of a member of a collective, decided by that member. The collective is hidden from
// non-members; a structure that is not a member has no such setting.
Decision MemberOwnerDecision(const Actor& actor, const ActionSpec& action, const Target& target) {
  if (!target.acting_is_member) return Hide(action, Reason::kNotAMember);
  if (!target.owner_is_member) return Hide(action, Reason::kNoSuchRecord);
  if (!ActsForOwner(actor, target)) {
    return Deny(Reason::kOtherStructure, action.rule.outsider_message, action.rule.deny_field);
  }
  if (HoldsOneOf(actor, action.rule.roles)) return Allow();
  return Deny(Reason::kRoleInsufficient, action.rule.deny_message, action.rule.deny_field);
}

// Records several structures are party to: the people of each party whose role allows.
// Outsiders get what the rule says (hidden by default).
Decision PartiesDecision(const Actor& actor, const ActionSpec& action, const Target& target) {
  const Rule& rule = action.rule;
  const bool acts_for_party = std::any_of(target.parties.begin(), target.parties.end(),
                                          [&](StructureId party) { return actor.ActsFor(party); });
  if (!acts_for_party) {
    return Refuse(action, rule.outsiders, Reason::kOtherStructure, rule.outsider_message);
  }
  if (HoldsOneOf(actor, rule.roles)) return Allow();
  return Refuse(action, rule.without_role, Reason::kRoleInsufficient, rule.deny_message);
}

}  // namespace

bool Actor::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Actor::ActsFor(StructureId structure) const {
  return acting_structure_id.has_value() && *acting_structure_id == structure;
}

std::string_view ToString(Reason reason) {
  switch (reason) {
    case Reason::kNone:
      return "none";
    case Reason::kNotSignedIn:
      return "not_signed_in";
    case Reason::kNoActingStructure:
      return "no_acting_structure";
    case Reason::kPlatformAdminOnly:
      return "platform_admin_only";
    case Reason::kNoSuchRecord:
      return "no_such_record";
    case Reason::kOtherStructure:
      return "other_structure";
    case Reason::kNotAMember:
      return "not_a_member";
    case Reason::kRoleInsufficient:
      return "role_insufficient";
    case Reason::kNotShared:
      return "not_shared";
    case Reason::kNotHers:
      return "not_hers";
  }
  return "unknown";
}

Error NotFound(const ActionSpec& action) {
  return Error{ErrorCode::kNotFound,
               Message(std::string(action.not_found)),
               std::string(action.not_found_field),
               {}};
}

Status Decision::ToStatus() const {
  if (allowed()) return Ok();
  return std::unexpected(error);
}

Decision Decide(const Actor& actor, const ActionSpec& action, const Target& target) {
  if (actor.person_id == 0) {
    return Decision{Verdict::kDeny, Reason::kNotSignedIn,
                    Error{ErrorCode::kUnauthenticated, "core.auth.required", {}, {}}};
  }
  const Rule& rule = action.rule;
  // Refusals that depend on the actor alone, before the record: the same answer for every id.
  if (rule.audience == Audience::kPlatformAdmin) {
    if (actor.platform_admin) return Allow();
    return Deny(Reason::kPlatformAdminOnly, rule.deny_message, rule.deny_field);
  }
  if (NeedsActingStructure(actor, rule) && !actor.acting_structure_id) {
    return Deny(Reason::kNoActingStructure, "core.auth.no_acting_structure");
  }
  if (!target.exists) return Hide(action, Reason::kNoSuchRecord);
  switch (rule.audience) {
    case Audience::kSignedIn:
    case Audience::kPlatformAdmin:
      return Allow();
    case Audience::kOwnPerson:
      if (target.person == actor.person_id) return Allow();
      return Hide(action, Reason::kNotHers);
    case Audience::kOwner:
      return OwnerDecision(actor, action, target);
    case Audience::kCollectiveMembers:
      if (target.acting_is_member) return Allow();
      return Hide(action, Reason::kNotAMember);
    case Audience::kMemberOwner:
      return MemberOwnerDecision(actor, action, target);
    case Audience::kSharedReaders:
      if (ActsForOwner(actor, target)) return Allow();
      if (Rank(target.shared_level) >= Rank(target.needed_level)) return Allow();
      return Hide(action, Reason::kNotShared);
    case Audience::kParties:
      return PartiesDecision(actor, action, target);
  }
  return Deny(Reason::kNone, "core.auth.unknown_action");
}

std::vector<std::string> AllowedActions(const Actor& actor,
                                        std::span<const ActionSpec* const> actions,
                                        const Target& target) {
  std::vector<std::string> allowed;
  for (const ActionSpec* action : actions) {
    if (Decide(actor, *action, target).allowed()) allowed.emplace_back(action->code);
  }
  return allowed;
}

SharingLevel GrantedLevel(const std::vector<tenancy::SharingRule>& owner_rules,
                          const std::vector<CollectiveId>& reader_collectives) {
  SharingLevel best = SharingLevel::kPrivate;
  for (const tenancy::SharingRule& rule : owner_rules) {
    const bool reaches_reader = rule.level == SharingLevel::kPublic ||
                                std::find(reader_collectives.begin(), reader_collectives.end(),
                                          rule.collective_id) != reader_collectives.end();
    if (reaches_reader && Rank(rule.level) > Rank(best)) best = rule.level;
  }
  return best;
}

SharingLevel VisibleLevel(const Actor& actor, const ActionSpec& read_shared, StructureId owner,
                          SharingLevel granted) {
  Target target;
  target.owner = owner;
  target.shared_level = granted;
  // Public sharing is a setting, not a way of reading: a public record is read in full.
  for (const SharingLevel level : {SharingLevel::kFull, SharingLevel::kAggregates}) {
    target.needed_level = level;
    if (Decide(actor, read_shared, target).allowed()) return level;
  }
  return SharingLevel::kPrivate;
}

}  // namespace ensemble::access
