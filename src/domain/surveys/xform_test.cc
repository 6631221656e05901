#include "domain/surveys/xform.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>
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

// The XForm as a document, with the prefixes usable in XPath queries: pugixml ignores
// namespaces, so "h:body" is the element's name as written.
struct XForm {
  std::string text;
  pugi::xml_document document;

  explicit XForm(const Form& form) : text(WriteXForm(form)) {
    const pugi::xml_parse_result parsed = document.load_string(text.c_str());
    EXPECT_TRUE(parsed) << parsed.description() << "\n" << text;
  }
  pugi::xml_node One(const char* xpath) const {
    const pugi::xpath_node_set found = document.select_nodes(xpath);
    EXPECT_EQ(found.size(), 1u) << xpath << "\n" << text;
    return found.empty() ? pugi::xml_node() : found.first().node();
  }
  std::string Attribute(const char* xpath, const char* name) const {
    return One(xpath).attribute(name).value();
  }
  std::size_t Count(const char* xpath) const { return document.select_nodes(xpath).size(); }
};

const Rows kYesNo = {
    {"list_name", "name", "label"}, {"oui_non", "oui", "Oui"}, {"oui_non", "non", "Non"}};

TEST(XFormWriter, WritesTheInstanceBindsAndBodyOfEachDailyType) {
  const XForm xform(Read({{"type", "name", "label", "required", "constraint", "constraint_message"},
                          {"text", "prenom", "Prénom", "yes", "", ""},
                          {"integer", "age", "Âge", "", ". >= 60 and . < 120", "Entre 60 et 119"},
                          {"decimal", "revenu", "Revenu", "", "", ""},
                          {"date", "naissance", "Naissance", "", "", ""},
                          {"time", "heure", "Heure", "", "", ""},
                          {"dateTime", "rdv", "Rendez-vous", "", "", ""},
                          {"select_one oui_non", "seul", "Vivez-vous seul ?", "", "", ""},
                          {"select_multiple oui_non", "aides", "Aides", "", "", ""},
                          {"note", "merci", "Merci", "", "", ""},
                          {"acknowledge", "accord", "J'accepte", "", "", ""},
                          {"hidden", "source", "", "", "", ""}},
                         kYesNo, {{"form_id", "version"}, {"seniors", "2026-01"}}));
  const pugi::xml_node data = xform.One("/h:html/h:head/model/instance[not(@id)]/data");
  EXPECT_STREQ(data.attribute("id").value(), "seniors");
  EXPECT_STREQ(data.attribute("version").value(), "2026-01");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/prenom']", "type"), "string");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/prenom']", "required"), "true()");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/age']", "type"), "int");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/age']", "constraint"), ". >= 60 and . < 120");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/age']", "jr:constraintMsg"), "Entre 60 et 119");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/revenu']", "type"), "decimal");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/naissance']", "type"), "date");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/heure']", "type"), "time");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/rdv']", "type"), "dateTime");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/merci']", "readonly"), "true()");
  EXPECT_EQ(xform.One("/h:html/h:body/input[@ref='/data/prenom']/label").text().as_string(),
            std::string("Prénom"));
  EXPECT_EQ(xform.Attribute("/h:html/h:body/select1[@ref='/data/seul']/itemset", "nodeset"),
            "instance('oui_non')/root/item");
  EXPECT_EQ(xform.Count("/h:html/h:body/select[@ref='/data/aides']"), 1u);
  EXPECT_EQ(xform.Count("/h:html/h:body/trigger[@ref='/data/accord']"), 1u);
  EXPECT_EQ(xform.Count("/h:html/h:body/*[@ref='/data/source']"), 0u);
  EXPECT_EQ(xform.Count("//instance[@id='oui_non']/root/item"), 2u);
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/meta/instanceID']", "jr:preload"), "uid");
}

