// The embedded backend: one SQLite file in WAL mode, foreign keys on, a busy timeout, and a
// small pool of connections so readers run beside the single writer. Write transactions begin
// IMMEDIATE, taking the write lock up front, so two writers never deadlock on an upgrade.
//
// Thread-safety: Open returns a Database safe to share; each Transaction holds one pooled
// connection until it ends.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/sql/database.h"

struct sqlite3;

namespace ensemble::storage::sqlite {

class PooledConnection;

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

 private:
  SqliteDatabase() = default;
  std::unique_ptr<PooledConnection> Acquire();

  std::filesystem::path path_;
  std::vector<ModuleMigrations> migrations_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PooledConnection>> idle_;
};

}  // namespace ensemble::storage::sqlite
