#include "app/surveys/results.h"

#include <gtest/gtest.h>

namespace ensemble::app {
namespace {

const std::vector<surveys::CountedQuestion> kSeul = {{"/data/seul",
                                                      "seul",
                                                      "Vivez-vous seul ?",
                                                      surveys::CountedKind::kSingle,
                                                      {{"oui", "Oui"}, {"non", "Non"}}}};

StructureCounts Counts(tenancy::StructureId id, std::int64_t oui, std::int64_t non,
                       std::int64_t unanswered = 0, std::string commune = "59512") {
  std::string name = commune.empty() ? "" : "commune " + commune;
  StructureCounts counts;
  counts.structure = id;
  counts.name = "centre " + std::to_string(id);
  counts.counts = {
      {"", "", oui + non + unanswered}, {"/data/seul", "oui", oui}, {"/data/seul", "non", non}};
  counts.territory = std::move(commune);
  counts.territory_name = std::move(name);
  return counts;
}

TEST(ComputeResults, SmallStructuresArePooledOrLeftOutAndRowTotalsArePublished) {
  // 1 and 2 have rows; 3 and 4 (2 + 2 answers) stay under 5 even together: left out.
  const std::vector<StructureCounts> counted = {Counts(1, 4, 6), Counts(2, 5, 1, 1),
                                                Counts(3, 1, 1), Counts(4, 2, 0)};
  const Results results = ComputeResults(kSeul, counted, {}).value();
  ASSERT_EQ(results.rows.size(), 2u);
  EXPECT_EQ(results.rows[1].answers, 7);
  EXPECT_EQ(results.left_out, (std::vector<tenancy::StructureId>{3, 4}));
  EXPECT_TRUE(results.pooled.empty());
  const QuestionResult& seul = results.questions.at(0);
  ASSERT_EQ(seul.columns.size(), 3u);
  EXPECT_EQ(seul.columns[2].key, "");  // the unanswered
  // Row totals as they are; the 4 and the 1s hidden, with complements.
  EXPECT_EQ(seul.table.row_totals[0].count, 10);
  EXPECT_EQ(seul.table.row_totals[1].count, 7);
  EXPECT_TRUE(seul.table.cells[0][0].Suppressed());
  EXPECT_TRUE(seul.table.cells[1][1].Suppressed());
  EXPECT_TRUE(seul.table.cells[1][2].Suppressed());
  EXPECT_FALSE(seul.table.grand_total.Suppressed());
}

TEST(ComputeResults, PooledStructuresMakeOneRowAndOldChoicesTheirColumn) {
  std::vector<StructureCounts> counted = {Counts(1, 3, 3), Counts(2, 2, 1), Counts(3, 1, 1)};
  counted[0].counts.push_back({"/data/seul", "parfois", 0});
  counted[1].counts.push_back({"/data/seul", "peut_etre", 1});
  counted[1].counts[0].answers += 1;
  const Results results = ComputeResults(kSeul, counted, {}).value();
  ASSERT_EQ(results.rows.size(), 2u);
  EXPECT_EQ(results.rows[1].key, kPooledRow);
  EXPECT_EQ(results.rows[1].answers, 6);
  EXPECT_EQ(results.pooled, (std::vector<tenancy::StructureId>{2, 3}));
  const QuestionResult& seul = results.questions.at(0);
  // « peut_etre », an older version's choice, has its column; « parfois », never chosen, none.
  // Everyone answered: no column of the unanswered.
  ASSERT_EQ(seul.columns.size(), 3u);
  EXPECT_EQ(seul.columns[2].key, "peut_etre");
  EXPECT_EQ(seul.table.row_totals[1].count, 6);
}

TEST(ComputeResults, TerritoriesGroupTheRowsAndThePooledRowIsItsOwn) {
  // 1 and 2 in Roubaix, 3 in Tourcoing, 4 without a commune; 5 and 6 (small, one in each town)
  // pooled.
  const std::vector<StructureCounts> counted = {Counts(1, 6, 6),
                                                Counts(2, 2, 8),
                                                Counts(3, 7, 3, 0, "59599"),
                                                Counts(4, 5, 5, 0, ""),
                                                Counts(5, 2, 1, 0, "59599"),
                                                Counts(6, 1, 1)};
  const Results results = ComputeResults(kSeul, counted, {}).value();
  ASSERT_EQ(results.rows.size(), 5u);
  ASSERT_EQ(results.territories.size(), 4u);
  EXPECT_EQ(results.territories[0].key, "59512");
  EXPECT_EQ(results.territories[0].label, "commune 59512");
  EXPECT_EQ(results.territories[0].answers, 22);
  EXPECT_EQ(results.territories[1].key, "59599");
  EXPECT_EQ(results.territories[1].answers, 10);  // the pooled structure of Tourcoing not in it
  EXPECT_EQ(results.territories[2].key, "");
  EXPECT_EQ(results.territories[3].key, kPooledRow);
  EXPECT_EQ(results.territories[3].answers, 5);
  EXPECT_EQ(results.rows[0].territory, 0u);
  EXPECT_EQ(results.rows[2].territory, 1u);
  EXPECT_EQ(results.rows[4].territory, 3u);
  const QuestionResult& seul = results.questions.at(0);
  ASSERT_EQ(seul.table.group_cells.size(), 4u);
  ASSERT_EQ(seul.table.group_totals.size(), 4u);
  EXPECT_EQ(seul.table.group_totals[0].count, 22);
  // Roubaix's 8 « oui » would give away centre 2's 2 beside centre 1's 6: both hide, or more.
  EXPECT_TRUE(seul.table.cells[1][0].Suppressed());
  EXPECT_TRUE(seul.table.group_cells[0][0].Suppressed() || seul.table.cells[0][0].Suppressed());
}

TEST(ComputeResults, NoRowNoTable) {
  const Results results =
      ComputeResults(kSeul, std::vector<StructureCounts>{Counts(1, 1, 1)}, {}).value();
  EXPECT_TRUE(results.rows.empty());
  EXPECT_TRUE(results.questions.empty());
  EXPECT_EQ(results.left_out, (std::vector<tenancy::StructureId>{1}));
}

const surveys::CountedQuestion kAides{"/data/aides",
                                      "aides",
                                      "Aides reçues",
                                      surveys::CountedKind::kMultiple,
                                      {{"repas", "Repas"}, {"menage", "Ménage"}}};

// A structure's answers, of which `repas` and `menage` chose those helps (some both).
StructureCounts Helped(tenancy::StructureId id, std::int64_t answers, std::int64_t repas,
                       std::int64_t menage) {
  StructureCounts counts = Counts(id, answers, 0);
  counts.counts.push_back({"/data/aides", "repas", repas});
  counts.counts.push_back({"/data/aides", "menage", menage});
  return counts;
}

TEST(ComputeResults, AMultipleChoiceCountsEachChoiceUnderTheSameRowTotals) {
  const std::vector<surveys::CountedQuestion> questions = {kAides};
  // Centre 2's 2 « repas » is hidden; its column's total would give it away beside centre 1's
  // and 3's: one of those, or the total, hides too. (Who did not choose counts as well: 4 of 12
  // without « ménage » would hide that cell and its complement.)
  const std::vector<StructureCounts> counted = {Helped(1, 14, 9, 8), Helped(2, 13, 2, 7),
                                                Helped(3, 12, 6, 6)};
  const Results results = ComputeResults(questions, counted, {}).value();
  const QuestionResult& aides = results.questions.at(0);
  ASSERT_EQ(aides.columns.size(), 2u);  // no column of the unanswered
  ASSERT_EQ(aides.table.cells.size(), 3u);
  EXPECT_EQ(aides.table.cells[0][1].count, 8);
  EXPECT_EQ(aides.table.cells[2][1].count, 6);
  EXPECT_TRUE(aides.table.cells[1][0].Suppressed());
  EXPECT_EQ(aides.table.row_totals[1].count, 13);
  EXPECT_EQ(aides.table.grand_total.count, 39);
  EXPECT_EQ(aides.table.column_totals[1].count, 21);  // 8 + 7 + 6: more than one per answer
  int hidden = aides.table.column_totals[0].Suppressed() ? 1 : 0;
  for (const auto& row : aides.table.cells) hidden += row[0].Suppressed() ? 1 : 0;
  EXPECT_GE(hidden, 2);
  // By territory too, from the same tables (all three in one commune here).
  ASSERT_EQ(aides.table.group_cells.size(), 1u);
  EXPECT_EQ(aides.table.group_cells[0][1].count, 21);
  EXPECT_EQ(aides.table.group_totals[0].count, 39);
}

// Who did not give a choice is counted too: 2 of 12 without « repas » would single them out,
// so centre 1's 10 hides, with complements in its column.
TEST(ComputeResults, AMultipleChoiceHidesAChoiceAlmostEveryoneGave) {
  const std::vector<surveys::CountedQuestion> questions = {kAides};
  const std::vector<StructureCounts> counted = {Helped(1, 12, 10, 6), Helped(2, 13, 6, 7),
                                                Helped(3, 12, 6, 6)};
  const QuestionResult aides = ComputeResults(questions, counted, {}).value().questions.at(0);
  EXPECT_TRUE(aides.table.cells[0][0].Suppressed());
  int hidden = aides.table.column_totals[0].Suppressed() ? 1 : 0;
  for (const auto& row : aides.table.cells) hidden += row[0].Suppressed() ? 1 : 0;
  EXPECT_GE(hidden, 2);
  EXPECT_FALSE(aides.table.cells[0][1].Suppressed());  // « ménage »: 6 and 6, both fine
}

const surveys::CountedQuestion kAge{"/data/age", "age", "Âge", surveys::CountedKind::kNumber, {}};

// A structure whose answers gave these ages (each one answer), and `unanswered` none.
StructureCounts Aged(tenancy::StructureId id, const std::vector<std::int64_t>& ages,
                     std::int64_t unanswered = 0) {
  StructureCounts counts = Counts(id, static_cast<std::int64_t>(ages.size()) + unanswered, 0);
  for (const std::int64_t age : ages) counts.numbers.push_back({"/data/age", age * 100, 1});
  return counts;
}

TEST(ComputeResults, ANumberHasItsCountMeanAndMedianUnlessTooFewOrDominated) {
  const std::vector<surveys::CountedQuestion> questions = {kAge};
  const std::vector<StructureCounts> counted = {
      Aged(1, {60, 70, 70, 80, 90, 66}), Aged(2, {61, 62, 63, 64, 65}),
      Aged(3, {70, 71}, 4),            // 6 answers, 2 ages: too few
      Aged(4, {1, 1, 1, 1, 1, 900})};  // one answer is nearly the whole sum
  const Results results = ComputeResults(questions, counted, {}).value();
  ASSERT_EQ(results.rows.size(), 4u);
  ASSERT_TRUE(results.questions.empty());
  const NumberResult& age = results.numbers.at(0);
  ASSERT_EQ(age.rows.size(), 4u);
  EXPECT_EQ(age.rows[0].answers, 6);
  EXPECT_DOUBLE_EQ(*age.rows[0].sum, 436);
  EXPECT_NEAR(*age.rows[0].mean, 72.6667, 1e-4);
  EXPECT_DOUBLE_EQ(*age.rows[0].median, 70);
  EXPECT_DOUBLE_EQ(*age.rows[1].median, 63);
  EXPECT_EQ(age.rows[2].reason, disclosure::Reason::kBelowThreshold);
  EXPECT_FALSE(age.rows[2].mean);
  EXPECT_FALSE(age.rows[2].median);
  EXPECT_EQ(age.rows[3].reason, disclosure::Reason::kDominance);
  EXPECT_FALSE(age.rows[3].mean);
  EXPECT_FALSE(age.rows[3].answers);
  // The total's sum less the published rows' would give the hidden ones' away together: two
  // rows are hidden already, so the total may stay; whatever is hidden, at least two are.
  int hidden = age.total.reason == disclosure::Reason::kPublished ? 0 : 1;
  for (const NumberStatistic& row : age.rows) hidden += row.answers ? 0 : 1;
  EXPECT_GE(hidden, 2);
}

TEST(ComputeResults, ASingleHiddenNumberRowHidesAnotherOrTheTotal) {
  const std::vector<surveys::CountedQuestion> questions = {kAge};
  const std::vector<StructureCounts> counted = {
      Aged(1, {60, 70, 70, 80, 90, 66}), Aged(2, {61, 62, 63, 64, 65}), Aged(3, {70, 71}, 4)};
  const NumberResult age = ComputeResults(questions, counted, {}).value().numbers.at(0);
  EXPECT_FALSE(age.rows[2].answers);
  const bool another = !age.rows[0].answers || !age.rows[1].answers;
  EXPECT_TRUE(another || !age.total.answers);
  // The median of everyone, when published, is of the 13 ages together.
  if (age.total.answers) {
    EXPECT_EQ(*age.total.answers, 13);
    EXPECT_DOUBLE_EQ(*age.total.median, 66);
  }
}

TEST(CountWords, CountsEachWordOncePerAnswerWithoutFiguresOrShortWords) {
  surveys::AnswerTally tally;
  tally.texts = {{"/data/remarque", "Le bus, le BUS ! Appelez plus le 0612345678 ou M. Lé à 8h"}};
  CountWords(tally);
  const std::vector<std::pair<std::string, std::string>> expected = {{"/data/remarque", "appelez"},
                                                                     {"/data/remarque", "bus"}};
  EXPECT_EQ(tally.choices, expected);
}

TEST(ComputeResults, AFreeTextShowsTheWordsEnoughAnswersUsedMostUsedFirst) {
  const surveys::CountedQuestion remarque{
      "/data/remarque", "remarque", "Remarque", surveys::CountedKind::kText, {}};
  const std::vector<surveys::CountedQuestion> questions = {remarque};
  std::vector<StructureCounts> counted = {Counts(1, 10, 0), Counts(2, 8, 0), Counts(3, 2, 1)};
  // « bus »: 3 + 2 answers; « marche »: 4 + 4 + 1; « zerbib »: 1; centre 3 is left out.
  counted[0].counts.push_back({"/data/remarque", "bus", 3});
  counted[0].counts.push_back({"/data/remarque", "marche", 4});
  counted[0].counts.push_back({"/data/remarque", "zerbib", 1});
  counted[1].counts.push_back({"/data/remarque", "bus", 2});
  counted[1].counts.push_back({"/data/remarque", "marche", 4});
  counted[2].counts.push_back({"/data/remarque", "marche", 3});
  const Results results = ComputeResults(questions, counted, {}).value();
  ASSERT_EQ(results.texts.size(), 1u);
  const auto& words = results.texts[0].words;
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(words[0].word, "marche");
  EXPECT_EQ(words[0].answers, 8);  // the left-out centre's 3 do not count
  EXPECT_EQ(words[1].word, "bus");
  EXPECT_EQ(words[1].answers, 5);
}

}  // namespace
}  // namespace ensemble::app
