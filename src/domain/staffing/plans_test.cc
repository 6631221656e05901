#include "domain/staffing/plans.h"

#include <gtest/gtest.h>

namespace ensemble::staffing {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr StructureId kAlma = 1;
constexpr StructureId kFresnoy = 2;
constexpr StructureId kIciela = 3;

Date On(int d, unsigned m = 3) { return Date{year{2027}, month{m}, day{static_cast<unsigned>(d)}}; }

PlanRules MeetingAndWednesdays() {
  PlanRules rules;
  rules.commitments = {
      {On(4), HalfDay::kAfternoon, kFresnoy, "Réunion des référents", "ECHO", 14 * 60, 16 * 60}};
  rules.preferences = {{3, kFresnoy}};
  return rules;
}

TEST(PlanRules, AcceptsCommitmentsAndWishesOfTheParties) {
  const std::vector<StructureId> parties = {kAlma, kFresnoy};
  EXPECT_TRUE(CheckPlanRules(MeetingAndWednesdays(), parties));
}

TEST(PlanRules, RefusesEachBadRuleOnItsField) {
  const std::vector<StructureId> parties = {kAlma, kFresnoy};
  const auto field_of = [&](const PlanRules& rules) {
    const Status status = CheckPlanRules(rules, parties);
    return status ? std::string("ok") : status.error().field;
  };
  PlanRules outsider = MeetingAndWednesdays();
  outsider.commitments[0].structure = kIciela;
  EXPECT_EQ(field_of(outsider), "commitments[0]");
  PlanRules crossed = MeetingAndWednesdays();
  crossed.commitments[0].end_minute = crossed.commitments[0].start_minute;
  EXPECT_EQ(field_of(crossed), "commitments[0]");
  PlanRules late = MeetingAndWednesdays();
  late.commitments[0].end_minute = kLatestEndMinute + 1;
  EXPECT_EQ(field_of(late), "commitments[0]");
  PlanRules twice = MeetingAndWednesdays();
  twice.commitments.push_back(twice.commitments[0]);
  EXPECT_EQ(field_of(twice), "commitments[1]");
  PlanRules unnamed = MeetingAndWednesdays();
  unnamed.commitments[0].label.clear();
  EXPECT_EQ(field_of(unnamed), "commitments[0]");
  PlanRules huge = MeetingAndWednesdays();
  huge.commitments[0].place = std::string(kMaxLabelBytes + 1, 'x');
  EXPECT_EQ(field_of(huge), "commitments[0]");
  PlanRules sunday_eight = MeetingAndWednesdays();
  sunday_eight.preferences = {{8, kFresnoy}};
  EXPECT_EQ(field_of(sunday_eight), "preferences[0]");
  PlanRules two_wishes = MeetingAndWednesdays();
  two_wishes.preferences.push_back({3, kAlma});
  EXPECT_EQ(field_of(two_wishes), "preferences[1]");
  PlanRules too_many;
  for (int i = 0; i < static_cast<int>(kMaxCommitments) + 1; ++i) {
    too_many.commitments.push_back(MeetingAndWednesdays().commitments[0]);
  }
  EXPECT_EQ(field_of(too_many), "commitments");
}

TEST(PlanPeriod, IsAtMostAYearWithReplanningInside) {
  EXPECT_TRUE(CheckPlanPeriod(On(1), On(31), On(1)));
  EXPECT_TRUE(CheckPlanPeriod(On(1, 1), Date{year{2027}, month{12}, day{31}}, On(15)));
  EXPECT_EQ(CheckPlanPeriod(On(2), On(1), On(2)).error().field, "last");
  EXPECT_EQ(CheckPlanPeriod(On(1, 1), Date{year{2028}, month{1}, day{2}}, On(1)).error().field,
            "last");
  EXPECT_EQ(CheckPlanPeriod(On(1), On(31), On(1, 4)).error().field, "plan_from");
  EXPECT_EQ(CheckPlanPeriod(Date{year{2027}, month{2}, day{30}}, On(31), On(1)).error().field,
            "first");
}

Position MultiEmployer() {
  Position position;
  position.kind = PositionKind::kMultiEmployer;
  position.carrier = kAlma;
  position.employments = {{kAlma, 21 * 60}, {kIciela, 14 * 60}};
  return position;
}

TEST(PlanShares, OfAMultiEmployerPostAreItsContractsHours) {
  const auto shares = PlanSharesOn(MultiEmployer(), {}, On(1));
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_EQ(shares[0], (AgreementShare{kAlma, 6000}));
  EXPECT_EQ(shares[1], (AgreementShare{kIciela, 4000}));
}

TEST(PlanShares, OfALentPositionAreTheAgreementsInForceOnly) {
  Position position;
  position.carrier = kAlma;
  position.employments = {{kAlma, 35 * 60}};
  Agreement agreement;
  agreement.carrier = kAlma;
  agreement.starts_on = On(1, 1);
  agreement.ends_on = On(31, 12);
  agreement.shares = {{kAlma, 4000}, {kFresnoy, 6000}};
  std::vector<Agreement> agreements = {agreement};
  EXPECT_TRUE(PlanSharesOn(position, agreements, On(1)).empty()) << "nobody signed";
  agreements[0].signatures = {{kAlma, "C", "d", On(1, 1), std::string(64, 'a'), 1},
                              {kFresnoy, "F", "d", On(1, 1), std::string(64, 'b'), 2}};
  EXPECT_EQ(PlanSharesOn(position, agreements, On(1)), agreement.shares);
  agreements[0].ended_on = On(1);
  EXPECT_TRUE(PlanSharesOn(position, agreements, On(1)).empty()) << "ended that day";
}

TEST(TravelMinutes, TwentyKilometresAnHourRoundedUpToFiveAndTenAtLeast) {
  EXPECT_EQ(TravelMinutesFor(0), 10);
  EXPECT_EQ(TravelMinutesFor(1000), 10);   // 3 minutes
  EXPECT_EQ(TravelMinutesFor(4000), 15);   // 12 minutes
  EXPECT_EQ(TravelMinutesFor(10000), 30);  // exactly 30 minutes
  EXPECT_EQ(TravelMinutesFor(10001), 35);
}

TEST(KeptHalfDays, MostMinutesInTheMorningTheOtherInTheAfternoon) {
  DayRecord split{7, On(3), {{kAlma, 180}, {kFresnoy, 240}}, std::nullopt};
  const auto kept = KeptHalfDays(split);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0], (PlannedHalfDay{On(3), HalfDay::kMorning, kFresnoy}));
  EXPECT_EQ(kept[1], (PlannedHalfDay{On(3), HalfDay::kAfternoon, kAlma}));
  DayRecord whole{7, On(4), {{kAlma, 420}}, std::nullopt};
  EXPECT_EQ(KeptHalfDays(whole)[1].structure, kAlma);
  DayRecord absent{7, On(5), {}, Absence{AbsenceKind::kSickness, 420}};
  EXPECT_TRUE(KeptHalfDays(absent).empty());
}

