// The audit log's hash chains on each backend: lines sealed in order per owner structure, the
// schema refusing every change but the seal and every removal but the purge, verification naming
// the first line altered behind the program's back, and the retention purge behind a checkpoint.
#include "storage/audit/audit_chain.h"

#include <gtest/gtest.h>

#include "storage/audit/audit_store.h"
#include "storage/tenancy/tenancy_store.h"
#include "tests/support/test_database.h"

namespace ensemble::storage {
namespace {

constexpr UnixMillis kDay = 24LL * 60 * 60 * 1000;

class AuditChain : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto created = test_support::TestDatabase::Create(GetParam());
    ASSERT_TRUE(created.has_value()) << created.error().message << " " << created.error().context;
    database_ = std::move(*created);
    db_ = &database_->db();
    alma_ = AddStructure("Centre social Alma");
    echo_ = AddStructure("Centre social ECHO");
  }

  tenancy::StructureId AddStructure(const std::string& name) {
    tenancy::Structure structure;
    structure.name = name;
    return db_
        ->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                        [&](Transaction& tx) { return tx.Tenancy().InsertStructure(structure, 1); })
        .value();
  }

  void Append(std::optional<tenancy::StructureId> owner, UnixMillis at, std::string action,
              AuditDetails details = {}) {
    AuditEntry line;
    line.at = at;
    line.owner_structure_id = owner;
    line.acting_structure_id = owner;
    line.action = std::move(action);
    line.record_kind = "personnel_file";
    line.record_id = std::to_string(at);
    line.params = EncodeParams(details.params);
    line.changes = EncodeChanges(details.changes);
    ASSERT_TRUE(db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                   [&](Transaction& tx) { return tx.Audit().AppendAudit(line); })
                    .has_value());
  }

  std::int64_t Seal() {
    return db_
        ->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                        [](Transaction& tx) { return tx.Audit().SealAuditLines(1000); })
        .value();
  }

  VerifyReport Verify() {
    return db_
        ->InTransaction(TransactionMode::kRead, Scope::WholeDatabase(),
                        [](Transaction& tx) { return tx.Audit().VerifyAuditChains(); })
        .value();
  }

  Status Run(const std::string& sql) {
    return db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                              [&](Transaction& tx) -> Status {
                                ENSEMBLE_TRY(storage::RawSql(tx).Execute(sql, {}));
                                return Ok();
                              });
  }

  // Drops the append-only triggers, as someone with the database's password could.
  void DropTriggers() {
    const char* on = GetParam() == "postgresql" ? " ON audit_log" : "";
    ASSERT_TRUE(Run(std::string("DROP TRIGGER audit_log_no_update") + on).has_value());
    ASSERT_TRUE(Run(std::string("DROP TRIGGER audit_log_no_delete") + on).has_value());
  }

  // The id of the line of `chain` at `seq`.
  std::int64_t IdAt(std::int64_t chain, std::int64_t seq) {
    auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
    auto row = tx->QueryOne(
                     "SELECT id FROM audit_log WHERE coalesce(owner_structure_id, 0) = ? AND "
                     "chain_seq = ?",
                     {chain, seq})
                   .value();
    EXPECT_TRUE(row.has_value()) << chain << " " << seq;
    return row ? row->Int(0) : 0;
  }

  std::unique_ptr<test_support::TestDatabase> database_;
  Database* db_ = nullptr;
  tenancy::StructureId alma_ = 0;
  tenancy::StructureId echo_ = 0;
};

