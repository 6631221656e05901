// Answers over HTTP, on both backends, on the demo network: the « Bien Vieillir » questionnaire
// that Nadia Benali (ECHO) designed for the collective is answered at Alma by its referent,
// Martine Lemaire. An answer is its collecting structure's alone: Alma's people read it in full;
// ECHO, although it owns the form, reads none of it; a structure outside the collective never
// learns the form exists. Each answer that does not fit the form is refused, naming where, and
// stores nothing; ODK's resends, edits and files behave as ODK clients expect.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "app/surveys/surveys_use_cases.h"
#include "documents/test_support.h"
#include "jobs/housekeeping.h"
#include "jobs/job_runner.h"
#include "jobs/record_job.h"
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

constexpr const char* kFirst = "uuid:11111111-1111-4111-8111-111111111111";
constexpr const char* kSecond = "uuid:22222222-2222-4222-8222-222222222222";

std::string Instance(const std::string& answers, const std::string& instance_id,
                     const std::string& deprecated_id = "") {
  std::string meta = "<instanceID>" + instance_id + "</instanceID>";
  if (!deprecated_id.empty()) meta += "<deprecatedID>" + deprecated_id + "</deprecatedID>";
  return R"(<?xml version="1.0"?><data id="bien_vieillir_roubaix" version="2026-12">)" + answers +
         "<meta>" + meta + "</meta></data>";
}

const std::string kAnswers = "<age>82</age><seul>non</seul><aidant>Sa fille</aidant><photo/>";

class SurveysSubmissionsApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const Session nadia = SignIn(kNadia);
    const Reply created =
        Call(&nadia, "POST",
             "/api/v1/surveys/forms?file_name=seniors.csv&collective_id=" +
                 std::to_string(CollectiveId("Bien Vieillir")),
             kSeniorsCsv, {{"X-CSRF-Token", nadia.csrf}, {"Content-Type", "text/csv"}});
    ASSERT_EQ(created.status, 201) << created.body;
    form_ = "/api/v1/surveys/forms/" + std::to_string(created.json.at("id").as_int64());
  }

  Reply Submit(const Session& who, const std::string& body, const std::string& type = "text/xml") {
    return Call(&who, "POST", form_ + "/submissions", body,
                {{"X-CSRF-Token", who.csrf}, {"Content-Type", type}});
  }

  // A refused submission: the status, the code and the field, and nothing stored.
  Reply ExpectRefused(const Session& who, const std::string& body, int status,
                      const std::string& code, const std::string& field,
                      const std::string& type = "text/xml") {
    const std::string before = SnapshotData();
    const Reply reply = Submit(who, body, type);
    EXPECT_EQ(reply.status, status) << reply.body;
    EXPECT_EQ(reply.ErrorCode(), code) << reply.body;
    EXPECT_EQ(reply.ErrorField(), field) << reply.body;
    EXPECT_EQ(SnapshotData(), before) << "a refused submission changed stored data";
    return reply;
  }

  std::string form_;
};

