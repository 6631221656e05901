// A questionnaire's results across structures, on both backends, on the demo network: the
// « Bien Vieillir » questionnaire answered at Alma (12 answers), at ECHO (6) and, a few each, at
// Fresnoy (2) and Basse Masure (3). Once ECHO closes the collection, every member reads the same
// tables: Alma and ECHO a row each, Fresnoy and Basse Masure pooled (5 answers together), small
// cells suppressed with their complements, and no suppressed cell recoverable from what is
// published. What crosses follows each structure's sharing level, one test per level; outsiders
// never learn the questionnaire exists.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>

#include "disclosure/disclosure.h"
#include "documents/test_support.h"
#include "tests/api/api_fixture.h"
#include "tests/api/demo_people.h"
#include "tests/api/surveys_demo_form.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;
using demo::kMartine;
using demo::kNadia;
using demo::kOlivier;
using demo::kSeniorsCsv;
using documents::test_support::RunCommand;
using documents::test_support::ScratchDir;

constexpr const char* kHelene = "helene.roussel@fresnoy.example.org";
constexpr const char* kThomas = "thomas.vandenberghe@bassemasure.example.org";

class SurveysResultsApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    collective_ = CollectiveId("Bien Vieillir");
    const Session nadia = SignIn(kNadia);
    const Reply created = Call(
        &nadia, "POST",
        "/api/v1/surveys/forms?file_name=seniors.csv&collective_id=" + std::to_string(collective_),
        kSeniorsCsv, {{"X-CSRF-Token", nadia.csrf}, {"Content-Type", "text/csv"}});
    ASSERT_EQ(created.status, 201) << created.body;
    form_ = "/api/v1/surveys/forms/" + std::to_string(created.json.at("id").as_int64());
    // Who answers what: (alone, not alone) per structure.
    Answer(kMartine, 5, 7);
    Answer(kNadia, 6, 0);
    Answer(kHelene, 1, 1);
    Answer(kThomas, 2, 1);
  }

  // `alone` answers « oui » and `not_alone` « non » from the structure `who` acts for.
  void Answer(const char* who, int alone, int not_alone) {
    const Session session = SignIn(who);
    for (int i = 0; i < alone + not_alone; ++i) {
      const std::string choice = i < alone ? "oui" : "non";
      const Reply stored = Submit(session, choice, NextInstanceId());
      ASSERT_EQ(stored.status, 201) << who << ": " << stored.body;
    }
  }

  Reply Submit(const Session& who, const std::string& choice, const std::string& instance_id,
               const std::string& deprecated_id = "", const std::string& helper = "") {
    std::string meta = "<instanceID>" + instance_id + "</instanceID>";
    if (!deprecated_id.empty()) meta += "<deprecatedID>" + deprecated_id + "</deprecatedID>";
    const std::string text = helper.empty() ? "" : "<aidant>" + helper + "</aidant>";
    return Call(&who, "POST", form_ + "/submissions",
                "<data id=\"" + xform_id_ + R"(" version="2026-12"><age>80</age><seul>)" + choice +
                    "</seul>" + text + "<meta>" + meta + "</meta></data>",
                {{"X-CSRF-Token", who.csrf}, {"Content-Type", "text/xml"}});
  }

  std::string NextInstanceId() {
    char id[64];
    std::snprintf(id, sizeof id, "uuid:00000000-0000-4000-8000-%012d", ++instances_);
    return id;
  }

  void Reopen() {
    const Reply opened =
        Send(SignIn(kNadia), "PUT", form_ + "/state", json::object{{"state", "open"}});
    ASSERT_EQ(opened.status, 200) << opened.body;
  }

  void Close() {
    const Reply closed =
        Send(SignIn(kNadia), "PUT", form_ + "/state", json::object{{"state", "closed"}});
    ASSERT_EQ(closed.status, 200) << closed.body;
  }

  // The structure's director sets what it shares of its survey answers with the collective.
  void Shares(const char* director, const std::string& structure, const std::string& level) {
    const Reply set = Send(SignIn(director), "PUT",
                           "/api/v1/collectives/" + std::to_string(collective_) + "/sharing/" +
                               std::to_string(StructureId(structure)),
                           json::object{{"levels", json::object{{"survey_answers", level}}}});
    ASSERT_EQ(set.status, 200) << set.body;
  }

  Reply Results(const char* who) { return Get(SignIn(who), form_ + "/results"); }

  // The question « Vivez-vous seul ? » of a results answer.
  static const json::value& Seul(const Reply& results) {
    return results.json.at("questions").at(0);
  }

  // The row labels of a results answer, in order.
  static std::vector<std::string> RowLabels(const Reply& results) {
    std::vector<std::string> labels;
    for (const auto& row : results.json.at("rows").as_array()) {
      labels.emplace_back(row.at("label").as_string());
    }
    return labels;
  }

  static std::string CountedOf(const Reply& results, const std::string& name) {
    for (const auto& member : results.json.at("members").as_array()) {
      if (member.at("name").as_string() == name)
        return std::string(member.at("counted").as_string());
    }
    return "absent";
  }

  // The demo's closed diagnostic, as `who` lists it.
  std::string DemoDiagnostic(const char* who) {
    const Reply forms = Get(SignIn(who), "/api/v1/surveys/forms");
    for (const json::value& form : forms.json.at("items").as_array()) {
      if (form.at("xform_id") == "diagnostic_seniors_2026") {
        return "/api/v1/surveys/forms/" + std::to_string(form.at("id").as_int64());
      }
    }
    ADD_FAILURE() << "no demo diagnostic for " << who << ": " << forms.body;
    return "/api/v1/surveys/forms/0";
  }

  // The question named `name` of a results answer.
  static const json::value& QuestionNamed(const Reply& results, std::string_view name) {
    for (const json::value& question : results.json.at("questions").as_array()) {
      if (question.at("name").as_string() == name) return question;
    }
    ADD_FAILURE() << "no question " << name;
    return results.json.at("questions").at(0);
  }

  std::int64_t collective_ = 0;
  std::string form_;
  std::string xform_id_ = "bien_vieillir_roubaix";  // form_'s
  int instances_ = 0;
};

constexpr const char* kAlma = "Centre social Alma";
constexpr const char* kEcho = "Centre social ECHO";
const std::string kPooled = "Autres structures (moins de 5 réponses chacune)";

