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

namespace ensemble {
namespace {

TEST(CheckText, NormalisesToNfc) {
  // « Félix » typed as F, e, combining acute accent, l, i, x.
  const auto name = CheckText("name", "Fe\xCC\x81lix", 1, 200);
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(*name, "F\xC3\xA9lix");
  EXPECT_EQ(CountCodePoints(*name), 5u);
}

TEST(CheckText, RefusesInvisibleAndControlCharactersNamingTheField) {
  for (const std::string& text : {
           std::string("\xE2\x80\xAE") + "evil",    // U+202E right-to-left override
           std::string("evil\xE2\x80\x8B"),         // U+200B zero-width space
           std::string("a\x7F") + "b",              // DEL
           std::string("a\xC2\x85") + "b",          // U+0085 next line
           std::string("a\xEE\x80\x80") + "b",      // U+E000 private use
           std::string("a\xF3\xA0\x80\x81") + "b",  // U+E0001 language tag (format)
           std::string("a\xF4\x8F\xBF\xBE") + "b",  // U+10FFFE, a noncharacter (unassigned)
           std::string("deux\nlignes"),             // a line break in a name
           std::string("a\xE2\x80\xA8") + "b",      // U+2028 line separator
       }) {
    const auto checked = CheckText("name", text, 1, 200);
    ASSERT_FALSE(checked.has_value()) << *checked;
    EXPECT_EQ(checked.error().field, "name");
    EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(CheckText, NotesMayHoldLineBreaksAndTabs) {
  EXPECT_TRUE(CheckText("notes", "ligne 1\n\tligne 2", 0, 100, TextKind::kParagraphs));
  EXPECT_FALSE(CheckText("notes", "ligne 1\r\nligne 2\x01", 0, 100, TextKind::kParagraphs));
}

}  // namespace
}  // namespace ensemble
