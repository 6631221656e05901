#include "storage/postgres/postgres_database.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <map>
#include <string>
#include <utility>

#include "storage/postgres/placeholders.h"

namespace ensemble::storage::postgres {

namespace {

// Type oids from the server's catalogue (pg_type.dat); they are fixed across versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kTextOid = 25;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;
constexpr Oid kUnknownOid = 0;  // the server infers the type from where the parameter is used

// Advisory lock keys ("ensembl" followed by a number): 01 serialised writers until issue 10
// and stays unused, so that no later lock takes its number; 02 migrations; 03 audit sealers.
constexpr std::int64_t kMigrationLock = 0x656e73656d626c02;

// Writers run side by side in SERIALIZABLE: a use case's check-then-change (a last director, a
// throttling count) is then safe without each naming its row locks, and a transaction the
// server aborts is run again (Database::InSqlTransaction). They wait for row locks as long as
// SQLite's busy timeout.
const std::string kBeginWrite =
    "BEGIN ISOLATION LEVEL SERIALIZABLE; SET LOCAL lock_timeout = '10s'";
const std::string kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ";
// An audited read: one snapshot for its reads, as kRead, and INSERTs of new rows, which in
// REPEATABLE READ conflict with no concurrent transaction.
const std::string kBeginAuditedRead =
    "BEGIN ISOLATION LEVEL REPEATABLE READ; SET LOCAL lock_timeout = '10s'";
// The queue's statements lock (SKIP LOCKED) or guard (WHERE locked_by = …) what they change.
const std::string kBeginQueue =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '10s'";
const std::string kBeginMigration = fmt::format(
    "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock({})", kMigrationLock);

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

std::string FirstLine(std::string_view text) {
  const auto end = text.find('\n');
  return std::string(text.substr(0, end));
}

std::string_view Field(const PGresult* result, int field) {
  const char* value = result != nullptr ? PQresultErrorField(result, field) : nullptr;
  return value != nullptr ? std::string_view(value) : std::string_view();
}

bool IsUnavailableState(std::string_view state) {
  // Connection exceptions (08), insufficient resources (53), operator intervention (57: the
  // server shutting down or our backend terminated), and the conflicts a retry resolves.
  return state.starts_with("08") || state.starts_with("53") || state.starts_with("57") ||
         state == "40001" || state == "40P01" || state == "55P03";
}

StorageFailure KindOf(std::string_view state) {
  if (state == "23505") return StorageFailure::kUniqueViolation;
  if (state == "23503") return StorageFailure::kForeignKeyViolation;
  if (state == "23514") return StorageFailure::kCheckViolation;
  if (state == "23502") return StorageFailure::kNotNullViolation;
  if (state == "40001") return StorageFailure::kSerializationFailure;
  if (state == "40P01") return StorageFailure::kDeadlock;
  if (state == "55P03") return StorageFailure::kLockTimeout;
  return StorageFailure::kOther;
}

// Names the refused rule as SQLite does (error.h). The transaction is aborted by then, so the
// catalogue cannot be asked; the names follow one rule instead: PostgreSQL calls a one-column
// UNIQUE "<table>_<column>_key", which becomes "<table>.<column>", SQLite's words. A primary key
// ("<table>_pkey"), a named unique index or a foreign key keeps the server's name. A UNIQUE over
// several columns is better named in the schema: by default it would read "<table>.<a>_<b>".
std::string ConstraintOf(const PGresult* result, StorageFailure kind) {
  const std::string_view table = Field(result, PG_DIAG_TABLE_NAME);
  if (kind == StorageFailure::kNotNullViolation) {
    const std::string_view column = Field(result, PG_DIAG_COLUMN_NAME);
    return table.empty() || column.empty() ? std::string(column)
                                           : fmt::format("{}.{}", table, column);
  }
  const std::string_view name = Field(result, PG_DIAG_CONSTRAINT_NAME);
  constexpr std::string_view kKey = "_key";
  if (kind == StorageFailure::kUniqueViolation && !table.empty() &&
      name.size() > table.size() + 1 + kKey.size() && name.starts_with(table) &&
      name[table.size()] == '_' && name.ends_with(kKey)) {
    const std::string_view column =
        name.substr(table.size() + 1, name.size() - table.size() - 1 - kKey.size());
    return fmt::format("{}.{}", table, column);
  }
  return std::string(name);
}

// Translates a PostgreSQL failure into our codes, keeping the server's words and SQLSTATE in the
// context. Mirrors the SQLite translation, so a use case sees the same code on both backends.
Error Translate(PGconn* connection, const PGresult* result, std::string_view doing) {
  const std::string_view state = Field(result, PG_DIAG_SQLSTATE);
  std::string said(Field(result, PG_DIAG_MESSAGE_PRIMARY));
  if (said.empty()) said = FirstLine(PQerrorMessage(connection));
  Error error;
  error.context =
      fmt::format("postgresql: {}: {} (SQLSTATE {})", doing, said, state.empty() ? "none" : state);
  error.storage.kind = KindOf(state);
  error.storage.constraint = ConstraintOf(result, error.storage.kind);
  error.storage.sqlstate = std::string(state);
  if (PQstatus(connection) != CONNECTION_OK || IsUnavailableState(state)) {
    error.code = ErrorCode::kUnavailable;
    error.message = Message{"core.storage.unavailable"};
  } else if (state == "23505") {
    error.code = ErrorCode::kAlreadyExists;
    error.message = Message{"core.storage.unique"};
  } else if (state == "23503") {
    error.code = ErrorCode::kConflict;
    error.message = Message{"core.storage.foreign_key"};
  } else if (state == "23514" || state == "23502" || state == "22001" || state == "22003") {
    error.code = ErrorCode::kInvalidArgument;
    error.message = Message{"core.storage.check"};
  } else if (state == "42501") {
    // Row-level security refused a row outside the transaction's scope (migration 4): a use case
    // reached past its own checks, which is a defect, so the log keeps the context.
    error.code = ErrorCode::kPermissionDenied;
    error.message = Message{"core.storage.row_security"};
  } else if (state == "P0001") {
    // RAISE EXCEPTION in our triggers, as SQLite's RAISE(ABORT, …): the schema refused.
    error.code = ErrorCode::kConflict;
    error.message = Message{"core.storage.refused", {{"detail", said}}};
  } else {
    error.code = ErrorCode::kInternal;
    error.message = Message{"core.storage.internal"};
  }
  return error;
}

// Parameters go as text with a declared type, so that the server never guesses an integer to be
// text; strings and NULLs go untyped, for the server to infer from their place in the statement.
Oid TypeOf(const Value& value) {
  if (std::holds_alternative<std::int64_t>(value)) return kInt8Oid;
  if (std::holds_alternative<double>(value)) return kFloat8Oid;
  return kUnknownOid;
}

// One letter per parameter in the statement cache's key: a NULL and a string are both sent
// untyped, but a NULL may end up declared text (see PrepareInferringNulls).
char KeyOf(const Value& value) {
  if (std::holds_alternative<std::int64_t>(value)) return 'i';
  if (std::holds_alternative<double>(value)) return 'd';
  if (std::holds_alternative<std::string>(value)) return 's';
  return 'n';
}

std::optional<std::string> TextOf(const Value& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) return fmt::format("{}", *real);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  return std::nullopt;
}

template <typename Number>
std::optional<Number> Parse(std::string_view text) {
  Number number{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

Value ReadValue(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column) != 0) return std::monostate{};
  const std::string_view text(PQgetvalue(result, row, column),
                              static_cast<std::size_t>(PQgetlength(result, row, column)));
  switch (PQftype(result, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return Parse<std::int64_t>(text).value_or(0);
    case kBoolOid:
      return std::int64_t{text == "t" ? 1 : 0};
    case kFloat4Oid:
    case kFloat8Oid:
      return Parse<double>(text).value_or(0.0);
    case kNumericOid:
      // sum() of a BIGINT column is numeric: whole values read as integers, as SQLite gives.
      if (auto integer = Parse<std::int64_t>(text)) return *integer;
      return Parse<double>(text).value_or(0.0);
    default:
      return std::string(text);
  }
}

// "could not determine data type of parameter $4" names the parameter in every language.
std::optional<std::size_t> IndeterminateParameter(std::string_view message) {
  const auto dollar = message.rfind('$');
  if (dollar == std::string_view::npos) return std::nullopt;
  std::string_view digits = message.substr(dollar + 1);
  std::size_t length = 0;
  while (length < digits.size() && std::isdigit(static_cast<unsigned char>(digits[length]))) {
    ++length;
  }
  const auto number = Parse<std::size_t>(digits.substr(0, length));
  if (!number || *number == 0) return std::nullopt;
  return *number - 1;
}

// Server notices ("relation already exists, skipping") go to the log, not to our stderr.
void LogNotice(void*, const char* message) { spdlog::debug("postgresql: {}", FirstLine(message)); }

}  // namespace

// One libpq connection with its cache of prepared statements, keyed by SQL and parameter types.
class PgConnection {
 public:
  explicit PgConnection(PGconn* connection) : connection_(connection) {}
  ~PgConnection() { PQfinish(connection_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  PGconn* handle() const { return connection_; }
  bool Healthy() const { return PQstatus(connection_) == CONNECTION_OK; }
  bool Idle() const { return PQtransactionStatus(connection_) == PQTRANS_IDLE; }

  // Runs a script of one or more statements without parameters (the simple query protocol).
  Result<PgResult> Exec(const std::string& script, std::string_view doing) {
    PgResult result(PQexec(connection_, script.c_str()));
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return std::unexpected(Translate(connection_, result.get(), doing));
    }
    return result;
  }

  Result<std::vector<Row>> Run(std::string_view sql, std::span<const Value> params,
                               std::int64_t* changes) {
    const std::string* name = ENSEMBLE_TRY(Prepare(sql, params));
    std::vector<std::optional<std::string>> texts;
    std::vector<const char*> values;
    texts.reserve(params.size());
    values.reserve(params.size());
    for (const Value& param : params) {
      texts.push_back(TextOf(param));
      values.push_back(texts.back() ? texts.back()->c_str() : nullptr);
    }
    PgResult result(PQexecPrepared(connection_, name->c_str(), static_cast<int>(values.size()),
                                   values.data(), nullptr, nullptr, 0));
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return std::unexpected(Translate(connection_, result.get(), sql));
    }
    if (changes != nullptr) *changes = Parse<std::int64_t>(PQcmdTuples(result.get())).value_or(0);
    return ReadRows(result.get());
  }