std::string Multipart(const std::string& boundary, const std::string& xml,
                      const std::vector<std::pair<std::string, std::string>>& files) {
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; "
                     "filename=\"submission.xml\"\r\nContent-Type: text/xml\r\n\r\n" +
                     xml + "\r\n";
  for (const auto& [name, bytes] : files) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
            "\"; filename=\"" + name + "\"\r\nContent-Type: image/jpeg\r\n\r\n" + bytes + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

TEST_F(SurveysSubmissionsApi, TheCollectingStructureAloneReadsItsAnswers) {
  const Session martine = SignIn(kMartine);
  const Reply stored = Submit(martine, Instance(kAnswers, kFirst));
  ASSERT_EQ(stored.status, 201) << stored.body;
  EXPECT_EQ(stored.json.at("instance_id").as_string(), kFirst);
  EXPECT_EQ(stored.json.at("version").as_string(), "2026-12");
  EXPECT_EQ(stored.json.at("answers").at("/data/age").as_string(), "82");
  EXPECT_EQ(stored.json.at("answers").at("/data/aidant").as_string(), "Sa fille");
  EXPECT_FALSE(stored.json.at("resent").as_bool());
  EXPECT_EQ(stored.json.at("submitted_by_name").as_string(), "Martine Lemaire");

  // Alma's people read it in full: the referent who collected it, the director.
  for (const char* alma : {kMartine, demo::kClaire}) {
    const Reply list = Get(SignIn(alma), form_ + "/submissions");
    ASSERT_EQ(list.status, 200) << alma << ": " << list.body;
    ASSERT_EQ(list.json.at("items").as_array().size(), 1u) << alma;
    EXPECT_EQ(list.json.at("items").at(0).at("answers").at("/data/seul").as_string(), "non");
    EXPECT_EQ(list.json.at("questions").at(0).at("label").as_string(), "Âge");
  }
  // ECHO owns the questionnaire and reads none of Alma's answers, only its own (none yet).
  for (const char* echo : {kNadia, demo::kMarc}) {
    const Reply list = Get(SignIn(echo), form_ + "/submissions");
    ASSERT_EQ(list.status, 200) << echo << ": " << list.body;
    EXPECT_TRUE(list.json.at("items").as_array().empty()) << echo << ": " << list.body;
    EXPECT_EQ(list.body.find("Sa fille"), std::string::npos) << echo;
  }
  // Outside the collective, the form does not exist: the same answer as a missing id.
  for (const char* outsider : {kOlivier, demo::kAnne}) {
    const Session who = SignIn(outsider);
    const Reply list = Get(who, form_ + "/submissions");
    const Reply missing = Get(who, "/api/v1/surveys/forms/999999/submissions");
    EXPECT_EQ(list.status, 404) << outsider << ": " << list.body;
    EXPECT_EQ(list.body, missing.body) << outsider;
    ExpectRefused(who, Instance(kAnswers, kSecond), 404, "not_found", "");
  }
}

TEST_F(SurveysSubmissionsApi, AnswersThatDoNotFitTheFormAreRefusedNamingWhere) {
  const Session martine = SignIn(kMartine);
  const Reply reply = ExpectRefused(
      martine,
      Instance("<age>50</age><seul>peut-etre</seul><mot_de_passe>x</mot_de_passe>", kFirst), 400,
      "invalid_argument", "xml_submission_file");
  const json::array& problems = reply.json.at("problems").as_array();
  ASSERT_EQ(problems.size(), 3u) << reply.body;
  EXPECT_EQ(problems[0].at("message_id").as_string(), "surveys.submission.constraint");
  EXPECT_EQ(problems[0].at("path").as_string(), "/data/age");
  EXPECT_EQ(problems[1].at("message_id").as_string(), "surveys.submission.not_choice");
  EXPECT_EQ(problems[2].at("message_id").as_string(), "surveys.submission.unknown_element");
  EXPECT_EQ(problems[1].at("message").as_string(),
            "« peut-etre » n’est pas un choix de la liste de /data/seul.");
  EXPECT_EQ(reply.json.at("error").at("message").as_string(),
            "Les réponses ne correspondent pas au questionnaire : 3 problèmes à corriger.");

  ExpectRefused(martine, Instance("<seul>oui</seul>", kFirst), 400, "invalid_argument",
                "xml_submission_file");  // age is required
  ExpectRefused(martine, "<data><age>", 400, "invalid_argument", "");
  ExpectRefused(martine,
                R"(<!DOCTYPE data [<!ENTITY x "y">]>)" + Instance(kAnswers, kFirst).substr(21), 400,
                "invalid_argument", "");
  ExpectRefused(martine, Instance(kAnswers, "uuid:pas-un-uuid"), 400, "invalid_argument",
                "/data/meta/instanceID");
  ExpectRefused(martine, Instance(kAnswers, kFirst), 415, "unsupported_media_type", "Content-Type",
                "application/json");
  ExpectRefused(martine, Multipart("b0undary", "", {}).substr(0, 20), 400, "invalid_argument",
                "body", "multipart/form-data; boundary=b0undary");
  // Another form's instance (its id), another version.
  std::string other = Instance(kAnswers, kFirst);
  other.replace(other.find("bien_vieillir_roubaix"), 21, "autre_questionnaire");
  ExpectRefused(martine, other, 400, "invalid_argument", "xml_submission_file");
  std::string older = Instance(kAnswers, kFirst);
  older.replace(older.find("2026-12"), 7, "2025-01");
  ExpectRefused(martine, older, 400, "invalid_argument", "xml_submission_file");

  // Without a session, without the CSRF token: refused before anything is read.
  const std::string before = SnapshotData();
  EXPECT_EQ(Call(nullptr, "POST", form_ + "/submissions", Instance(kAnswers, kFirst),
                 {{"Content-Type", "text/xml"}})
                .status,
            401);
  EXPECT_EQ(Call(&martine, "POST", form_ + "/submissions", Instance(kAnswers, kFirst),
                 {{"Content-Type", "text/xml"}})
                .status,
            403);
  EXPECT_EQ(SnapshotData(), before);
}

TEST_F(SurveysSubmissionsApi, ASecondSendingIsStoredOnceAndAReusedIdIsAConflict) {
  const Session martine = SignIn(kMartine);
  ASSERT_EQ(Submit(martine, Instance(kAnswers, kFirst)).status, 201);
  // ODK Collect sends again when it did not see the answer: the same instance, stored once.
  const std::string before = SnapshotData();
  const Reply again = Submit(martine, Instance(kAnswers, kFirst));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json.at("resent").as_bool());
  EXPECT_EQ(SnapshotData(), before);
  // The same id with other answers, from Alma or from ECHO: a conflict, that says nothing more.
  const Reply alma = ExpectRefused(martine, Instance("<age>90</age><seul>oui</seul>", kFirst), 409,
                                   "already_exists", "instance_id");
  const Reply echo = ExpectRefused(SignIn(kNadia), Instance(kAnswers, kFirst), 409,
                                   "already_exists", "instance_id");
  EXPECT_EQ(alma.json.at("error"), echo.json.at("error"));
}

