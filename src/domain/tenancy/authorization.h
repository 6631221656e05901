// The one place that decides whether the acting person may read or change something. Every use
// case in app/ asks here before touching storage; no handler decides on its own.
//
// A decision is a pure function of (actor, action, target facts). The app layer gathers the
// facts (who owns the record, which collectives the acting structure belongs to, what the owner
// shares) inside the same transaction as the read or write it guards.
#pragma once

#include <optional>
#include <vector>

#include "core/error.h"
#include "domain/tenancy/types.h"

namespace ensemble::tenancy {

// A person wearing one hat: the structure she acts for and the roles she holds there. Roles
// held in her other structures are not here, which is what keeps the hats apart.
struct Actor {
  PersonId person_id = 0;
  std::optional<StructureId> acting_structure_id;
  std::vector<Role> roles;  // roles in the acting structure only
  bool platform_admin = false;

  bool Has(Role role) const;
  bool ActsFor(StructureId structure) const;
};

enum class Action {
  kReadStructureProfile,  // the directory card of any structure
  kCreateStructure,       // platform administrators only
  kUpdateStructure,       // its director, acting for it
  kReadStructureStaff,    // the people and roles of a structure: its own members
  kReadCollective,        // members, referents, sharing: structures of the collective
  kChangeSharing,         // a member's director sets what her structure shares
  kSetReferent,           // a member's director names her structure's referent
  kReadAuditLog,          // a structure's director reads its log
  kReadPlatformSignIns,   // everybody's sign-ins and sign-outs: platform administrators only
  kReadPersonnelFile,     // HR/finance or director of the employer, acting for it
  kWritePersonnelFile,
  kReadSharedRecords,  // records of a kind owned by a structure, under its sharing
};

// Facts about the target that the decision needs; the app layer fills what the action uses.
struct Target {
  std::optional<StructureId> owner;  // the structure whose record or setting it is
  bool acting_is_member = false;     // the acting structure belongs to the collective
  bool owner_is_member = false;      // the owner belongs to the collective
  SharingLevel shared_level = SharingLevel::kPrivate;  // best level the owner grants the actor
  SharingLevel needed_level = SharingLevel::kFull;     // what the read needs
};

// Returns Ok, or kUnauthenticated / kPermissionDenied with a message saying what is missing.
Status Authorize(const Actor& actor, Action action, const Target& target);

// The level the owner grants a reader, given the owner's rules for one record kind and the
// collectives the reader's acting structure belongs to. Public anywhere means public everywhere.
SharingLevel GrantedLevel(const std::vector<SharingRule>& owner_rules,
                          const std::vector<CollectiveId>& reader_collectives);

}  // namespace ensemble::tenancy
