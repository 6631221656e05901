// ODK Collect's side of the questionnaires, on both backends: a client written from the OpenRosa
// specification (https://docs.getodk.org/openrosa/) — form list, download, HEAD and multipart
// POST of a submission, a duplicate POST — with the secret URL of a collection device that
// Martine Lemaire, Alma's referent, set up for her tablet. The device stands for her acting for
// Alma: it lists what she may answer, and her answers are Alma's. Devices are their
// structure's: another structure neither sees nor revokes them; a revoked one is answered 404.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <fstream>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <string>

#include "app/digest.h"
#include "documents/test_support.h"
#include "tests/api/api_fixture.h"
#include "tests/api/demo_people.h"
#include "tests/api/surveys_demo_form.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;
using demo::kClaire;
using demo::kMarc;
using demo::kMartine;
using demo::kNadia;
using demo::kSeniorsCsv;

constexpr const char* kInstanceId = "uuid:44444444-4444-4444-8444-444444444444";

std::string CollectInstance(const std::string& answers, const std::string& instance_id) {
  // As ODK Collect writes it: the root with its id and version, the meta block last.
  return "<?xml version='1.0' ?><data id=\"bien_vieillir_roubaix\" version=\"2026-12\" "
         "xmlns:jr=\"http://openrosa.org/javarosa\" xmlns:orx=\"http://openrosa.org/xforms\">" +
         answers + "<meta><instanceID>" + instance_id + "</instanceID></meta></data>";
}

// ODK Collect's multipart body (OkHttp): the instance, then each file as its own part.
std::string CollectBody(const std::string& xml, const std::string& photo) {
  std::string body =
      "--odkBoundary\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; "
      "filename=\"1733400000000.xml\"\r\nContent-Type: text/xml\r\n\r\n" +
      xml + "\r\n";
  if (!photo.empty()) {
    body +=
        "--odkBoundary\r\nContent-Disposition: form-data; name=\"logement.jpg\"; "
        "filename=\"logement.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" +
        photo + "\r\n";
  }
  return body + "--odkBoundary--\r\n";
}

class SurveysOpenRosa : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const Session nadia = SignIn(kNadia);
    const auto upload = [&](const std::string& csv, const std::string& query) {
      const Reply created = Call(&nadia, "POST", "/api/v1/surveys/forms?file_name=f.csv" + query,
                                 csv, {{"X-CSRF-Token", nadia.csrf}, {"Content-Type", "text/csv"}});
      EXPECT_EQ(created.status, 201) << created.body;
      return created.json.is_object() ? created.json.at("id").as_int64() : 0;
    };
    form_ = upload(kSeniorsCsv, "&collective_id=" + std::to_string(CollectiveId("Bien Vieillir")));
    // ECHO's own questionnaire, which Alma's devices never see.
    upload("survey,type,name,label\n,text,note,Note interne\nsettings,form_id\n,interne_echo\n",
           "");
  }

  // Martine's tablet: the path of its server URL ("/openrosa/<token>").
  std::string SetUpTablet(const Session& who, const std::string& label = "Tablette de Martine") {
    const Reply created =
        Send(who, "POST", "/api/v1/surveys/collectors", json::object{{"label", label}});
    EXPECT_EQ(created.status, 201) << created.body;
    if (created.status != 201) return "/openrosa/missing";
    const std::string url(created.json.at("server_url").as_string());
    const auto at = url.find("/openrosa/");
    EXPECT_NE(at, std::string::npos) << url;
    EXPECT_EQ(url.size() - at, std::string("/openrosa/").size() + 43) << url;
    return url.substr(at);
  }

  // A request as ODK Collect makes it: no cookie, the OpenRosa version header.
  Reply Collect(const std::string& method, const std::string& path, const std::string& body = "",
                const std::string& type = "") {
    std::map<std::string, std::string> headers = {{"X-OpenRosa-Version", "1.0"}};
    if (!type.empty()) headers["Content-Type"] = type;
    return Call(nullptr, method, path, body, headers);
  }

  std::int64_t form_ = 0;
};

