#include "storage/sqlite/sqlite_database.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace ensemble::storage::sqlite {

namespace {

// The name of an extended result code, for Error::storage.sqlstate; the generic name of its
// primary code for those we do not tell apart.
std::string_view CodeName(int extended) {
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
      return "SQLITE_CONSTRAINT_UNIQUE";
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return "SQLITE_CONSTRAINT_PRIMARYKEY";
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return "SQLITE_CONSTRAINT_FOREIGNKEY";
    case SQLITE_CONSTRAINT_CHECK:
      return "SQLITE_CONSTRAINT_CHECK";
    case SQLITE_CONSTRAINT_NOTNULL:
      return "SQLITE_CONSTRAINT_NOTNULL";
    case SQLITE_CONSTRAINT_TRIGGER:
      return "SQLITE_CONSTRAINT_TRIGGER";
    case SQLITE_BUSY_SNAPSHOT:
      return "SQLITE_BUSY_SNAPSHOT";
    default:
      break;
  }
  switch (extended & 0xff) {
    case SQLITE_CONSTRAINT:
      return "SQLITE_CONSTRAINT";
    case SQLITE_BUSY:
      return "SQLITE_BUSY";
    case SQLITE_LOCKED:
      return "SQLITE_LOCKED";
    case SQLITE_FULL:
      return "SQLITE_FULL";
    case SQLITE_IOERR:
      return "SQLITE_IOERR";
    case SQLITE_CANTOPEN:
      return "SQLITE_CANTOPEN";
    default:
      return "SQLITE_ERROR";
  }
}

// SQLite names the columns of a UNIQUE or NOT NULL ("UNIQUE constraint failed: structures.siret"),
// the index of a UNIQUE on expressions ("… failed: index 'name'"), and a CHECK by its name or,
// unnamed, its expression; a foreign key it never names ("FOREIGN KEY constraint failed").
std::string ConstraintOf(std::string_view said) {
  constexpr std::string_view kFailed = "constraint failed: ";
  const auto at = said.find(kFailed);
  if (at == std::string_view::npos) return {};
  std::string_view name = said.substr(at + kFailed.size());
  if (name.starts_with("index '") && name.ends_with('\'')) {
    name = name.substr(7, name.size() - 8);
  }
  return std::string(name);
}

StorageFailure KindOf(int extended) {
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return StorageFailure::kUniqueViolation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return StorageFailure::kForeignKeyViolation;
    case SQLITE_CONSTRAINT_CHECK:
      return StorageFailure::kCheckViolation;
    case SQLITE_CONSTRAINT_NOTNULL:
      return StorageFailure::kNotNullViolation;
    // A deferred transaction that read an older snapshot than the last commit may not write.
    case SQLITE_BUSY_SNAPSHOT:
      return StorageFailure::kSerializationFailure;
    default:
      break;
  }
  switch (extended & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StorageFailure::kLockTimeout;
    default:
      return StorageFailure::kOther;
  }
}

// Translates a SQLite failure into our codes, keeping SQLite's own words in the context.
Error Translate(sqlite3* db, int rc, std::string_view doing) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  const std::string said = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  Error error;
  error.context = fmt::format("sqlite: {}: {} (code {})", doing, said, extended);
  error.storage.kind = KindOf(extended);
  error.storage.sqlstate = std::string(CodeName(extended));
  switch (error.storage.kind) {
    case StorageFailure::kUniqueViolation:
    case StorageFailure::kCheckViolation:
    case StorageFailure::kNotNullViolation:
      error.storage.constraint = ConstraintOf(said);
      break;
    default:
      break;
  }
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      error.code = ErrorCode::kAlreadyExists;
      error.message = Message{"core.storage.unique"};
      return error;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      error.code = ErrorCode::kConflict;
      error.message = Message{"core.storage.foreign_key"};
      return error;
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      error.code = ErrorCode::kInvalidArgument;
      error.message = Message{"core.storage.check"};
      return error;
    case SQLITE_CONSTRAINT_TRIGGER:
      error.code = ErrorCode::kConflict;
      error.message = Message{"core.storage.refused", {{"detail", said}}};
      return error;
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      error.code = ErrorCode::kUnavailable;
      error.message = Message{"core.storage.unavailable"};
      return error;
    default:
      error.code = ErrorCode::kInternal;
      error.message = Message{"core.storage.internal"};
      return error;
  }
}

}  // namespace