TEST_F(SurveysResultsApi, EveryMemberReadsTheSameProtectedTablesOnceTheCollectionIsClosed) {
  // While answers come in, nothing is published: the next look would tell the new answer.
  const Reply open = Results(kMartine);
  EXPECT_EQ(open.status, 409) << open.body;
  EXPECT_EQ(open.ErrorCode(), "conflict");
  EXPECT_EQ(open.json.at("error").at("message").as_string(),
            "Les résultats croisés sont publiés une fois la collecte close : tant qu’elle reçoit "
            "des réponses, chaque nouvelle réponse se lirait dans l’écart entre deux "
            "consultations.");
  Close();

  const Reply results = Results(kMartine);
  ASSERT_EQ(results.status, 200) << results.body;
  EXPECT_EQ(results.json.at("threshold").as_int64(), 5);
  EXPECT_EQ(RowLabels(results), (std::vector<std::string>{kAlma, kEcho, kPooled}));
  EXPECT_EQ(CountedOf(results, "Centre social Fresnoy Mackellerie"), "pooled");
  EXPECT_EQ(CountedOf(results, "Centre social Basse Masure"), "pooled");
  // A member without answers is among the « fewer than 5 » too, never singled out.
  EXPECT_EQ(CountedOf(results, "Centre social des Trois Ponts"), "pooled");
  EXPECT_EQ(CountedOf(results, kAlma), "row");
  // « Vivez-vous seul ? », then the month the answers were sent in: a set period, every
  // answer in this one (the test's clock stands still).
  ASSERT_EQ(results.json.at("questions").as_array().size(), 2u) << results.body;
  const json::value& month = results.json.at("questions").at(1);
  EXPECT_EQ(month.at("name").as_string(), "sent@month");
  EXPECT_EQ(month.at("label").as_string(), "Mois de la réponse");
  ASSERT_EQ(month.at("columns").as_array().size(), 1u);
  EXPECT_EQ(month.at("grand_total").at("value").as_int64(), 23);
  const json::value& seul = Seul(results);
  EXPECT_EQ(seul.at("label").as_string(), "Vivez-vous seul ?");
  // A required question: no column of the unanswered.
  EXPECT_EQ(seul.at("columns"), json::parse(R"([{"key":"oui","label":"Oui"},)"
                                            R"({"key":"non","label":"Non"}])"));

  // The true table, with its totals: rows Alma, ECHO, pooled; columns oui, non.
  const std::vector<std::vector<std::int64_t>> truth = {
      {5, 7, 12}, {6, 0, 6}, {3, 2, 5}, {14, 9, 23}};
  std::vector<std::vector<bool>> hidden(4, std::vector<bool>(3, false));
  const auto check = [&](const json::value& cell, std::size_t r, std::size_t c) {
    const bool suppressed = cell.at("value").is_null();
    hidden[r][c] = suppressed;
    if (!suppressed) {
      EXPECT_EQ(cell.at("value").as_int64(), truth[r][c]) << r << "," << c;
      EXPECT_EQ(cell.at("reason").as_string(), "published");
    }
    const bool small = truth[r][c] > 0 && truth[r][c] < 5;
    if (small) {
      EXPECT_TRUE(suppressed) << r << "," << c;
      EXPECT_EQ(cell.at("label").as_string(), "< 5");
    }
  };
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t c = 0; c < 2; ++c) check(seul.at("cells").at(r).at(c), r, c);
    check(seul.at("row_totals").at(r), r, 2);
    // Each row's total is its answers, published the same in every table.
    EXPECT_FALSE(hidden[r][2]) << "row " << r;
  }
  for (std::size_t c = 0; c < 2; ++c) check(seul.at("column_totals").at(c), 3, c);
  check(seul.at("grand_total"), 3, 2);
  // The attack: nothing suppressed is pinned by what is published (and the sums it must obey).
  const auto pinned = disclosure::Audit(truth, hidden);
  ASSERT_TRUE(pinned.has_value());
  EXPECT_TRUE(pinned->empty()) << results.body;
  std::size_t suppressed = 0;
  for (const auto& line : hidden)
    suppressed += static_cast<std::size_t>(std::count(line.begin(), line.end(), true));
  EXPECT_GE(suppressed, 4u) << "the pooled row's two small cells and their complements";
  EXPECT_NE(results.json.at("rule").as_string().find("moins de 5 réponses"), std::string::npos);

  // ECHO, its designer, and a member whose answers are pooled read the very same tables.
  for (const char* other : {kNadia, kThomas, demo::kClaire}) {
    const Reply same = Results(other);
    ASSERT_EQ(same.status, 200) << other << ": " << same.body;
    EXPECT_EQ(same.json.at("questions"), results.json.at("questions")) << other;
    EXPECT_EQ(same.json.at("rows"), results.json.at("rows")) << other;
  }
}

TEST_F(SurveysResultsApi, AnEditMovesItsAnswerFromOneChoiceToTheOther) {
  const Session martine = SignIn(kMartine);
  // Martine's 6th answer was « non » (uuid …06); she corrects it to « oui ».
  ASSERT_EQ(
      Submit(martine, "oui", NextInstanceId(), "uuid:00000000-0000-4000-8000-000000000006").status,
      201);
  Close();
  const Reply results = Results(kMartine);
  ASSERT_EQ(results.status, 200) << results.body;
  const json::value& alma = Seul(results).at("row_totals").at(0);
  EXPECT_EQ(alma.at("value").as_int64(), 12) << "an edit replaces, it does not add";
  const json::value& oui_total = Seul(results).at("column_totals").at(0);
  EXPECT_EQ(oui_total.at("value").as_int64(), 15) << results.body;
}

TEST_F(SurveysResultsApi, OutsidersAndOtherHatsAreRefusedAndLearnNothing) {
  Close();
  for (const char* outsider : {kOlivier, demo::kAnne}) {
    const Session who = SignIn(outsider);
    const Reply refused = Get(who, form_ + "/results");
    EXPECT_EQ(refused.status, 404) << outsider << ": " << refused.body;
    EXPECT_EQ(refused.body, Get(who, "/api/v1/surveys/forms/999999/results").body) << outsider;
  }
  const Session hr = SignInActingFor(demo::kSophie, kAlma);
  const Reply forbidden = Get(hr, form_ + "/results");
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(forbidden.ErrorCode(), "permission_denied");
  EXPECT_EQ(Call(nullptr, "GET", form_ + "/results").status, 401);
  EXPECT_EQ(Get(SignIn(kMartine), "/api/v1/surveys/forms/x/results").ErrorField(), "id");
  // The owner's people read them; Alma's referent too: the same request succeeds.
  EXPECT_EQ(Results(kMartine).status, 200);
}

