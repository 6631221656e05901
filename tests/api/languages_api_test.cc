// French and English over HTTP: the error answer's message in the person's chosen language, else
// in the request's Accept-Language, else French; its id and parameters beside it; the language
// endpoint's bad input; the audit log's codes worded for its reader.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/api/api_fixture.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

constexpr const char* kClaire = "claire.dumont@alma.example.org";
constexpr const char* kMarc = "marc.lefebvre@echo.example.org";
const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};

std::string MessageOf(const Reply& reply) {
  return std::string(reply.json.at("error").at("message").as_string());
}

std::string IdOf(const Reply& reply) {
  return std::string(reply.json.at("error").at("message_id").as_string());
}

class LanguagesApiTest : public ApiTest {
 protected:
  Reply UnknownField(std::map<std::string, std::string> headers) {
    headers["Content-Type"] = "application/json";
    return Call(nullptr, "POST", "/api/v1/session", R"({"email":"a@b.org","remember":1})", headers);
  }
  Reply ChooseLanguage(const Session& session, const json::value& body) {
    return Send(session, "PUT", "/api/v1/me/language", body);
  }
  std::string StoredLanguage(const std::string& email) {
    auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
    return tx->Query("SELECT language FROM people WHERE email = ?", {email}).value().at(0).Text(0);
  }
};

TEST_F(LanguagesApiTest, AnswersInTheLanguageOfAcceptLanguageAndFrenchOtherwise) {
  const Reply english = UnknownField({{"Accept-Language", "en-GB,en;q=0.9"}});
  ASSERT_EQ(english.status, 400) << english.body;
  EXPECT_EQ(MessageOf(english), "unknown field “remember”");
  EXPECT_EQ(IdOf(english), "core.json.unknown_field");
  EXPECT_EQ(english.json.at("error").at("params"), (json::object{{"field", "remember"}}));
  EXPECT_EQ(english.ErrorField(), "remember");

  const Reply german = UnknownField({{"Accept-Language", "de"}});
  EXPECT_EQ(MessageOf(german), "champ inconnu « remember »");
  const Reply preferred = UnknownField({{"Accept-Language", "de, fr;q=0.5, en;q=0.9"}});
  EXPECT_EQ(MessageOf(preferred), "unknown field “remember”");
  const Reply none = UnknownField({});
  EXPECT_EQ(MessageOf(none), "champ inconnu « remember »");
  EXPECT_EQ(none.json.at("error").at("message_id"), english.json.at("error").at("message_id"));
}

TEST_F(LanguagesApiTest, NumbersThatAreSettingsArriveAsParameters) {
  const Session claire = SignIn(kClaire);
  ASSERT_EQ(ChooseLanguage(claire, json::object{{"language", "en"}}).status, 200);
  const Reply reply = Call(&claire, "PUT", "/api/v1/me/password",
                           R"({"current_password":"ensemble-demo-2026","new_password":"court"})",
                           {{"Content-Type", "application/json"}, {"X-CSRF-Token", claire.csrf}});
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(IdOf(reply), "tenancy.password.too_short");
  EXPECT_EQ(reply.json.at("error").at("params").at("min").as_int64(), 12);
  EXPECT_EQ(MessageOf(reply), "the password must have at least 12 characters");
  EXPECT_EQ(reply.ErrorField(), "new_password");
}

TEST_F(LanguagesApiTest, APersonWhoChoseEnglishIsAnsweredInEnglishWithoutTheHeader) {
  const Session claire = SignIn(kClaire);
  EXPECT_EQ(claire.json.at("language").as_string(), "fr");
  const Reply chosen = ChooseLanguage(claire, json::object{{"language", "en"}});
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_EQ(chosen.json.at("language").as_string(), "en");
  EXPECT_EQ(StoredLanguage(kClaire), "en");
  EXPECT_EQ(Get(claire, "/api/v1/session").json.at("language").as_string(), "en");

  const Reply missing = Get(claire, "/api/v1/structures/999999");
  ASSERT_EQ(missing.status, 404);
  EXPECT_EQ(MessageOf(missing), "structure not found");
  // Her choice wins over what her browser says.
  const Reply french_browser =
      Call(&claire, "GET", "/api/v1/structures/999999", "", {{"Accept-Language", "fr"}});
  EXPECT_EQ(MessageOf(french_browser), "structure not found");
  // A refused CSRF token is worded for her too, and the others stay in French.
  const Reply no_csrf = Call(&claire, "PUT", "/api/v1/me/language", R"({"language":"fr"})", kJson);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(IdOf(no_csrf), "core.csrf.token");
  EXPECT_EQ(MessageOf(no_csrf).rfind("anti-forgery token", 0), 0u) << MessageOf(no_csrf);
  const Session marc = SignIn(kMarc);
  EXPECT_EQ(MessageOf(Get(marc, "/api/v1/structures/999999")), "structure introuvable");

  // Choosing the same language again changes nothing; choosing French back is one more change.
  ASSERT_EQ(ChooseLanguage(claire, json::object{{"language", "fr"}}).status, 200);
  EXPECT_EQ(MessageOf(Get(claire, "/api/v1/structures/999999")), "structure introuvable");
}