TEST_P(AuditChain, LinesAreSealedInOrderIntoOneChainPerStructure) {
  Append(alma_, 10, "read");
  Append(echo_, 11, "read");
  Append(std::nullopt, 12, "sign_in", {.params = {{"address", "192.0.2.7"}}});
  Append(alma_, 13, "update", {.changes = {{"territory", "Alma-Gare", "Roubaix"}}});
  EXPECT_EQ(Verify().unsealed, 4);
  EXPECT_EQ(Seal(), 4);
  EXPECT_EQ(Seal(), 0) << "nothing left to seal";
  Append(alma_, 14, "read");
  EXPECT_EQ(Seal(), 1);

  const VerifyReport report = Verify();
  EXPECT_FALSE(report.broken.has_value()) << report.broken->reason;
  EXPECT_EQ(report.unsealed, 0);
  ASSERT_EQ(report.chains.size(), 3U);
  EXPECT_EQ(report.chains[0].chain, 0) << "the lines no structure owns";
  EXPECT_EQ(report.chains[0].lines, 1);
  EXPECT_EQ(report.chains[1].chain, alma_);
  EXPECT_EQ(report.chains[1].chain_name, "Centre social Alma");
  EXPECT_EQ(report.chains[1].lines, 3);
  EXPECT_EQ(report.chains[1].last_seq, 3);
  EXPECT_EQ(report.chains[2].lines, 1);

  // Each hash is SHA-256 of the previous hash and the line's canonical encoding.
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  AuditFilter filter;
  filter.owner = alma_;
  auto lines = storage::Transaction(*tx).Audit().ListAudit(filter, {0, 10}).value().items;
  std::reverse(lines.begin(), lines.end());
  std::string previous = GenesisHash();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    ASSERT_EQ(lines[i].chain_seq, static_cast<std::int64_t>(i + 1));
    const std::string expected =
        ChainHash(previous, CanonicalAuditLine(lines[i], alma_, *lines[i].chain_seq));
    EXPECT_EQ(lines[i].hash, expected);
    previous = expected;
  }
  EXPECT_EQ(lines[1].changes, R"([{"field":"territory","old":"Alma-Gare","new":"Roubaix"}])");
}

TEST_P(AuditChain, TheSchemaAllowsOnlyTheSealAndThePurge) {
  Append(alma_, 10, "read");
  // An unsealed line may be sealed, and nothing else.
  for (const std::string& tamper :
       {std::string("UPDATE audit_log SET action = 'nothing'"),
        "UPDATE audit_log SET chain_seq = 1, hash = '" + std::string(64, 'a') + "', params = '{}x'",
        std::string("DELETE FROM audit_log")}) {
    const auto refused = Run(tamper);
    ASSERT_FALSE(refused.has_value()) << tamper;
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict) << tamper;
  }
  Seal();
  for (const std::string& tamper : {std::string("UPDATE audit_log SET action = 'nothing'"),
                                    std::string("UPDATE audit_log SET chain_seq = 2"),
                                    "UPDATE audit_log SET hash = '" + std::string(64, 'b') + "'",
                                    std::string("DELETE FROM audit_log")}) {
    const auto refused = Run(tamper);
    ASSERT_FALSE(refused.has_value()) << tamper;
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict) << tamper;
  }
  // A checkpoint moves forward only and is never removed.
  ASSERT_TRUE(
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [](Transaction& tx) { return tx.Audit().PurgeAuditLines(100, 200); })
          .has_value());
  for (const char* tamper :
       {"UPDATE audit_checkpoints SET last_seq = 0",
        "UPDATE audit_checkpoints SET last_hash = last_hash", "DELETE FROM audit_checkpoints"}) {
    const auto refused = Run(tamper);
    ASSERT_FALSE(refused.has_value()) << tamper;
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict) << tamper;
  }
  EXPECT_FALSE(Verify().broken.has_value());
}

TEST_P(AuditChain, VerificationNamesTheFirstLineAlteredBehindTheProgramsBack) {
  for (UnixMillis at = 10; at < 15; ++at) Append(alma_, at, "read");
  Append(echo_, 20, "read");
  Seal();
  ASSERT_FALSE(Verify().broken.has_value());
  DropTriggers();
  const std::int64_t third = IdAt(alma_, 3);
  ASSERT_TRUE(Run("UPDATE audit_log SET person_id = NULL, params = '{\"count\":0}' WHERE id = " +
                  std::to_string(third))
                  .has_value());
  const VerifyReport report = Verify();
  ASSERT_TRUE(report.broken.has_value());
  EXPECT_EQ(report.broken->chain, alma_);
  EXPECT_EQ(report.broken->id, third);
  EXPECT_EQ(report.broken->seq, 3);
  EXPECT_NE(report.broken->reason.find("hash"), std::string::npos) << report.broken->reason;
}

