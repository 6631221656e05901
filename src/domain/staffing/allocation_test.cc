#include "domain/staffing/allocation.h"

#include <gtest/gtest.h>

#include <numeric>

namespace ensemble::staffing {
namespace {

using std::chrono::April;
using std::chrono::day;
using std::chrono::January;
using std::chrono::March;
using std::chrono::year;
using std::chrono::year_month;

constexpr StructureId kAlma = 1;
constexpr StructureId kFresnoy = 2;
constexpr StructureId kBasseMasure = 3;

Date On(int y, unsigned m, unsigned d) { return Date{year{y}, std::chrono::month{m}, day{d}}; }

Cents Sum(const std::vector<Cents>& parts) {
  return std::accumulate(parts.begin(), parts.end(), Cents{0});
}

// The golden tables below were worked by hand (and checked with exact fractions): each part is
// the floor of total × weight / sum, and the cents left go to the largest remainders.
struct ApportionCase {
  Cents total;
  std::vector<std::int64_t> weights;
  std::vector<Cents> expected;
};

TEST(Apportion, FollowsTheLargestRemainderRuleOnHandCheckedTables) {
  const std::vector<ApportionCase> cases = {
      // 33.33 each: the one cent left goes to the first of three equal remainders.
      {100, {1, 1, 1}, {34, 33, 33}},
      {1000, {4000, 3000, 3000}, {400, 300, 300}},
      // 400.4, 300.3, 300.3: the cent left goes to the largest remainder, 0.4.
      {1001, {4000, 3000, 3000}, {401, 300, 300}},
      // 0.6 and 0.4 of 1 cent: the whole cent to the first.
      {1, {6, 4}, {1, 0}},
      // Quotas 5291.57, 3511.73, 3541.70: the two cents left go to 0.73 and 0.70.
      {12345, {52980000, 35160000, 35460000}, {5291, 3512, 3542}},
      {241357, {52980000, 35160000, 35460000}, {103455, 68658, 69244}},
      // A zero weight gets nothing, even of a remainder.
      {10, {0, 5, 5}, {0, 5, 5}},
      {7, {0, 1, 1}, {0, 4, 3}},
      // Seven cents over ten equal parts: one each to the first seven.
      {7, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 0, 0, 0}},
      {0, {1, 2}, {0, 0}},
      // A negative total (a credit) is split as its opposite, then negated.
      {-1001, {4000, 3000, 3000}, {-401, -300, -300}},
  };
  for (const ApportionCase& c : cases) {
    const auto parts = Apportion(c.total, c.weights);
    ASSERT_TRUE(parts.has_value()) << c.total;
    EXPECT_EQ(*parts, c.expected) << c.total;
    EXPECT_EQ(Sum(*parts), c.total);
  }
}

TEST(Apportion, AlwaysSumsToTheTotalOverManyShapes) {
  std::uint64_t state = 12345;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>(state >> 33);
  };
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::int64_t> weights(static_cast<std::size_t>(1 + next() % 7));
    for (auto& weight : weights) weight = next() % 100000;
    weights[0] += 1;
    const Cents total = next() % 100000000 - 50000000;
    const auto parts = Apportion(total, weights);
    ASSERT_TRUE(parts.has_value());
    EXPECT_EQ(Sum(*parts), total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (weights[i] == 0) {
        EXPECT_EQ((*parts)[i], 0);
      }
    }
  }
}

TEST(Apportion, RefusesWeightsThatCannotSplit) {
  EXPECT_EQ(Apportion(10, std::vector<std::int64_t>{}).error().field, "weights");
  EXPECT_EQ(Apportion(10, std::vector<std::int64_t>{0, 0}).error().field, "weights");
  EXPECT_EQ(Apportion(10, std::vector<std::int64_t>{5, -1}).error().field, "weights");
}

TEST(MultiplyDivideRounded, RoundsHalfAwayFromZero) {
  EXPECT_EQ(MultiplyDivideRounded(3450, 636, 10000), 219);  // 219.42
  EXPECT_EQ(MultiplyDivideRounded(2150, 636, 10000), 137);  // 136.74
  EXPECT_EQ(MultiplyDivideRounded(5, 1, 10), 1);            // 0.5
  EXPECT_EQ(MultiplyDivideRounded(-5, 1, 10), -1);
  EXPECT_EQ(MultiplyDivideRounded(4, 1, 10), 0);
}

const std::vector<SalaryChange> kSalaries = {
    {On(2026, 1, 1), 240000, {{"FONJEP", 59700}}},
    // A raise from 16 April: half of April at each salary.
    {On(2026, 4, 16), 250000, {{"FONJEP", 59700}, {"Fédération : poste numérique", 25000}}},
};
const std::vector<CarrierRates> kRates = {
    {On(2026, 1, 1), 4300, 636},
    {On(2026, 4, 11), 4400, 636},
};