// SQLite counts every allocation under one global mutex unless told not to (SQLITE_CONFIG_MEMSTATUS
// defaults on): with a worker per connection, that mutex was the busiest lock of a read. Set once,
// before the library initialises; when something initialised it first, the setting is refused and
// the counts stay on, which is only slower.
void DisableMemoryStatistics() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// One SQLite connection with its cache of prepared statements.
class PooledConnection {
 public:
  static Result<std::unique_ptr<PooledConnection>> Open(const std::filesystem::path& path,
                                                        bool create) {
    DisableMemoryStatistics();
    sqlite3* handle = nullptr;
    const int flags =
        SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
    auto connection = std::unique_ptr<PooledConnection>(new PooledConnection(handle));
    if (rc != SQLITE_OK) {
      return std::unexpected(
          Translate(handle, rc, fmt::format("opening {}", path.string())).WithContext("open"));
    }
    sqlite3_extended_result_codes(handle, 1);
    // Without the query planner stability guarantee, a statement whose plan could depend on a
    // bound value (`LIKE ?`, the directory's search) is compiled again at every execution: a
    // profile of the directory page showed 29 % of its time in sqlite3Reprepare. With it, the
    // cached statement is reused as prepared.
    (void)sqlite3_db_config(handle, SQLITE_DBCONFIG_ENABLE_QPSG, 1, nullptr);
    ENSEMBLE_TRY_STATUS(connection->Exec(
        "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;"
        "PRAGMA synchronous = FULL;"));
    return connection;
  }

  ~PooledConnection() {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close_v2(db_);
  }

  sqlite3* handle() const { return db_; }

  Status Exec(const std::string& script) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) return std::unexpected(Translate(db_, rc, "running a script"));
    return Ok();
  }

  Result<std::vector<Row>> Run(std::string_view sql, std::span<const Value> params,
                               std::int64_t* changes) {
    sqlite3_stmt* statement = ENSEMBLE_TRY(Prepare(sql));
    // Reset even when binding fails half-way, so the statement is clean for the next caller.
    struct ResetOnExit {
      sqlite3_stmt* statement;
      ~ResetOnExit() {
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
      }
    } reset{statement};
    ENSEMBLE_TRY_STATUS(Bind(statement, params));
    std::vector<Row> rows;
    while (true) {
      const int rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return std::unexpected(Translate(db_, rc, std::string(sql)));
      rows.push_back(ReadRow(statement));
    }
    if (changes != nullptr) *changes = sqlite3_changes64(db_);
    return rows;
  }

 private:
  explicit PooledConnection(sqlite3* db) : db_(db) {}

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    auto found = statements_.find(sql);
    if (found != statements_.end()) return found->second;
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) return std::unexpected(Translate(db_, rc, std::string(sql)));
    statements_.emplace(std::string(sql), statement);
    return statement;
  }

  Status Bind(sqlite3_stmt* statement, std::span<const Value> params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      const Value& value = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(value)) {
        rc = sqlite3_bind_null(statement, index);
      } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        rc = sqlite3_bind_int64(statement, index, *integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(statement, index, *real);
      } else {
        const auto& text = std::get<std::string>(value);
        rc = sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return std::unexpected(Translate(db_, rc, "binding a parameter"));
    }
    return Ok();
  }

  static Row ReadRow(sqlite3_stmt* statement) {
    const int count = sqlite3_column_count(statement);
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(count));
    for (int column = 0; column < count; ++column) {
      switch (sqlite3_column_type(statement, column)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement, column)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(statement, column));
          break;
        case SQLITE_NULL:
          values.emplace_back(std::monostate{});
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
          const int bytes = sqlite3_column_bytes(statement, column);
          values.emplace_back(std::string(text, static_cast<std::size_t>(bytes)));
        }
      }
    }
    return Row(std::move(values));
  }

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

// One statement an audited read appended, kept for the group commit.
struct PendingLine {
  std::string sql;
  std::vector<Value> params;
};

