#include "domain/tenancy/siret.h"

#include <gtest/gtest.h>

namespace ensemble::tenancy {
namespace {

TEST(Siret, AcceptsLuhnValidNumbers) {
  EXPECT_TRUE(IsValidSiret("73282932000074"));  // a published SIRET (Apple France)
  EXPECT_TRUE(IsValidSiret("77512345600011"));
}

TEST(Siret, RejectsTheAllZeroPlaceholderThatPassesLuhn) {
  EXPECT_FALSE(IsValidSiret("00000000000000"));
  EXPECT_FALSE(IsValidSiret("00000000000018"));  // SIREN 000 000 000 with a Luhn-valid NIC
}

TEST(Siret, RejectsWrongCheckDigitLengthAndLetters) {
  EXPECT_FALSE(IsValidSiret("73282932000075"));
  EXPECT_FALSE(IsValidSiret("7328293200007"));
  EXPECT_FALSE(IsValidSiret("7328293200007A"));
  EXPECT_FALSE(IsValidSiret(""));
}

TEST(Siret, LaPosteEstablishmentsUseTheDigitSum) {
  // 35600000000010 fails Luhn but its digits sum to 15, a multiple of 5: La Poste's rule.
  EXPECT_TRUE(IsValidSiret("35600000000010"));
  EXPECT_FALSE(IsValidSiret("35600000000011"));
  // The exception is La Poste's alone: another SIREN with the same digit sum still fails.
  EXPECT_FALSE(IsValidSiret("35600000100000"));
}

TEST(Siret, NormaliseNamesTheFieldAndStripsSpaces) {
  EXPECT_EQ(NormaliseSiret("siret", "732 829 320 00074").value(), "73282932000074");
  const auto bad = NormaliseSiret("siret", "732 829 320 00075");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().field, "siret");
  EXPECT_EQ(bad.error().message.id, "tenancy.siret.checksum");
  EXPECT_EQ(NormaliseSiret("siret", "12").error().field, "siret");
}

}  // namespace
}  // namespace ensemble::tenancy
