#include "i18n/accept_language.h"

#include <gtest/gtest.h>

namespace ensemble::i18n {
namespace {

TEST(AcceptLanguage, TakesTheSupportedLanguageOfHighestWeight) {
  EXPECT_EQ(FromAcceptLanguage("en"), Language::kEnglish);
  EXPECT_EQ(FromAcceptLanguage("en-GB,en;q=0.9"), Language::kEnglish);
  EXPECT_EQ(FromAcceptLanguage("fr-FR,fr;q=0.9,en;q=0.8"), Language::kFrench);
  EXPECT_EQ(FromAcceptLanguage("de;q=1, en;q=0.5, fr;q=0.7"), Language::kFrench);
  EXPECT_EQ(FromAcceptLanguage("de, en;q=0.2"), Language::kEnglish);
  EXPECT_EQ(FromAcceptLanguage("EN-us"), Language::kEnglish);
}

TEST(AcceptLanguage, KeepsTheEarlierOnATie) {
  EXPECT_EQ(FromAcceptLanguage("en;q=0.5, fr;q=0.5"), Language::kEnglish);
  EXPECT_EQ(FromAcceptLanguage("fr, en"), Language::kFrench);
}

TEST(AcceptLanguage, NamesNothingForUnsupportedOrMalformedHeaders) {
  EXPECT_EQ(FromAcceptLanguage(""), std::nullopt);
  EXPECT_EQ(FromAcceptLanguage("de"), std::nullopt);
  EXPECT_EQ(FromAcceptLanguage("*"), std::nullopt);
  EXPECT_EQ(FromAcceptLanguage("en;q=0"), std::nullopt);      // "not acceptable"
  EXPECT_EQ(FromAcceptLanguage("en;q=2"), std::nullopt);      // over 1: malformed
  EXPECT_EQ(FromAcceptLanguage("en;q=0.5x"), std::nullopt);   // not a qvalue
  EXPECT_EQ(FromAcceptLanguage("en;level=1"), std::nullopt);  // no parameter but q
  EXPECT_EQ(FromAcceptLanguage("english"), std::nullopt);     // a primary subtag, not a prefix
  EXPECT_EQ(FromAcceptLanguage(",,;;,"), std::nullopt);
  EXPECT_EQ(FromAcceptLanguage("de, en;q=bad, fr;q=0.1"), Language::kFrench);
}

TEST(LocaleName, ReadsTheLanguageOfLangAndLcAll) {
  EXPECT_EQ(FromLocaleName("en_GB.UTF-8"), Language::kEnglish);
  EXPECT_EQ(FromLocaleName("en"), Language::kEnglish);
  EXPECT_EQ(FromLocaleName("fr_FR@euro"), Language::kFrench);
  EXPECT_EQ(FromLocaleName("C.UTF-8"), std::nullopt);
  EXPECT_EQ(FromLocaleName("POSIX"), std::nullopt);
  EXPECT_EQ(FromLocaleName("de_DE.UTF-8"), std::nullopt);
}

}  // namespace
}  // namespace ensemble::i18n
