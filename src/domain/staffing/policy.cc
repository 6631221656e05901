#include "domain/staffing/policy.h"

#include <algorithm>

namespace ensemble::staffing {
namespace {

using access::ActionSpec;
using access::Audience;
using access::Verdict;
using tenancy::Role;

constexpr std::string_view kNoPosition = "staffing.position.not_found";

struct Row {
  Action action;
  ActionSpec spec;
};

ActionSpec PartiesMay(std::string_view code, std::vector<Role> roles, std::string_view deny) {
  return {code,
          "position",
          kNoPosition,
          {},
          {.audience = Audience::kParties, .roles = std::move(roles), .deny_message = deny}};
}

// Actions on the carrier's own terms: the carrier's people with the role. The use case decides
// kReadPosition first, which hides the position from outsiders; the other parties, who see it,
// are then refused (403).
ActionSpec CarrierMay(std::string_view code, std::vector<Role> roles, std::string_view deny) {
  return {code,
          "position",
          kNoPosition,
          {},
          {.audience = Audience::kOwner,
           .roles = std::move(roles),
           .outsiders = Verdict::kDeny,
           .deny_message = deny,
           .outsider_message = "staffing.deny.carrier_only"}};
}

// Who may do what with shared positions: one row per action.
const std::vector<Row>& Table() {
  static const std::vector<Row> table = {
      {Action::kListPositions,
       {"list_positions",
        "structure",
        "tenancy.structure.not_found",
        {},
        {.audience = Audience::kOwner}}},
      {Action::kCreatePosition,
       {"create_position",
        "structure",
        "tenancy.structure.not_found",
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kHrFinance},
         .deny_message = "staffing.deny.create_position"}}},
      {Action::kReadPosition, PartiesMay("read_position", {}, "staffing.deny.read_position")},
      // Her own positions, whatever hat she wears: the shared employee's plan across all sites.
      {Action::kReadOwnPositions,
       {"read_own_positions", "person", kNoPosition, {}, {.audience = Audience::kOwnPerson}}},
      {Action::kUpdatePosition, CarrierMay("update_position", {Role::kDirector, Role::kHrFinance},
                                           "staffing.deny.update_position")},
      {Action::kCreateAgreement, CarrierMay("create_agreement", {Role::kDirector, Role::kHrFinance},
                                            "staffing.deny.change_agreement")},
      {Action::kUpdateAgreement, CarrierMay("update_agreement", {Role::kDirector, Role::kHrFinance},
                                            "staffing.deny.change_agreement")},
      {Action::kSignAgreement,
       PartiesMay("sign_agreement", {Role::kDirector}, "staffing.deny.sign_agreement")},
      {Action::kEndAgreement,
       CarrierMay("end_agreement", {Role::kDirector}, "staffing.deny.end_agreement")},
      // Her days are hers to confirm, for every structure she works for.
      {Action::kRecordOwnTime,
       {"record_own_time", "position", kNoPosition, {}, {.audience = Audience::kOwnPerson}}},
      {Action::kReadTimeRecords,
       PartiesMay("read_time_records", {Role::kDirector, Role::kCoordinator, Role::kHrFinance},
                  "staffing.deny.read_time")},
      // Money is the carrier's to enter and to bill: the salary is personal data the others
      // only see through the statements issued to them.
      {Action::kManageCosts, CarrierMay("manage_costs", {Role::kDirector, Role::kHrFinance},
                                        "staffing.deny.manage_costs")},
      {Action::kManageCarrierSettings,
       {"manage_carrier_settings",
        "structure",
        "tenancy.structure.not_found",
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kHrFinance},
         .deny_message = "staffing.deny.manage_costs"}}},
      {Action::kListStatements,
       {"list_statements",
        "structure",
        "tenancy.structure.not_found",
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kHrFinance},
         .deny_message = "staffing.deny.read_statement"}}},
      {Action::kReadStatement,
       {"read_statement",
        "statement",
        "staffing.statement.not_found",
        {},
        {.audience = Audience::kParties,
         .roles = {Role::kDirector, Role::kHrFinance},
         .deny_message = "staffing.deny.read_statement"}}},
      // The carrier plans the person's time; every party sees when she comes to it.
      {Action::kManagePlan,
       CarrierMay("manage_plan", {Role::kDirector, Role::kHrFinance}, "staffing.deny.manage_plan")},
      {Action::kReadPlan, PartiesMay("read_plan", {}, "staffing.deny.read_position")},
      // A collective's view of its members' positions: hidden from a structure outside it; what
      // crosses is then each party's to say (collective.h).
      {Action::kReadCollectivePositions,
       {"read_collective_positions",
        "collective",
        "tenancy.collective.not_found",
        {},
        {.audience = Audience::kCollectiveMembers}}},
      {Action::kReadSharedPositions,
       {"read_shared_positions",
        "position",
        kNoPosition,
        {},
        {.audience = Audience::kSharedReaders}}},
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

Decision Decide(const Actor& actor, Action action, const Target& target) {
  return access::Decide(actor, SpecOf(action), target);
}

std::vector<std::string> AllowedActions(const Actor& actor, std::initializer_list<Action> actions,
                                        const Target& target) {
  std::vector<const access::ActionSpec*> specs;
  for (const Action action : actions) specs.push_back(&SpecOf(action));
  return access::AllowedActions(actor, specs, target);
}

Target PositionTarget(const Position& position, std::span<const Agreement> agreements) {
  Target target;
  target.owner = position.carrier;
  target.person = position.person_id;
  target.parties = position.Employers();
  for (const Agreement& agreement : agreements) {
    for (const StructureId party : agreement.Parties()) target.parties.push_back(party);
  }
  std::sort(target.parties.begin(), target.parties.end());
  target.parties.erase(std::unique(target.parties.begin(), target.parties.end()),
                       target.parties.end());
  return target;
}

Target StatementTarget(StructureId carrier, StructureId billed) {
  Target target;
  target.owner = carrier;
  target.parties = {carrier, billed};
  return target;
}

}  // namespace ensemble::staffing