TEST_F(SurveysSubmissionsApi, AnEditReplacesTheAnswerItNamesOnceAndOnlyInItsStructure) {
  const Session martine = SignIn(kMartine);
  ASSERT_EQ(Submit(martine, Instance(kAnswers, kFirst)).status, 201);
  // ECHO cannot correct Alma's answer: it is not among ECHO's.
  ExpectRefused(SignIn(kNadia), Instance("<age>83</age><seul>oui</seul>", kSecond, kFirst), 404,
                "not_found", "deprecated_id");
  const Reply edit = Submit(martine, Instance("<age>83</age><seul>oui</seul>", kSecond, kFirst));
  ASSERT_EQ(edit.status, 201) << edit.body;
  EXPECT_EQ(edit.json.at("deprecated_id").as_string(), kFirst);
  const Reply list = Get(martine, form_ + "/submissions");
  ASSERT_EQ(list.json.at("items").as_array().size(), 1u) << list.body;
  EXPECT_EQ(list.json.at("items").at(0).at("answers").at("/data/age").as_string(), "83");
  ExpectRefused(martine,
                Instance("<age>84</age><seul>oui</seul>",
                         "uuid:33333333-3333-4333-8333-333333333333", kFirst),
                409, "conflict", "deprecated_id");
}

TEST_F(SurveysSubmissionsApi, FilesComeAsOdkPostsThemAndGoOnlyToTheirStructure) {
  const Session martine = SignIn(kMartine);
  const std::string answers = "<age>82</age><seul>oui</seul><photo>logement.jpg</photo>";
  // The answers name a file that was not sent.
  const Reply missing = ExpectRefused(martine, Instance(answers, kFirst), 400, "invalid_argument",
                                      "xml_submission_file");
  EXPECT_EQ(missing.json.at("problems").at(0).at("message_id").as_string(),
            "surveys.submission.file_missing");

  // A photo over the 1 MiB of other requests, within the upload limit.
  std::string photo(1536 * 1024, '\0');
  for (std::size_t i = 0; i < photo.size(); ++i) photo[i] = static_cast<char>(i * 7 % 251);
  const std::string type = "multipart/form-data; boundary=----odk7MA4YWxkTrZu0gW";
  const Reply stored = Submit(martine,
                              Multipart("----odk7MA4YWxkTrZu0gW", Instance(answers, kFirst),
                                        {{"logement.jpg", photo}, {"autre.jpg", "pas cité"}}),
                              type);
  ASSERT_EQ(stored.status, 201) << stored.body.substr(0, 2000);
  ASSERT_EQ(stored.json.at("files").as_array().size(), 1u);
  EXPECT_EQ(stored.json.at("files").at(0).at("bytes").as_int64(), 1536 * 1024);
  EXPECT_EQ(stored.json.at("ignored_files").at(0).as_string(), "autre.jpg");
  const std::string file = form_ + "/submissions/" +
                           std::to_string(stored.json.at("id").as_int64()) + "/files/logement.jpg";
  const Reply download = Get(martine, file);
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, photo);
  EXPECT_EQ(download.headers.at("content-type"), "image/jpeg");
  EXPECT_EQ(download.headers.at("content-disposition"),
            "attachment; filename*=UTF-8''logement.jpg");
  EXPECT_EQ(download.headers.at("x-content-type-options"), "nosniff");
  // ECHO's coordinator, with the same request: not found, as a file that does not exist.
  const Session nadia = SignIn(kNadia);
  EXPECT_EQ(Get(nadia, file).status, 404);
  EXPECT_EQ(Get(nadia, file).body, Get(martine, form_ + "/submissions/999999/files/x.jpg").body);
  EXPECT_EQ(Get(martine, form_ + "/submissions/" + std::to_string(stored.json.at("id").as_int64()) +
                             "/files/autre.jpg")
                .status,
            404);
  // A request that takes no file keeps the smaller limit.
  const Reply large = Call(&martine, "PUT", "/api/v1/me/language", std::string(1536 * 1024, ' '),
                           {{"X-CSRF-Token", martine.csrf}, {"Content-Type", "application/json"}});
  EXPECT_EQ(large.status, 413) << large.body;
}