TEST(XFormWriter, ResolvesReferencesAbsolutelyOrInsideTheirRepeat) {
  const XForm xform(Read({{"type", "name", "label", "relevant", "calculation", "repeat_count"},
                          {"integer", "taille", "Taille", "", "", ""},
                          {"begin repeat", "membre", "Membre", "", "", "${taille}"},
                          {"integer", "age", "Âge", "", "", ""},
                          {"text", "emploi", "Emploi", "${age} < 65 and ${taille} > 1", "", ""},
                          {"end repeat", "", "", "", "", ""},
                          {"calculate", "total", "", "", "sum(${age})", ""},
                          {"note", "resume", "Âges : ${total}", "", "", ""}}));
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/membre/emploi']", "relevant"),
            " ../age  < 65 and  /data/taille  > 1");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/total']", "calculate"),
            "sum( /data/membre/age )");
  EXPECT_EQ(xform.Attribute("//repeat[@nodeset='/data/membre']", "jr:count"), " /data/taille ");
  EXPECT_EQ(xform.Attribute("//input[@ref='/data/resume']/label/output", "value"), " /data/total ");
  // The template, then the first repeat, as pyxform writes them.
  EXPECT_EQ(xform.Count("/h:html/h:head/model/instance/data/membre[@jr:template]"), 1u);
  EXPECT_EQ(xform.Count("/h:html/h:head/model/instance/data/membre"), 2u);
}

TEST(XFormWriter, FiltersChoicesFromTheAnswerOfAnotherQuestion) {
  const XForm xform(Read({{"type", "name", "label", "choice_filter"},
                          {"select_one territoire", "territoire", "Territoire", ""},
                          {"select_one centre", "centre", "Centre", "territoire = ${territoire}"}},
                         {{"list_name", "name", "label", "territoire"},
                          {"territoire", "roubaix", "Roubaix", ""},
                          {"territoire", "lille", "Lille", ""},
                          {"centre", "alma", "Alma", "roubaix"},
                          {"centre", "fresnoy", "Fresnoy", "roubaix"},
                          {"centre", "echo", "ECHO", "lille"}}));
  EXPECT_EQ(xform.Attribute("//select1[@ref='/data/centre']/itemset", "nodeset"),
            "instance('centre')/root/item[territoire =  /data/territoire ]");
  EXPECT_EQ(
      xform.One("//instance[@id='centre']/root/item[name='echo']/territoire").text().as_string(),
      std::string("lille"));
}

TEST(XFormWriter, PutsTranslationsAndMediaInItextWithTheDefaultLanguage) {
  const XForm xform(
      Read({{"type", "name", "label::Français (fr)", "label::English (en)", "hint::Français (fr)",
             "media::image::Français (fr)", "guidance_hint::Français (fr)"},
            {"select_one oui_non", "seul", "Seul ?", "Alone?", "Au foyer", "seul.png",
             "Compter le conjoint"}},
           {{"list_name", "name", "label::Français (fr)", "label::English (en)"},
            {"oui_non", "oui", "Oui", "Yes"},
            {"oui_non", "non", "Non", "No"}},
           {{"default_language"}, {"Français (fr)"}}));
  EXPECT_EQ(xform.Attribute("//translation[@lang='Français (fr)']", "default"), "true()");
  EXPECT_EQ(xform.Count("//translation[@lang='English (en)'][@default]"), 0u);
  EXPECT_EQ(xform.Attribute("//select1[@ref='/data/seul']/label", "ref"),
            "jr:itext('/data/seul:label')");
  EXPECT_EQ(
      xform
          .One("//translation[@lang='English (en)']/text[@id='/data/seul:label']/value[not(@form)]")
          .text()
          .as_string(),
      std::string("Alone?"));
  EXPECT_EQ(xform
                .One("//translation[@lang='Français "
                     "(fr)']/text[@id='/data/seul:label']/value[@form='image']")
                .text()
                .as_string(),
            std::string("jr://images/seul.png"));
  EXPECT_EQ(xform
                .One("//translation[@lang='Français "
                     "(fr)']/text[@id='/data/seul:hint']/value[@form='guidance']")
                .text()
                .as_string(),
            std::string("Compter le conjoint"));
  // The hint has no English: the default language's text, better than pyxform's "-".
  EXPECT_EQ(
      xform.One("//translation[@lang='English (en)']/text[@id='/data/seul:hint']/value[not(@form)]")
          .text()
          .as_string(),
      std::string("Au foyer"));
  EXPECT_EQ(xform.Attribute("//select1[@ref='/data/seul']/itemset/label", "ref"),
            "jr:itext(itextId)");
  EXPECT_EQ(xform.One("//translation[@lang='English (en)']/text[@id='oui_non-1']/value")
                .text()
                .as_string(),
            std::string("No"));
}

