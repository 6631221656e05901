// `ensemble copy`: a SQLite database with the demo network moves into an empty PostgreSQL one,
// the copy is checked table by table, a server on the copy lets the same people in and takes
// new records, and a second copy into the now full target is refused without touching it.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "app/app.h"
#include "app/demo.h"
#include "app/passwords.h"
#include "storage/audit/audit_chain.h"
#include "storage/audit/audit_store.h"
#include "storage/database.h"
#include "tests/support/http_client.h"
#include "tests/support/postgres_scratch.h"
#include "tests/support/process.h"
#include "tests/support/stored.h"

namespace ensemble {
namespace {

using ::testing::HasSubstr;

std::int64_t Count(const std::string& url, const std::string& table) {
  return test_support::QueryInt(url, fmt::format("SELECT count(*) FROM {}", table));
}

class Copy : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / fmt::format("ensemble-copy-{}", ::getpid());
    // A process id comes back: a folder left by a killed run is not this run's.
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    source_ = (dir_ / "source.db").string();
    storage::DatabaseOptions options;
    options.url = source_;
    auto db = storage::OpenDatabase(options).value();
    ASSERT_TRUE(db->Migrate().has_value());
    ASSERT_TRUE(app::InitCrypto().has_value());
    SystemClock clock;
    app::AppOptions app_options;
    app_options.password_cost = app::PasswordCost::kMinimum;
    app::App app(*db, clock, app_options);
    ASSERT_TRUE(app::LoadDemoNetwork(app).has_value());
    auto scratch = storage::pgtest::ScratchDatabase::Create();
    ASSERT_TRUE(scratch.has_value()) << scratch.error().message;
    target_ = std::move(*scratch);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  test_support::CommandResult Ensemble(std::vector<std::string> args) {
    args.insert(args.begin(), ENSEMBLE_BIN);
    // The operator reads these messages in English here (the CLI speaks LC_ALL's language).
    return test_support::RunCommand(args, {"LC_ALL=en_GB.UTF-8"});
  }

  std::filesystem::path dir_;
  std::string source_;
  std::unique_ptr<storage::pgtest::ScratchDatabase> target_;
};

TEST_F(Copy, MovesEverythingChecksItAndTheCopyServes) {
  const auto copied = Ensemble({"copy", "--from", source_, "--to", target_->url()});
  ASSERT_EQ(copied.exit_code, 0) << copied.output;
  EXPECT_THAT(copied.output, HasSubstr("counts and checksums match"));
  EXPECT_THAT(copied.output, HasSubstr("structures"));  // progress and report name the tables
  for (const char* table : {"structures", "people", "role_grants", "collectives",
                            "collective_members", "sharing_rules", "audit_log"}) {
    EXPECT_EQ(Count(target_->url(), table), Count(source_, table)) << table;
  }

  // The same people sign in on the copy, and new records get fresh ids after the copied ones.
  test_support::ServerProcess server({ENSEMBLE_BIN, "serve", "--database", target_->url(),
                                      "--listen", "127.0.0.1:0", "--web-root", dir_.string(),
                                      "--password-cost", "min", "--log-level", "error"});
  ASSERT_NE(server.port(), 0);
  test_support::HttpClient client("127.0.0.1", server.port());
  const auto signed_in =
      client.Send("POST", "/api/v1/session",
                  R"({"email":"claire.dumont@alma.example.org","password":"ensemble-demo-2026"})",
                  {{"Content-Type", "application/json"}});
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  const auto session = boost::json::parse(signed_in.body);
  const auto created = client.Send(
      "POST",
      fmt::format("/api/v1/structures/{}/personnel", session.at("acting_structure_id").as_int64()),
      R"({"employee_name":"Après la copie","job_title":"Animatrice","contract":"CDI"})",
      {{"Content-Type", "application/json"},
       {"X-CSRF-Token", std::string(session.at("csrf_token").as_string())}});
  EXPECT_EQ(created.status, 201) << created.body;
}

// More rows than a page of reading (2,000) and not a multiple of an insert batch (100): the copy
// streams and batches, and still lands every row, checked by count and checksum.
TEST_F(Copy, ALogLargerThanAPageIsCopiedWhole) {
  {
    storage::DatabaseOptions options;
    options.url = source_;
    auto db = storage::OpenDatabase(options).value();
    auto written = db->InTransaction(
        storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
        [](storage::Transaction& tx) -> Status {
          for (int i = 0; i < 4'321; ++i) {
            audit::AuditEntry line;
            line.at = 1'000 + i;
            line.action = "read";
            line.record_kind = "personnel_file";
            line.record_id = std::to_string(i);
            if (i % 7 == 0) {
              line.params = storage::EncodeParams({{"text", R"(« accentué » ' \ ")"}});
            }
            ENSEMBLE_TRY_STATUS(tx.Audit().AppendAudit(line));
          }
          // Most of them sealed, so the chains travel with the copy.
          ENSEMBLE_TRY(tx.Audit().SealAuditLines(4'000));
          return Ok();
        });
    ASSERT_TRUE(written.has_value()) << written.error().context;
  }
  const auto copied = Ensemble({"copy", "--from", source_, "--to", target_->url()});
  ASSERT_EQ(copied.exit_code, 0) << copied.output;
  EXPECT_THAT(copied.output, HasSubstr("counts and checksums match"));
  EXPECT_GE(Count(source_, "audit_log"), 4'321);
  EXPECT_EQ(Count(target_->url(), "audit_log"), Count(source_, "audit_log"));
  EXPECT_EQ(test_support::QueryInt(target_->url(), "SELECT max(id) FROM audit_log"),
            test_support::QueryInt(source_, "SELECT max(id) FROM audit_log"));
  // The hash chains verify on the copy: the canonical encoding reads the same from PostgreSQL.
  const auto verified = Ensemble({"audit", "verify", "--database", target_->url()});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_THAT(verified.output, HasSubstr("audit log intact"));
  EXPECT_THAT(verified.output, HasSubstr("lines not sealed yet"));
}

TEST_F(Copy, RefusesATargetThatHoldsDataAndLeavesItAsItWas) {
  ASSERT_EQ(Ensemble({"copy", "--from", source_, "--to", target_->url()}).exit_code, 0);
  const auto people = Count(target_->url(), "people");
  const auto again = Ensemble({"copy", "--from", source_, "--to", target_->url()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.output, HasSubstr("not empty"));
  EXPECT_EQ(Count(target_->url(), "people"), people);
}

TEST_F(Copy, RefusesAMissingSourceAndASqliteTarget) {
  const auto missing =
      Ensemble({"copy", "--from", (dir_ / "nothing.db").string(), "--to", target_->url()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.output, HasSubstr("nothing.db"));
  const auto to_sqlite =
      Ensemble({"copy", "--from", source_, "--to", (dir_ / "other.db").string()});
  EXPECT_EQ(to_sqlite.exit_code, 1);
  EXPECT_THAT(to_sqlite.output, HasSubstr("postgresql://"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "other.db"));  // nothing was created
}

}  // namespace
}  // namespace ensemble