// The owner's coordinator closes the collection: answers are refused from then on, those stored
// stay; the collecting members may not close it (403), outsiders do not find it (404); setting
// the state it has changes nothing; reopened, it takes answers again.
TEST_F(SurveysSubmissionsApi, TheOwnerClosesTheCollectionAndOpensItAgain) {
  const Session martine = SignIn(kMartine);
  const Session nadia = SignIn(kNadia);
  ASSERT_EQ(Submit(martine, Instance(kAnswers, kFirst)).status, 201);
  const std::string state = form_ + "/state";
  const json::object closed{{"state", "closed"}};

  // A member who collects it may not close it; outsiders, and no session, learn nothing.
  ApiTest::ExpectRefused(martine, "PUT", state, closed, 403, "permission_denied", "");
  ApiTest::ExpectRefused(SignIn(demo::kClaire), "PUT", state, closed, 403, "permission_denied", "");
  for (const char* outsider : {kOlivier, demo::kAnne}) {
    const Session who = SignIn(outsider);
    ApiTest::ExpectRefused(who, "PUT", state, closed, 404, "not_found", "");
    EXPECT_EQ(Send(who, "PUT", state, closed).body,
              Send(who, "PUT", "/api/v1/surveys/forms/999999/state", closed).body);
  }
  const std::string before = SnapshotData();
  EXPECT_EQ(
      Call(nullptr, "PUT", state, R"({"state":"closed"})", {{"Content-Type", "application/json"}})
          .status,
      401);
  // Malformed bodies name their field.
  ApiTest::ExpectRefused(nadia, "PUT", state, json::object{{"state", "clos"}}, 400,
                         "invalid_argument", "state");
  ApiTest::ExpectRefused(nadia, "PUT", state, json::object{{"state", 1}}, 400, "invalid_argument",
                         "state");
  ApiTest::ExpectRefused(nadia, "PUT", state, json::object{}, 400, "invalid_argument", "state");
  ApiTest::ExpectRefused(nadia, "PUT", state, json::object{{"state", "closed"}, {"at", 1}}, 400,
                         "invalid_argument", "at");
  ApiTest::ExpectRefused(nadia, "PUT", "/api/v1/surveys/forms/abc/state", closed, 400,
                         "invalid_argument", "id");
  const Reply as_text = Call(&nadia, "PUT", state, "closed",
                             {{"X-CSRF-Token", nadia.csrf}, {"Content-Type", "text/plain"}});
  EXPECT_EQ(as_text.status, 415) << as_text.body;
  const Reply twice = Call(&nadia, "PUT", state, R"({"state":"closed","state":"open"})",
                           {{"X-CSRF-Token", nadia.csrf}, {"Content-Type", "application/json"}});
  EXPECT_EQ(twice.status, 400) << twice.body;
  EXPECT_EQ(twice.ErrorField(), "state") << twice.body;
  EXPECT_EQ(SnapshotData(), before) << "a refused change of state changed stored data";

  // The owner's coordinator closes it; answers are then refused, the stored one stays.
  const Reply closing = Send(nadia, "PUT", state, closed);
  ASSERT_EQ(closing.status, 200) << closing.body;
  EXPECT_EQ(closing.json.at("state").as_string(), "closed");
  EXPECT_EQ(Get(martine, form_).json.at("state").as_string(), "closed");
  const Reply refused = ExpectRefused(martine, Instance(kAnswers, kSecond), 409, "conflict", "");
  EXPECT_EQ(refused.json.at("error").at("message").as_string(),
            "Ce questionnaire est clos : il ne reçoit plus de réponses.");
  EXPECT_EQ(Get(martine, form_ + "/submissions").json.at("items").as_array().size(), 1u);

  // Once in the owner's log; closing a closed questionnaire changes nothing, logs nothing.
  const Session marc = SignIn(demo::kMarc);
  const std::string log_path =
      "/api/v1/structures/" + std::to_string(marc.acting) + "/audit?action=update";
  const Reply log = Get(marc, log_path);
  ASSERT_EQ(log.status, 200) << log.body;
  ASSERT_GE(log.json.at("total").as_int64(), 1);
  const json::value& line = log.json.at("items").at(0);
  EXPECT_EQ(line.at("record_kind").as_string(), "survey_form");
  EXPECT_EQ(line.at("params").at("state").as_string(), "closed");
  const std::string unchanged = SnapshotData();
  EXPECT_EQ(Send(nadia, "PUT", state, closed).status, 200);
  EXPECT_EQ(SnapshotData(), unchanged);
  EXPECT_EQ(Get(marc, log_path).json.at("total"), log.json.at("total"));

  // Reopened, it takes answers again.
  const Reply reopened = Send(nadia, "PUT", state, json::object{{"state", "open"}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json.at("state").as_string(), "open");
  EXPECT_EQ(Submit(martine, Instance(kAnswers, kSecond)).status, 201);
}

// Each sheet of a workbook as python3-openpyxl reads it: {"sheet": [[cell, ...], ...]}, dates in
// ISO form; or the CSV file as Python's csv module reads it, under "csv".
json::value AsReadersSeeIt(const std::string& bytes, bool csv) {
  const std::string script = R"PY(
import csv, datetime, io, json, sys
data = open(sys.argv[1], 'rb').read()
if sys.argv[2] == 'csv':
    text = data.decode('utf-8-sig')
    print(json.dumps({'csv': list(csv.reader(io.StringIO(text, newline='')))}))
else:
    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(data))
    def plain(v):
        return v.date().isoformat() if isinstance(v, datetime.datetime) else v
    print(json.dumps({ws.title: [[plain(c) for c in row] for row in ws.iter_rows(values_only=True)]
                      for ws in book.worksheets}))
)PY";
  documents::test_support::ScratchDir dir;
  const auto result = documents::test_support::RunCommand(
      std::string(documents::test_support::kPython) + " " + dir.Write("read.py", script) + " " +
      dir.Write("answers", bytes) + (csv ? " csv" : " xlsx") + " 2>&1");
  EXPECT_EQ(result.exit_code, 0) << result.out;
  boost::system::error_code error;
  json::value read = json::parse(result.out, error);
  EXPECT_FALSE(error) << result.out;
  return read;
}

