#include "domain/surveys/policy.h"

#include <algorithm>

namespace ensemble::surveys {
namespace {

using access::ActionSpec;
using access::Audience;
using access::Verdict;
using tenancy::Role;

constexpr std::string_view kNoForm = "surveys.form.not_found";

struct Row {
  Action action;
  ActionSpec spec;
};

// Who may do what with questionnaires and answers: one row per action.
const std::vector<Row>& Table() {
  static const std::vector<Row> table = {
      {Action::kListForms,
       {"list_forms",
        "structure",
        "tenancy.structure.not_found",
        {},
        {.audience = Audience::kOwner}}},
      {Action::kCreateForm,
       {"create_form",
        "structure",
        "tenancy.structure.not_found",
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kCoordinator},
         .deny_message = "surveys.deny.create_form"}}},
      {Action::kReadForm,
       {"read_form",
        "survey_form",
        kNoForm,
        {},
        {.audience = Audience::kParties, .deny_message = "surveys.deny.read_form"}}},
      // The use case decides kReadForm first, which hides the form from outsiders; the members
      // who collect it see it and are refused its design (403).
      {Action::kUpdateForm,
       {"update_form",
        "survey_form",
        kNoForm,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kCoordinator},
         .outsiders = Verdict::kDeny,
         .deny_message = "surveys.deny.update_form",
         .outsider_message = "surveys.deny.owner_only"}}},
      {Action::kSubmit,
       {"submit",
        "survey_form",
        kNoForm,
        {},
        {.audience = Audience::kParties,
         .roles = {Role::kDirector, Role::kCoordinator, Role::kReferent, Role::kStaff,
                   Role::kMediator, Role::kHrFinance},
         .deny_message = "surveys.deny.submit"}}},
      {Action::kReadAnswers,
       {"read_answers",
        "survey_answers",
        kNoForm,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kCoordinator, Role::kReferent, Role::kStaff,
                   Role::kMediator},
         .deny_message = "surveys.deny.read_answers"}}},
      {Action::kReadResults,
       {"read_results",
        "survey_form",
        kNoForm,
        {},
        {.audience = Audience::kParties,
         .roles = {Role::kDirector, Role::kCoordinator, Role::kReferent, Role::kStaff,
                   Role::kMediator},
         .deny_message = "surveys.deny.read_results"}}},
      {Action::kCreateCollector,
       {"create_collector",
        "structure",
        "tenancy.structure.not_found",
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kCoordinator, Role::kReferent, Role::kStaff,
                   Role::kMediator, Role::kHrFinance},
         .deny_message = "surveys.deny.create_collector"}}},
      {Action::kManageCollectors,
       {"manage_collectors",
        "structure",
        "tenancy.structure.not_found",
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector, Role::kCoordinator},
         .deny_message = "surveys.deny.manage_collectors"}}},
      {Action::kManageFormKey,
       {"manage_form_key",
        "survey_answers",
        kNoForm,
        {},
        {.audience = Audience::kOwner,
         .roles = {Role::kDirector},
         .deny_message = "surveys.deny.manage_form_key"}}},
      {Action::kReadOwnExport,
       {"read_own_export",
        "survey_export",
        "surveys.export.not_found",
        "export_id",
        {.audience = Audience::kOwnPerson}}},
      {Action::kDesignForCollective,
       {"design_for_collective",
        "collective",
        "tenancy.collective.not_found",
        "collective_id",
        {.audience = Audience::kCollectiveMembers}}},
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

Target FormTarget(const SurveyForm& form, std::span<const StructureId> collective_members) {
  Target target;
  target.owner = form.owner;
  target.parties.assign(collective_members.begin(), collective_members.end());
  target.parties.push_back(form.owner);
  std::sort(target.parties.begin(), target.parties.end());
  target.parties.erase(std::unique(target.parties.begin(), target.parties.end()),
                       target.parties.end());
  return target;
}

Target AnswersTarget(StructureId structure) {
  Target target;
  target.owner = structure;
  return target;
}

bool CountsInResults(tenancy::SharingLevel granted) {
  return granted != tenancy::SharingLevel::kPrivate;
}

}  // namespace ensemble::surveys