// One test per level of ECHO's sharing with « Bien Vieillir »: exactly what it promises crosses.
TEST_F(SurveysResultsApi, APrivateStructuresAnswersDoNotCountAnywhere) {
  Shares(demo::kMarc, kEcho, "private");
  Close();
  for (const char* reader : {kMartine, kNadia}) {
    const Reply results = Results(reader);
    ASSERT_EQ(results.status, 200) << results.body;
    EXPECT_EQ(RowLabels(results), (std::vector<std::string>{kAlma, kPooled})) << reader;
    EXPECT_EQ(CountedOf(results, kEcho), "not_shared") << reader;
    // Without ECHO's six « oui »: Alma's 5 and the pooled 3.
    EXPECT_EQ(Seul(results).at("grand_total").at("value").as_int64(), 17) << reader;
    // Nor do its ages (everyone answered 80).
    const json::value& age = results.json.at("numbers").at(0);
    EXPECT_EQ(age.at("total").at("answers").as_int64(), 17) << reader;
    EXPECT_EQ(age.at("rows").as_array().size(), 2u) << reader;
  }
}

TEST_F(SurveysResultsApi, AggregatesCountAndNoAnswerCrosses) {
  Shares(demo::kMarc, kEcho, "aggregates");
  Close();
  const Reply results = Results(kMartine);
  ASSERT_EQ(results.status, 200) << results.body;
  EXPECT_EQ(CountedOf(results, kEcho), "row");
  EXPECT_EQ(Seul(results).at("grand_total").at("value").as_int64(), 23);
  // Its ages count too, as its own row's mean and median.
  const json::value& age = results.json.at("numbers").at(0);
  EXPECT_EQ(age.at("total").at("answers").as_int64(), 23);
  EXPECT_EQ(age.at("rows").at(1).at("answers").as_int64(), 6);
  EXPECT_DOUBLE_EQ(age.at("rows").at(1).at("median").as_double(), 80);
  // Alma reads her own answers in full, none of ECHO's.
  const Reply answers = Get(SignIn(kMartine), form_ + "/submissions");
  EXPECT_EQ(answers.json.at("items").as_array().size(), 12u);
}

TEST_F(SurveysResultsApi, FullAndPublicCountAsAggregatesAndStillNoAnswerCrosses) {
  for (const char* level : {"full", "public"}) {
    Shares(demo::kMarc, kEcho, level);
    Close();
    const Reply results = Results(kMartine);
    ASSERT_EQ(results.status, 200) << level << ": " << results.body;
    EXPECT_EQ(CountedOf(results, kEcho), "row") << level;
    EXPECT_EQ(Seul(results).at("grand_total").at("value").as_int64(), 23) << level;
    // The results are counts: no answer, no instance, no person.
    EXPECT_EQ(results.body.find("uuid:"), std::string::npos) << level;
    EXPECT_EQ(results.body.find("Nadia"), std::string::npos) << level;
    // The answers themselves stay ECHO's: Alma lists only hers.
    const Reply answers = Get(SignIn(kMartine), form_ + "/submissions");
    EXPECT_EQ(answers.json.at("items").as_array().size(), 12u) << level;
    const Reply reopened =
        Send(SignIn(kNadia), "PUT", form_ + "/state", json::object{{"state", "open"}});
    ASSERT_EQ(reopened.status, 200);
  }
}

