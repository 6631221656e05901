// The one decision: may the acting person take this action on this target? Allow, deny with a
// reason, or hide the record as if it did not exist. Every module declares its actions and
// their rules in its own policy file (domain/<module>/policy.h) in the vocabulary below, and
// every use case takes its decision from Decide; nothing else in the program decides.
//
// A decision is a pure function of (actor, action, target facts). The app layer gathers the
// facts (whether the record exists, who owns it, whether the acting structure belongs to the
// collective, what the owner shares) inside the same transaction as the read or write it guards.
//
// The rule for hidden records: a record the actor may not even see answers exactly as a record
// that does not exist (kNotFound, with the same message), so that ids reveal nothing; a
// forbidden action on a record she may see answers kPermissionDenied. Refusals that depend on
// the actor alone (not signed in, no structure chosen, not a platform administrator) come first
// and are the same for every id.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/tenancy/types.h"

namespace ensemble::access {

using tenancy::CollectiveId;
using tenancy::PersonId;
using tenancy::Role;
using tenancy::SharingLevel;
using tenancy::StructureId;

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
  kNotHers,            // a record of another person (her own sessions, her own settings)
};
std::string_view ToString(Reason reason);

// Facts about the target that the decision needs; the app layer fills what the rule uses.
struct Target {
  bool exists = true;                // false: no such record (answered as a hidden one)
  std::optional<StructureId> owner;  // the structure whose record or setting it is
  std::optional<PersonId> person;    // kOwnPerson: the person whose record it is
  bool acting_is_member = false;     // the acting structure belongs to the collective
  bool owner_is_member = false;      // the owner belongs to the collective
  SharingLevel shared_level = SharingLevel::kPrivate;  // best level the owner grants the actor
  SharingLevel needed_level = SharingLevel::kFull;     // what the read needs
  // kParties: the structures party to the record (a staff-lending agreement's carrier and the
  // structures it lends to; a multi-employer post's employers).
  std::vector<StructureId> parties{};
};

// Who may take an action.
enum class Audience {
  kSignedIn,           // every signed-in person (a public card, her own list)
  kOwnPerson,          // the person the record is about (Target::person), whoever she acts for
  kPlatformAdmin,      // platform administrators only, refused to others before the record
  kOwner,              // people acting for the record's owner with one of `roles`
  kCollectiveMembers,  // people acting for a member of the collective
  kMemberOwner,        // a member's own setting: acting for that member, with one of `roles`
  kSharedReaders,      // the owner's own people, and others as far as the owner shares
  kParties,            // people acting for one of the record's parties with one of `roles`
};

struct Rule {
  Audience audience = Audience::kOwner;
  // kOwner, kMemberOwner: the roles in the owner that may; empty: any role there.
  std::vector<Role> roles{};
  // kOwner, kParties: the answer to people acting for another structure, and to the owner's (a
  // party's) people without one of `roles` (a personnel file is hidden from both, a card only
  // refused).
  Verdict outsiders = Verdict::kHide;
  Verdict without_role = Verdict::kDeny;
  // Platform administrators may, whatever structure they act for (kOwner only).
  bool platform_admin_may = false;
  // Without an acting structure the action is refused before the record (kOwner, members).
  bool needs_acting_structure = true;
  // The message ids of the refusals this rule denies (kDeny): for a missing role, and for people
  // acting for another structure; the field they name, if any.
  std::string_view deny_message{};
  std::string_view outsider_message{};
  std::string_view deny_field{};
};

// One action of a module: its code, what it is aimed at, and who may.
struct ActionSpec {
  std::string_view code;               // "read_staff": in audit lines and in the API's `actions`
  std::string_view target_kind;        // "structure": the record kind of a refusal's audit line
  std::string_view not_found;          // the message id a hidden or missing record answers with
  std::string_view not_found_field{};  // and the field it names, if any
  Rule rule;
};

struct Decision {
  Verdict verdict = Verdict::kAllow;
  Reason reason = Reason::kNone;
  Error error;  // the answer when refused

  bool allowed() const { return verdict == Verdict::kAllow; }
  // Ok, or the error the caller gets.
  Status ToStatus() const;
};

Decision Decide(const Actor& actor, const ActionSpec& action, const Target& target);

// The answer for a record of that action's kind that does not exist, the same that hides one.
Error NotFound(const ActionSpec& action);

// The codes of the actions among `actions` that the actor may take on `target`: what the API
// returns with a resource so that the pages show the controls she may use and no others.
std::vector<std::string> AllowedActions(const Actor& actor,
                                        std::span<const ActionSpec* const> actions,
                                        const Target& target);

// The level the owner grants a reader, given the owner's rules for one record kind and the
// collectives the reader's acting structure belongs to. Public anywhere means public everywhere.
SharingLevel GrantedLevel(const std::vector<tenancy::SharingRule>& owner_rules,
                          const std::vector<CollectiveId>& reader_collectives);

// The most the actor may read of `owner`'s records under `read_shared` (a kSharedReaders
// action): kFull or kAggregates, the highest whose read Decide allows given what the owner
// grants her (`granted`, from GrantedLevel), or kPrivate when she may read neither.
SharingLevel VisibleLevel(const Actor& actor, const ActionSpec& read_shared, StructureId owner,
                          SharingLevel granted);

}  // namespace ensemble::access