TEST(XFormWriter, WritesDefaultsConstantOrComputedWhenTheFormOpens) {
  const XForm xform(Read({{"type", "name", "label", "default"},
                          {"integer", "enfants", "Enfants", "0"},
                          {"date", "jour", "Jour", "today()"}}));
  EXPECT_EQ(xform.One("//instance/data/enfants").text().as_string(), std::string("0"));
  EXPECT_EQ(xform.Attribute("/h:html/h:head/model/setvalue[@ref='/data/jour']", "event"),
            "odk-instance-first-load");
  EXPECT_EQ(xform.Attribute("/h:html/h:head/model/setvalue[@ref='/data/jour']", "value"),
            "today()");
}

TEST(XFormWriter, WritesTheSettingsThatShapeTheSubmission) {
  const XForm xform(
      Read({{"type", "name", "label"}, {"text", "nom", "Nom"}}, {},
           {{"form_title", "form_id", "instance_name", "public_key", "submission_url", "style"},
            {"Questionnaire", "q", "concat('Réponse de ', ${nom})", "MIIBIjAN",
             "https://ensemble.example.org/submission", "pages"}}));
  EXPECT_EQ(xform.One("/h:html/h:head/h:title").text().as_string(), std::string("Questionnaire"));
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/meta/instanceName']", "calculate"),
            "concat('Réponse de ',  /data/nom )");
  EXPECT_EQ(xform.Attribute("//model/submission", "base64RsaPublicKey"), "MIIBIjAN");
  EXPECT_EQ(xform.Attribute("//model/submission", "action"),
            "https://ensemble.example.org/submission");
  EXPECT_EQ(xform.Attribute("/h:html/h:body", "class"), "pages");
}

TEST(XFormWriter, WritesMediaGeographyAndMetadata) {
  const XForm xform(Read({{"type", "name", "label", "parameters"},
                          {"start", "debut", "", ""},
                          {"end", "fin", "", ""},
                          {"today", "jour", "", ""},
                          {"deviceid", "appareil", "", ""},
                          {"username", "enqueteur", "", ""},
                          {"geopoint", "lieu", "Lieu", ""},
                          {"geotrace", "trajet", "Trajet", ""},
                          {"geoshape", "zone", "Zone", ""},
                          {"image", "photo", "Photo", "max-pixels=1024"},
                          {"audio", "voix", "Voix", ""},
                          {"file", "piece", "Pièce", ""},
                          {"barcode", "code", "Code", ""},
                          {"audit", "audit", "", "location-priority=balanced"}}));
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/debut']", "jr:preloadParams"), "start");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/jour']", "jr:preload"), "date");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/appareil']", "jr:preloadParams"), "deviceid");
  EXPECT_EQ(xform.Count("/h:html/h:body/*[@ref='/data/debut']"), 0u);
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/lieu']", "type"), "geopoint");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/zone']", "type"), "geoshape");
  EXPECT_EQ(xform.Attribute("//upload[@ref='/data/photo']", "mediatype"), "image/*");
  EXPECT_EQ(xform.Attribute("//upload[@ref='/data/photo']", "orx:max-pixels"), "1024");
  EXPECT_EQ(xform.Attribute("//upload[@ref='/data/voix']", "mediatype"), "audio/*");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/code']", "type"), "barcode");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/meta/audit']", "odk:location-priority"),
            "balanced");
  EXPECT_EQ(xform.Count("//instance/data/audit"), 0u);
}

TEST(XFormWriter, WritesRangeRankAndTriggers) {
  const XForm xform(Read({{"type", "name", "label", "parameters", "trigger", "calculation"},
                          {"range", "douleur", "Douleur", "start=0 end=10 step=1", "", ""},
                          {"range", "note", "Note", "start=0 end=5 step=0.5", "", ""},
                          {"rank oui_non", "ordre", "Ordre", "", "", ""},
                          {"integer", "n", "N", "", "", ""},
                          {"text", "vu", "Vu", "", "${n}", "now()"}},
                         kYesNo));
  EXPECT_EQ(xform.Attribute("//range[@ref='/data/douleur']", "end"), "10");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/douleur']", "type"), "int");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/note']", "type"), "decimal");
  EXPECT_EQ(xform.Attribute("//bind[@nodeset='/data/ordre']", "type"), "odk:rank");
  EXPECT_EQ(xform.Count("//odk:rank[@ref='/data/ordre']/itemset"), 1u);
  EXPECT_EQ(xform.Attribute("//input[@ref='/data/n']/setvalue", "ref"), "/data/vu");
  EXPECT_EQ(xform.Attribute("//input[@ref='/data/n']/setvalue", "event"), "xforms-value-changed");
  EXPECT_EQ(xform.Count("//bind[@nodeset='/data/vu'][@calculate]"), 0u);
}

