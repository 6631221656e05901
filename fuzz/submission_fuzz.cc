// The reading and checking of a submitted instance (the XML that ODK Collect, Enketo and our
// pages post) against a form that holds every kind of question, groups and repeats. Beside not
// crashing: an instance read is written and read back the same; tighter limits never accept what
// looser ones refuse; each finding is a surveys.submission.* message; every attachment the
// checking lists is a plain file name; each flattened answer is a question of the form; what the
// answer adds to its structure's counts holds only counted questions: each choice once, pairs of
// two single choices, numbers not below zero and of number questions.
#include <map>
#include <set>
#include <string>

#include "core/workbook.h"
#include "domain/surveys/counts.h"
#include "domain/surveys/submission.h"
#include "domain/surveys/xlsform.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {
namespace {

const surveys::Form& TheForm() {
  static const surveys::Form form = [] {
    Workbook book;
    book.sheets.push_back(
        {"survey",
         {{"type", "name", "label", "required", "relevant", "constraint", "parameters"},
          {"text", "prenom", "Prénom", "yes", "", "regex(., '^[A-ZÀ-Ÿ][a-zà-ÿ-]+$')", ""},
          {"integer", "age", "Âge", "yes", "", ". >= 60 and . < 120", ""},
          {"decimal", "revenu", "Revenu", "", "", ". >= 0 or . = -1", ""},
          {"date", "naissance", "Naissance", "", "", "", ""},
          {"time", "heure", "Heure", "", "", "", ""},
          {"dateTime", "rdv", "Rendez-vous", "", "", "", ""},
          {"select_one oui_non", "seul", "Seul ?", "yes", "", "", ""},
          {"select_multiple aides", "aides", "Aides", "", "", "", ""},
          {"rank aides", "priorites", "Priorités", "", "", "", ""},
          {"range", "note", "Note", "", "", "", "start=0 end=10 step=0.5"},
          {"acknowledge", "accord", "Accord", "", "", "", ""},
          {"note", "merci", "Merci", "", "", "", ""},
          {"geopoint", "point", "Point", "", "", "", ""},
          {"geotrace", "trace", "Trace", "", "", "", ""},
          {"geoshape", "zone", "Zone", "", "", "", ""},
          {"image", "photo", "Photo", "", "", "", ""},
          {"audit", "audit", "", "", "", "", ""},
          {"begin_group", "foyer", "Foyer", "", "${seul} = 'non'", "", ""},
          {"integer", "personnes", "Personnes", "yes", "", "", ""},
          {"end_group", "", "", "", "", "", ""},
          {"begin_repeat", "aidant", "Aidant", "", "", "", ""},
          {"text", "lien", "Lien", "yes", "", "", ""},
          {"begin_repeat", "visite", "Visite", "", "", "", ""},
          {"date", "jour", "Jour", "", "", "", ""},
          {"end_repeat", "", "", "", "", "", ""},
          {"end_repeat", "", "", "", "", "", ""}}});
    book.sheets.push_back({"choices",
                           {{"list_name", "name", "label"},
                            {"oui_non", "oui", "Oui"},
                            {"oui_non", "non", "Non"},
                            {"aides", "repas", "Repas"},
                            {"aides", "soins", "Soins"}}});
    book.sheets.push_back({"settings", {{"form_id", "version"}, {"seniors", "1"}}});
    surveys::XlsFormReading reading = surveys::ReadXlsForm(book);
    if (!reading.form) PropertyFailed("the fuzz target's form reads", __FILE__, __LINE__);
    return std::move(*reading.form);
  }();
  return form;
}

bool IsPlainFileName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of("/\\") == std::string::npos;
}

}  // namespace

void FuzzSubmission(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  surveys::InstanceLimits limits;
  limits.max_elements = 2000;
  limits.max_depth = 20;
  limits.max_value_bytes = 4096;
  const Result<surveys::Instance> read = surveys::ReadInstance(xml, limits);
  surveys::InstanceLimits tighter = limits;
  tighter.max_elements = 50;
  tighter.max_depth = 6;
  tighter.max_value_bytes = 64;
  const Result<surveys::Instance> tight = surveys::ReadInstance(xml, tighter);
  ENSEMBLE_FUZZ_CHECK(read.has_value() || !tight.has_value());
  if (!read) {
    ENSEMBLE_FUZZ_CHECK(read.error().message.id.starts_with("surveys.submission."));
    return;
  }
  ENSEMBLE_FUZZ_CHECK(surveys::IsInstanceId(read->instance_id));
  const std::string written = surveys::WriteInstance(*read);
  const Result<surveys::Instance> again = surveys::ReadInstance(written, limits);
  ENSEMBLE_FUZZ_CHECK(again.has_value());
  ENSEMBLE_FUZZ_CHECK(*again == *read);

  const surveys::InstanceCheck check = surveys::CheckInstance(TheForm(), *read);
  for (const auto* findings : {&check.violations, &check.unchecked}) {
    for (const surveys::Violation& violation : *findings) {
      ENSEMBLE_FUZZ_CHECK(violation.message.id.starts_with("surveys.submission."));
    }
  }
  for (const std::string& name : check.attachments) ENSEMBLE_FUZZ_CHECK(IsPlainFileName(name));
  for (const surveys::FlatAnswer& answer : surveys::Flatten(TheForm(), *read)) {
    ENSEMBLE_FUZZ_CHECK(answer.question != nullptr);
    ENSEMBLE_FUZZ_CHECK(answer.question_path.starts_with("/data/"));
    ENSEMBLE_FUZZ_CHECK(answer.question_path.ends_with("/" + answer.question->name));
  }

  std::map<std::string, surveys::CountedKind> kinds;
  for (const surveys::CountedQuestion& question : surveys::CountedQuestions(TheForm())) {
    kinds.emplace(question.path, question.kind);
  }
  const surveys::AnswerTally tally = surveys::TallyAnswer(TheForm(), *read);
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& [path, choice] : tally.choices) {
    ENSEMBLE_FUZZ_CHECK(kinds.contains(path) && kinds.at(path) != surveys::CountedKind::kNumber);
    ENSEMBLE_FUZZ_CHECK(!choice.empty());
    if (kinds.at(path) == surveys::CountedKind::kMultiple) {
      ENSEMBLE_FUZZ_CHECK(choice.find_first_of(" \t\r\n") == std::string::npos);
    }
    ENSEMBLE_FUZZ_CHECK(seen.insert({path, choice}).second);
  }
  for (const surveys::PairCount& pair : tally.pairs) {
    ENSEMBLE_FUZZ_CHECK(pair.first_path < pair.second_path);
    for (const std::string* path : {&pair.first_path, &pair.second_path}) {
      ENSEMBLE_FUZZ_CHECK(kinds.contains(*path) &&
                          kinds.at(*path) == surveys::CountedKind::kSingle);
    }
  }
  for (const surveys::NumberCount& number : tally.numbers) {
    ENSEMBLE_FUZZ_CHECK(kinds.contains(number.question_path) &&
                        kinds.at(number.question_path) == surveys::CountedKind::kNumber);
    ENSEMBLE_FUZZ_CHECK(number.hundredths >= 0 && number.answers == 1);
  }
}

}  // namespace ensemble::fuzz
