#include "domain/surveys/submission.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/surveys/xlsform.h"

namespace ensemble::surveys {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Form Read(Rows survey, Rows choices = {}, Rows settings = {}) {
  Workbook book;
  book.sheets.push_back({"survey", std::move(survey)});
  if (!choices.empty()) book.sheets.push_back({"choices", std::move(choices)});
  if (!settings.empty()) book.sheets.push_back({"settings", std::move(settings)});
  XlsFormReading reading = ReadXlsForm(book);
  if (!reading.form) {
    ADD_FAILURE() << "the form was refused: " << reading.errors.front().message << " at row "
                  << reading.errors.front().row;
    return {};
  }
  return std::move(*reading.form);
}

constexpr const char* kId = "uuid:6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f";

// An instance of the form "seniors" version 2026-01 holding `body`, as ODK Collect writes one.
std::string Submission(const std::string& body, const std::string& root = "data",
                       const std::string& attributes = R"( id="seniors" version="2026-01")") {
  return "<?xml version='1.0' ?><" + root + attributes +
         R"( xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">)" +
         body + "<meta><instanceID>" + kId + "</instanceID></meta></" + root + ">";
}

Instance MustRead(const std::string& xml) {
  Result<Instance> read = ReadInstance(xml);
  if (!read) {
    ADD_FAILURE() << "refused: " << read.error().message << " " << read.error().field << "\n"
                  << xml;
    return {};
  }
  return std::move(*read);
}

const Rows kChoices = {{"list_name", "name", "label"},
                       {"oui_non", "oui", "Oui"},
                       {"oui_non", "non", "Non"},
                       {"aides", "repas", "Portage de repas"},
                       {"aides", "menage", "Aide ménagère"},
                       {"aides", "soins", "Soins infirmiers"}};
const Rows kSettings = {{"form_id", "version"}, {"seniors", "2026-01"}};

// The message ids of the violations, in order.
std::vector<std::string> Ids(const std::vector<Violation>& violations) {
  std::vector<std::string> ids;
  for (const Violation& violation : violations) ids.push_back(violation.message.id);
  return ids;
}

std::vector<std::string> Paths(const std::vector<Violation>& violations) {
  std::vector<std::string> paths;
  for (const Violation& violation : violations) paths.push_back(violation.path);
  return paths;
}

// --- reading ---------------------------------------------------------------------------------

TEST(ReadInstance, ReadsTheTreeTheAttributesAndTheMeta) {
  const Instance instance = MustRead(
      "<?xml version='1.0' ?>\n<data id=\"seniors\" version=\"2026-01\">\n  <prenom>Jeanne "
      "&amp; Paul</prenom>\n  <nom> </nom>\n  <foyer>\n    <age>82</age>\n  </foyer>\n"
      "  <meta><instanceID>" +
      std::string(kId) +
      "</instanceID><instanceName>Visite à Fives</instanceName>"
      "<deprecatedID>uuid:00000000-0000-4000-8000-000000000000</deprecatedID></meta>\n</data>");
  EXPECT_EQ(instance.form_id, "seniors");
  EXPECT_EQ(instance.version, "2026-01");
  EXPECT_EQ(instance.instance_id, kId);
  EXPECT_EQ(instance.instance_name, "Visite à Fives");
  EXPECT_EQ(instance.deprecated_id, "uuid:00000000-0000-4000-8000-000000000000");
  EXPECT_FALSE(instance.encrypted);
  ASSERT_EQ(instance.root.children.size(), 4u);
  EXPECT_EQ(instance.root.name, "data");
  EXPECT_EQ(instance.root.text, "");  // Indentation is not a value.
  EXPECT_EQ(instance.root.children[0].text, "Jeanne & Paul");
  EXPECT_EQ(instance.root.children[1].text, " ");  // A value of spaces is kept as written.
  ASSERT_EQ(instance.root.children[2].children.size(), 1u);
  EXPECT_EQ(instance.root.children[2].children[0].name, "age");
  EXPECT_EQ(instance.root.children[2].children[0].text, "82");
}

