// The storage contract: what every backend must do, run against each backend the build has:
// SQLite in a temporary folder, PostgreSQL in a fresh database on the test run's own cluster.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "core/clock.h"
#include "storage/audit/audit_store.h"
#include "storage/database.h"
#include "storage/jobs/job_store.h"
#include "storage/migrations.h"
#include "storage/tenancy/session_store.h"
#include "storage/tenancy/tenancy_store.h"
#include "tests/support/test_database.h"

namespace ensemble::storage {
namespace {

using tenancy::Structure;
using tenancy::StructureKind;

class StorageContract : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto created = test_support::TestDatabase::Create(GetParam());
    ASSERT_TRUE(created.has_value()) << created.error().message << " " << created.error().context;
    database_ = std::move(*created);
    auto opened = database_->OpenAgain();
    ASSERT_TRUE(opened.has_value()) << opened.error().context;
    db_ = std::move(*opened);
  }

  StructureId AddStructure(const std::string& name, std::optional<std::string> siret = {}) {
    Structure structure;
    structure.kind = StructureKind::kSocialCentre;
    structure.name = name;
    structure.siret = std::move(siret);
    auto id = db_->InTransaction(
        TransactionMode::kWrite, Scope::WholeDatabase(),
        [&](Transaction& tx) { return tx.Tenancy().InsertStructure(structure, 1); });
    EXPECT_TRUE(id.has_value());
    return id.value_or(0);
  }

  std::unique_ptr<test_support::TestDatabase> database_;  // first: removed after db_ closes
  std::unique_ptr<Database> db_;
};

TEST_P(StorageContract, OpensTheBackendTheUrlNames) { EXPECT_EQ(db_->BackendName(), GetParam()); }

TEST_P(StorageContract, MigrationsReachTheLatestVersionAndAreIdempotent) {
  EXPECT_EQ(db_->SchemaVersion().value(), db_->LatestSchemaVersion());
  ASSERT_TRUE(db_->Migrate().has_value());
  EXPECT_EQ(db_->SchemaVersion().value(), db_->LatestSchemaVersion());
}

TEST_P(StorageContract, StoresAndFindsAStructureWithAccentFoldedSearch) {
  const auto id = AddStructure("Centre social Pile Sainte-Élisabeth");
  AddStructure("Centre social Alma");
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  const auto found = storage::Transaction(*tx).Tenancy().FindStructure(id).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Centre social Pile Sainte-Élisabeth");
  const auto page = storage::Transaction(*tx)
                        .Tenancy()
                        .ListStructures({"ELISABETH", std::nullopt}, {0, 10})
                        .value();
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items.front().structure.id, id);
  // LIKE wildcards typed by a person are matched literally.
  EXPECT_EQ(storage::Transaction(*tx)
                .Tenancy()
                .ListStructures({"%", std::nullopt}, {0, 10})
                .value()
                .total,
            0);
  EXPECT_EQ(storage::Transaction(*tx)
                .Tenancy()
                .ListStructures({"", StructureKind::kFunder}, {0, 10})
                .value()
                .total,
            0);
}

TEST_P(StorageContract, DuplicateSiretIsAlreadyExistsAndLeavesNothingBehind) {
  AddStructure("A", "77512345600011");
  Structure twin;
  twin.name = "B";
  twin.siret = "77512345600011";
  auto result =
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) { return tx.Tenancy().InsertStructure(twin, 1); });
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kAlreadyExists);
  // Both backends name the rule alike, so a use case can tell a taken SIRET from any other value.
  EXPECT_EQ(result.error().storage.kind, StorageFailure::kUniqueViolation);
  EXPECT_EQ(result.error().storage.constraint, "structures.siret") << result.error().context;
  EXPECT_EQ(result.error().storage.sqlstate,
            GetParam() == "sqlite" ? "SQLITE_CONSTRAINT_UNIQUE" : "23505");
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_EQ(storage::Transaction(*tx).Tenancy().ListStructures({}, {0, 10}).value().total, 1);
}

TEST_P(StorageContract, RoleGrantForAMissingPersonIsAForeignKeyViolation) {
  const auto alma = AddStructure("Alma");
  auto refused =
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) {
        return tx.Tenancy().GrantRole({/*person_id=*/424242, alma, tenancy::Role::kStaff});
      });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().storage.kind, StorageFailure::kForeignKeyViolation);
  // SQLite never names a foreign key; PostgreSQL gives its default name.
  EXPECT_EQ(refused.error().storage.constraint,
            GetParam() == "sqlite" ? "" : "role_grants_person_id_fkey")
      << refused.error().context;
  EXPECT_EQ(refused.error().storage.sqlstate,
            GetParam() == "sqlite" ? "SQLITE_CONSTRAINT_FOREIGNKEY" : "23503");
}

