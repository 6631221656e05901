#include "domain/tenancy/authorization.h"

#include <algorithm>

namespace ensemble::tenancy {
namespace {

Status Deny(std::string message) { return Fail(ErrorCode::kPermissionDenied, std::move(message)); }

bool ActsForOwner(const Actor& actor, const Target& target) {
  return target.owner.has_value() && actor.ActsFor(*target.owner);
}

Status RequireOwnerRole(const Actor& actor, const Target& target, std::initializer_list<Role> roles,
                        std::string_view what) {
  if (!ActsForOwner(actor, target)) {
    return Deny(std::string(what) + " : il faut agir pour la structure concernée");
  }
  for (const Role role : roles) {
    if (actor.Has(role)) return Ok();
  }
  return Deny(std::string(what) + " : votre rôle dans cette structure ne le permet pas");
}

int Rank(SharingLevel level) { return static_cast<int>(level); }

}  // namespace

bool Actor::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Actor::ActsFor(StructureId structure) const {
  return acting_structure_id.has_value() && *acting_structure_id == structure;
}

Status Authorize(const Actor& actor, Action action, const Target& target) {
  if (actor.person_id == 0) return Fail(ErrorCode::kUnauthenticated, "connexion requise");
  if (actor.platform_admin &&
      (action == Action::kCreateStructure || action == Action::kUpdateStructure ||
       action == Action::kReadStructureProfile)) {
    return Ok();
  }
  switch (action) {
    case Action::kReadStructureProfile:
      return Ok();
    case Action::kCreateStructure:
      return Deny("seul un administrateur de la plateforme crée des structures");
    case Action::kUpdateStructure:
      return RequireOwnerRole(actor, target, {Role::kDirector}, "modifier la fiche");
    case Action::kReadStructureStaff:
      if (ActsForOwner(actor, target) && !actor.roles.empty()) return Ok();
      return Deny("l'équipe d'une structure n'est visible que de ses membres");
    case Action::kReadCollective:
      if (!actor.acting_structure_id)
        return Deny("choisissez d'abord la structure pour laquelle vous agissez");
      if (target.acting_is_member) return Ok();
      return Deny("votre structure ne fait pas partie de ce collectif");
    case Action::kChangeSharing:
    case Action::kSetReferent:
      if (!target.owner_is_member) return Deny("cette structure ne fait pas partie du collectif");
      return RequireOwnerRole(actor, target, {Role::kDirector}, "décider du partage");
    case Action::kReadAuditLog:
      return RequireOwnerRole(actor, target, {Role::kDirector}, "lire le journal d'audit");
    case Action::kReadPlatformSignIns:
      if (actor.platform_admin) return Ok();
      return Deny("seul un administrateur de la plateforme voit les connexions de chacun");
    case Action::kReadPersonnelFile:
    case Action::kWritePersonnelFile:
      return RequireOwnerRole(actor, target, {Role::kDirector, Role::kHrFinance},
                              "dossiers du personnel");
    case Action::kReadSharedRecords:
      if (ActsForOwner(actor, target)) return Ok();
      if (Rank(target.shared_level) >= Rank(target.needed_level)) return Ok();
      return Deny("la structure propriétaire ne partage pas ces données à ce niveau");
  }
  return Deny("action inconnue");
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

}  // namespace ensemble::tenancy