TEST(ReadInstance, ReadsBackWhatItWrites) {
  const Instance instance = MustRead(
      Submission("<nom>&lt;O&apos;Brien &amp; fils&gt; \"dit\"\tdeux\nlignes&#13;</nom><vide/>"
                 "<aidant><heures>3</heures></aidant><aidant><heures>4</heures></aidant>"));
  const std::string written = WriteInstance(instance);
  EXPECT_EQ(MustRead(written), instance) << written;
  EXPECT_EQ(instance.root.children[0].text, "<O'Brien & fils> \"dit\"\tdeux\nlignes\r");
}

TEST(ReadInstance, ReadsAnEncryptedSubmissionAsOdkCollectPostsIt) {
  // https://docs.getodk.org/encryption/ : the manifest ODK Collect posts beside submission.xml.enc.
  const Instance instance = MustRead(
      R"(<data id="seniors" version="2026-01" encrypted="yes" xmlns="http://opendatakit.org/submissions" xmlns:orx="http://openrosa.org/xforms">)"
      "<base64EncryptedKey>a2V5</base64EncryptedKey>"
      "<orx:meta><orx:instanceID>" +
      std::string(kId) +
      "</orx:instanceID></orx:meta><media><file>photo.jpg.enc</file></media>"
      "<encryptedXmlFile>submission.xml.enc</encryptedXmlFile>"
      "<base64EncryptedElementSignature>c2ln</base64EncryptedElementSignature></data>");
  ASSERT_TRUE(instance.encrypted);
  EXPECT_EQ(instance.instance_id, kId);
  EXPECT_EQ(instance.encrypted->base64_encrypted_key, "a2V5");
  EXPECT_EQ(instance.encrypted->encrypted_xml_file, "submission.xml.enc");
  EXPECT_EQ(instance.encrypted->media_files, std::vector<std::string>{"photo.jpg.enc"});
  EXPECT_EQ(instance.encrypted->base64_encrypted_element_signature, "c2ln");
}

struct Refusal {
  std::string name;
  std::string xml;
  std::string message_id;
  std::string field;
  InstanceLimits limits = {};
  ErrorCode code = ErrorCode::kInvalidArgument;
};

class ReadInstanceRefuses : public testing::TestWithParam<Refusal> {};

TEST_P(ReadInstanceRefuses, WithTheErrorAndTheElement) {
  const Refusal& refusal = GetParam();
  const Result<Instance> read = ReadInstance(refusal.xml, refusal.limits);
  ASSERT_FALSE(read) << refusal.xml;
  EXPECT_EQ(read.error().code, refusal.code);
  EXPECT_EQ(read.error().message.id, refusal.message_id);
  EXPECT_EQ(read.error().field, refusal.field);
}