TEST(CostOfMonth, EstimatesFromTheSalaryAndRatesInForceEachDay) {
  const auto january = CostOfMonth(year{2026} / January, nullptr, kSalaries, kRates);
  ASSERT_TRUE(january.has_value());
  EXPECT_EQ(january->source, CostSource::kEstimate);
  EXPECT_EQ(january->gross_salary, 240000);
  EXPECT_EQ(january->employer_contributions, 103200);  // 43 %
  EXPECT_EQ(january->Subsidies(), 59700);
  EXPECT_EQ(january->Net(), 240000 + 103200 - 59700);

  // April, 30 days: 15 at 2 400 € and 15 at 2 500 €; contributions at 43 % for 10 days, then
  // 44 %: (10 × 240000 × 4300 + 5 × 240000 × 4400 + 15 × 250000 × 4400) / (30 × 10000).
  const auto april = CostOfMonth(year{2026} / April, nullptr, kSalaries, kRates);
  ASSERT_TRUE(april.has_value());
  EXPECT_EQ(april->gross_salary, 245000);
  EXPECT_EQ(april->employer_contributions, 107000);
  // The subsidies of the salary in force on the first day.
  EXPECT_EQ(april->Subsidies(), 59700);
}

TEST(CostOfMonth, TakesThePayrollWhenEntered) {
  const PayrollMonth payroll{7, year{2026} / March, 241357, 103784, 12345, {{"FONJEP", 59700}}};
  const auto cost = CostOfMonth(year{2026} / March, &payroll, kSalaries, kRates);
  ASSERT_TRUE(cost.has_value());
  EXPECT_EQ(cost->source, CostSource::kActual);
  EXPECT_EQ(cost->Net(), 241357 + 103784 - 12345 - 59700);
}

