// The surveys store's answer counts on both backends: an answer adds one to its structure's
// counts and an edit takes its replaced answer's away; and, on PostgreSQL, row-level security
// lets a transaction acting for one structure reach another's counts only where that structure
// shares its survey answers with one of its collectives at least as aggregates, and never
// another structure's answers.
#include <gtest/gtest.h>

#include "storage/database.h"
#include "storage/sql/database.h"
#include "tests/support/store_test.h"

namespace ensemble::storage {
namespace {

using Choices = std::vector<std::pair<std::string, std::string>>;

class SurveysStoreTest : public test_support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    echo_ = AddStructure("Centre social ECHO");
    alma_ = AddStructure("Centre social Alma");
    fresnoy_ = AddStructure("Centre social Fresnoy Mackellerie");
    iciela_ = AddStructure("Association Iciela");
    person_ = Write([&](Transaction& tx) {
                return tx.Tenancy().InsertPerson({0, "Nadia Benali", "nadia@example.org"}, "h", 1);
              }).value();
    collective_ = Write([&](Transaction& tx) -> Result<CollectiveId> {
                    const auto id = ENSEMBLE_TRY(
                        tx.Tenancy().InsertCollective({0, "Bien Vieillir", "", echo_}, 1));
                    for (const StructureId member : {echo_, alma_, fresnoy_}) {
                      ENSEMBLE_TRY_STATUS(tx.Tenancy().AddMember(id, member, 1));
                    }
                    return id;
                  }).value();
    surveys::SurveyForm form;
    form.owner = echo_;
    form.collective = collective_;
    form.title = "Bien vieillir";
    form.xform_id = "bien_vieillir";
    surveys::FormVersion version;
    version.version = "1";
    version.source_format = surveys::SourceFormat::kCsv;
    version.source = "survey,type,name\n";
    version.xform = "<h:html/>";
    version.xform_md5 = std::string(32, '0');
    version.created_by = person_;
    form_ = Write([&](Transaction& tx) { return tx.Surveys().InsertForm(form, version, person_); },
                  Scope::ActingFor(echo_))
                .value();
  }

  // One answer of `structure` choosing `choice` at /data/seul, stored as its people store it.
  void Answer(StructureId structure, const std::string& choice, int delta = 1) {
    ASSERT_TRUE(Write(
                    [&](Transaction& tx) -> Status {
                      if (delta > 0) {
                        surveys::Submission s;
                        s.form = form_;
                        s.structure = structure;
                        s.instance_id = "uuid:" + std::to_string(++instances_);
                        s.submitted_at = 1;
                        s.xml = "<data><seul>" + choice + "</seul></data>";
                        ENSEMBLE_TRY(tx.Surveys().InsertSubmission(s));
                      }
                      // Every answer also says "75" at /data/age: one pair with /data/seul;
                      // and the number 2.5 at /data/personnes.
                      surveys::AnswerTally tally;
                      tally.choices = {{"/data/age", "75"}, {"/data/seul", choice}};
                      tally.pairs = {{"/data/age", "75", "/data/seul", choice, 1}};
                      tally.numbers = {{"/data/personnes", 250, 1}};
                      return tx.Surveys().AddAnswerCounts(form_, structure, tally, delta);
                    },
                    Scope::ActingFor(structure))
                    .has_value());
  }

  // What a transaction acting for `reader` finds of `owner`'s pair counts of age and seul:
  // "age choice/seul choice:answers".
  std::vector<std::string> PairsSeenBy(StructureId reader, StructureId owner) {
    auto tx = db_->Begin(TransactionMode::kRead, Scope::ActingFor(reader)).value();
    const std::vector<surveys::PairCount> pairs =
        Transaction(*tx).Surveys().PairCountsOf(form_, owner, "/data/age", "/data/seul").value();
    std::vector<std::string> seen;
    for (const surveys::PairCount& pair : pairs) {
      seen.push_back(pair.first_choice + "/" + pair.second_choice + ":" +
                     std::to_string(pair.answers));
    }
    return seen;
  }

