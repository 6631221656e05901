// The ensemble program's commands given a PostgreSQL URL instead of a file: init makes the first
// administrator once, demo loads the network into an empty database and serves it, and serve
// refuses a role that would skip row-level security. Each test has its own scratch database on
// the test run's cluster (the `postgres` fixture).
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/postgres_scratch.h"
#include "tests/support/process.h"
#include "tests/support/stored.h"

namespace ensemble {
namespace {

using ::testing::HasSubstr;

class PostgresCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    auto scratch = storage::pgtest::ScratchDatabase::Create();
    ASSERT_TRUE(scratch.has_value()) << scratch.error().message;
    database_ = std::move(*scratch);
  }

  test_support::CommandResult Ensemble(std::vector<std::string> args,
                                       std::vector<std::string> environment = {}) {
    args.insert(args.begin(), ENSEMBLE_BIN);
    // The operator reads these messages in English here (the CLI speaks LC_ALL's language).
    environment.push_back("LC_ALL=en_GB.UTF-8");
    return test_support::RunCommand(args, environment);
  }

  std::unique_ptr<storage::pgtest::ScratchDatabase> database_;
};

TEST_F(PostgresCommands, InitMakesTheFirstAdministratorOnceThenRefuses) {
  const std::vector<std::string> init = {"init",    "--database",        database_->url(),
                                         "--email", "admin@example.org", "--name",
                                         "Admin",   "--password-cost",   "min"};
  const auto first = Ensemble(init, {"ENSEMBLE_PASSWORD=a-long-enough-password"});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_EQ(test_support::QueryInt(database_->url(), "SELECT count(*) FROM people"), 1);

  const auto again = Ensemble(init, {"ENSEMBLE_PASSWORD=another-long-password"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.output, HasSubstr("holds accounts already"));
  EXPECT_THAT(again.output, HasSubstr(database_->name()));
  EXPECT_EQ(test_support::QueryInt(database_->url(), "SELECT count(*) FROM people"), 1);
}

TEST_F(PostgresCommands, DemoLoadsTheNetworkIntoPostgresAndServesIt) {
  test_support::ServerProcess server({ENSEMBLE_BIN, "demo", "--database", database_->url(),
                                      "--listen", "127.0.0.1:0", "--password-cost", "min"});
  ASSERT_NE(server.port(), 0);
  test_support::HttpClient client("127.0.0.1", server.port());
  const auto health = client.Send("GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(boost::json::parse(health.body).at("database").as_string(), "postgresql");
  const auto signed_in =
      client.Send("POST", "/api/v1/session",
                  R"({"email":"claire.dumont@alma.example.org","password":"ensemble-demo-2026"})",
                  {{"Content-Type", "application/json"}});
  EXPECT_LT(signed_in.status, 300) << signed_in.body;
  EXPECT_GT(test_support::QueryInt(database_->url(), "SELECT count(*) FROM personnel_files"), 0);
}

TEST_F(PostgresCommands, DemoResetIsRefusedOnPostgresAndTouchesNothing) {
  const auto refused = Ensemble({"demo", "--database", database_->url(), "--reset", "--listen",
                                 "127.0.0.1:0", "--password-cost", "min"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.output, HasSubstr("--reset deletes a SQLite file"));
  EXPECT_EQ(test_support::QueryInt(database_->url(),
                                   "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
            0);
}

TEST_F(PostgresCommands, ServeRefusesARoleThatSkipsRowLevelSecurity) {
  const std::string as_superuser =
      storage::pgtest::WithDatabase(storage::pgtest::ServerUrl().value(), database_->name());
  const auto refused = Ensemble({"serve", "--database", as_superuser, "--listen", "127.0.0.1:0"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.output, HasSubstr("is a superuser or has BYPASSRLS"));
  EXPECT_THAT(refused.output, HasSubstr("docs/deployment.md"));
}

// Each bad database an operator may name gets a clear message and a non-zero exit, and the
// password in the URL is never printed.
TEST_F(PostgresCommands, BadDatabasesAreRefusedClearlyWithoutThePassword) {
  const auto unreachable =
      Ensemble({"migrate", "--database",
                "postgresql://ensemble:s3cret-pw@127.0.0.1:1/ensemble?connect_timeout=2"});
  EXPECT_EQ(unreachable.exit_code, 1);
  EXPECT_THAT(unreachable.output, HasSubstr("cannot connect to PostgreSQL"));
  EXPECT_THAT(unreachable.output, ::testing::Not(HasSubstr("s3cret-pw")));

  const auto malformed =
      Ensemble({"migrate", "--database", "postgresql://ensemble:s3cret-pw@host/db?bogus=1"});
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_THAT(malformed.output, HasSubstr("bogus"));
  EXPECT_THAT(malformed.output, ::testing::Not(HasSubstr("s3cret-pw")));

  const auto missing = Ensemble(
      {"migrate", "--database", storage::pgtest::WithDatabase(database_->url(), "no_such_db")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.output, HasSubstr("no_such_db"));
}

TEST_F(PostgresCommands, ADatabaseNewerThanTheProgramIsRefusedAndLeftAsItIs) {
  ASSERT_EQ(Ensemble({"migrate", "--database", database_->url()}).exit_code, 0);
  const auto latest =
      test_support::QueryInt(database_->url(), "SELECT max(version) FROM schema_migrations");
  {
    const auto marked = storage::pgtest::RunOnServer(
        database_->url(),
        fmt::format("INSERT INTO schema_migrations VALUES ('tenancy', {}, 'future', 0)",
                    latest + 1));
    ASSERT_TRUE(marked.has_value()) << marked.error().message;
  }
  for (const char* command : {"migrate", "serve"}) {
    const auto refused = Ensemble({command, "--database", database_->url()});
    EXPECT_EQ(refused.exit_code, 1) << command;
    EXPECT_THAT(refused.output, HasSubstr("newer than this program")) << command;
  }
  EXPECT_EQ(test_support::QueryInt(database_->url(), "SELECT max(version) FROM schema_migrations"),
            latest + 1);
}

}  // namespace
}  // namespace ensemble
