// `ensemble audit verify` as an operator runs it, on each backend: an intact log verifies and
// says what it checked; a line altered through a raw connection, with the triggers dropped, is
// named (structure, id, sequence) with exit code 1; after a retention purge the rest verifies, and
// an altered survivor is named. Also: the retention setting's bounds.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/audit/audit_chain.h"
#include "storage/audit/audit_store.h"
#include "storage/tenancy/tenancy_store.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"

namespace ensemble {
namespace {

using storage::Scope;
using storage::Transaction;
using storage::TransactionMode;
using ::testing::HasSubstr;

class AuditVerify : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto created = test_support::TestDatabase::Create(GetParam());
    ASSERT_TRUE(created.has_value()) << created.error().message << " " << created.error().context;
    database_ = std::move(*created);
    db_ = &database_->db();
    auto added = db_->InTransaction(
        TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
          tenancy::Structure alma;
          alma.name = "Centre social Alma";
          alma_ = ENSEMBLE_TRY(tx.Tenancy().InsertStructure(alma, 1));
          for (int i = 0; i < 5; ++i) {
            audit::AuditEntry line;
            line.at = (i < 2 ? 1 : 100) * kDay + i;  // two old lines, three young
            line.owner_structure_id = alma_;
            line.action = "read";
            line.record_kind = "staff";
            line.params = storage::EncodeParams({{"count", std::int64_t{i}}});
            ENSEMBLE_TRY_STATUS(tx.Audit().AppendAudit(line));
          }
          audit::AuditEntry sign_in;
          sign_in.at = 2 * kDay;
          sign_in.action = "sign_in";
          sign_in.record_kind = "session";
          ENSEMBLE_TRY_STATUS(tx.Audit().AppendAudit(sign_in));
          ENSEMBLE_TRY(tx.Audit().SealAuditLines(100));
          return Ok();
        });
    ASSERT_TRUE(added.has_value()) << added.error().message;
  }

  test_support::CommandResult Verify() {
    return test_support::RunCommand(
        {ENSEMBLE_BIN, "audit", "verify", "--database", database_->url()});
  }

  void Tamper(const std::string& sql) {
    const char* on = GetParam() == "postgresql" ? " ON audit_log" : "";
    auto done = db_->InTransaction(
        TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
          ENSEMBLE_TRY(storage::RawSql(tx).Execute(
              std::string("DROP TRIGGER IF EXISTS audit_log_no_update") + on, {}));
          ENSEMBLE_TRY(storage::RawSql(tx).Execute(sql, {}));
          return Ok();
        });
    ASSERT_TRUE(done.has_value()) << done.error().message;
  }

  std::int64_t IdAt(std::int64_t seq) {
    auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
    return tx
        ->QueryOne("SELECT id FROM audit_log WHERE owner_structure_id = ? AND chain_seq = ?",
                   {alma_, seq})
        .value()
        ->Int(0);
  }

  static constexpr UnixMillis kDay = 24LL * 60 * 60 * 1000;
  std::unique_ptr<test_support::TestDatabase> database_;
  storage::Database* db_ = nullptr;
  std::int64_t alma_ = 0;
};

TEST_P(AuditVerify, AnIntactLogVerifiesAndSaysWhatWasChecked) {
  const auto verified = Verify();
  ASSERT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_THAT(verified.output, HasSubstr("platform (lines no structure owns): 1 lines checked"));
  EXPECT_THAT(verified.output, HasSubstr("structure " + std::to_string(alma_) +
                                         " (Centre social Alma): 5 lines checked, sequence 1..5"));
  EXPECT_THAT(verified.output, HasSubstr("audit log intact: 2 chains, 6 sealed lines verified"));
}

TEST_P(AuditVerify, ALineAlteredBehindTheProgramsBackIsNamed) {
  const std::int64_t altered = IdAt(4);
  Tamper("UPDATE audit_log SET params = '{\"count\":40}' WHERE id = " + std::to_string(altered));
  const auto verified = Verify();
  EXPECT_EQ(verified.exit_code, 1) << verified.output;
  EXPECT_THAT(verified.output, HasSubstr("BROKEN: structure " + std::to_string(alma_) +
                                         " (Centre social Alma), line id " +
                                         std::to_string(altered) + ", sequence 4"));
  EXPECT_THAT(verified.output, Not(HasSubstr("audit log intact")));
}

TEST_P(AuditVerify, AfterAPurgeTheRestVerifiesAndAnAlteredSurvivorIsNamed) {
  const auto purged = db_->InTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(),
      [](Transaction& tx) { return tx.Audit().PurgeAuditLines(50 * kDay, 200 * kDay); });
  ASSERT_TRUE(purged.has_value()) << purged.error().message;
  EXPECT_EQ(purged->lines, 3) << "Alma's two old lines and the old sign-in";
  const auto verified = Verify();
  ASSERT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_THAT(
      verified.output,
      HasSubstr("3 lines checked, sequence 3..5, after the checkpoint of purged lines 1..2"));

  const std::int64_t survivor = IdAt(3);
  Tamper("UPDATE audit_log SET at = at + 1 WHERE id = " + std::to_string(survivor));
  const auto broken = Verify();
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_THAT(broken.output, HasSubstr("line id " + std::to_string(survivor) + ", sequence 3"));
}

TEST_P(AuditVerify, UnsealedLinesAreCountedNotChecked) {
  ASSERT_TRUE(db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                 [&](Transaction& tx) {
                                   audit::AuditEntry line;
                                   line.at = 500 * kDay;
                                   line.owner_structure_id = alma_;
                                   line.action = "read";
                                   line.record_kind = "staff";
                                   return tx.Audit().AppendAudit(line);
                                 })
                  .has_value());
  const auto verified = Verify();
  ASSERT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_THAT(verified.output, HasSubstr("1 lines not sealed yet, not checked"));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditVerify, testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

TEST(AuditRetentionSetting, IsBoundedAndListedInTheHelp) {
  const auto help = test_support::RunCommand({ENSEMBLE_BIN, "serve", "--help"});
  EXPECT_THAT(help.output, HasSubstr("--audit-retention-months"));
  EXPECT_THAT(help.output, HasSubstr("ENSEMBLE_AUDIT_RETENTION_MONTHS"));
  for (const char* months : {"0", "121", "douze"}) {
    const auto refused =
        test_support::RunCommand({ENSEMBLE_BIN, "serve", "--audit-retention-months", months,
                                  "--database", "/nonexistent/x"});
    EXPECT_NE(refused.exit_code, 0) << months;
    EXPECT_THAT(refused.output, HasSubstr("audit-retention-months")) << months;
  }
  const auto from_environment =
      test_support::RunCommand({ENSEMBLE_BIN, "serve", "--database", "/nonexistent/x"},
                               {"ENSEMBLE_AUDIT_RETENTION_MONTHS=0"});
  EXPECT_NE(from_environment.exit_code, 0);
  EXPECT_THAT(from_environment.output, HasSubstr("audit-retention-months"));
}

}  // namespace
}  // namespace ensemble
