// What of a position crosses to a collective, level by level: one test per sharing level, each
// party's level mattering, and the parties' own people reading what is theirs.
#include "domain/staffing/collective.h"

#include <gtest/gtest.h>

namespace ensemble::staffing {
namespace {

using tenancy::Role;

constexpr StructureId kAlma = 1;        // the carrier
constexpr StructureId kFresnoy = 2;     // lent to
constexpr StructureId kFederation = 3;  // the collective's coordinator, no part in the position
constexpr StructureId kIciela = 4;      // outside the collective

Actor Coordinator() { return Actor{42, kFederation, {Role::kCoordinator}, false}; }

const std::vector<StructureId> kParties = {kAlma, kFresnoy};

TEST(CollectiveStaffing, PrivateLetsNothingCross) {
  const CollectiveLevels levels;  // nobody shares
  EXPECT_FALSE(ReadsInFull(Coordinator(), kParties, levels));
  EXPECT_FALSE(ReadsAggregatesOf(Coordinator(), kAlma, levels));
  EXPECT_FALSE(ReadsAggregatesOf(Coordinator(), kFresnoy, levels));
}

TEST(CollectiveStaffing, AggregatesCountTheMemberButNeverShowThePosition) {
  const CollectiveLevels levels = {{kAlma, SharingLevel::kAggregates},
                                   {kFresnoy, SharingLevel::kAggregates}};
  EXPECT_FALSE(ReadsInFull(Coordinator(), kParties, levels));
  EXPECT_TRUE(ReadsAggregatesOf(Coordinator(), kAlma, levels));
  EXPECT_TRUE(ReadsAggregatesOf(Coordinator(), kFresnoy, levels));
}

TEST(CollectiveStaffing, FullNeedsEveryPartyAtFull) {
  const CollectiveLevels both = {{kAlma, SharingLevel::kFull}, {kFresnoy, SharingLevel::kFull}};
  EXPECT_TRUE(ReadsInFull(Coordinator(), kParties, both));
  // One party sharing less keeps the position out of the full list, its own row counted still.
  const CollectiveLevels one = {{kAlma, SharingLevel::kFull},
                                {kFresnoy, SharingLevel::kAggregates}};
  EXPECT_FALSE(ReadsInFull(Coordinator(), kParties, one));
  EXPECT_TRUE(ReadsAggregatesOf(Coordinator(), kFresnoy, one));
  const CollectiveLevels silent = {{kAlma, SharingLevel::kFull}};
  EXPECT_FALSE(ReadsInFull(Coordinator(), kParties, silent));
  EXPECT_FALSE(ReadsAggregatesOf(Coordinator(), kFresnoy, silent));
}

TEST(CollectiveStaffing, PublicCountsAsFull) {
  const CollectiveLevels levels = {{kAlma, SharingLevel::kPublic}, {kFresnoy, SharingLevel::kFull}};
  EXPECT_TRUE(ReadsInFull(Coordinator(), kParties, levels));
  EXPECT_TRUE(ReadsAggregatesOf(Coordinator(), kAlma, levels));
}

TEST(CollectiveStaffing, APartysPeopleReadTheirPositionWhateverTheOthersShare) {
  const CollectiveLevels levels;
  EXPECT_TRUE(ReadsInFull(Actor{7, kFresnoy, {Role::kStaff}, false}, kParties, levels));
  EXPECT_TRUE(ReadsAggregatesOf(Actor{7, kFresnoy, {Role::kStaff}, false}, kFresnoy, levels));
  EXPECT_FALSE(ReadsAggregatesOf(Actor{7, kFresnoy, {Role::kStaff}, false}, kAlma, levels));
  EXPECT_FALSE(ReadsInFull(Actor{7, kIciela, {Role::kDirector}, false}, kParties, levels));
  EXPECT_FALSE(ReadsInFull(Coordinator(), {}, {{kAlma, SharingLevel::kPublic}}));
}

TEST(CollectiveStaffing, AMembersPartHoldsOnlyTheHalfDaysPlannedThere) {
  Position position;
  position.id = 9;
  position.kind = PositionKind::kLending;
  const std::vector<StoredHalfDay> planned = {
      {9, {}, HalfDay::kMorning, kAlma, 540, 750, "", 1},
      {9, {}, HalfDay::kAfternoon, kFresnoy, 810, 1020, "", 1},
      {9, {}, HalfDay::kMorning, kFresnoy, 540, 750, "", 1},
  };
  const std::vector<StructureId> members = {kFresnoy, kFederation};
  const auto parts = PartsAtMembers(position, kParties, planned, members);
  ASSERT_EQ(parts.size(), 1u);  // Alma is not a member here
  EXPECT_EQ(parts[0].member, kFresnoy);
  EXPECT_EQ(parts[0].planned_minutes, 420);
  EXPECT_EQ(PlannedMinutesByStructure(planned),
            (std::map<StructureId, int>{{kAlma, 210}, {kFresnoy, 420}}));
}

}  // namespace
}  // namespace ensemble::staffing
