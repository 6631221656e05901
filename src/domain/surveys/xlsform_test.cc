#include "domain/surveys/xlsform.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ensemble::surveys {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Workbook Book(Rows survey, Rows choices = {}, Rows settings = {}) {
  Workbook book;
  book.sheets.push_back({"survey", std::move(survey)});
  if (!choices.empty()) book.sheets.push_back({"choices", std::move(choices)});
  if (!settings.empty()) book.sheets.push_back({"settings", std::move(settings)});
  return book;
}

const Rows kYesNo = {
    {"list_name", "name", "label"}, {"oui_non", "oui", "Oui"}, {"oui_non", "non", "Non"}};

// The one error of a reading, or a failure naming what was read instead.
Problem OnlyError(const XlsFormReading& reading) {
  EXPECT_EQ(reading.errors.size(), 1u);
  EXPECT_FALSE(reading.form.has_value());
  if (reading.errors.empty()) return {};
  return reading.errors.front();
}

void ExpectError(const XlsFormReading& reading, const std::string& sheet, std::size_t row,
                 const std::string& column, const std::string& id) {
  const Problem problem = OnlyError(reading);
  EXPECT_EQ(problem.sheet, sheet);
  EXPECT_EQ(problem.row, row);
  EXPECT_EQ(problem.column, column);
  EXPECT_EQ(problem.message.id, id) << problem.message;
}

TEST(XlsForm, ReadsQuestionsGroupsRepeatsAndChoicesInTheirOrder) {
  const XlsFormReading reading = ReadXlsForm(Book(
      {{"type", "name", "label", "required", "relevant"},
       {"text", "prenom", "Prénom", "yes", ""},
       {"begin group", "foyer", "Le foyer", "", ""},
       {"integer", "taille", "Personnes au foyer", "", ""},
       {"begin repeat", "membre", "Membre", "", "${taille} > 1"},
       {"select_one oui_non", "aidant", "Aidant ?", "", ""},
       {"end repeat", "", "", "", ""},
       {"end group", "", "", "", ""}},
      kYesNo, {{"form_title", "form_id", "version"}, {"Bien vieillir", "bien_vieillir", "3"}}));
  ASSERT_TRUE(reading.form) << (reading.errors.empty() ? Message{} : reading.errors[0].message);
  const Form& form = *reading.form;
  EXPECT_EQ(form.settings.form_id, "bien_vieillir");
  EXPECT_EQ(form.settings.version, "3");
  ASSERT_EQ(form.survey.size(), 2u);
  EXPECT_EQ(form.survey[0].required, "true()");
  EXPECT_EQ(form.survey[0].label.at(""), "Prénom");
  const Node& group = form.survey[1];
  EXPECT_EQ(group.kind, NodeKind::kGroup);
  ASSERT_EQ(group.children.size(), 2u);
  const Node& repeat = group.children[1];
  EXPECT_EQ(repeat.kind, NodeKind::kRepeat);
  EXPECT_EQ(repeat.relevant, "${taille} > 1");
  ASSERT_EQ(repeat.children.size(), 1u);
  EXPECT_EQ(repeat.children[0].type, QuestionType::kSelectOne);
  EXPECT_EQ(repeat.children[0].list_name, "oui_non");
  EXPECT_EQ(repeat.children[0].row, 6u);
  ASSERT_EQ(form.choices.size(), 1u);
  EXPECT_EQ(form.choices[0].choices.size(), 2u);
  const auto located = Locate(form);
  ASSERT_EQ(located.size(), 5u);
  EXPECT_EQ(located[4].path, "/data/foyer/membre/aidant");
  EXPECT_EQ(located[4].repeat_path, "/data/foyer/membre");
}

