// The surveys module's part of the demo network: the « Bien Vieillir » diagnostic of seniors'
// needs, designed by ECHO's coordinator for the collective and answered in each centre (a few
// hundred answers, each centre its own pattern; Trois Ponts and the CCAS only a handful, which
// the results pool), its collection closed so that the results show; and the questionnaire to
// partners (pharmacists, doctors, landlords, transport), still open. The answers are generated
// from a fixed seed: the same demo every time.
#include "app/demo.h"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <map>

#include "app/digest.h"
#include "app/surveys/results.h"
#include "components/spreadsheet/spreadsheet.h"
#include "core/paris_time.h"
#include "core/text.h"
#include "domain/surveys/counts.h"
#include "domain/surveys/submission.h"
#include "domain/surveys/xform.h"
#include "domain/surveys/xlsform.h"

namespace ensemble::app {
namespace {

constexpr std::string_view kSeniors =
    "survey,type,name,label,required,constraint,constraint_message\n"
    ",integer,age,Quel âge avez-vous ?,yes,. >= 60 and . <= 110,Entre 60 et 110 ans.\n"
    ",select_one genre,genre,Vous êtes,,,\n"
    ",select_one oui_non,seul,Vivez-vous seul·e ?,yes,,\n"
    ",select_one sorties,sorties,À quelle fréquence sortez-vous de chez vous ?,yes,,\n"
    ",select_one internet,internet,Utilisez-vous internet ?,yes,,\n"
    ",select_one besoin,besoin,Quel est votre premier besoin aujourd'hui ?,yes,,\n"
    ",select_multiple aides,aides,Qui vous aide au quotidien ?,,,\n"
    ",text,remarque,Voulez-vous ajouter quelque chose ?,,,\n"
    "choices,list_name,name,label\n"
    ",genre,femme,Une femme\n"
    ",genre,homme,Un homme\n"
    ",oui_non,oui,Oui\n"
    ",oui_non,non,Non\n"
    ",sorties,chaque_jour,Chaque jour\n"
    ",sorties,chaque_semaine,Chaque semaine\n"
    ",sorties,chaque_mois,Chaque mois\n"
    ",sorties,rarement,Rarement\n"
    ",internet,souvent,Souvent\n"
    ",internet,parfois,Parfois\n"
    ",internet,jamais,Jamais\n"
    ",besoin,lien_social,Voir du monde\n"
    ",besoin,mobilite,Se déplacer\n"
    ",besoin,numerique,Se servir d'internet\n"
    ",besoin,sante,Se soigner\n"
    ",besoin,logement,Adapter son logement\n"
    ",besoin,demarches,Faire ses démarches\n"
    ",aides,famille,Ma famille\n"
    ",aides,voisins,Des voisins ou des amis\n"
    ",aides,aide_domicile,Une aide à domicile\n"
    ",aides,portage_repas,Le portage de repas\n"
    ",aides,personne,Personne\n"
    "settings,form_title,form_id,version\n"
    ",Diagnostic des besoins des seniors,diagnostic_seniors_2026,2026-10\n";

constexpr std::string_view kPartners =
    "survey,type,name,label,required\n"
    ",select_one partenaire,partenaire,Vous êtes,yes\n"
    ",select_one frequence,isolement,Rencontrez-vous des seniors isolés ?,yes\n"
    ",text,suggestion,Que pourraient faire les centres sociaux avec vous ?,\n"
    "choices,list_name,name,label\n"
    ",partenaire,pharmacie,Pharmacie\n"
    ",partenaire,medecin,Médecin ou infirmier\n"
    ",partenaire,bailleur,Bailleur social\n"
    ",partenaire,transport,Transport\n"
    ",partenaire,autre,Autre\n"
    ",frequence,souvent,Souvent\n"
    ",frequence,parfois,Parfois\n"
    ",frequence,rarement,Rarement\n"
    "settings,form_title,form_id,version\n"
    ",Questionnaire aux partenaires du territoire,partenaires_2026,2026-11\n";

// A centre's answers: how many, who collects them, and its leanings (weights per choice, in the
// choice lists' order), so that the results differ from centre to centre.
struct CentreAnswers {
  const char* structure;
  const char* referent;
  int answers;
  std::array<int, 2> alone;     // oui, non
  std::array<int, 4> outings;   // every day, week, month, rarely
  std::array<int, 3> internet;  // often, sometimes, never
  std::array<int, 6> need;      // social, mobility, digital, health, housing, paperwork
};

constexpr CentreAnswers kCentres[] = {
    {"alma",
     "martine.lemaire@alma.example.org",
     78,
     {5, 4},
     {3, 4, 2, 2},
     {2, 3, 4},
     {4, 2, 4, 2, 1, 3}},
    {"echo",
     "nadia.benali@echo.example.org",
     64,
     {4, 5},
     {4, 3, 1, 1},
     {3, 3, 3},
     {2, 5, 2, 2, 1, 2}},
    {"pile",
     "julie.martin@iciela.example.org",
     52,
     {6, 4},
     {2, 4, 2, 3},
     {1, 3, 5},
     {5, 2, 3, 2, 2, 2}},
    {"assia",
     "youssef.amrani@iciela.example.org",
     41,
     {4, 4},
     {3, 3, 2, 2},
     {2, 2, 4},
     {3, 2, 5, 2, 1, 4}},
    {"fresnoy",
     "helene.roussel@fresnoy.example.org",
     47,
     {5, 3},
     {2, 3, 3, 3},
     {1, 2, 6},
     {4, 3, 2, 3, 2, 1}},
    {"basse",
     "thomas.vandenberghe@bassemasure.example.org",
     39,
     {3, 4},
     {3, 4, 1, 1},
     {3, 3, 2},
     {2, 2, 3, 4, 2, 2}},
    {"trois",
     "fatima.zerrouki@troisponts.example.org",
     3,
     {1, 1},
     {1, 1, 1, 1},
     {1, 1, 1},
     {1, 1, 1, 1, 1, 1}},
    {"ccas",
     "paul.delattre@ccas-roubaix.example.org",
     4,
     {2, 1},
     {1, 1, 1, 2},
     {1, 1, 2},
     {1, 1, 1, 2, 1, 2}},
};

// A small deterministic generator (the standard distributions differ between libraries).
class Dice {
 public:
  explicit Dice(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
  template <std::size_t N>
  std::size_t Weighted(const std::array<int, N>& weights) {
    int total = 0;
    for (const int w : weights) total += w;
    int roll = Below(total);
    for (std::size_t i = 0; i < N; ++i) {
      if ((roll -= weights[i]) < 0) return i;
    }
    return N - 1;
  }

 private:
  std::uint64_t state_;
};

struct DemoForm {
  surveys::SurveyForm record;
  surveys::Form form;
};

Result<DemoForm> InsertDemoForm(storage::Transaction& tx, const DemoNetwork& demo,
                                std::string_view csv, const char* file_name,
                                surveys::FormState state) {
  const Workbook workbook = ENSEMBLE_TRY(spreadsheet::ReadCsvWorkbook(csv));
  surveys::XlsFormReading reading = surveys::ReadXlsForm(workbook);
  if (!reading.form) return Internal("the demo questionnaire does not read");
  DemoForm made{{}, std::move(*reading.form)};
  const tenancy::PersonId nadia = demo.people.at("nadia.benali@echo.example.org");
  made.record.owner = demo.structures.at("echo");
  made.record.collective = demo.collectives.at("Bien Vieillir");
  made.record.title = made.form.settings.form_title.at("");
  made.record.xform_id = made.form.settings.form_id;
  made.record.state = state;
  made.record.created_at = demo.now - 60LL * 24 * 3600 * 1000;
  surveys::FormVersion version;
  version.version = made.form.settings.version;
  version.source_format = surveys::SourceFormat::kCsv;
  version.source = std::string(csv);
  version.file_name = file_name;
  version.xform = surveys::WriteXForm(made.form);
  version.xform_md5 = Md5Hex(version.xform);
  version.created_by = nadia;
  version.created_at = made.record.created_at;
  made.record.id = ENSEMBLE_TRY(tx.Surveys().InsertForm(made.record, version, nadia));
  return made;
}

// Who helps one senior (a multiple choice), drawn from its own dice so that adding the question
// left the other answers as they were.
std::string HelpersOf(Dice& dice) {
  static constexpr std::array<std::pair<const char*, int>, 4> kHelpers = {
      {{"famille", 55}, {"voisins", 25}, {"aide_domicile", 30}, {"portage_repas", 12}}};
  std::string chosen;
  for (const auto& [name, percent] : kHelpers) {
    if (dice.Below(100) < percent) chosen += (chosen.empty() ? "" : " ") + std::string(name);
  }
  return chosen.empty() ? "personne" : chosen;
}

// What a senior adds in their own words, or nothing (most say nothing), drawn from its own
// dice as the helpers are.
std::string RemarkOf(Dice& dice) {
  static constexpr std::array<const char*, 12> kRemarks = {
      "J'aimerais sortir plus souvent, mais le bus ne passe plus dans ma rue.",
      "Les papiers en ligne me posent problème, j'ai besoin d'aide pour les démarches.",
      "Je me sens seule depuis le départ de mes enfants.",
      "Un atelier informatique près de chez moi serait bien.",
      "Mon logement n'est plus adapté, l'escalier est difficile.",
      "Les sorties du centre social me font du bien.",
      "J'ai du mal à trouver un médecin qui se déplace.",
      "Plus d'activités avec les jeunes du quartier, ce serait bien.",
      "Le bus et les transports, c'est compliqué pour aller au marché.",
      "Je voudrais apprendre à appeler mes petits-enfants en vidéo sur internet.",
      "Merci aux bénévoles du centre social.",
      "Des visites à domicile quand on ne peut plus sortir."};
  if (dice.Below(100) >= 40) return "";
  return kRemarks[static_cast<std::size_t>(dice.Below(static_cast<int>(kRemarks.size())))];
}

// One senior's answers as ODK writes the instance.
std::string SeniorInstance(const DemoForm& seniors, const CentreAnswers& centre,
                           std::size_t centre_index, Dice& dice, Dice& helpers, int number) {
  std::string remark;
  AppendXmlEscaped(remark, RemarkOf(helpers), false);
  static constexpr std::array<const char*, 2> kAlone = {"oui", "non"};
  static constexpr std::array<const char*, 4> kOutings = {"chaque_jour", "chaque_semaine",
                                                          "chaque_mois", "rarement"};
  static constexpr std::array<const char*, 3> kInternet = {"souvent", "parfois", "jamais"};
  static constexpr std::array<const char*, 6> kNeed = {"lien_social", "mobilite", "numerique",
                                                       "sante",       "logement", "demarches"};
  const int age = 60 + dice.Below(21) + dice.Below(15);
  const char* genre = dice.Below(3) == 0 ? "homme" : "femme";
  return fmt::format(
      R"(<data id="{}" version="{}"><age>{}</age><genre>{}</genre><seul>{}</seul>)"
      "<sorties>{}</sorties><internet>{}</internet><besoin>{}</besoin><aides>{}</aides>"
      "<remarque>{}</remarque>"
      "<meta><instanceID>uuid:de300000-0000-4000-8000-{:04d}{:08d}</instanceID></meta></data>",
      seniors.record.xform_id, seniors.form.settings.version, age, genre,
      kAlone[dice.Weighted(centre.alone)], kOutings[dice.Weighted(centre.outings)],
      kInternet[dice.Weighted(centre.internet)], kNeed[dice.Weighted(centre.need)],
      HelpersOf(helpers), remark, centre_index, number);
}

}  // namespace

Status LoadSurveysDemo(storage::Transaction& tx, DemoNetwork& demo) {
  const DemoForm seniors = ENSEMBLE_TRY(
      InsertDemoForm(tx, demo, kSeniors, "diagnostic-seniors.csv", surveys::FormState::kClosed));
  ENSEMBLE_TRY(InsertDemoForm(tx, demo, kPartners, "partenaires.csv", surveys::FormState::kOpen));
  Dice dice(20261001);
  Dice helpers(20261202);
  constexpr UnixMillis kDay = 24LL * 3600 * 1000;
  for (std::size_t c = 0; c < std::size(kCentres); ++c) {
    const CentreAnswers& centre = kCentres[c];
    const tenancy::StructureId structure = demo.structures.at(centre.structure);
    std::map<std::pair<std::string, std::string>, std::int64_t> counts;
    counts[{"", ""}] = centre.answers;
    std::map<std::array<std::string, 4>, std::int64_t> pairs;
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> numbers;
    std::vector<surveys::Submission> submissions;
    for (int n = 1; n <= centre.answers; ++n) {
      surveys::Submission submission;
      submission.form = seniors.record.id;
      submission.structure = structure;
      submission.xml = SeniorInstance(seniors, centre, c, dice, helpers, n);
      const surveys::Instance instance = ENSEMBLE_TRY(surveys::ReadInstance(submission.xml));
      submission.instance_id = instance.instance_id;
      submission.submitted_by = demo.people.at(centre.referent);
      // Over the eight weeks before the collection closed, two days ago.
      submission.submitted_at = demo.now - 2 * kDay - dice.Below(56) * kDay;
      surveys::AnswerTally tally = surveys::TallyAnswer(
          seniors.form, instance, ParisIsoDate(submission.submitted_at).substr(0, 7));
      CountWords(tally);
      for (const auto& choice : tally.choices) ++counts[choice];
      for (const surveys::PairCount& pair : tally.pairs) {
        ++pairs[{pair.first_path, pair.first_choice, pair.second_path, pair.second_choice}];
      }
      for (const surveys::NumberCount& number : tally.numbers) {
        ++numbers[{number.question_path, number.hundredths}];
      }
      submissions.push_back(std::move(submission));
    }
    ENSEMBLE_TRY_STATUS(tx.Surveys().InsertSubmissions(submissions));
    // The centre's counts, as its answers would have added them one by one.
    std::vector<surveys::AnswerCount> totals;
    for (const auto& [key, answers] : counts) totals.push_back({key.first, key.second, answers});
    ENSEMBLE_TRY_STATUS(tx.Surveys().AddCounts(seniors.record.id, structure, totals));
    std::vector<surveys::PairCount> pair_totals;
    for (const auto& [key, answers] : pairs) {
      pair_totals.push_back({key[0], key[1], key[2], key[3], answers});
    }
    ENSEMBLE_TRY_STATUS(tx.Surveys().AddPairCounts(seniors.record.id, structure, pair_totals));
    std::vector<surveys::NumberCount> number_totals;
    for (const auto& [key, answers] : numbers)
      number_totals.push_back({key.first, key.second, answers});
    ENSEMBLE_TRY_STATUS(tx.Surveys().AddNumberCounts(seniors.record.id, structure, number_totals));
  }
  return Ok();
}

}  // namespace ensemble::app
