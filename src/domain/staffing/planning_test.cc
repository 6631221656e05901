#include "domain/staffing/planning.h"

#include <gtest/gtest.h>

#include <map>

namespace ensemble::staffing {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr StructureId kAlma = 1;
constexpr StructureId kFresnoy = 2;
constexpr StructureId kBasseMasure = 3;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

// The officer's September 2026: 22 working days, no holiday, 40 % Alma, 30 % each for the others.
PlanRequest September() {
  PlanRequest request;
  request.first = request.plan_from = D(2026, 9, 1);
  request.last = D(2026, 9, 30);
  request.shares = {{kAlma, 4000}, {kFresnoy, 3000}, {kBasseMasure, 3000}};
  return request;
}

std::map<StructureId, int> Count(const PlanProblem& problem, const Assignment& plan) {
  std::map<StructureId, int> count;
  for (std::size_t i = 0; i < problem.slots.size(); ++i) ++count[plan[i]];
  return count;
}

TEST(PlanPreparation, AMonthHasTwoHalfDaysPerWorkingDayAtTheContractTimes) {
  const auto problem = PreparePlan(September());
  ASSERT_TRUE(problem) << problem.error().message.id;
  ASSERT_EQ(problem->slots.size(), 44U);
  EXPECT_TRUE(problem->skipped.empty());
  const PlanSlot& morning = problem->slots[0];
  const PlanSlot& afternoon = problem->slots[1];
  EXPECT_EQ(morning.day, D(2026, 9, 1));
  EXPECT_EQ(morning.start_minute, 9 * 60);
  EXPECT_EQ(morning.end_minute, 12 * 60 + 30);
  EXPECT_EQ(afternoon.start_minute, 13 * 60 + 30);
  EXPECT_EQ(afternoon.end_minute, 17 * 60);
  EXPECT_EQ(morning.allowed, (std::vector<StructureId>{kAlma, kFresnoy, kBasseMasure}));
}

TEST(PlanPreparation, PublicHolidaysAndAbsencesAreSkippedWithTheirReason) {
  PlanRequest request = September();
  request.first = request.plan_from = D(2026, 11, 1);
  request.last = D(2026, 11, 30);
  request.absent_days = {D(2026, 11, 20)};
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  // November 2026: 21 weekdays, 11 November (a Wednesday) off, one day of leave.
  EXPECT_EQ(problem->slots.size(), 2U * 19);
  ASSERT_EQ(problem->skipped.size(), 4U);
  EXPECT_EQ(problem->skipped[0].day, D(2026, 11, 11));
  EXPECT_EQ(problem->skipped[0].reason, SkipReason::kHoliday);
  EXPECT_EQ(problem->skipped[3].reason, SkipReason::kAbsence);
}

TEST(PlanPreparation, GoodFridayIsOffInAlsaceMoselleOnly) {
  PlanRequest request = September();
  request.first = request.plan_from = request.last = D(2026, 4, 3);
  request.shares = {{kAlma, 5000}, {kFresnoy, 5000}};
  EXPECT_EQ(PreparePlan(request)->slots.size(), 2U);
  request.zone = HolidayZone::kAlsaceMoselle;
  const auto refused = PreparePlan(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message.id, "staffing.plan.too_few_half_days");
}

TEST(PlanPreparation, ASiteIsOfferedOnlyWhenItIsOpen) {
  PlanRequest request = September();
  request.opening = {{kFresnoy, HalfDayMask{0b11} << 4}};  // Wednesdays only
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  for (const PlanSlot& slot : problem->slots) {
    const bool wednesday =
        std::chrono::weekday{std::chrono::sys_days{slot.day}}.iso_encoding() == 3;
    EXPECT_EQ(std::find(slot.allowed.begin(), slot.allowed.end(), kFresnoy) != slot.allowed.end(),
              wednesday);
  }
  EXPECT_TRUE(IsOpen(kWeekdaysOpen, D(2026, 9, 4), HalfDay::kAfternoon));
  EXPECT_FALSE(IsOpen(kWeekdaysOpen, D(2026, 9, 5), HalfDay::kMorning));  // a Saturday
}

TEST(PlanPreparation, ACommitmentFixesItsHalfDayAtItsOwnTimes) {
  PlanRequest request = September();
  request.commitments = {{.day = D(2026, 9, 17),
                          .half = HalfDay::kAfternoon,
                          .structure = kAlma,
                          .label = "Réunion des référents « Bien Vieillir »",
                          .place = "ECHO",
                          .start_minute = 14 * 60,
                          .end_minute = 16 * 60}};
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  const auto fixed = std::find_if(problem->slots.begin(), problem->slots.end(),
                                  [](const PlanSlot& slot) { return slot.fixed.has_value(); });
  ASSERT_NE(fixed, problem->slots.end());
  EXPECT_EQ(fixed->day, D(2026, 9, 17));
  EXPECT_EQ(*fixed->fixed, kAlma);
  EXPECT_EQ(fixed->start_minute, 14 * 60);
  EXPECT_EQ(problem->commitments[static_cast<std::size_t>(fixed->commitment)].place, "ECHO");
  const Assignment plan = GreedyPlan(*problem);
  EXPECT_EQ(plan[static_cast<std::size_t>(fixed - problem->slots.begin())], kAlma);
}

TEST(PlanPreparation, ACommitmentOnADayOffOrForAnOutsiderIsRefusedByItsIndex) {
  PlanRequest request = September();
  Commitment meeting{.day = D(2026, 9, 17),
                     .half = HalfDay::kMorning,
                     .structure = kAlma,
                     .start_minute = 9 * 60,
                     .end_minute = 11 * 60};
  Commitment on_sunday = meeting;
  on_sunday.day = D(2026, 9, 20);
  request.commitments = {meeting, on_sunday};
  EXPECT_EQ(PreparePlan(request).error().field, "commitments[1]");
  Commitment outsider = meeting;
  outsider.structure = 99;
  request.commitments = {outsider};
  EXPECT_EQ(PreparePlan(request).error().field, "commitments[0]");
  Commitment crossed = meeting;
  crossed.end_minute = crossed.start_minute;
  request.commitments = {crossed};
  EXPECT_EQ(PreparePlan(request).error().message.id, "staffing.plan.commitment");
  request.first = request.plan_from = D(2026, 11, 1);
  request.last = D(2026, 11, 30);
  Commitment on_holiday = meeting;
  on_holiday.day = D(2026, 11, 11);
  request.commitments = {on_holiday};
  EXPECT_EQ(PreparePlan(request).error().field, "commitments[0]");
}

TEST(PlanPreparation, ElevenHoursOfRestDropTheNextMorning) {
  PlanRequest request = September();
  // An evening event until 23:00 on Tuesday 15: Wednesday may not start before 10:00.
  request.commitments = {{.day = D(2026, 9, 15),
                          .half = HalfDay::kAfternoon,
                          .structure = kAlma,
                          .label = "Soirée des bénévoles",
                          .start_minute = 19 * 60,
                          .end_minute = 23 * 60}};
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  ASSERT_EQ(problem->skipped.size(), 1U);
  EXPECT_EQ(problem->skipped[0].day, D(2026, 9, 16));
  EXPECT_EQ(problem->skipped[0].half, HalfDay::kMorning);
  EXPECT_EQ(problem->skipped[0].reason, SkipReason::kRest);
}

TEST(PlanPreparation, TenHoursADayDropTheAfternoon) {
  PlanRequest request = September();
  request.commitments = {{.day = D(2026, 9, 17),
                          .half = HalfDay::kMorning,
                          .structure = kAlma,
                          .label = "Formation",
                          .start_minute = 7 * 60,
                          .end_minute = 14 * 60}};
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  ASSERT_EQ(problem->skipped.size(), 1U);
  EXPECT_EQ(problem->skipped[0].half, HalfDay::kAfternoon);
  EXPECT_EQ(problem->skipped[0].reason, SkipReason::kDailyLimit);
}

TEST(PlanPreparation, FortyEightHoursAWeekDropTheWeeksLastHalfDays) {
  PlanRequest request = September();
  request.first = request.plan_from = D(2026, 9, 7);  // a Monday
  request.last = D(2026, 9, 13);
  request.working_days = 0b1111111;
  request.day_minutes = 10 * 60;
  request.opening = {
      {kAlma, kEveryHalfDay}, {kFresnoy, kEveryHalfDay}, {kBasseMasure, kEveryHalfDay}};
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  int minutes = 0;
  for (const PlanSlot& slot : problem->slots) minutes += slot.end_minute - slot.start_minute;
  EXPECT_LE(minutes, 48 * 60);
  EXPECT_EQ(problem->slots.size(), 9U);  // 9 half-days of 5 hours: 45 h
  EXPECT_EQ(problem->skipped.back().day, D(2026, 9, 13));
  EXPECT_EQ(problem->skipped.back().reason, SkipReason::kWeeklyLimit);
}

TEST(PlanPreparation, APeriodTooShortForTheSharesIsRefusedSayingHowShort) {
  PlanRequest request = September();
  request.last = D(2026, 9, 1);  // one day, two half-days, three structures
  const auto refused = PreparePlan(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().field, "period");
  EXPECT_EQ(refused.error().message.id, "staffing.plan.too_few_half_days");
  ASSERT_EQ(refused.error().message.params.size(), 2U);
  EXPECT_EQ(std::get<std::int64_t>(refused.error().message.params[0].value), 2);
}

TEST(PlanPreparation, RefusesSharesPeriodsAndDaysThatMakeNoSense) {
  PlanRequest request = September();
  request.shares[0].share_bp = 3999;
  EXPECT_EQ(PreparePlan(request).error().field, "shares");
  request = September();
  request.shares[1].structure = kAlma;
  EXPECT_EQ(PreparePlan(request).error().field, "shares");
  request = September();
  request.last = D(2026, 8, 31);
  EXPECT_EQ(PreparePlan(request).error().field, "period");
  request = September();
  request.last = D(2027, 9, 30);
  EXPECT_EQ(PreparePlan(request).error().field, "period");
  request = September();
  request.plan_from = D(2026, 10, 1);
  EXPECT_EQ(PreparePlan(request).error().field, "period");
  request = September();
  request.day_minutes = 11 * 60;
  EXPECT_EQ(PreparePlan(request).error().field, "day_minutes");
}

TEST(PlanPreparation, ReplanningKeepsThePastAsGiven) {
  PlanRequest request = September();
  request.plan_from = D(2026, 9, 16);
  request.kept = {{D(2026, 9, 1), HalfDay::kMorning, kFresnoy},
                  {D(2026, 9, 1), HalfDay::kAfternoon, kFresnoy}};
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->slots.size(), 2U + 2 * 11);
  EXPECT_TRUE(problem->slots[0].kept);
  EXPECT_EQ(problem->slots[0].fixed, kFresnoy);
  EXPECT_EQ(problem->slots[2].day, D(2026, 9, 16));
  request.kept.push_back({D(2026, 9, 16), HalfDay::kMorning, kAlma});  // not in the past
  EXPECT_EQ(PreparePlan(request).error().field, "kept[2]");
  request.kept.pop_back();
  request.kept.push_back({D(2026, 9, 1), HalfDay::kMorning, kAlma});  // twice
  EXPECT_EQ(PreparePlan(request).error().field, "kept[2]");
}

