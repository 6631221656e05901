#include "domain/staffing/statements.h"

#include <gtest/gtest.h>

namespace ensemble::staffing {
namespace {

using std::chrono::March;
using std::chrono::year;

constexpr StructureId kAlma = 1;
constexpr StructureId kFresnoy = 2;
constexpr StructureId kBasseMasure = 3;

Agreement Lending() {
  Agreement agreement;
  agreement.id = 11;
  agreement.position_id = 7;
  agreement.carrier = kAlma;
  agreement.shares = {{kAlma, 4000}, {kFresnoy, 3000}, {kBasseMasure, 3000}};
  agreement.travel = TravelPaidBy::kVisitedStructure;
  return agreement;
}

Allocation March2026() {
  const MonthCost cost{CostSource::kActual, 240000, 103200, 0, {{"FONJEP", 59700}}};
  const std::vector<Trip> trips = {
      {Date{year{2026}, March, std::chrono::day{2}}, kAlma, kFresnoy, 3450, 219},
      {Date{year{2026}, March, std::chrono::day{3}}, kAlma, kBasseMasure, 2150, 137}};
  return AllocateMonth(Lending(), year{2026} / March, cost, {}, trips).value();
}

TEST(StatementNumber, RunsPerYearOnFourDigits) {
  EXPECT_EQ(StatementNumber(2026, 1), "MAD-2026-0001");
  EXPECT_EQ(StatementNumber(2026, 42), "MAD-2026-0042");
  EXPECT_EQ(StatementNumber(2027, 12345), "MAD-2027-12345");
}

TEST(VatSetting, NeedsARateOnlyWhenSubject) {
  EXPECT_TRUE(CheckVatSetting({VatTreatment::kFranchise293B, 0}).has_value());
  EXPECT_EQ(CheckVatSetting({VatTreatment::kFranchise293B, 2000}).error().field, "rate_bp");
  EXPECT_EQ(CheckVatSetting({VatTreatment::kSubject, 0}).error().field, "rate_bp");
  EXPECT_TRUE(CheckVatSetting({VatTreatment::kSubject, 2000}).has_value());
  EXPECT_EQ(VatOn(85050, {VatTreatment::kSubject, 2000}), 17010);
  EXPECT_EQ(VatOn(85051, {VatTreatment::kSubject, 550}), 4678);  // 4677.805
  EXPECT_EQ(VatOn(85050, {VatTreatment::kExempt261B, 0}), 0);
  EXPECT_EQ(VatMention({VatTreatment::kExempt261B, 0}).id, "staffing.vat.exempt_261b");
  EXPECT_EQ(VatTreatmentFrom("subject"), VatTreatment::kSubject);
  EXPECT_EQ(VatTreatmentFrom("Subject"), std::nullopt);
}

TEST(DraftStatement, BillsTheStructuresPartAndOnlyTheTripsToIt) {
  const auto statement =
      DraftStatement(March2026(), Lending(), kFresnoy, {VatTreatment::kFranchise293B, 0}, 0);
  ASSERT_TRUE(statement.has_value());
  // 30 % of 240000 + 103200 − 59700 = 85050, and the trip to Fresnoy.
  EXPECT_EQ(statement->part.Due(), 85050 + 219);
  EXPECT_EQ(statement->amount, 85269);
  EXPECT_EQ(statement->vat_amount, 0);
  EXPECT_EQ(statement->total, 85269);
  ASSERT_EQ(statement->trips.size(), 1u);
  EXPECT_EQ(statement->trips[0].to, kFresnoy);
  EXPECT_EQ(statement->month_weight, kWholeShare);  // nothing recorded: the shares
  EXPECT_FALSE(statement->time_recorded);
}

TEST(DraftStatement, ACorrectionBillsTheDifferenceWithItsVat) {
  const auto statement =
      DraftStatement(March2026(), Lending(), kBasseMasure, {VatTreatment::kSubject, 2000}, 90000);
  ASSERT_TRUE(statement.has_value());
  EXPECT_EQ(statement->amount, 85050 + 137 - 90000);  // a credit of 48.13 €
  EXPECT_EQ(statement->vat_amount, -963);             // −962.6, away from zero
  EXPECT_EQ(statement->total, -4813 - 963);
}

TEST(DraftStatement, BillsNeitherTheCarrierNorAStranger) {
  EXPECT_EQ(DraftStatement(March2026(), Lending(), kAlma, {}, 0).error().field, "billed");
  EXPECT_EQ(DraftStatement(March2026(), Lending(), 99, {}, 0).error().field, "billed");
}

}  // namespace
}  // namespace ensemble::staffing