TEST_P(StorageContract, StructureKindOutsideTheListIsACheckViolation) {
  auto refused =
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) {
        return storage::RawSql(tx).Execute(
            "INSERT INTO structures (kind, name, search_name, created_at, updated_at) "
            "VALUES ('castle', 'Château', 'chateau', 1, 1)",
            {});
      });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().storage.kind, StorageFailure::kCheckViolation);
  // The CHECK is unnamed: SQLite quotes its expression, PostgreSQL gives its default name.
  const std::string& constraint = refused.error().storage.constraint;
  if (GetParam() == "sqlite") {
    EXPECT_TRUE(constraint.starts_with("kind IN ('social_centre'")) << constraint;
    EXPECT_EQ(refused.error().storage.sqlstate, "SQLITE_CONSTRAINT_CHECK");
  } else {
    EXPECT_EQ(constraint, "structures_kind_check");
    EXPECT_EQ(refused.error().storage.sqlstate, "23514");
  }
}

TEST_P(StorageContract, MissingNameIsANotNullViolationNamingTheColumn) {
  auto refused =
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) {
        return storage::RawSql(tx).Execute(
            "INSERT INTO structures (kind, search_name, created_at, updated_at) "
            "VALUES ('partner', 'nameless', 1, 1)",
            {});
      });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().storage.kind, StorageFailure::kNotNullViolation);
  EXPECT_EQ(refused.error().storage.constraint, "structures.name") << refused.error().context;
  EXPECT_EQ(refused.error().storage.sqlstate,
            GetParam() == "sqlite" ? "SQLITE_CONSTRAINT_NOTNULL" : "23502");
}

// A read transaction keeps its snapshot; once a writer commits past it, it may not write on that
// snapshot (PostgreSQL's REPEATABLE READ, SQLite's WAL snapshot), and must start over.
TEST_P(StorageContract, WritingOnAStaleSnapshotIsASerializationFailure) {
  const auto alma = AddStructure("Alma");
  auto stale = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  ASSERT_TRUE(storage::Transaction(*stale).Tenancy().FindStructure(alma).value().has_value());
  ASSERT_TRUE(db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                 [&](Transaction& tx) {
                                   return storage::RawSql(tx).Execute(
                                       "UPDATE structures SET name = 'Alma 2' WHERE id = ?",
                                       {alma});
                                 })
                  .has_value());
  auto refused = stale->Execute("UPDATE structures SET name = 'Alma 3' WHERE id = ?", {alma});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(refused.error().storage.kind, StorageFailure::kSerializationFailure)
      << refused.error().context;
  EXPECT_EQ(refused.error().storage.constraint, "");
  EXPECT_EQ(refused.error().storage.sqlstate,
            GetParam() == "sqlite" ? "SQLITE_BUSY_SNAPSHOT" : "40001");
}

TEST_P(StorageContract, TransactionWithoutCommitRollsBack) {
  {
    auto tx = db_->Begin(TransactionMode::kWrite, Scope::WholeDatabase()).value();
    Structure structure;
    structure.name = "Never committed";
    ASSERT_TRUE(storage::Transaction(*tx).Tenancy().InsertStructure(structure, 1).has_value());
  }
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_EQ(storage::Transaction(*tx).Tenancy().ListStructures({}, {0, 10}).value().total, 0);
}

TEST_P(StorageContract, AuditLogIsAppendOnly) {
  const auto owner = AddStructure("Alma");
  AuditEntry entry;
  entry.at = 5;
  entry.owner_structure_id = owner;
  entry.action = "read";
  entry.record_kind = "personnel_file";
  ASSERT_TRUE(db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                 [&](Transaction& tx) { return tx.Audit().AppendAudit(entry); })
                  .has_value());
  for (const char* tamper : {"UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log"}) {
    auto refused = db_->InTransaction(
        TransactionMode::kWrite, Scope::WholeDatabase(),
        [&](Transaction& tx) { return storage::RawSql(tx).Execute(tamper, {}); });
    ASSERT_FALSE(refused.has_value()) << tamper;
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  }
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  AuditFilter filter;
  filter.owner = owner;
  const auto page = storage::Transaction(*tx).Audit().ListAudit(filter, {0, 10}).value();
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items.front().action, "read");
}

TEST_P(StorageContract, PersonnelFileUpdateNeedsTheCurrentVersion) {
  const auto owner = AddStructure("Alma");
  tenancy::PersonnelFile file{0,  owner, "Karim Haddad", "Chargé de transition numérique", "CDI",
                              "", 1};
  const auto id =
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) { return tx.Tenancy().InsertPersonnelFile(file, 1); })
          .value();
  file.id = id;
  file.notes = "first edit";
  EXPECT_TRUE(
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) { return tx.Tenancy().UpdatePersonnelFile(file, 2); })
          .value());
  file.notes = "stale edit";  // still claims version 1
  EXPECT_FALSE(
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) { return tx.Tenancy().UpdatePersonnelFile(file, 3); })
          .value());
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  const auto stored = storage::Transaction(*tx).Tenancy().FindPersonnelFile(id).value();
  EXPECT_EQ(stored->notes, "first edit");
  EXPECT_EQ(stored->version, 2);
}