 private:
  // Returns the name of the statement prepared for this SQL and these parameter types.
  Result<const std::string*> Prepare(std::string_view sql, std::span<const Value> params) {
    std::vector<Oid> types;
    std::string key;
    for (const Value& param : params) {
      types.push_back(TypeOf(param));
      key += KeyOf(param);
    }
    key += '|';
    key += sql;
    if (auto found = statements_.find(key); found != statements_.end()) return &found->second;

    const RewrittenSql rewritten = RewritePlaceholders(sql);
    if (static_cast<std::size_t>(rewritten.parameter_count) != params.size()) {
      return Internal(fmt::format("the statement has {} parameters but {} values were given: {}",
                                  rewritten.parameter_count, params.size(), sql));
    }
    std::string name = fmt::format("ensemble_{}", statements_.size() + 1);
    ENSEMBLE_TRY_STATUS(PrepareInferringNulls(name, rewritten.sql, params, types));
    return &statements_.emplace(std::move(key), std::move(name)).first->second;
  }

  // A NULL parameter the server cannot place (`? IS NULL` alone) is declared text and the
  // statement prepared again. Inside a transaction a failed PREPARE would abort it, so the
  // attempt runs under a savepoint; this happens once per statement and connection.
  Status PrepareInferringNulls(const std::string& name, const std::string& sql,
                               std::span<const Value> params, std::vector<Oid>& types) {
    const bool in_transaction = PQtransactionStatus(connection_) == PQTRANS_INTRANS;
    for (std::size_t attempt = 0; attempt <= params.size(); ++attempt) {
      if (in_transaction) ENSEMBLE_TRY(Exec("SAVEPOINT ensemble_prepare", "preparing a statement"));
      PgResult result(PQprepare(connection_, name.c_str(), sql.c_str(),
                                static_cast<int>(types.size()), types.data()));
      const bool prepared = result && PQresultStatus(result.get()) == PGRES_COMMAND_OK;
      Error error;
      if (!prepared) error = Translate(connection_, result.get(), sql);
      if (in_transaction && Healthy()) {
        ENSEMBLE_TRY(Exec(prepared ? "RELEASE SAVEPOINT ensemble_prepare"
                                   : "ROLLBACK TO SAVEPOINT ensemble_prepare; "
                                     "RELEASE SAVEPOINT ensemble_prepare",
                          "preparing a statement"));
      }
      if (prepared) return Ok();
      const auto position =
          Field(result.get(), PG_DIAG_SQLSTATE) == "42P18"
              ? IndeterminateParameter(Field(result.get(), PG_DIAG_MESSAGE_PRIMARY))
              : std::nullopt;
      if (!position || *position >= types.size() || types[*position] != kUnknownOid) {
        return std::unexpected(std::move(error));
      }
      types[*position] = kTextOid;
    }
    return Internal(fmt::format("could not type the parameters of: {}", sql));
  }

