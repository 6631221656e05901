#include "domain/tenancy/authorization.h"

#include <algorithm>
#include <string>

namespace ensemble::tenancy {
namespace {

Decision Allow() { return Decision{}; }

Decision Deny(Reason reason, std::string message) {
  return Decision{Verdict::kDeny, reason,
                  Error{ErrorCode::kPermissionDenied, std::move(message), {}, {}}};
}

Decision Hide(Action action, Reason reason) {
  return Decision{Verdict::kHide, reason, NotFound(TargetOf(action))};
}

bool ActsForOwner(const Actor& actor, const Target& target) {
  return target.owner.has_value() && actor.ActsFor(*target.owner);
}

bool HasAny(const Actor& actor, std::initializer_list<Role> roles) {
  return std::any_of(roles.begin(), roles.end(), [&](Role role) { return actor.Has(role); });
}

// The actions on records that belong to a structure or a collective: they are decided for the
// structure the person acts for, so without one there is nothing to decide on.
bool NeedsActingStructure(const Actor& actor, Action action) {
  switch (action) {
    case Action::kReadStructureProfile:
    case Action::kCreateStructure:
    case Action::kReadPlatformSignIns:
    case Action::kListMyCollectives:
    case Action::kReadSharedRecords:  // public records reach her without a hat
      return false;
    case Action::kUpdateStructure:
      return !actor.platform_admin;
    case Action::kReadStructureStaff:
    case Action::kReadAuditLog:
    case Action::kListPersonnelFiles:
    case Action::kCreatePersonnelFile:
    case Action::kReadPersonnelFile:
    case Action::kWritePersonnelFile:
    case Action::kReadCollective:
    case Action::kReadSharing:
    case Action::kChangeSharing:
    case Action::kSetReferent:
      return true;
  }
  return true;
}

// Records inside a structure (its staff, its log, its personnel list): hidden from people acting
// for another structure, forbidden to the roles of the structure that may not see them.
Decision InsideOwner(const Actor& actor, Action action, const Target& target,
                     std::initializer_list<Role> roles, std::string_view what) {
  if (!ActsForOwner(actor, target)) return Hide(action, Reason::kOtherStructure);
  if (HasAny(actor, roles)) return Allow();
  return Deny(Reason::kRoleInsufficient,
              std::string(what) + " : votre rôle dans cette structure ne le permet pas");
}

// A setting of a member of a collective, decided by that member's director. The collective is
// hidden from non-members; a structure that is not a member has no such setting.
Decision MemberDecision(const Actor& actor, Action action, const Target& target) {
  if (!target.acting_is_member) return Hide(action, Reason::kNotAMember);
  if (!target.owner_is_member) return Hide(action, Reason::kNoSuchRecord);
  if (!ActsForOwner(actor, target)) {
    return Deny(Reason::kOtherStructure,
                "seule la direction de cette structure décide de son partage et de son référent");
  }
  if (actor.Has(Role::kDirector)) return Allow();
  return Deny(Reason::kRoleInsufficient,
              "décider du partage : votre rôle dans cette structure ne le permet pas");
}

int Rank(SharingLevel level) { return static_cast<int>(level); }

}  // namespace

bool Actor::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Actor::ActsFor(StructureId structure) const {
  return acting_structure_id.has_value() && *acting_structure_id == structure;
}

std::string_view ToString(Action action) {
  switch (action) {
    case Action::kReadStructureProfile:
      return "read_structure";
    case Action::kCreateStructure:
      return "create_structure";
    case Action::kUpdateStructure:
      return "update_structure";
    case Action::kReadStructureStaff:
      return "read_staff";
    case Action::kReadAuditLog:
      return "read_audit_log";
    case Action::kReadPlatformSignIns:
      return "read_platform_sign_ins";
    case Action::kListPersonnelFiles:
      return "list_personnel_files";
    case Action::kCreatePersonnelFile:
      return "create_personnel_file";
    case Action::kReadPersonnelFile:
      return "read_personnel_file";
    case Action::kWritePersonnelFile:
      return "update_personnel_file";
    case Action::kListMyCollectives:
      return "list_collectives";
    case Action::kReadCollective:
      return "read_collective";
    case Action::kReadSharing:
      return "read_sharing";
    case Action::kChangeSharing:
      return "change_sharing";
    case Action::kSetReferent:
      return "set_referent";
    case Action::kReadSharedRecords:
      return "read_shared_records";
  }
  return "unknown";
}

const std::vector<Action>& AllActions() {
  static const std::vector<Action> kAll = {
      Action::kReadStructureProfile, Action::kCreateStructure,     Action::kUpdateStructure,
      Action::kReadStructureStaff,   Action::kReadAuditLog,        Action::kReadPlatformSignIns,
      Action::kListPersonnelFiles,   Action::kCreatePersonnelFile, Action::kReadPersonnelFile,
      Action::kWritePersonnelFile,   Action::kListMyCollectives,   Action::kReadCollective,
      Action::kReadSharing,          Action::kChangeSharing,       Action::kSetReferent,
      Action::kReadSharedRecords,
  };
  return kAll;
}

TargetKind TargetOf(Action action) {
  switch (action) {
    case Action::kReadStructureProfile:
    case Action::kCreateStructure:
    case Action::kUpdateStructure:
    case Action::kReadStructureStaff:
    case Action::kReadAuditLog:
    case Action::kListPersonnelFiles:
    case Action::kCreatePersonnelFile:
      return TargetKind::kStructure;
    case Action::kReadPersonnelFile:
    case Action::kWritePersonnelFile:
      return TargetKind::kPersonnelFile;
    case Action::kReadPlatformSignIns:
      return TargetKind::kPlatform;
    case Action::kListMyCollectives:
    case Action::kReadCollective:
    case Action::kReadSharing:
      return TargetKind::kCollective;
    case Action::kChangeSharing:
    case Action::kSetReferent:
      return TargetKind::kCollectiveMember;
    case Action::kReadSharedRecords:
      return TargetKind::kSharedRecords;
  }
  return TargetKind::kStructure;
}

std::string_view ToString(TargetKind kind) {
  switch (kind) {
    case TargetKind::kStructure:
      return "structure";
    case TargetKind::kCollective:
      return "collective";
    case TargetKind::kCollectiveMember:
      return "collective_member";
    case TargetKind::kPersonnelFile:
      return "personnel_file";
    case TargetKind::kSharedRecords:
      return "shared_records";
    case TargetKind::kPlatform:
      return "platform";
  }
  return "unknown";
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
  }
  return "unknown";
}