// The leader/follower group commit of audited reads' lines (sqlite_database.h says why).
class GroupCommitter {
 public:
  // Stores `lines` durably, in one batch with the lines of the requests waiting at the same
  // time; `connection` is the caller's, idle, used to write the batch if the caller leads it.
  Status Store(PooledConnection& connection, const std::vector<PendingLine>& lines) {
    Member self{&lines, std::nullopt};
    std::unique_lock lock(mutex_);
    waiting_.push_back(&self);
    // A member not yet answered is either in a batch some leader is writing, or still waiting,
    // in which case it leads once nobody does: leaders take all that waits and answer each
    // member before they step down.
    done_.wait(lock, [&] { return self.outcome.has_value() || !leading_; });
    if (self.outcome) return *self.outcome;
    leading_ = true;
    std::vector<Member*> batch = std::exchange(waiting_, {});
    lock.unlock();
    const Outcomes outcomes = Write(connection, batch);
    lock.lock();
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->outcome = outcomes.each[i];
    stats_.lines += outcomes.lines;
    stats_.commits += outcomes.committed ? 1 : 0;
    leading_ = false;
    done_.notify_all();
    return *self.outcome;
  }

  GroupCommitStats stats() const {
    std::lock_guard lock(mutex_);
    GroupCommitStats stats = stats_;
    stats.waiting = static_cast<std::int64_t>(waiting_.size());
    return stats;
  }

 private:
  struct Member {
    const std::vector<PendingLine>* lines;
    std::optional<Status> outcome;
  };
  struct Outcomes {
    std::vector<Status> each;  // one per member
    std::int64_t lines = 0;    // stored
    bool committed = false;
  };

  // Each member's lines under a savepoint of their own, so that a line the schema refuses (a
  // trigger, a foreign key) fails its own request and not its neighbours'.
  static Outcomes Write(PooledConnection& connection, const std::vector<Member*>& batch) {
    Outcomes outcomes;
    if (auto began = connection.Exec("BEGIN IMMEDIATE"); !began) {
      outcomes.each.assign(batch.size(), std::unexpected(std::move(began).error().WithContext(
                                             "beginning the audit lines' group commit")));
      return outcomes;
    }
    std::int64_t stored = 0;
    for (const Member* member : batch) {
      outcomes.each.push_back(WriteMember(connection, *member->lines));
      if (outcomes.each.back()) stored += static_cast<std::int64_t>(member->lines->size());
    }
    if (auto committed = connection.Exec("COMMIT"); !committed) {
      (void)connection.Exec("ROLLBACK");
      const Error error =
          Error(committed.error()).WithContext("committing the audit lines' group commit");
      for (Status& each : outcomes.each) {
        if (each) each = std::unexpected(error);
      }
      return outcomes;
    }
    outcomes.lines = stored;
    outcomes.committed = true;
    return outcomes;
  }

  static Status WriteMember(PooledConnection& connection, const std::vector<PendingLine>& lines) {
    ENSEMBLE_TRY_STATUS(connection.Exec("SAVEPOINT audited_read"));
    for (const PendingLine& line : lines) {
      if (auto written = connection.Run(line.sql, line.params, nullptr); !written) {
        (void)connection.Exec("ROLLBACK TO audited_read; RELEASE audited_read");
        return std::unexpected(std::move(written).error().WithContext("storing an audit line"));
      }
    }
    return connection.Exec("RELEASE audited_read");
  }

  mutable std::mutex mutex_;
  std::condition_variable done_;
  std::vector<Member*> waiting_;
  bool leading_ = false;
  GroupCommitStats stats_;
};

namespace {

class SqliteTransaction final : public SqlTransaction {
 public:
  SqliteTransaction(SqliteDatabase& owner, std::unique_ptr<PooledConnection> connection,
                    bool audited_read)
      : owner_(owner), connection_(std::move(connection)), audited_read_(audited_read) {}

  ~SqliteTransaction() override {
    if (!finished_) {
      if (auto rolled_back = connection_->Exec("ROLLBACK"); !rolled_back) {
        spdlog::error("rollback failed: {}", rolled_back.error().context);
      }
    }
    if (audited_read_) (void)connection_->Exec("PRAGMA query_only = 0");
    owner_.Release(std::move(connection_));
  }

  std::string_view Dialect() const override { return "sqlite"; }

  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override {
    return connection_->Run(sql, params, nullptr);
  }

  Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params) override {
    std::int64_t changes = 0;
    ENSEMBLE_TRY(connection_->Run(sql, params, &changes));
    return changes;
  }

  Status Append(std::string_view sql, std::span<const Value> params) override {
    if (!audited_read_) {
      ENSEMBLE_TRY(Execute(sql, params));
      return Ok();
    }
    pending_.push_back({std::string(sql), std::vector<Value>(params.begin(), params.end())});
    return Ok();
  }