// The demo's diagnostic, closed: 328 answers from eight collecting structures, six with rows of
// their own and Trois Ponts (3) with the CCAS (4) pooled; each row's total is its answers in
// every one of the six choice questions' tables; the age has its mean and median by row.
TEST_F(SurveysResultsApi, TheDemoDiagnosticPublishesConsistentTables) {
  const Session martine = SignIn(kMartine);
  const Reply forms = Get(martine, "/api/v1/surveys/forms");
  std::string diagnostic;
  for (const json::value& form : forms.json.at("items").as_array()) {
    if (form.at("xform_id") == "diagnostic_seniors_2026") {
      diagnostic = "/api/v1/surveys/forms/" + std::to_string(form.at("id").as_int64());
      EXPECT_EQ(form.at("state").as_string(), "closed");
      EXPECT_EQ(form.at("own_answers").as_int64(), 78);
    }
  }
  ASSERT_FALSE(diagnostic.empty()) << forms.body;
  const Reply results = Get(martine, diagnostic + "/results");
  ASSERT_EQ(results.status, 200) << results.body;
  const json::array& rows = results.json.at("rows").as_array();
  ASSERT_EQ(rows.size(), 7u) << results.body;
  EXPECT_EQ(rows.back().at("key").as_string(), "others");
  EXPECT_EQ(rows.back().at("answers").as_int64(), 7);
  const json::array& questions = results.json.at("questions").as_array();
  // genre, seul, sorties, internet, besoin; aides (multiple); the month of the answer.
  ASSERT_EQ(questions.size(), 7u);
  const json::value& months = questions[6];
  EXPECT_EQ(months.at("name").as_string(), "sent@month");
  // Eight weeks of collection: two or three calendar months, named in French, in order.
  const json::array& month_columns = months.at("columns").as_array();
  ASSERT_GE(month_columns.size(), 2u) << months;
  ASSERT_LE(month_columns.size(), 3u) << months;
  EXPECT_LT(month_columns[0].at("key").as_string(), month_columns[1].at("key").as_string());
  EXPECT_NE(month_columns[0].at("label").as_string().find(" 2026"), json::string::npos);
  EXPECT_FALSE(questions[4].at("multiple").as_bool());
  ASSERT_TRUE(questions[5].at("multiple").as_bool());
  // Who helps: several answers each, so the choices' total is above the answers'.
  std::int64_t helped = 0;
  for (const json::value& cell : questions[5].at("column_totals").as_array()) {
    ASSERT_FALSE(cell.at("value").is_null()) << questions[5];
    helped += cell.at("value").as_int64();
  }
  EXPECT_GT(helped, 328);
  // The age (every senior gave it, 60 to 94): each row's mean and median, and everyone's.
  const json::array& numbers = results.json.at("numbers").as_array();
  ASSERT_EQ(numbers.size(), 1u) << results.body;
  EXPECT_EQ(numbers[0].at("name").as_string(), "age");
  const json::array& ages = numbers[0].at("rows").as_array();
  ASSERT_EQ(ages.size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(ages[r].at("answers"), rows[r].at("answers")) << r;
    const double mean = ages[r].at("mean").as_double();
    EXPECT_GT(mean, 60);
    EXPECT_LT(mean, 94);
    EXPECT_NEAR(
        ages[r].at("sum").as_double() / static_cast<double>(rows[r].at("answers").as_int64()), mean,
        1e-9);
  }
  EXPECT_EQ(numbers[0].at("total").at("answers").as_int64(), 328);
  EXPECT_NE(results.json.at("number_rule").as_string().find("médiane"), json::string::npos);
  for (const json::value& question : questions) {
    EXPECT_EQ(question.at("grand_total").at("value").as_int64(), 328) << question.at("name");
    for (std::size_t r = 0; r < rows.size(); ++r) {
      EXPECT_EQ(question.at("row_totals").at(r).at("value"), rows[r].at("answers"))
          << question.at("name") << " row " << r;
    }
  }
  // By commune: every named centre is in Roubaix; the pooled row is its own territory, so that
  // Roubaix's figures are those of the named rows alone.
  const json::array& territories = results.json.at("territories").as_array();
  ASSERT_EQ(territories.size(), 2u) << results.body;
  EXPECT_EQ(territories[0].at("key").as_string(), "59512");
  EXPECT_EQ(territories[0].at("label").as_string(), "Roubaix");
  EXPECT_EQ(territories[0].at("answers").as_int64(), 328 - 7);
  EXPECT_EQ(territories[1].at("key").as_string(), "others");
  EXPECT_EQ(territories[1].at("label").as_string(), "Structures regroupées");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r].at("territory").as_int64(), r + 1 == rows.size() ? 1 : 0);
  }
  for (const json::value& question : questions) {
    const json::array& by_territory = question.at("territory_cells").as_array();
    ASSERT_EQ(by_territory.size(), 2u);
    const std::size_t columns = question.at("columns").as_array().size();
    for (std::size_t c = 0; c < columns; ++c) {
      // Where Roubaix's cell and the column's rows are all published, they add up.
      const json::value& roubaix = by_territory[0].at(c).at("value");
      std::int64_t rows_sum = 0;
      bool all_published = true;
      for (std::size_t r = 0; r + 1 < rows.size(); ++r) {
        const json::value& cell = question.at("cells").at(r).at(c).at("value");
        all_published = all_published && !cell.is_null();
        rows_sum += cell.is_null() ? 0 : cell.as_int64();
      }
      if (all_published && !roubaix.is_null()) {
        EXPECT_EQ(roubaix.as_int64(), rows_sum) << question.at("name") << " column " << c;
      }
      // A hidden cell of the centres' table is not given away by Roubaix's: with exactly one
      // hidden among the named rows, Roubaix's cell hides too.
      int hidden = 0;
      for (std::size_t r = 0; r + 1 < rows.size(); ++r) {
        hidden += question.at("cells").at(r).at(c).at("value").is_null() ? 1 : 0;
      }
      if (hidden == 1) {
        EXPECT_TRUE(roubaix.is_null()) << question.at("name") << " column " << c;
      }
      EXPECT_EQ(by_territory[1].at(c), question.at("cells").at(rows.size() - 1).at(c));
    }
  }
}

TEST_F(SurveysResultsApi, TheRuleIsInTheReadersLanguage) {
  const Session martine = SignIn(kMartine);
  ASSERT_EQ(Send(martine, "PUT", "/api/v1/me/language", json::object{{"language", "en"}}).status,
            200);
  const Reply forms = Get(martine, "/api/v1/surveys/forms");
  for (const json::value& form : forms.json.at("items").as_array()) {
    if (form.at("xform_id") != "diagnostic_seniors_2026") continue;
    const Reply results = Get(
        martine, "/api/v1/surveys/forms/" + std::to_string(form.at("id").as_int64()) + "/results");
    ASSERT_EQ(results.status, 200) << results.body;
    EXPECT_NE(results.json.at("rule").as_string().find("protected together"), json::string::npos);
    EXPECT_EQ(results.json.at("territories").at(1).at("label").as_string(), "Pooled structures");
    return;
  }
  FAIL() << "no demo diagnostic";
}

// What a reader of a file finds in it, a line each: for the XLSX, openpyxl's sheets, each row's
// cells joined by "|" under its sheet's name; for the CSV, Python's csv module's rows.
std::string ReadBack(const std::string& bytes, bool xlsx) {
  const std::string script = xlsx ? R"PY(
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
for sheet in book.worksheets:
    print("## " + sheet.title)
    for row in sheet.iter_rows(values_only=True):
        print("|".join("" if v is None else str(v) for v in row))
)PY"
                                  : R"PY(
import sys, csv
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    for row in csv.reader(f):
        print("|".join(row))
)PY";
  ScratchDir dir;
  const auto result = RunCommand(std::string(documents::test_support::kPython) + " " +
                                 dir.Write("read.py", script) + " " +
                                 dir.Write(xlsx ? "results.xlsx" : "results.csv", bytes) + " 2>&1");
  EXPECT_EQ(result.exit_code, 0) << result.out;
  return result.out;
}

