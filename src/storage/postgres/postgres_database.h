// The PostgreSQL backend, through libpq: a small pool of connections, each with its own cache of
// prepared statements. Reads run in REPEATABLE READ, so every statement of a read transaction
// sees one snapshot, as a SQLite read transaction does; audited reads too, with their audit
// INSERTs. Writes run in SERIALIZABLE, side by side and without any global lock: the use cases
// check and then change (a last director, a throttling count) as if alone, and a write the
// server aborts on a serialisation failure or a deadlock is run again by
// Database::InTransaction, then answered kConflict when the attempts run out. Queue transactions
// (TransactionMode::kQueue) run in READ COMMITTED: the job queue's statements and the audit
// sealer lock or guard their own rows.
//
// A connection that the server dropped is discarded when its transaction ends; a transaction
// that begins on a dropped connection reconnects once before failing. Unreachable servers answer
// kUnavailable.
//
// Backups are pg_dump's and base backups' job: BackupTo answers kInvalidArgument.
//
// Thread-safety: Open returns a Database safe to share; each Transaction holds one pooled
// connection until it ends.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sql/database.h"

namespace ensemble::storage::postgres {

class PgConnection;

// The oldest server this backend accepts (PostgreSQL 15, as server_version_num).
inline constexpr int kMinimumServerVersion = 150000;

// Refuses a server older than kMinimumServerVersion; `version` is server_version_num.
Status CheckServerVersion(int version);

// "database ensemble on host db.example.org port 5432 as user ensemble": where a URL points,
// without its password. An unparsable URL answers kInvalidArgument.
Result<std::string> DescribeTarget(const std::string& url);

class PostgresDatabase final : public Database {
 public:
  // Connects once, so that a wrong URL, an unreachable or too old server fails here.
  static Result<std::unique_ptr<PostgresDatabase>> Open(const DatabaseOptions& options);
  ~PostgresDatabase() override;

  std::string_view BackendName() const override { return "postgresql"; }
  using Database::Begin;
  Result<std::unique_ptr<SqlTransaction>> Begin(TransactionMode mode, Scope scope) override;
  Status Migrate() override;
  Result<int> SchemaVersion() override;
  int LatestSchemaVersion() const override;
  Status BackupTo(const std::filesystem::path& target) override;

  // Used by transactions to hand their connection back; a broken one is dropped.
  void Release(std::unique_ptr<PgConnection> connection);
  // Drops a connection found broken and lends another in its place.
  Result<std::unique_ptr<PgConnection>> Replace(std::unique_ptr<PgConnection> broken);

 private:
  PostgresDatabase() = default;
  Result<std::unique_ptr<PgConnection>> Acquire();
  Result<std::unique_ptr<PgConnection>> Connect();
  Result<std::unique_ptr<SqlTransaction>> BeginWith(const std::string& begin);
  Status MigrateOnce(bool& done);

  std::string url_;
  std::vector<ModuleMigrations> migrations_;
  std::string target_;  // DescribeTarget(url_), for messages
  int pool_size_ = 4;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;  // connections idle or lent out, and connections being opened
};

}  // namespace ensemble::storage::postgres