  // An audited read ends its read transaction first, so that it holds no snapshot while it
  // waits for its batch, then answers only once its lines are durable.
  Status Commit() override {
    ENSEMBLE_TRY_STATUS(connection_->Exec("COMMIT"));
    finished_ = true;
    if (!audited_read_ || pending_.empty()) return Ok();
    ENSEMBLE_TRY_STATUS(connection_->Exec("PRAGMA query_only = 0"));
    return owner_.group_committer().Store(*connection_, pending_);
  }

 private:
  SqliteDatabase& owner_;
  std::unique_ptr<PooledConnection> connection_;
  bool audited_read_ = false;
  bool finished_ = false;
  std::vector<PendingLine> pending_;
};

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::filesystem::path& path,
                                                             const DatabaseOptions& options) {
  if (!options.create_if_missing && !std::filesystem::exists(path)) {
    return Fail(ErrorCode::kNotFound, Message{"core.storage.no_file", {{"path", path.string()}}},
                "database");
  }
  auto database = std::unique_ptr<SqliteDatabase>(new SqliteDatabase());
  database->path_ = path;
  database->migrations_ = options.migrations;
  const int pool_size = options.pool_size < 1 ? 1 : options.pool_size;
  for (int i = 0; i < pool_size; ++i) {
    auto connection = ENSEMBLE_TRY(PooledConnection::Open(path, options.create_if_missing));
    database->idle_.push_back(std::move(connection));
  }
  return database;
}

SqliteDatabase::SqliteDatabase() : group_committer_(std::make_unique<GroupCommitter>()) {}

SqliteDatabase::~SqliteDatabase() = default;

GroupCommitStats SqliteDatabase::group_commit_stats() const { return group_committer_->stats(); }

std::unique_ptr<PooledConnection> SqliteDatabase::Acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  auto connection = std::move(idle_.back());
  idle_.pop_back();
  return connection;
}

void SqliteDatabase::Release(std::unique_ptr<PooledConnection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

// SQLite has no row-level security: the scope is the use cases' to keep (database.h).
Result<std::unique_ptr<SqlTransaction>> SqliteDatabase::Begin(TransactionMode mode, Scope) {
  auto connection = Acquire();
  const bool audited_read = mode == TransactionMode::kAuditedRead;
  const bool reading =
      audited_read || mode == TransactionMode::kRead || mode == TransactionMode::kSingleRead;
  // An audited read may not write but through Append: query_only refuses any other write, which
  // would otherwise take the write lock in the middle of the read.
  auto began = connection->Exec(audited_read ? "PRAGMA query_only = 1; BEGIN"
                                : reading    ? "BEGIN"
                                             : "BEGIN IMMEDIATE");
  if (!began) {
    if (audited_read) (void)connection->Exec("PRAGMA query_only = 0");
    Release(std::move(connection));
    return std::unexpected(std::move(began).error().WithContext("beginning a transaction"));
  }
  return std::unique_ptr<SqlTransaction>(
      new SqliteTransaction(*this, std::move(connection), audited_read));
}

namespace {

// The bookkeeping table, keyed by (module, version). A database from before modules kept one
// number per migration, all of them the tenancy module's: its rows move over as such.
constexpr const char* kBookkeeping = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  module     TEXT NOT NULL,
  version    INTEGER NOT NULL,
  name       TEXT NOT NULL,
  applied_at INTEGER NOT NULL,
  PRIMARY KEY (module, version)
) STRICT;
)sql";

constexpr const char* kFromNumberedMigrations = R"sql(
ALTER TABLE schema_migrations RENAME TO schema_migrations_numbered;
CREATE TABLE schema_migrations (
  module     TEXT NOT NULL,
  version    INTEGER NOT NULL,
  name       TEXT NOT NULL,
  applied_at INTEGER NOT NULL,
  PRIMARY KEY (module, version)
) STRICT;
INSERT INTO schema_migrations (module, version, name, applied_at)
  SELECT 'tenancy', version, name, applied_at FROM schema_migrations_numbered;
DROP TABLE schema_migrations_numbered;
)sql";

enum class Bookkeeping { kNone, kNumbered, kKeyed };

struct Applied {
  Bookkeeping form = Bookkeeping::kNone;
  std::vector<AppliedMigration> rows;
};