Error NotFound(TargetKind kind) {
  switch (kind) {
    case TargetKind::kStructure:
      return Error{ErrorCode::kNotFound, "structure introuvable", {}, {}};
    case TargetKind::kCollective:
      return Error{ErrorCode::kNotFound, "collectif introuvable", {}, {}};
    case TargetKind::kCollectiveMember:
      return Error{ErrorCode::kNotFound, "collectif ou membre introuvable", {}, {}};
    case TargetKind::kPersonnelFile:
      return Error{ErrorCode::kNotFound, "dossier introuvable", {}, {}};
    case TargetKind::kSharedRecords:
      return Error{ErrorCode::kNotFound, "données introuvables", {}, {}};
    case TargetKind::kPlatform:
      return Error{ErrorCode::kNotFound, "introuvable", {}, {}};
  }
  return Error{ErrorCode::kNotFound, "introuvable", {}, {}};
}

Status Decision::ToStatus() const {
  if (allowed()) return Ok();
  return std::unexpected(error);
}

Decision Decide(const Actor& actor, Action action, const Target& target) {
  if (actor.person_id == 0) {
    return Decision{Verdict::kDeny, Reason::kNotSignedIn,
                    Error{ErrorCode::kUnauthenticated, "connexion requise", {}, {}}};
  }
  // Refusals that depend on the actor alone, before the record: the same answer for every id.
  if (action == Action::kCreateStructure) {
    if (actor.platform_admin) return Allow();
    return Deny(Reason::kPlatformAdminOnly,
                "seul un administrateur de la plateforme crée des structures");
  }
  if (action == Action::kReadPlatformSignIns) {
    if (actor.platform_admin) return Allow();
    return Deny(Reason::kPlatformAdminOnly,
                "seul un administrateur de la plateforme voit les connexions de chacun");
  }
  if (NeedsActingStructure(actor, action) && !actor.acting_structure_id) {
    return Deny(Reason::kNoActingStructure,
                "choisissez d'abord la structure pour laquelle vous agissez");
  }
  if (!target.exists) return Hide(action, Reason::kNoSuchRecord);
  switch (action) {
    case Action::kReadStructureProfile:
    case Action::kCreateStructure:
    case Action::kReadPlatformSignIns:
    case Action::kListMyCollectives:
      return Allow();
    case Action::kUpdateStructure:
      if (actor.platform_admin) return Allow();
      if (!ActsForOwner(actor, target)) {
        return Deny(Reason::kOtherStructure,
                    "modifier la fiche : il faut agir pour la structure concernée");
      }
      if (actor.Has(Role::kDirector)) return Allow();
      return Deny(Reason::kRoleInsufficient,
                  "modifier la fiche : votre rôle dans cette structure ne le permet pas");
    case Action::kReadStructureStaff:
      if (!ActsForOwner(actor, target)) return Hide(action, Reason::kOtherStructure);
      if (!actor.roles.empty()) return Allow();
      return Deny(Reason::kRoleInsufficient, "l'équipe n'est visible que des membres de l'équipe");
    case Action::kReadAuditLog:
      return InsideOwner(actor, action, target, {Role::kDirector}, "lire le journal d'audit");
    case Action::kListPersonnelFiles:
    case Action::kCreatePersonnelFile:
      return InsideOwner(actor, action, target, {Role::kDirector, Role::kHrFinance},
                         "dossiers du personnel");
    case Action::kReadPersonnelFile:
    case Action::kWritePersonnelFile:
      // A file she may not read is hidden even inside her structure: its id tells nothing.
      if (!ActsForOwner(actor, target)) return Hide(action, Reason::kOtherStructure);
      if (HasAny(actor, {Role::kDirector, Role::kHrFinance})) return Allow();
      return Hide(action, Reason::kRoleInsufficient);
    case Action::kReadCollective:
    case Action::kReadSharing:
      if (target.acting_is_member) return Allow();
      return Hide(action, Reason::kNotAMember);
    case Action::kChangeSharing:
    case Action::kSetReferent:
      return MemberDecision(actor, action, target);
    case Action::kReadSharedRecords:
      if (ActsForOwner(actor, target)) return Allow();
      if (Rank(target.shared_level) >= Rank(target.needed_level)) return Allow();
      return Hide(action, Reason::kNotShared);
  }
  return Deny(Reason::kNone, "action inconnue");
}

Status Authorize(const Actor& actor, Action action, const Target& target) {
  return Decide(actor, action, target).ToStatus();
}

SharingLevel GrantedLevel(const std::vector<SharingRule>& owner_rules,
                          const std::vector<CollectiveId>& reader_collectives) {
  SharingLevel best = SharingLevel::kPrivate;
  for (const SharingRule& rule : owner_rules) {
    const bool reaches_reader = rule.level == SharingLevel::kPublic ||
                                std::find(reader_collectives.begin(), reader_collectives.end(),
                                          rule.collective_id) != reader_collectives.end();
    if (reaches_reader && Rank(rule.level) > Rank(best)) best = rule.level;
  }
  return best;
}

SharingLevel VisibleLevel(const Actor& actor, StructureId owner,
                          const std::vector<SharingRule>& owner_rules,
                          const std::vector<CollectiveId>& reader_collectives) {
  if (actor.ActsFor(owner)) return SharingLevel::kFull;
  if (!actor.acting_structure_id) return GrantedLevel(owner_rules, {});
  return GrantedLevel(owner_rules, reader_collectives);
}

}  // namespace ensemble::tenancy