TEST(XlsForm, ReadsLanguagesFromTheColumnsAndMediaByLanguage) {
  const XlsFormReading reading = ReadXlsForm(
      Book({{"type", "name", "label::Français (fr)", "label::English (en)", "hint::Français (fr)",
             "media::image::Français (fr)", "constraint_message::English (en)", "constraint"},
            {"integer", "age", "Âge", "Age", "En années", "age.png", "Too old", ". < 130"}}));
  ASSERT_TRUE(reading.form);
  const Node& age = reading.form->survey[0];
  EXPECT_EQ(reading.form->languages, (std::vector<std::string>{"Français (fr)", "English (en)"}));
  EXPECT_EQ(age.label.at("English (en)"), "Age");
  EXPECT_EQ(age.media.at("image").at("Français (fr)"), "age.png");
  EXPECT_EQ(age.constraint_message.at("English (en)"), "Too old");
}

TEST(XlsForm, AcceptsTheOlderSpellingsOfTypesAndColumns) {
  const XlsFormReading reading =
      ReadXlsForm(Book({{"Type", "Name", "Label", "jr:constraintMsg", "Constraint", "calculate"},
                        {"select one oui_non", "a", "A", "", "", ""},
                        {"select all that apply oui_non", "b", "B", "", "", ""},
                        {"begin_group", "g", "G", "", "", ""},
                        {"int", "n", "N", "Trop grand", ". < 10", ""},
                        {"end_group", "", "", "", "", ""},
                        {"calculate", "double", "", "", "", "${n} * 2"}},
                       kYesNo));
  ASSERT_TRUE(reading.form) << reading.errors.size();
  const Form& form = *reading.form;
  EXPECT_EQ(form.survey[0].type, QuestionType::kSelectOne);
  EXPECT_EQ(form.survey[1].type, QuestionType::kSelectMultiple);
  EXPECT_EQ(form.survey[2].children[0].type, QuestionType::kInteger);
  EXPECT_EQ(form.survey[2].children[0].constraint_message.at(""), "Trop grand");
  EXPECT_EQ(form.survey[3].calculation, "${n} * 2");
}

TEST(XlsForm, WarnsAboutWhatItIgnores) {
  const XlsFormReading reading = ReadXlsForm(Book({{"type", "name", "label", "couleur"},
                                                   {"text", "a", "A", "rouge"},
                                                   {"integer", "b", "", ""}}));
  ASSERT_TRUE(reading.form);
  ASSERT_EQ(reading.warnings.size(), 2u);
  EXPECT_EQ(reading.warnings[0].message.id, "surveys.xlsform.column_ignored");
  EXPECT_EQ(reading.warnings[0].column, "couleur");
  EXPECT_EQ(reading.warnings[1].message.id, "surveys.xlsform.question_without_label");
  EXPECT_EQ(reading.warnings[1].row, 3u);
}

TEST(XlsForm, RefusesAWorkbookWithoutASurveySheet) {
  Workbook book;
  book.sheets.push_back({"Feuil1", {{"type", "name"}, {"text", "a"}}});
  const XlsFormReading reading = ReadXlsForm(book);
  ASSERT_FALSE(reading.form);
  ASSERT_FALSE(reading.errors.empty());
  EXPECT_EQ(reading.errors[0].message.id, "surveys.xlsform.no_survey_sheet");
}

TEST(XlsForm, RefusesAnUnknownTypeWhereItIs) {
  ExpectError(
      ReadXlsForm(Book({{"type", "name", "label"}, {"text", "a", "A"}, {"texte", "b", "B"}})),
      "survey", 3, "type", "surveys.xlsform.unknown_type");
}

TEST(XlsForm, RefusesOrOtherAndSelectsFromFilesClearly) {
  ExpectError(ReadXlsForm(Book(
                  {{"type", "name", "label"}, {"select_one oui_non or_other", "a", "A"}}, kYesNo)),
              "survey", 2, "type", "surveys.xlsform.or_other_unsupported");
  ExpectError(ReadXlsForm(Book(
                  {{"type", "name", "label"}, {"select_one_from_file communes.csv", "a", "A"}})),
              "survey", 2, "type", "surveys.xlsform.from_file_unsupported");
}