InstanceLimits Limits(std::size_t bytes, std::size_t elements, std::size_t depth,
                      std::size_t value) {
  InstanceLimits limits;
  limits.max_bytes = bytes;
  limits.max_elements = elements;
  limits.max_depth = depth;
  limits.max_value_bytes = value;
  return limits;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ReadInstanceRefuses,
    testing::Values(
        Refusal{"not_xml", "<data><nom>x</data>", "surveys.submission.not_xml", ""},
        Refusal{"empty", "", "surveys.submission.not_xml", ""},
        Refusal{"two_roots", Submission("") + "<data/>", "surveys.submission.not_one_root", ""},
        Refusal{"doctype",
                R"(<?xml version="1.0"?><!DOCTYPE data [<!ENTITY a "aaaaaaaaaa">]>)" +
                    Submission("<nom>&a;</nom>").substr(22),
                "surveys.submission.doctype", ""},
        Refusal{"not_utf8", Submission("<nom>\xC3\x28</nom>"), "surveys.submission.not_utf8", ""},
        Refusal{"control_character_by_reference", Submission("<nom>a&#1;b</nom>"),
                "surveys.submission.control_character", "/data/nom"},
        Refusal{"no_meta", "<data id=\"seniors\"><nom>x</nom></data>",
                "surveys.submission.no_instance_id", "/data/meta/instanceID"},
        Refusal{"empty_instance_id", "<data><meta><instanceID> </instanceID></meta></data>",
                "surveys.submission.no_instance_id", "/data/meta/instanceID"},
        Refusal{"bad_instance_id", "<data><meta><instanceID>12</instanceID></meta></data>",
                "surveys.submission.bad_instance_id", "/data/meta/instanceID"},
        Refusal{"bad_deprecated_id",
                "<data><meta><instanceID>" + std::string(kId) +
                    "</instanceID><deprecatedID>uuid:x</deprecatedID></meta></data>",
                "surveys.submission.bad_deprecated_id", "/data/meta/deprecatedID"},
        Refusal{"encrypted_without_key",
                "<data encrypted=\"yes\"><encryptedXmlFile>s.enc</encryptedXmlFile>"
                "<meta><instanceID>" +
                    std::string(kId) + "</instanceID></meta></data>",
                "surveys.submission.encrypted_incomplete", "/data/base64EncryptedKey"},
        Refusal{"encrypted_file_is_a_path",
                "<data encrypted=\"yes\"><base64EncryptedKey>k</base64EncryptedKey>"
                "<encryptedXmlFile>../etc/passwd</encryptedXmlFile><meta><instanceID>" +
                    std::string(kId) + "</instanceID></meta></data>",
                "surveys.submission.not_file_name", "/data/encryptedXmlFile"},
        Refusal{"too_large", Submission("<nom>x</nom>"), "surveys.submission.too_large", "",
                Limits(40, 100, 10, 100), ErrorCode::kPayloadTooLarge},
        Refusal{"too_many_elements", Submission("<a/><b/><c/>"),
                "surveys.submission.too_many_elements", "", Limits(1000, 4, 10, 100)},
        Refusal{"too_deep", Submission("<a><b><c/></b></a>"), "surveys.submission.too_deep",
                "/data/a/b", Limits(1000, 100, 3, 100)},
        Refusal{"value_too_long", Submission("<nom>abcdef</nom>"),
                "surveys.submission.value_too_long", "/data/nom", Limits(1000, 100, 10, 5)}),
    [](const testing::TestParamInfo<Refusal>& param) { return param.param.name; });

TEST(ReadInstance, NeverExpandsAnEntityAnInternalSubsetDeclares) {
  // "Billion laughs": refused before any expansion could happen.
  std::string xml = R"(<?xml version="1.0"?><!DOCTYPE data [<!ENTITY l0 "ha">)";
  for (int i = 1; i < 10; ++i) {
    xml += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) xml += "&l" + std::to_string(i - 1) + ";";
    xml += "\">";
  }
  xml += "]><data><nom>&l9;</nom><meta><instanceID>" + std::string(kId) +
         "</instanceID></meta></data>";
  const Result<Instance> read = ReadInstance(xml);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().message.id, "surveys.submission.doctype");
}

TEST(IsInstanceId, WantsUuidAndTheFiveGroups) {
  EXPECT_TRUE(IsInstanceId(kId));
  EXPECT_TRUE(IsInstanceId("uuid:6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F"));
  EXPECT_FALSE(IsInstanceId("6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"));
  EXPECT_FALSE(IsInstanceId("uuid:6f1c2d3e4a5b-4c6d-8e9f-0a1b2c3d4e5f0"));
  EXPECT_FALSE(IsInstanceId("uuid:6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5g"));
  EXPECT_FALSE(IsInstanceId("uuid:"));
}

// --- checking --------------------------------------------------------------------------------

const Form& DailyForm() {
  static const Form form =
      Read({{"type", "name", "label", "required", "relevant", "constraint"},
            {"text", "prenom", "Prénom", "yes", "", ""},
            {"integer", "age", "Âge", "yes", "", ". >= 60 and . < 120"},
            {"decimal", "revenu", "Revenu", "", "", ". >= 0"},
            {"date", "naissance", "Naissance", "", "", ""},
            {"time", "heure", "Heure", "", "", ""},
            {"dateTime", "rdv", "Rendez-vous", "", "", ""},
            {"select_one oui_non", "seul", "Vivez-vous seul ?", "yes", "", ""},
            {"select_multiple aides", "aides", "Aides reçues", "", "", ""},
            {"text", "aidant_nom", "Nom de l'aidant", "yes", "${seul} = 'non'", ""},
            {"text", "code_postal", "Code postal", "", "", "regex(., '^59[0-9]{3}$')"},
            {"text", "commentaire", "Commentaire", "", "", "string-length(.) < ${age}"},
            {"note", "merci", "Merci", "", "", ""},
            {"acknowledge", "accord", "J'accepte", "", "", ""},
            {"geopoint", "domicile", "Domicile", "", "", ""},
            {"image", "photo", "Photo", "", "", ""}},
           kChoices, kSettings);
  return form;
}