// Two structures at 50 %, two days: hand-checked gaps.
TEST(PlanMeasure, TheLargestGapIsReadAtTheEndOfEachDay) {
  PlanRequest request = September();
  request.last = D(2026, 9, 2);
  request.shares = {{kAlma, 5000}, {kFresnoy, 5000}};
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  const auto lumped = MeasurePlan(*problem, {kAlma, kAlma, kFresnoy, kFresnoy});
  ASSERT_TRUE(lumped);
  EXPECT_DOUBLE_EQ(lumped->largest_gap, 1.0);  // after day one: 2 planned, 1 agreed
  EXPECT_EQ(lumped->largest_gap_on, D(2026, 9, 1));
  EXPECT_EQ(lumped->final_gaps, (std::vector<double>{0, 0}));
  const auto even = MeasurePlan(*problem, {kAlma, kFresnoy, kAlma, kFresnoy});
  EXPECT_DOUBLE_EQ(even->largest_gap, 0.0);
  const auto lopsided = MeasurePlan(*problem, {kAlma, kAlma, kAlma, kFresnoy});
  EXPECT_DOUBLE_EQ(lopsided->largest_gap, 1.0);
  EXPECT_EQ(lopsided->final_gaps, (std::vector<double>{1, -1}));
  EXPECT_FALSE(MeasurePlan(*problem, {kAlma}));
  EXPECT_FALSE(MeasurePlan(*problem, {kAlma, kAlma, kAlma, 99}));
}

