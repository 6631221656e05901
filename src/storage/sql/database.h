// The SQL interface under the stores. Repositories speak portable SQL (positional `?` parameters,
// RETURNING, ON CONFLICT, integers for booleans and instants) through Connection; each backend
// implements Database and translates its own errors into ours. No SQLite or libpq type crosses this
// header.
//
// Thread-safety: a Database is shared by all server threads; a Transaction belongs to the one
// thread that began it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.h"
#include "storage/sql/migration.h"

namespace ensemble::storage {

class Transaction;  // storage/database.h

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

// Helpers to build parameter lists from optional values.
Value Nullable(const std::optional<std::int64_t>& value);
Value Nullable(const std::optional<std::string>& value);

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  bool IsNull(std::size_t column) const;
  std::int64_t Int(std::size_t column) const;  // NULL reads as 0
  double Real(std::size_t column) const;
  std::string Text(std::size_t column) const;  // NULL reads as ""
  std::optional<std::int64_t> OptionalInt(std::size_t column) const;
  std::optional<std::string> OptionalText(std::size_t column) const;
  const Value& At(std::size_t column) const { return values_.at(column); }
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<Value> values_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement and returns every row it yields (statements are prepared and cached).
  virtual Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) = 0;
  // Runs one statement and returns the number of rows it changed.
  virtual Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params) = 0;
  // The SQL dialect behind the connection, the same name as Database::BackendName ("sqlite",
  // "postgresql"), for the rare statement that portable SQL cannot say (row locks for a queue).
  virtual std::string_view Dialect() const = 0;
  // Runs an INSERT that only adds a row nobody reads back in the same transaction (an audit
  // line). An audited read on SQLite (TransactionMode::kAuditedRead) keeps it for the group
  // commit at its end; everywhere else it runs at once, as Execute.
  virtual Status Append(std::string_view sql, std::span<const Value> params) {
    ENSEMBLE_TRY(Execute(sql, params));
    return Ok();
  }

  // Conveniences over Query.
  Result<std::optional<Row>> QueryOne(std::string_view sql, std::span<const Value> params);
  Result<std::vector<Row>> Query(std::string_view sql, std::initializer_list<Value> params) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  Result<std::int64_t> Execute(std::string_view sql, std::initializer_list<Value> params) {
    return Execute(sql, std::span<const Value>(params.begin(), params.size()));
  }
  Result<std::optional<Row>> QueryOne(std::string_view sql, std::initializer_list<Value> params) {
    return QueryOne(sql, std::span<const Value>(params.begin(), params.size()));
  }
  Status Append(std::string_view sql, std::initializer_list<Value> params) {
    return Append(sql, std::span<const Value>(params.begin(), params.size()));
  }
};

// kWrite transactions may check and then change without racing another writer. On SQLite they
// are serialised (BEGIN IMMEDIATE, one writer at a time); on PostgreSQL they run side by side
// in SERIALIZABLE, and one that the server aborts on a serialisation failure or a deadlock is run
// again from the start by Database::InTransaction (so its work must have no effect outside the
// transaction), and answered kConflict when the attempts run out.
//
// kAuditedRead is a read whose only writes are its audit lines (Connection::Append): a staff
// list, a personnel file, the audit log. It takes no writer lock. On SQLite it reads in a
// deferred transaction that may not write (query_only), and its lines are stored at Commit by
// the group committer, together with the lines of the other audited reads waiting then, in one
// durable write transaction; Commit returns once they are on disk, or with the error of their
// batch. On PostgreSQL it is one REPEATABLE READ transaction with its INSERTs (lines are sealed
// into their chain later, in any commit order: storage/audit/audit_chain.h).
//
// kQueue is for statements that lock or guard the rows they change themselves: the job queue
// (job_repository.h) and the audit sealer (its own advisory lock). On PostgreSQL it runs in
// READ COMMITTED, so servers claim jobs side by side (FOR UPDATE SKIP LOCKED) and a statement
// after a lock sees what the lock's previous holder committed; it is never retried. On SQLite it
// is a kWrite.
//
// kSingleRead is for a read of one statement that reaches no confidential row (Scope::Nobody):
// on PostgreSQL it runs without BEGIN and COMMIT, a statement being its own snapshot, so it costs
// one round trip instead of three; a second statement would see a later snapshot. On SQLite it
// is a kRead.
enum class TransactionMode { kRead, kWrite, kAuditedRead, kQueue, kSingleRead };

// How many times a transaction runs before a serialisation failure or deadlock is answered
// kConflict (Database::InSqlTransaction).
inline constexpr int kTransactionAttempts = 8;

// Whether a transaction of `mode` that failed with `error` is run again: the server rolled it
// back whole for a serialisation failure or a deadlock. kQueue transactions never are.
bool IsRetryable(TransactionMode mode, const Error& error);
// Sleeps before attempt `attempt` + 1: exponential, capped, with full jitter, so that the
// transactions that collided do not collide again in step.
void BackOffBeforeRetry(int attempt);
// The answer once the attempts ran out: kConflict, keeping the last failure's cause.
Error ConflictAfterRetries(Error last);