  static std::vector<Row> ReadRows(const PGresult* result) {
    const int rows = PQntuples(result);
    const int columns = PQnfields(result);
    std::vector<Row> read;
    read.reserve(static_cast<std::size_t>(rows));
    for (int row = 0; row < rows; ++row) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        values.push_back(ReadValue(result, row, column));
      }
      read.emplace_back(std::move(values));
    }
    return read;
  }

  PGconn* connection_;
  std::map<std::string, std::string, std::less<>> statements_;
};

namespace {

class PgTransaction final : public SqlTransaction {
 public:
  // `autocommit`: no BEGIN was sent (TransactionMode::kSingleRead); each statement stands alone.
  PgTransaction(PostgresDatabase& owner, std::unique_ptr<PgConnection> connection,
                bool autocommit = false)
      : owner_(owner),
        connection_(std::move(connection)),
        finished_(autocommit),
        autocommit_(autocommit) {}

  ~PgTransaction() override {
    if (!connection_) return;  // lost, and no replacement could be had (see Query)
    if (!finished_ && connection_->Healthy()) {
      if (auto rolled_back = connection_->Exec("ROLLBACK", "rolling back"); !rolled_back) {
        spdlog::error("rollback failed: {}", rolled_back.error().context);
      }
    }
    owner_.Release(std::move(connection_));
  }

