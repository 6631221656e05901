#include "domain/tenancy/validation.h"

#include <gtest/gtest.h>

namespace ensemble::tenancy {
namespace {

Structure Valid() {
  Structure structure;
  structure.name = "Centre social Alma";
  structure.siret = "775 123 456 00011";
  structure.commune_insee = "59512";
  return structure;
}

TEST(CheckStructure, CleansAValidProfile) {
  const auto checked = CheckStructure(Valid());
  ASSERT_TRUE(checked.has_value());
  EXPECT_EQ(checked->siret.value(), "77512345600011");
}

TEST(CheckStructure, NamesTheFieldAtFault) {
  Structure no_name = Valid();
  no_name.name = "  ";
  EXPECT_EQ(CheckStructure(no_name).error().field, "name");
  Structure bad_siret = Valid();
  bad_siret.siret = "77512345600012";
  EXPECT_EQ(CheckStructure(bad_siret).error().field, "siret");
  Structure bad_commune = Valid();
  bad_commune.commune_insee = "5951";
  EXPECT_EQ(CheckStructure(bad_commune).error().field, "commune_insee");
  Structure long_address = Valid();
  long_address.address = std::string(301, 'a');
  EXPECT_EQ(CheckStructure(long_address).error().field, "address");
}

TEST(CheckCommuneInsee, AcceptsCorsica) {
  EXPECT_TRUE(CheckCommuneInsee("c", "2A004").has_value());
  EXPECT_FALSE(CheckCommuneInsee("c", "2C004").has_value());
}

}  // namespace
}  // namespace ensemble::tenancy