  // What a transaction acting for `reader` finds of `owner`'s number counts:
  // "question=hundredths:answers".
  std::vector<std::string> NumbersSeenBy(StructureId reader, StructureId owner) {
    auto tx = db_->Begin(TransactionMode::kRead, Scope::ActingFor(reader)).value();
    const std::vector<surveys::NumberCount> numbers =
        Transaction(*tx).Surveys().NumberCountsOf(form_, owner).value();
    std::vector<std::string> seen;
    for (const surveys::NumberCount& number : numbers) {
      seen.push_back(number.question_path + "=" + std::to_string(number.hundredths) + ":" +
                     std::to_string(number.answers));
    }
    return seen;
  }

  // What a transaction acting for `reader` finds of `owner`'s counts: "question=choice:answers".
  std::vector<std::string> CountsSeenBy(StructureId reader, StructureId owner) {
    auto tx = db_->Begin(TransactionMode::kRead, Scope::ActingFor(reader)).value();
    const std::vector<surveys::AnswerCount> counts =
        Transaction(*tx).Surveys().AnswerCountsOf(form_, owner).value();
    std::vector<std::string> seen;
    for (const surveys::AnswerCount& count : counts) {
      seen.push_back(count.question_path + "=" + count.choice + ":" +
                     std::to_string(count.answers));
    }
    return seen;
  }

  std::int64_t AnswersSeenBy(StructureId reader, StructureId owner) {
    auto tx = db_->Begin(TransactionMode::kRead, Scope::ActingFor(reader)).value();
    return tx->QueryOne("SELECT count(*) FROM survey_submissions WHERE structure_id = ?", {owner})
        .value()
        ->Int(0);
  }

  void Shares(StructureId structure, tenancy::SharingLevel level) {
    ASSERT_TRUE(Write([&](Transaction& tx) {
                  return tx.Tenancy().UpsertSharingRule(
                      {structure, collective_, tenancy::RecordKind::kSurveyAnswers, level}, person_,
                      2);
                }).has_value());
  }

  StructureId echo_ = 0, alma_ = 0, fresnoy_ = 0, iciela_ = 0;
  tenancy::PersonId person_ = 0;
  CollectiveId collective_ = 0;
  surveys::FormId form_ = 0;
  int instances_ = 0;
};

using Seen = std::vector<std::string>;

TEST_P(SurveysStoreTest, AnAnswerCountsOnceAndAnEditTakesTheReplacedOneAway) {
  Answer(alma_, "oui");
  Answer(alma_, "oui");
  Answer(alma_, "non");
  EXPECT_EQ(CountsSeenBy(alma_, alma_),
            (Seen{"=:3", "/data/age=75:3", "/data/seul=non:1", "/data/seul=oui:2"}));
  EXPECT_EQ(PairsSeenBy(alma_, alma_), (Seen{"75/non:1", "75/oui:2"}));
  EXPECT_EQ(NumbersSeenBy(alma_, alma_), Seen{"/data/personnes=250:3"});
  // An edit of a « oui » into a « non »: the replaced answer leaves, the new one comes.
  Answer(alma_, "oui", -1);
  Answer(alma_, "non");
  EXPECT_EQ(CountsSeenBy(alma_, alma_),
            (Seen{"=:3", "/data/age=75:3", "/data/seul=non:2", "/data/seul=oui:1"}));
  EXPECT_EQ(PairsSeenBy(alma_, alma_), (Seen{"75/non:2", "75/oui:1"}));
  EXPECT_EQ(NumbersSeenBy(alma_, alma_), Seen{"/data/personnes=250:3"});
  // Taken away to none, a value is no longer listed.
  for (int i = 0; i < 3; ++i) Answer(alma_, "non", -1);
  EXPECT_EQ(NumbersSeenBy(alma_, alma_), Seen{});
}