TEST_F(LanguagesApiTest, TheLanguageEndpointRefusesBadInputAndStoresNothing) {
  const Session claire = SignIn(kClaire);
  struct Case {
    std::string body;
    int status;
    std::string code;
    std::string field;
    std::string message_id;
  };
  const Case cases[] = {
      {R"({"language":"de"})", 400, "invalid_argument", "language", "core.language.unknown"},
      {R"({"language":"EN"})", 400, "invalid_argument", "language", "core.language.unknown"},
      {R"({"language":""})", 400, "invalid_argument", "language", "core.language.unknown"},
      {R"({"language":1})", 400, "invalid_argument", "language", "core.json.must_be_string"},
      {R"({"language":null})", 400, "invalid_argument", "language", "core.json.must_be_string"},
      {R"({})", 400, "invalid_argument", "language", "core.json.required"},
      {R"({"language":"en","theme":"dark"})", 400, "invalid_argument", "theme",
       "core.json.unknown_field"},
      {R"(["en"])", 400, "invalid_argument", "", "core.json.not_object"},
  };
  const std::string before = SnapshotData();
  for (const Case& c : cases) {
    const Reply reply = Call(&claire, "PUT", "/api/v1/me/language", c.body,
                             {{"Content-Type", "application/json"}, {"X-CSRF-Token", claire.csrf}});
    EXPECT_EQ(reply.status, c.status) << c.body;
    EXPECT_EQ(reply.ErrorCode(), c.code) << c.body;
    EXPECT_EQ(reply.ErrorField(), c.field) << c.body;
    EXPECT_EQ(IdOf(reply), c.message_id) << c.body;
  }
  const Reply anonymous = Call(nullptr, "PUT", "/api/v1/me/language", R"({"language":"en"})",
                               {{"Content-Type", "application/json"}, {"Accept-Language", "en"}});
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(MessageOf(anonymous), "sign-in required");
  const Reply forged = Call(&claire, "PUT", "/api/v1/me/language", R"({"language":"en"})", kJson);
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(forged.ErrorCode(), "csrf_failed");
  EXPECT_EQ(SnapshotData(), before);
  EXPECT_EQ(StoredLanguage(kClaire), "fr");
}

TEST_F(LanguagesApiTest, TheChoiceIsAuditedAsAChangeAndTheLogIsWordedForItsReader) {
  const Session claire = SignIn(kClaire);
  ASSERT_EQ(ChooseLanguage(claire, json::object{{"language", "en"}}).status, 200);
  {
    auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
    const auto rows = tx->Query(
                            "SELECT action, record_kind, changes FROM audit_log "
                            "WHERE record_kind = 'person' AND action = 'update'",
                            {})
                          .value();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Text(2), R"([{"field":"language","old":"fr","new":"en"}])");
  }
  // Marc, of another structure, tries Alma's staff: refused, and written in Alma's log.
  const std::string alma = std::to_string(StructureId("Centre social Alma"));
  const Session marc = SignIn(kMarc);
  ASSERT_NE(Get(marc, "/api/v1/structures/" + alma + "/staff").status, 200);

  const Reply log = Get(claire, "/api/v1/structures/" + alma + "/audit?action=refused");
  ASSERT_EQ(log.status, 200) << log.body;
  const json::object& line = log.json.at("items").as_array().at(0).as_object();
  EXPECT_EQ(line.at("action").as_string(), "refused");
  EXPECT_EQ(line.at("params").at("reason").as_string(), "other_structure");
  const json::object& labels = line.at("labels").as_object();
  EXPECT_EQ(labels.at("action").as_string(), "Access refused");
  EXPECT_EQ(labels.at("params").at("attempted").as_string(), "Attempted action");
  EXPECT_EQ(labels.at("params").at("reason").as_string(), "Reason");
  EXPECT_EQ(labels.at("param_values").at("attempted").as_string(), "see the staff");
  EXPECT_EQ(labels.at("param_values").at("reason").as_string(), "another structure's record");

  const Reply csv = Get(claire, "/api/v1/structures/" + alma + "/audit.csv?action=refused");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("action_libelle"), std::string::npos);
  EXPECT_NE(csv.body.find(",refused,"), std::string::npos);
  EXPECT_NE(csv.body.find("Access refused"), std::string::npos);
  EXPECT_NE(csv.body.find("Reason: another structure's record"), std::string::npos) << csv.body;

  // The same line, read by a director who kept French.
  ASSERT_EQ(ChooseLanguage(claire, json::object{{"language", "fr"}}).status, 200);
  const Reply french = Get(claire, "/api/v1/structures/" + alma + "/audit?action=refused");
  const json::object& french_labels =
      french.json.at("items").as_array().at(0).at("labels").as_object();
  EXPECT_EQ(french_labels.at("action").as_string(), "Accès refusé");
  EXPECT_EQ(french_labels.at("param_values").at("reason").as_string(),
            "donnée d'une autre structure");
}

}  // namespace
}  // namespace ensemble::testing_support
