#include "domain/surveys/counts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/surveys/xlsform.h"

namespace ensemble::surveys {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using Pairs = std::vector<std::pair<std::string, std::string>>;

Form Read(Rows survey, Rows choices, Rows settings) {
  Workbook book;
  book.sheets.push_back({"survey", std::move(survey)});
  book.sheets.push_back({"choices", std::move(choices)});
  book.sheets.push_back({"settings", std::move(settings)});
  XlsFormReading reading = ReadXlsForm(book);
  if (!reading.form) {
    ADD_FAILURE() << "the form was refused: " << reading.errors.front().message;
    return {};
  }
  return std::move(*reading.form);
}

// Choices, numbers and texts outside repeats count; the choice asked in a repeat does not.
const Form& Seniors() {
  static const Form form =
      Read({{"type", "name", "label::Français (fr)", "label::English (en)"},
            {"select_one oui_non", "seul", "Vivez-vous seul ?", "Do you live alone?"},
            {"begin group", "sante", "Santé", "Health"},
            {"select_one freq", "visites", "Visites du médecin", "Doctor's visits"},
            {"end group", "", "", ""},
            {"select_multiple aides", "aides", "Aides reçues", "Help received"},
            {"integer", "age", "Âge", "Age"},
            {"decimal", "loyer", "Loyer", "Rent"},
            {"text", "remarque", "Remarque", "Remark"},
            {"begin repeat", "enfants", "Enfants", "Children"},
            {"select_one oui_non", "proche", "Habite près ?", "Lives nearby?"},
            {"end repeat", "", "", ""}},
           {{"list_name", "name", "label::Français (fr)", "label::English (en)"},
            {"oui_non", "oui", "Oui", "Yes"},
            {"oui_non", "non", "Non", "No"},
            {"freq", "mois", "Chaque mois", "Monthly"},
            {"freq", "an", "Chaque année", "Yearly"},
            {"aides", "repas", "Repas", "Meals"},
            {"aides", "menage", "Ménage", "Cleaning"}},
           {{"form_id", "version", "default_language"}, {"seniors", "1", "Français (fr)"}});
  return form;
}

Instance MustRead(const std::string& body) {
  Result<Instance> read = ReadInstance(
      R"(<data id="seniors" version="1">)" + body +
      "<meta><instanceID>uuid:6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f</instanceID></meta></data>");
  if (!read) {
    ADD_FAILURE() << "refused: " << read.error().message;
    return {};
  }
  return std::move(*read);
}

TEST(CountedQuestions, AreTheChoicesNumbersAndTextsOutsideRepeatsWithTheirLabels) {
  const std::vector<CountedQuestion> questions = CountedQuestions(Seniors());
  ASSERT_EQ(questions.size(), 6u);
  EXPECT_EQ(questions[5].path, "/data/remarque");
  EXPECT_EQ(questions[5].kind, CountedKind::kText);
  EXPECT_EQ(questions[0].kind, CountedKind::kSingle);
  EXPECT_EQ(questions[0].path, "/data/seul");
  EXPECT_EQ(questions[0].label, "Vivez-vous seul ?");
  ASSERT_EQ(questions[0].choices.size(), 2u);
  EXPECT_EQ(questions[0].choices[1].name, "non");
  EXPECT_EQ(questions[0].choices[1].label, "Non");
  EXPECT_EQ(questions[1].path, "/data/sante/visites");
  EXPECT_EQ(questions[1].choices[0].label, "Chaque mois");
  EXPECT_EQ(questions[2].path, "/data/aides");
  EXPECT_EQ(questions[2].kind, CountedKind::kMultiple);
  ASSERT_EQ(questions[2].choices.size(), 2u);
  EXPECT_EQ(questions[3].kind, CountedKind::kNumber);
  EXPECT_EQ(questions[3].label, "Âge");
  EXPECT_TRUE(questions[3].choices.empty());
  EXPECT_EQ(questions[4].path, "/data/loyer");
}

TEST(TallyAnswer, IsWhatOneAnswerAddsAndNothingElse) {
  const Instance answer = MustRead(
      "<seul>non</seul><sante><visites>an</visites></sante><aides>repas menage repas</aides>"
      "<age>72</age><loyer>412.5</loyer>"
      "<remarque>Rien</remarque><enfants><proche>oui</proche></enfants>");
  const AnswerTally tally = TallyAnswer(Seniors(), answer);
  // Each choice of the multiple choice once; the pairs only of the single choices.
  EXPECT_EQ(tally.choices, (Pairs{{"/data/seul", "non"},
                                  {"/data/sante/visites", "an"},
                                  {"/data/aides", "repas"},
                                  {"/data/aides", "menage"}}));
  ASSERT_EQ(tally.pairs.size(), 1u);
  EXPECT_EQ(tally.pairs[0].first_path, "/data/sante/visites");
  EXPECT_EQ(tally.numbers,
            (std::vector<NumberCount>{{"/data/age", 7200, 1}, {"/data/loyer", 41250, 1}}));
  // Unanswered (empty or absent) questions add nothing; a negative number is left out.
  const AnswerTally empty = TallyAnswer(Seniors(), MustRead("<seul/><aides/><loyer>-3</loyer>"));
  EXPECT_EQ(empty.choices, Pairs{});
  EXPECT_TRUE(empty.pairs.empty());
  EXPECT_TRUE(empty.numbers.empty());
}

// The month counts as a single choice of its own, paired with the answer's single choices.
TEST(TallyAnswer, CountsTheMonthAsASingleChoice) {
  const AnswerTally tally = TallyAnswer(Seniors(), MustRead("<seul>oui</seul>"), "2026-10");
  EXPECT_EQ(tally.choices, (Pairs{{"/data/seul", "oui"}, {std::string(kMonthPath), "2026-10"}}));
  ASSERT_EQ(tally.pairs.size(), 1u);
  EXPECT_EQ(tally.pairs[0].first_path, kMonthPath);
  EXPECT_EQ(tally.pairs[0].second_choice, "oui");
}

TEST(HundredthsOf, RoundsToTwoDecimalsAndRefusesWhatIsNotANumber) {
  EXPECT_EQ(HundredthsOf("72"), 7200);
  EXPECT_EQ(HundredthsOf("0.125"), 13);
  EXPECT_EQ(HundredthsOf("-1.5"), -150);
  EXPECT_EQ(HundredthsOf("1e3"), 100000);
  EXPECT_EQ(HundredthsOf(""), std::nullopt);
  EXPECT_EQ(HundredthsOf("12abc"), std::nullopt);
  EXPECT_EQ(HundredthsOf("nan"), std::nullopt);
  EXPECT_EQ(HundredthsOf("1e300"), std::nullopt);
}

// Each pair once, the question whose path sorts first first, whatever the order given.
TEST(CountedPairs, AreEachPairOfTheAnswersChoicesOnce) {
  const auto pairs =
      CountedPairs({{"/data/seul", "non"}, {"/data/sante/visites", "an"}, {"/data/age", "75"}});
  ASSERT_EQ(pairs.size(), 3u);
  const auto as_text = [](const PairCount& p) {
    return p.first_path + "=" + p.first_choice + " " + p.second_path + "=" + p.second_choice + " " +
           std::to_string(p.answers);
  };
  EXPECT_EQ(as_text(pairs[0]), "/data/age=75 /data/sante/visites=an 1");
  EXPECT_EQ(as_text(pairs[1]), "/data/age=75 /data/seul=non 1");
  EXPECT_EQ(as_text(pairs[2]), "/data/sante/visites=an /data/seul=non 1");
  EXPECT_TRUE(CountedPairs({{"/data/seul", "non"}}).empty());
  EXPECT_TRUE(CountedPairs({}).empty());
}

}  // namespace
}  // namespace ensemble::surveys
