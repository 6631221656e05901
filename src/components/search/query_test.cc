#include "components/search/query.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ensemble::search {
namespace {

std::vector<std::string> WordsOf(const std::vector<QueryWord>& words) {
  std::vector<std::string> out;
  for (const QueryWord& word : words) out.push_back(word.word);
  return out;
}

struct QueryCase {
  std::string text;
  std::vector<std::string> words;
  std::vector<std::vector<std::string>> phrases;
  std::vector<std::vector<std::string>> excluded;
  std::string prefix;  // empty: none
};

TEST(ParseQuery, Table) {
  const std::vector<QueryCase> cases = {
      {"atelier ", {"atelier"}, {}, {}, ""},
      {"atelier", {}, {}, {}, "atelier"},
      {"ateliers numér", {"ateliers"}, {}, {}, "numer"},
      {"Élisabeth ", {"elisabeth"}, {}, {}, ""},
      {"cours d'informatique ", {"cours", "informatique"}, {}, {}, ""},
      {"\"cours d’informatique\"", {}, {{"cours", "informatique"}}, {}, ""},
      {"« bien vieillir » jardin", {}, {{"bien", "vieillir"}}, {}, "jardin"},
      {"jardin -potager ", {"jardin"}, {}, {{"potager"}}, ""},
      {"jardin -\"jardin partagé\" ", {"jardin"}, {}, {{"jardin", "partage"}}, ""},
      {"jardin -potager", {"jardin"}, {}, {{"potager"}}, ""},  // An exclusion is never a prefix.
      {"mack", {}, {}, {}, "mack"},
      {"la", {}, {}, {}, "la"},  // A stop word may be the start of "laverie".
      {"la ", {}, {}, {}, ""},
      {"le la les ", {}, {}, {}, ""},
      {"l'at", {}, {}, {}, "at"},
      {"jardin a", {"jardin"}, {}, {}, ""},  // One letter is not a prefix yet.
      {"salle 2", {"salle", "2"}, {}, {}, ""},
      {"jean-pierre ", {}, {{"jean", "pierre"}}, {}, ""},
      {"jean-pie", {"jean"}, {}, {}, "pie"},
      {"\"non fermé", {}, {{"non", "ferme"}}, {}, ""},
      {"- ", {}, {}, {}, ""},
      {"", {}, {}, {}, ""},
  };
  for (const QueryCase& c : cases) {
    const auto query = ParseQuery(c.text);
    ASSERT_TRUE(query.has_value()) << c.text;
    EXPECT_EQ(WordsOf(query->words), c.words) << c.text;
    std::vector<std::vector<std::string>> phrases, excluded;
    for (const auto& phrase : query->phrases) phrases.push_back(WordsOf(phrase));
    for (const auto& out : query->excluded) excluded.push_back(WordsOf(out));
    EXPECT_EQ(phrases, c.phrases) << c.text;
    EXPECT_EQ(excluded, c.excluded) << c.text;
    EXPECT_EQ(query->prefix ? query->prefix->word : "", c.prefix) << c.text;
    // The canonical form reads back as the same query.
    const auto again = ParseQuery(query->ToString());
    ASSERT_TRUE(again.has_value()) << query->ToString();
    EXPECT_EQ(*again, *query) << c.text << " -> " << query->ToString();
  }
}

TEST(ParseQuery, StemsWords) {
  const auto query = ParseQuery("ateliers numériques ");
  ASSERT_TRUE(query.has_value());
  ASSERT_EQ(query->words.size(), 2u);
  EXPECT_EQ(query->words[0].term, "atelier");
  EXPECT_EQ(query->words[1].term, "numerique");
}

TEST(ParseQuery, WholeWordsWhenSubmitted) {
  const auto query = ParseQuery("mack", TrailingWord::kWhole);
  ASSERT_TRUE(query.has_value());
  EXPECT_FALSE(query->prefix.has_value());
  EXPECT_EQ(WordsOf(query->words), std::vector<std::string>{"mack"});
}

TEST(ParseQuery, EmptyWhenNothingPositive) {
  EXPECT_TRUE(ParseQuery("-jardin ")->Empty());
  EXPECT_TRUE(ParseQuery("et ou ")->Empty());
  EXPECT_FALSE(ParseQuery("jardin")->Empty());
}

TEST(ParseQuery, RefusesInvalidUtf8) {
  const auto query = ParseQuery("caf\xC3");
  ASSERT_FALSE(query.has_value());
  EXPECT_EQ(query.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(query.error().field, "q");
}

TEST(ParseQuery, RefusesTooLong) {
  const auto query = ParseQuery(std::string(kMaxQueryBytes + 1, 'a'));
  ASSERT_FALSE(query.has_value());
  EXPECT_EQ(query.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(query.error().field, "q");
  EXPECT_TRUE(ParseQuery(std::string(kMaxQueryBytes, 'a')).has_value());
}

TEST(ParseQuery, RefusesTooManyWords) {
  std::string text;
  for (std::size_t i = 0; i <= kMaxQueryWords; ++i) text += "mot" + std::to_string(i) + " ";
  const auto query = ParseQuery(text);
  ASSERT_FALSE(query.has_value());
  EXPECT_EQ(query.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(query.error().field, "q");
}

}  // namespace
}  // namespace ensemble::search
