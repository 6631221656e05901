// What only the PostgreSQL backend has to prove, beyond the shared contract: how it rewrites
// parameters, how it fails when the server is absent or too old, and that it recovers a
// connection the server dropped. Runs on the test run's own cluster (the `postgres` fixture).
#include <gtest/gtest.h>

#include <thread>

#include "storage/audit/audit_chain.h"
#include "storage/audit/audit_store.h"
#include "storage/database.h"
#include "storage/jobs/job_store.h"
#include "storage/postgres/placeholders.h"
#include "storage/postgres/postgres_database.h"
#include "storage/tenancy/tenancy_store.h"
#include "tests/support/postgres_scratch.h"

namespace ensemble::storage::postgres {
namespace {

TEST(PostgresPlaceholders, NumbersParametersAndLeavesQuotedTextAlone) {
  struct Case {
    const char* sql;
    const char* rewritten;
    int count;
  };
  const Case cases[] = {
      {"SELECT ?", "SELECT $1", 1},
      {"SELECT ?, ? FROM t WHERE a = ?", "SELECT $1, $2 FROM t WHERE a = $3", 3},
      {"SELECT 'why?' || ?", "SELECT 'why?' || $1", 1},
      {"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
      {"SELECT E'\\'?', ?", "SELECT E'\\'?', $1", 1},
      {"SELECT \"odd?name\" FROM t WHERE x = ?", "SELECT \"odd?name\" FROM t WHERE x = $1", 1},
      {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
      {"SELECT /* ? */ ?", "SELECT /* ? */ $1", 1},
      {"SELECT $$?$$, $tag$ ? $tag$, ?", "SELECT $$?$$, $tag$ ? $tag$, $1", 1},
      {"LIKE ? ESCAPE '\\' AND k = ?", "LIKE $1 ESCAPE '\\' AND k = $2", 2},
      {"SELECT 'unterminated ?", "SELECT 'unterminated ?", 0},
  };
  for (const Case& c : cases) {
    const RewrittenSql result = RewritePlaceholders(c.sql);
    EXPECT_EQ(result.sql, c.rewritten) << c.sql;
    EXPECT_EQ(result.parameter_count, c.count) << c.sql;
  }
}

TEST(PostgresServerVersion, RefusesServersOlderThan15) {
  EXPECT_TRUE(CheckServerVersion(150000).has_value());
  EXPECT_TRUE(CheckServerVersion(170002).has_value());
  const auto refused = CheckServerVersion(140011);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(Describe(refused.error().message).find("14.11"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(Describe(refused.error().message).find("min=15"), std::string::npos);
}

TEST(PostgresOpen, UnreachableServerIsUnavailableAndNamesItWithoutThePassword) {
  DatabaseOptions options;
  options.url = "postgresql://ensemble:s3cret-pw@127.0.0.1:1/ensemble?connect_timeout=2";
  const auto opened = OpenDatabase(options);
  ASSERT_FALSE(opened.has_value());
  const Error& error = opened.error();
  EXPECT_EQ(error.code, ErrorCode::kUnavailable);
  EXPECT_EQ(error.field, "database");
  const std::string said = Describe(error.message);
  EXPECT_EQ(error.message.id, "core.storage.cannot_connect") << said;
  EXPECT_NE(said.find("127.0.0.1"), std::string::npos) << said;
  EXPECT_NE(said.find("port 1"), std::string::npos) << said;
  EXPECT_EQ(said.find("s3cret-pw"), std::string::npos) << said;
  EXPECT_EQ(error.context.find("s3cret-pw"), std::string::npos) << error.context;
}

TEST(PostgresOpen, MalformedUrlIsInvalidArgumentWithoutThePassword) {
  DatabaseOptions options;
  options.url = "postgresql://ensemble:s3cret-pw@db.example.org/ensemble?no_such_option=1";
  const auto opened = OpenDatabase(options);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(Describe(opened.error().message).find("no_such_option"), std::string::npos)
      << opened.error().message;
  EXPECT_EQ(Describe(opened.error().message).find("s3cret-pw"), std::string::npos);
}

TEST(PostgresOpen, MissingDatabaseIsUnavailableAndNamed) {
  const auto server = pgtest::ServerUrl();
  ASSERT_TRUE(server.has_value()) << server.error().message;
  DatabaseOptions options;
  options.url = pgtest::WithDatabase(*server, "ensemble_no_such_database");
  const auto opened = OpenDatabase(options);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(Describe(opened.error().message).find("ensemble_no_such_database"), std::string::npos)
      << opened.error().message;
}

class PostgresBackend : public testing::Test {
 protected:
  void SetUp() override {
    auto scratch = pgtest::ScratchDatabase::Create();
    ASSERT_TRUE(scratch.has_value()) << scratch.error().message;
    scratch_ = std::move(*scratch);
    db_ = Open();
    ASSERT_NE(db_, nullptr);
    auto migrated = db_->Migrate();
    ASSERT_TRUE(migrated.has_value()) << migrated.error().context;
  }

  std::unique_ptr<Database> Open(int pool_size = 2) {
    DatabaseOptions options;
    options.url = scratch_->url();
    options.pool_size = pool_size;
    auto opened = OpenDatabase(options);
    EXPECT_TRUE(opened.has_value()) << opened.error().message;
    return opened ? std::move(*opened) : nullptr;
  }

  // Ends every other connection to the test's database, as a server restart or a failover does.
  void TerminateOtherConnections() {
    auto killer = Open(1);
    ASSERT_NE(killer, nullptr);
    auto ended =
        killer->InTransaction(TransactionMode::kRead, Scope::WholeDatabase(), [](Transaction& tx) {
          return storage::RawSql(tx).QueryOne(
              "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
              "WHERE datname = current_database() AND pid <> pg_backend_pid()",
              {});
        });
    ASSERT_TRUE(ended.has_value()) << ended.error().context;
    EXPECT_GE((*ended)->Int(0), 1);
  }

  Result<StructureId> AddStructure(const std::string& name) {
    tenancy::Structure structure;
    structure.name = name;
    return db_->InTransaction(
        TransactionMode::kWrite, Scope::WholeDatabase(),
        [&](Transaction& tx) { return tx.Tenancy().InsertStructure(structure, 1); });
  }

  std::unique_ptr<pgtest::ScratchDatabase> scratch_;
  std::unique_ptr<Database> db_;
};

TEST_F(PostgresBackend, NamesItself) { EXPECT_EQ(db_->BackendName(), "postgresql"); }

TEST_F(PostgresBackend, DroppedConnectionsAreReplacedForTheNextTransaction) {
  ASSERT_TRUE(AddStructure("Before").has_value());
  TerminateOtherConnections();
  const auto after = AddStructure("After");
  ASSERT_TRUE(after.has_value()) << after.error().context;
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_EQ(storage::Transaction(*tx).Tenancy().ListStructures({}, {0, 10}).value().total, 2);
}

TEST_F(PostgresBackend, ConnectionLostInsideATransactionIsUnavailableThenRecovers) {
  {
    auto tx = db_->Begin(TransactionMode::kWrite, Scope::WholeDatabase()).value();
    TerminateOtherConnections();
    const auto lost = tx->Query("SELECT 1", {});
    ASSERT_FALSE(lost.has_value());
    EXPECT_EQ(lost.error().code, ErrorCode::kUnavailable);
  }
  const auto after = AddStructure("After");
  ASSERT_TRUE(after.has_value()) << after.error().context;
}

TEST_F(PostgresBackend, ASingleReadRunsWithoutATransactionAndReconnectsOnce) {
  ASSERT_TRUE(AddStructure("Alma").has_value());
  {
    auto single = db_->Begin(TransactionMode::kSingleRead).value();
    EXPECT_EQ(single->QueryOne("SELECT count(*) FROM structures", {}).value()->Int(0), 1);
    // A savepoint needs a transaction block: refused, since none began.
    EXPECT_FALSE(single->Execute("SAVEPOINT probe", {}).has_value());
    EXPECT_TRUE(single->Commit().has_value());
  }
  TerminateOtherConnections();
  auto after = db_->Begin(TransactionMode::kSingleRead).value();
  const auto counted = after->QueryOne("SELECT count(*) FROM structures", {});
  ASSERT_TRUE(counted.has_value()) << counted.error().context;
  EXPECT_EQ(counted.value()->Int(0), 1);
}

// The server is still away when the lone read tries to reconnect (here: new connections to the
// database are refused): the read answers kUnavailable, and once the server takes connections
// again the next read works.
TEST_F(PostgresBackend, ASingleReadThatCannotReconnectIsUnavailableThenRecovers) {
  const std::string server = pgtest::ServerUrl().value();
  ASSERT_TRUE(
      pgtest::RunOnServer(server, "ALTER DATABASE " + scratch_->name() + " CONNECTION LIMIT 0")
          .has_value());
  // As a restart would: every connection of the app's role ends (asked through the superuser,
  // whom the limit spares).
  ASSERT_TRUE(pgtest::RunOnServer(server,
                                  "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                                  "WHERE datname = '" +
                                      scratch_->name() + "'")
                  .has_value());
  {
    auto single = db_->Begin(TransactionMode::kSingleRead);
    ASSERT_TRUE(single.has_value()) << "a pooled connection is lent without a round trip";
    const auto lost = (*single)->QueryOne("SELECT 1", {});
    ASSERT_FALSE(lost.has_value());
    EXPECT_EQ(lost.error().code, ErrorCode::kUnavailable);
    EXPECT_FALSE((*single)->QueryOne("SELECT 1", {}).has_value()) << "and stays so";
  }
  ASSERT_TRUE(
      pgtest::RunOnServer(server, "ALTER DATABASE " + scratch_->name() + " CONNECTION LIMIT -1")
          .has_value());
  auto single = db_->Begin(TransactionMode::kSingleRead).value();
  const auto back = single->QueryOne("SELECT 1", {});
  ASSERT_TRUE(back.has_value()) << back.error().context;
}

TEST_F(PostgresBackend, ASingleReadCarriesNoScope) {
  const auto refused = db_->Begin(TransactionMode::kSingleRead, Scope::ActingFor(1));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_FALSE(db_->Begin(TransactionMode::kSingleRead, Scope::WholeDatabase()).has_value());
}

TEST_F(PostgresBackend, TwoServersMigratingAtOnceBothSucceed) {
  // A second fresh database, migrated by two "servers" at the same moment.
  auto scratch = pgtest::ScratchDatabase::Create();
  ASSERT_TRUE(scratch.has_value());
  DatabaseOptions options;
  options.url = (*scratch)->url();
  auto first = OpenDatabase(options).value();
  auto second = OpenDatabase(options).value();
  Status first_result, second_result;
  std::thread a([&] { first_result = first->Migrate(); });
  std::thread b([&] { second_result = second->Migrate(); });
  a.join();
  b.join();
  EXPECT_TRUE(first_result.has_value()) << first_result.error().context;
  EXPECT_TRUE(second_result.has_value()) << second_result.error().context;
  EXPECT_EQ(first->SchemaVersion().value(), first->LatestSchemaVersion());
  auto tx = first->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_EQ(tx->QueryOne("SELECT count(*) FROM schema_migrations", {}).value()->Int(0),
            first->LatestSchemaVersion());
}

// Two servers claim at the same moment: the first has claimed the oldest job and not committed
// yet; the second does not wait for it (queue transactions lock only the rows they claim) and takes
// the next job at once instead of waiting for that row's lock (SKIP LOCKED).
TEST_F(PostgresBackend, TwoClaimsAtOnceTakeDifferentJobsWithoutWaiting) {
  std::vector<JobId> ids;
  for (int i = 0; i < 2; ++i) {
    NewJob job;
    job.kind = "export";
    auto id = db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                 [&](Transaction& tx) { return tx.Jobs().EnqueueJob(job, 1'000); });
    ASSERT_TRUE(id.has_value()) << id.error().message;
    ids.push_back(*id);
  }
  auto first = db_->Begin(TransactionMode::kQueue, Scope::WholeDatabase());
  ASSERT_TRUE(first.has_value()) << first.error().message;
  const auto first_claim =
      storage::Transaction(**first).Jobs().ClaimNextJob("server-1", 2'000, 30'000);
  ASSERT_TRUE(first_claim.has_value() && first_claim->has_value());
  EXPECT_EQ((*first_claim)->id, ids[0]);

  const auto second_claim = db_->InTransaction(
      TransactionMode::kQueue, Scope::WholeDatabase(),
      [&](Transaction& tx) { return tx.Jobs().ClaimNextJob("server-2", 2'000, 30'000); });
  ASSERT_TRUE(second_claim.has_value()) << second_claim.error().context;
  ASSERT_TRUE(second_claim->has_value());
  EXPECT_EQ((*second_claim)->id, ids[1]);
  ASSERT_TRUE((*first)->Commit().has_value());

  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_EQ(storage::Transaction(*tx).Jobs().FindJob(ids[0]).value()->locked_by, "server-1");
  EXPECT_EQ(storage::Transaction(*tx).Jobs().FindJob(ids[1]).value()->locked_by, "server-2");
}

// Row-level security (migration 4), the second wall behind the use cases' own scoping: each query
// below forgets its WHERE clause on purpose, and the database itself keeps the other structure's
// rows out of reach.
class PostgresRowSecurity : public PostgresBackend {
 protected:
  void SetUp() override {
    PostgresBackend::SetUp();
    alma_ = AddStructure("Centre social Alma").value();
    iciela_ = AddStructure("Centre social Iciela").value();
    for (const StructureId owner : {alma_, iciela_}) {
      auto added = db_->InTransaction(
          TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
            tenancy::PersonnelFile file{0, owner, "Salariée", "Animatrice", "CDI", "", 1};
            ENSEMBLE_TRY(tx.Tenancy().InsertPersonnelFile(file, 1));
            AuditEntry line;
            line.at = 1;
            line.owner_structure_id = owner;
            line.action = "read";
            line.record_kind = "personnel_file";
            ENSEMBLE_TRY_STATUS(tx.Audit().AppendAudit(line));
            NewJob job;
            job.kind = "export";
            job.owner_structure_id = owner;
            ENSEMBLE_TRY(tx.Jobs().EnqueueJob(job, 1));
            return Ok();
          });
      ASSERT_TRUE(added.has_value()) << added.error().context;
    }
  }

  // The owners of the rows an unscoped query sees in `table` under `scope`.
  std::vector<std::int64_t> OwnersSeen(Scope scope, const std::string& table,
                                       const std::string& owner_column) {
    auto tx = db_->Begin(TransactionMode::kRead, scope).value();
    auto rows =
        tx->Query("SELECT " + owner_column + " FROM " + table + " ORDER BY " + owner_column, {});
    EXPECT_TRUE(rows.has_value()) << rows.error().context;
    std::vector<std::int64_t> owners;
    for (const Row& row : rows.value_or(std::vector<Row>{})) owners.push_back(row.Int(0));
    return owners;
  }

  StructureId alma_ = 0;
  StructureId iciela_ = 0;
};

// Records shared under sharing levels: a table whose policy reads the levels
// (ensemble_may_read_shared, tenancy migration 7) lets another structure read exactly what the
// owner's rule grants its collectives, one level at a time, and nothing more: a member of the
// collective reads from "full" up (the policy asks for full records), a structure outside it
// and a transaction acting for nobody only what is public, the owner always its own.
TEST_F(PostgresRowSecurity, SharedRecordsCrossExactlyAsTheLevelsSay) {
  const StructureId basse = AddStructure("Centre social Basse Masure").value();
  const auto collective = db_->InTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(),
      [&](Transaction& tx) -> Result<std::int64_t> {
        const auto id =
            ENSEMBLE_TRY(tx.Tenancy().InsertCollective({0, "Bien Vieillir", "", alma_}, 1));
        ENSEMBLE_TRY_STATUS(tx.Tenancy().AddMember(id, alma_, 1));
        ENSEMBLE_TRY_STATUS(tx.Tenancy().AddMember(id, iciela_, 1));
        auto& sql = storage::RawSql(tx);
        ENSEMBLE_TRY(
            sql.Execute("CREATE TABLE shared_probe (owner BIGINT NOT NULL, kind TEXT NOT "
                        "NULL)",
                        {}));
        ENSEMBLE_TRY(sql.Execute("ALTER TABLE shared_probe ENABLE ROW LEVEL SECURITY", {}));
        ENSEMBLE_TRY(sql.Execute("ALTER TABLE shared_probe FORCE ROW LEVEL SECURITY", {}));
        ENSEMBLE_TRY(
            sql.Execute("CREATE POLICY shared_probe_under_levels ON shared_probe USING "
                        "(ensemble_may_read_shared(owner, kind, 'full')) WITH CHECK "
                        "(ensemble_may_reach(owner))",
                        {}));
        ENSEMBLE_TRY(sql.Execute("INSERT INTO shared_probe VALUES (?, 'partners')", {iciela_}));
        return id;
      });
  ASSERT_TRUE(collective.has_value()) << collective.error().message;
  using L = tenancy::SharingLevel;
  const std::vector<std::int64_t> shown = {iciela_};
  const std::vector<std::int64_t> none;
  for (const L level : {L::kPrivate, L::kAggregates, L::kFull, L::kPublic}) {
    ASSERT_TRUE(db_->InTransaction(
                       TransactionMode::kWrite, Scope::WholeDatabase(),
                       [&](Transaction& tx) {
                         return tx.Tenancy().UpsertSharingRule(
                             {iciela_, *collective, tenancy::RecordKind::kPartners, level}, 0, 2);
                       })
                    .has_value());
    const std::string name(tenancy::ToString(level));
    const bool member_reads = level == L::kFull || level == L::kPublic;
    const bool everybody_reads = level == L::kPublic;
    EXPECT_EQ(OwnersSeen(Scope::ActingFor(alma_), "shared_probe", "owner"),
              member_reads ? shown : none)
        << name;
    EXPECT_EQ(OwnersSeen(Scope::ActingFor(basse), "shared_probe", "owner"),
              everybody_reads ? shown : none)
        << name;
    EXPECT_EQ(OwnersSeen(Scope::Nobody(), "shared_probe", "owner"), everybody_reads ? shown : none)
        << name;
    EXPECT_EQ(OwnersSeen(Scope::ActingFor(iciela_), "shared_probe", "owner"), shown) << name;
  }
}

TEST_F(PostgresRowSecurity, AnUnscopedReadSeesOnlyTheActingStructuresRows) {
  const std::vector<std::pair<std::string, std::string>> tables = {
      {"personnel_files", "structure_id"},
      {"audit_log", "owner_structure_id"},
      {"jobs", "owner_structure_id"}};
  for (const auto& [table, owner] : tables) {
    SCOPED_TRACE(table);
    EXPECT_EQ(OwnersSeen(Scope::ActingFor(alma_), table, owner), std::vector<std::int64_t>{alma_});
    EXPECT_EQ(OwnersSeen(Scope::ActingFor(iciela_), table, owner),
              std::vector<std::int64_t>{iciela_});
    EXPECT_TRUE(OwnersSeen(Scope::Nobody(), table, owner).empty())
        << "a transaction that states no scope reaches nothing";
    EXPECT_EQ(OwnersSeen(Scope::WholeDatabase(), table, owner).size(), 2U);
  }
}

TEST_F(PostgresRowSecurity, AnUnscopedChangeLeavesTheOtherStructuresRowsAlone) {
  auto changed = db_->InTransaction(
      TransactionMode::kWrite, Scope::ActingFor(alma_),
      [](Transaction& tx) -> Result<std::int64_t> {
        const auto files =
            ENSEMBLE_TRY(storage::RawSql(tx).Execute("UPDATE personnel_files SET notes = 'x'", {}));
        const auto jobs = ENSEMBLE_TRY(storage::RawSql(tx).Execute("DELETE FROM jobs", {}));
        return files + jobs;
      });
  ASSERT_TRUE(changed.has_value()) << changed.error().context;
  EXPECT_EQ(*changed, 2) << "Alma's file and job only";
  auto tx = db_->Begin(TransactionMode::kRead, Scope::ActingFor(iciela_)).value();
  EXPECT_EQ(tx->QueryOne("SELECT notes FROM personnel_files", {}).value()->Text(0), "");
  EXPECT_EQ(tx->QueryOne("SELECT count(*) FROM jobs", {}).value()->Int(0), 1);
}

TEST_F(PostgresRowSecurity, WritingARowForAnotherStructureIsRefusedByTheDatabase) {
  const auto before = OwnersSeen(Scope::WholeDatabase(), "personnel_files", "structure_id");
  auto refused =
      db_->InTransaction(TransactionMode::kWrite, Scope::ActingFor(alma_),
                         [&](Transaction& tx) -> Result<std::int64_t> {
                           tenancy::PersonnelFile file{0, iciela_, "Intrus", "?", "CDD", "", 1};
                           return tx.Tenancy().InsertPersonnelFile(file, 2);
                         });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.error().context.find("42501"), std::string::npos) << refused.error().context;
  // Moving Alma's own file over to Iciela is refused too.
  auto moved =
      db_->InTransaction(TransactionMode::kWrite, Scope::ActingFor(alma_), [&](Transaction& tx) {
        return storage::RawSql(tx).Execute("UPDATE personnel_files SET structure_id = ?",
                                           {iciela_});
      });
  ASSERT_FALSE(moved.has_value());
  EXPECT_EQ(moved.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(OwnersSeen(Scope::WholeDatabase(), "personnel_files", "structure_id"), before);
}

TEST_F(PostgresRowSecurity, PlatformLinesReachTheirPersonAndThePlatformAdministrationOnly) {
  std::vector<std::int64_t> people;
  auto added = db_->InTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
        for (const char* email : {"claire@example.org", "marc@example.org"}) {
          people.push_back(
              ENSEMBLE_TRY(tx.Tenancy().InsertPerson({0, "P", email, false}, "hash", 1)));
          AuditEntry line;
          line.at = 2;
          line.person_id = people.back();
          line.action = "sign_in";
          line.record_kind = "session";
          ENSEMBLE_TRY_STATUS(tx.Audit().AppendAudit(line));
        }
        ENSEMBLE_TRY(tx.Audit().SealAuditLines(100));
        // Checkpoints of Alma's and Iciela's chains; the platform's lines stay.
        ENSEMBLE_TRY(tx.Audit().PurgeAuditLines(2, 3));
        return Ok();
      });
  ASSERT_TRUE(added.has_value()) << added.error().message;
  const auto people_seen = [&](Scope scope) {
    auto tx = db_->Begin(TransactionMode::kRead, scope).value();
    std::vector<std::int64_t> seen;
    const auto rows =
        tx->Query(
              "SELECT person_id FROM audit_log WHERE owner_structure_id IS NULL ORDER BY "
              "person_id",
              {})
            .value();
    for (const Row& row : rows) seen.push_back(row.Int(0));
    return seen;
  };
  EXPECT_EQ(people_seen(Scope::OwnPlatformLines(people[0])), std::vector<std::int64_t>{people[0]});
  EXPECT_EQ(people_seen(Scope::OwnPlatformLines(people[1])), std::vector<std::int64_t>{people[1]});
  EXPECT_EQ(people_seen(Scope::Platform()), people);
  EXPECT_TRUE(people_seen(Scope::ActingFor(alma_)).empty());
  EXPECT_TRUE(people_seen(Scope::Nobody()).empty());
  EXPECT_TRUE(OwnersSeen(Scope::Platform(), "audit_log", "owner_structure_id") ==
              std::vector<std::int64_t>(2, 0))
      << "the platform scope reaches no structure's line";
  EXPECT_EQ(OwnersSeen(Scope::ActingFor(alma_), "audit_checkpoints", "chain"),
            std::vector<std::int64_t>{alma_});
  EXPECT_TRUE(OwnersSeen(Scope::Nobody(), "audit_checkpoints", "chain").empty());
  EXPECT_EQ(OwnersSeen(Scope::WholeDatabase(), "audit_checkpoints", "chain").size(), 2U);
}

// A reset link's mail (tenancy migration 9) is its person's only: her own transaction queues and
// sees it; another person's, a structure's, nobody's neither see it nor may queue one for her.
TEST_F(PostgresRowSecurity, APersonsOwnMailReachesHerOnly) {
  std::vector<std::int64_t> people;
  auto added = db_->InTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
        for (const char* email : {"claire@example.org", "marc@example.org"}) {
          people.push_back(
              ENSEMBLE_TRY(tx.Tenancy().InsertPerson({0, "P", email, false}, "hash", 1)));
        }
        return Ok();
      });
  ASSERT_TRUE(added.has_value()) << added.error().message;
  const auto queue_for = [&](Scope scope, std::int64_t person) {
    return db_->InTransaction(TransactionMode::kWrite, scope, [&](Transaction& tx) {
      NewJob job;
      job.kind = "mail";
      job.for_person = person;
      return tx.Jobs().EnqueueJob(job, 1);
    });
  };
  ASSERT_TRUE(queue_for(Scope::OwnPlatformLines(people[0]), people[0]).has_value());
  EXPECT_FALSE(queue_for(Scope::OwnPlatformLines(people[1]), people[0]).has_value());
  EXPECT_FALSE(queue_for(Scope::ActingFor(alma_), people[0]).has_value());
  EXPECT_FALSE(queue_for(Scope::Nobody(), people[0]).has_value());
  const auto mails_seen = [&](Scope scope) {
    auto tx = db_->Begin(TransactionMode::kRead, scope).value();
    return tx->QueryOne("SELECT count(*) FROM jobs WHERE kind = 'mail'", {}).value()->Int(0);
  };
  EXPECT_EQ(mails_seen(Scope::OwnPlatformLines(people[0])), 1);
  EXPECT_EQ(mails_seen(Scope::OwnPlatformLines(people[1])), 0);
  EXPECT_EQ(mails_seen(Scope::ActingFor(alma_)), 0);
  EXPECT_EQ(mails_seen(Scope::Nobody()), 0);
  EXPECT_EQ(mails_seen(Scope::WholeDatabase()), 1);
}

TEST_F(PostgresRowSecurity, TheScopeEndsWithItsTransaction) {
  // The same pooled connection serves Alma, then a transaction with no scope.
  auto single = Open(1);
  ASSERT_NE(single, nullptr);
  {
    auto tx = single->Begin(TransactionMode::kRead, Scope::ActingFor(alma_)).value();
    EXPECT_EQ(tx->QueryOne("SELECT count(*) FROM personnel_files", {}).value()->Int(0), 1);
  }
  auto tx = single->Begin(TransactionMode::kRead).value();
  EXPECT_EQ(tx->QueryOne("SELECT count(*) FROM personnel_files", {}).value()->Int(0), 0);
}

TEST_F(PostgresRowSecurity, TheAppRoleIsConfinedAndASuperuserIsRefusedToServe) {
  EXPECT_TRUE(RequireRowSecurity(*db_).has_value()) << "the tests' role is confined";
  DatabaseOptions options;
  options.url = pgtest::WithDatabase(pgtest::ServerUrl().value(), scratch_->name());
  auto superuser = OpenDatabase(options).value();
  const auto refused = RequireRowSecurity(*superuser);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "database");
  EXPECT_NE(refused.error().message.id.find("superuser"), std::string::npos)
      << refused.error().message;
}

TEST_F(PostgresBackend, AuditLogRefusesTruncate) {
  auto refused = db_->InTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(),
      [](Transaction& tx) { return storage::RawSql(tx).Execute("TRUNCATE audit_log", {}); });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace ensemble::storage::postgres