  using Connection::Execute;
  using Connection::Query;

  std::string_view Dialect() const override { return "postgresql"; }

  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override {
    ENSEMBLE_TRY_STATUS(Usable());
    auto rows = connection_->Run(sql, params, nullptr);
    // A lone read found its pooled connection dropped (the server restarted): nothing ran, so it
    // runs again once on a new connection, as Begin does for a transaction. When no new
    // connection can be had (the server is still away), the transaction is left without one.
    if (!rows && autocommit_ && !connection_->Healthy() && !retried_) {
      retried_ = true;
      spdlog::warn("the connection to PostgreSQL was lost; reconnecting");
      auto replaced = owner_.Replace(std::move(connection_));
      if (!replaced) return std::unexpected(std::move(replaced).error());
      connection_ = std::move(*replaced);
      return connection_->Run(sql, params, nullptr);
    }
    return rows;
  }

  Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params) override {
    ENSEMBLE_TRY_STATUS(Usable());
    std::int64_t changes = 0;
    ENSEMBLE_TRY(connection_->Run(sql, params, &changes));
    return changes;
  }

  // Runs a script of several statements (a migration) inside the transaction.
  Status Script(const std::string& sql, std::string_view doing) {
    ENSEMBLE_TRY(connection_->Exec(sql, doing));
    return Ok();
  }

  Status Commit() override {
    if (autocommit_) return Ok();
    auto result = ENSEMBLE_TRY(connection_->Exec("COMMIT", "committing"));
    finished_ = true;
    // COMMIT of a transaction that an earlier failed statement aborted answers ROLLBACK.
    if (std::string_view(PQcmdStatus(result.get())) != "COMMIT") {
      return Internal("the transaction had failed and was rolled back instead of committed");
    }
    return Ok();
  }

