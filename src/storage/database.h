// The storage interface. Repositories speak portable SQL (positional `?` parameters, RETURNING,
// ON CONFLICT, integers for booleans and instants) through Connection; each backend implements
// Database and translates its own errors into ours. No SQLite or libpq type crosses this header.
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
#include <variant>
#include <vector>

#include "core/error.h"

namespace ensemble::storage {

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
};

enum class TransactionMode { kRead, kWrite };

// A transaction rolls back when destroyed without Commit.
class Transaction : public Connection {
 public:
  virtual Status Commit() = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual std::string_view BackendName() const = 0;
  virtual Result<std::unique_ptr<Transaction>> Begin(TransactionMode mode) = 0;
  // Applies the migrations compiled into the binary that the database has not seen.
  virtual Status Migrate() = 0;
  virtual Result<int> SchemaVersion() = 0;
  virtual int LatestSchemaVersion() const = 0;
  // A consistent copy of the whole database, taken while it keeps serving.
  virtual Status BackupTo(const std::filesystem::path& target) = 0;

  // Runs `work(tx)` in a transaction, committing when it succeeds and rolling back otherwise.
  template <typename Work>
  auto InTransaction(TransactionMode mode, Work&& work)
      -> decltype(work(std::declval<Transaction&>())) {
    auto tx = Begin(mode);
    if (!tx) return std::unexpected(std::move(tx).error());
    auto result = work(**tx);
    if (!result) return result;
    if (auto committed = (*tx)->Commit(); !committed) return std::unexpected(committed.error());
    return result;
  }
};

struct DatabaseOptions {
  std::string url;  // a file path (SQLite) or postgresql://user@host/database
  int pool_size = 4;
  bool create_if_missing = true;
};

// Opens the backend the URL names. Migrations are not applied here.
Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options);

// The database a URL names, fit for a message or a log: a PostgreSQL password never appears.
std::string DescribeDatabase(const std::string& url);

}  // namespace ensemble::storage