bool Has(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

// The demo diagnostic's results as files: every published cell of the JSON, and every marker,
// is what openpyxl and Python's csv read back, by structure and by commune.
TEST_F(SurveysResultsApi, TheResultsDownloadAsTheyArePublished) {
  const Session martine = SignIn(kMartine);
  std::string diagnostic;
  const Reply forms = Get(martine, "/api/v1/surveys/forms");
  for (const json::value& form : forms.json.at("items").as_array()) {
    if (form.at("xform_id") == "diagnostic_seniors_2026") {
      diagnostic = "/api/v1/surveys/forms/" + std::to_string(form.at("id").as_int64());
    }
  }
  ASSERT_FALSE(diagnostic.empty());
  const Reply results = Get(martine, diagnostic + "/results");
  ASSERT_EQ(results.status, 200) << results.body;
  const Reply xlsx = Get(martine, diagnostic + "/results.xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.headers.at("content-disposition"),
            "attachment; filename=\"diagnostic_seniors_2026_resultats.xlsx\"");
  const Reply csv = Get(martine, diagnostic + "/results.csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers.at("content-type"), "text/csv; charset=utf-8");
  const std::string sheets = ReadBack(xlsx.body, true);
  const std::string lines = ReadBack(csv.body, false);
  EXPECT_TRUE(Has(lines, "question|ventilation|ligne|choix|effectif")) << lines;
  const json::array& rows = results.json.at("rows").as_array();
  const json::array& territories = results.json.at("territories").as_array();
  int suppressed = 0;
  for (const json::value& question : results.json.at("questions").as_array()) {
    const std::string name(question.at("name").as_string());
    EXPECT_NE(sheets.find("## " + name + " par structure"), std::string::npos) << sheets;
    EXPECT_NE(sheets.find("## " + name + " par commune"), std::string::npos) << sheets;
    const json::array& columns = question.at("columns").as_array();
    auto check = [&](const json::array& lines_of, const json::array& cells, std::size_t r,
                     const std::string& breakdown, const json::value& answers) {
      const std::string label(lines_of[r].at("label").as_string());
      std::string sheet_row = label;
      for (std::size_t c = 0; c < columns.size(); ++c) {
        const json::value& cell = cells.at(r).at(c);
        const std::string text(cell.at("label").as_string());
        suppressed += cell.at("value").is_null() ? 1 : 0;
        sheet_row += "|" + text;
        EXPECT_TRUE(Has(lines, name + "|" + breakdown + "|" + label + "|" +
                                   std::string(columns[c].at("key").as_string()) + "|" + text))
            << name << " " << label << " " << c;
      }
      sheet_row += "|" + std::to_string(answers.as_int64());
      EXPECT_TRUE(Has(sheets, sheet_row)) << sheet_row << "\n" << sheets;
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
      check(rows, question.at("cells").as_array(), r, "Structure", rows[r].at("answers"));
    }
    for (std::size_t t = 0; t < territories.size(); ++t) {
      check(territories, question.at("territory_cells").as_array(), t, "Commune",
            territories[t].at("answers"));
    }
  }
  EXPECT_GT(suppressed, 0);  // the markers are there, not numbers
  EXPECT_NE(sheets.find(std::string(results.json.at("rule").as_string())), std::string::npos);
  // The age: a sheet of its answers, mean and median by structure; a line each in the CSV.
  const json::value& age = results.json.at("numbers").at(0);
  EXPECT_NE(sheets.find("## age par structure"), std::string::npos) << sheets;
  EXPECT_TRUE(Has(sheets, "Structure|Réponses|Moyenne|Médiane")) << sheets;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string label(rows[r].at("label").as_string());
    const json::value& row = age.at("rows").at(r);
    EXPECT_TRUE(Has(lines, "age|Structure|" + label + "|answers|" +
                               std::to_string(row.at("answers").as_int64())))
        << label << "\n"
        << lines;
    EXPECT_TRUE(Has(lines, "age|Structure|" + label + "|median|" +
                               fmt::format("{:.2f}", row.at("median").as_double())))
        << label;
  }
  EXPECT_NE(sheets.find(std::string(results.json.at("number_rule").as_string())),
            std::string::npos);
  // The remarks' words: a sheet, and a line each in the CSV, as the JSON has them.
  const json::value& remarks = results.json.at("texts").at(0);
  ASSERT_FALSE(remarks.at("words").as_array().empty()) << remarks;
  // A sheet's name holds no ":" (Excel's rule): the writer makes it a dash.
  EXPECT_NE(sheets.find("## remarque - mots"), std::string::npos) << sheets;
  for (const json::value& word : remarks.at("words").as_array()) {
    const std::string text(word.at("word").as_string());
    const std::string count = std::to_string(word.at("answers").as_int64());
    EXPECT_GE(word.at("answers").as_int64(), 5);
    EXPECT_TRUE(Has(sheets, text + "|" + count)) << text;
    EXPECT_TRUE(Has(lines, "remarque|Mot|Ensemble des structures|" + text + "|" + count)) << text;
  }
  // Each export is audited.
  const Reply audit =
      Get(SignIn(demo::kClaire),
          "/api/v1/structures/" + std::to_string(StructureId(kAlma)) + "/audit?action=export");
  EXPECT_NE(audit.body.find("survey_results"), std::string::npos) << audit.body;
}

TEST_F(SurveysResultsApi, TheResultFilesAreRefusedAsTheResultsAre) {
  for (const char* file : {"/results.csv", "/results.xlsx", "/report.pdf"}) {
    const Reply open = Get(SignIn(kMartine), form_ + file);
    EXPECT_EQ(open.status, 409) << open.body;  // still collecting
    Close();
    for (const char* outsider : {kOlivier, demo::kAnne}) {
      const Reply refused = Get(SignIn(outsider), form_ + file);
      EXPECT_EQ(refused.status, 404) << outsider << ": " << refused.body;
    }
    EXPECT_EQ(Get(SignInActingFor(demo::kSophie, kAlma), form_ + file).status, 403);
    EXPECT_EQ(Call(nullptr, "GET", form_ + file).status, 401);
    EXPECT_EQ(Get(SignIn(kMartine), std::string("/api/v1/surveys/forms/x") + file).ErrorField(),
              "id");
    EXPECT_EQ(Get(SignIn(kMartine), form_ + file).status, 200);
    Reopen();
  }
}

// The free texts' words: only those at least 5 answers used cross, counted in answers; a name
// one senior gave never leaves Alma, nor do figures.
TEST_F(SurveysResultsApi, AFreeTextsWordsCrossOnlyWhenEnoughAnswersUseThem) {
  const Session martine = SignIn(kMartine);
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(Submit(martine, "non", NextInstanceId(), "", "Ma voisine m'aide, ma voisine").status,
              201);
  }
  ASSERT_EQ(Submit(martine, "non", NextInstanceId(), "", "Monsieur Zerbib au 0612345678").status,
            201);
  Close();
  for (const char* reader : {kMartine, kNadia}) {
    const Reply results = Results(reader);
    ASSERT_EQ(results.status, 200) << results.body;
    const json::array& texts = results.json.at("texts").as_array();
    ASSERT_EQ(texts.size(), 1u) << results.body;
    EXPECT_EQ(texts[0].at("name").as_string(), "aidant");
    std::map<std::string, std::int64_t> words;
    for (const json::value& word : texts[0].at("words").as_array()) {
      words[std::string(word.at("word").as_string())] = word.at("answers").as_int64();
    }
    // Twice in each of five answers: five answers.
    EXPECT_EQ(words["voisine"], 5) << results.body;
    EXPECT_EQ(words["aide"], 5);
    EXPECT_FALSE(words.contains("zerbib")) << "one answer's word stays at Alma";
    EXPECT_FALSE(words.contains("monsieur"));
    EXPECT_EQ(results.body.find("0612345678"), std::string::npos);
    EXPECT_EQ(results.body.find("Zerbib"), std::string::npos);
    EXPECT_NE(results.json.at("word_rule").as_string().find("au moins 5 réponses"),
              json::string::npos);
  }
}

