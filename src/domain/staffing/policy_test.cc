#include "domain/staffing/policy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace ensemble::staffing {
namespace {

using access::Reason;
using access::Verdict;
using tenancy::Role;

constexpr StructureId kAlma = 1;     // the carrier
constexpr StructureId kFresnoy = 2;  // a structure the officer is lent to
constexpr StructureId kIciela = 3;   // a structure with no part in the position
constexpr PersonId kOfficer = 50;    // the digital-transition officer
constexpr PersonId kSomeoneElse = 42;

Actor Wearing(StructureId structure, std::vector<Role> roles, PersonId person = kSomeoneElse) {
  return Actor{person, structure, std::move(roles), false};
}

// The officer's position: carried by Alma, lent to Fresnoy under an agreement.
Target OfficersPosition() {
  Position position;
  position.carrier = kAlma;
  position.person_id = kOfficer;
  position.employments = {{kAlma, 35 * 60}};
  Agreement agreement;
  agreement.shares = {{kAlma, 7000}, {kFresnoy, 3000}};
  const std::vector<Agreement> agreements = {agreement};
  return PositionTarget(position, agreements);
}

struct Case {
  std::string name;
  Actor actor;
  Action action;
  Verdict want;
  Reason reason = Reason::kNone;
};

TEST(StaffingPolicy, EachActionAllowsRefusesAndHidesAsItsRuleSays) {
  const std::vector<Case> cases = {
      {"carrier's staff reads", Wearing(kAlma, {Role::kStaff}), Action::kReadPosition,
       Verdict::kAllow},
      {"a lent-to party's staff reads", Wearing(kFresnoy, {Role::kStaff}), Action::kReadPosition,
       Verdict::kAllow},
      {"an outsider's director does not see it", Wearing(kIciela, {Role::kDirector}),
       Action::kReadPosition, Verdict::kHide, Reason::kOtherStructure},
      {"the officer reads his own list, acting for nobody",
       Actor{kOfficer, std::nullopt, {}, false}, Action::kReadOwnPositions, Verdict::kAllow},
      {"the officer reads his own list, acting for an outsider",
       Wearing(kIciela, {Role::kStaff}, kOfficer), Action::kReadOwnPositions, Verdict::kAllow},
      {"nobody reads another person's list", Wearing(kAlma, {Role::kDirector}),
       Action::kReadOwnPositions, Verdict::kHide, Reason::kNotHers},
      {"acting for an outsider, the position itself stays hidden from him",
       Wearing(kIciela, {Role::kStaff}, kOfficer), Action::kReadPosition, Verdict::kHide,
       Reason::kOtherStructure},
      {"nobody without a hat is refused before the record",
       Actor{kSomeoneElse, std::nullopt, {}, false}, Action::kReadPosition, Verdict::kDeny,
       Reason::kNoActingStructure},
      {"carrier's HR changes the terms", Wearing(kAlma, {Role::kHrFinance}),
       Action::kUpdateAgreement, Verdict::kAllow},
      {"carrier's staff may not", Wearing(kAlma, {Role::kStaff}), Action::kUpdateAgreement,
       Verdict::kDeny, Reason::kRoleInsufficient},
      {"a lent-to director may not change the terms", Wearing(kFresnoy, {Role::kDirector}),
       Action::kUpdateAgreement, Verdict::kDeny, Reason::kOtherStructure},
      {"a lent-to director signs", Wearing(kFresnoy, {Role::kDirector}), Action::kSignAgreement,
       Verdict::kAllow},
      {"a lent-to HR may not sign", Wearing(kFresnoy, {Role::kHrFinance}), Action::kSignAgreement,
       Verdict::kDeny, Reason::kRoleInsufficient},
      {"an outsider cannot sign", Wearing(kIciela, {Role::kDirector}), Action::kSignAgreement,
       Verdict::kHide, Reason::kOtherStructure},
      {"the officer cannot sign for Alma without its hat", Wearing(kIciela, {}, kOfficer),
       Action::kSignAgreement, Verdict::kHide, Reason::kOtherStructure},
      {"the officer records his own days", Wearing(kIciela, {}, kOfficer), Action::kRecordOwnTime,
       Verdict::kAllow},
      {"nobody records another's days", Wearing(kAlma, {Role::kDirector}), Action::kRecordOwnTime,
       Verdict::kHide, Reason::kNotHers},
      {"a lent-to director reads the time", Wearing(kFresnoy, {Role::kDirector}),
       Action::kReadTimeRecords, Verdict::kAllow},
      {"a lent-to staff member may not", Wearing(kFresnoy, {Role::kStaff}),
       Action::kReadTimeRecords, Verdict::kDeny, Reason::kRoleInsufficient},
      {"an outsider's director does not see it", Wearing(kIciela, {Role::kDirector}),
       Action::kReadTimeRecords, Verdict::kHide, Reason::kOtherStructure},
      {"carrier's director ends it", Wearing(kAlma, {Role::kDirector}), Action::kEndAgreement,
       Verdict::kAllow},
      {"carrier's HR may not end it", Wearing(kAlma, {Role::kHrFinance}), Action::kEndAgreement,
       Verdict::kDeny, Reason::kRoleInsufficient},
      {"carrier's HR enters the costs", Wearing(kAlma, {Role::kHrFinance}), Action::kManageCosts,
       Verdict::kAllow},
      {"carrier's coordinator may not", Wearing(kAlma, {Role::kCoordinator}), Action::kManageCosts,
       Verdict::kDeny, Reason::kRoleInsufficient},
      {"a lent-to director may not read the salary", Wearing(kFresnoy, {Role::kDirector}),
       Action::kManageCosts, Verdict::kDeny, Reason::kOtherStructure},
      {"an outsider does not see it", Wearing(kIciela, {Role::kDirector}), Action::kManageCosts,
       Verdict::kDeny, Reason::kOtherStructure},
      {"carrier's HR plans", Wearing(kAlma, {Role::kHrFinance}), Action::kManagePlan,
       Verdict::kAllow},
      {"carrier's staff may not plan", Wearing(kAlma, {Role::kStaff}), Action::kManagePlan,
       Verdict::kDeny, Reason::kRoleInsufficient},
      {"a lent-to director may not plan", Wearing(kFresnoy, {Role::kDirector}), Action::kManagePlan,
       Verdict::kDeny, Reason::kOtherStructure},
      {"a lent-to party's staff reads the plan", Wearing(kFresnoy, {Role::kStaff}),
       Action::kReadPlan, Verdict::kAllow},
      {"an outsider does not see the plan", Wearing(kIciela, {Role::kDirector}), Action::kReadPlan,
       Verdict::kHide, Reason::kOtherStructure},
  };
  for (const Case& c : cases) {
    const Decision decision = Decide(c.actor, c.action, OfficersPosition());
    EXPECT_EQ(decision.verdict, c.want) << c.name;
    EXPECT_EQ(decision.reason, c.reason) << c.name;
    if (c.want == Verdict::kHide) {
      EXPECT_EQ(decision.error.code, ErrorCode::kNotFound) << c.name;
      EXPECT_EQ(decision.error.message.id, "staffing.position.not_found") << c.name;
    }
    if (c.want == Verdict::kDeny) {
      EXPECT_EQ(decision.error.code, ErrorCode::kPermissionDenied) << c.name;
    }
  }
}

TEST(StaffingPolicy, AStatementIsItsCarriersAndItsBilledStructuresMoneyPeoples) {
  const Target statement = StatementTarget(kAlma, kFresnoy);
  EXPECT_TRUE(
      Decide(Wearing(kAlma, {Role::kHrFinance}), Action::kReadStatement, statement).allowed());
  EXPECT_TRUE(
      Decide(Wearing(kFresnoy, {Role::kDirector}), Action::kReadStatement, statement).allowed());
  EXPECT_EQ(Decide(Wearing(kFresnoy, {Role::kStaff}), Action::kReadStatement, statement).verdict,
            Verdict::kDeny);
  const Decision outsider =
      Decide(Wearing(kIciela, {Role::kDirector}), Action::kReadStatement, statement);
  EXPECT_EQ(outsider.verdict, Verdict::kHide);
  EXPECT_EQ(outsider.error.message.id, "staffing.statement.not_found");
  // The officer himself sees no money through a statement.
  EXPECT_EQ(Decide(Wearing(kIciela, {}, kOfficer), Action::kReadStatement, statement).verdict,
            Verdict::kHide);
}

TEST(StaffingPolicy, AMissingPositionAnswersAsAHiddenOne) {
  Target missing;
  missing.exists = false;
  const Decision decision =
      Decide(Wearing(kAlma, {Role::kDirector}), Action::kReadPosition, missing);
  EXPECT_EQ(decision.verdict, Verdict::kHide);
  EXPECT_EQ(decision.error.message.id, "staffing.position.not_found");
}

TEST(StaffingPolicy, CreatingAPositionIsTheActingStructuresDirectorOrHr) {
  Target alma;
  alma.owner = kAlma;
  EXPECT_TRUE(Decide(Wearing(kAlma, {Role::kHrFinance}), Action::kCreatePosition, alma).allowed());
  EXPECT_EQ(Decide(Wearing(kAlma, {Role::kStaff}), Action::kCreatePosition, alma).verdict,
            Verdict::kDeny);
  EXPECT_EQ(
      Decide(Actor{kSomeoneElse, std::nullopt, {}, false}, Action::kCreatePosition, alma).reason,
      Reason::kNoActingStructure);
}

TEST(StaffingPolicy, EveryActionHasOneRowAndADistinctCode) {
  std::set<std::string> codes;
  for (const Action action : AllActions()) {
    EXPECT_TRUE(codes.insert(std::string(ToString(action))).second) << ToString(action);
  }
  EXPECT_EQ(codes.size(), 19u);
}

TEST(StaffingPolicy, APositionsPartiesAreItsEmployersAndItsAgreementsStructures) {
  const Target target = OfficersPosition();
  EXPECT_EQ(target.parties, (std::vector<StructureId>{kAlma, kFresnoy}));
  EXPECT_EQ(target.owner, kAlma);
  EXPECT_EQ(target.person, kOfficer);
}

}  // namespace
}  // namespace ensemble::staffing