 private:
  Status Usable() const {
    if (connection_) return Ok();
    return Fail(ErrorCode::kUnavailable, "core.storage.unavailable", "database");
  }

  PostgresDatabase& owner_;
  std::unique_ptr<PgConnection> connection_;
  bool finished_ = false;
  bool autocommit_ = false;
  bool retried_ = false;
};

// The password a URL carries, so that no message ever repeats it.
std::string PasswordIn(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    const std::string_view rest = url.substr(scheme + 3);
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
    const auto at = authority.rfind('@');
    if (at != std::string_view::npos) {
      const std::string_view userinfo = authority.substr(0, at);
      const auto colon = userinfo.find(':');
      if (colon != std::string_view::npos) return std::string(userinfo.substr(colon + 1));
    }
  }
  const auto query = url.find("password=");
  if (query == std::string_view::npos) return {};
  const std::string_view value = url.substr(query + 9);
  return std::string(value.substr(0, value.find('&')));
}

std::string Redact(std::string text, std::string_view url) {
  const std::string password = PasswordIn(url);
  if (password.empty()) return text;
  for (auto at = text.find(password); at != std::string::npos; at = text.find(password, at)) {
    text.replace(at, password.size(), "***");
  }
  return text;
}

}  // namespace

Status CheckServerVersion(int version) {
  if (version >= kMinimumServerVersion) return Ok();
  return Fail(ErrorCode::kInvalidArgument,
              Message{"core.storage.postgres_too_old",
                      {{"version", fmt::format("{}.{}", version / 10000, version % 10000)},
                       {"min", kMinimumServerVersion / 10000}}},
              "database");
}

Result<std::string> DescribeTarget(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string said = error != nullptr ? FirstLine(error) : "out of memory";
    PQfreemem(error);
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.storage.bad_postgres_url", {{"detail", Redact(said, url)}}},
                "database");
  }
  std::map<std::string, std::string, std::less<>> set;
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val != nullptr && *option->val != '\0') set[option->keyword] = option->val;
  }
  PQconninfoFree(options);
  const auto get = [&](std::string_view key, std::string_view fallback) {
    auto found = set.find(key);
    return found != set.end() ? found->second : std::string(fallback);
  };
  return fmt::format("database \"{}\" on {} port {} as user \"{}\"",
                     get("dbname", get("user", "(default)")),
                     get("host", get("hostaddr", "the default socket")), get("port", "5432"),
                     get("user", "(the system user)"));
}

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(const DatabaseOptions& options) {
  auto database = std::unique_ptr<PostgresDatabase>(new PostgresDatabase());
  database->target_ = ENSEMBLE_TRY(DescribeTarget(options.url));
  database->url_ = options.url;
  database->migrations_ = options.migrations;
  database->pool_size_ = options.pool_size < 1 ? 1 : options.pool_size;
  auto first = ENSEMBLE_TRY(database->Connect());
  database->idle_.push_back(std::move(first));
  database->open_ = 1;
  return database;
}

PostgresDatabase::~PostgresDatabase() = default;

Result<std::unique_ptr<PgConnection>> PostgresDatabase::Connect() {
  // Keywords before dbname are defaults the URL may override; those after it are ours to fix.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding",
                            nullptr};
  const char* values[] = {"10", "ensemble", url_.c_str(), "UTF8", nullptr};
  auto connection = std::make_unique<PgConnection>(PQconnectdbParams(keywords, values, 1));
  if (connection->handle() == nullptr) {
    return Unavailable("out of memory while connecting to PostgreSQL", "database");
  }
  if (!connection->Healthy()) {
    return Fail(
        ErrorCode::kUnavailable,
        Message{"core.storage.cannot_connect",
                {{"target", Redact(target_, url_)},
                 {"detail", Redact(FirstLine(PQerrorMessage(connection->handle())), url_)}}},
        "database");
  }
  PQsetNoticeProcessor(connection->handle(), LogNotice, nullptr);
  ENSEMBLE_TRY_STATUS(CheckServerVersion(PQserverVersion(connection->handle())));
  return connection;
}