TEST(GreedyPlan, MeetsTheSharesOfAMonthWithinAHalfDayAndSpreadsThem) {
  const auto problem = PreparePlan(September());
  ASSERT_TRUE(problem);
  const Assignment plan = GreedyPlan(*problem);
  const auto distance = MeasurePlan(*problem, plan);
  ASSERT_TRUE(distance);
  EXPECT_LE(distance->largest_gap, 1.0 + 1e-9);
  for (const double gap : distance->final_gaps) EXPECT_LT(std::abs(gap), 1.0);
  const auto count = Count(*problem, plan);
  EXPECT_EQ(count.at(kAlma) + count.at(kFresnoy) + count.at(kBasseMasure), 44);
  EXPECT_TRUE(ExplainShortfalls(*problem, plan, true).empty());
}

TEST(GreedyPlan, HonoursAPreferenceWhenItCostsTheSharesNothing) {
  PlanRequest request = September();
  request.shares = {{kAlma, 5000}, {kFresnoy, 5000}};
  request.preferences = {{.iso_weekday = 3, .structure = kFresnoy}};
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  const Assignment plan = GreedyPlan(*problem);
  int wednesdays_at_fresnoy = 0;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const bool wednesday =
        std::chrono::weekday{std::chrono::sys_days{problem->slots[i].day}}.iso_encoding() == 3;
    if (wednesday && plan[i] == kFresnoy) ++wednesdays_at_fresnoy;
  }
  EXPECT_GE(wednesdays_at_fresnoy, 4);  // at least one half of each of the five Wednesdays
}