// A set period: any question crossed with the month of the answers, whose margins are the two
// tables of the results.
TEST_F(SurveysResultsApi, AQuestionCrossesWithTheMonthOfTheAnswers) {
  const std::string diagnostic = DemoDiagnostic(kMartine);
  const Session martine = SignIn(kMartine);
  const Reply results = Get(martine, diagnostic + "/results");
  ASSERT_EQ(results.status, 200);
  const Reply cross = Get(martine, diagnostic + "/crosstab?rows=internet&columns=sent%40month");
  ASSERT_EQ(cross.status, 200) << cross.body;
  EXPECT_EQ(cross.json.at("grand_total").at("value").as_int64(), 328);
  const json::value& months = cross.json.at("columns_question");
  EXPECT_EQ(months.at("label").as_string(), "Mois de la réponse");
  json::value month_question;
  for (const json::value& question : results.json.at("questions").as_array()) {
    if (question.at("name") == "sent@month") month_question = question;
  }
  ASSERT_TRUE(month_question.is_object());
  EXPECT_EQ(months.at("columns"), month_question.at("columns"));
  EXPECT_EQ(cross.json.at("column_totals"), month_question.at("column_totals"));
}

// The printable report of the chosen questions, as poppler reads it: theirs only, in the order
// asked, with the published cells and the markers, and the rules; bad lists name `questions`.
TEST_F(SurveysResultsApi, TheReportPrintsTheChosenQuestionsAsTheyArePublished) {
  const std::string diagnostic = DemoDiagnostic(kMartine);
  const Session martine = SignIn(kMartine);
  const Reply results = Get(martine, diagnostic + "/results");
  ASSERT_EQ(results.status, 200);
  const Reply pdf = Get(martine, diagnostic + "/report.pdf?questions=internet,age,aides,remarque");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.headers.at("content-type"), "application/pdf");
  EXPECT_EQ(pdf.headers.at("content-disposition"),
            "attachment; filename=\"diagnostic_seniors_2026_rapport.pdf\"");
  ScratchDir dir;
  const std::string path = dir.Write("rapport.pdf", pdf.body);
  std::string text = RunCommand("pdftotext " + path + " -").out;
  for (const std::string space : {"\u202F", "\u00A0"}) {
    for (std::size_t at; (at = text.find(space)) != std::string::npos;) {
      text.replace(at, space.size(), " ");
    }
  }
  const auto at = [&](const std::string& words) { return text.find(words); };
  ASSERT_NE(at("Utilisez-vous internet ?"), std::string::npos) << text;
  ASSERT_NE(at("Quel âge avez-vous ?"), std::string::npos) << text;
  ASSERT_NE(at("Qui vous aide au quotidien ?"), std::string::npos) << text;
  EXPECT_LT(at("Utilisez-vous internet ?"), at("Quel âge avez-vous ?"));
  EXPECT_LT(at("Quel âge avez-vous ?"), at("Qui vous aide au quotidien ?"));
  EXPECT_EQ(at("Vivez-vous seul"), std::string::npos) << "not chosen";
  EXPECT_NE(at("internet par structure"), std::string::npos);
  EXPECT_NE(at("internet par commune"), std::string::npos);
  EXPECT_NE(at("Moyenne"), std::string::npos);
  EXPECT_NE(at("< 5"), std::string::npos) << "the markers, not the hidden counts";
  EXPECT_NE(at("Les cases de moins de 5"), std::string::npos);
  EXPECT_NE(at("Moyennes et médianes"), std::string::npos);
  EXPECT_NE(at("Voulez-vous ajouter quelque chose ?"), std::string::npos);
  EXPECT_NE(at("remarque : mots"), std::string::npos);
  EXPECT_NE(at("Mots des réponses libres"), std::string::npos);
  // Every question when none is named; poppler renders the first page.
  const Reply all = Get(martine, diagnostic + "/report.pdf");
  ASSERT_EQ(all.status, 200);
  const std::string all_path = dir.Write("tout.pdf", all.body);
  EXPECT_NE(RunCommand("pdftotext " + all_path + " -").out.find("Vivez-vous seul"),
            std::string::npos);
  EXPECT_EQ(RunCommand("pdftoppm -r 30 -f 1 -l 1 -png " + all_path + " " + dir.File("p")).exit_code,
            0);
  for (const char* bad : {"?questions=nope", "?questions=seul,seul", "?questions=seul,,age",
                          "?questions=,", "?questions=%2Fdata%2Fseul"}) {
    const Reply refused = Get(martine, diagnostic + "/report.pdf" + bad);
    EXPECT_EQ(refused.status, 400) << bad << ": " << refused.body;
    EXPECT_EQ(refused.ErrorField(), "questions") << bad;
  }
  // Audited with the questions named.
  const Reply audit =
      Get(SignIn(demo::kClaire),
          "/api/v1/structures/" + std::to_string(StructureId(kAlma)) + "/audit?action=export");
  EXPECT_NE(audit.body.find("internet,age,aides,remarque"), std::string::npos) << audit.body;
}