TEST(XFormWriter, RelativePathsClimbToTheSharedRepeat) {
  const std::vector<std::string> repeats = {"/data/r", "/data/r/g/s"};
  EXPECT_EQ(PathFrom("/data/r/q2", "/data/r/q1", repeats), "../q1");
  EXPECT_EQ(PathFrom("/data/r/g/q3", "/data/r/q1", repeats), "../../q1");
  EXPECT_EQ(PathFrom("/data/r/q1", "/data/r/q1", repeats), ".");
  EXPECT_EQ(PathFrom("/data/q", "/data/r/q1", repeats), "/data/r/q1");
  EXPECT_EQ(PathFrom("/data/g/a", "/data/g/b", repeats), "/data/g/b");
}

// The whole XForm of a form of the kind centres write, compared with the reviewed file: a
// change of the writer shows as a diff of the XForm. ENSEMBLE_UPDATE_GOLDEN=1 rewrites it.
TEST(XFormWriter, WritesTheSeniorQuestionnaireAsReviewed) {
  const Form form = Read(
      {{"type", "name", "label::Français (fr)", "label::English (en)", "hint::Français (fr)",
        "required", "relevant", "constraint", "constraint_message::Français (fr)", "calculation",
        "choice_filter", "appearance"},
       {"start", "debut", "", "", "", "", "", "", "", "", "", ""},
       {"select_one territoire", "territoire", "Territoire", "Area", "", "yes", "", "", "", "", "",
        "minimal"},
       {"select_one centre", "centre", "Centre", "Centre", "", "yes", "", "", "", "",
        "territoire = ${territoire}", ""},
       {"integer", "age", "Âge", "Age", "En années", "yes", "", ". >= 60 and . <= 110",
        "Entre 60 et 110 ans", "", "", ""},
       {"select_one oui_non", "seul", "Vivez-vous seul ?", "Do you live alone?", "", "yes", "", "",
        "", "", "", ""},
       {"begin repeat", "aidant", "Aidant", "Carer", "", "", "${seul} = 'non'", "", "", "", "", ""},
       {"text", "lien", "Lien", "Relationship", "", "", "", "", "", "", "", ""},
       {"integer", "heures", "Heures par semaine", "Hours a week", "", "", "", ". >= 0", "", "", "",
        ""},
       {"end repeat", "", "", "", "", "", "", "", "", "", "", ""},
       {"calculate", "heures_aide", "", "", "", "", "", "", "", "sum(${heures})", "", ""},
       {"select_multiple besoins", "besoins", "Besoins", "Needs", "", "", "", "", "", "", "", ""},
       {"note", "fin", "Merci (${heures_aide} h)", "Thanks (${heures_aide} h)", "", "", "", "", "",
        "", "", ""}},
      {{"list_name", "name", "label::Français (fr)", "label::English (en)", "territoire"},
       {"territoire", "roubaix", "Roubaix", "Roubaix", ""},
       {"territoire", "lille", "Lille", "Lille", ""},
       {"centre", "alma", "Alma", "Alma", "roubaix"},
       {"centre", "echo", "ECHO", "ECHO", "lille"},
       {"oui_non", "oui", "Oui", "Yes", ""},
       {"oui_non", "non", "Non", "No", ""},
       {"besoins", "mobilite", "Mobilité", "Mobility", ""},
       {"besoins", "numerique", "Numérique", "Digital", ""}},
      {{"form_title", "form_id", "version", "default_language", "instance_name"},
       {"Bien vieillir", "bien_vieillir", "2026-12", "Français (fr)",
        "concat(${centre}, '-', ${age})"}});
  const std::string written = WriteXForm(form);
  const std::string golden_path = std::string(ENSEMBLE_SURVEYS_GOLDEN) + "/bien_vieillir.xml";
  if (std::getenv("ENSEMBLE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path) << written;
  }
  std::ifstream golden(golden_path);
  ASSERT_TRUE(golden) << golden_path << " is missing: run with ENSEMBLE_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << golden.rdbuf();
  EXPECT_EQ(written, expected.str());
}

}  // namespace
}  // namespace ensemble::surveys