TEST_P(StorageContract, SharingRuleUpsertKeepsOneRowPerKind) {
  const auto alma = AddStructure("Alma");
  const auto id =
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) -> Result<CollectiveId> {
                           const auto collective = ENSEMBLE_TRY(
                               tx.Tenancy().InsertCollective({0, "Bien Vieillir", "", alma}, 1));
                           ENSEMBLE_TRY_STATUS(tx.Tenancy().AddMember(collective, alma, 1));
                           return collective;
                         })
          .value();
  for (const auto level : {tenancy::SharingLevel::kAggregates, tenancy::SharingLevel::kFull}) {
    ASSERT_TRUE(db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                   [&](Transaction& tx) {
                                     return tx.Tenancy().UpsertSharingRule(
                                         {alma, id, tenancy::RecordKind::kPartners, level}, 0, 2);
                                   })
                    .has_value());
  }
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  const auto rules = storage::Transaction(*tx).Tenancy().SharingRulesOfCollective(id).value();
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules.front().level, tenancy::SharingLevel::kFull);
}

TEST_P(StorageContract, SharingRuleNeedsMembership) {
  const auto alma = AddStructure("Alma");
  const auto outsider = AddStructure("Outsider");
  const auto id =
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) {
                           return tx.Tenancy().InsertCollective({0, "Bien Vieillir", "", alma}, 1);
                         })
          .value();
  auto refused =
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) {
        return tx.Tenancy().UpsertSharingRule(
            {outsider, id, tenancy::RecordKind::kPartners, tenancy::SharingLevel::kFull}, 0, 2);
      });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
}

TEST_P(StorageContract, ConcurrentWritersAllCommit) {
  constexpr int kThreads = 4;
  constexpr int kWritesEach = 25;
  std::vector<std::thread> writers;
  std::atomic<int> failures = 0;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kWritesEach; ++i) {
        Structure structure;
        structure.name = "S" + std::to_string(t) + "-" + std::to_string(i);
        auto id = db_->InTransaction(
            TransactionMode::kWrite, Scope::WholeDatabase(),
            [&](Transaction& tx) { return tx.Tenancy().InsertStructure(structure, 1); });
        if (!id) ++failures;
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(failures.load(), 0);
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_EQ(storage::Transaction(*tx).Tenancy().ListStructures({}, {0, 1}).value().total,
            kThreads * kWritesEach);
}

TEST_P(StorageContract, SessionsAndFailureCounts) {
  const auto alma = AddStructure("Alma");
  const auto person =
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) {
                           return tx.Tenancy().InsertPerson(
                               {0, "Claire", "claire@alma.example.org", false}, "hash", 1);
                         })
          .value();
  SessionRecord session{"h1", person, alma, "csrf", 10, 10};
  ASSERT_TRUE(
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) -> Status {
                           ENSEMBLE_TRY_STATUS(tx.Sessions().InsertSession(session, "127.0.0.1"));
                           ENSEMBLE_TRY_STATUS(
                               tx.Sessions().RecordSignInFailure("x@y.org", "10.0.0.1", 100));
                           return tx.Sessions().RecordSignInFailure("x@y.org", "10.0.0.1", 200);
                         })
          .has_value());
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_EQ(storage::Transaction(*tx).Sessions().FindSession("h1").value()->acting_structure_id,
            alma);
  EXPECT_EQ(storage::Transaction(*tx)
                .Sessions()
                .CountSignIns("x@y.org", "10.0.0.1", 150, 0)
                .value()
                .account_failures,
            1);
  EXPECT_EQ(storage::Transaction(*tx)
                .Sessions()
                .CountSignIns("x@y.org", "10.0.0.1", 0, 0)
                .value()
                .address_failures,
            2);
}

TEST_P(StorageContract, ASessionsIdentityCarriesTheRolesOfItsActingStructureOnly) {
  const auto alma = AddStructure("Alma");
  const auto iciela = AddStructure("Iciela");
  using tenancy::Role;
  ASSERT_TRUE(
      db_->InTransaction(
             TransactionMode::kWrite, Scope::WholeDatabase(),
             [&](Transaction& tx) -> Status {
               const auto sophie = ENSEMBLE_TRY(tx.Tenancy().InsertPerson(
                   {0, "Sophie", "sophie@rh.example.org", false}, "hash", 1));
               ENSEMBLE_TRY_STATUS(tx.Tenancy().GrantRole({sophie, alma, Role::kStaff}));
               ENSEMBLE_TRY_STATUS(tx.Tenancy().GrantRole({sophie, alma, Role::kHrFinance}));
               ENSEMBLE_TRY_STATUS(tx.Tenancy().GrantRole({sophie, iciela, Role::kDirector}));
               ENSEMBLE_TRY_STATUS(
                   tx.Sessions().InsertSession({"alma", sophie, alma, "c", 5, 6}, ""));
               return tx.Sessions().InsertSession({"none", sophie, std::nullopt, "c", 5, 6}, "");
             })
          .has_value());
  auto tx = db_->Begin(TransactionMode::kRead).value();
  const auto acting = storage::Transaction(*tx).Sessions().FindSessionIdentity("alma").value();
  ASSERT_TRUE(acting.has_value());
  EXPECT_EQ(acting->person.email, "sophie@rh.example.org");
  EXPECT_EQ(acting->session.acting_structure_id, alma);
  EXPECT_EQ(acting->session.last_seen_at, 6);
  EXPECT_EQ(acting->acting_roles, (std::vector<Role>{Role::kHrFinance, Role::kStaff}))
      << "Alma's roles only, by name; not Iciela's director";
  const auto unchosen = storage::Transaction(*tx).Sessions().FindSessionIdentity("none").value();
  ASSERT_TRUE(unchosen.has_value());
  EXPECT_TRUE(unchosen->acting_roles.empty());
  EXPECT_FALSE(
      storage::Transaction(*tx).Sessions().FindSessionIdentity("unknown").value().has_value());
}

