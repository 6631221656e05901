#include "components/search/index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ensemble::search {
namespace {

struct Row {
  std::int64_t id;
  std::string name;
  std::string description;
};

// A small directory of a social centre's activities and people.
const std::vector<Row> kRows = {
    {1, "Cours d’informatique pour seniors", "Initiation à l’ordinateur et à internet"},
    {2, "Ateliers Numériques", "Accompagnement aux démarches en ligne"},
    {3, "Élisabeth Martin", "Animatrice du jardin partagé"},
    {4, "Jardin partagé", "Potager collectif, le samedi matin"},
    {5, "Mackellerie", "Atelier de réparation de vélos"},
    {6, "Jardin d'enfants", "Accueil des 3-6 ans"},
    {7, "Maison des jeunes", "Informatique, jeux vidéo et jardin le mercredi"},
    {8, "Œuvre commune", "Fresque participative"},
    {9, "Oeuvre d'art", "Sortie au musée"},
};

Index MakeIndex() {
  auto index = Index::Create({{"name", 3.0}, {"description", 1.0}});
  EXPECT_TRUE(index.has_value());
  for (const Row& row : kRows) {
    EXPECT_TRUE(
        index->Add(row.id, {row.name, {{"name", row.name}, {"description", row.description}}}));
  }
  return std::move(*index);
}

std::vector<std::int64_t> Ids(const std::vector<Match>& matches) {
  std::vector<std::int64_t> ids;
  for (const Match& match : matches) ids.push_back(match.id);
  return ids;
}

struct SearchCase {
  std::string query;
  std::vector<std::int64_t> ids;  // In rank order.
};

TEST(IndexSearch, FrenchExamples) {
  const Index index = MakeIndex();
  const std::vector<SearchCase> cases = {
      {"« Élisabeth » ", {3}},
      {"elisabeth ", {3}},
      {"ELISABETH ", {3}},
      {"cours d'informatique ", {1}},
      {"\"cours d'informatique\"", {1}},
      {"\"informatique cours\"", {}},  // A phrase keeps its order.
      {"numerique ", {2}},
      {"numériques ", {2}},
      {"atelier ", {2, 5}},  // In the name (weight 3) before in the description.
      {"mack", {5}},
      {"mackellerie ", {5}},
      {"mack ", {}},  // Followed by a space, "mack" is a whole word.
      {"jardin -potager ", {6, 3, 7}},
      {"jardin -\"jardin partagé\" ", {6, 7}},
      {"jardin partagé ", {4, 3}},
      {"informatique ", {1, 7}},
      // Equal scores: French order of the names, where Œ is oe: "Œuvre commune" before
      // "Oeuvre d'art" as c before d.
      {"oeuvre ", {8, 9}},
      {"œuvre ", {8, 9}},
      {"la", {}},  // The prefix of no indexed term (the stop word itself is not indexed).
      {"le la les ", {}},
      {"-jardin ", {}},  // Exclusion alone finds nothing rather than everything.
      {"velo", {5}},
      {"3 ", {6}},
  };
  for (const SearchCase& c : cases) {
    const auto matches = index.Search(c.query, 10);
    ASSERT_TRUE(matches.has_value()) << c.query;
    EXPECT_EQ(Ids(*matches), c.ids) << c.query;
  }
}

TEST(IndexSearch, ExactWordOutranksPrefix) {
  auto index = Index::Create({{"name", 1.0}});
  ASSERT_TRUE(index.has_value());
  ASSERT_TRUE(index->Add(1, {"Marie", {{"name", "Marie Martinez"}}}));
  ASSERT_TRUE(index->Add(2, {"Paul", {{"name", "Paul Martin"}}}));
  const auto matches = index->Search("martin", 10);
  ASSERT_TRUE(matches.has_value());
  EXPECT_EQ(Ids(*matches), (std::vector<std::int64_t>{2, 1}));
  EXPECT_GT((*matches)[0].score, (*matches)[1].score);
}

TEST(IndexSearch, TiesOrderedByFrenchCollation) {
  auto index = Index::Create({{"name", 1.0}});
  ASSERT_TRUE(index.has_value());
  // Same text, so the same score: the display key decides, « Émile » with the e's.
  ASSERT_TRUE(index->Add(1, {"Zoé", {{"name", "atelier"}}}));
  ASSERT_TRUE(index->Add(2, {"Émile", {{"name", "atelier"}}}));
  ASSERT_TRUE(index->Add(3, {"Eva", {{"name", "atelier"}}}));
  ASSERT_TRUE(index->Add(4, {"Daniel", {{"name", "atelier"}}}));
  const auto matches = index->Search("atelier ", 10);
  ASSERT_TRUE(matches.has_value());
  EXPECT_EQ(Ids(*matches), (std::vector<std::int64_t>{4, 2, 3, 1}));
}

TEST(IndexSearch, HighlightsTheOriginalWords) {
  const Index index = MakeIndex();
  const auto matches = index.Search("cours d'informatique ", 10);
  ASSERT_TRUE(matches.has_value());
  ASSERT_EQ(matches->size(), 1u);
  const std::string& name = kRows[0].name;
  std::vector<std::string> words;
  for (const Highlight& h : (*matches)[0].highlights) {
    EXPECT_EQ(h.field, "name");
    words.push_back(name.substr(h.begin_byte, h.end_byte - h.begin_byte));
  }
  EXPECT_EQ(words, (std::vector<std::string>{"Cours", "informatique"}));
  EXPECT_EQ((*matches)[0].highlights[1].begin_char, 8u);  // After "Cours d’", 8 characters.

  const auto prefix = index.Search("Éli", 10);
  ASSERT_TRUE(prefix.has_value());
  ASSERT_EQ(prefix->size(), 1u);
  ASSERT_EQ((*prefix)[0].highlights.size(), 1u);
  EXPECT_EQ((*prefix)[0].highlights[0].begin_char, 0u);
  EXPECT_EQ((*prefix)[0].highlights[0].end_char, 9u);
}

TEST(IndexSearch, LimitKeepsTheBest) {
  const Index index = MakeIndex();
  // 4 and 6 tie (the word in a two-word name, descriptions of four words): the name decides.
  const auto matches = index.Search("jardin ", 2);
  ASSERT_TRUE(matches.has_value());
  EXPECT_EQ(Ids(*matches), (std::vector<std::int64_t>{6, 4}));
}

TEST(IndexChanges, AddUpdateRemove) {
  Index index = MakeIndex();
  EXPECT_EQ(index.size(), kRows.size());

  const auto duplicate = index.Add(5, {"x", {{"name", "x"}}});
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(duplicate.error().field, "id");

  ASSERT_TRUE(index.Update(5, {"Vélo-école", {{"name", "Vélo-école"}}}));
  EXPECT_TRUE(index.Search("mack", 10)->empty());
  EXPECT_EQ(Ids(*index.Search("ecole ", 10)), (std::vector<std::int64_t>{5}));

  ASSERT_TRUE(index.Remove(5));
  EXPECT_FALSE(index.Contains(5));
  EXPECT_TRUE(index.Search("ecole ", 10)->empty());
  EXPECT_TRUE(index.Search("velo", 10)->empty());

  const auto missing = index.Remove(5);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().field, "id");
  const auto update_missing = index.Update(42, {"x", {}});
  ASSERT_FALSE(update_missing.has_value());
  EXPECT_EQ(update_missing.error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(index.Put(42, {"Zumba", {{"name", "Zumba"}}}));
  ASSERT_TRUE(index.Put(42, {"Zumba", {{"name", "Zumba seniors"}}}));
  EXPECT_EQ(Ids(*index.Search("zumba senior ", 10)), (std::vector<std::int64_t>{42}));
  EXPECT_EQ(index.size(), kRows.size());  // 5 removed, 42 added once.
}

TEST(IndexChanges, RefusalsChangeNothing) {
  Index index = MakeIndex();
  const auto unknown = index.Update(3, {"x", {{"name", "Nouveau"}, {"adresse", "rue"}}});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().field, "adresse");
  const auto bad = index.Add(50, {"x", {{"description", "caf\xC3"}}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "description");
  EXPECT_FALSE(index.Contains(50));
  EXPECT_EQ(Ids(*index.Search("elisabeth ", 10)), (std::vector<std::int64_t>{3}));
}

TEST(IndexCreate, RefusesBadFields) {
  for (const auto& fields : std::vector<std::vector<FieldSpec>>{
           {}, {{"name", 0.0}}, {{"name", -1.0}}, {{"name", 1.0}, {"name", 2.0}}}) {
    const auto index = Index::Create(fields);
    ASSERT_FALSE(index.has_value());
    EXPECT_EQ(index.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(index.error().field, "fields");
  }
}

TEST(IndexSearch, RefusesBadQueries) {
  const Index index = MakeIndex();
  const auto matches = index.Search("caf\xC3", 10);
  ASSERT_FALSE(matches.has_value());
  EXPECT_EQ(matches.error().field, "q");
}

}  // namespace
}  // namespace ensemble::search
