#include "app/surveys/results.h"

#include <gtest/gtest.h>

namespace ensemble::app {
namespace {

const std::vector<surveys::CountedQuestion> kSeul = {
    {"/data/seul", "seul", "Vivez-vous seul ?", {{"oui", "Oui"}, {"non", "Non"}}}};

StructureCounts Counts(tenancy::StructureId id, std::int64_t oui, std::int64_t non,
                       std::int64_t unanswered = 0, std::string commune = "59512") {
  std::string name = commune.empty() ? "" : "commune " + commune;
  return {
      id,
      "centre " + std::to_string(id),
      {{"", "", oui + non + unanswered}, {"/data/seul", "oui", oui}, {"/data/seul", "non", non}},
      std::move(commune),
      std::move(name)};
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

}  // namespace
}  // namespace ensemble::app