TEST_P(StorageContract, BackupIsAConsistentCopy) {
  AddStructure("Alma");
  const auto target = database_->dir() / "backup.db";
  if (GetParam() == "postgresql") {
    // PostgreSQL has its own tools for consistent copies; the program says so.
    const auto refused = db_->BackupTo(target);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(refused.error().message.id.find("pg_dump"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(target));
    return;
  }
  ASSERT_TRUE(db_->BackupTo(target).has_value());
  const auto again = db_->BackupTo(target);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  DatabaseOptions options;
  options.url = target.string();
  options.create_if_missing = false;
  auto copy = OpenDatabase(options).value();
  EXPECT_EQ(copy->SchemaVersion().value(), db_->LatestSchemaVersion());
  auto tx = copy->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_EQ(storage::Transaction(*tx).Tenancy().ListStructures({}, {0, 10}).value().total, 1);
  EXPECT_EQ(tx->QueryOne("PRAGMA integrity_check", {}).value()->Text(0), "ok");
}

// A database migrated before migrations were keyed by module kept one number per migration, all
// of them tenancy's (the only module then): the next Migrate keys them, applies none of them
// twice, and applies the other modules' migrations.
TEST_P(StorageContract, NumberedBookkeepingIsKeyedByModuleWithoutReapplying) {
  auto legacy = test_support::TestDatabase::Create(GetParam(), /*migrated=*/false).value();
  DatabaseOptions tenancy_only;
  tenancy_only.url = legacy->url();
  tenancy_only.pool_size = 2;
  for (const auto& module : AllMigrations()) {
    if (module.module == "tenancy") tenancy_only.migrations.push_back(module);
  }
  ASSERT_EQ(tenancy_only.migrations.size(), 1U);
  const auto tenancy_count =
      static_cast<std::int64_t>(tenancy_only.migrations[0].migrations.size());
  {
    auto old_program = OpenDatabase(tenancy_only).value();
    ASSERT_TRUE(old_program->Migrate().has_value());
  }
  ASSERT_TRUE(
      legacy->db()
          .InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) -> Status {
                           auto& sql = storage::RawSql(tx);
                           ENSEMBLE_TRY(sql.Execute("DROP TABLE schema_migrations", {}));
                           ENSEMBLE_TRY(
                               sql.Execute("CREATE TABLE schema_migrations (version BIGINT PRIMARY "
                                           "KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                                           {}));
                           for (std::int64_t v = 1; v <= tenancy_count; ++v) {
                             ENSEMBLE_TRY(sql.Execute(
                                 "INSERT INTO schema_migrations VALUES (?, 'old', 0)", {v}));
                           }
                           return Ok();
                         })
          .has_value());
  EXPECT_EQ(legacy->db().SchemaVersion().value(), tenancy_count);
  const auto migrated = legacy->db().Migrate();
  ASSERT_TRUE(migrated.has_value()) << migrated.error().message << " " << migrated.error().context;
  EXPECT_EQ(legacy->db().SchemaVersion().value(), legacy->db().LatestSchemaVersion());
  auto tx = legacy->db().Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  const auto rows =
      tx->Query(
            "SELECT module, version, name FROM schema_migrations WHERE module = 'tenancy' "
            "ORDER BY version",
            {})
          .value();
  ASSERT_EQ(static_cast<std::int64_t>(rows.size()), tenancy_count);
  EXPECT_EQ(rows.front().Int(1), 1);
  // Kept as they were, not applied again (which would have written their own names).
  for (const auto& row : rows) EXPECT_EQ(row.Text(2), "old");
}

TEST_P(StorageContract, NewerSchemaVersionIsRefusedAndLeftAsIs) {
  const std::int64_t newer = db_->LatestSchemaVersion() + 1;
  ASSERT_TRUE(
      db_->InTransaction(
             TransactionMode::kWrite, Scope::WholeDatabase(),
             [&](Transaction& tx) {
               return storage::RawSql(tx).Execute(
                   "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES "
                   "('tenancy', ?, ?, ?)",
                   {newer, std::string("from_the_future"), std::int64_t{0}});
             })
          .has_value());
  const auto refused = db_->Migrate();
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "database");
  EXPECT_NE(refused.error().message.id.find("newer"), std::string::npos) << refused.error().message;
  EXPECT_EQ(db_->SchemaVersion().value(), newer);
}