const std::string kDailyAnswers =
    "<prenom>Jeanne</prenom><age>82</age><revenu>1250.50</revenu><naissance>1944-02-29</naissance>"
    "<heure>14:30:00.000+01:00</heure><rdv>2026-12-04T10:30:00.000+01:00</rdv><seul>oui</seul>"
    "<aides>repas soins</aides><aidant_nom/><code_postal>59000</code_postal><commentaire/>"
    "<merci/><accord>OK</accord><domicile>50.6292 3.0573 20 5</domicile>"
    "<photo>1733312345678.jpg</photo>";

TEST(CheckInstance, AcceptsAnInstanceThatFitsTheForm) {
  const InstanceCheck check = CheckInstance(DailyForm(), MustRead(Submission(kDailyAnswers)));
  EXPECT_TRUE(check.accepted()) << testing::PrintToString(Ids(check.violations));
  EXPECT_EQ(check.attachments, std::vector<std::string>{"1733312345678.jpg"});
  // aidant_nom is relevant only when seul = 'non': the server cannot tell, so it says so.
  ASSERT_EQ(check.unchecked.size(), 1u);
  EXPECT_EQ(check.unchecked[0].message.id, "surveys.submission.required_not_checked");
  EXPECT_EQ(check.unchecked[0].path, "/data/aidant_nom");
}

TEST(CheckInstance, ListsAConstraintItCannotEvaluateOnceAsUnchecked) {
  std::string answers = kDailyAnswers;
  answers.replace(answers.find("<commentaire/>"), 14, "<commentaire>Très bien</commentaire>");
  const InstanceCheck check = CheckInstance(DailyForm(), MustRead(Submission(answers)));
  EXPECT_TRUE(check.accepted());
  EXPECT_EQ(Ids(check.unchecked),
            (std::vector<std::string>{"surveys.submission.required_not_checked",
                                      "surveys.submission.constraint_not_checked"}));
}

// One answer replaced in kDailyAnswers, and the violation it must give.
struct Wrong {
  std::string name;
  std::string element;
  std::string replacement;  // The whole element, or "" to leave it out.
  std::string message_id;
  std::string path;
};

class CheckInstanceRefuses : public testing::TestWithParam<Wrong> {};

