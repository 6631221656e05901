#include "domain/tenancy/policy.h"

#include <array>
#include <utility>

namespace ensemble::tenancy {
namespace {

using access::ActionSpec;
using access::Audience;
using access::Rule;

constexpr std::string_view kNoStructure = "tenancy.structure.not_found";
constexpr std::string_view kNoCollective = "tenancy.collective.not_found";
constexpr std::string_view kNoMember = "tenancy.member.not_found";
constexpr std::string_view kNoFile = "tenancy.personnel_file.not_found";
constexpr std::string_view kNoData = "tenancy.shared.not_found";
constexpr std::string_view kNothing = "core.not_found";
constexpr std::string_view kNoSession = "tenancy.session.not_found";

struct Row {
  Action action;
  TargetKind target;
  ActionSpec spec;
};

// Who may do what in the tenancy module: one row per action.
const std::vector<Row>& Table() {
  static const std::vector<Row> table = {
      {Action::kReadStructureProfile,
       TargetKind::kStructure,
       {"read_structure", "structure", kNoStructure, {}, {.audience = Audience::kSignedIn}}},
      {Action::kCreateStructure,
       TargetKind::kStructure,
       {"create_structure",
        "structure",
        kNoStructure,
        {},
        {.audience = Audience::kPlatformAdmin, .deny_message = "tenancy.deny.create_structure"}}},
      {Action::kUpdateStructure,
       TargetKind::kStructure,
       {"update_structure",
        "structure",
        kNoStructure,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector},
         .outsiders = Verdict::kDeny,
         .platform_admin_may = true,
         .deny_message = "tenancy.deny.update_structure",
         .outsider_message = "tenancy.deny.update_structure_outsider"}}},
      {Action::kReadStructureStaff,
       TargetKind::kStructure,
       {"read_staff",
        "structure",
        kNoStructure,
        {},
        {.audience = Audience::kOwner, .deny_message = "tenancy.deny.read_staff"}}},
      {Action::kReadAuditLog,
       TargetKind::kStructure,
       {"read_audit_log",
        "structure",
        kNoStructure,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector},
         .deny_message = "tenancy.deny.read_audit_log"}}},
      {Action::kReadPlatformSignIns,
       TargetKind::kPlatform,
       {"read_platform_sign_ins",
        "platform",
        kNothing,
        {},
        {.audience = Audience::kPlatformAdmin,
         .deny_message = "tenancy.deny.read_platform_sign_ins"}}},
      {Action::kListPersonnelFiles,
       TargetKind::kStructure,
       {"list_personnel_files",
        "structure",
        kNoStructure,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kHrFinance},
         .deny_message = "tenancy.deny.personnel_files"}}},
      {Action::kCreatePersonnelFile,
       TargetKind::kStructure,
       {"create_personnel_file",
        "structure",
        kNoStructure,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kHrFinance},
         .deny_message = "tenancy.deny.personnel_files"}}},
      // A file she may not read is hidden even inside her structure: its id tells nothing.
      {Action::kReadPersonnelFile,
       TargetKind::kPersonnelFile,
       {"read_personnel_file",
        "personnel_file",
        kNoFile,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kHrFinance},
         .without_role = Verdict::kHide}}},
      {Action::kWritePersonnelFile,
       TargetKind::kPersonnelFile,
       {"update_personnel_file",
        "personnel_file",
        kNoFile,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kHrFinance},
         .without_role = Verdict::kHide}}},
      {Action::kListMyCollectives,
       TargetKind::kCollective,
       {"list_collectives", "collective", kNoCollective, {}, {.audience = Audience::kSignedIn}}},
      {Action::kReadCollective,
       TargetKind::kCollective,
       {"read_collective",
        "collective",
        kNoCollective,
        {},
        {.audience = Audience::kCollectiveMembers}}},
      {Action::kReadSharing,
       TargetKind::kCollective,
       {"read_sharing",
        "collective",
        kNoCollective,
        {},
        {.audience = Audience::kCollectiveMembers}}},
      {Action::kChangeSharing,
       TargetKind::kCollectiveMember,
       {"change_sharing",
        "collective_member",
        kNoMember,
        {},
        {.audience = Audience::kMemberOwner,
         .roles = {Role::kDirector},
         .deny_message = "tenancy.deny.sharing",
         .outsider_message = "tenancy.deny.sharing_outsider"}}},
      {Action::kSetReferent,
       TargetKind::kCollectiveMember,
       {"set_referent",
        "collective_member",
        kNoMember,
        {},
        {.audience = Audience::kMemberOwner,
         .roles = {Role::kDirector},
         .deny_message = "tenancy.deny.sharing",
         .outsider_message = "tenancy.deny.sharing_outsider"}}},
      {Action::kReadSharedRecords,
       TargetKind::kSharedRecords,
       {"read_shared_records",
        "shared_records",
        kNoData,
        {},
        {.audience = Audience::kSharedReaders}}},
      // Decided for the hat she would wear: a structure where she holds no role (or none at all)
      // is refused alike, naming the field.
      {Action::kActFor,
       TargetKind::kStructure,
       {"act_for",
        "structure",
        kNoStructure,
        {},
        {.audience = Audience::kOwner,
         .outsiders = Verdict::kDeny,
         .needs_acting_structure = false,
         .deny_message = "tenancy.deny.no_role",
         .outsider_message = "tenancy.deny.no_role",
         .deny_field = "structure_id"}}},
      {Action::kEndSession,
       TargetKind::kSession,
       {"end_session", "session", kNoSession, "session_id", {.audience = Audience::kOwnPerson}}},
      {Action::kReadOwnActivity,
       TargetKind::kPlatform,
       {"read_own_activity", "platform", kNothing, {}, {.audience = Audience::kSignedIn}}},
      {Action::kManageCalendarFeed,
       TargetKind::kStructure,
       {"manage_calendar_feed",
        "structure",
        kNoStructure,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector},
         .deny_message = "tenancy.deny.calendar_feed"}}},
      // Owned by the coordinating structure; the other members see the collective, so they are
      // refused rather than shown nothing.
      {Action::kSetDisclosureThreshold,
       TargetKind::kCollective,
       {"set_disclosure_threshold",
        "collective",
        kNoCollective,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kCoordinator},
         .outsiders = Verdict::kDeny,
         .deny_message = "tenancy.deny.disclosure_threshold",
         .outsider_message = "tenancy.deny.disclosure_threshold_outsider"}}},
  };
  return table;
}

