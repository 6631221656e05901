// The ensemble program as an operator runs it: help, init, migrate, user add and password,
// the config file, a bad listen address, a backup taken while the server takes writes, and a
// job left behind by a server that died.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/clock.h"
#include "storage/database.h"
#include "storage/jobs/job_store.h"
#include "storage/migrations.h"
#include "storage/tenancy/session_store.h"
#include "storage/tenancy/tenancy_store.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/stored.h"

namespace ensemble {
namespace {

using test_support::RunCommand;
using ::testing::HasSubstr;

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           fmt::format("ensemble-cli-{}-{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    database_ = (dir_ / "ensemble.db").string();
    // Next to the database, never around it: the server refuses a web root that holds it.
    web_root_ = (dir_ / "web").string();
    std::filesystem::create_directories(web_root_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  test_support::CommandResult Ensemble(std::vector<std::string> args,
                                       std::vector<std::string> environment = {},
                                       const std::string& input = {}) {
    args.insert(args.begin(), ENSEMBLE_BIN);
    return RunCommand(args, environment, input);
  }

  std::filesystem::path dir_;
  std::string database_;
  std::string web_root_;
};

TEST_F(Cli, HelpListsEverySubcommandAndItsOptions) {
  const auto help = Ensemble({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* command : {"serve", "init", "demo", "migrate", "user", "backup"}) {
    EXPECT_THAT(help.output, HasSubstr(command));
  }
  const auto serve = Ensemble({"serve", "--help"});
  EXPECT_EQ(serve.exit_code, 0);
  EXPECT_THAT(serve.output, HasSubstr("--listen"));
  EXPECT_THAT(serve.output, HasSubstr("ENSEMBLE_LISTEN"));
  EXPECT_NE(Ensemble({"frobnicate"}).exit_code, 0);
}

TEST_F(Cli, InitCreatesTheFirstAdministratorOnce) {
  const auto init = Ensemble({"init", "--database", database_, "--email", "admin@example.org",
                              "--name", "Admin", "--password-cost", "min"},
                             {}, "a-long-enough-password\n");
  ASSERT_EQ(init.exit_code, 0) << init.output;
  EXPECT_EQ(
      test_support::QueryInt(database_, "SELECT count(*) FROM people WHERE platform_admin = 1"), 1);

  const auto again = Ensemble({"init", "--database", database_, "--email", "b@example.org",
                               "--name", "B", "--password-cost", "min"},
                              {"ENSEMBLE_PASSWORD=another-long-password", "LC_ALL=en_GB.UTF-8"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.output, HasSubstr("exists already"));
  // The operator's language comes from the environment; French when it names none we speak.
  for (const char* locale : {"LC_ALL=fr_FR.UTF-8", "LC_ALL=C.UTF-8", "LC_ALL=de_DE.UTF-8"}) {
    const auto french = Ensemble({"init", "--database", database_, "--email", "b@example.org",
                                  "--name", "B", "--password-cost", "min"},
                                 {"ENSEMBLE_PASSWORD=another-long-password", locale});
    EXPECT_EQ(french.exit_code, 1);
    EXPECT_THAT(french.output, HasSubstr("existe déjà ; init crée une base neuve")) << locale;
  }
  EXPECT_EQ(test_support::QueryInt(database_, "SELECT count(*) FROM people"), 1);

  const auto migrate = Ensemble({"migrate", "--database", database_});
  EXPECT_EQ(migrate.exit_code, 0);
  // Every module's migrations count: the number grows as modules join.
  EXPECT_THAT(migrate.output,
              HasSubstr(fmt::format("schema version {} (sqlite)",
                                    storage::CountMigrations(storage::AllMigrations()))));
}

TEST_F(Cli, UserCommandsValidateAndRefuseClearly) {
  const std::vector<std::string> password = {"ENSEMBLE_PASSWORD=a-long-enough-password"};
  ASSERT_EQ(Ensemble({"user", "add", "--database", database_, "--email", "x@example.org", "--name",
                      "X", "--password-cost", "min"},
                     password)
                .exit_code,
            0);
  const auto twice = Ensemble({"user", "add", "--database", database_, "--email", "X@example.org",
                               "--name", "X", "--password-cost", "min"},
                              password);
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_THAT(twice.output, HasSubstr("(email)"));
  const auto short_password = Ensemble({"user", "password", "--database", database_, "--email",
                                        "x@example.org", "--password-cost", "min"},
                                       {"ENSEMBLE_PASSWORD=short"});
  EXPECT_EQ(short_password.exit_code, 1);
  EXPECT_THAT(short_password.output, HasSubstr("(password)"));
  const auto nobody = Ensemble({"user", "password", "--database", database_, "--email",
                                "nobody@example.org", "--password-cost", "min"},
                               {password[0], "LC_ALL=fr_FR.UTF-8"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_THAT(nobody.output, HasSubstr("aucun compte pour cette adresse e-mail"));
  const auto bad_structure =
      Ensemble({"user", "add", "--database", database_, "--email", "y@example.org", "--name", "Y",
                "--structure", "999", "--role", "director", "--password-cost", "min"},
               password);
  EXPECT_EQ(bad_structure.exit_code, 1);
  EXPECT_THAT(bad_structure.output, HasSubstr("(structure)"));
  EXPECT_EQ(test_support::QueryInt(database_, "SELECT count(*) FROM people"), 1);
}

TEST_F(Cli, SettingsComeFromFlagsThenConfigFileThenEnvironment) {
  const std::string config = (dir_ / "ensemble.toml").string();
  std::ofstream(config) << fmt::format("database = \"{}\"\n", database_);
  const auto from_file = Ensemble({"migrate", "--config", config});
  EXPECT_EQ(from_file.exit_code, 0) << from_file.output;
  EXPECT_THAT(from_file.output, HasSubstr(database_));
  const std::string other = (dir_ / "other.db").string();
  const auto from_flag = Ensemble({"migrate", "--config", config, "--database", other});
  EXPECT_THAT(from_flag.output, HasSubstr(other));
  // CLI11 ranks the config file above the environment: a variable fills only what the file
  // leaves out. The README documents that order.
  const auto from_environment =
      Ensemble({"migrate", "--config", config}, {"ENSEMBLE_DATABASE=" + other});
  EXPECT_THAT(from_environment.output, HasSubstr(database_));
  std::ofstream(config) << "log-level = \"warn\"\n";
  const auto file_without_database =
      Ensemble({"migrate", "--config", config}, {"ENSEMBLE_DATABASE=" + other});
  EXPECT_THAT(file_without_database.output, HasSubstr(other));
}

TEST_F(Cli, RefusesABadListenAddress) {
  for (const char* listen : {"127.0.0.1", "127.0.0.1:99999", "nowhere:8080"}) {
    const auto served =
        Ensemble({"serve", "--database", database_, "--listen", listen, "--web-root", web_root_});
    EXPECT_EQ(served.exit_code, 1) << listen << ": " << served.output;
    EXPECT_THAT(served.output, HasSubstr("listen")) << listen;
  }
}

TEST_F(Cli, RefusesToServeAWebRootThatHoldsTheDatabase) {
  ASSERT_EQ(Ensemble({"migrate", "--database", database_}).exit_code, 0);
  const auto served = Ensemble(
      {"serve", "--database", database_, "--listen", "127.0.0.1:0", "--web-root", dir_.string()});
  EXPECT_EQ(served.exit_code, 1) << served.output;
  EXPECT_THAT(served.output, HasSubstr("web_root"));
  EXPECT_THAT(served.output, HasSubstr("database"));
}

// The live database, its -wal and its -shm are out of reach over HTTP, and asking for them does
// not make the server open them: its descriptors on them stay the ones SQLite opened (a second
// descriptor, closed, would drop SQLite's locks and leave the -wal and -shm unlinked).
TEST_F(Cli, TheDatabaseFilesAreUnreachableOverHttp) {
  test_support::ServerProcess server({ENSEMBLE_BIN, "demo", "--database", database_, "--listen",
                                      "127.0.0.1:0", "--web-root", web_root_, "--password-cost",
                                      "min", "--log-level", "error"});
  ASSERT_NE(server.port(), 0);
  test_support::HttpClient client("127.0.0.1", server.port());
  for (const std::string& file : {database_, database_ + "-wal", database_ + "-shm"}) {
    const std::string name = std::filesystem::path(file).filename().string();
    for (const std::string& target : {"/" + file, "//" + file, "/../" + name, "/%2e%2e/" + name,
                                      "/%2F" + file.substr(1), "/..%2f" + name}) {
      const auto reply =
          client.SendOutsideApi("a file of the web root's neighbourhood", "GET", target);
      EXPECT_EQ(reply.body.find("SQLite format"), std::string::npos) << target;
      EXPECT_EQ(reply.status, 404) << target;
    }
  }
  for (const auto& link : std::filesystem::directory_iterator(
           fmt::format("/proc/{}/fd", static_cast<int>(server.pid())))) {
    std::error_code ignored;
    const std::string target = std::filesystem::read_symlink(link.path(), ignored).string();
    EXPECT_EQ(target.find("(deleted)"), std::string::npos) << target;
  }
  EXPECT_EQ(client.Send("GET", "/healthz").status, 200);
  EXPECT_EQ(
      test_support::QueryInt(
          database_, "SELECT count(*) FROM pragma_integrity_check() WHERE integrity_check <> 'ok'"),
      0);
}

TEST_F(Cli, BackupIsConsistentWhileTheServerTakesWrites) {
  test_support::ServerProcess server({ENSEMBLE_BIN, "demo", "--database", database_, "--listen",
                                      "127.0.0.1:0", "--web-root", web_root_, "--password-cost",
                                      "min", "--log-level", "error"});
  ASSERT_NE(server.port(), 0);
  test_support::HttpClient client("127.0.0.1", server.port());
  const auto signed_in =
      client.Send("POST", "/api/v1/session",
                  R"({"email":"claire.dumont@alma.example.org","password":"ensemble-demo-2026"})",
                  {{"Content-Type", "application/json"}});
  ASSERT_EQ(signed_in.status, 200);
  const auto session = boost::json::parse(signed_in.body);
  const std::string csrf(session.at("csrf_token").as_string());
  const auto alma = session.at("acting_structure_id").as_int64();
  const auto created = client.Send(
      "POST", fmt::format("/api/v1/structures/{}/personnel", alma),
      R"({"employee_name":"Avant Sauvegarde","job_title":"Animatrice","contract":"CDI"})",
      {{"Content-Type", "application/json"}, {"X-CSRF-Token", csrf}});
  ASSERT_EQ(created.status, 201) << created.body;

  const std::string copy = (dir_ / "copy.db").string();
  const auto backup = Ensemble({"backup", "--database", database_, "--to", copy});
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_EQ(test_support::QueryInt(copy,
                                   "SELECT count(*) FROM personnel_files WHERE employee_name = "
                                   "'Avant Sauvegarde'"),
            1);
  EXPECT_EQ(test_support::QueryInt(copy, "SELECT count(*) FROM structures"),
            test_support::QueryInt(database_, "SELECT count(*) FROM structures"));
  // The server keeps serving after the copy.
  EXPECT_EQ(client.Send("GET", "/healthz").status, 200);
  const auto over = Ensemble({"backup", "--database", database_, "--to", copy});
  EXPECT_EQ(over.exit_code, 1) << over.output;
  // SIGTERM stops it cleanly although this client still holds a kept-alive connection.
  const int status = server.Kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

// A server stopped hard in the middle of a job leaves it "running" under a lease that runs out;
// the next server to start takes it over and finishes it, along with the work it queues itself.
TEST_F(Cli, AJobLeftRunningByAServerThatDiedIsFinishedByTheNextOne) {
  ASSERT_EQ(Ensemble({"migrate", "--database", database_}).exit_code, 0);
  const UnixMillis now = SystemClock().Now();
  storage::JobId orphan = 0;
  {
    storage::DatabaseOptions options;
    options.url = database_;
    auto db = storage::OpenDatabase(options).value();
    auto written = db->InTransaction(
        storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
        [&](storage::Transaction& tx) -> Status {
          const auto person = ENSEMBLE_TRY(
              tx.Tenancy().InsertPerson({0, "Claire", "claire@example.org", false}, "x", now));
          // Idle for a day: the housekeeping job removes it.
          storage::SessionRecord stale{"stale", person,           {},
                                       "c",     now - 86'400'000, now - 86'400'000};
          ENSEMBLE_TRY_STATUS(tx.Sessions().InsertSession(stale, ""));
          storage::NewJob job;
          job.kind = "housekeeping";
          orphan = ENSEMBLE_TRY(tx.Jobs().EnqueueJob(job, now - 600'000));
          // Claimed ten minutes ago by a worker whose one-minute lease ran out long since.
          ENSEMBLE_TRY(tx.Jobs().ClaimNextJob("dead-server:1", now - 600'000, 60'000));
          return Ok();
        });
    ASSERT_TRUE(written.has_value()) << written.error().context;
  }
  const std::string state_of_orphan = fmt::format(
      "SELECT CASE WHEN state = 'succeeded' THEN attempts ELSE 0 END FROM jobs "
      "WHERE id = {}",
      orphan);
  test_support::ServerProcess server({ENSEMBLE_BIN, "serve", "--database", database_, "--listen",
                                      "127.0.0.1:0", "--web-root", web_root_});
  ASSERT_NE(server.port(), 0);
  for (int i = 0; i < 500 && test_support::QueryInt(database_, state_of_orphan) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(test_support::QueryInt(database_, state_of_orphan), 2) << "succeeded on attempt 2";
  EXPECT_EQ(test_support::QueryInt(database_, "SELECT count(*) FROM sessions"), 0);
  // The server queued a run of its own at start; whichever of the two finishes last queues the
  // next one, so wait for it rather than assume an order.
  const std::string next_run =
      "SELECT count(*) FROM jobs WHERE kind = 'housekeeping' AND state = 'queued' AND run_after "
      "> " +
      std::to_string(now);
  for (int i = 0; i < 500 && test_support::QueryInt(database_, next_run) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(test_support::QueryInt(database_, next_run), 1) << "the next run is queued";
}

}  // namespace
}  // namespace ensemble