TEST_P(SurveysStoreTest, OnPostgresqlAStructureReachesOnlyTheCountsOthersShareWithIt) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "SQLite has no row-level security";
  Answer(fresnoy_, "oui");
  Answer(fresnoy_, "non");
  const Seen fresnoys{"=:2", "/data/age=75:2", "/data/seul=non:1", "/data/seul=oui:1"};
  const Seen fresnoys_pairs{"75/non:1", "75/oui:1"};
  const Seen fresnoys_numbers{"/data/personnes=250:2"};
  // Nothing shared: ECHO, Alma and Iciela reach none of it; Fresnoy all of it.
  for (const StructureId reader : {echo_, alma_, iciela_}) {
    EXPECT_EQ(CountsSeenBy(reader, fresnoy_), Seen{}) << reader;
    EXPECT_EQ(PairsSeenBy(reader, fresnoy_), Seen{}) << reader;
    EXPECT_EQ(NumbersSeenBy(reader, fresnoy_), Seen{}) << reader;
  }
  EXPECT_EQ(NumbersSeenBy(fresnoy_, fresnoy_), fresnoys_numbers);
  EXPECT_EQ(CountsSeenBy(fresnoy_, fresnoy_), fresnoys);
  EXPECT_EQ(PairsSeenBy(fresnoy_, fresnoy_), fresnoys_pairs);
  // Private, then aggregates and up: the collective's members reach the counts and the pair
  // counts, never Iciela, and nobody but Fresnoy ever reaches its answers.
  Shares(fresnoy_, tenancy::SharingLevel::kPrivate);
  EXPECT_EQ(CountsSeenBy(alma_, fresnoy_), Seen{});
  EXPECT_EQ(PairsSeenBy(alma_, fresnoy_), Seen{});
  EXPECT_EQ(NumbersSeenBy(alma_, fresnoy_), Seen{});
  for (const auto level : {tenancy::SharingLevel::kAggregates, tenancy::SharingLevel::kFull}) {
    Shares(fresnoy_, level);
    EXPECT_EQ(CountsSeenBy(alma_, fresnoy_), fresnoys);
    EXPECT_EQ(CountsSeenBy(echo_, fresnoy_), fresnoys);
    EXPECT_EQ(CountsSeenBy(iciela_, fresnoy_), Seen{});
    EXPECT_EQ(PairsSeenBy(alma_, fresnoy_), fresnoys_pairs);
    EXPECT_EQ(NumbersSeenBy(alma_, fresnoy_), fresnoys_numbers);
    EXPECT_EQ(NumbersSeenBy(iciela_, fresnoy_), Seen{});
    EXPECT_EQ(PairsSeenBy(iciela_, fresnoy_), Seen{});
    EXPECT_EQ(AnswersSeenBy(alma_, fresnoy_), 0);
    EXPECT_EQ(AnswersSeenBy(echo_, fresnoy_), 0);
  }
  EXPECT_EQ(AnswersSeenBy(fresnoy_, fresnoy_), 2);
  // A reader never writes another structure's counts.
  const auto written = Write(
      [&](Transaction& tx) -> Status {
        surveys::AnswerTally tally;
        tally.choices = {{"/data/seul", "oui"}};
        return tx.Surveys().AddAnswerCounts(form_, fresnoy_, tally, 1);
      },
      Scope::ActingFor(alma_));
  EXPECT_FALSE(written.has_value());
  const auto paired = Write(
      [&](Transaction& tx) -> Status {
        return tx.Surveys().AddPairCounts(form_, fresnoy_,
                                          {{"/data/age", "75", "/data/seul", "oui", 1}});
      },
      Scope::ActingFor(alma_));
  EXPECT_FALSE(paired.has_value());
  const auto numbered = Write(
      [&](Transaction& tx) -> Status {
        return tx.Surveys().AddNumberCounts(form_, fresnoy_, {{"/data/personnes", 100, 1}});
      },
      Scope::ActingFor(alma_));
  EXPECT_FALSE(numbered.has_value());
  EXPECT_EQ(NumbersSeenBy(fresnoy_, fresnoy_), fresnoys_numbers);
  EXPECT_EQ(CountsSeenBy(fresnoy_, fresnoy_), fresnoys);
  EXPECT_EQ(PairsSeenBy(fresnoy_, fresnoy_), fresnoys_pairs);
}

INSTANTIATE_TEST_SUITE_P(Backends, SurveysStoreTest, testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace ensemble::storage