// The lines of one snapshot that the other does not have: what a request changed.
std::string Changed(const std::string& before, const std::string& after) {
  std::set<std::string> lines;
  std::string out;
  std::istringstream in_before(before);
  for (std::string line; std::getline(in_before, line);) lines.insert(line);
  std::istringstream in_after(after);
  for (std::string line; std::getline(in_after, line);) {
    if (!lines.contains(line)) out += line.substr(0, 300) + "\n";
  }
  return out;
}

// The rows of one table in a snapshot.
std::string Section(const std::string& snapshot, const std::string& table) {
  const auto start = snapshot.find("[" + table + "]\n");
  if (start == std::string::npos) return "";
  const auto end = snapshot.find("\n[", start + 1);
  return snapshot.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

pugi::xml_document Xml(const Reply& reply) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_string(reply.body.c_str());
  EXPECT_TRUE(parsed) << parsed.description() << "\n" << reply.body;
  return document;
}

std::string PathOf(const std::string& url) {
  const auto scheme = url.find("://");
  return scheme == std::string::npos ? url : url.substr(url.find('/', scheme + 3));
}

TEST_F(SurveysOpenRosa, ATabletListsDownloadsAndSubmitsAsOdkCollectDoes) {
  const Session martine = SignIn(kMartine);
  const std::string tablet = SetUpTablet(martine);

  // The form list: what Martine may answer for Alma (the demo's questionnaire to partners and
  // this one), ECHO's own form and the demo's closed diagnostic left out.
  const Reply list = Collect("GET", tablet + "/formList");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.headers.at("x-openrosa-version"), "1.0");
  EXPECT_EQ(list.headers.at("content-type"), "text/xml; charset=utf-8");
  const pugi::xml_document forms = Xml(list);
  const pugi::xml_node xforms = forms.child("xforms");
  EXPECT_STREQ(xforms.attribute("xmlns").value(), "http://openrosa.org/xforms/xformsList");
  ASSERT_EQ(std::distance(xforms.children("xform").begin(), xforms.children("xform").end()), 2)
      << list.body;
  pugi::xml_node xform;
  for (const pugi::xml_node listed : xforms.children("xform")) {
    if (std::string_view(listed.child_value("formID")) == "bien_vieillir_roubaix") xform = listed;
  }
  ASSERT_TRUE(xform) << list.body;
  EXPECT_NE(list.body.find("<formID>partenaires_2026</formID>"), std::string::npos);
  EXPECT_STREQ(xform.child_value("formID"), "bien_vieillir_roubaix");
  EXPECT_STREQ(xform.child_value("name"), "Bien vieillir à Roubaix");
  EXPECT_STREQ(xform.child_value("version"), "2026-12");
  const std::string download_url = xform.child_value("downloadUrl");
  EXPECT_TRUE(download_url.starts_with("http://")) << download_url;

  // The download, whose MD5 is the list's hash.
  const Reply form = Collect("GET", PathOf(download_url));
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_EQ(std::string(xform.child_value("hash")), "md5:" + app::Md5Hex(form.body));
  EXPECT_NE(form.body.find("<data id=\"bien_vieillir_roubaix\" version=\"2026-12\">"),
            std::string::npos);

  // HEAD, then the POST under the limit it gives.
  const Reply head = Collect("HEAD", tablet + "/submission");
  ASSERT_EQ(head.status, 204) << head.body;
  EXPECT_EQ(head.headers.at("x-openrosa-accept-content-length"), std::to_string(kMaxUploadBytes));
  const std::string xml =
      CollectInstance("<age>78</age><seul>oui</seul><photo>logement.jpg</photo>", kInstanceId);
  const std::string type = "multipart/form-data; boundary=odkBoundary";
  const Reply stored = Collect("POST", tablet + "/submission", CollectBody(xml, "JPEG"), type);
  ASSERT_EQ(stored.status, 201) << stored.body;
  const pugi::xml_document response = Xml(stored);
  EXPECT_STREQ(response.child("OpenRosaResponse").attribute("xmlns").value(),
               "http://openrosa.org/http/response");
  EXPECT_STREQ(response.child("OpenRosaResponse").child("message").attribute("nature").value(),
               "submit_success");
  EXPECT_STREQ(response.child("OpenRosaResponse").child_value("message"),
               "Réponse reçue par Ensemble.");

  // Collect sends again what it did not see acknowledged: stored once.
  const std::string before = SnapshotData();
  const Reply again = Collect("POST", tablet + "/submission", CollectBody(xml, "JPEG"), type);
  EXPECT_EQ(again.status, 202) << again.body;
  EXPECT_EQ(SnapshotData(), before);

  // The answer is Alma's, by Martine, with its photo; ECHO reads none of it.
  const Reply answers =
      Get(martine, "/api/v1/surveys/forms/" + std::to_string(form_) + "/submissions");
  ASSERT_EQ(answers.json.at("items").as_array().size(), 1u) << answers.body;
  EXPECT_EQ(answers.json.at("items").at(0).at("submitted_by_name").as_string(), "Martine Lemaire");
  EXPECT_EQ(answers.json.at("items").at(0).at("files").at(0).at("name").as_string(),
            "logement.jpg");
  const Reply echo =
      Get(SignIn(kNadia), "/api/v1/surveys/forms/" + std::to_string(form_) + "/submissions");
  EXPECT_TRUE(echo.json.at("items").as_array().empty()) << echo.body;

  // Its last use is noted for whoever manages the devices.
  const Reply devices = Get(martine, "/api/v1/surveys/collectors");
  ASSERT_EQ(devices.json.at("items").as_array().size(), 1u);
  EXPECT_FALSE(devices.json.at("items").at(0).at("last_used_at").is_null());
}