// A migration that fails halfway leaves nothing of itself: migration 3 creates the jobs table
// and an index, then meets an index name taken already, and the whole of it rolls back; the
// migrations before it stay. Once the obstacle is gone, the next start completes the schema.
TEST_P(StorageContract, AMigrationThatFailsHalfwayLeavesNothingBehind) {
  auto empty = test_support::TestDatabase::Create(GetParam(), /*migrated=*/false).value();
  storage::Database& db = empty->db();
  ASSERT_TRUE(db.InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                               [](Transaction& tx) -> Status {
                                 ENSEMBLE_TRY(storage::RawSql(tx).Execute(
                                     "CREATE TABLE blocker (x INTEGER)", {}));
                                 ENSEMBLE_TRY(storage::RawSql(tx).Execute(
                                     "CREATE INDEX jobs_by_owner ON blocker (x)", {}));
                                 return Ok();
                               })
                  .has_value());
  const auto failed = db.Migrate();
  ASSERT_FALSE(failed.has_value());
  EXPECT_NE(failed.error().context.find("applying migration tenancy 3 (jobs)"), std::string::npos)
      << failed.error().context;
  EXPECT_EQ(db.SchemaVersion().value(), 2);
  const std::string jobs_table_exists =
      GetParam() == "sqlite"
          ? "SELECT count(*) FROM sqlite_schema WHERE name IN ('jobs', 'jobs_by_claim')"
          : "SELECT count(*) FROM pg_class WHERE relname IN ('jobs', 'jobs_by_claim')";
  {
    auto tx = db.Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
    EXPECT_EQ(tx->QueryOne(jobs_table_exists, {}).value()->Int(0), 0);
  }
  ASSERT_TRUE(
      db.InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(), [](Transaction& tx) {
          return storage::RawSql(tx).Execute("DROP TABLE blocker", {});
        }).has_value());
  const auto completed = db.Migrate();
  ASSERT_TRUE(completed.has_value()) << completed.error().context;
  EXPECT_EQ(db.SchemaVersion().value(), db.LatestSchemaVersion());
}

TEST_P(StorageContract, QuestionMarkInsideAStringLiteralIsNotAParameter) {
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  const auto row =
      tx->QueryOne("SELECT 'why?' || ?, ? + 1, 'it''s ?'", {std::string("!"), std::int64_t{41}})
          .value();
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->Text(0), "why?!");
  EXPECT_EQ(row->Int(1), 42);
  EXPECT_EQ(row->Text(2), "it's ?");
}

TEST_P(StorageContract, ValuesComeBackWithTheirTypes) {
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  const auto row =
      tx->QueryOne("SELECT ?, ?, ?, ?, 1 = 1",
                   {std::int64_t{-9007199254740993}, 2.5, std::string("Élise"), std::monostate{}})
          .value();
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->Int(0), -9007199254740993);
  EXPECT_DOUBLE_EQ(row->Real(1), 2.5);
  EXPECT_EQ(row->Text(2), "Élise");
  EXPECT_TRUE(row->IsNull(3));
  EXPECT_EQ(row->Int(4), 1);  // booleans read as 0/1 on both backends
}

TEST_P(StorageContract, UniqueViolationUndoesTheWholeTransaction) {
  auto result = db_->InTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
        Structure structure;
        structure.name = "Written before the failure";
        ENSEMBLE_TRY(tx.Tenancy().InsertStructure(structure, 1));
        ENSEMBLE_TRY(
            tx.Tenancy().InsertPerson({0, "Claire", "claire@alma.example.org", false}, "hash", 1));
        ENSEMBLE_TRY(tx.Tenancy().InsertPerson({0, "Claire bis", "claire@alma.example.org", false},
                                               "hash", 1));
        return Ok();
      });
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kAlreadyExists);
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_EQ(storage::Transaction(*tx).Tenancy().ListStructures({}, {0, 10}).value().total, 0);
  EXPECT_FALSE(storage::Transaction(*tx)
                   .Tenancy()
                   .FindCredentialsByEmail("claire@alma.example.org")
                   .value()
                   .has_value());
}

TEST_P(StorageContract, CheckViolationIsInvalidArgument) {
  Structure nameless;
  nameless.name = "";  // the schema wants 1 to 200 characters
  auto refused = db_->InTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(),
      [&](Transaction& tx) { return tx.Tenancy().InsertStructure(nameless, 1); });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StorageContract, StaffListsEachPersonWithAllTheirRoles) {
  const auto alma = AddStructure("Alma");
  ASSERT_TRUE(
      db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) -> Status {
                           const auto person = ENSEMBLE_TRY(tx.Tenancy().InsertPerson(
                               {0, "Sophie", "sophie@rh.example.org", false}, "h", 1));
                           ENSEMBLE_TRY_STATUS(
                               tx.Tenancy().GrantRole({person, alma, tenancy::Role::kHrFinance}));
                           return tx.Tenancy().GrantRole({person, alma, tenancy::Role::kStaff});
                         })
          .has_value());
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  const auto staff = storage::Transaction(*tx).Tenancy().StaffOf(alma).value();
  ASSERT_EQ(staff.size(), 1u);
  EXPECT_EQ(staff.front().person.display_name, "Sophie");
  auto roles = staff.front().roles;
  std::sort(roles.begin(), roles.end());
  std::vector<tenancy::Role> expected{tenancy::Role::kHrFinance, tenancy::Role::kStaff};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(roles, expected);
}

