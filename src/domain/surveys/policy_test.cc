#include "domain/surveys/policy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace ensemble::surveys {
namespace {

using access::Reason;
using access::Verdict;
using tenancy::Role;

constexpr StructureId kEcho = 1;    // owns the collective's questionnaire
constexpr StructureId kAlma = 2;    // a member of the collective: collects it
constexpr StructureId kIciela = 3;  // outside the collective

Actor Wearing(StructureId structure, std::vector<Role> roles) {
  return Actor{42, structure, std::move(roles), false};
}

// An export of answers asked for by `person`.
Target ExportOf(PersonId person) {
  Target target;
  target.person = person;
  return target;
}

Target SeniorsQuestionnaire() {
  SurveyForm form;
  form.owner = kEcho;
  form.collective = 7;
  const std::vector<StructureId> members = {kEcho, kAlma};
  return FormTarget(form, members);
}

Target Member(bool member) {
  Target target;
  target.acting_is_member = member;
  return target;
}

struct Case {
  std::string name;
  Actor actor;
  Action action;
  Target target;
  Verdict want;
  Reason reason = Reason::kNone;
};

TEST(SurveysPolicy, EachActionAllowsRefusesAndHidesAsItsRuleSays) {
  const Target form = SeniorsQuestionnaire();
  Target missing = form;
  missing.exists = false;
  const std::vector<Case> cases = {
      {"a centre's staff lists its forms", Wearing(kAlma, {Role::kStaff}), Action::kListForms,
       AnswersTarget(kAlma), Verdict::kAllow},
      {"nobody lists another structure's", Wearing(kAlma, {Role::kDirector}), Action::kListForms,
       AnswersTarget(kIciela), Verdict::kHide, Reason::kOtherStructure},
      {"the coordinator creates a form", Wearing(kEcho, {Role::kCoordinator}), Action::kCreateForm,
       AnswersTarget(kEcho), Verdict::kAllow},
      {"staff do not create forms", Wearing(kEcho, {Role::kStaff}), Action::kCreateForm,
       AnswersTarget(kEcho), Verdict::kDeny, Reason::kRoleInsufficient},
      {"a member's staff reads the form", Wearing(kAlma, {Role::kStaff}), Action::kReadForm, form,
       Verdict::kAllow},
      {"an outsider does not see it", Wearing(kIciela, {Role::kDirector}), Action::kReadForm, form,
       Verdict::kHide, Reason::kOtherStructure},
      {"a missing form is not found", Wearing(kEcho, {Role::kDirector}), Action::kReadForm, missing,
       Verdict::kHide, Reason::kNoSuchRecord},
      {"the owner's coordinator publishes a version", Wearing(kEcho, {Role::kCoordinator}),
       Action::kUpdateForm, form, Verdict::kAllow},
      {"a member's director may not change the owner's form", Wearing(kAlma, {Role::kDirector}),
       Action::kUpdateForm, form, Verdict::kDeny, Reason::kOtherStructure},
      {"the owner's staff may not either", Wearing(kEcho, {Role::kStaff}), Action::kUpdateForm,
       form, Verdict::kDeny, Reason::kRoleInsufficient},
      {"a member's referent submits", Wearing(kAlma, {Role::kReferent}), Action::kSubmit, form,
       Verdict::kAllow},
      {"a funder's viewer does not", Wearing(kAlma, {Role::kFunderViewer}), Action::kSubmit, form,
       Verdict::kDeny, Reason::kRoleInsufficient},
      {"an outsider cannot submit to a form it does not see", Wearing(kIciela, {Role::kStaff}),
       Action::kSubmit, form, Verdict::kHide, Reason::kOtherStructure},
      {"a centre's staff reads its own answers", Wearing(kAlma, {Role::kStaff}),
       Action::kReadAnswers, AnswersTarget(kAlma), Verdict::kAllow},
      {"the form's owner does not read a member's answers", Wearing(kEcho, {Role::kCoordinator}),
       Action::kReadAnswers, AnswersTarget(kAlma), Verdict::kHide, Reason::kOtherStructure},
      {"a viewer does not read answers", Wearing(kAlma, {Role::kFunderViewer}),
       Action::kReadAnswers, AnswersTarget(kAlma), Verdict::kDeny, Reason::kRoleInsufficient},
      {"a member's referent reads the results", Wearing(kAlma, {Role::kReferent}),
       Action::kReadResults, form, Verdict::kAllow},
      {"a member's HR hat does not", Wearing(kAlma, {Role::kHrFinance}), Action::kReadResults, form,
       Verdict::kDeny, Reason::kRoleInsufficient},
      {"an outsider does not see them", Wearing(kIciela, {Role::kDirector}), Action::kReadResults,
       form, Verdict::kHide, Reason::kOtherStructure},
      {"a member designs for its collective", Wearing(kEcho, {Role::kCoordinator}),
       Action::kDesignForCollective, Member(true), Verdict::kAllow},
      {"an outsider does not see the collective", Wearing(kIciela, {Role::kCoordinator}),
       Action::kDesignForCollective, Member(false), Verdict::kHide, Reason::kNotAMember},
      {"a mediator sets up her tablet", Wearing(kAlma, {Role::kMediator}), Action::kCreateCollector,
       AnswersTarget(kAlma), Verdict::kAllow},
      {"a funder's viewer collects nothing", Wearing(kAlma, {Role::kFunderViewer}),
       Action::kCreateCollector, AnswersTarget(kAlma), Verdict::kDeny, Reason::kRoleInsufficient},
      {"not for another structure", Wearing(kAlma, {Role::kDirector}), Action::kCreateCollector,
       AnswersTarget(kEcho), Verdict::kHide, Reason::kOtherStructure},
      {"the director manages the devices", Wearing(kAlma, {Role::kDirector}),
       Action::kManageCollectors, AnswersTarget(kAlma), Verdict::kAllow},
      {"staff manage their own only", Wearing(kAlma, {Role::kStaff}), Action::kManageCollectors,
       AnswersTarget(kAlma), Verdict::kDeny, Reason::kRoleInsufficient},
      {"never another structure's devices", Wearing(kEcho, {Role::kDirector}),
       Action::kManageCollectors, AnswersTarget(kAlma), Verdict::kHide, Reason::kOtherStructure},
      {"the director holds her structure's key", Wearing(kAlma, {Role::kDirector}),
       Action::kManageFormKey, AnswersTarget(kAlma), Verdict::kAllow},
      {"a coordinator does not", Wearing(kAlma, {Role::kCoordinator}), Action::kManageFormKey,
       AnswersTarget(kAlma), Verdict::kDeny, Reason::kRoleInsufficient},
      {"never another structure's key", Wearing(kEcho, {Role::kDirector}), Action::kManageFormKey,
       AnswersTarget(kAlma), Verdict::kHide, Reason::kOtherStructure},
      {"her own export", Wearing(kAlma, {Role::kStaff}), Action::kReadOwnExport,
       ExportOf(Wearing(kAlma, {Role::kStaff}).person_id), Verdict::kAllow},
      {"not a colleague's, even the director's", Wearing(kAlma, {Role::kDirector}),
       Action::kReadOwnExport, ExportOf(Wearing(kAlma, {Role::kDirector}).person_id + 1),
       Verdict::kHide, Reason::kNotHers},
  };
  std::set<Action> covered;
  for (const Case& c : cases) {
    const Decision decision = Decide(c.actor, c.action, c.target);
    EXPECT_EQ(decision.verdict, c.want) << c.name;
    EXPECT_EQ(decision.reason, c.reason) << c.name;
    covered.insert(c.action);
  }
  for (const Action action : AllActions()) {
    EXPECT_TRUE(covered.contains(action)) << ToString(action) << " has no case";
  }
}

TEST(SurveysPolicy, AnswersCountAcrossStructuresFromTheAggregatesLevel) {
  using tenancy::SharingLevel;
  EXPECT_FALSE(CountsInResults(SharingLevel::kPrivate));
  EXPECT_TRUE(CountsInResults(SharingLevel::kAggregates));
  EXPECT_TRUE(CountsInResults(SharingLevel::kFull));
  EXPECT_TRUE(CountsInResults(SharingLevel::kPublic));
}

TEST(SurveysPolicy, WithoutAnActingStructureNothingIsReachable) {
  const Actor nobody{42, std::nullopt, {}, false};
  for (const Action action : AllActions()) {
    EXPECT_FALSE(Decide(nobody, action, SeniorsQuestionnaire()).allowed()) << ToString(action);
  }
}

}  // namespace
}  // namespace ensemble::surveys