// The encrypting client: python3-cryptography, from the ODK specification (tests/surveys).
std::string EncryptForOdk(const documents::test_support::ScratchDir& dir, const std::string& xform,
                          const std::string& plain, const std::string& instance_id,
                          const std::string& photo) {
  const auto run = documents::test_support::RunCommand(
      std::string("/usr/bin/python3 ") + ENSEMBLE_ODK_ENCRYPT + " --xform " +
      dir.Write("form.xml", xform) + " --instance-id " + instance_id + " --submission " +
      dir.Write("plain.xml", plain) + " --media logement.jpg=" + dir.Write("photo.jpg", photo) +
      " --out " + dir.File("") + " 2>&1");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  std::ifstream in(dir.File("submission.xml"), std::ios::binary);
  std::stringstream manifest;
  manifest << in.rdbuf();
  return manifest.str();
}

std::string FileOf(const documents::test_support::ScratchDir& dir, const std::string& name) {
  std::ifstream in(dir.File(name), std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The manifest and its encrypted files, as ODK Collect posts an encrypted answer.
std::string EncryptedBody(const documents::test_support::ScratchDir& dir,
                          const std::string& manifest) {
  std::string body =
      "--odkBoundary\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; "
      "filename=\"submission.xml\"\r\nContent-Type: text/xml\r\n\r\n" +
      manifest + "\r\n";
  for (const char* name : {"logement.jpg.enc", "submission.xml.enc"}) {
    body += std::string("--odkBoundary\r\nContent-Disposition: form-data; name=\"") + name +
            "\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
            FileOf(dir, name) + "\r\n";
  }
  return body + "--odkBoundary--\r\n";
}

// Alma encrypts its answers to the collective's questionnaire with a key of its own: its
// director makes it; Martine's tablet gets the form under it; an answer encrypted by an ODK
// client is stored as sent, counted nowhere, read by nobody but Alma, and decrypted for who
// presents the passphrase. ECHO, the questionnaire's designer, has its own key and reads none of
// Alma's answers; the recovery code sets a new passphrase.
TEST_F(SurveysOpenRosa, AnEncryptedAnswerIsStoredAsSentAndOnlyItsStructureDecryptsIt) {
  const std::string form = "/api/v1/surveys/forms/" + std::to_string(form_);
  const Session claire = SignIn(kClaire);
  const Session martine = SignIn(kMartine);
  const std::string passphrase = "les tilleuls de la rue d'Alma";

  // Who may make the key, and with what.
  ExpectRefused(claire, "POST", form + "/key", json::object{{"passphrase", "court"}}, 400,
                "invalid_argument", "passphrase");
  ExpectRefused(martine, "POST", form + "/key", json::object{{"passphrase", passphrase}}, 403,
                "permission_denied", "");
  ExpectRefused(claire, "POST", form + "/key", json::object{{"passphrase", 12}}, 400,
                "invalid_argument", "passphrase");
  ExpectRefused(claire, "POST", form + "/key",
                json::object{{"passphrase", passphrase}, {"private_key", "x"}}, 400,
                "invalid_argument", "private_key");
  const Reply made = Send(claire, "POST", form + "/key", json::object{{"passphrase", passphrase}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.headers.at("cache-control"), "no-store");
  const std::string tag(made.json.at("tag").as_string());
  const std::string recovery_code(made.json.at("recovery_code").as_string());
  EXPECT_EQ(made.json.at("version").as_string(), "2026-12-" + tag);
  ExpectRefused(claire, "POST", form + "/key", json::object{{"passphrase", passphrase}}, 409,
                "already_exists", "form");
  // ECHO's director makes ECHO's: another key, another version.
  const Session marc = SignIn(kMarc);
  const Reply echo_key =
      Send(marc, "POST", form + "/key", json::object{{"passphrase", "le jardin partagé d'ECHO"}});
  ASSERT_EQ(echo_key.status, 201) << echo_key.body;
  EXPECT_NE(echo_key.json.at("tag").as_string(), tag);

  // Martine's tablet lists and downloads the form under Alma's key.
  const std::string tablet = SetUpTablet(martine);
  const Reply list = Collect("GET", tablet + "/formList");
  ASSERT_EQ(list.status, 200) << list.body;
  const pugi::xml_document forms = Xml(list);
  pugi::xml_node listed;
  for (const pugi::xml_node xform : forms.child("xforms").children("xform")) {
    if (std::string_view(xform.child_value("formID")) == "bien_vieillir_roubaix") listed = xform;
  }
  ASSERT_TRUE(listed) << list.body;
  EXPECT_EQ(std::string(listed.child_value("version")), "2026-12-" + tag);
  const Reply xform = Collect("GET", PathOf(listed.child_value("downloadUrl")));
  ASSERT_EQ(xform.status, 200) << xform.body;
  EXPECT_EQ(std::string(listed.child_value("hash")), "md5:" + app::Md5Hex(xform.body));
  EXPECT_NE(xform.body.find("base64RsaPublicKey=\""), std::string::npos) << xform.body;
  EXPECT_EQ(xform.body.find(std::string(echo_key.json.at("tag").as_string())), std::string::npos);

  // A plain answer under the encrypted version is refused, and nothing is stored.
  const std::string type = "multipart/form-data; boundary=odkBoundary";
  const std::string plain =
      "<data id=\"bien_vieillir_roubaix\" version=\"2026-12-" + tag +
      "\"><age>78</age><seul>oui</seul><photo>logement.jpg</photo><meta><instanceID>" +
      kInstanceId + "</instanceID></meta></data>";
  std::string before = SnapshotData();
  EXPECT_EQ(Collect("POST", tablet + "/submission", CollectBody(plain, "JPEG"), type).status, 400);
  EXPECT_EQ(SnapshotData(), before);

  // The client encrypts it with the key the XForm carries: stored as sent, once.
  documents::test_support::ScratchDir dir;
  const std::string manifest =
      EncryptForOdk(dir, xform.body, plain, kInstanceId, "JPEG du logement");
  const Reply stored = Collect("POST", tablet + "/submission", EncryptedBody(dir, manifest), type);
  ASSERT_EQ(stored.status, 201) << stored.body;
  const std::string after = SnapshotData();
  const std::string changed = Changed(before, after);
  // No answer in clear: the ciphertext is random, so only the plain element is looked for.
  EXPECT_EQ(changed.find("<age>"), std::string::npos) << changed;
  EXPECT_EQ(changed.find(">78<"), std::string::npos) << changed;
  for (const char* counts :
       {"survey_answer_counts", "survey_pair_counts", "survey_number_counts"}) {
    EXPECT_EQ(Section(after, counts), Section(before, counts)) << counts;
  }
  EXPECT_EQ(Collect("POST", tablet + "/submission", EncryptedBody(dir, manifest), type).status,
            202);
  EXPECT_EQ(SnapshotData(), after);

  // Alma lists it as encrypted, without answers; ECHO lists nothing of Alma's.
  const Reply answers = Get(martine, form + "/submissions");
  ASSERT_EQ(answers.json.at("items").as_array().size(), 1u) << answers.body;
  EXPECT_TRUE(answers.json.at("items").at(0).at("encrypted").as_bool());
  EXPECT_TRUE(answers.json.at("items").at(0).at("answers").as_object().empty());
  EXPECT_EQ(answers.json.at("items").at(0).at("files").as_array().size(), 2u);

  // Decrypted for who presents the passphrase; a wrong one opens nothing.
  const auto decrypted = [&](const Session& who, const std::string& secret) {
    return Call(&who, "POST", form + "/submissions/decrypted.csv",
                json::serialize(json::object{{"passphrase", secret}}),
                {{"X-CSRF-Token", who.csrf}, {"Content-Type", "application/json"}});
  };
  const Reply wrong = decrypted(martine, "les tilleuls de la rue d'Alma ");
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  EXPECT_EQ(wrong.ErrorField(), "passphrase");
  const Reply csv = decrypted(martine, passphrase);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find(kInstanceId), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",78,oui,"), std::string::npos) << csv.body;
  EXPECT_FALSE(csv.headers.contains("ensemble-unverified-instances"));
  // ECHO's own key decrypts ECHO's answers: there are none of Alma's among them.
  const Reply echo = decrypted(marc, "le jardin partagé d'ECHO");
  ASSERT_EQ(echo.status, 200) << echo.body;
  EXPECT_EQ(echo.body.find(kInstanceId), std::string::npos) << echo.body;
  EXPECT_TRUE(Get(SignIn(kNadia), form + "/submissions").json.at("items").as_array().empty());

  // Encrypted with ECHO's key and sent from Alma's tablet: not a version Alma's devices have.
  const Reply echo_form = Get(marc, form + "/xform");
  documents::test_support::ScratchDir other;
  const std::string second = "uuid:55555555-5555-4555-8555-555555555555";
  std::string echo_plain = plain;
  echo_plain.replace(echo_plain.find(kInstanceId), std::string(kInstanceId).size(), second);
  const std::string echo_manifest = EncryptForOdk(other, echo_form.body, echo_plain, second, "J");
  before = SnapshotData();
  EXPECT_EQ(
      Collect("POST", tablet + "/submission", EncryptedBody(other, echo_manifest), type).status,
      400);
  EXPECT_EQ(SnapshotData(), before);

  // A lost passphrase: the recovery code, as typed back, sets a new one; the old one is done.
  ExpectRefused(claire, "PUT", form + "/key/passphrase",
                json::object{{"recovery_code", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"},
                             {"passphrase", "une nouvelle phrase de passe"}},
                403, "permission_denied", "recovery_code");
  ExpectRefused(martine, "PUT", form + "/key/passphrase",
                json::object{{"recovery_code", recovery_code},
                             {"passphrase", "une nouvelle phrase de passe"}},
                403, "permission_denied", "");
  std::string typed = recovery_code;
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const Reply reset =
      Send(claire, "PUT", form + "/key/passphrase",
           json::object{{"recovery_code", typed}, {"passphrase", "une nouvelle phrase de passe"}});
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(decrypted(martine, passphrase).status, 403);
  EXPECT_EQ(decrypted(martine, "une nouvelle phrase de passe").status, 200);

  // Each wrong secret is counted on Alma's key (three so far) and audited. Past five, the next
  // attempt waits, the right passphrase's too, and says how long; then each wrong one doubles
  // the wait. ECHO's key is not slowed by Alma's mistakes.
  const std::string renewed = "une nouvelle phrase de passe";
  EXPECT_EQ(decrypted(martine, "pas la bonne phrase du tout").status, 403);
  EXPECT_EQ(decrypted(martine, "pas la bonne phrase du tout").status, 403);
  const Reply resting = decrypted(martine, renewed);
  EXPECT_EQ(resting.status, 429) << resting.body;
  EXPECT_EQ(resting.ErrorField(), "passphrase");
  EXPECT_EQ(resting.headers.at("retry-after"), "1");
  EXPECT_EQ(decrypted(marc, "le jardin partagé d'ECHO").status, 200);
  clock_.Advance(1000);
  EXPECT_EQ(decrypted(martine, renewed).status, 200);
  EXPECT_EQ(decrypted(martine, "pas la bonne phrase du tout").status, 403);
  const Reply longer = decrypted(martine, renewed);
  EXPECT_EQ(longer.status, 429) << longer.body;
  EXPECT_EQ(longer.headers.at("retry-after"), "2");
  ExpectRefused(claire, "PUT", form + "/key/passphrase",
                json::object{{"recovery_code", recovery_code}, {"passphrase", passphrase}}, 429,
                "too_many_requests", "recovery_code");
  clock_.Advance(2000);
  EXPECT_EQ(decrypted(martine, renewed).status, 200);
  auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase());
  ASSERT_TRUE(tx.has_value()) << tx.error().context;
  const auto wrong_lines = (*tx)->QueryOne(
      "SELECT count(*) FROM audit_log WHERE action = 'refused' AND record_kind = "
      "'survey_form_key' AND params LIKE '%wrong_%'",
      {});
  ASSERT_TRUE(wrong_lines.has_value()) << wrong_lines.error().context;
  EXPECT_EQ((*wrong_lines)->Int(0), 6) << "each wrong passphrase or recovery code";
}

TEST_F(SurveysOpenRosa, RefusalsAreOpenRosaDocumentsAndStoreNothing) {
  const Session martine = SignIn(kMartine);
  const std::string tablet = SetUpTablet(martine);
  const std::string type = "multipart/form-data; boundary=odkBoundary";
  const auto refused = [&](const std::string& path, const std::string& body,
                           const std::string& content_type, int status) {
    const std::string before = SnapshotData();
    const Reply reply = Collect("POST", path, body, content_type);
    EXPECT_EQ(reply.status, status) << path << "\n" << reply.body;
    EXPECT_EQ(reply.headers.at("x-openrosa-version"), "1.0");
    const pugi::xml_document document = Xml(reply);
    EXPECT_STREQ(document.child("OpenRosaResponse").child("message").attribute("nature").value(),
                 "error");
    const std::string after = SnapshotData();
    EXPECT_TRUE(after == before) << Changed(before, after);
    return std::string(document.child("OpenRosaResponse").child_value("message"));
  };
  // The tablet's first use is noted; the refusals below change nothing more.
  ASSERT_EQ(Collect("GET", tablet + "/formList").status, 200);
  const std::string good =
      CollectBody(CollectInstance("<age>78</age><seul>oui</seul>", kInstanceId), "");

  // Unknown secrets, malformed or well formed, are one and the same 404.
  const std::string unknown =
      refused("/openrosa/" + std::string(43, 'A') + "/submission", good, type, 404);
  EXPECT_EQ(refused("/openrosa/court/submission", good, type, 404), unknown);
  EXPECT_EQ(Collect("GET", "/openrosa/" + std::string(43, 'A') + "/formList").status, 404);

  // Answers that do not fit, each problem said; a body that is not multipart.
  const std::string why =
      refused(tablet + "/submission",
              CollectBody(CollectInstance("<age>40</age>", kInstanceId), ""), type, 400);
  EXPECT_EQ(why, "Les réponses ne correspondent pas au questionnaire : 2 problèmes à corriger.");
  refused(tablet + "/submission", "<data/>", "application/json", 415);
  // ECHO's own questionnaire is none of Alma's: not found.
  std::string other = CollectInstance("<note>x</note>", kInstanceId);
  const std::string named = "bien_vieillir_roubaix\" version=\"2026-12\"";
  other.replace(other.find(named), named.size(), "interne_echo\" version=\"1\"");
  refused(tablet + "/submission", CollectBody(other, ""), type, 404);

  // Closed by its owner, the questionnaire leaves the form list and refuses what Collect sends.
  const Session nadia = SignIn(kNadia);
  const std::string state = "/api/v1/surveys/forms/" + std::to_string(form_) + "/state";
  ASSERT_EQ(Send(nadia, "PUT", state, json::object{{"state", "closed"}}).status, 200);
  EXPECT_EQ(refused(tablet + "/submission", good, type, 409),
            "Ce questionnaire est clos : il ne reçoit plus de réponses.");
  const Reply closed_list = Collect("GET", tablet + "/formList");
  ASSERT_EQ(closed_list.status, 200) << closed_list.body;
  EXPECT_EQ(closed_list.body.find("bien_vieillir_roubaix"), std::string::npos) << closed_list.body;
  ASSERT_EQ(Send(nadia, "PUT", state, json::object{{"state", "open"}}).status, 200);

  // Revoked, the tablet is a stranger.
  const Reply devices = Get(martine, "/api/v1/surveys/collectors");
  const std::string id = std::to_string(devices.json.at("items").at(0).at("id").as_int64());
  EXPECT_EQ(Call(&martine, "DELETE", "/api/v1/surveys/collectors/" + id, "",
                 {{"X-CSRF-Token", martine.csrf}})
                .status,
            204);
  EXPECT_EQ(refused(tablet + "/submission", good, type, 404), unknown);
  EXPECT_EQ(Collect("GET", tablet + "/formList").status, 404);
}

TEST_F(SurveysOpenRosa, DevicesAreTheirStructuresAndTheDirectorManagesThem) {
  const Session martine = SignIn(kMartine);
  const std::string tablet = SetUpTablet(martine);
  const Session claire = SignIn(demo::kClaire);
  SetUpTablet(claire, "Téléphone de l'accueil");

  // Martine sees her own; Alma's director sees both and may revoke either.
  const Reply mine = Get(martine, "/api/v1/surveys/collectors");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json.at("items").as_array().size(), 1u) << mine.body;
  const Reply all = Get(claire, "/api/v1/surveys/collectors");
  ASSERT_EQ(all.json.at("items").as_array().size(), 2u) << all.body;
  std::string martines;
  for (const auto& item : all.json.at("items").as_array()) {
    if (item.at("person_name") == "Martine Lemaire") {
      martines = std::to_string(item.at("id").as_int64());
    }
  }
  ASSERT_FALSE(martines.empty());

  // ECHO's director neither sees nor revokes Alma's devices: not found, as a missing one.
  const Session marc = SignIn(demo::kMarc);
  const Reply echo = Get(marc, "/api/v1/surveys/collectors");
  EXPECT_TRUE(echo.json.at("items").as_array().empty()) << echo.body;
  const std::string before = SnapshotData();
  const Reply foreign = Call(&marc, "DELETE", "/api/v1/surveys/collectors/" + martines, "",
                             {{"X-CSRF-Token", marc.csrf}});
  const Reply missing =
      Call(&marc, "DELETE", "/api/v1/surveys/collectors/999999", "", {{"X-CSRF-Token", marc.csrf}});
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(foreign.body, missing.body);
  EXPECT_EQ(SnapshotData(), before);

  // The tablet works still.
  EXPECT_EQ(Collect("GET", tablet + "/formList").status, 200);

  // A funder's viewer collects nothing; a label is required.
  const std::string unchanged = SnapshotData();
  const Reply funder = Send(SignIn(demo::kAnne), "POST", "/api/v1/surveys/collectors",
                            json::object{{"label", "Tablette"}});
  EXPECT_EQ(funder.status, 403) << funder.body;
  const Reply unnamed =
      Send(martine, "POST", "/api/v1/surveys/collectors", json::object{{"label", " "}});
  EXPECT_EQ(unnamed.status, 400) << unnamed.body;
  EXPECT_EQ(unnamed.ErrorField(), "label");
  EXPECT_EQ(SnapshotData(), unchanged);

  // The director revokes Martine's tablet.
  EXPECT_EQ(Call(&claire, "DELETE", "/api/v1/surveys/collectors/" + martines, "",
                 {{"X-CSRF-Token", claire.csrf}})
                .status,
            204);
  EXPECT_EQ(Collect("GET", tablet + "/formList").status, 404);
}

}  // namespace
}  // namespace ensemble::testing_support
