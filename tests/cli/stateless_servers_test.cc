// Two `ensemble serve` processes on two ports over one PostgreSQL database serve the same person:
// sessions, CSRF tokens and sign-in throttling live in the database, not in a server's memory, so
// a reverse proxy may send each request to either server (issue 4, stateless app servers).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "app/app.h"
#include "app/demo.h"
#include "app/passwords.h"
#include "core/clock.h"
#include "storage/database.h"
#include "tests/support/http_client.h"
#include "tests/support/postgres_scratch.h"
#include "tests/support/process.h"

namespace ensemble {
namespace {

namespace json = boost::json;

constexpr const char* kClaire = "claire.dumont@alma.example.org";
constexpr const char* kMarc = "marc.lefebvre@echo.example.org";

struct Session {
  std::string cookie;  // "name=token", as a browser sends it back
  std::string csrf;
  std::int64_t acting = 0;
};

class StatelessServers : public ::testing::Test {
 protected:
  void SetUp() override {
    auto scratch = storage::pgtest::ScratchDatabase::Create();
    ASSERT_TRUE(scratch.has_value()) << scratch.error().message << ": " << scratch.error().context;
    scratch_ = std::move(*scratch);
    ASSERT_NO_FATAL_FAILURE(LoadDemoNetwork());
    web_root_ = std::filesystem::temp_directory_path() /
                fmt::format("ensemble-stateless-{}-{}", ::getpid(),
                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(web_root_);
    for (auto* server : {&first_, &second_}) {
      *server = std::make_unique<test_support::ServerProcess>(std::vector<std::string>{
          ENSEMBLE_BIN, "serve", "--database", scratch_->url(), "--listen", "127.0.0.1:0",
          "--web-root", web_root_.string(), "--password-cost", "min", "--log-level", "error"});
      ASSERT_NE((*server)->port(), 0) << "a server did not start";
    }
    ASSERT_NE(first_->port(), second_->port());
  }

  void TearDown() override {
    first_.reset();
    second_.reset();
    scratch_.reset();
    std::filesystem::remove_all(web_root_);
  }

  // The demo network, loaded once through the application as `ensemble demo` does, before either
  // server starts; the servers then only read and write it.
  void LoadDemoNetwork() {
    ASSERT_TRUE(app::InitCrypto().has_value());
    storage::DatabaseOptions options;
    options.url = scratch_->url();
    auto database = storage::OpenDatabase(options);
    ASSERT_TRUE(database.has_value()) << database.error().context;
    auto migrated = (*database)->Migrate();
    ASSERT_TRUE(migrated.has_value()) << migrated.error().context;
    SystemClock clock;
    app::AppOptions app_options;
    app_options.password_cost = app::PasswordCost::kMinimum;
    app::App app(**database, clock, app_options);
    auto loaded = app::LoadDemoNetwork(app);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().context;
  }

  // One request on a new connection to the server on `port`, with the session's cookie and, for
  // a body, its CSRF token.
  static test_support::HttpReply Call(std::uint16_t port, const Session* session,
                                      std::string_view method, std::string_view target,
                                      const json::value& body = nullptr) {
    test_support::HttpClient client("127.0.0.1", port);
    client.set_remember_cookies(false);
    std::map<std::string, std::string> headers;
    if (session != nullptr) {
      headers["Cookie"] = session->cookie;
      headers["X-CSRF-Token"] = session->csrf;
    }
    std::string text;
    if (!body.is_null()) {
      headers["Content-Type"] = "application/json";
      text = json::serialize(body);
    }
    return client.Send(method, target, text, headers);
  }

  static test_support::HttpReply TrySignIn(std::uint16_t port, std::string_view email,
                                           std::string_view password) {
    return Call(port, nullptr, "POST", "/api/v1/session",
                json::object{{"email", email}, {"password", password}});
  }

  static Session SignIn(std::uint16_t port, std::string_view email) {
    const auto reply = TrySignIn(port, email, app::kDemoPassword);
    Session session;
    EXPECT_EQ(reply.status, 200) << reply.body;
    if (reply.status != 200) return session;
    const std::string set_cookie = reply.Header("set-cookie");
    session.cookie = set_cookie.substr(0, set_cookie.find(';'));
    const auto signed_in = json::parse(reply.body);
    session.csrf = std::string(signed_in.at("csrf_token").as_string());
    session.acting = signed_in.at("acting_structure_id").as_int64();
    return session;
  }

  std::unique_ptr<storage::pgtest::ScratchDatabase> scratch_;
  std::filesystem::path web_root_;
  std::unique_ptr<test_support::ServerProcess> first_;
  std::unique_ptr<test_support::ServerProcess> second_;
};

TEST_F(StatelessServers, ASessionOpenedOnOneServerWorksOnTheOtherUntilSignedOutThere) {
  const Session claire = SignIn(first_->port(), kClaire);
  ASSERT_FALSE(claire.cookie.empty());
  const std::string structure = fmt::format("/api/v1/structures/{}", claire.acting);

  const auto session = Call(second_->port(), &claire, "GET", "/api/v1/session");
  ASSERT_EQ(session.status, 200) << session.body;
  EXPECT_EQ(json::parse(session.body).at("person").at("email").as_string(), kClaire);
  const auto read = Call(second_->port(), &claire, "GET", structure);
  ASSERT_EQ(read.status, 200) << read.body;

  // The CSRF token the first server issued is the one the second checks.
  Session forged = claire;
  forged.csrf = "not-the-token";
  const auto refused =
      Call(second_->port(), &forged, "PATCH", structure, json::object{{"territory", "Ailleurs"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  const auto written = Call(second_->port(), &claire, "PATCH", structure,
                            json::object{{"territory", "Alma-Gare – Roubaix"}});
  ASSERT_EQ(written.status, 200) << written.body;
  const auto seen = Call(first_->port(), &claire, "GET", structure);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(json::parse(seen.body).at("territory").as_string(), "Alma-Gare – Roubaix");

  EXPECT_EQ(Call(second_->port(), &claire, "DELETE", "/api/v1/session").status, 204);
  const auto after = Call(first_->port(), &claire, "GET", "/api/v1/session");
  EXPECT_EQ(after.status, 401) << after.body;
  EXPECT_EQ(Call(first_->port(), &claire, "GET", structure).status, 401);
  EXPECT_EQ(Call(second_->port(), &claire, "GET", "/api/v1/session").status, 401);
}

TEST_F(StatelessServers, SignInFailuresOnBothServersAddUpToOneLock) {
  // Five failures, split three and two: each server alone has seen fewer than the limit.
  for (int i = 0; i < 5; ++i) {
    const std::uint16_t port = i % 2 == 0 ? first_->port() : second_->port();
    EXPECT_EQ(TrySignIn(port, kClaire, "wrong-password").status, 401) << i;
  }
  for (const std::uint16_t port : {first_->port(), second_->port()}) {
    const auto locked = TrySignIn(port, kClaire, app::kDemoPassword);
    EXPECT_EQ(locked.status, 429) << port << ": " << locked.body;
  }
  // The lock is the account's: another person signs in on either server.
  EXPECT_NE(SignIn(first_->port(), kMarc).acting, 0);
  EXPECT_NE(SignIn(second_->port(), kMarc).acting, 0);
}

}  // namespace
}  // namespace ensemble