// Background jobs: the queue every app server shares.

constexpr UnixMillis kLease = 30'000;

JobId Enqueue(Database& db, const NewJob& job, UnixMillis now) {
  auto id = db.InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                             [&](Transaction& tx) { return tx.Jobs().EnqueueJob(job, now); });
  EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message);
  return id.value_or(0);
}

std::optional<Job> Claim(Database& db, const std::string& worker, UnixMillis now) {
  auto job = db.InTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(),
      [&](Transaction& tx) { return tx.Jobs().ClaimNextJob(worker, now, kLease); });
  EXPECT_TRUE(job.has_value()) << (job ? "" : job.error().message);
  return job.value_or(std::nullopt);
}

Job Find(Database& db, JobId id) {
  auto tx = db.Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  auto job = storage::Transaction(*tx).Jobs().FindJob(id).value();
  EXPECT_TRUE(job.has_value()) << "no job " << id;
  return job.value_or(Job{});
}

template <typename Work>
auto Write(Database& db, Work&& work) {
  return db.InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                          std::forward<Work>(work));
}

NewJob ExportJob(std::int64_t max_attempts = 3, UnixMillis run_after = 0) {
  NewJob job;
  job.kind = "export";
  job.payload = R"({"format":"csv"})";
  job.max_attempts = max_attempts;
  job.run_after = run_after;
  return job;
}

