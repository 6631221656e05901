// The request path that does not queue (issue 10): PostgreSQL writers side by side without a
// global lock, conflicting writes retried or answered kConflict and never lost, audited reads
// without a writer lock, SQLite's group commit of their lines, and the audit chain verifiable
// after a storm of all of them. Real SQLite files and the test run's PostgreSQL cluster.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "storage/audit/audit_chain.h"
#include "storage/audit/audit_store.h"
#include "storage/database.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage/tenancy/tenancy_store.h"
#include "tests/support/test_database.h"

namespace ensemble::storage {
namespace {

using std::chrono::seconds;

// Long enough never to be reached by a write that does not wait for another; a write that waits
// for a lock the first holds until this expires fails the test.
constexpr auto kNoWaitExpected = seconds(60);

std::unique_ptr<test_support::TestDatabase> Scratch(const std::string& backend) {
  auto created = test_support::TestDatabase::Create(backend);
  EXPECT_TRUE(created.has_value()) << created.error().message << " " << created.error().context;
  return created ? std::move(*created) : nullptr;
}

tenancy::StructureId AddStructure(Database& db, const std::string& name) {
  tenancy::Structure structure;
  structure.name = name;
  auto id = db.InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) {
    return tx.Tenancy().InsertStructure(structure, 1);
  });
  EXPECT_TRUE(id.has_value()) << id.error().context;
  return id.value_or(0);
}

AuditEntry Line(tenancy::StructureId owner, std::string action, std::string record_id) {
  AuditEntry line;
  line.at = 1;
  line.owner_structure_id = owner;
  line.acting_structure_id = owner;
  line.action = std::move(action);
  line.record_kind = "structure";
  line.record_id = std::move(record_id);
  line.params = "{}";
  line.changes = "[]";
  return line;
}

// A use case's check-then-change: read the structure, rename it, write the audit line.
Status Rename(Transaction& tx, tenancy::StructureId id, const std::string& name) {
  auto structure = ENSEMBLE_TRY(tx.Tenancy().FindStructure(id));
  if (!structure) return Fail(ErrorCode::kNotFound, "no structure");
  structure->name = name;
  ENSEMBLE_TRY(tx.Tenancy().UpdateStructure(*structure, 2));
  return tx.Audit().AppendAudit(Line(id, "update", std::to_string(id)));
}

std::string NameOf(Database& db, tenancy::StructureId id) {
  auto tx = db.Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  auto structure = Transaction(*tx).Tenancy().FindStructure(id).value();
  return structure ? structure->name : "";
}

// An audited read of a structure: its only write is its line.
Status AuditedRead(Database& db, tenancy::StructureId id, std::string record_id) {
  return db.InTransaction(TransactionMode::kAuditedRead, Scope::WholeDatabase(),
                          [&](Transaction& tx) -> Status {
                            if (!ENSEMBLE_TRY(tx.Tenancy().FindStructure(id))) {
                              return Fail(ErrorCode::kNotFound, "no structure");
                            }
                            return tx.Audit().AppendAudit(Line(id, "read", record_id));
                          });
}

std::int64_t SealAll(Database& db) {
  std::int64_t sealed = 0;
  while (true) {
    const auto done =
        db.InTransaction(TransactionMode::kQueue, Scope::WholeDatabase(),
                         [](Transaction& tx) { return tx.Audit().SealAuditLines(500); });
    EXPECT_TRUE(done.has_value()) << done.error().context;
    if (!done) return sealed;
    sealed += *done;
    if (*done < 500) return sealed;
  }
}

VerifyReport Verify(Database& db) {
  auto report = db.InTransaction(TransactionMode::kRead, Scope::WholeDatabase(),
                                 [](Transaction& tx) { return tx.Audit().VerifyAuditChains(); });
  EXPECT_TRUE(report.has_value()) << report.error().context;
  return report.value_or(VerifyReport{});
}

std::int64_t CountLines(Database& db, const std::string& where = "1 = 1") {
  auto tx = db.Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  return tx->QueryOne("SELECT count(*) FROM audit_log WHERE " + where, {}).value()->Int(0);
}

