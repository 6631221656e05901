// « Mot de passe oublié » through HTTP, on both backends: the same answer whether the address has
// an account, a mail with a single-use link (read here from the mail queue; the browser test
// web/e2e/about.test.mjs follows it through a real SMTP server), a reset that ends every session,
// and tokens used twice, expired or another person's refused and audited. Addresses are set with
// X-Forwarded-For; time moves with the fixture's FakeClock.
#include <fmt/format.h>

#include <future>
#include <latch>
#include <regex>

#include "components/mail/message_json.h"
#include "tests/api/api_fixture.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

constexpr const char* kClaire = "claire.dumont@alma.example.org";
constexpr const char* kMarc = "marc.lefebvre@echo.example.org";
constexpr const char* kNewPassword = "un-tout-nouveau-mot-de-passe";
constexpr UnixMillis kMinute = 60 * 1000;

class PasswordResetTest : public ApiTest {
 protected:
  Reply Ask(const std::string& email, const std::string& address = "203.0.113.7") {
    return Call(nullptr, "POST", "/api/v1/password-reset",
                json::serialize(json::object{{"email", email}}),
                {{"Content-Type", "application/json"}, {"X-Forwarded-For", address}});
  }
  Reply Confirm(const std::string& email, const std::string& token,
                const std::string& password = kNewPassword,
                const std::string& address = "203.0.113.7") {
    return Call(nullptr, "POST", "/api/v1/password-reset/confirm",
                json::serialize(
                    json::object{{"email", email}, {"token", token}, {"new_password", password}}),
                {{"Content-Type", "application/json"}, {"X-Forwarded-For", address}});
  }
  std::int64_t Count(const std::string& sql) {
    auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
    return tx->QueryOne(sql, {}).value()->Int(0);
  }
  // The queued mails, oldest first.
  std::vector<mail::Message> Mails() {
    auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
    std::vector<mail::Message> mails;
    const auto rows =
        tx->Query("SELECT payload FROM jobs WHERE kind = 'mail' ORDER BY id", {}).value();
    for (const auto& row : rows) {
      auto message = mail::FromJson(row.Text(0));
      EXPECT_TRUE(message.has_value()) << row.Text(0);
      if (message) mails.push_back(*message);
    }
    return mails;
  }
  // The token of the newest mail's link.
  std::string TokenOfLastMail() {
    const auto mails = Mails();
    if (mails.empty()) return "";
    static const std::regex kLink("/mot-de-passe-oublie/nouveau#jeton=([A-Za-z0-9_-]+)&courriel=");
    std::smatch found;
    if (!std::regex_search(mails.back().text, found, kLink)) return "";
    return found[1].str();
  }
  std::vector<std::string> ReasonsRefused() {
    auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
    std::vector<std::string> reasons;
    const auto rows =
        tx->Query(
              "SELECT params FROM audit_log WHERE action = 'password_reset_refused' ORDER BY id",
              {})
            .value();
    for (const auto& row : rows) {
      reasons.push_back(std::string(json::parse(row.Text(0)).at("reason").as_string()));
    }
    return reasons;
  }
};

void ExpectInvalidToken(const Reply& reply) {
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.ErrorCode(), "invalid_argument");
  EXPECT_EQ(reply.ErrorField(), "token");
  EXPECT_EQ(reply.json.at("error").at("message_id").as_string(),
            "tenancy.password_reset.invalid_token");
}