// Martine downloads Alma's answers to a questionnaire with a repeat: the submissions' sheet and
// the repeat's, each value where the API lists it, numbers and dates typed; the CSV holds the
// submissions. ECHO, its designer, downloads its own answers: none. Others are refused.
TEST_F(SurveysSubmissionsApi, AnswersDownloadAsCsvAndAsAWorkbookWithASheetPerRepeat) {
  const Session nadia = SignIn(kNadia);
  const Reply created =
      Call(&nadia, "POST",
           "/api/v1/surveys/forms?file_name=aidants.csv&collective_id=" +
               std::to_string(CollectiveId("Bien Vieillir")),
           "survey,type,name,label\n,integer,age,Âge\n,begin repeat,aidants,Aidants\n"
           ",text,qui,Qui vous aide ?\n,integer,heures,Heures par semaine\n,end repeat,,\n"
           ",date,visite,Date de la visite\n"
           "settings,form_title,form_id,version\n,Les aidants,aidants_roubaix,1\n",
           {{"X-CSRF-Token", nadia.csrf}, {"Content-Type", "text/csv"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string form =
      "/api/v1/surveys/forms/" + std::to_string(created.json.at("id").as_int64());
  const Session martine = SignIn(kMartine);
  const auto submit = [&](const std::string& answers, const std::string& id) {
    const Reply reply = Call(&martine, "POST", form + "/submissions",
                             R"(<data id="aidants_roubaix" version="1">)" + answers +
                                 "<meta><instanceID>" + id + "</instanceID></meta></data>",
                             {{"X-CSRF-Token", martine.csrf}, {"Content-Type", "text/xml"}});
    EXPECT_EQ(reply.status, 201) << reply.body;
  };
  submit(
      "<age>82</age><aidants><qui>Sa fille</qui><heures>10</heures></aidants>"
      "<aidants><qui>=1+1</qui><heures>2</heures></aidants><visite>2026-11-30</visite>",
      kFirst);
  clock_.Advance(60'000);
  submit("<age>75</age><aidants><qui>Un voisin</qui><heures>1</heures></aidants><visite/>",
         kSecond);
  const Reply list = Get(martine, form + "/submissions");
  ASSERT_EQ(list.status, 200) << list.body;
  const json::array& items = list.json.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);

  const Reply xlsx = Get(martine, form + "/submissions.xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.headers.at("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.headers.at("content-disposition"),
            "attachment; filename=\"aidants_roubaix.xlsx\"");
  const json::value book = AsReadersSeeIt(xlsx.body, false);
  ASSERT_TRUE(book.is_object()) << json::serialize(book);
  ASSERT_EQ(book.as_object().size(), 2u) << json::serialize(book);
  const json::array& answers = book.at("Réponses").as_array();
  ASSERT_EQ(answers.size(), 3u) << json::serialize(book);
  EXPECT_EQ(answers[0], json::parse(R"(["Réponse n°","Identifiant","Reçue le","Recueillie par",)"
                                    R"("Version","Âge","Date de la visite"])"));
  // Newest first, as the API lists them; the age a number, the date a date.
  for (std::size_t i = 0; i < 2; ++i) {
    const json::array& row = answers[i + 1].as_array();
    EXPECT_EQ(row[0].to_number<std::int64_t>(), items[i].at("id").as_int64());
    EXPECT_EQ(row[1], items[i].at("instance_id"));
    EXPECT_EQ(row[3].as_string(), "Martine Lemaire");
    EXPECT_EQ(std::to_string(row[5].to_number<std::int64_t>()),
              items[i].at("answers").at("/data/age").as_string());
  }
  EXPECT_TRUE(answers[1].at(6).is_null()) << json::serialize(answers[1]);
  EXPECT_EQ(answers[2].at(6).as_string(), "2026-11-30");
  const json::array& repeat = book.at("aidants").as_array();
  ASSERT_EQ(repeat.size(), 4u) << json::serialize(book);
  EXPECT_EQ(repeat[0], json::parse(R"(["Réponse n°","Identifiant","Répétition",)"
                                   R"("Qui vous aide ?","Heures par semaine"])"));
  EXPECT_EQ(repeat[1].at(2).as_string(), "aidants[1]");
  EXPECT_EQ(repeat[1].at(3).as_string(), "Un voisin");
  EXPECT_EQ(repeat[2].at(1).as_string(), kFirst);
  EXPECT_EQ(repeat[2].at(3).as_string(), "Sa fille");
  EXPECT_EQ(repeat[2].at(4).to_number<std::int64_t>(), 10);
  EXPECT_EQ(repeat[3].at(2).as_string(), "aidants[2]");
  EXPECT_EQ(repeat[3].at(3).as_string(), "=1+1");  // text, never a formula

  const Reply csv = Get(martine, form + "/submissions.csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers.at("content-type"), "text/csv; charset=utf-8");
  const json::value table = AsReadersSeeIt(csv.body, true);
  const json::array& records = table.at("csv").as_array();
  ASSERT_EQ(records.size(), 3u) << csv.body;
  EXPECT_EQ(records[0], json::parse(R"(["Réponse n°","Identifiant","Reçue le","Recueillie par",)"
                                    R"("Version","age","visite"])"));
  EXPECT_EQ(records[2].at(1).as_string(), kFirst);
  EXPECT_EQ(records[2].at(5).as_string(), "82");

  // In English for who reads English.
  ASSERT_EQ(Send(martine, "PUT", "/api/v1/me/language", json::object{{"language", "en"}}).status,
            200);
  const Reply english = Get(martine, form + "/submissions.csv");
  ASSERT_EQ(english.status, 200) << english.body;
  EXPECT_NE(english.body.find("Answer no.,Instance ID,Received,Collected by"), std::string::npos)
      << english.body;

  // ECHO designed it and downloads only its own answers: none of Alma's.
  const Reply echo = Get(nadia, form + "/submissions.xlsx");
  ASSERT_EQ(echo.status, 200) << echo.body;
  const json::value echo_book = AsReadersSeeIt(echo.body, false);
  EXPECT_EQ(echo_book.at("Réponses").as_array().size(), 1u) << json::serialize(echo_book);
  EXPECT_EQ(echo_book.at("aidants").as_array().size(), 1u) << json::serialize(echo_book);
  EXPECT_EQ(json::serialize(echo_book).find("Sa fille"), std::string::npos);

  // Alma's HR hat may not read answers; outsiders learn nothing; no session, no file.
  const Session sophie = SignInActingFor(demo::kSophie, "Centre social Alma");
  for (const char* format : {".csv", ".xlsx"}) {
    const Reply hr = Get(sophie, form + "/submissions" + format);
    EXPECT_EQ(hr.status, 403) << hr.body;
    EXPECT_EQ(hr.ErrorCode(), "permission_denied");
    for (const char* outsider : {kOlivier, demo::kAnne}) {
      const Session who = SignIn(outsider);
      const Reply refused = Get(who, form + "/submissions" + format);
      EXPECT_EQ(refused.status, 404) << refused.body;
      EXPECT_EQ(refused.body,
                Get(who, std::string("/api/v1/surveys/forms/999999/submissions") + format).body);
    }
    EXPECT_EQ(Call(nullptr, "GET", form + "/submissions" + format).status, 401);
    EXPECT_EQ(
        Get(martine, std::string("/api/v1/surveys/forms/0/submissions") + format).ErrorField(),
        "id");
  }

  // Each download is in Alma's log, with its format and its count.
  const Session claire = SignIn(demo::kClaire);
  const Reply log =
      Get(claire, "/api/v1/structures/" + std::to_string(claire.acting) + "/audit?action=export");
  ASSERT_EQ(log.status, 200) << log.body;
  ASSERT_GE(log.json.at("total").as_int64(), 3) << log.body;
  const json::value& last = log.json.at("items").at(0);
  EXPECT_EQ(last.at("record_kind").as_string(), "survey_answers");
  EXPECT_EQ(last.at("params").at("format").as_string(), "csv");
  EXPECT_EQ(last.at("params").at("count").as_int64(), 2);

  // A form id in another script: the file's name keeps to ASCII.
  const Reply accented =
      Call(&nadia, "POST",
           "/api/v1/surveys/forms?file_name=ete.csv&collective_id=" +
               std::to_string(CollectiveId("Bien Vieillir")),
           "survey,type,name,label\n,text,note,Note\nsettings,form_id\n,été_2026\n",
           {{"X-CSRF-Token", nadia.csrf}, {"Content-Type", "text/csv"}});
  ASSERT_EQ(accented.status, 201) << accented.body;
  const Reply named =
      Get(martine, "/api/v1/surveys/forms/" + std::to_string(accented.json.at("id").as_int64()) +
                       "/submissions.csv");
  ASSERT_EQ(named.status, 200) << named.body;
  EXPECT_EQ(named.headers.at("content-disposition"), "attachment; filename=\"__t___2026.csv\"");
}

// Martine asks for Alma's answers in the background: the export waits for its job, which writes
// the same file as the direct download and says how far it got; she alone reads and downloads
// it (Claire, Alma's director, and ECHO's Nadia get 404 as for a missing one); a day later it is
// gone. Bad requests are refused naming the field, storing nothing.
TEST_F(SurveysSubmissionsApi, AnExportMadeInTheBackgroundIsTheSameFileAndHersAlone) {
  const Session martine = SignIn(kMartine);
  for (const char* id : {kFirst, kSecond, "uuid:33333333-3333-4333-8333-333333333333"}) {
    ASSERT_EQ(Submit(martine, Instance(kAnswers, id)).status, 201);
    clock_.Advance(60'000);
  }
  jobs::JobRunner runner(*db_, clock_, jobs::JobRunnerOptions{});
  app::SurveysUseCases surveys(*app_);
  runner.Register(std::string(app::kAnswersExportJobKind),
                  jobs::RecordJobHandler(std::string(app::kAnswersExportIdKey),
                                         [&surveys](std::int64_t id, const auto& progress) {
                                           return surveys.RunAnswersExport(id, progress);
                                         }));

  // Refused, naming the field, nothing stored.
  const std::string before = SnapshotData();
  for (const json::value& body :
       {json::value(json::object{{"format", "pdf"}}), json::value(json::object{}),
        json::value(json::object{{"format", "csv"}, {"sheets", 2}}),
        json::value(json::object{{"format", 3}})}) {
    const Reply bad = Send(martine, "POST", form_ + "/exports", body);
    EXPECT_EQ(bad.status, 400) << json::serialize(body) << bad.body;
    EXPECT_EQ(bad.ErrorCode(), "invalid_argument") << bad.body;
    EXPECT_FALSE(bad.ErrorField().empty()) << bad.body;
  }
  EXPECT_EQ(Call(nullptr, "POST", form_ + "/exports", R"({"format":"csv"})",
                 {{"Content-Type", "application/json"}})
                .status,
            401);
  const Session sophie = SignInActingFor(demo::kSophie, "Centre social Alma");
  EXPECT_EQ(Send(sophie, "POST", form_ + "/exports", json::object{{"format", "csv"}}).status, 403)
      << "Alma's HR hat reads no answers";
  EXPECT_EQ(SnapshotData(), before);

  for (const std::string format : {"csv", "xlsx"}) {
    const Reply queued =
        Send(martine, "POST", form_ + "/exports", json::object{{"format", format}});
    ASSERT_EQ(queued.status, 202) << queued.body;
    EXPECT_EQ(queued.json.at("state").as_string(), "queued");
    EXPECT_TRUE(queued.json.at("file").is_null());
    const std::string path = "/api/v1/surveys/exports/" + json::serialize(queued.json.at("id"));
    const Reply early = Get(martine, path + "/file");
    EXPECT_EQ(early.status, 409) << early.body;
    EXPECT_EQ(early.ErrorField(), "export_id");

    // Hers alone: her director and ECHO's designer are answered as for a missing export.
    for (const Session& other : {SignIn(demo::kClaire), SignIn(kNadia)}) {
      for (const std::string& what : {path, path + "/file"}) {
        const Reply refused = Get(other, what);
        EXPECT_EQ(refused.status, 404) << what << refused.body;
        EXPECT_EQ(refused.ErrorField(), "export_id") << refused.body;
        EXPECT_EQ(refused.body,
                  Get(other, "/api/v1/surveys/exports/999999" + what.substr(path.size())).body);
      }
    }

    ASSERT_EQ(runner.RunDueJobs().value(), 1);
    const Reply done = Get(martine, path);
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json.at("state").as_string(), "done") << done.body;
    EXPECT_EQ(done.json.at("progress"), json::parse(R"({"done":3,"total":3})"));
    EXPECT_EQ(done.json.at("file").at("answers").as_int64(), 3);
    const Reply file = Get(martine, path + "/file");
    ASSERT_EQ(file.status, 200) << file.body;
    EXPECT_EQ(done.json.at("file").at("bytes").as_int64(),
              static_cast<std::int64_t>(file.body.size()));
    EXPECT_EQ(file.headers.at("content-disposition"),
              "attachment; filename=\"bien_vieillir_roubaix." + format + "\"");
    const Reply direct = Get(martine, form_ + "/submissions." + format);
    ASSERT_EQ(direct.status, 200) << direct.body;
    // The same rows, as a reader opens them (an XLSX's zip holds the instant it was written).
    EXPECT_EQ(AsReadersSeeIt(file.body, format == "csv"),
              AsReadersSeeIt(direct.body, format == "csv"));
  }

  // A day later housekeeping has removed them.
  const Reply last = Send(martine, "POST", form_ + "/exports", json::object{{"format", "csv"}});
  ASSERT_EQ(last.status, 202) << last.body;
  ASSERT_EQ(runner.RunDueJobs().value(), 1);
  clock_.Advance(app::kAnswersExportKept + 1);
  jobs::HousekeepingOptions housekeeping;
  runner.Register(std::string(jobs::kHousekeepingKind),
                  jobs::HousekeepingHandler(*db_, clock_, housekeeping));
  ASSERT_TRUE(jobs::ScheduleHousekeeping(*db_, clock_.Now(), clock_.Now()).has_value());
  ASSERT_GE(runner.RunDueJobs().value(), 1);
  const Reply gone =
      Get(SignIn(kMartine), "/api/v1/surveys/exports/" + json::serialize(last.json.at("id")));
  EXPECT_EQ(gone.status, 404) << gone.body;
}

}  // namespace
}  // namespace ensemble::testing_support