TEST_P(CheckInstanceRefuses, TheAnswerWithItsPath) {
  const Wrong& wrong = GetParam();
  std::string answers = kDailyAnswers;
  const std::string open = "<" + wrong.element;
  const auto start = answers.find(open);
  ASSERT_NE(start, std::string::npos);
  const std::string close = "</" + wrong.element + ">";
  auto end = answers.find(close, start);
  end = end == std::string::npos ? answers.find("/>", start) + 2 : end + close.size();
  answers.replace(start, end - start, wrong.replacement);
  const InstanceCheck check = CheckInstance(DailyForm(), MustRead(Submission(answers)));
  ASSERT_EQ(check.violations.size(), 1u) << answers << "\n"
                                         << testing::PrintToString(Ids(check.violations));
  EXPECT_EQ(check.violations[0].message.id, wrong.message_id);
  EXPECT_EQ(check.violations[0].path, wrong.path);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CheckInstanceRefuses,
    testing::Values(
        Wrong{"required_left_out", "prenom", "", "surveys.submission.required", "/data/prenom"},
        Wrong{"required_empty", "prenom", "<prenom>  </prenom>", "surveys.submission.required",
              "/data/prenom"},
        Wrong{"not_integer", "age", "<age>82.5</age>", "surveys.submission.not_integer",
              "/data/age"},
        Wrong{"integer_over_64_bits", "age", "<age>99999999999999999999</age>",
              "surveys.submission.not_integer", "/data/age"},
        Wrong{"constraint_below", "age", "<age>59</age>", "surveys.submission.constraint",
              "/data/age"},
        Wrong{"constraint_above", "age", "<age>120</age>", "surveys.submission.constraint",
              "/data/age"},
        Wrong{"not_decimal", "revenu", "<revenu>1 250</revenu>", "surveys.submission.not_decimal",
              "/data/revenu"},
        Wrong{"decimal_constraint", "revenu", "<revenu>-3</revenu>",
              "surveys.submission.constraint", "/data/revenu"},
        Wrong{"not_a_leap_day", "naissance", "<naissance>1943-02-29</naissance>",
              "surveys.submission.not_date", "/data/naissance"},
        Wrong{"not_time", "heure", "<heure>25:00:00</heure>", "surveys.submission.not_time",
              "/data/heure"},
        Wrong{"not_datetime", "rdv", "<rdv>2026-12-04</rdv>", "surveys.submission.not_datetime",
              "/data/rdv"},
        Wrong{"not_choice", "seul", "<seul>peut-etre</seul>", "surveys.submission.not_choice",
              "/data/seul"},
        Wrong{"select_one_with_two", "seul", "<seul>oui non</seul>",
              "surveys.submission.not_choice", "/data/seul"},
        Wrong{"not_choice_of_many", "aides", "<aides>repas jardinage</aides>",
              "surveys.submission.not_choice", "/data/aides"},
        Wrong{"duplicate_choice", "aides", "<aides>repas repas</aides>",
              "surveys.submission.duplicate_choice", "/data/aides"},
        Wrong{"regex", "code_postal", "<code_postal>75001</code_postal>",
              "surveys.submission.constraint", "/data/code_postal"},
        Wrong{"note_with_a_value", "merci", "<merci>x</merci>", "surveys.submission.note_not_empty",
              "/data/merci"},
        Wrong{"not_acknowledged", "accord", "<accord>oui</accord>",
              "surveys.submission.not_acknowledged", "/data/accord"},
        Wrong{"latitude_out_of_range", "domicile", "<domicile>95 3 0 0</domicile>",
              "surveys.submission.not_geopoint", "/data/domicile"},
        Wrong{"file_is_a_path", "photo", "<photo>../../etc/passwd</photo>",
              "surveys.submission.not_file_name", "/data/photo"},
        Wrong{"unknown_element", "photo", "<photo>a.jpg</photo><mot_de_passe>x</mot_de_passe>",
              "surveys.submission.unknown_element", "/data/mot_de_passe"},
        Wrong{"not_repeated", "prenom", "<prenom>A</prenom><prenom>B</prenom>",
              "surveys.submission.not_repeated", "/data/prenom"},
        Wrong{"elements_in_a_question", "prenom", "<prenom><b>A</b></prenom>",
              "surveys.submission.not_a_value", "/data/prenom"}),
    [](const testing::TestParamInfo<Wrong>& param) { return param.param.name; });

TEST(CheckInstance, RefusesAnotherFormAnotherVersionAndAnotherRoot) {
  const InstanceCheck check = CheckInstance(
      DailyForm(), MustRead(Submission(kDailyAnswers, "donnees", R"( id="autre" version="1")")));
  EXPECT_EQ(Ids(check.violations), (std::vector<std::string>{"surveys.submission.wrong_form",
                                                             "surveys.submission.wrong_version",
                                                             "surveys.submission.wrong_root"}));
}

