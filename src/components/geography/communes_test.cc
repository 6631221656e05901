#include "components/geography/communes.h"

#include <gtest/gtest.h>

#include <string>

namespace ensemble::geography {
namespace {

TEST(Communes, FindsTheNetworksCommunesByCode) {
  const Commune* roubaix = FindCommune("59512");
  ASSERT_NE(roubaix, nullptr);
  EXPECT_EQ(roubaix->name, "Roubaix");
  EXPECT_EQ(roubaix->departement, "59");
  ASSERT_NE(FindCommune("59350"), nullptr);
  EXPECT_EQ(FindCommune("59350")->name, "Lille");
}

TEST(Communes, HoldsArrondissementsAndCorsica) {
  ASSERT_NE(FindCommune("75101"), nullptr);
  EXPECT_EQ(FindCommune("75101")->departement, "75");
  ASSERT_NE(FindCommune("2A004"), nullptr);
  EXPECT_EQ(FindCommune("2A004")->name, "Ajaccio");
  EXPECT_EQ(FindCommune("2A004")->departement, "2A");
}

TEST(Communes, UnknownCodesFindNothing) {
  EXPECT_EQ(FindCommune(""), nullptr);
  EXPECT_EQ(FindCommune("00000"), nullptr);
  EXPECT_EQ(FindCommune("5951"), nullptr);
  EXPECT_EQ(FindCommune("595120"), nullptr);
}

TEST(Communes, TheTableIsSortedAndWhole) {
  EXPECT_GT(kCommuneCount, 34000u);
  for (std::size_t i = 1; i < kCommuneCount; ++i) {
    ASSERT_LT(kCommunes[i - 1].code, kCommunes[i].code) << i;
  }
  EXPECT_EQ(kCommunesSource.substr(0, 31), "@etalab/decoupage-administratif");
}

}  // namespace
}  // namespace ensemble::geography
