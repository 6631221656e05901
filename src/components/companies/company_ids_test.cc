#include "components/companies/company_ids.h"

#include <gtest/gtest.h>

namespace ensemble::companies {
namespace {

TEST(CompanyIds, ASirenOrSiretIsReadAsPeopleWriteIt) {
  EXPECT_EQ(DigitsOf("732 829 320 00074", 14), "73282932000074");
  EXPECT_EQ(DigitsOf("732.829.320-00074", 14), "73282932000074");
  EXPECT_EQ(DigitsOf("732829320", 9), "732829320");
  EXPECT_EQ(DigitsOf("732 829 320", 14), std::nullopt) << "a SIREN is no SIRET";
  EXPECT_EQ(DigitsOf("73282932000074 ", 14), "73282932000074");
  EXPECT_EQ(DigitsOf("7328293200007A", 14), std::nullopt);
  EXPECT_EQ(DigitsOf("７３２８２９３２０", 9), std::nullopt) << "full-width digits are not ASCII";
  EXPECT_EQ(DigitsOf("", 9), std::nullopt);
}

TEST(CompanyIds, TheLuhnDigitClosesEverySirenAndSiret) {
  EXPECT_TRUE(IsValidSiren("732829320"));
  EXPECT_FALSE(IsValidSiren("732829321"));
  EXPECT_FALSE(IsValidSiren("73282932"));
  EXPECT_TRUE(IsValidSiret("73282932000074"));
  EXPECT_TRUE(IsValidSiret("44306184100047"));
  // One digit changed, or two neighbours swapped: the check digit sees it.
  EXPECT_FALSE(IsValidSiret("73282932000075"));
  EXPECT_FALSE(IsValidSiret("73282932000704"));
  EXPECT_FALSE(IsValidSiret("7328293200007"));
  EXPECT_FALSE(IsValidSiret("732829320000741"));
  EXPECT_FALSE(IsValidSiret("7328293200007a"));
}

TEST(CompanyIds, LaPostesEstablishmentsAddUpToAMultipleOfFive) {
  // 3+5+6+1 = 15: a La Poste SIRET, although the Luhn check fails on it.
  EXPECT_TRUE(IsValidSiret("35600000000001"));
  EXPECT_FALSE(IsValidSiret("35600000000002"));
  EXPECT_FALSE(IsValidSiret("35600000000048")) << "3+5+6+4+8 = 26";
}

TEST(CompanyIds, NafCodesAreTheSubClassesOfThePackage) {
  EXPECT_EQ(kNafCodeCount, 732u);
  EXPECT_TRUE(kNafSource.starts_with("@socialgouv/codes-naf@"));
  const NafCode* social = FindNafCode("88.99B");
  ASSERT_NE(social, nullptr);
  EXPECT_EQ(social->label, "Action sociale sans hébergement n.c.a.");
  EXPECT_EQ(FindNafCode("8899B"), social);
  EXPECT_EQ(FindNafCode("88.99b"), social);
  EXPECT_EQ(FindNafCode("88.99"), nullptr) << "a class, not an establishment's code";
  EXPECT_EQ(FindNafCode("88.99Z"), nullptr);
  EXPECT_EQ(FindNafCode(""), nullptr);
  EXPECT_EQ(FindNafCode("88.99BB"), nullptr);
  for (std::size_t i = 1; i < kNafCodeCount; ++i) {
    EXPECT_LT(kNafCodes[i - 1].code, kNafCodes[i].code) << "sorted, once each";
  }
}

}  // namespace
}  // namespace ensemble::companies
