#include "core/text.h"

#include <gtest/gtest.h>

namespace ensemble {
namespace {

TEST(Utf8, AcceptsFrenchAndRejectsBrokenSequences) {
  EXPECT_TRUE(IsValidUtf8("Centre social Pile Sainte-Élisabeth"));
  EXPECT_TRUE(IsValidUtf8("Œuvre — « guillemets »"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(CheckText, CountsCharactersNotBytes) {
  const std::string two_hundred_accents(200 * 2, '\0');
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";
  EXPECT_TRUE(CheckText("name", accents, 1, 200).has_value());
  accents += "é";
  const auto too_long = CheckText("name", accents, 1, 200);
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(too_long.error().field, "name");
}

TEST(CheckText, TrimsAndRequires) {
  EXPECT_EQ(CheckText("name", "  Alma  ", 1, 10).value(), "Alma");
  const auto empty = CheckText("name", "   ", 1, 10);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().field, "name");
  const auto control = CheckText("name",
                                 std::string("a\x01"
                                             "b"),
                                 1, 10);
  ASSERT_FALSE(control.has_value());
}

TEST(CheckEmail, LowerCasesAndRejectsShapes) {
  EXPECT_EQ(CheckEmail("email", " Claire.Dumont@Alma.example.org ").value(),
            "claire.dumont@alma.example.org");
  for (const char* bad : {"claire", "claire@", "@alma.org", "a@b@c.org", "a b@c.org", "a@b."}) {
    const auto result = CheckEmail("email", bad);
    ASSERT_FALSE(result.has_value()) << bad;
    EXPECT_EQ(result.error().field, "email") << bad;
  }
}

TEST(FoldForSearch, RemovesAccentsCaseAndHyphens) {
  EXPECT_EQ(FoldForSearch("Centre social Pile Sainte-Élisabeth"),
            "centre social pile sainte elisabeth");
  EXPECT_EQ(FoldForSearch("ŒUVRE  d’Épeule"), "oeuvre d epeule");
  EXPECT_EQ(FoldForSearch("ÇA"), "ca");
}

}  // namespace
}  // namespace ensemble