// The cross table of two of the demo's questions: its margins are the two questions' column
// totals in the results, published or hidden alike; its published cells add up where a line is
// whole; its small counts are hidden.
TEST_F(SurveysResultsApi, TheDemoCrossTableKeepsToTheTwoQuestionsTables) {
  const std::string diagnostic = DemoDiagnostic(kMartine);
  const Session martine = SignIn(kMartine);
  const Reply results = Get(martine, diagnostic + "/results");
  ASSERT_EQ(results.status, 200) << results.body;
  const Reply cross = Get(martine, diagnostic + "/crosstab?rows=seul&columns=internet");
  ASSERT_EQ(cross.status, 200) << cross.body;
  EXPECT_FALSE(cross.json.at("withheld").as_bool());
  EXPECT_FALSE(cross.json.at("empty").as_bool());
  EXPECT_EQ(cross.json.at("rows_question").at("name"), "seul");
  EXPECT_EQ(cross.json.at("columns_question").at("name"), "internet");
  EXPECT_EQ(cross.json.at("grand_total").at("value").as_int64(), 328);
  const json::value& seul = QuestionNamed(results, "seul");
  const json::value& internet = QuestionNamed(results, "internet");
  EXPECT_EQ(cross.json.at("rows_question").at("columns"), seul.at("columns"));
  EXPECT_EQ(cross.json.at("columns_question").at("columns"), internet.at("columns"));
  EXPECT_EQ(cross.json.at("row_totals"), seul.at("column_totals"));
  EXPECT_EQ(cross.json.at("column_totals"), internet.at("column_totals"));
  const json::array& cells = cross.json.at("cells").as_array();
  ASSERT_EQ(cells.size(), seul.at("columns").as_array().size());
  int published = 0;
  for (std::size_t a = 0; a < cells.size(); ++a) {
    std::int64_t sum = 0;
    bool whole = true;
    for (std::size_t b = 0; b < cells[a].as_array().size(); ++b) {
      const json::value& cell = cells[a].at(b);
      const json::value& value = cell.at("value");
      if (cell.at("reason") == "published") {
        ++published;
        sum += value.as_int64();
        EXPECT_TRUE(value.as_int64() == 0 || value.as_int64() >= 5) << a << "," << b;
      } else {
        whole = false;
        EXPECT_TRUE(value.is_null());
        EXPECT_NE(cell.at("label"), "0");
      }
    }
    const json::value& total = cross.json.at("row_totals").at(a).at("value");
    if (whole && !total.is_null()) {
      EXPECT_EQ(sum, total.as_int64()) << "row " << a;
    }
  }
  EXPECT_GT(published, 0) << cross.body;
  // Counts of structures, never answers.
  EXPECT_EQ(cross.body.find("uuid:"), std::string::npos);
  // The same table for every reader, ECHO's coordinator included.
  const Reply nadias =
      Get(SignIn(kNadia), DemoDiagnostic(kNadia) + "/crosstab?rows=seul&columns=internet");
  EXPECT_EQ(nadias.body, cross.body);
}

TEST_F(SurveysResultsApi, TheCrossTableIsRefusedAsTheResultsAreAndNamesBadQuestions) {
  const std::string diagnostic = DemoDiagnostic(kMartine);
  const std::string query = "/crosstab?rows=seul&columns=internet";
  // The fixture's questionnaire is still collecting: 409, as its results.
  EXPECT_EQ(Get(SignIn(kMartine), form_ + "/crosstab?rows=seul&columns=age").status, 409);
  for (const char* outsider : {kOlivier, demo::kAnne}) {
    const Session who = SignIn(outsider);
    const Reply refused = Get(who, diagnostic + query);
    EXPECT_EQ(refused.status, 404) << outsider << ": " << refused.body;
    EXPECT_EQ(refused.body, Get(who, "/api/v1/surveys/forms/999999" + query).body) << outsider;
  }
  const Reply forbidden = Get(SignInActingFor(demo::kSophie, kAlma), diagnostic + query);
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(Call(nullptr, "GET", diagnostic + query).status, 401);
  const Session martine = SignIn(kMartine);
  EXPECT_EQ(Get(martine, "/api/v1/surveys/forms/x" + query).ErrorField(), "id");
  struct Bad {
    std::string query, field;
  };
  for (const Bad& bad : std::vector<Bad>{{"?columns=internet", "rows"},
                                         {"?rows=seul", "columns"},
                                         {"?rows=&columns=internet", "rows"},
                                         {"?rows=nope&columns=internet", "rows"},
                                         {"?rows=seul&columns=nope", "columns"},
                                         {"?rows=seul&columns=seul", "columns"},
                                         {"?rows=seul&columns=%2Fdata%2Finternet", "columns"},
                                         // A multiple choice and a number do not cross.
                                         {"?rows=aides&columns=internet", "rows"},
                                         {"?rows=seul&columns=age", "columns"}}) {
    const Reply refused = Get(martine, diagnostic + "/crosstab" + bad.query);
    EXPECT_EQ(refused.status, 400) << bad.query << ": " << refused.body;
    EXPECT_EQ(refused.ErrorCode(), "invalid_argument") << bad.query;
    EXPECT_EQ(refused.ErrorField(), bad.field) << bad.query;
  }
  // The owner's coordinator, with the same request: served.
  EXPECT_EQ(Get(martine, diagnostic + query).status, 200);
}

// One test per level of ECHO's sharing: the cross table counts exactly the structures the
// results count, and no answer crosses.
TEST_F(SurveysResultsApi, ACrossTableCountsExactlyWhatEachSharingLevelLetsOut) {
  const std::string diagnostic = DemoDiagnostic(kMartine);
  for (const char* level : {"private", "aggregates", "full", "public"}) {
    Shares(demo::kMarc, kEcho, level);
    const Session martine = SignIn(kMartine);
    const Reply results = Get(martine, diagnostic + "/results");
    const Reply cross = Get(martine, diagnostic + "/crosstab?rows=genre&columns=besoin");
    ASSERT_EQ(results.status, 200) << level << ": " << results.body;
    ASSERT_EQ(cross.status, 200) << level << ": " << cross.body;
    const std::int64_t counted =
        QuestionNamed(results, "genre").at("grand_total").at("value").as_int64();
    EXPECT_EQ(cross.json.at("grand_total").at("value").as_int64(), counted) << level;
    // At private ECHO's 64 answers count nowhere; from aggregates on, all 328.
    EXPECT_EQ(counted, std::string(level) == "private" ? 328 - 64 : 328) << level;
    EXPECT_EQ(cross.json.at("row_totals"), QuestionNamed(results, "genre").at("column_totals"))
        << level;
    EXPECT_EQ(cross.body.find("uuid:"), std::string::npos) << level;
  }
}