Result<Applied> ReadApplied(SqlTransaction& tx) {
  auto table = ENSEMBLE_TRY(tx.QueryOne(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
      {}));
  Applied applied;
  if (!table || table->Int(0) == 0) return applied;
  auto keyed = ENSEMBLE_TRY(tx.QueryOne(
      "SELECT count(*) FROM pragma_table_info('schema_migrations') WHERE name = 'module'", {}));
  applied.form = keyed && keyed->Int(0) > 0 ? Bookkeeping::kKeyed : Bookkeeping::kNumbered;
  const auto rows = ENSEMBLE_TRY(tx.Query(applied.form == Bookkeeping::kKeyed
                                              ? "SELECT module, version FROM schema_migrations"
                                              : "SELECT 'tenancy', version FROM schema_migrations",
                                          {}));
  for (const Row& row : rows) applied.rows.push_back({row.Text(0), row.Int(1)});
  return applied;
}

}  // namespace

// One row per applied migration in either form of the table: /healthz asks this.
Result<int> SqliteDatabase::SchemaVersion() {
  auto tx = ENSEMBLE_TRY(Begin(TransactionMode::kRead));
  auto table = ENSEMBLE_TRY(tx->QueryOne(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
      {}));
  if (!table || table->Int(0) == 0) return 0;
  auto row = ENSEMBLE_TRY(tx->QueryOne("SELECT count(*) FROM schema_migrations", {}));
  return static_cast<int>(row ? row->Int(0) : 0);
}

int SqliteDatabase::LatestSchemaVersion() const { return CountMigrations(migrations_); }

Status SqliteDatabase::Migrate() {
  const Applied applied = ENSEMBLE_TRY([&]() -> Result<Applied> {
    auto tx = ENSEMBLE_TRY(Begin(TransactionMode::kRead));
    return ReadApplied(*tx);
  }());
  const auto pending = ENSEMBLE_TRY(PendingMigrations(migrations_, applied.rows));
  if (applied.form != Bookkeeping::kKeyed) {
    auto connection = Acquire();
    auto keyed = connection->Exec(fmt::format(
        "BEGIN IMMEDIATE;\n{}\nCOMMIT;",
        applied.form == Bookkeeping::kNumbered ? kFromNumberedMigrations : kBookkeeping));
    if (!keyed) (void)connection->Exec("ROLLBACK");
    Release(std::move(connection));
    if (!keyed) {
      return std::unexpected(std::move(keyed).error().WithContext("keying schema_migrations"));
    }
  }
  for (const PendingMigration& next : pending) {
    const Migration& migration = *next.migration;
    auto connection = Acquire();
    // Each migration and its bookkeeping row commit together or not at all.
    std::string script = fmt::format(
        "BEGIN IMMEDIATE;\n"
        "{}\n"
        "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES ('{}', {}, "
        "'{}', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));\n"
        "COMMIT;",
        migration.sqlite, next.module, migration.version, migration.name);
    auto applied_now = connection->Exec(script);
    if (!applied_now) (void)connection->Exec("ROLLBACK");
    Release(std::move(connection));
    if (!applied_now) {
      return std::unexpected(
          std::move(applied_now)
              .error()
              .WithContext(fmt::format("applying migration {} {} ({})", next.module,
                                       migration.version, migration.name)));
    }
    spdlog::info("applied migration {} {} ({})", next.module, migration.version, migration.name);
  }
  return Ok();
}

Status SqliteDatabase::BackupTo(const std::filesystem::path& target) {
  if (std::filesystem::exists(target)) {
    return Fail(ErrorCode::kAlreadyExists,
                Message{"core.storage.target_exists", {{"path", target.string()}}}, "target");
  }
  sqlite3* destination = nullptr;
  int rc = sqlite3_open_v2(target.c_str(), &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  if (rc != SQLITE_OK) {
    Error error = Translate(destination, rc, "opening the backup file");
    sqlite3_close_v2(destination);
    return std::unexpected(std::move(error));
  }
  auto source = Acquire();
  // One step over all pages holds a read snapshot, so the copy is consistent while writers go on
  // appending to the WAL.
  sqlite3_backup* backup = sqlite3_backup_init(destination, "main", source->handle(), "main");
  if (backup == nullptr) {
    Error error = Translate(destination, sqlite3_errcode(destination), "starting the backup");
    Release(std::move(source));
    sqlite3_close_v2(destination);
    return std::unexpected(std::move(error));
  }
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  Release(std::move(source));
  Status result = Ok();
  if (rc != SQLITE_DONE) result = std::unexpected(Translate(destination, rc, "copying pages"));
  sqlite3_close_v2(destination);
  if (!result) std::filesystem::remove(target);
  return result;
}

}  // namespace ensemble::storage::sqlite
