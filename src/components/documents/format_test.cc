#include "documents/format.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace ensemble::documents {
namespace {

// U+202F groups thousands, U+00A0 holds the sign to the figure.
#define NNBSP "\u202F"
#define NBSP "\u00A0"

struct MoneyCase {
  std::int64_t cents;
  const char* french;
  const char* english;
};

TEST(FormatMoney, WritesFrenchAndEnglishConventions) {
  const MoneyCase cases[] = {
      {0, "0,00" NBSP "€", "€0.00"},
      {5, "0,05" NBSP "€", "€0.05"},
      {-5, "-0,05" NBSP "€", "-€0.05"},
      {100, "1,00" NBSP "€", "€1.00"},
      {99999, "999,99" NBSP "€", "€999.99"},
      {123456, "1" NNBSP "234,56" NBSP "€", "€1,234.56"},
      {-123456, "-1" NNBSP "234,56" NBSP "€", "-€1,234.56"},
      {100000000, "1" NNBSP "000" NNBSP "000,00" NBSP "€", "€1,000,000.00"},
      {std::numeric_limits<std::int64_t>::min(),
       "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" NBSP "€",
       "-€92,233,720,368,547,758.08"},
  };
  for (const MoneyCase& c : cases) {
    EXPECT_EQ(FormatMoney(c.cents, Language::kFrench), c.french) << c.cents;
    EXPECT_EQ(FormatMoney(c.cents, Language::kEnglish), c.english) << c.cents;
  }
}

TEST(FormatInteger, GroupsThousands) {
  EXPECT_EQ(FormatInteger(0, Language::kFrench), "0");
  EXPECT_EQ(FormatInteger(999, Language::kFrench), "999");
  EXPECT_EQ(FormatInteger(1000, Language::kFrench), "1" NNBSP "000");
  EXPECT_EQ(FormatInteger(-1234567, Language::kFrench), "-1" NNBSP "234" NNBSP "567");
  EXPECT_EQ(FormatInteger(1234567, Language::kEnglish), "1,234,567");
}

TEST(FormatDecimal, ReadsHundredths) {
  EXPECT_EQ(FormatDecimal(723467, Language::kFrench), "7" NNBSP "234,67");
  EXPECT_EQ(FormatDecimal(723467, Language::kEnglish), "7,234.67");
  EXPECT_EQ(FormatDecimal(-5, Language::kEnglish), "-0.05");
}

TEST(FormatPercent, ReadsBasisPoints) {
  EXPECT_EQ(FormatPercent(1250, Language::kFrench), "12,50" NBSP "%");
  EXPECT_EQ(FormatPercent(1250, Language::kEnglish), "12.50%");
  EXPECT_EQ(FormatPercent(10000, Language::kEnglish), "100.00%");
  EXPECT_EQ(FormatPercent(-7, Language::kFrench), "-0,07" NBSP "%");
  EXPECT_EQ(FormatPercent(123456, Language::kFrench), "1" NNBSP "234,56" NBSP "%");
}

TEST(FormatDate, WritesDayFirstInFrenchAndWordsInEnglish) {
  EXPECT_EQ(FormatDate("2026-03-05", Language::kFrench), "05/03/2026");
  EXPECT_EQ(FormatDate("2026-03-05", Language::kEnglish), "5 March 2026");
  EXPECT_EQ(FormatDate("2024-12-31", Language::kEnglish), "31 December 2024");
  EXPECT_EQ(FormatDate("pas une date", Language::kFrench), "pas une date");
}

TEST(PlainDecimal, HasNoGroupingNorSymbol) {
  EXPECT_EQ(PlainDecimal(123456, '.'), "1234.56");
  EXPECT_EQ(PlainDecimal(123456, ','), "1234,56");
  EXPECT_EQ(PlainDecimal(-5, '.'), "-0.05");
  EXPECT_EQ(PlainDecimal(0, ','), "0,00");
}

TEST(FormatCell, FollowsTheCellKind) {
  EXPECT_EQ(FormatCell(Cell::Empty(), Language::kFrench), "");
  EXPECT_EQ(FormatCell(Cell::Suppressed("< 5"), Language::kFrench), "< 5");
  EXPECT_EQ(FormatCell(Cell::Text("Élisabeth"), Language::kFrench), "Élisabeth");
  EXPECT_EQ(FormatCell(Cell::Money(123456), Language::kEnglish), "€1,234.56");
  EXPECT_EQ(FormatCell(Cell::Percent(50), Language::kEnglish), "0.50%");
  EXPECT_EQ(FormatCell(Cell::Integer(12000), Language::kEnglish), "12,000");
  EXPECT_EQ(FormatCell(Cell::Date("2026-01-02"), Language::kFrench), "02/01/2026");
}

}  // namespace
}  // namespace ensemble::documents