const Row& RowOf(Action action) {
  for (const Row& row : Table()) {
    if (row.action == action) return row;
  }
  return Table().front();  // unreachable: every action has a row (policy_test checks)
}

}  // namespace

const access::ActionSpec& SpecOf(Action action) { return RowOf(action).spec; }

std::string_view ToString(Action action) { return SpecOf(action).code; }

const std::vector<Action>& AllActions() {
  static const std::vector<Action> all = [] {
    std::vector<Action> actions;
    for (const Row& row : Table()) actions.push_back(row.action);
    return actions;
  }();
  return all;
}

TargetKind TargetOf(Action action) { return RowOf(action).target; }

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
    case TargetKind::kSession:
      return "session";
  }
  return "unknown";
}

Error NotFound(TargetKind kind) {
  for (const Row& row : Table()) {
    if (row.target == kind) return access::NotFound(row.spec);
  }
  return Error{ErrorCode::kNotFound, std::string(kNothing), {}, {}};
}

Decision Decide(const Actor& actor, Action action, const Target& target) {
  return access::Decide(actor, SpecOf(action), target);
}

Status Authorize(const Actor& actor, Action action, const Target& target) {
  return Decide(actor, action, target).ToStatus();
}

std::vector<std::string> AllowedActions(const Actor& actor, std::initializer_list<Action> actions,
                                        const Target& target) {
  std::vector<const access::ActionSpec*> specs;
  for (const Action action : actions) specs.push_back(&SpecOf(action));
  return access::AllowedActions(actor, specs, target);
}

SharingLevel VisibleLevel(const Actor& actor, StructureId owner,
                          const std::vector<SharingRule>& owner_rules,
                          const std::vector<CollectiveId>& reader_collectives) {
  const SharingLevel granted = actor.acting_structure_id
                                   ? GrantedLevel(owner_rules, reader_collectives)
                                   : GrantedLevel(owner_rules, {});
  return access::VisibleLevel(actor, SpecOf(Action::kReadSharedRecords), owner, granted);
}

}  // namespace ensemble::tenancy