TEST(CheckInstance, WantsEncryptionExactlyWhenTheFormHasAPublicKey) {
  const Form encrypted_form =
      Read({{"type", "name", "label"}, {"text", "prenom", "Prénom"}}, {},
           {{"form_id", "version", "public_key"}, {"seniors", "2026-01", "MIIBIjANBgkq"}});
  const Instance plain = MustRead(Submission("<prenom>Jeanne</prenom>"));
  EXPECT_EQ(Ids(CheckInstance(encrypted_form, plain).violations),
            std::vector<std::string>{"surveys.submission.must_be_encrypted"});

  const Instance encrypted = MustRead(
      R"(<data id="seniors" version="2026-01" encrypted="yes"><base64EncryptedKey>a2V5</base64EncryptedKey>)"
      "<meta><instanceID>" +
      std::string(kId) +
      "</instanceID></meta><media><file>p.jpg.enc</file></media>"
      "<encryptedXmlFile>submission.xml.enc</encryptedXmlFile></data>");
  const InstanceCheck check = CheckInstance(encrypted_form, encrypted);
  EXPECT_TRUE(check.accepted()) << testing::PrintToString(Ids(check.violations));
  EXPECT_EQ(check.attachments, (std::vector<std::string>{"submission.xml.enc", "p.jpg.enc"}));
  EXPECT_TRUE(Flatten(encrypted_form, encrypted).empty());

  EXPECT_EQ(Ids(CheckInstance(DailyForm(), encrypted).violations),
            std::vector<std::string>{"surveys.submission.not_encrypted_form"});
}

const Form& RepeatForm() {
  static const Form form =
      Read({{"type", "name", "label", "required", "relevant", "parameters"},
            {"begin_group", "foyer", "Foyer", "", "", ""},
            {"integer", "personnes", "Personnes", "yes", "", ""},
            {"end_group", "", "", "", "", ""},
            {"begin_repeat", "aidant", "Aidant", "", "", ""},
            {"text", "lien", "Lien", "yes", "", ""},
            {"range", "heures", "Heures par semaine", "", "", "start=0 end=20 step=0.5"},
            {"end_repeat", "", "", "", "", ""},
            {"begin_group", "sante", "Santé", "", "${personnes} > 1", ""},
            {"text", "medecin", "Médecin", "yes", "", ""},
            {"end_group", "", "", "", "", ""},
            {"rank aides", "priorites", "Priorités", "", "", ""}},
           kChoices, kSettings);
  return form;
}

TEST(CheckInstance, NamesEachRepeatByItsIndex) {
  const Form& form = RepeatForm();
  const Instance instance =
      MustRead(Submission("<foyer><personnes>1</personnes></foyer>"
                          "<aidant><lien>fille</lien><heures>2.5</heures></aidant>"
                          "<aidant><lien/><heures>21</heures></aidant>"
                          "<aidant><lien>voisin</lien><heures>0.7</heures></aidant>"
                          "<sante><medecin/></sante><priorites>soins repas</priorites>"));
  const InstanceCheck check = CheckInstance(form, instance);
  EXPECT_EQ(Ids(check.violations),
            (std::vector<std::string>{
                "surveys.submission.required", "surveys.submission.out_of_range",
                "surveys.submission.off_step", "surveys.submission.rank_incomplete"}));
  EXPECT_EQ(Paths(check.violations),
            (std::vector<std::string>{"/data/aidant[2]/lien", "/data/aidant[2]/heures",
                                      "/data/aidant[3]/heures", "/data/priorites"}));
  // The group santé is relevant only with more than one person: medecin may be empty.
  EXPECT_EQ(Paths(check.unchecked), std::vector<std::string>{"/data/sante/medecin"});
}

TEST(CheckInstance, TakesAGroupLeftOutAsEmpty) {
  const InstanceCheck check = CheckInstance(RepeatForm(), MustRead(Submission("")));
  EXPECT_EQ(Paths(check.violations), std::vector<std::string>{"/data/foyer/personnes"});
}

TEST(CheckInstance, RefusesTextInAGroup) {
  const InstanceCheck check = CheckInstance(
      RepeatForm(), MustRead(Submission("<foyer>texte<personnes>2</personnes></foyer>")));
  EXPECT_EQ(Ids(check.violations), std::vector<std::string>{"surveys.submission.text_in_group"});
}

// --- the constraint subset ---------------------------------------------------------------------

struct ConstraintCase {
  std::string constraint;
  std::string value;
  std::string outcome;  // "holds", "fails", "unchecked"
};