// Two writers for two structures, the first held open: the second begins, writes and commits
// meanwhile, then the first commits; both are stored. Under the former global advisory lock the
// second would wait for the first, and the future below would not be ready.
TEST(PostgresWriters, TwoWritesForTwoStructuresProceedWhileBothAreOpen) {
  const auto database = Scratch("postgresql");
  ASSERT_NE(database, nullptr);
  auto db = database->OpenAgain(4).value();
  const auto alma = AddStructure(*db, "Alma");
  const auto echo = AddStructure(*db, "ECHO");

  std::promise<void> first_is_open;
  std::promise<void> release_first;
  std::shared_future<void> released = release_first.get_future().share();
  std::atomic<int> first_attempts = 0;
  auto first = std::async(std::launch::async, [&] {
    return db->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                             [&](Transaction& tx) -> Status {
                               ENSEMBLE_TRY_STATUS(Rename(tx, alma, "Alma (first)"));
                               // Held open once; a retry, should there be one, runs through.
                               if (first_attempts++ == 0) {
                                 first_is_open.set_value();
                                 released.wait();
                               }
                               return Ok();
                             });
  });
  first_is_open.get_future().wait();
  auto second = std::async(std::launch::async, [&] {
    return db->InTransaction(
        TransactionMode::kWrite, Scope::WholeDatabase(),
        [&](Transaction& tx) -> Status { return Rename(tx, echo, "ECHO (second)"); });
  });
  const std::future_status waited = second.wait_for(kNoWaitExpected);
  release_first.set_value();
  ASSERT_EQ(waited, std::future_status::ready)
      << "the second write waited for the first to end: writers are serialised again";
  const Status second_done = second.get();
  EXPECT_TRUE(second_done.has_value()) << second_done.error().context;
  const Status first_done = first.get();
  EXPECT_TRUE(first_done.has_value()) << first_done.error().context;
  EXPECT_EQ(NameOf(*db, alma), "Alma (first)");
  EXPECT_EQ(NameOf(*db, echo), "ECHO (second)");
  EXPECT_EQ(CountLines(*db, "action = 'update'"), 2);
}

// Many writers increment one counter (a check-then-change on one row) at once, each in its own
// write transaction: every increment is either applied, or answered kConflict once the retries
// ran out; none is lost (the counter equals the applied ones) and none applied twice.
TEST(PostgresWriters, ConflictingCheckThenChangeIsAppliedOrConflictNeverLost) {
  const auto database = Scratch("postgresql");
  ASSERT_NE(database, nullptr);
  constexpr int kThreads = 6;
  constexpr int kEach = 20;
  auto db = database->OpenAgain(kThreads).value();
  const auto counter = AddStructure(*db, "Counter");
  std::atomic<int> applied = 0;
  std::atomic<int> conflicts = 0;
  std::atomic<int> other = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        const Status done = db->InTransaction(
            TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
              auto& sql = RawSql(tx);
              const auto row = ENSEMBLE_TRY(
                  sql.QueryOne("SELECT address FROM structures WHERE id = ?", {counter}));
              const std::string seen = row->Text(0);
              const std::int64_t value = seen.empty() ? 0 : std::stoll(seen);
              ENSEMBLE_TRY(sql.Execute("UPDATE structures SET address = ? WHERE id = ?",
                                       {std::to_string(value + 1), counter}));
              return tx.Audit().AppendAudit(Line(counter, "update", std::to_string(value + 1)));
            });
        if (done) {
          ++applied;
        } else if (done.error().code == ErrorCode::kConflict &&
                   done.error().storage.kind == StorageFailure::kSerializationFailure) {
          ++conflicts;
        } else {
          ++other;
          ADD_FAILURE() << done.error().message << " " << done.error().context;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(applied.load() + conflicts.load(), kThreads * kEach);
  EXPECT_GT(applied.load(), 0);
  auto tx = db->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  const std::string stored =
      tx->QueryOne("SELECT address FROM structures WHERE id = ?", {counter}).value()->Text(0);
  EXPECT_EQ(std::stoll(stored), applied.load()) << "an increment was lost or applied twice";
  // One audit line per applied increment, each value once.
  EXPECT_EQ(CountLines(*db, "action = 'update'"), applied.load());
  EXPECT_EQ(tx->QueryOne("SELECT count(DISTINCT record_id) FROM audit_log", {}).value()->Int(0),
            applied.load());
  std::printf("conflicting increments: %d applied, %d answered kConflict\n", applied.load(),
              conflicts.load());
}

