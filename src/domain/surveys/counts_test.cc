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

// Single choices outside repeats count; the multiple choice, the text and the choice asked in a
// repeat do not.
const Form& Seniors() {
  static const Form form =
      Read({{"type", "name", "label::Français (fr)", "label::English (en)"},
            {"select_one oui_non", "seul", "Vivez-vous seul ?", "Do you live alone?"},
            {"begin group", "sante", "Santé", "Health"},
            {"select_one freq", "visites", "Visites du médecin", "Doctor's visits"},
            {"end group", "", "", ""},
            {"select_multiple aides", "aides", "Aides reçues", "Help received"},
            {"text", "remarque", "Remarque", "Remark"},
            {"begin repeat", "enfants", "Enfants", "Children"},
            {"select_one oui_non", "proche", "Habite près ?", "Lives nearby?"},
            {"end repeat", "", "", ""}},
           {{"list_name", "name", "label::Français (fr)", "label::English (en)"},
            {"oui_non", "oui", "Oui", "Yes"},
            {"oui_non", "non", "Non", "No"},
            {"freq", "mois", "Chaque mois", "Monthly"},
            {"freq", "an", "Chaque année", "Yearly"},
            {"aides", "repas", "Repas", "Meals"}},
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

TEST(CountedQuestions, AreTheSingleChoicesOutsideRepeatsWithTheirLabels) {
  const std::vector<CountedQuestion> questions = CountedQuestions(Seniors());
  ASSERT_EQ(questions.size(), 2u);
  EXPECT_EQ(questions[0].path, "/data/seul");
  EXPECT_EQ(questions[0].label, "Vivez-vous seul ?");
  ASSERT_EQ(questions[0].choices.size(), 2u);
  EXPECT_EQ(questions[0].choices[1].name, "non");
  EXPECT_EQ(questions[0].choices[1].label, "Non");
  EXPECT_EQ(questions[1].path, "/data/sante/visites");
  EXPECT_EQ(questions[1].choices[0].label, "Chaque mois");
}

TEST(CountedChoices, AreWhatOneAnswerAddsAndNothingElse) {
  const Instance answer = MustRead(
      "<seul>non</seul><sante><visites>an</visites></sante><aides>repas</aides>"
      "<remarque>Rien</remarque><enfants><proche>oui</proche></enfants>");
  EXPECT_EQ(CountedChoices(Seniors(), answer),
            (Pairs{{"/data/seul", "non"}, {"/data/sante/visites", "an"}}));
  // Unanswered (empty or absent) questions add nothing.
  EXPECT_EQ(CountedChoices(Seniors(), MustRead("<seul/>")), Pairs{});
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
