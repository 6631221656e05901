#include "domain/tenancy/authorization.h"

#include <gtest/gtest.h>

namespace ensemble::tenancy {
namespace {

constexpr StructureId kAlma = 1;
constexpr StructureId kIciela = 2;

Actor Wearing(StructureId structure, std::vector<Role> roles) {
  return Actor{42, structure, std::move(roles), false};
}

Target OwnedBy(StructureId owner) {
  Target target;
  target.owner = owner;
  return target;
}

void ExpectDenied(const Status& status) {
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kPermissionDenied);
}

TEST(Authorize, NobodySignedInIsUnauthenticated) {
  const auto status = Authorize(Actor{}, Action::kReadStructureProfile, {});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kUnauthenticated);
}

TEST(Authorize, DirectorUpdatesOnlyTheStructureSheActsFor) {
  const Actor director = Wearing(kAlma, {Role::kDirector});
  EXPECT_TRUE(Authorize(director, Action::kUpdateStructure, OwnedBy(kAlma)).has_value());
  ExpectDenied(Authorize(director, Action::kUpdateStructure, OwnedBy(kIciela)));
  ExpectDenied(Authorize(Wearing(kAlma, {Role::kStaff}), Action::kUpdateStructure, OwnedBy(kAlma)));
}

// The multi-employer HR manager: the same person, two hats. Only the hat she wears counts.
TEST(Authorize, MultiEmployerHatsStayApart) {
  const Actor for_alma = Wearing(kAlma, {Role::kHrFinance});
  const Actor for_iciela = Wearing(kIciela, {Role::kHrFinance});
  EXPECT_TRUE(Authorize(for_alma, Action::kReadPersonnelFile, OwnedBy(kAlma)).has_value());
  ExpectDenied(Authorize(for_alma, Action::kReadPersonnelFile, OwnedBy(kIciela)));
  EXPECT_TRUE(Authorize(for_iciela, Action::kWritePersonnelFile, OwnedBy(kIciela)).has_value());
  ExpectDenied(Authorize(for_iciela, Action::kWritePersonnelFile, OwnedBy(kAlma)));
  const Actor no_hat{42, std::nullopt, {}, false};
  ExpectDenied(Authorize(no_hat, Action::kReadPersonnelFile, OwnedBy(kAlma)));
}

TEST(Authorize, MediatorsDoNotReadPersonnelFiles) {
  ExpectDenied(
      Authorize(Wearing(kAlma, {Role::kMediator}), Action::kReadPersonnelFile, OwnedBy(kAlma)));
}

TEST(Authorize, CollectiveIsReadByItsMembersOnly) {
  Target member;
  member.acting_is_member = true;
  EXPECT_TRUE(
      Authorize(Wearing(kAlma, {Role::kStaff}), Action::kReadCollective, member).has_value());
  ExpectDenied(Authorize(Wearing(kAlma, {Role::kDirector}), Action::kReadCollective, Target{}));
}

TEST(Authorize, SharingIsDecidedByTheMembersOwnDirector) {
  Target alma_in_collective = OwnedBy(kAlma);
  alma_in_collective.owner_is_member = true;
  EXPECT_TRUE(
      Authorize(Wearing(kAlma, {Role::kDirector}), Action::kChangeSharing, alma_in_collective)
          .has_value());
  // The coordinator of the collective does not decide for another member.
  ExpectDenied(Authorize(Wearing(kIciela, {Role::kDirector, Role::kCoordinator}),
                         Action::kChangeSharing, alma_in_collective));
  Target outsider = OwnedBy(kAlma);
  outsider.owner_is_member = false;
  ExpectDenied(Authorize(Wearing(kAlma, {Role::kDirector}), Action::kChangeSharing, outsider));
}

TEST(Authorize, AuditLogIsTheDirectorsOwn) {
  EXPECT_TRUE(Authorize(Wearing(kAlma, {Role::kDirector}), Action::kReadAuditLog, OwnedBy(kAlma))
                  .has_value());
  ExpectDenied(
      Authorize(Wearing(kAlma, {Role::kDirector}), Action::kReadAuditLog, OwnedBy(kIciela)));
  ExpectDenied(
      Authorize(Wearing(kAlma, {Role::kHrFinance}), Action::kReadAuditLog, OwnedBy(kAlma)));
}

TEST(Authorize, PlatformAdminCreatesStructuresButReadsNoPersonnelFile) {
  const Actor admin{7, std::nullopt, {}, true};
  EXPECT_TRUE(Authorize(admin, Action::kCreateStructure, {}).has_value());
  ExpectDenied(Authorize(admin, Action::kReadPersonnelFile, OwnedBy(kAlma)));
  ExpectDenied(Authorize(Wearing(kAlma, {Role::kDirector}), Action::kCreateStructure, {}));
}

struct SharedReadCase {
  SharingLevel granted;
  SharingLevel needed;
  bool allowed;
};

class SharedRecords : public testing::TestWithParam<SharedReadCase> {};

TEST_P(SharedRecords, GrantedLevelMustReachTheNeededOne) {
  Target target = OwnedBy(kIciela);
  target.shared_level = GetParam().granted;
  target.needed_level = GetParam().needed;
  const auto status = Authorize(Wearing(kAlma, {Role::kStaff}), Action::kReadSharedRecords, target);
  EXPECT_EQ(status.has_value(), GetParam().allowed);
}

INSTANTIATE_TEST_SUITE_P(
    Levels, SharedRecords,
    testing::Values(SharedReadCase{SharingLevel::kPrivate, SharingLevel::kAggregates, false},
                    SharedReadCase{SharingLevel::kAggregates, SharingLevel::kAggregates, true},
                    SharedReadCase{SharingLevel::kAggregates, SharingLevel::kFull, false},
                    SharedReadCase{SharingLevel::kFull, SharingLevel::kFull, true},
                    SharedReadCase{SharingLevel::kPublic, SharingLevel::kFull, true}));

TEST(GrantedLevel, OnlyCollectivesOfTheReaderCountUnlessPublic) {
  const std::vector<SharingRule> rules = {
      {kIciela, 10, RecordKind::kSurveyAnswers, SharingLevel::kFull},
      {kIciela, 11, RecordKind::kSurveyAnswers, SharingLevel::kAggregates},
  };
  EXPECT_EQ(GrantedLevel(rules, {11}), SharingLevel::kAggregates);
  EXPECT_EQ(GrantedLevel(rules, {10, 11}), SharingLevel::kFull);
  EXPECT_EQ(GrantedLevel(rules, {12}), SharingLevel::kPrivate);
  const std::vector<SharingRule> published = {
      {kIciela, 10, RecordKind::kServices, SharingLevel::kPublic}};
  EXPECT_EQ(GrantedLevel(published, {}), SharingLevel::kPublic);
}

}  // namespace
}  // namespace ensemble::tenancy