TEST(PlanTravel, ALongTripPushesTheAfternoonAndTooLongATripForbidsTheSplit) {
  PlanRequest request = September();
  request.travel = {{kAlma, kFresnoy, 90}, {kAlma, kBasseMasure, 200}};
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  const PlanSlot& morning = problem->slots[0];
  const PlanSlot& afternoon = problem->slots[1];
  EXPECT_EQ(problem->TravelMinutes(kFresnoy, kAlma), 90);
  EXPECT_EQ(problem->TravelMinutes(kFresnoy, kBasseMasure), kDefaultTravelMinutes);
  EXPECT_TRUE(problem->MaySplit(morning, kAlma, afternoon, kFresnoy));       // 7 h + 1 h 30 of trip
  EXPECT_FALSE(problem->MaySplit(morning, kAlma, afternoon, kBasseMasure));  // 7 h + 3 h 20
  EXPECT_TRUE(problem->MaySplit(morning, kAlma, afternoon, kAlma));
  const Assignment plan = GreedyPlan(*problem);
  for (std::size_t i = 1; i < plan.size(); ++i) {
    if (problem->slots[i].day != problem->slots[i - 1].day) continue;
    EXPECT_TRUE(problem->MaySplit(problem->slots[i - 1], plan[i - 1], problem->slots[i], plan[i]))
        << IsoDate(problem->slots[i].day);
  }
}