Result<std::unique_ptr<PgConnection>> PostgresDatabase::Acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty() || open_ < pool_size_; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;  // reserve the place while connecting outside the lock
  lock.unlock();
  auto connection = Connect();
  if (!connection) {
    lock.lock();
    --open_;
    available_.notify_one();
  }
  return connection;
}

void PostgresDatabase::Release(std::unique_ptr<PgConnection> connection) {
  std::lock_guard lock(mutex_);
  if (connection->Healthy() && connection->Idle()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
    // A connection the server dropped usually means the server restarted or failed over: the
    // idle ones are gone too, and are replaced on demand rather than each failing a request.
    if (!connection->Healthy()) {
      open_ -= static_cast<int>(idle_.size());
      idle_.clear();
    }
  }
  available_.notify_all();
}

// The scope travels in two transaction-local settings that the row-level security policies read
// (migration 4); they end with the transaction, so a pooled connection carries nothing over.
// One round trip with BEGIN: the values are ours (a keyword, an integer), never a person's text.
Result<std::unique_ptr<PgConnection>> PostgresDatabase::Replace(
    std::unique_ptr<PgConnection> broken) {
  Release(std::move(broken));
  return Acquire();
}

Result<std::unique_ptr<SqlTransaction>> PostgresDatabase::Begin(TransactionMode mode, Scope scope) {
  if (mode == TransactionMode::kSingleRead) {
    // Without a transaction there is nowhere to state a scope: only Nobody may go this way.
    if (scope.IsWholeDatabase() || scope.Structure() || scope.Person() || scope.IsPlatform()) {
      return Internal("a single-statement read carries no scope");
    }
    auto connection = ENSEMBLE_TRY(Acquire());
    return std::unique_ptr<SqlTransaction>(
        new PgTransaction(*this, std::move(connection), /*autocommit=*/true));
  }
  const std::string& begin = mode == TransactionMode::kWrite         ? kBeginWrite
                             : mode == TransactionMode::kAuditedRead ? kBeginAuditedRead
                             : mode == TransactionMode::kQueue       ? kBeginQueue
                                                                     : kBeginRead;
  if (scope.IsWholeDatabase()) {
    return BeginWith(begin + "; SET LOCAL ensemble.reach = 'whole_database'");
  }
  if (const auto structure = scope.Structure()) {
    return BeginWith(
        fmt::format("{}; SET LOCAL ensemble.acting_structure = '{}'", begin, *structure));
  }
  if (const auto person = scope.Person()) {
    return BeginWith(fmt::format("{}; SET LOCAL ensemble.person = '{}'", begin, *person));
  }
  if (scope.IsPlatform()) return BeginWith(begin + "; SET LOCAL ensemble.reach = 'platform'");
  return BeginWith(begin);
}

Result<std::unique_ptr<SqlTransaction>> PostgresDatabase::BeginWith(const std::string& begin) {
  // Nothing has run yet, so a connection found dropped here is replaced and BEGIN tried again.
  for (int attempt = 0;; ++attempt) {
    auto connection = ENSEMBLE_TRY(Acquire());
    auto began = connection->Exec(begin, "beginning a transaction");
    if (began) {
      return std::unique_ptr<SqlTransaction>(new PgTransaction(*this, std::move(connection)));
    }
    const bool dropped = !connection->Healthy();
    Release(std::move(connection));
    if (!dropped || attempt > 0) {
      return std::unexpected(std::move(began).error().WithContext(target_));
    }
    spdlog::warn("the connection to PostgreSQL was lost ({}); reconnecting", target_);
  }
}

