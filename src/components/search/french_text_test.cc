#include "components/search/french_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace ensemble::search {
namespace {

struct FoldCase {
  std::string input;
  std::string folded;
};

TEST(Fold, FrenchSpellingsMeetOnOneForm) {
  const std::vector<FoldCase> cases = {
      {"Élisabeth", "elisabeth"},
      {"ÉLISABETH", "elisabeth"},
      {"E\xCC\x81lisabeth", "elisabeth"},  // e + combining acute (NFD input)
      {"Œuvre", "oeuvre"},
      {"cœur", "coeur"},
      {"Lætitia", "laetitia"},
      {"Cours d’informatique", "cours d'informatique"},
      {"aujourd‘hui", "aujourd'hui"},
      {"Jean-Pierre", "jean pierre"},
      {"Saint–Étienne — centre", "saint etienne centre"},
      {"« Bien vieillir »", "bien vieillir"},
      {"“citation”  et \"autre\"", "citation et autre"},
      {"Straße", "strasse"},
      {"ﬁnance ²", "finance 2"},
      {"non\u00A0sécable", "non secable"},
      {"  Çà  et  là  ", "ca et la"},
      {"Łódź", "lodz"},
      {"bad\xFFutf8", "bad\uFFFDutf8"},
      {"", ""},
  };
  for (const FoldCase& c : cases) EXPECT_EQ(Fold(c.input), c.folded) << c.input;
}

TEST(Fold, IsIdempotent) {
  for (const std::string text : {"Élisabeth Œuvre d’art « x »", "Ångström ﬁ", "Straße"}) {
    EXPECT_EQ(Fold(Fold(text)), Fold(text)) << text;
  }
}

struct TokensCase {
  std::string text;
  std::vector<std::string> terms;
};

TEST(Tokens, ElisionsStopWordsNumbersAndStems) {
  const std::vector<TokensCase> cases = {
      {"l'atelier", {"atelier"}},
      {"L’Atelier d’écriture", {"atelier", "ecriture"}},
      {"Cours d’informatique pour seniors", {"cour", "informatique", "senior"}},
      {"qu'il pleuve, j'écoute", {"pleuve", "ecoute"}},
      {"vienne active", {"vien", "actif"}},  // Conflations the rules accept, on both sides.
      {"Le jardin et la maison des jeunes", {"jardin", "maison", "jeune"}},
      {"Ateliers numériques", {"atelier", "numerique"}},
      {"Jean-Pierre Dupont", {"jean", "pierre", "dupont"}},
      {"Salle 12, 2e étage, 2024", {"salle", "12", "2e", "etage", "2024"}},
      {"bureaux journaux jeux bijoux", {"bureau", "journal", "jeu", "bijou"}},
      {"animatrice coiffeuse sportive parisienne",
       {"animateur", "coiffeur", "sportif", "parisien"}},
      {"naturelle première employée", {"naturel", "premier", "employe"}},
      {"animatrices", {"animateur"}},
      {"Mackellerie", {"mackellerie"}},
      {"« Bien vieillir »", {"bien", "vieillir"}},
      {"...", {}},
      {"", {}},
  };
  for (const TokensCase& c : cases) EXPECT_EQ(Tokens(c.text), c.terms) << c.text;
}

TEST(Tokens, StopWordsKeptOnRequest) {
  const auto tokens = Tokenize("la laverie", StopWords::kKeep);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].word, "la");
  EXPECT_EQ(tokens[1].word, "laverie");
}

TEST(Tokenize, OffsetsPointAtTheOriginalWords) {
  const std::string text = "L’Œuvre d’Élisabeth";
  const auto tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(text.substr(tokens[0].begin_byte, tokens[0].end_byte - tokens[0].begin_byte), "Œuvre");
  EXPECT_EQ(tokens[0].begin_char, 2u);
  EXPECT_EQ(tokens[0].end_char, 7u);
  EXPECT_EQ(tokens[0].term, "oeuvre");
  EXPECT_EQ(text.substr(tokens[1].begin_byte, tokens[1].end_byte - tokens[1].begin_byte),
            "Élisabeth");
  EXPECT_EQ(tokens[1].begin_char, 10u);
  EXPECT_EQ(tokens[1].end_char, 19u);
  EXPECT_EQ(tokens[1].position, 1u);
}

TEST(Tokenize, CombiningMarksStayInsideTheirWord) {
  const std::string text = "cafe\xCC\x81 noir";  // café in NFD
  const auto tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].term, "cafe");
  EXPECT_EQ(tokens[0].end_byte, 6u);
  EXPECT_EQ(tokens[0].end_char, 5u);
}

TEST(Tokenize, OneCharacterMayBeTwoWords) {
  // « ⅙ » decomposes (NFKD) to 1, fraction slash, 6: two numbers, both pointing at the one
  // character they came from (found by the fuzzer, whose order check expected disjoint spans).
  const auto tokens = Tokenize("⅙ part");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].term, "1");
  EXPECT_EQ(tokens[1].term, "6");
  EXPECT_EQ(tokens[0].begin_byte, tokens[1].begin_byte);
  EXPECT_EQ(tokens[1].end_char, 1u);
}

TEST(Stem, ShortWordsAndNumbersAreKept) {
  EXPECT_EQ(Stem("bus"), "bus");
  EXPECT_EQ(Stem("2000s"), "2000s");
  EXPECT_EQ(Stem("classes"), "classe");
  EXPECT_EQ(Stem("stress"), "stress");
}

TEST(Collation, FrenchOrder) {
  // « é » sorts with e, not after z as byte order would put it; Œuvre beside Oeuvre. Accents
  // weigh before case: "Eté" (first letter plain) before "été".
  std::vector<std::string> words = {"Zoé",    "église", "Oeuvre", "eglise", "Œuvre", "Eté",
                                    "Ofelia", "Odile",  "etre",   "été",    "Elise"};
  std::sort(words.begin(), words.end(),
            [](const std::string& a, const std::string& b) { return CompareFrench(a, b) < 0; });
  const std::vector<std::string> expected = {"eglise", "église", "Elise", "Eté",    "été", "etre",
                                             "Odile",  "Oeuvre", "Œuvre", "Ofelia", "Zoé"};
  EXPECT_EQ(words, expected);
}

TEST(Collation, SortKeysOrderAsCompare) {
  const std::vector<std::string> words = {"Zoé", "église", "Œuvre", "Oeuvre", "Éric", "eric", ""};
  for (const auto& a : words) {
    for (const auto& b : words) {
      const int by_key = FrenchSortKey(a).compare(FrenchSortKey(b));
      const int compared = CompareFrench(a, b);
      EXPECT_EQ(by_key < 0, compared < 0) << a << " " << b;
      EXPECT_EQ(by_key == 0, compared == 0) << a << " " << b;
    }
  }
}

}  // namespace
}  // namespace ensemble::search