TEST_F(PasswordResetTest, AnAddressWithOrWithoutAnAccountGetsTheSameAnswer) {
  const Reply known = Ask(kClaire);
  const Reply unknown = Ask("personne@nulle-part.example.org");
  EXPECT_EQ(known.status, 202) << known.body;
  EXPECT_EQ(unknown.status, 202) << unknown.body;
  EXPECT_EQ(known.body, unknown.body);
  // Only the account's owner gets a mail, in her language, with the link and its lifetime.
  const auto mails = Mails();
  ASSERT_EQ(mails.size(), 1u);
  ASSERT_EQ(mails[0].to.size(), 1u);
  EXPECT_EQ(mails[0].to[0].address, kClaire);
  EXPECT_NE(mails[0].subject.find("nouveau mot de passe"), std::string::npos) << mails[0].subject;
  EXPECT_NE(mails[0].text.find("30 minutes"), std::string::npos) << mails[0].text;
  EXPECT_NE(mails[0].text.find("courriel=claire.dumont%40alma.example.org"), std::string::npos)
      << mails[0].text;
  EXPECT_FALSE(TokenOfLastMail().empty()) << mails[0].text;
  // The database keeps the token's hash, never the token, and the address asked for only hashed.
  const std::string token = TokenOfLastMail();
  EXPECT_EQ(
      Count(fmt::format("SELECT count(*) FROM password_resets WHERE token_hash = '{}'", token)), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM password_resets WHERE email_hash LIKE '%@%'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'password_reset_requested'"), 1);
}

TEST_F(PasswordResetTest, TheLinkSetsANewPasswordAndEndsEverySession) {
  const Session first = SignIn(kClaire);
  const Session second = SignIn(kClaire);
  ASSERT_EQ(Ask(kClaire).status, 202);
  const std::string token = TokenOfLastMail();
  const Reply reset = Confirm("Claire.Dumont@alma.example.org", token);
  EXPECT_EQ(reset.status, 204) << reset.body;
  EXPECT_EQ(Get(first, "/api/v1/session").status, 401);
  EXPECT_EQ(Get(second, "/api/v1/session").status, 401);
  EXPECT_EQ(Call(nullptr, "POST", "/api/v1/session",
                 json::serialize(json::object{{"email", kClaire}, {"password", kNewPassword}}),
                 {{"Content-Type", "application/json"}})
                .status,
            200);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'password_reset'"), 1);
  // Used once, the link is refused, and the refusal is audited with its reason.
  ExpectInvalidToken(Confirm(kClaire, token, "encore-un-autre-mot-de-passe"));
  EXPECT_EQ(ReasonsRefused(), std::vector<std::string>{"used"});
}

TEST_F(PasswordResetTest, ANewPasswordRetiresTheOtherLinks) {
  ASSERT_EQ(Ask(kClaire).status, 202);
  const std::string older = TokenOfLastMail();
  ASSERT_EQ(Ask(kClaire).status, 202);
  const std::string newer = TokenOfLastMail();
  ASSERT_NE(older, newer);
  EXPECT_EQ(Confirm(kClaire, newer).status, 204);
  ExpectInvalidToken(Confirm(kClaire, older, "encore-un-autre-mot-de-passe"));
}

TEST_F(PasswordResetTest, ExpiredUnknownAndOtherPeoplesTokensAreRefusedAndAudited) {
  ASSERT_EQ(Ask(kClaire).status, 202);
  const std::string token = TokenOfLastMail();
  const std::string hash_before = [&] {
    auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
    return tx->QueryOne("SELECT password_hash FROM people WHERE email = ?", {kClaire})
        .value()
        ->Text(0);
  }();
  // Claire's token with Marc's address changes neither's password.
  ExpectInvalidToken(Confirm(kMarc, token));
  ExpectInvalidToken(Confirm(kClaire, "un-jeton-que-personne-n-a-recu"));
  clock_.Advance(30 * kMinute);
  ExpectInvalidToken(Confirm(kClaire, token));
  EXPECT_EQ(ReasonsRefused(), (std::vector<std::string>{"other_person", "unknown", "expired"}));
  auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
  EXPECT_EQ(
      tx->QueryOne("SELECT password_hash FROM people WHERE email = ?", {kClaire}).value()->Text(0),
      hash_before);
  EXPECT_EQ(SignIn(kMarc).cookie.empty(), false);  // Marc's password is the demo's still
}

TEST_F(PasswordResetTest, ANewPasswordFollowsThePasswordRulesBesideItsField) {
  ASSERT_EQ(Ask(kClaire).status, 202);
  const std::string token = TokenOfLastMail();
  const Reply weak = Confirm(kClaire, token, "court");
  EXPECT_EQ(weak.status, 400) << weak.body;
  EXPECT_EQ(weak.ErrorField(), "new_password");
  // A refused password does not use the link up.
  EXPECT_EQ(Confirm(kClaire, token).status, 204);
}

TEST_F(PasswordResetTest, RequestsAreLimitedPerAddressAndPerClientAlikeForUnknownAddresses) {
  for (const char* email : {kClaire, "personne@nulle-part.example.org"}) {
    for (int i = 0; i < 3; ++i) EXPECT_EQ(Ask(email).status, 202) << email << " " << i;
    const Reply limited = Ask(email, "198.51.100.23");
    EXPECT_EQ(limited.status, 429) << limited.body;
    EXPECT_EQ(limited.headers.at("retry-after"), "3600");
    EXPECT_EQ(limited.json.at("error").at("message_id").as_string(),
              "tenancy.password_reset.throttled");
  }
  EXPECT_EQ(Mails().size(), 3u);
  clock_.Advance(60 * kMinute);
  EXPECT_EQ(Ask(kClaire).status, 202);
  // One client: 30 requests and refused tokens within the hour, whatever the addresses.
  for (int i = 0; i < 29; ++i) {
    const std::string email = fmt::format("inconnu{}@nulle-part.example.org", i);
    EXPECT_EQ(Ask(email, "192.0.2.50").status, 202) << i;
  }
  ExpectInvalidToken(Confirm(kClaire, "un-jeton-au-hasard", kNewPassword, "192.0.2.50"));
  EXPECT_EQ(Ask("encore@nulle-part.example.org", "192.0.2.50").status, 429);
  EXPECT_EQ(Confirm(kClaire, "un-autre-jeton", kNewPassword, "192.0.2.50").status, 429);
  EXPECT_EQ(Ask("encore@nulle-part.example.org", "192.0.2.51").status, 202);
}

TEST_F(PasswordResetTest, MalformedRequestsAreRefusedNamingTheirFieldAndStoreNothing) {
  const std::string before = SnapshotData();
  struct Case {
    std::string path;
    std::string body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"/api/v1/password-reset", R"({"email":"pas-une-adresse"})", "email"},
      {"/api/v1/password-reset", R"({})", "email"},
      {"/api/v1/password-reset", R"({"email":"a@b.example","admin":true})", "admin"},
      {"/api/v1/password-reset", R"({"email":42})", "email"},
      {"/api/v1/password-reset/confirm", R"({"email":"a@b.example","token":"","new_password":"x"})",
       "token"},
      {"/api/v1/password-reset/confirm",
       fmt::format(R"({{"email":"a@b.example","token":"{}","new_password":"x"}})",
                   std::string(200, 'a')),
       "token"},
      {"/api/v1/password-reset/confirm", R"({"email":"a@b.example","token":"t"})", "new_password"},
  };
  for (const Case& c : cases) {
    const Reply reply =
        Call(nullptr, "POST", c.path, c.body, {{"Content-Type", "application/json"}});
    EXPECT_EQ(reply.status, 400) << c.body << ": " << reply.body;
    EXPECT_EQ(reply.ErrorField(), c.field) << c.body << ": " << reply.body;
  }
  EXPECT_EQ(SnapshotData(), before);
  EXPECT_EQ(Count("SELECT count(*) FROM password_resets WHERE kind = 'request'"), 0);
  EXPECT_TRUE(Mails().empty());
}