namespace {

// The rows of schema_migrations, keyed by (module, version); a database from before modules
// kept one number per migration, all of them the tenancy module's.
Result<std::vector<AppliedMigration>> ReadApplied(SqlTransaction& tx) {
  std::vector<AppliedMigration> applied;
  auto table = ENSEMBLE_TRY(tx.QueryOne("SELECT to_regclass('schema_migrations') IS NOT NULL", {}));
  if (!table || table->Int(0) == 0) return applied;
  auto keyed = ENSEMBLE_TRY(
      tx.QueryOne("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                  "current_schema() AND table_name = 'schema_migrations' AND column_name = "
                  "'module'",
                  {}));
  const bool by_module = keyed && keyed->Int(0) > 0;
  const auto rows =
      ENSEMBLE_TRY(tx.Query(by_module ? "SELECT module, version FROM schema_migrations"
                                      : "SELECT 'tenancy', version FROM schema_migrations",
                            {}));
  for (const Row& row : rows) applied.push_back({row.Text(0), row.Int(1)});
  return applied;
}

constexpr const char* kBookkeeping = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  module     TEXT NOT NULL,
  version    BIGINT NOT NULL,
  name       TEXT NOT NULL,
  applied_at BIGINT NOT NULL,
  PRIMARY KEY (module, version)
);
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                 AND table_name = 'schema_migrations' AND column_name = 'module') THEN
    ALTER TABLE schema_migrations RENAME TO schema_migrations_numbered;
    ALTER TABLE schema_migrations_numbered DROP CONSTRAINT schema_migrations_pkey;
    CREATE TABLE schema_migrations (
      module     TEXT NOT NULL,
      version    BIGINT NOT NULL,
      name       TEXT NOT NULL,
      applied_at BIGINT NOT NULL,
      PRIMARY KEY (module, version)
    );
    INSERT INTO schema_migrations (module, version, name, applied_at)
      SELECT 'tenancy', version, name, applied_at FROM schema_migrations_numbered;
    DROP TABLE schema_migrations_numbered;
  END IF;
END $$;
)sql";

}  // namespace

// One row per applied migration in either form of the table: /healthz asks this, so it costs
// two statements and no catalogue view.
Result<int> PostgresDatabase::SchemaVersion() {
  auto tx = ENSEMBLE_TRY(Begin(TransactionMode::kRead));
  auto table =
      ENSEMBLE_TRY(tx->QueryOne("SELECT to_regclass('schema_migrations') IS NOT NULL", {}));
  if (!table || table->Int(0) == 0) return 0;
  auto row = ENSEMBLE_TRY(tx->QueryOne("SELECT count(*) FROM schema_migrations", {}));
  return static_cast<int>(row ? row->Int(0) : 0);
}

int PostgresDatabase::LatestSchemaVersion() const { return CountMigrations(migrations_); }

Status PostgresDatabase::Migrate() {
  for (bool done = false; !done;) ENSEMBLE_TRY_STATUS(MigrateOnce(done));
  return Ok();
}

// Applies the next migration, or sets `done`. Its DDL and its bookkeeping row commit together
// (PostgreSQL's DDL is transactional), and the advisory lock makes a second server starting at
// the same moment wait, then find the work done. READ COMMITTED, so that the rows read after
// the lock is granted include what the other server committed while we waited.
Status PostgresDatabase::MigrateOnce(bool& done) {
  auto began = ENSEMBLE_TRY(BeginWith(kBeginMigration));
  auto& tx = static_cast<PgTransaction&>(*began);
  ENSEMBLE_TRY_STATUS(tx.Script(kBookkeeping, "keying schema_migrations"));
  const auto applied = ENSEMBLE_TRY(ReadApplied(tx));
  const auto pending = ENSEMBLE_TRY(PendingMigrations(migrations_, applied));
  if (pending.empty()) {
    done = true;
    return tx.Commit();
  }
  const PendingMigration& next = pending.front();
  const auto run = [&]() -> Status {
    ENSEMBLE_TRY_STATUS(tx.Script(std::string(next.migration->postgres), "running the migration"));
    ENSEMBLE_TRY(tx.Execute(
        "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, "
        "(extract(epoch FROM clock_timestamp()) * 1000)::BIGINT)",
        {std::string(next.module), std::int64_t{next.migration->version},
         std::string(next.migration->name)}));
    return tx.Commit();
  }();
  if (!run) {
    return std::unexpected(
        Error(run.error())
            .WithContext(fmt::format("applying migration {} {} ({})", next.module,
                                     next.migration->version, next.migration->name)));
  }
  spdlog::info("applied migration {} {} ({})", next.module, next.migration->version,
               next.migration->name);
  return Ok();
}

Status PostgresDatabase::BackupTo(const std::filesystem::path&) {
  return Fail(ErrorCode::kInvalidArgument, "core.storage.use_pg_dump", "target");
}

}  // namespace ensemble::storage::postgres