// Lines of concurrent transactions commit out of id order: a line whose id is smaller commits
// after a larger one was sealed. The sealer picks every unsealed line, whatever its id, so it
// seals the late one next, after the head of its chain; verification walks the chain's
// sequence, not the ids, and finds it whole.
TEST(PostgresAuditChain, ALineCommittedAfterALaterOneWasSealedIsSealedAfterIt) {
  const auto database = Scratch("postgresql");
  ASSERT_NE(database, nullptr);
  auto db = database->OpenAgain(4).value();
  const auto alma = AddStructure(*db, "Alma");
  auto early = db->Begin(TransactionMode::kAuditedRead, Scope::WholeDatabase()).value();
  ASSERT_TRUE(Transaction(*early).Audit().AppendAudit(Line(alma, "read", "early")).has_value());
  ASSERT_TRUE(AuditedRead(*db, alma, "late").has_value());
  EXPECT_EQ(SealAll(*db), 1) << "the committed line is sealed, the open one is not seen";
  ASSERT_TRUE(early->Commit().has_value());
  EXPECT_EQ(SealAll(*db), 1) << "the line committed late is not skipped";

  const VerifyReport report = Verify(*db);
  EXPECT_FALSE(report.broken.has_value()) << report.broken->reason;
  EXPECT_EQ(report.unsealed, 0);
  ASSERT_EQ(report.chains.size(), 1U);
  EXPECT_EQ(report.chains[0].lines, 2);
  auto tx = db->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  const auto rows = tx->Query("SELECT record_id FROM audit_log ORDER BY chain_seq", {}).value();
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].Text(0), "late");
  EXPECT_EQ(rows[1].Text(0), "early");
  const auto ids = tx->Query("SELECT record_id FROM audit_log ORDER BY id", {}).value();
  EXPECT_EQ(ids[0].Text(0), "early") << "the early line has the smaller id";
}

class SqliteGroupCommit : public testing::Test {
 protected:
  static constexpr int kReaders = 12;

  void SetUp() override {
    database_ = Scratch("sqlite");
    ASSERT_NE(database_, nullptr);
    db_ = database_->OpenAgain(kReaders + 2).value();
    sqlite_ = dynamic_cast<sqlite::SqliteDatabase*>(db_.get());
    ASSERT_NE(sqlite_, nullptr);
    alma_ = AddStructure(*db_, "Alma");
  }

  Status Run(const std::string& sql) {
    return db_->InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                              [&](Transaction& tx) -> Status {
                                ENSEMBLE_TRY(RawSql(tx).Execute(sql, {}));
                                return Ok();
                              });
  }

  // kReaders audited reads at once, while another writer holds SQLite's write lock: the first
  // to commit leads and waits for the lock, the others queue behind it. Once they all wait, the
  // writer lets go. `record_id(i)` names reader i's line. Returns each reader's outcome.
  std::vector<Status> ReadAllAtOnce(const std::function<std::string(int)>& record_id) {
    auto writer = db_->Begin(TransactionMode::kWrite, Scope::WholeDatabase()).value();
    std::vector<std::optional<Status>> outcomes(kReaders);
    std::vector<std::thread> readers;
    for (int i = 0; i < kReaders; ++i) {
      readers.emplace_back([&, i] {
        outcomes[static_cast<std::size_t>(i)] = AuditedRead(*db_, alma_, record_id(i));
      });
    }
    // The leader is in BEGIN IMMEDIATE, behind the writer; every other reader waits for it.
    while (sqlite_->group_commit_stats().waiting < kReaders - 1) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_TRUE(writer->Commit().has_value());
    for (auto& reader : readers) reader.join();
    std::vector<Status> done;
    for (auto& outcome : outcomes) done.push_back(*outcome);
    return done;
  }

  std::unique_ptr<test_support::TestDatabase> database_;
  std::unique_ptr<Database> db_;
  sqlite::SqliteDatabase* sqlite_ = nullptr;
  tenancy::StructureId alma_ = 0;
};

TEST_F(SqliteGroupCommit, ConcurrentAuditedReadsShareCommitsAndEveryLineIsStored) {
  const sqlite::GroupCommitStats before = sqlite_->group_commit_stats();
  const auto outcomes = ReadAllAtOnce([](int i) { return "reader " + std::to_string(i); });
  for (const Status& outcome : outcomes) {
    EXPECT_TRUE(outcome.has_value()) << outcome.error().context;
  }
  const sqlite::GroupCommitStats after = sqlite_->group_commit_stats();
  EXPECT_EQ(after.lines - before.lines, kReaders);
  // The leader's batch, then everyone who queued behind it.
  EXPECT_LE(after.commits - before.commits, 2);
  EXPECT_EQ(after.waiting, 0);
  EXPECT_EQ(CountLines(*db_, "action = 'read'"), kReaders);
  EXPECT_EQ(SealAll(*db_), kReaders);
  const VerifyReport report = Verify(*db_);
  EXPECT_FALSE(report.broken.has_value()) << report.broken->reason;
  EXPECT_EQ(report.unsealed, 0);
}