TEST(CostOfMonth, SaysWhichDayHasNoSalary) {
  const auto before = CostOfMonth(year{2025} / std::chrono::December, nullptr, kSalaries, kRates);
  ASSERT_FALSE(before.has_value());
  EXPECT_EQ(before.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(before.error().field, "salary_history");
  const std::vector<CarrierRates> late = {{On(2026, 1, 2), 4300, 636}};
  EXPECT_EQ(CostOfMonth(year{2026} / January, nullptr, kSalaries, late).error().field,
            "carrier_rates");
}

TEST(CostInputs, AreRefusedOutOfRangeNamingTheField) {
  PayrollMonth payroll{7, year{2026} / March, -1, 0, 0, {}};
  EXPECT_EQ(CheckPayroll(payroll).error().field, "gross_salary_cents");
  payroll.gross_salary = 100;
  payroll.subsidies = {{"", 5}};
  EXPECT_EQ(CheckPayroll(payroll).error().field, "subsidies[0].label");
  payroll.subsidies = {{"FONJEP", 2'000'000'000}};
  EXPECT_EQ(CheckPayroll(payroll).error().field, "subsidies[0].amount_cents");
  EXPECT_EQ(CheckSalaryChange({On(2026, 1, 1), 0, {}}).error().field, "monthly_gross_cents");
  EXPECT_EQ(CheckCarrierRates({On(2026, 1, 1), 10001, 636}).error().field,
            "employer_contribution_bp");
  EXPECT_EQ(CheckCarrierRates({On(2026, 1, 1), 4300, -1}).error().field, "km_rate_millieuros");
  EXPECT_TRUE(CheckCarrierRates(kRates[0]).has_value());
}

Agreement Lending() {
  Agreement agreement;
  agreement.id = 11;
  agreement.position_id = 7;
  agreement.carrier = kAlma;
  agreement.starts_on = On(2026, 1, 1);
  agreement.ends_on = On(2026, 12, 31);
  agreement.shares = {{kAlma, 4000}, {kFresnoy, 3000}, {kBasseMasure, 3000}};
  agreement.travel = TravelPaidBy::kVisitedStructure;
  return agreement;
}

DayRecord Day(unsigned d, std::vector<TimeEntry> entries, int absence_minutes = 0) {
  DayRecord record{7, On(2026, 3, d), std::move(entries), std::nullopt};
  if (absence_minutes > 0) record.absence = Absence{AbsenceKind::kSickness, absence_minutes};
  return record;
}

TEST(TripsOf, CostsEachTripBetweenSitesAtTheKilometreRate) {
  const std::vector<DayRecord> days = {
      Day(2, {{kAlma, 210}, {kFresnoy, 210}}),                       // one trip, to Fresnoy
      Day(3, {{kBasseMasure, 420}}),                                 // none
      Day(4, {{kFresnoy, 120}, {kAlma, 150}, {kBasseMasure, 150}}),  // two
  };
  const std::vector<SiteDistance> distances = {{kAlma, kFresnoy, 3450},
                                               {kBasseMasure, kAlma, 2150}};
  const auto trips = TripsOf(days, distances, 636);
  ASSERT_TRUE(trips.has_value());
  ASSERT_EQ(trips->size(), 3u);
  EXPECT_EQ((*trips)[0], (Trip{On(2026, 3, 2), kAlma, kFresnoy, 3450, 219}));
  EXPECT_EQ((*trips)[1], (Trip{On(2026, 3, 4), kFresnoy, kAlma, 3450, 219}));
  EXPECT_EQ((*trips)[2], (Trip{On(2026, 3, 4), kAlma, kBasseMasure, 2150, 137}));
  const std::vector<SiteDistance> missing = {{kAlma, kFresnoy, 3450}};
  const auto refused = TripsOf(days, missing, 636);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "distances");
}

// March, hand-checked: worked 5130 min for Alma, 3390 for Fresnoy, 3420 for Basse Masure, and
// 420 minutes of sickness shared 40/30/30. Weights in basis-point minutes: 52 980 000,
// 35 160 000, 35 460 000 (sum 123 600 000). Each figure is split by them; travel goes to the
// structure travelled to.
TEST(AllocateMonth, SplitsEachFigureByTheMonthsWeightsAndSumsToTheCarriersCost) {
  std::vector<DayRecord> days;
  days.push_back(Day(2, {{kAlma, 300}, {kFresnoy, 420}}));
  days.push_back(Day(3, {{kAlma, 5130 - 300}}));
  days.push_back(Day(6, {{kFresnoy, 3390 - 420}}));
  days.push_back(Day(4, {{kBasseMasure, 3420}}));
  days.push_back(Day(5, {}, 420));
  const MonthCost cost{CostSource::kActual, 241357, 103784, 12345, {{"FONJEP", 59700}}};
  const std::vector<Trip> trips = {{On(2026, 3, 2), kAlma, kFresnoy, 3450, 219}};
  const auto allocation = AllocateMonth(Lending(), year{2026} / March, cost, days, trips);
  ASSERT_TRUE(allocation.has_value()) << Describe(allocation.error().message);
  ASSERT_EQ(allocation->structures.size(), 3u);
  const auto& alma = allocation->structures[0];
  const auto& fresnoy = allocation->structures[1];
  const auto& basse = allocation->structures[2];
  EXPECT_EQ(alma.weight, 52980000);
  EXPECT_EQ(fresnoy.weight, 35160000);
  EXPECT_EQ(basse.weight, 35460000);
  EXPECT_EQ(alma.absence_minutes, 168);
  EXPECT_EQ(fresnoy.absence_minutes, 126);
  EXPECT_EQ(basse.absence_minutes, 126);
  EXPECT_EQ(alma.gross_salary, 103455);
  EXPECT_EQ(fresnoy.gross_salary, 68658);
  EXPECT_EQ(basse.gross_salary, 69244);
  EXPECT_EQ(alma.employer_contributions, 44486);
  EXPECT_EQ(fresnoy.employer_contributions, 29523);
  EXPECT_EQ(basse.employer_contributions, 29775);
  EXPECT_EQ(alma.sick_pay_refunds, 5291);
  EXPECT_EQ(fresnoy.sick_pay_refunds, 3512);
  EXPECT_EQ(basse.sick_pay_refunds, 3542);
  EXPECT_EQ(alma.subsidies, 25590);
  EXPECT_EQ(fresnoy.subsidies, 16983);
  EXPECT_EQ(basse.subsidies, 17127);
  EXPECT_EQ(fresnoy.travel, 219);
  EXPECT_EQ(fresnoy.trips, 1);
  EXPECT_EQ(alma.travel, 0);
  EXPECT_EQ(fresnoy.Due(), 68658 + 29523 - 3512 - 16983 + 219);
  EXPECT_EQ(allocation->Total(), cost.Net() + 219);
  EXPECT_TRUE(allocation->time_recorded);
}

TEST(AllocateMonth, KeepsTheTravelWithTheCarrierWhenTheAgreementSaysSo) {
  Agreement agreement = Lending();
  agreement.travel = TravelPaidBy::kCarrier;
  const std::vector<DayRecord> days = {Day(2, {{kAlma, 210}, {kFresnoy, 210}})};
  const std::vector<Trip> trips = {{On(2026, 3, 2), kAlma, kFresnoy, 3450, 219}};
  const MonthCost cost{CostSource::kEstimate, 100000, 43000, 0, {}};
  const auto allocation = AllocateMonth(agreement, year{2026} / March, cost, days, trips);
  ASSERT_TRUE(allocation.has_value());
  EXPECT_EQ(allocation->Of(kAlma)->travel, 219);
  EXPECT_EQ(allocation->Of(kFresnoy)->travel, 0);
  EXPECT_EQ(allocation->Total(), 143219);
}

TEST(AllocateMonth, FallsBackOnTheAgreedSharesWhenNothingIsRecorded) {
  const MonthCost cost{CostSource::kEstimate, 240000, 103200, 0, {{"FONJEP", 59700}}};
  const auto allocation = AllocateMonth(Lending(), year{2026} / March, cost, {}, {});
  ASSERT_TRUE(allocation.has_value());
  EXPECT_FALSE(allocation->time_recorded);
  EXPECT_EQ(allocation->Of(kAlma)->Due(), 96000 + 41280 - 23880);
  EXPECT_EQ(allocation->Of(kFresnoy)->Due(), 72000 + 30960 - 17910);
  EXPECT_EQ(allocation->Total(), cost.Net());
}

TEST(AllocateMonth, GivesTheCarrierAnAbsenceOutsideTheAgreement) {
  Agreement agreement = Lending();
  agreement.starts_on = On(2026, 3, 10);
  const std::vector<DayRecord> days = {Day(5, {}, 420), Day(12, {{kFresnoy, 420}})};
  const MonthCost cost{CostSource::kEstimate, 8400, 0, 0, {}};
  const auto allocation = AllocateMonth(agreement, year{2026} / March, cost, days, {});
  ASSERT_TRUE(allocation.has_value());
  // Half the month's minutes are the carrier's absence, half Fresnoy's work.
  EXPECT_EQ(allocation->Of(kAlma)->gross_salary, 4200);
  EXPECT_EQ(allocation->Of(kFresnoy)->gross_salary, 4200);
  EXPECT_EQ(allocation->Of(kBasseMasure)->gross_salary, 0);
  EXPECT_EQ(allocation->Of(kAlma)->absence_minutes, 420);
}

TEST(AllocateMonth, RefusesRecordsOfAnotherMonthOrPositionOrStructure) {
  const MonthCost cost{CostSource::kEstimate, 8400, 0, 0, {}};
  std::vector<DayRecord> other_month = {Day(5, {{kAlma, 60}})};
  other_month[0].day = On(2026, 4, 1);
  EXPECT_EQ(AllocateMonth(Lending(), year{2026} / March, cost, other_month, {}).error().field,
            "days");
  std::vector<DayRecord> other_position = {Day(5, {{kAlma, 60}})};
  other_position[0].position_id = 8;
  EXPECT_EQ(AllocateMonth(Lending(), year{2026} / March, cost, other_position, {}).error().field,
            "days");
  const std::vector<DayRecord> stranger = {Day(5, {{99, 60}})};
  EXPECT_EQ(AllocateMonth(Lending(), year{2026} / March, cost, stranger, {}).error().field, "days");
}

TEST(UnrecordedDays, AreTheGovernedWorkingDaysWithoutARecordExceptHolidays) {
  Position position;
  position.id = 7;
  position.working_days = kMondayToFriday;
  Agreement agreement = Lending();
  agreement.starts_on = On(2026, 5, 4);  // a Monday
  // May 2026 from the 4th: 20 weekdays, less Friday 8 May, Thursday 14 May (Ascension) and
  // Monday 25 May (Whit Monday): 17; two are recorded.
  const std::vector<DayRecord> days = {
      {7, On(2026, 5, 4), {{kAlma, 420}}, std::nullopt},
      {7, On(2026, 5, 5), {}, Absence{AbsenceKind::kLeave, 420}},
  };
  const auto missing = UnrecordedDays(position, agreement, year{2026} / std::chrono::May, days);
  ASSERT_EQ(missing.size(), 15u);
  EXPECT_EQ(missing.front(), On(2026, 5, 6));
  EXPECT_EQ(missing.back(), On(2026, 5, 29));
  EXPECT_TRUE(GovernsPartOf(agreement, year{2026} / std::chrono::May));
  // In Moselle, Good Friday is a holiday: 3 April 2026 is not expected there.
  const auto april = year{2026} / std::chrono::April;
  Agreement from_april = agreement;
  from_april.starts_on = On(2026, 4, 1);
  const auto metropolitan = UnrecordedDays(position, from_april, april, {});
  const auto moselle = UnrecordedDays(position, from_april, april, {}, ZoneOfCommune("57463"));
  EXPECT_EQ(metropolitan.size(), moselle.size() + 1);
  EXPECT_EQ(ZoneOfCommune("59512"), HolidayZone::kMetropolitan);
  EXPECT_EQ(ZoneOfCommune("67482"), HolidayZone::kAlsaceMoselle);
  EXPECT_EQ(ZoneOfCommune(""), HolidayZone::kMetropolitan);
  EXPECT_EQ(ZoneOfCommune("6"), HolidayZone::kMetropolitan);
  EXPECT_FALSE(GovernsPartOf(agreement, year{2026} / std::chrono::April));
}

}  // namespace
}  // namespace ensemble::staffing