TEST_P(AuditChain, VerificationNamesTheLineAfterARemovedOne) {
  for (UnixMillis at = 10; at < 14; ++at) Append(alma_, at, "read");
  Seal();
  DropTriggers();
  ASSERT_TRUE(Run("DELETE FROM audit_log WHERE id = " + std::to_string(IdAt(alma_, 2))));
  const VerifyReport report = Verify();
  ASSERT_TRUE(report.broken.has_value());
  EXPECT_EQ(report.broken->id, IdAt(alma_, 3));
  EXPECT_EQ(report.broken->seq, 3);
  EXPECT_NE(report.broken->reason.find("missing"), std::string::npos) << report.broken->reason;
}

TEST_P(AuditChain, APurgeKeepsTheRestVerifiableAndAnAlteredSurvivorIsNamed) {
  // Alma: four old lines and two young; ECHO: young only; the platform chain: old only.
  for (UnixMillis at : {1 * kDay, 2 * kDay, 3 * kDay, 4 * kDay, 40 * kDay, 41 * kDay}) {
    Append(alma_, at, "read");
  }
  Append(echo_, 40 * kDay, "read");
  Append(std::nullopt, 2 * kDay, "sign_in");
  Seal();
  Append(alma_, 3 * kDay, "read");  // old, but not sealed yet: it stays
  const auto purged = db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                         [](Transaction& tx) {
                                           return tx.Audit().PurgeAuditLines(30 * kDay, 50 * kDay);
                                         })
                          .value();
  EXPECT_EQ(purged.chains, 2);
  EXPECT_EQ(purged.lines, 5);

  VerifyReport report = Verify();
  EXPECT_FALSE(report.broken.has_value()) << report.broken->reason;
  ASSERT_EQ(report.chains.size(), 3U);
  EXPECT_EQ(report.chains[0].chain, 0);
  EXPECT_EQ(report.chains[0].checkpoint_seq, 1);
  EXPECT_EQ(report.chains[0].lines, 0);
  EXPECT_EQ(report.chains[1].chain, alma_);
  EXPECT_EQ(report.chains[1].checkpoint_seq, 4);
  EXPECT_EQ(report.chains[1].lines, 2);
  EXPECT_EQ(report.unsealed, 1);

  // The late line is sealed after the checkpoint's chain, and a second purge moves it forward.
  EXPECT_EQ(Seal(), 1);
  ASSERT_TRUE(db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                 [](Transaction& tx) {
                                   return tx.Audit().PurgeAuditLines(40 * kDay + 1, 60 * kDay);
                                 })
                  .has_value());
  report = Verify();
  EXPECT_FALSE(report.broken.has_value()) << report.broken->reason;
  EXPECT_EQ(report.chains[1].checkpoint_seq, 5);
  EXPECT_EQ(report.chains[1].lines, 2);

  DropTriggers();
  const std::int64_t survivor = IdAt(alma_, 7);
  ASSERT_TRUE(
      Run("UPDATE audit_log SET record_id = 'forged' WHERE id = " + std::to_string(survivor))
          .has_value());
  report = Verify();
  ASSERT_TRUE(report.broken.has_value());
  EXPECT_EQ(report.broken->chain, alma_);
  EXPECT_EQ(report.broken->id, survivor);
  EXPECT_EQ(report.broken->seq, 7);
}

TEST(AuditRetention, MonthsAreCalendarMonthsBeforeTheUtcDay) {
  // 2026-03-31T15:00:00Z less one month is 2026-02-28T00:00:00Z.
  EXPECT_EQ(MonthsBefore(1'774'969'200'000, 1), 1'772'236'800'000);
  // 2026-12-01T23:00:00Z less twelve months is 2025-12-01T00:00:00Z.
  EXPECT_EQ(MonthsBefore(1'796'166'000'000, 12), 1'764'547'200'000);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChain, testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace ensemble::storage