// The schema refuses every line (a trigger): each read of the batch gets the error, none
// answers, and no line is stored.
TEST_F(SqliteGroupCommit, ABatchThatCannotStoreItsLinesFailsEveryMember) {
  ASSERT_TRUE(Run("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN "
                  "SELECT RAISE(ABORT, 'audit refused for the test'); END")
                  .has_value());
  const auto outcomes = ReadAllAtOnce([](int i) { return "reader " + std::to_string(i); });
  for (const Status& outcome : outcomes) {
    ASSERT_FALSE(outcome.has_value()) << "a read answered without its line";
    EXPECT_EQ(outcome.error().code, ErrorCode::kConflict) << outcome.error().context;
    EXPECT_NE(outcome.error().context.find("audit refused for the test"), std::string::npos)
        << outcome.error().context;
  }
  EXPECT_EQ(CountLines(*db_), 0);
  EXPECT_EQ(sqlite_->group_commit_stats().lines, 0);
}

// One line of the batch is refused: its read fails, its neighbours' lines are stored.
TEST_F(SqliteGroupCommit, ARefusedLineFailsOnlyItsOwnRead) {
  ASSERT_TRUE(Run("CREATE TRIGGER refuse_poison BEFORE INSERT ON audit_log "
                  "WHEN NEW.record_id = 'poison' BEGIN SELECT RAISE(ABORT, 'poison'); END")
                  .has_value());
  const auto outcomes =
      ReadAllAtOnce([](int i) { return i == 3 ? std::string("poison") : std::to_string(i); });
  for (int i = 0; i < kReaders; ++i) {
    EXPECT_EQ(outcomes[static_cast<std::size_t>(i)].has_value(), i != 3) << "reader " << i;
  }
  EXPECT_EQ(CountLines(*db_), kReaders - 1);
  EXPECT_EQ(CountLines(*db_, "record_id = 'poison'"), 0);
}

// An audited read writes its lines and nothing else: any other write is refused, so it can never
// take the write lock in the middle of its read. The connection is a reader again afterwards.
TEST_F(SqliteGroupCommit, AnAuditedReadMayNotWriteAnythingButItsLines) {
  const Status refused = db_->InTransaction(
      TransactionMode::kAuditedRead, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
        ENSEMBLE_TRY(RawSql(tx).Execute("UPDATE structures SET name = 'x' WHERE id = ?", {alma_}));
        return Ok();
      });
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().context.find("readonly"), std::string::npos) << refused.error().context;
  EXPECT_EQ(NameOf(*db_, alma_), "Alma");
  for (int i = 0; i < kReaders + 2; ++i) {
    ASSERT_TRUE(Run("UPDATE structures SET territory = 'Roubaix'").has_value()) << i;
  }
}

// A storm of audited reads, writes and seals at once, on each backend: every line is stored and
// sealed, and every chain verifies.
class AuditStorm : public testing::TestWithParam<std::string> {};

TEST_P(AuditStorm, TheChainsVerifyAfterConcurrentAuditedReadsWritesAndSeals) {
  const auto database = Scratch(GetParam());
  ASSERT_NE(database, nullptr);
  constexpr int kReaders = 6;
  constexpr int kReadsEach = 25;
  constexpr int kWriters = 2;
  constexpr int kWritesEach = 15;
  auto db = database->OpenAgain(kReaders + kWriters + 2).value();
  const auto alma = AddStructure(*db, "Alma");
  const auto echo = AddStructure(*db, "ECHO");
  std::atomic<int> failures = 0;
  std::atomic<bool> storming = true;
  std::vector<std::thread> threads;
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&, r] {
      for (int i = 0; i < kReadsEach; ++i) {
        const Status read =
            AuditedRead(*db, r % 2 == 0 ? alma : echo, std::to_string(r) + "/" + std::to_string(i));
        if (!read) {
          ++failures;
          ADD_FAILURE() << read.error().context;
        }
      }
    });
  }
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kWritesEach; ++i) {
        const auto id = w == 0 ? alma : echo;
        const Status written = db->InTransaction(
            TransactionMode::kWrite, Scope::WholeDatabase(),
            [&](Transaction& tx) { return Rename(tx, id, "Renamed " + std::to_string(i)); });
        if (!written) {
          ++failures;
          ADD_FAILURE() << written.error().context;
        }
      }
    });
  }
  std::thread sealer([&] {
    while (storming) SealAll(*db);
  });
  for (auto& thread : threads) thread.join();
  storming = false;
  sealer.join();
  SealAll(*db);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(CountLines(*db), kReaders * kReadsEach + kWriters * kWritesEach);
  const VerifyReport report = Verify(*db);
  EXPECT_FALSE(report.broken.has_value()) << report.broken->reason;
  EXPECT_EQ(report.unsealed, 0);
  std::int64_t verified = 0;
  for (const ChainReport& chain : report.chains) verified += chain.lines;
  EXPECT_EQ(verified, kReaders * kReadsEach + kWriters * kWritesEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditStorm, testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace ensemble::storage