TEST_P(StorageContract, JobIsEnqueuedClaimedReportsProgressAndCompletes) {
  NewJob job = ExportJob();
  job.owner_structure_id = AddStructure("Alma");
  const JobId id = Enqueue(*db_, job, 1'000);
  const Job queued = Find(*db_, id);
  EXPECT_EQ(queued.state, JobState::kQueued);
  EXPECT_EQ(queued.kind, "export");
  EXPECT_EQ(queued.payload, R"({"format":"csv"})");
  EXPECT_EQ(queued.owner_structure_id, job.owner_structure_id);
  EXPECT_EQ(queued.attempts, 0);
  EXPECT_EQ(queued.run_after, 1'000);
  EXPECT_EQ(queued.created_at, 1'000);
  EXPECT_FALSE(queued.locked_by.has_value());

  const auto claimed = Claim(*db_, "worker-1", 2'000);
  ASSERT_TRUE(claimed.has_value());
  EXPECT_EQ(claimed->id, id);
  EXPECT_EQ(claimed->state, JobState::kRunning);
  EXPECT_EQ(claimed->attempts, 1);
  EXPECT_EQ(claimed->locked_by, "worker-1");
  EXPECT_EQ(claimed->locked_until, 2'000 + kLease);
  EXPECT_FALSE(Claim(*db_, "worker-2", 2'000).has_value()) << "a held job is not claimed twice";

  ASSERT_TRUE(Write(*db_, [&](Transaction& tx) {
                return tx.Jobs().ReportProgress(id, "worker-1", 5, 10, 3'000, kLease);
              }).has_value());
  const Job halfway = Find(*db_, id);
  EXPECT_EQ(halfway.progress_done, 5);
  EXPECT_EQ(halfway.progress_total, 10);
  EXPECT_EQ(halfway.locked_until, 3'000 + kLease) << "progress renews the lease";
  auto stranger = Write(*db_, [&](Transaction& tx) {
    return tx.Jobs().ReportProgress(id, "worker-2", 6, 10, 3'000, kLease);
  });
  ASSERT_FALSE(stranger.has_value());
  EXPECT_EQ(stranger.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stranger.error().field, "job");

  ASSERT_TRUE(Write(*db_, [&](Transaction& tx) {
                return tx.Jobs().CompleteJob(id, "worker-1", 4'000);
              }).has_value());
  const Job done = Find(*db_, id);
  EXPECT_EQ(done.state, JobState::kSucceeded);
  EXPECT_FALSE(done.locked_by.has_value());
  EXPECT_FALSE(done.locked_until.has_value());
  EXPECT_EQ(done.updated_at, 4'000);
  auto again =
      Write(*db_, [&](Transaction& tx) { return tx.Jobs().CompleteJob(id, "worker-1", 4'001); });
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(Claim(*db_, "worker-2", 1'000'000).has_value());

  auto missing = Write(*db_, [&](Transaction& tx) {
    return tx.Jobs().ReportProgress(id + 100, "worker-1", 1, 1, 5'000, kLease);
  });
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StorageContract, EnqueueRefusesAJobWithoutKindOrAttempts) {
  NewJob nameless = ExportJob();
  nameless.kind = "";
  auto refused = Write(*db_, [&](Transaction& tx) { return tx.Jobs().EnqueueJob(nameless, 1); });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().field, "kind");
  refused = Write(*db_, [&](Transaction& tx) { return tx.Jobs().EnqueueJob(ExportJob(0), 1); });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "max_attempts");
}

TEST_P(StorageContract, JobIsNotClaimedBeforeItsRunAfter) {
  const JobId later = Enqueue(*db_, ExportJob(3, 10'000), 1'000);
  const JobId now = Enqueue(*db_, ExportJob(), 1'000);
  const auto first = Claim(*db_, "worker-1", 5'000);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->id, now) << "the older job is not due yet";
  EXPECT_FALSE(Claim(*db_, "worker-1", 9'999).has_value());
  const auto second = Claim(*db_, "worker-1", 10'000);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->id, later);
}

TEST_P(StorageContract, FailedJobIsRetriedThenFailsAfterMaxAttemptsKeepingTheError) {
  const JobId id = Enqueue(*db_, ExportJob(2), 1'000);
  ASSERT_TRUE(Claim(*db_, "worker-1", 1'000).has_value());
  ASSERT_TRUE(Write(*db_, [&](Transaction& tx) {
                return tx.Jobs().FailJob(id, "worker-1", "disk full", 2'000, 60'000);
              }).has_value());
  const Job retry = Find(*db_, id);
  EXPECT_EQ(retry.state, JobState::kQueued);
  EXPECT_EQ(retry.run_after, 62'000);
  EXPECT_EQ(retry.attempts, 1);
  EXPECT_EQ(retry.last_error, "disk full");
  EXPECT_FALSE(retry.locked_by.has_value());

  EXPECT_FALSE(Claim(*db_, "worker-1", 61'999).has_value()) << "the retry waits its delay";
  const auto second = Claim(*db_, "worker-2", 62'000);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->attempts, 2);
  EXPECT_EQ(second->last_error, "disk full") << "the last error stays visible while retrying";
  ASSERT_TRUE(Write(*db_, [&](Transaction& tx) {
                return tx.Jobs().FailJob(id, "worker-2", "disk still full", 63'000, 60'000);
              }).has_value());
  const Job failed = Find(*db_, id);
  EXPECT_EQ(failed.state, JobState::kFailed);
  EXPECT_EQ(failed.attempts, 2);
  EXPECT_EQ(failed.last_error, "disk still full");
  EXPECT_FALSE(Claim(*db_, "worker-1", 10'000'000).has_value()) << "a failed job stays failed";
  auto late = Write(*db_, [&](Transaction& tx) {
    return tx.Jobs().FailJob(id, "worker-2", "again", 64'000, 60'000);
  });
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
}

TEST_P(StorageContract, ExpiredLeaseIsReclaimedAndTheOldWorkerIsRefused) {
  const JobId id = Enqueue(*db_, ExportJob(3), 1'000);
  ASSERT_TRUE(Claim(*db_, "worker-1", 1'000).has_value());
  EXPECT_FALSE(Claim(*db_, "worker-2", 1'000 + kLease - 1).has_value()) << "lease still held";
  const auto reclaimed = Claim(*db_, "worker-2", 1'000 + kLease);
  ASSERT_TRUE(reclaimed.has_value());
  EXPECT_EQ(reclaimed->id, id);
  EXPECT_EQ(reclaimed->attempts, 2);
  EXPECT_EQ(reclaimed->locked_by, "worker-2");

  const UnixMillis later = 2'000 + kLease;
  auto old_progress = Write(*db_, [&](Transaction& tx) {
    return tx.Jobs().ReportProgress(id, "worker-1", 9, 10, later, kLease);
  });
  ASSERT_FALSE(old_progress.has_value());
  EXPECT_EQ(old_progress.error().code, ErrorCode::kConflict);
  EXPECT_NE(old_progress.error().context.find("worker-2"), std::string::npos)
      << old_progress.error().message;
  auto old_complete =
      Write(*db_, [&](Transaction& tx) { return tx.Jobs().CompleteJob(id, "worker-1", later); });
  ASSERT_FALSE(old_complete.has_value());
  EXPECT_EQ(old_complete.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Find(*db_, id).progress_done, 0) << "the refused progress left nothing behind";

  // A lease that expired is lost even before anybody reclaims it.
  const UnixMillis expired = 1'000 + 2 * kLease;
  auto stale =
      Write(*db_, [&](Transaction& tx) { return tx.Jobs().CompleteJob(id, "worker-2", expired); });
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  // The third claim is the last attempt; when that worker dies too, the job fails.
  const auto third = Claim(*db_, "worker-3", expired);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->attempts, 3);
  EXPECT_FALSE(Claim(*db_, "worker-4", expired + kLease).has_value());
  const Job abandoned = Find(*db_, id);
  EXPECT_EQ(abandoned.state, JobState::kFailed);
  EXPECT_NE(abandoned.last_error.find("lease expired"), std::string::npos) << abandoned.last_error;
}

TEST_P(StorageContract, JobsSurviveARestart) {
  const JobId running = Enqueue(*db_, ExportJob(), 1'000);
  const JobId waiting = Enqueue(*db_, ExportJob(), 1'000);
  ASSERT_TRUE(Claim(*db_, "worker-1", 1'000).has_value());
  ASSERT_TRUE(Write(*db_, [&](Transaction& tx) {
                return tx.Jobs().ReportProgress(running, "worker-1", 3, 7, 1'500, kLease);
              }).has_value());

  db_.reset();
  auto reopened = database_->OpenAgain();
  ASSERT_TRUE(reopened.has_value()) << reopened.error().message;
  db_ = std::move(*reopened);
  ASSERT_TRUE(db_->Migrate().has_value());

  const Job kept = Find(*db_, running);
  EXPECT_EQ(kept.state, JobState::kRunning);
  EXPECT_EQ(kept.locked_by, "worker-1");
  EXPECT_EQ(kept.progress_done, 3);
  EXPECT_EQ(kept.progress_total, 7);
  EXPECT_EQ(Find(*db_, waiting).state, JobState::kQueued);
  const auto next = Claim(*db_, "worker-2", 2'000);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->id, waiting);
  // The worker that held the first job died with the old process: its lease runs out.
  const auto orphan = Claim(*db_, "worker-2", 1'500 + kLease);
  ASSERT_TRUE(orphan.has_value());
  EXPECT_EQ(orphan->id, running);
  EXPECT_EQ(orphan->progress_done, 3);
}

// Two transactions claim at once, in the queue's mode as the job runner does, each holding its
// claim uncommitted for a while in case the other can claim meanwhile. SQLite's single writer
// makes the second wait for the first; on PostgreSQL the second skips the row the first holds
// (PostgresBackend.TwoClaimsAtOnceTakeDifferentJobsWithoutWaiting proves SKIP LOCKED itself).
TEST_P(StorageContract, ConcurrentClaimsTakeDifferentJobs) {
  const JobId first = Enqueue(*db_, ExportJob(), 1'000);
  const JobId second = Enqueue(*db_, ExportJob(), 1'000);
  std::mutex mutex;
  std::condition_variable all_claimed;
  int claims = 0;
  std::optional<Job> taken[2];
  std::string errors[2];
  auto claim = [&](int slot) {
    auto tx = db_->Begin(TransactionMode::kQueue, Scope::WholeDatabase());
    if (!tx) {
      errors[slot] = Describe(tx.error().message);
      return;
    }
    auto job = storage::Transaction(**tx).Jobs().ClaimNextJob("worker-" + std::to_string(slot),
                                                              5'000, kLease);
    {
      std::unique_lock lock(mutex);
      ++claims;
      all_claimed.notify_all();
      all_claimed.wait_for(lock, std::chrono::seconds(1), [&] { return claims == 2; });
    }
    if (!job) {
      errors[slot] = Describe(job.error().message);
      return;
    }
    if (auto committed = (*tx)->Commit(); !committed) {
      errors[slot] = Describe(committed.error().message);
      return;
    }
    taken[slot] = std::move(*job);
  };
  std::thread one(claim, 0);
  std::thread two(claim, 1);
  one.join();
  two.join();
  for (int slot : {0, 1}) {
    ASSERT_TRUE(errors[slot].empty()) << errors[slot];
    ASSERT_TRUE(taken[slot].has_value()) << "worker " << slot << " found no job";
  }
  EXPECT_NE(taken[0]->id, taken[1]->id);
  std::vector<JobId> ids{taken[0]->id, taken[1]->id};
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<JobId>{first, second}));
}

// Every table and column of the schema, with whether it may hold NULL, as "table.column" and
// "table.column NOT NULL". A primary key column cannot hold NULL on either backend, whatever
// SQLite's table_info says of an INTEGER PRIMARY KEY.
std::set<std::string> SchemaOf(Database& db) {
  const std::string sql =
      db.BackendName() == "sqlite"
          ? "SELECT m.name, p.name, CASE WHEN p.\"notnull\" = 1 OR p.pk > 0 THEN 1 ELSE 0 END "
            "FROM sqlite_master m JOIN pragma_table_info(m.name) p "
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
          : "SELECT table_name::TEXT, column_name::TEXT, CASE WHEN is_nullable = 'NO' THEN 1 "
            "ELSE 0 END FROM information_schema.columns WHERE table_schema = 'public'";
  auto tx = db.Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  std::set<std::string> schema;
  const auto rows = tx->Query(sql, {}).value();
  for (const Row& row : rows) {
    schema.insert(row.Text(0) + "." + row.Text(1) + (row.Int(2) != 0 ? " NOT NULL" : ""));
  }
  return schema;
}

TEST(BothBackends, MigrationsEndInTheSameTablesAndColumns) {
  auto sqlite = test_support::TestDatabase::Create("sqlite").value();
  auto postgres = test_support::TestDatabase::Create("postgresql").value();
  EXPECT_EQ(sqlite->db().SchemaVersion().value(), postgres->db().SchemaVersion().value());
  const auto sqlite_schema = SchemaOf(sqlite->db());
  EXPECT_GT(sqlite_schema.size(), 50U);
  EXPECT_EQ(sqlite_schema, SchemaOf(postgres->db()));
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageContract, testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace ensemble::storage