TEST(XlsForm, RefusesADuplicateNameAmongSiblings) {
  ExpectError(ReadXlsForm(Book({{"type", "name", "label"},
                                {"text", "nom", "Nom"},
                                {"integer", "age", "Âge"},
                                {"text", "nom", "Nom encore"}})),
              "survey", 4, "name", "surveys.xlsform.duplicate_name");
}

TEST(XlsForm, AllowsTheSameNameInTwoGroupsUntilAReferenceMakesItAmbiguous) {
  const Rows survey = {{"type", "name", "label", "relevant"},
                       {"begin group", "mere", "Mère", ""},
                       {"integer", "age", "Âge", ""},
                       {"end group", "", "", ""},
                       {"begin group", "pere", "Père", ""},
                       {"integer", "age", "Âge", ""},
                       {"end group", "", "", ""},
                       {"note", "fin", "Fin", ""}};
  EXPECT_TRUE(ReadXlsForm(Book(survey)).form);
  Rows ambiguous = survey;
  ambiguous[7][3] = "${age} > 60";
  ExpectError(ReadXlsForm(Book(ambiguous)), "survey", 8, "relevant",
              "surveys.xlsform.ambiguous_reference");
}

TEST(XlsForm, RefusesAReferenceToAnUnknownField) {
  ExpectError(ReadXlsForm(Book({{"type", "name", "label", "relevant"},
                                {"integer", "age", "Âge", ""},
                                {"text", "metier", "Métier", "${agee} < 65"}})),
              "survey", 3, "relevant", "surveys.xlsform.unknown_reference");
  // In a label too, where it would print nothing.
  ExpectError(ReadXlsForm(Book({{"type", "name", "label"}, {"note", "bonjour", "Bonjour ${nom}"}})),
              "survey", 2, "label", "surveys.xlsform.unknown_reference");
}

TEST(XlsForm, RefusesAnUnknownChoiceList) {
  ExpectError(
      ReadXlsForm(Book({{"type", "name", "label"}, {"select_one genre", "g", "Genre"}}, kYesNo)),
      "survey", 2, "type", "surveys.xlsform.unknown_list");
  // And a select without its list.
  ExpectError(ReadXlsForm(Book({{"type", "name", "label"}, {"select_one", "g", "Genre"}}, kYesNo)),
              "survey", 2, "type", "surveys.xlsform.missing_list");
}

TEST(XlsForm, RefusesADuplicateChoiceUnlessTheSettingsAllowIt) {
  Rows choices = kYesNo;
  choices.push_back({"oui_non", "oui", "Oui encore"});
  const Rows survey = {{"type", "name", "label"}, {"select_one oui_non", "a", "A"}};
  ExpectError(ReadXlsForm(Book(survey, choices)), "choices", 4, "name",
              "surveys.xlsform.duplicate_choice");
  EXPECT_TRUE(ReadXlsForm(Book(survey, choices, {{"allow_choice_duplicates"}, {"yes"}})).form);
}

TEST(XlsForm, RefusesACyclicCalculationNamingTheCycle) {
  const XlsFormReading reading = ReadXlsForm(Book({{"type", "name", "calculation"},
                                                   {"calculate", "a", "${c} + 1"},
                                                   {"calculate", "b", "${a} + 1"},
                                                   {"calculate", "c", "${b} + 1"}}));
  const Problem problem = OnlyError(reading);
  EXPECT_EQ(problem.message.id, "surveys.xlsform.cyclic_calculation");
  EXPECT_EQ(problem.column, "calculation");
  const auto* cycle = problem.message.Find("cycle");
  ASSERT_NE(cycle, nullptr);
  EXPECT_EQ(std::get<std::string>(*cycle), "a → c → b → a");
  // A calculation that reads itself is a cycle of one.
  ExpectError(ReadXlsForm(Book({{"type", "name", "calculation"}, {"calculate", "a", "${a} + 1"}})),
              "survey", 2, "calculation", "surveys.xlsform.cyclic_calculation");
}

