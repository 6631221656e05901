// The embedded backend: one SQLite file in WAL mode, foreign keys on, a busy timeout, and a
// small pool of connections so readers run beside the single writer. Write transactions begin
// IMMEDIATE, taking the write lock up front, so two writers never deadlock on an upgrade.
//
// Audited reads (TransactionMode::kAuditedRead) take no write lock: they read in a deferred
// transaction and hand their audit lines to the group committer when they commit. One caller at
// a time leads: it takes every line waiting, from all the audited reads that committed
// meanwhile, stores them in one BEGIN IMMEDIATE … COMMIT (synchronous = FULL) on its own
// connection, and wakes the requests whose lines it stored; the others wait their turn, and the
// first of those still waiting leads the next batch. So a hundred concurrent reads cost a few
// durable commits instead of a hundred, no thread of its own has to be started and stopped, and
// a lone read commits at once, as before. Each request's lines go under a savepoint: a line the
// schema refuses fails its own request only; a batch that cannot begin or commit fails all.
//
// Thread-safety: Open returns a Database safe to share; each Transaction holds one pooled
// connection until it ends.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/sql/database.h"

struct sqlite3;

namespace ensemble::storage::sqlite {

class PooledConnection;
class GroupCommitter;

// What the group committer has done since the database was opened, for tests and benchmarks.
struct GroupCommitStats {
  std::int64_t lines = 0;    // audit lines stored
  std::int64_t commits = 0;  // write transactions that stored them
  std::int64_t waiting = 0;  // requests whose lines wait for the next batch, now
};

class SqliteDatabase final : public Database {
 public:
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::filesystem::path& path,
                                                      const DatabaseOptions& options);
  ~SqliteDatabase() override;

  std::string_view BackendName() const override { return "sqlite"; }
  using Database::Begin;
  Result<std::unique_ptr<SqlTransaction>> Begin(TransactionMode mode, Scope scope) override;
  Status Migrate() override;
  Result<int> SchemaVersion() override;
  int LatestSchemaVersion() const override;
  Status BackupTo(const std::filesystem::path& target) override;

  // Used by transactions to hand their connection back.
  void Release(std::unique_ptr<PooledConnection> connection);
  GroupCommitter& group_committer() { return *group_committer_; }
  GroupCommitStats group_commit_stats() const;

 private:
  SqliteDatabase();
  std::unique_ptr<PooledConnection> Acquire();

  std::filesystem::path path_;
  std::vector<ModuleMigrations> migrations_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PooledConnection>> idle_;
  std::unique_ptr<GroupCommitter> group_committer_;
};

}  // namespace ensemble::storage::sqlite
