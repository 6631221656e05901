// Answers over HTTP, on both backends, on the demo network: the « Bien Vieillir » questionnaire
// that Nadia Benali (ECHO) designed for the collective is answered at Alma by its referent,
// Martine Lemaire. An answer is its collecting structure's alone: Alma's people read it in full;
// ECHO, although it owns the form, reads none of it; a structure outside the collective never
// learns the form exists. Each answer that does not fit the form is refused, naming where, and
// stores nothing; ODK's resends, edits and files behave as ODK clients expect.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

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

}  // namespace
}  // namespace ensemble::testing_support