TEST(VisiblePlan, TheCarrierOfALentPositionSeesAllOthersTheirOwnAndBusyElsewhere) {
  Position lent;
  lent.carrier = kAlma;
  const std::vector<StoredHalfDay> plan = {
      {7, On(3), HalfDay::kMorning, kAlma, 540, 750, "", 1},
      {7, On(3), HalfDay::kAfternoon, kFresnoy, 810, 1020, "Réunion", 1}};
  EXPECT_EQ(VisiblePlan(plan, lent, kAlma), plan);
  const auto fresnoy = VisiblePlan(plan, lent, kFresnoy);
  EXPECT_EQ(fresnoy[0].structure, 0);
  EXPECT_EQ(fresnoy[1], plan[1]);
  // A multi-employer post: even the employer who created it sees only its own half-days.
  const std::vector<StoredHalfDay> hers = {
      {8, On(3), HalfDay::kMorning, kAlma, 540, 750, "", 2},
      {8, On(3), HalfDay::kAfternoon, kIciela, 810, 1020, "Entretien confidentiel", 2}};
  const auto alma = VisiblePlan(hers, MultiEmployer(), kAlma);
  EXPECT_EQ(alma[0].structure, kAlma);
  EXPECT_EQ(alma[1].structure, 0);
  EXPECT_EQ(alma[1].commitment, "");
}

}  // namespace
}  // namespace ensemble::staffing
