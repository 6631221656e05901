#include "domain/tenancy/policy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace ensemble::tenancy {
namespace {

constexpr StructureId kAlma = 1;
constexpr StructureId kIciela = 2;

Actor Wearing(StructureId structure, std::vector<Role> roles) {
  return Actor{42, structure, std::move(roles), false};
}

const Actor kNoHat{42, std::nullopt, {}, false};
const Actor kAdmin{7, std::nullopt, {}, true};

Target OwnedBy(StructureId owner) {
  Target target;
  target.owner = owner;
  return target;
}

Target Missing() {
  Target target;
  target.exists = false;
  return target;
}

// A collective's facts: whether the acting structure and the owner (Alma) are members.
Target Collective(bool acting_is_member, bool owner_is_member = true) {
  Target target = OwnedBy(kAlma);
  target.acting_is_member = acting_is_member;
  target.owner_is_member = owner_is_member;
  return target;
}

Target OwnSession(PersonId person) {
  Target target;
  target.person = person;
  return target;
}

enum class Want { kAllowed, kForbidden, kHidden };

struct Case {
  std::string name;
  Actor actor;
  Action action;
  Target target;
  Want want;
  Reason reason;
};

std::string Describe(const Case& c) {
  return c.name + " (" + std::string(ToString(c.action)) + ")";
}

// Every action, each with the actor allowed, the actor who sees the target but may not act
// (403), the actor from whom it is hidden (404), and a record that does not exist.
std::vector<Case> Cases() {
  const Actor alma_director = Wearing(kAlma, {Role::kDirector});
  const Actor alma_staff = Wearing(kAlma, {Role::kStaff});
  const Actor alma_hr = Wearing(kAlma, {Role::kHrFinance});
  const Actor alma_mediator = Wearing(kAlma, {Role::kMediator});
  const Actor iciela_director = Wearing(kIciela, {Role::kDirector});
  const Actor iciela_hr = Wearing(kIciela, {Role::kHrFinance});
  const auto A = Want::kAllowed;
  const auto F = Want::kForbidden;
  const auto H = Want::kHidden;
  using R = Reason;
  using Ac = Action;
  return {
      // The directory card is public to signed-in people; only a missing one is not found.
      {"any structure's card", iciela_hr, Ac::kReadStructureProfile, OwnedBy(kAlma), A, R::kNone},
      {"card without a hat", kNoHat, Ac::kReadStructureProfile, OwnedBy(kAlma), A, R::kNone},
      {"missing card", alma_director, Ac::kReadStructureProfile, Missing(), H, R::kNoSuchRecord},

      {"admin creates", kAdmin, Ac::kCreateStructure, {}, A, R::kNone},
      {"director creates", alma_director, Ac::kCreateStructure, {}, F, R::kPlatformAdminOnly},

      {"admin reads every sign-in", kAdmin, Ac::kReadPlatformSignIns, {}, A, R::kNone},
      {"director reads every sign-in",
       alma_director,
       Ac::kReadPlatformSignIns,
       {},
       F,
       R::kPlatformAdminOnly},
      // The card is visible to all: changing another structure's is forbidden, not hidden.
      {"own director edits", alma_director, Ac::kUpdateStructure, OwnedBy(kAlma), A, R::kNone},
      {"admin edits", kAdmin, Ac::kUpdateStructure, OwnedBy(kAlma), A, R::kNone},
      {"staff edits", alma_staff, Ac::kUpdateStructure, OwnedBy(kAlma), F, R::kRoleInsufficient},
      {"other director edits", iciela_director, Ac::kUpdateStructure, OwnedBy(kAlma), F,
       R::kOtherStructure},
      {"edit without a hat", kNoHat, Ac::kUpdateStructure, OwnedBy(kAlma), F,
       R::kNoActingStructure},
      {"edit a missing one", alma_director, Ac::kUpdateStructure, Missing(), H, R::kNoSuchRecord},

      // The staff list, the log and the personnel of a structure are hidden from the others.
      {"own staff", alma_staff, Ac::kReadStructureStaff, OwnedBy(kAlma), A, R::kNone},
      {"other staff", iciela_director, Ac::kReadStructureStaff, OwnedBy(kAlma), H,
       R::kOtherStructure},
      {"staff without a hat", kNoHat, Ac::kReadStructureStaff, OwnedBy(kAlma), F,
       R::kNoActingStructure},
      {"missing staff", alma_staff, Ac::kReadStructureStaff, Missing(), H, R::kNoSuchRecord},

      {"own log", alma_director, Ac::kReadAuditLog, OwnedBy(kAlma), A, R::kNone},
      {"own log, HR", alma_hr, Ac::kReadAuditLog, OwnedBy(kAlma), F, R::kRoleInsufficient},
      {"other log", iciela_director, Ac::kReadAuditLog, OwnedBy(kAlma), H, R::kOtherStructure},
      {"missing log", alma_director, Ac::kReadAuditLog, Missing(), H, R::kNoSuchRecord},

      {"own feed", alma_director, Ac::kManageCalendarFeed, OwnedBy(kAlma), A, R::kNone},
      {"own feed, HR", alma_hr, Ac::kManageCalendarFeed, OwnedBy(kAlma), F, R::kRoleInsufficient},
      {"other feed", iciela_director, Ac::kManageCalendarFeed, OwnedBy(kAlma), H,
       R::kOtherStructure},
      {"missing feed", alma_director, Ac::kManageCalendarFeed, Missing(), H, R::kNoSuchRecord},

      {"own personnel, HR", alma_hr, Ac::kListPersonnelFiles, OwnedBy(kAlma), A, R::kNone},
      {"own personnel, director", alma_director, Ac::kListPersonnelFiles, OwnedBy(kAlma), A,
       R::kNone},
      {"own personnel, mediator", alma_mediator, Ac::kListPersonnelFiles, OwnedBy(kAlma), F,
       R::kRoleInsufficient},
      {"other hat's personnel", iciela_hr, Ac::kListPersonnelFiles, OwnedBy(kAlma), H,
       R::kOtherStructure},
      {"personnel without a hat", kNoHat, Ac::kListPersonnelFiles, OwnedBy(kAlma), F,
       R::kNoActingStructure},
      {"admin's personnel", kAdmin, Ac::kListPersonnelFiles, OwnedBy(kAlma), F,
       R::kNoActingStructure},
      {"own new file", alma_hr, Ac::kCreatePersonnelFile, OwnedBy(kAlma), A, R::kNone},
      {"own new file, staff", alma_staff, Ac::kCreatePersonnelFile, OwnedBy(kAlma), F,
       R::kRoleInsufficient},
      {"other hat's new file", iciela_hr, Ac::kCreatePersonnelFile, OwnedBy(kAlma), H,
       R::kOtherStructure},
      {"new file, missing employer", alma_hr, Ac::kCreatePersonnelFile, Missing(), H,
       R::kNoSuchRecord},

      // A file by id is hidden from everybody who may not read it, even in its structure.
      {"own file", alma_hr, Ac::kReadPersonnelFile, OwnedBy(kAlma), A, R::kNone},
      {"own file, mediator", alma_mediator, Ac::kReadPersonnelFile, OwnedBy(kAlma), H,
       R::kRoleInsufficient},
      {"other hat's file", iciela_hr, Ac::kReadPersonnelFile, OwnedBy(kAlma), H,
       R::kOtherStructure},
      {"file without a hat", kNoHat, Ac::kReadPersonnelFile, OwnedBy(kAlma), F,
       R::kNoActingStructure},
      {"missing file", alma_hr, Ac::kReadPersonnelFile, Missing(), H, R::kNoSuchRecord},
      {"write own file", alma_director, Ac::kWritePersonnelFile, OwnedBy(kAlma), A, R::kNone},
      {"write own file, staff", alma_staff, Ac::kWritePersonnelFile, OwnedBy(kAlma), H,
       R::kRoleInsufficient},
      {"write other hat's file", iciela_hr, Ac::kWritePersonnelFile, OwnedBy(kAlma), H,
       R::kOtherStructure},
      {"write missing file", alma_hr, Ac::kWritePersonnelFile, Missing(), H, R::kNoSuchRecord},

      {"own collectives", alma_staff, Ac::kListMyCollectives, {}, A, R::kNone},
      {"own collectives without a hat", kNoHat, Ac::kListMyCollectives, {}, A, R::kNone},

      // A collective is hidden from non-members.
      {"member reads", alma_staff, Ac::kReadCollective, Collective(true), A, R::kNone},
      {"non-member reads", iciela_director, Ac::kReadCollective, Collective(false), H,
       R::kNotAMember},
      {"collective without a hat", kNoHat, Ac::kReadCollective, Collective(false), F,
       R::kNoActingStructure},
      {"missing collective", alma_staff, Ac::kReadCollective, Missing(), H, R::kNoSuchRecord},
      {"member reads sharing", alma_staff, Ac::kReadSharing, Collective(true), A, R::kNone},
      {"non-member reads sharing", iciela_director, Ac::kReadSharing, Collective(false), H,
       R::kNotAMember},
      {"missing sharing", alma_staff, Ac::kReadSharing, Missing(), H, R::kNoSuchRecord},

      // A member's settings: visible to members, decided by that member's director.
      {"own director shares", alma_director, Ac::kChangeSharing, Collective(true), A, R::kNone},
      {"own staff shares", alma_staff, Ac::kChangeSharing, Collective(true), F,
       R::kRoleInsufficient},
      {"other member's director shares", iciela_director, Ac::kChangeSharing, Collective(true), F,
       R::kOtherStructure},
      {"non-member shares", iciela_director, Ac::kChangeSharing, Collective(false), H,
       R::kNotAMember},
      {"sharing of a non-member", alma_director, Ac::kChangeSharing, Collective(true, false), H,
       R::kNoSuchRecord},
      {"sharing in a missing collective", alma_director, Ac::kChangeSharing, Missing(), H,
       R::kNoSuchRecord},
      {"own director names", alma_director, Ac::kSetReferent, Collective(true), A, R::kNone},
      {"own HR names", alma_hr, Ac::kSetReferent, Collective(true), F, R::kRoleInsufficient},
      {"other member's director names", iciela_director, Ac::kSetReferent, Collective(true), F,
       R::kOtherStructure},
      {"non-member names", iciela_director, Ac::kSetReferent, Collective(false), H, R::kNotAMember},
      {"referent of a non-member", alma_director, Ac::kSetReferent, Collective(true, false), H,
       R::kNoSuchRecord},
      {"referent without a hat", kNoHat, Ac::kSetReferent, Collective(true), F,
       R::kNoActingStructure},

      // The collective's threshold: its coordinating structure (Alma here) decides.
      {"coordinator's director sets the threshold", alma_director, Ac::kSetDisclosureThreshold,
       Collective(true), A, R::kNone},
      {"coordinator's HR sets the threshold", alma_hr, Ac::kSetDisclosureThreshold,
       Collective(true), F, R::kRoleInsufficient},
      {"another member's director sets the threshold", iciela_director, Ac::kSetDisclosureThreshold,
       Collective(true), F, R::kOtherStructure},
      {"threshold of a missing collective", alma_director, Ac::kSetDisclosureThreshold, Missing(),
       H, R::kNoSuchRecord},

      // Shared records: the owner's own, or what the sharing grants; the rest is hidden.
      {"own records", alma_staff, Ac::kReadSharedRecords, OwnedBy(kAlma), A, R::kNone},
      {"unshared records", iciela_director, Ac::kReadSharedRecords, OwnedBy(kAlma), H,
       R::kNotShared},
      {"missing records", alma_staff, Ac::kReadSharedRecords, Missing(), H, R::kNoSuchRecord},

      // Acting for a structure is decided for the hat she asks to wear: a role there, or 403.
      {"act for her structure", alma_staff, Ac::kActFor, OwnedBy(kAlma), A, R::kNone},
      {"act where she has no role", Wearing(kAlma, {}), Ac::kActFor, OwnedBy(kAlma), F,
       R::kRoleInsufficient},

      // Her own sessions and account lines: another person's session is unknown to her.
      {"end her session", kNoHat, Ac::kEndSession, OwnSession(42), A, R::kNone},
      {"end another's session", kNoHat, Ac::kEndSession, OwnSession(43), H, R::kNotHers},
      {"end a missing session", kNoHat, Ac::kEndSession, Missing(), H, R::kNoSuchRecord},
      {"her own activity", kNoHat, Ac::kReadOwnActivity, {}, A, R::kNone},
  };
}

TEST(Authorize, EveryActionHidesForbidsOrAllowsAsTheRuleSays) {
  for (const Case& c : Cases()) {
    const Decision decision = Decide(c.actor, c.action, c.target);
    EXPECT_EQ(decision.reason, c.reason) << Describe(c) << ": " << ToString(decision.reason);
    switch (c.want) {
      case Want::kAllowed:
        EXPECT_EQ(decision.verdict, Verdict::kAllow) << Describe(c);
        EXPECT_TRUE(Authorize(c.actor, c.action, c.target).has_value()) << Describe(c);
        break;
      case Want::kForbidden:
        EXPECT_EQ(decision.verdict, Verdict::kDeny) << Describe(c);
        EXPECT_EQ(decision.error.code, ErrorCode::kPermissionDenied) << Describe(c);
        EXPECT_FALSE(decision.error.message.empty()) << Describe(c);
        break;
      case Want::kHidden: {
        EXPECT_EQ(decision.verdict, Verdict::kHide) << Describe(c);
        // Exactly the answer for a record that does not exist: the same code and message.
        const Error missing = NotFound(TargetOf(c.action));
        EXPECT_EQ(decision.error.code, ErrorCode::kNotFound) << Describe(c);
        EXPECT_EQ(decision.error.message, missing.message) << Describe(c);
        EXPECT_EQ(decision.error.field, missing.field) << Describe(c);
        break;
      }
    }
  }
}

TEST(Authorize, EveryActionHasAHiddenOrForbiddenCaseAndAnAllowedOne) {
  std::set<Action> allowed;
  std::set<Action> refused;
  for (const Case& c : Cases()) {
    (c.want == Want::kAllowed ? allowed : refused).insert(c.action);
  }
  for (const Action action : AllActions()) {
    EXPECT_TRUE(allowed.contains(action)) << ToString(action);
    if (action != Action::kListMyCollectives && action != Action::kReadOwnActivity) {
      EXPECT_TRUE(refused.contains(action)) << ToString(action);
    }
  }
}

TEST(Authorize, NobodySignedInIsUnauthenticatedForEveryAction) {
  for (const Action action : AllActions()) {
    const Decision decision = Decide(Actor{}, action, OwnedBy(kAlma));
    EXPECT_EQ(decision.verdict, Verdict::kDeny) << ToString(action);
    EXPECT_EQ(decision.reason, Reason::kNotSignedIn) << ToString(action);
    EXPECT_EQ(decision.error.code, ErrorCode::kUnauthenticated) << ToString(action);
  }
}

// Refusals that depend on the actor alone answer the same whether or not the record exists, so
// that they tell nothing about it either.
TEST(Authorize, RefusalsOfTheActorAloneDoNotDependOnTheRecord) {
  for (const Action action : AllActions()) {
    for (const Actor& actor : {kNoHat, Wearing(kAlma, {Role::kDirector})}) {
      const Decision present = Decide(actor, action, OwnedBy(kIciela));
      if (present.reason != Reason::kNoActingStructure &&
          present.reason != Reason::kPlatformAdminOnly) {
        continue;
      }
      const Decision missing = Decide(actor, action, Missing());
      EXPECT_EQ(missing.verdict, present.verdict) << ToString(action);
      EXPECT_EQ(missing.error.code, present.error.code) << ToString(action);
      EXPECT_EQ(missing.error.message, present.error.message) << ToString(action);
    }
  }
}

// The multi-employer HR manager: the same person, two hats. Only the hat she wears counts.
TEST(Authorize, MultiEmployerHatsStayApart) {
  const Actor for_alma = Wearing(kAlma, {Role::kHrFinance});
  const Actor for_iciela = Wearing(kIciela, {Role::kHrFinance});
  EXPECT_TRUE(Authorize(for_alma, Action::kReadPersonnelFile, OwnedBy(kAlma)).has_value());
  EXPECT_EQ(Decide(for_alma, Action::kReadPersonnelFile, OwnedBy(kIciela)).verdict, Verdict::kHide);
  EXPECT_TRUE(Authorize(for_iciela, Action::kWritePersonnelFile, OwnedBy(kIciela)).has_value());
  EXPECT_EQ(Decide(for_iciela, Action::kWritePersonnelFile, OwnedBy(kAlma)).verdict,
            Verdict::kHide);
  EXPECT_EQ(Decide(for_iciela, Action::kListPersonnelFiles, OwnedBy(kAlma)).verdict,
            Verdict::kHide);
}

TEST(Authorize, EveryActionHasItsOwnCode) {
  std::set<std::string_view> codes;
  for (const Action action : AllActions()) {
    EXPECT_NE(ToString(action), "unknown");
    codes.insert(ToString(action));
  }
  EXPECT_EQ(codes.size(), AllActions().size());
}

struct SharedReadCase {
  SharingLevel granted;
  SharingLevel needed;
  bool allowed;
};

// Printed by its levels: the default printer shows the struct's bytes, padding included.
void PrintTo(const SharedReadCase& c, std::ostream* out) {
  *out << ToString(c.granted) << " for " << ToString(c.needed);
}

class SharedRecords : public testing::TestWithParam<SharedReadCase> {};

TEST_P(SharedRecords, GrantedLevelMustReachTheNeededOne) {
  Target target = OwnedBy(kIciela);
  target.shared_level = GetParam().granted;
  target.needed_level = GetParam().needed;
  const Decision decision =
      Decide(Wearing(kAlma, {Role::kStaff}), Action::kReadSharedRecords, target);
  EXPECT_EQ(decision.allowed(), GetParam().allowed);
  if (!GetParam().allowed) {
    EXPECT_EQ(decision.error.code, ErrorCode::kNotFound);
    EXPECT_EQ(decision.reason, Reason::kNotShared);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Levels, SharedRecords,
    testing::Values(SharedReadCase{SharingLevel::kPrivate, SharingLevel::kAggregates, false},
                    SharedReadCase{SharingLevel::kAggregates, SharingLevel::kAggregates, true},
                    SharedReadCase{SharingLevel::kAggregates, SharingLevel::kFull, false},
                    SharedReadCase{SharingLevel::kFull, SharingLevel::kFull, true},
                    SharedReadCase{SharingLevel::kPublic, SharingLevel::kFull, true}),
    // Named by their levels, not by their bytes (padding made the default names vary by build).
    [](const testing::TestParamInfo<SharedReadCase>& level_case) {
      return std::string(ToString(level_case.param.granted)) + "_for_" +
             std::string(ToString(level_case.param.needed));
    });

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

TEST(VisibleLevel, TheOwnStructureSeesAllAndOthersWhatTheirCollectivesAreGranted) {
  const std::vector<SharingRule> rules = {
      {kIciela, 10, RecordKind::kSurveyAnswers, SharingLevel::kAggregates}};
  EXPECT_EQ(VisibleLevel(Wearing(kIciela, {Role::kStaff}), kIciela, {}, {}), SharingLevel::kFull);
  EXPECT_EQ(VisibleLevel(Wearing(kAlma, {Role::kStaff}), kIciela, rules, {10}),
            SharingLevel::kAggregates);
  EXPECT_EQ(VisibleLevel(Wearing(kAlma, {Role::kStaff}), kIciela, rules, {11}),
            SharingLevel::kPrivate);
  // Without a hat she belongs to no collective, whatever the caller passed.
  EXPECT_EQ(VisibleLevel(kNoHat, kIciela, rules, {10}), SharingLevel::kPrivate);
}

// One test per sharing level and collective: Iciela shares its survey answers with collective 10
// at each level in turn; Alma belongs to 10, Basse Masure to 11 only, and a person without a hat
// to none. Exactly what the level promises reaches each of them, nothing more.
TEST(SharingAcrossCollectives, ExactlyWhatEachLevelPromisesCrosses) {
  constexpr StructureId kBasse = 3;
  struct Expect {
    SharingLevel level;
    SharingLevel member;      // Alma, member of collective 10
    SharingLevel non_member;  // Basse Masure, member of 11 only
    SharingLevel no_hat;
  };
  using L = SharingLevel;
  const std::vector<Expect> table = {
      {L::kPrivate, L::kPrivate, L::kPrivate, L::kPrivate},
      {L::kAggregates, L::kAggregates, L::kPrivate, L::kPrivate},
      {L::kFull, L::kFull, L::kPrivate, L::kPrivate},
      {L::kPublic, L::kFull, L::kFull, L::kFull},
  };
  for (const Expect& e : table) {
    const std::vector<SharingRule> rules = {{kIciela, 10, RecordKind::kSurveyAnswers, e.level}};
    const auto seen = [&](const Actor& reader, std::vector<CollectiveId> collectives) {
      return VisibleLevel(reader, kIciela, rules, collectives);
    };
    const std::string level(ToString(e.level));
    EXPECT_EQ(seen(Wearing(kAlma, {Role::kStaff}), {10}), e.member) << level;
    EXPECT_EQ(seen(Wearing(kBasse, {Role::kDirector}), {11}), e.non_member) << level;
    EXPECT_EQ(seen(kNoHat, {10}), e.no_hat) << level;
    // The owner reads all of her own, whatever she shares.
    EXPECT_EQ(seen(Wearing(kIciela, {Role::kStaff}), {}), L::kFull) << level;
    // And each read is decided alike: an aggregate read crosses from "aggregates" up, a read of
    // single answers only from "full" up.
    for (const SharingLevel needed : {L::kAggregates, L::kFull}) {
      Target target = OwnedBy(kIciela);
      target.shared_level = GrantedLevel(rules, {10});
      target.needed_level = needed;
      const bool crosses = static_cast<int>(e.level) >= static_cast<int>(needed);
      EXPECT_EQ(
          Decide(Wearing(kAlma, {Role::kStaff}), Action::kReadSharedRecords, target).allowed(),
          crosses)
          << level << " for " << ToString(needed);
    }
  }
}

}  // namespace
}  // namespace ensemble::tenancy