TEST(PlanShortfalls, ASiteOpenTooRarelyIsNamedWithHowManyHalfDaysItLacks) {
  PlanRequest request = September();
  request.opening = {{kFresnoy, HalfDayMask{0b11} << 4}};  // Wednesdays: 10 half-days in Sept
  const auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  // Fresnoy on every Wednesday, Alma and Basse Masure in turn on the other days.
  Assignment plan;
  bool alma_next = true;
  for (const PlanSlot& slot : problem->slots) {
    if (slot.allowed.size() == 3) {
      plan.push_back(kFresnoy);
    } else {
      plan.push_back(alma_next ? kAlma : kBasseMasure);
      alma_next = !alma_next;
    }
  }
  const auto shortfalls = ExplainShortfalls(*problem, plan, true);
  ASSERT_EQ(shortfalls.size(), 1U);
  EXPECT_EQ(shortfalls[0].structure, kFresnoy);
  EXPECT_EQ(shortfalls[0].reason, ShortfallReason::kOpeningHours);
  EXPECT_EQ(shortfalls[0].open_half_days, 10);
  EXPECT_DOUBLE_EQ(shortfalls[0].agreed_half_days, 13.2);
  EXPECT_EQ(shortfalls[0].planned_half_days, 10);
  EXPECT_EQ(shortfalls[0].short_by, 3);
}

TEST(PlanShortfalls, CommitmentsAndThePastAreNamedWhenTheyAreTheCause) {
  PlanRequest request = September();
  request.shares = {{kAlma, 5000}, {kFresnoy, 5000}};
  request.first = request.plan_from = D(2026, 9, 7);
  request.last = D(2026, 9, 8);            // four half-days
  request.opening = {{kFresnoy, 0b1111}};  // Monday and Tuesday
  request.commitments = {{.day = D(2026, 9, 7),
                          .half = HalfDay::kMorning,
                          .structure = kAlma,
                          .start_minute = 540,
                          .end_minute = 720},
                         {.day = D(2026, 9, 7),
                          .half = HalfDay::kAfternoon,
                          .structure = kAlma,
                          .start_minute = 840,
                          .end_minute = 1000},
                         {.day = D(2026, 9, 8),
                          .half = HalfDay::kMorning,
                          .structure = kAlma,
                          .start_minute = 540,
                          .end_minute = 720}};
  auto problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  auto shortfalls = ExplainShortfalls(*problem, GreedyPlan(*problem), true);
  ASSERT_EQ(shortfalls.size(), 1U);
  EXPECT_EQ(shortfalls[0].reason, ShortfallReason::kCommitments);

  request.commitments.clear();
  request.plan_from = D(2026, 9, 8);
  request.kept = {{D(2026, 9, 7), HalfDay::kMorning, kAlma},
                  {D(2026, 9, 7), HalfDay::kAfternoon, kAlma}};
  request.opening.clear();
  request.shares = {{kAlma, 2000}, {kFresnoy, 8000}};
  problem = PreparePlan(request);
  ASSERT_TRUE(problem);
  shortfalls = ExplainShortfalls(*problem, GreedyPlan(*problem), true);
  ASSERT_EQ(shortfalls.size(), 1U);
  EXPECT_EQ(shortfalls[0].structure, kFresnoy);
  EXPECT_EQ(shortfalls[0].reason, ShortfallReason::kPast);
  EXPECT_EQ(ToString(shortfalls[0].reason), "past");
}

}  // namespace
}  // namespace ensemble::staffing