class Constraint : public testing::TestWithParam<ConstraintCase> {};

TEST_P(Constraint, EvaluatesTheSubsetAndNothingElse) {
  const ConstraintCase& c = GetParam();
  const Form form = Read({{"type", "name", "label", "constraint"},
                          {"decimal", "nombre", "Nombre", c.constraint},
                          {"text", "texte", "Texte", c.constraint}},
                         {}, kSettings);
  const bool numeric = c.constraint.find("regex") == std::string::npos;
  const std::string element = numeric ? "nombre" : "texte";
  const InstanceCheck check = CheckInstance(
      form, MustRead(Submission("<" + element + ">" + c.value + "</" + element + ">")));
  const std::string outcome = !check.violations.empty()  ? "fails"
                              : !check.unchecked.empty() ? "unchecked"
                                                         : "holds";
  EXPECT_EQ(outcome, c.outcome) << c.constraint << " on " << c.value;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Constraint,
    testing::Values(ConstraintCase{". > 3", "4", "holds"}, ConstraintCase{". > 3", "3", "fails"},
                    ConstraintCase{"3 < .", "4", "holds"}, ConstraintCase{". != 0", "0", "fails"},
                    ConstraintCase{". = 2.5", "2.5", "holds"},
                    ConstraintCase{". >= -1", "-1", "holds"},
                    ConstraintCase{". < 0 or . > 10", "5", "fails"},
                    ConstraintCase{". < 0 or . > 10", "11", "holds"},
                    ConstraintCase{"(. > 0 and . < 3) or . = 7", "7", "holds"},
                    ConstraintCase{". > 0 and . < 3 or . = 7", "5", "fails"},
                    ConstraintCase{". > ${texte}", "5", "unchecked"},
                    ConstraintCase{". > 3 and ${texte} = 1", "5", "unchecked"},
                    ConstraintCase{". > 3 and", "5", "unchecked"},
                    ConstraintCase{". . 3", "5", "unchecked"},
                    ConstraintCase{"3 > 2", "5", "unchecked"},
                    ConstraintCase{"regex(., '^[A-ZÀ-Ý][a-zß-ÿ]+$')", "Élodie", "holds"},
                    ConstraintCase{"regex(., '^[A-ZÀ-Ý][a-zß-ÿ]+$')", "élodie", "fails"},
                    ConstraintCase{"regex(., 'ab')", "xxabxx", "holds"},
                    ConstraintCase{"regex(., '(')", "x", "unchecked"},
                    ConstraintCase{"regex(., '(a*)*b')", std::string(900, 'a'), "fails"},
                    ConstraintCase{"regex(., 'a')", std::string(1001, 'a'), "unchecked"},
                    ConstraintCase{"regex(${texte}, 'a')", "a", "unchecked"}));

// --- flattening --------------------------------------------------------------------------------

TEST(Flatten, GivesEachAnswerWithItsQuestionAndRepeatIndexes) {
  const Instance instance = MustRead(
      Submission("<foyer><personnes>2</personnes></foyer><aidant><lien>fille</lien></aidant>"
                 "<aidant><lien>fils</lien><heures>3</heures></aidant><inconnu>x</inconnu>"));
  const std::vector<FlatAnswer> answers = Flatten(RepeatForm(), instance);
  ASSERT_EQ(answers.size(), 4u);
  EXPECT_EQ(answers[0].question_path, "/data/foyer/personnes");
  EXPECT_EQ(answers[0].value, "2");
  EXPECT_TRUE(answers[0].indexes.empty());
  EXPECT_EQ(answers[1].path, "/data/aidant[1]/lien");
  EXPECT_EQ(answers[3].question_path, "/data/aidant/heures");
  EXPECT_EQ(answers[3].path, "/data/aidant[2]/heures");
  EXPECT_EQ(answers[3].indexes, std::vector<std::size_t>{2});
  EXPECT_EQ(answers[3].value, "3");
  ASSERT_NE(answers[3].question, nullptr);
  EXPECT_EQ(answers[3].question->name, "heures");
}

}  // namespace
}  // namespace ensemble::surveys