TEST(XlsForm, RefusesUnbalancedGroupsAtTheRowThatBreaksThem) {
  ExpectError(
      ReadXlsForm(Book({{"type", "name", "label"}, {"text", "a", "A"}, {"end group", "", ""}})),
      "survey", 3, "type", "surveys.xlsform.end_group_without_begin");
  ExpectError(
      ReadXlsForm(Book({{"type", "name", "label"}, {"begin group", "g", "G"}, {"text", "a", "A"}})),
      "survey", 2, "type", "surveys.xlsform.unclosed_group");
  ExpectError(ReadXlsForm(Book({{"type", "name", "label"},
                                {"begin repeat", "r", "R"},
                                {"text", "a", "A"},
                                {"end group", "", ""},
                                {"end repeat", "", ""}})),
              "survey", 4, "type", "surveys.xlsform.end_group_closes_repeat");
}

TEST(XlsForm, RefusesNamesThatAreNotXmlNames) {
  ExpectError(ReadXlsForm(Book({{"type", "name", "label"}, {"text", "2e_prenom", "A"}})), "survey",
              2, "name", "surveys.xlsform.bad_name");
  ExpectError(ReadXlsForm(Book({{"type", "name", "label"}, {"text", "nom de famille", "A"}})),
              "survey", 2, "name", "surveys.xlsform.bad_name");
  ExpectError(ReadXlsForm(Book({{"type", "name", "label"}, {"text", "", "A"}})), "survey", 2,
              "name", "surveys.xlsform.missing_name");
}

TEST(XlsForm, AcceptsNamesInAnyScriptButNotBytesOutsideUtf8) {
  EXPECT_TRUE(ReadXlsForm(Book({{"type", "name", "label"}, {"text", "âge_déclaré", "Âge"}})).form);
  ExpectError(ReadXlsForm(Book(
                  {{"type", "name", "label"}, {"text", "ok", "OK"}, {"text", "\x8e\xfbR", "A"}})),
              "survey", 3, "name", "surveys.xlsform.bad_text");
  ExpectError(ReadXlsForm(Book({{"type", "name", "label"},
                                {"text", "ok", "OK"},
                                {"text", "a", std::string("A\0B", 3)}})),
              "survey", 3, "label", "surveys.xlsform.bad_text");
  ExpectError(
      ReadXlsForm(Book({{"type", "name", "label"}, {"text", "a·b", "A"}, {"text", "·a", "B"}})),
      "survey", 3, "name", "surveys.xlsform.bad_name");
}

TEST(XlsForm, RefusesACalculateWithoutItsCalculation) {
  ExpectError(ReadXlsForm(Book({{"type", "name", "label"}, {"calculate", "total", ""}})), "survey",
              2, "calculation", "surveys.xlsform.calculate_without_calculation");
}

TEST(XlsForm, ListsEveryErrorOfTheFileUpToTheLimit) {
  Rows survey = {{"type", "name", "label"}};
  for (int i = 0; i < 50; ++i) survey.push_back({"texte", "q" + std::to_string(i), "Q"});
  XlsFormLimits limits;
  limits.max_errors = 10;
  const XlsFormReading reading = ReadXlsForm(Book(survey), limits);
  EXPECT_EQ(reading.errors.size(), 10u);
  EXPECT_EQ(reading.errors[9].row, 11u);
}

TEST(XlsForm, BoundsTheQuestionsOfOneUpload) {
  Rows survey = {{"type", "name", "label"}};
  for (int i = 0; i < 30; ++i) survey.push_back({"text", "q" + std::to_string(i), "Q"});
  XlsFormLimits limits;
  limits.max_questions = 20;
  ExpectError(ReadXlsForm(Book(survey), limits), "survey", 22, "",
              "surveys.xlsform.too_many_questions");
}

TEST(XlsForm, ReferencesAreListedOnceInOrder) {
  EXPECT_EQ(ReferencesIn("${a} + ${b} - ${a}"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ReferencesIn("no reference"), std::vector<std::string>{});
  EXPECT_EQ(ReferencesIn("${open"), std::vector<std::string>{"open"});
}

}  // namespace
}  // namespace ensemble::surveys
