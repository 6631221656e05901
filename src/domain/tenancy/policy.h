// The tenancy module's actions and who may take them, in the vocabulary of domain/access (the
// one place that decides). Each action's rule is a row of the table in policy.cc.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/access/access.h"
#include "domain/tenancy/types.h"

namespace ensemble::tenancy {

using access::Actor;
using access::Decision;
using access::Reason;
using access::Target;
using access::Verdict;

enum class Action {
  kReadStructureProfile,    // the directory card of any structure: every signed-in person
  kCreateStructure,         // platform administrators only
  kUpdateStructure,         // its director, acting for it (the card is public: others get 403)
  kReadStructureStaff,      // the people and roles of a structure: hidden from other structures
  kReadAuditLog,            // a structure's director reads its log; hidden from other structures
  kReadPlatformSignIns,     // everybody's sign-ins and sign-outs: platform administrators only
  kListPersonnelFiles,      // HR/finance or director of the employer, acting for it; hidden
  kCreatePersonnelFile,     //   from other structures, 403 for other roles of the employer
  kReadPersonnelFile,       // one file by id: hidden from everybody who may not read it
  kWritePersonnelFile,      //   (so a file id tells nothing, even inside the employer)
  kListMyCollectives,       // the acting structure's own collectives: every signed-in person
  kReadCollective,          // members, referents: hidden from non-members
  kReadSharing,             // what each member shares: hidden from non-members
  kChangeSharing,           // a member's director sets what her structure shares
  kSetReferent,             // a member's director names her structure's referent
  kReadSharedRecords,       // records of a kind owned by a structure, under its sharing
  kActFor,                  // acting for a structure: a person holding a role there
  kEndSession,              // ending one of her own sessions (another's id is unknown to her)
  kReadOwnActivity,         // her own sign-ins and password changes: every signed-in person
  kManageCalendarFeed,      // a structure's calendar feed URL: its director; hidden from others
  kSetDisclosureThreshold,  // a collective's threshold: its coordinating structure's director or
                            //   coordinator (the use case hides the collective from non-members)
};

// The rule of an action, as domain/access reads it.
const access::ActionSpec& SpecOf(Action action);

// The code of an action in audit lines and in the API's `actions` ("read_staff").
std::string_view ToString(Action action);
const std::vector<Action>& AllActions();

// What an action is aimed at: the record kind named in the audit line of a refusal, and whose
// "introuvable" message (its id) a hidden record answers with.
enum class TargetKind {
  kStructure,
  kCollective,
  kCollectiveMember,
  kPersonnelFile,
  kSharedRecords,
  kPlatform,  // the platform's own records (everybody's sign-ins)
  kSession,
};
TargetKind TargetOf(Action action);
std::string_view ToString(TargetKind kind);

Decision Decide(const Actor& actor, Action action, const Target& target);

// Decide, as a Status: Ok, or kUnauthenticated / kPermissionDenied / kNotFound.
Status Authorize(const Actor& actor, Action action, const Target& target);

// The answer for a record of that kind that does not exist, the same that hides one.
Error NotFound(TargetKind kind);

// The codes of the actions among `actions` that the actor may take on `target`.
std::vector<std::string> AllowedActions(const Actor& actor, std::initializer_list<Action> actions,
                                        const Target& target);

// The level the owner grants a reader, given the owner's rules for one record kind and the
// collectives the reader's acting structure belongs to. Public anywhere means public everywhere.
using access::GrantedLevel;

// The level at which the actor reads `owner`'s records of one kind (kFull, kAggregates or
// kPrivate), as kReadSharedRecords decides: everything of the structure she acts for, otherwise
// what the owner's rules grant her acting structure's collectives (`reader_collectives`; without
// an acting structure she belongs to none, whatever is passed).
SharingLevel VisibleLevel(const Actor& actor, StructureId owner,
                          const std::vector<SharingRule>& owner_rules,
                          const std::vector<CollectiveId>& reader_collectives);

}  // namespace ensemble::tenancy
