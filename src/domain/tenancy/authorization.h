// The one place that decides whether the acting person may read or change something. Every use
// case in app/ asks here before touching storage; no handler decides on its own.
//
// A decision is a pure function of (actor, action, target facts). The app layer gathers the
// facts (whether the record exists, who owns it, which collectives the acting structure belongs
// to, what the owner shares) inside the same transaction as the read or write it guards.
//
// The rule for hidden records: a record the actor may not even see answers exactly as a record
// that does not exist (kNotFound, with the same message), so that ids reveal nothing; a
// forbidden action on a record she may see answers kPermissionDenied. Refusals that depend on
// the actor alone (not signed in, no structure chosen, not a platform administrator) come first
// and are the same for every id.
#pragma once

#include <optional>
#include <string_view>
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
  kReadStructureProfile,  // the directory card of any structure: every signed-in person
  kCreateStructure,       // platform administrators only
  kUpdateStructure,       // its director, acting for it (the card is public: others get 403)
  kReadStructureStaff,    // the people and roles of a structure: hidden from other structures
  kReadAuditLog,          // a structure's director reads its log; hidden from other structures
  kReadPlatformSignIns,   // everybody's sign-ins and sign-outs: platform administrators only
  kListPersonnelFiles,    // HR/finance or director of the employer, acting for it; hidden
  kCreatePersonnelFile,   //   from other structures, 403 for other roles of the employer
  kReadPersonnelFile,     // one file by id: hidden from everybody who may not read it
  kWritePersonnelFile,    //   (so a file id tells nothing, even inside the employer)
  kListMyCollectives,     // the acting structure's own collectives: every signed-in person
  kReadCollective,        // members, referents: hidden from non-members
  kReadSharing,           // what each member shares: hidden from non-members
  kChangeSharing,         // a member's director sets what her structure shares
  kSetReferent,           // a member's director names her structure's referent
  kReadSharedRecords,     // records of a kind owned by a structure, under its sharing
};

// The code of an action in audit lines ("read_staff").
std::string_view ToString(Action action);
const std::vector<Action>& AllActions();

// What an action is aimed at: the record kind named in the audit line of a refusal, and whose
// "introuvable" message a hidden record answers with.
enum class TargetKind {
  kStructure,
  kCollective,
  kCollectiveMember,
  kPersonnelFile,
  kSharedRecords,
  kPlatform,  // the platform's own records (everybody's sign-ins)
};
TargetKind TargetOf(Action action);
std::string_view ToString(TargetKind kind);

// Facts about the target that the decision needs; the app layer fills what the action uses.
struct Target {
  bool exists = true;                // false: no such record (answered as a hidden one)
  std::optional<StructureId> owner;  // the structure whose record or setting it is
  bool acting_is_member = false;     // the acting structure belongs to the collective
  bool owner_is_member = false;      // the owner belongs to the collective
  SharingLevel shared_level = SharingLevel::kPrivate;  // best level the owner grants the actor
  SharingLevel needed_level = SharingLevel::kFull;     // what the read needs
};

enum class Verdict {
  kAllow,
  kDeny,  // the answer says why (kUnauthenticated or kPermissionDenied)
  kHide,  // the answer is the one for a record that does not exist (kNotFound)
};

// Why a request is refused. Kept in the audit line of the refusal; the caller only gets the
// verdict's error, which for a hidden record says nothing more than "introuvable".
enum class Reason {
  kNone,               // allowed
  kNotSignedIn,        // nobody is signed in
  kNoActingStructure,  // no structure chosen: refused whatever the record
  kPlatformAdminOnly,  // the action is the platform administrators'
  kNoSuchRecord,       // the record does not exist
  kOtherStructure,     // the record belongs to a structure the actor does not act for
  kNotAMember,         // the acting structure is not a member of the collective
  kRoleInsufficient,   // she acts for the owner but her role there does not allow it
  kNotShared,          // the owner does not share these records at the needed level
};
std::string_view ToString(Reason reason);

struct Decision {
  Verdict verdict = Verdict::kAllow;
  Reason reason = Reason::kNone;
  Error error;  // the answer when refused

  bool allowed() const { return verdict == Verdict::kAllow; }
  // Ok, or the error the caller gets.
  Status ToStatus() const;
};

Decision Decide(const Actor& actor, Action action, const Target& target);

// Decide, as a Status: Ok, or kUnauthenticated / kPermissionDenied / kNotFound.
Status Authorize(const Actor& actor, Action action, const Target& target);

// The answer for a record of that kind that does not exist, the same that hides one.
Error NotFound(TargetKind kind);

// The level the owner grants a reader, given the owner's rules for one record kind and the
// collectives the reader's acting structure belongs to. Public anywhere means public everywhere.
SharingLevel GrantedLevel(const std::vector<SharingRule>& owner_rules,
                          const std::vector<CollectiveId>& reader_collectives);

// The level at which the actor sees `owner`'s records of one kind: everything of the structure
// she acts for, otherwise what the owner's rules grant her acting structure's collectives
// (`reader_collectives`, empty without an acting structure: then only public records).
SharingLevel VisibleLevel(const Actor& actor, StructureId owner,
                          const std::vector<SharingRule>& owner_rules,
                          const std::vector<CollectiveId>& reader_collectives);

}  // namespace ensemble::tenancy