// Whose confidential rows (personnel files, audit lines, jobs: rows that belong to one structure
// and that only it reads) a transaction may reach. The use cases scope every query themselves;
// this is the second wall behind them. PostgreSQL enforces it with row-level security, so that
// a query that forgot its WHERE clause still reaches nothing of another structure. SQLite has no
// such mechanism, serves one collective in one process, and ignores it.
class Scope {
 public:
  // The default: no confidential row is visible, none may be written.
  static Scope Nobody() { return Scope(Reach::kNobody, 0); }
  // A person acting for one structure: its own rows only.
  static Scope ActingFor(std::int64_t structure) { return Scope(Reach::kStructure, structure); }
  // Every row: migrations, `ensemble copy`, loading the demo network, administration from the
  // command line, the job runner, and the storage tests. Never for a request's transaction.
  static Scope WholeDatabase() { return Scope(Reach::kWholeDatabase, 0); }
  // The audit lines that no structure owns (sign-ins, sign-outs, password changes) about one
  // person: her account page. No structure's rows.
  static Scope OwnPlatformLines(std::int64_t person) { return Scope(Reach::kPerson, person); }
  // Every audit line that no structure owns: the platform administrator's view of sign-ins.
  // No structure's rows.
  static Scope Platform() { return Scope(Reach::kPlatform, 0); }

  bool IsWholeDatabase() const { return reach_ == Reach::kWholeDatabase; }
  bool IsPlatform() const { return reach_ == Reach::kPlatform; }
  // The acting structure, when the scope is one.
  std::optional<std::int64_t> Structure() const {
    return reach_ == Reach::kStructure ? std::optional(id_) : std::nullopt;
  }
  // The person whose own platform lines the scope reaches, when it is one.
  std::optional<std::int64_t> Person() const {
    return reach_ == Reach::kPerson ? std::optional(id_) : std::nullopt;
  }

 private:
  enum class Reach { kNobody, kStructure, kWholeDatabase, kPerson, kPlatform };
  Scope(Reach reach, std::int64_t id) : reach_(reach), id_(id) {}
  Reach reach_;
  std::int64_t id_;  // the structure or the person
};

// A transaction rolls back when destroyed without Commit. Only storage/ sees one: use cases get a
// storage::Transaction (storage/database.h), which offers their module's store and no SQL.
class SqlTransaction : public Connection {
 public:
  virtual Status Commit() = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual std::string_view BackendName() const = 0;
  virtual Result<std::unique_ptr<SqlTransaction>> Begin(TransactionMode mode, Scope scope) = 0;
  // A transaction that reaches no confidential row (sessions, the directory, sign-in).
  Result<std::unique_ptr<SqlTransaction>> Begin(TransactionMode mode) {
    return Begin(mode, Scope::Nobody());
  }
  // Applies the migrations compiled into the binary that the database has not seen.
  virtual Status Migrate() = 0;
  virtual Result<int> SchemaVersion() = 0;
  virtual int LatestSchemaVersion() const = 0;
  // A consistent copy of the whole database, taken while it keeps serving.
  virtual Status BackupTo(const std::filesystem::path& target) = 0;

  // Runs `work(tx)` in a transaction, committing when it succeeds and rolling back otherwise.
  // `tx` is the typed storage::Transaction (defined in storage/database.h, which callers include).
  template <typename Work>
  auto InTransaction(TransactionMode mode, Scope scope, Work&& work)
      -> decltype(work(std::declval<Transaction&>()));
  template <typename Work>
  auto InTransaction(TransactionMode mode, Work&& work)
      -> decltype(work(std::declval<Transaction&>())) {
    return InTransaction(mode, Scope::Nobody(), std::forward<Work>(work));
  }
  // The same over the raw SQL transaction: for storage/ itself (copies, migrations) and tests.
  // A transaction the server rolled back for a serialisation failure or a deadlock runs again
  // (IsRetryable), up to kTransactionAttempts times.
  template <typename Work>
  auto InSqlTransaction(TransactionMode mode, Scope scope, Work&& work)
      -> decltype(work(std::declval<SqlTransaction&>())) {
    for (int attempt = 1;; ++attempt) {
      auto result = AttemptSqlTransaction(mode, scope, work);
      if (result || !IsRetryable(mode, result.error())) return result;
      if (attempt == kTransactionAttempts) {
        return std::unexpected(ConflictAfterRetries(std::move(result).error()));
      }
      BackOffBeforeRetry(attempt);
    }
  }

 private:
  template <typename Work>
  auto AttemptSqlTransaction(TransactionMode mode, Scope scope, Work& work)
      -> decltype(work(std::declval<SqlTransaction&>())) {
    auto tx = Begin(mode, scope);
    if (!tx) return std::unexpected(std::move(tx).error());
    auto result = work(**tx);
    if (!result) return result;
    if (auto committed = (*tx)->Commit(); !committed) return std::unexpected(committed.error());
    return result;
  }
};

struct DatabaseOptions {
  std::string url;  // a file path (SQLite) or postgresql://user@host/database
  // A server opens one per worker and one for the job runner (cli/pool_sizes.h), so that a
  // worker never waits for a connection another holds.
  int pool_size = 8;
  bool create_if_missing = true;
  // The migrations Migrate applies; OpenDatabase fills in every module's (storage/migrations.h).
  std::vector<ModuleMigrations> migrations{};
};

// Opens the backend the URL names. Migrations are not applied here.
Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options);

// Whether a URL names a PostgreSQL database (postgresql:// or postgres://) rather than a file.
bool IsPostgresUrl(std::string_view url);

// Refuses to serve from PostgreSQL as a role that skips row-level security (a superuser or a
// BYPASSRLS role): the second wall of confidentiality would silently be down. Ok on SQLite.
Status RequireRowSecurity(Database& database);

// The database a URL names, fit for a message or a log: a PostgreSQL password never appears.
std::string DescribeDatabase(const std::string& url);

}  // namespace ensemble::storage