// Two uses of one link at once: one changes the password, the other is refused as used.
TEST_F(PasswordResetTest, TwoUsesOfOneLinkAtOnceChangeThePasswordOnce) {
  ASSERT_EQ(Ask(kClaire).status, 202);
  const std::string token = TokenOfLastMail();
  std::latch start(2);
  auto use = [&](const std::string& password) {
    start.arrive_and_wait();
    return Confirm(kClaire, token, password).status;
  };
  auto one = std::async(std::launch::async, use, "premier-mot-de-passe-choisi");
  auto two = std::async(std::launch::async, use, "second-mot-de-passe-choisi");
  std::vector<int> statuses{one.get(), two.get()};
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{204, 400}));
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'password_reset'"), 1);
  EXPECT_EQ(ReasonsRefused(), std::vector<std::string>{"used"});
}

TEST_F(PasswordResetTest, TheAboutPageSaysHowLongALinkAndTheRestAreKept) {
  const Reply about = Call(nullptr, "GET", "/api/v1/about");
  ASSERT_EQ(about.status, 200) << about.body;
  const auto& retention = about.json.at("retention");
  EXPECT_EQ(retention.at("password_reset_minutes").as_int64(), 30);
  EXPECT_EQ(retention.at("session_idle_minutes").as_int64(), 30);
  EXPECT_EQ(retention.at("session_absolute_hours").as_int64(), 12);
  EXPECT_EQ(retention.at("audit_log_months").as_int64(), 12);
  // The fixture's server sets no operator: the pages say so.
  EXPECT_EQ(about.json.at("operator").at("name").as_string(), "");
}

}  // namespace
}  // namespace ensemble::testing_support