// The cross table as files: what openpyxl and Python's csv read back is the JSON's table, its
// markers included; the files are refused as the table is.
TEST_F(SurveysResultsApi, TheCrossTableDownloadsAsItIsPublished) {
  const std::string diagnostic = DemoDiagnostic(kMartine);
  const Session martine = SignIn(kMartine);
  const std::string query = "?rows=seul&columns=internet";
  const Reply cross = Get(martine, diagnostic + "/crosstab" + query);
  ASSERT_EQ(cross.status, 200) << cross.body;
  const Reply xlsx = Get(martine, diagnostic + "/crosstab.xlsx" + query);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.headers.at("content-disposition"),
            "attachment; filename=\"diagnostic_seniors_2026_tableau_croise_seul_internet.xlsx\"");
  const Reply csv = Get(martine, diagnostic + "/crosstab.csv" + query);
  ASSERT_EQ(csv.status, 200) << csv.body;
  const std::string sheets = ReadBack(xlsx.body, true);
  const std::string lines = ReadBack(csv.body, false);
  EXPECT_NE(sheets.find("## seul croisé avec internet"), std::string::npos) << sheets;
  EXPECT_TRUE(Has(lines, "seul|internet|effectif")) << lines;
  const json::array& a_columns = cross.json.at("rows_question").at("columns").as_array();
  const json::array& b_columns = cross.json.at("columns_question").at("columns").as_array();
  for (std::size_t a = 0; a < a_columns.size(); ++a) {
    std::string sheet_row(a_columns[a].at("label").as_string());
    for (std::size_t b = 0; b < b_columns.size(); ++b) {
      const std::string text(cross.json.at("cells").at(a).at(b).at("label").as_string());
      sheet_row += "|" + text;
      EXPECT_TRUE(Has(lines, std::string(a_columns[a].at("key").as_string()) + "|" +
                                 std::string(b_columns[b].at("key").as_string()) + "|" + text))
          << a << "," << b << "\n"
          << lines;
    }
    sheet_row += "|" + std::string(cross.json.at("row_totals").at(a).at("label").as_string());
    EXPECT_TRUE(Has(sheets, sheet_row)) << sheet_row << "\n" << sheets;
  }
  std::string totals = "Ensemble des structures";
  for (const json::value& cell : cross.json.at("column_totals").as_array()) {
    totals += "|" + std::string(cell.at("label").as_string());
  }
  EXPECT_TRUE(Has(sheets, totals + "|328")) << sheets;
  // Refused as the table is: a bad question, an outsider.
  const Reply bad = Get(martine, diagnostic + "/crosstab.csv?rows=seul&columns=seul");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorField(), "columns");
  EXPECT_EQ(Get(SignIn(kOlivier), diagnostic + "/crosstab.xlsx" + query).status, 404);
}

// « Bien Vieillir »'s threshold, set by its coordinating structure (ECHO): a questionnaire
// designed for the collective takes it when created and keeps it, whatever the collective
// decides later; a questionnaire made before keeps its own.
TEST_F(SurveysResultsApi, AQuestionnaireKeepsItsCollectivesThresholdOfWhenItWasCreated) {
  const std::string collective = "/api/v1/collectives/" + std::to_string(collective_);
  const std::string setting = collective + "/disclosure";
  const Session nadia = SignIn(kNadia);
  EXPECT_EQ(Get(nadia, collective).json.at("disclosure_threshold").as_int64(), 5);
  // Outsiders learn nothing; Alma, a member, is refused; bad values change nothing.
  const Reply hidden = Send(SignIn(kOlivier), "PUT", setting, json::object{{"threshold", 10}});
  EXPECT_EQ(hidden.status, 404) << hidden.body;
  EXPECT_EQ(hidden.body, Send(SignIn(kOlivier), "PUT", "/api/v1/collectives/999999/disclosure",
                              json::object{{"threshold", 10}})
                             .body);
  EXPECT_EQ(Send(SignIn(kMartine), "PUT", setting, json::object{{"threshold", 10}}).status, 403);
  EXPECT_EQ(
      Call(nullptr, "PUT", setting, R"({"threshold":10})", {{"Content-Type", "application/json"}})
          .status,
      401);
  for (const json::value& bad : {json::value(2), json::value(51), json::value("10"),
                                 json::value(nullptr), json::value(7.5)}) {
    const Reply refused = Send(nadia, "PUT", setting, json::object{{"threshold", bad}});
    EXPECT_EQ(refused.status, 400) << json::serialize(bad) << ": " << refused.body;
    EXPECT_EQ(refused.ErrorField(), "threshold") << json::serialize(bad);
  }
  EXPECT_EQ(Send(nadia, "PUT", setting, json::object{{"threshold", 10}, {"k", 1}}).status, 400);
  EXPECT_EQ(Get(nadia, collective).json.at("disclosure_threshold").as_int64(), 5);
  // ECHO's coordinator sets it; the collective says so, and who may change it.
  const Reply set = Send(nadia, "PUT", setting, json::object{{"threshold", 10}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json.at("disclosure_threshold").as_int64(), 10);
  EXPECT_EQ(set.json.at("actions"), json::array{"set_disclosure_threshold"});
  EXPECT_EQ(Get(SignIn(kMartine), collective).json.at("actions"), json::array{});
  // The questionnaire of the fixture, made before, keeps 5; a new one takes 10.
  EXPECT_EQ(Get(nadia, form_).json.at("threshold").as_int64(), 5);
  const Reply created = Call(
      &nadia, "POST",
      "/api/v1/surveys/forms?file_name=seniors.csv&collective_id=" + std::to_string(collective_),
      std::string(kSeniorsCsv)
          .replace(std::string(kSeniorsCsv).find("bien_vieillir_roubaix"), 21,
                   "bien_vieillir_seuil"),
      {{"X-CSRF-Token", nadia.csrf}, {"Content-Type", "text/csv"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json.at("threshold").as_int64(), 10);
  // Changed again later: the new questionnaire's results still use 10.
  ASSERT_EQ(Send(nadia, "PUT", setting, json::object{{"threshold", 3}}).status, 200);
  form_ = "/api/v1/surveys/forms/" + std::to_string(created.json.at("id").as_int64());
  xform_id_ = "bien_vieillir_seuil";
  Answer(kMartine, 8, 4);
  Answer(kNadia, 3, 3);
  Close();
  const Reply results = Results(kMartine);
  ASSERT_EQ(results.status, 200) << results.body;
  EXPECT_EQ(results.json.at("threshold").as_int64(), 10);
  EXPECT_NE(results.json.at("rule").as_string().find("10"), std::string::npos) << results.body;
  // Alma's 12 answers make a row; ECHO's 6 are under 10, and left out alone.
  EXPECT_EQ(RowLabels(results), std::vector<std::string>{kAlma});
  EXPECT_EQ(CountedOf(results, kEcho), "left_out");
}

}  // namespace
}  // namespace ensemble::testing_support
