#include "storage/copy.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <variant>

namespace ensemble::storage {
namespace {

// Rows are read a page at a time, so that a large audit log never sits in memory whole, and
// written a batch per INSERT, so that a row is not a round trip to the server.
constexpr std::int64_t kPageRows = 2000;
constexpr std::size_t kBatchRows = 100;

struct ForeignKey {
  std::string column;
  std::string parent_table;
  std::string parent_column;
};

struct TableShape {
  std::string name;
  std::vector<std::string> columns;
  std::vector<ForeignKey> foreign_keys;
};

// Every value in a form that reads the same from either backend: type tag, then the value.
void AppendCanonical(std::string& out, const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    out += "n;";
  } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    out += fmt::format("i{};", *integer);
  } else if (const auto* real = std::get_if<double>(&value)) {
    out += fmt::format("d{:.17g};", *real);
  } else {
    const auto& text = std::get<std::string>(value);
    out += fmt::format("s{}:", text.size());
    out += text;
  }
}

std::uint64_t Fnv1a(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::vector<Value> ValuesOf(const Row& row) {
  std::vector<Value> values;
  values.reserve(row.size());
  for (std::size_t i = 0; i < row.size(); ++i) values.push_back(row.At(i));
  return values;
}

std::string ColumnList(const TableShape& table) {
  std::string columns;
  for (const auto& column : table.columns) columns += (columns.empty() ? "" : ", ") + column;
  return columns;
}

using PageHandler = std::function<Status(std::vector<Row>& page)>;

// Hands every row of the table to `handle`, a page at a time, inside the caller's transaction:
// SQLite pages by rowid, PostgreSQL reads through a cursor. Rows come in storage order.
Status ForEachPage(Connection& db, const TableShape& table, const PageHandler& handle) {
  const std::string columns = ColumnList(table);
  if (db.Dialect() == "sqlite") {
    // The rowid goes last and is dropped before the rows are handed on.
    const std::string sql =
        fmt::format("SELECT {}, rowid FROM {} WHERE rowid > ? ORDER BY rowid LIMIT {}", columns,
                    table.name, kPageRows);
    std::int64_t after = std::numeric_limits<std::int64_t>::min();
    while (true) {
      auto rows = ENSEMBLE_TRY(db.Query(sql, {after}));
      if (rows.empty()) return Ok();
      after = rows.back().Int(table.columns.size());
      std::vector<Row> page;
      page.reserve(rows.size());
      for (const Row& row : rows) {
        auto values = ValuesOf(row);
        values.pop_back();
        page.emplace_back(std::move(values));
      }
      ENSEMBLE_TRY_STATUS(handle(page));
      if (static_cast<std::int64_t>(rows.size()) < kPageRows) return Ok();
    }
  }
  ENSEMBLE_TRY(db.Execute(
      fmt::format("DECLARE copy_rows NO SCROLL CURSOR FOR SELECT {} FROM {}", columns, table.name),
      {}));
  const std::string fetch = fmt::format("FETCH {} FROM copy_rows", kPageRows);
  while (true) {
    auto page = ENSEMBLE_TRY(db.Query(fetch, {}));
    if (page.empty()) break;
    ENSEMBLE_TRY_STATUS(handle(page));
  }
  ENSEMBLE_TRY(db.Execute("CLOSE copy_rows", {}));
  return Ok();
}

// The sum of the rows' hashes: it does not depend on the order rows come back in, which may
// differ between the backends' collations.
Result<std::pair<std::int64_t, std::uint64_t>> CountAndChecksum(Connection& db,
                                                                const TableShape& table) {
  std::int64_t count = 0;
  std::uint64_t checksum = 0;
  std::string canonical;
  ENSEMBLE_TRY_STATUS(ForEachPage(db, table, [&](std::vector<Row>& page) -> Status {
    for (const Row& row : page) {
      canonical.clear();
      for (std::size_t i = 0; i < row.size(); ++i) AppendCanonical(canonical, row.At(i));
      checksum += Fnv1a(canonical);
    }
    count += static_cast<std::int64_t>(page.size());
    return Ok();
  }));
  return std::pair{count, checksum};
}

// The tables of the SQLite source with their columns and foreign keys, leaving out SQLite's
// own tables, the migration ledger (the target has its own) and full-text indexes (virtual
// tables and their shadow tables, rebuilt by the target's own migrations).
Result<std::vector<TableShape>> ReadShapes(Connection& source) {
  const auto tables = ENSEMBLE_TRY(source.Query(
      "SELECT t.name FROM sqlite_schema t WHERE t.type = 'table' "
      "AND t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND t.name <> 'schema_migrations' "
      "AND t.sql NOT LIKE 'CREATE VIRTUAL%' AND NOT EXISTS (SELECT 1 FROM sqlite_schema v "
      "WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL%' AND t.name LIKE v.name || '\\_%' "
      "ESCAPE '\\') ORDER BY t.name",
      {}));
  std::vector<TableShape> shapes;
  for (const Row& table : tables) {
    TableShape shape{table.Text(0), {}, {}};
    for (const Row& column : ENSEMBLE_TRY(
             source.Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {shape.name}))) {
      shape.columns.push_back(column.Text(0));
    }
    for (const Row& key : ENSEMBLE_TRY(source.Query(
             "SELECT \"from\", \"table\", coalesce(\"to\", 'id') FROM pragma_foreign_key_list(?)",
             {shape.name}))) {
      shape.foreign_keys.push_back({key.Text(0), key.Text(1), key.Text(2)});
    }
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

// Parents before children, so that every foreign key finds its row.
Result<std::vector<TableShape>> InDependencyOrder(std::vector<TableShape> shapes) {
  std::vector<TableShape> ordered;
  std::set<std::string> placed;
  while (!shapes.empty()) {
    const auto ready = std::find_if(shapes.begin(), shapes.end(), [&](const TableShape& shape) {
      return std::all_of(
          shape.foreign_keys.begin(), shape.foreign_keys.end(), [&](const ForeignKey& key) {
            return key.parent_table == shape.name || placed.contains(key.parent_table);
          });
    });
    if (ready == shapes.end()) {
      return Internal("the tables' foreign keys form a cycle", "from");
    }
    placed.insert(ready->name);
    ordered.push_back(std::move(*ready));
    shapes.erase(ready);
  }
  return ordered;
}

// Rows of a table that refers to itself (a structure managed by another) go in passes: a row
// waits until the row it names is in.
std::vector<Row> ParentsFirst(const TableShape& table, std::vector<Row> rows) {
  std::vector<std::pair<std::size_t, std::size_t>> self_keys;  // (column, parent column)
  for (const auto& key : table.foreign_keys) {
    if (key.parent_table != table.name) continue;
    const auto index = [&](const std::string& name) {
      return static_cast<std::size_t>(std::find(table.columns.begin(), table.columns.end(), name) -
                                      table.columns.begin());
    };
    self_keys.emplace_back(index(key.column), index(key.parent_column));
  }
  if (self_keys.empty()) return rows;
  std::vector<Row> ordered;
  std::set<std::pair<std::size_t, std::string>> present;  // (parent column, value)
  while (!rows.empty()) {
    const auto before = rows.size();
    std::vector<Row> waiting;
    for (Row& row : rows) {
      const bool ready = std::all_of(self_keys.begin(), self_keys.end(), [&](const auto& key) {
        return row.IsNull(key.first) || present.contains({key.second, row.Text(key.first)});
      });
      if (!ready) {
        waiting.push_back(std::move(row));
        continue;
      }
      for (const auto& key : self_keys) present.insert({key.second, row.Text(key.second)});
      ordered.push_back(std::move(row));
    }
    rows = std::move(waiting);
    // A row naming a missing parent would loop forever; let the database refuse it instead.
    if (rows.size() == before) {
      for (Row& row : rows) ordered.push_back(std::move(row));
      break;
    }
  }
  return ordered;
}

Status RequireEmpty(Connection& target, const std::vector<TableShape>& tables) {
  for (const auto& table : tables) {
    const auto count =
        ENSEMBLE_TRY(target.QueryOne(fmt::format("SELECT count(*) FROM {}", table.name), {}));
    if (count->Int(0) != 0) {
      return Fail(
          ErrorCode::kConflict,
          Message{"core.copy.target_not_empty", {{"table", table.name}, {"rows", count->Int(0)}}},
          "to");
    }
  }
  return Ok();
}

bool RefersToItself(const TableShape& table) {
  return std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                     [&](const ForeignKey& key) { return key.parent_table == table.name; });
}

// Inserts rows `kBatchRows` to a statement (the last statement of a table may hold fewer).
class BatchInserter {
 public:
  BatchInserter(Connection& target, const TableShape& table) : target_(target), table_(table) {}

  Status Add(const Row& row) {
    for (std::size_t i = 0; i < row.size(); ++i) values_.push_back(row.At(i));
    if (++rows_ == kBatchRows) return Flush();
    return Ok();
  }

  Status Flush() {
    if (rows_ == 0) return Ok();
    std::string one_row = "(";
    for (std::size_t i = 0; i < table_.columns.size(); ++i) one_row += i == 0 ? "?" : ", ?";
    one_row += ")";
    std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ", table_.name, ColumnList(table_));
    for (std::size_t i = 0; i < rows_; ++i) sql += (i == 0 ? "" : ", ") + one_row;
    ENSEMBLE_TRY(target_.Execute(sql, std::span<const Value>(values_)));
    values_.clear();
    rows_ = 0;
    return Ok();
  }

 private:
  Connection& target_;
  const TableShape& table_;
  std::vector<Value> values_;
  std::size_t rows_ = 0;
};

Status CopyTable(Connection& source, Connection& target, const TableShape& table,
                 const CopyProgress& progress) {
  const auto counted =
      ENSEMBLE_TRY(source.QueryOne(fmt::format("SELECT count(*) FROM {}", table.name), {}));
  const std::int64_t total = counted ? counted->Int(0) : 0;
  BatchInserter inserter(target, table);
  std::int64_t done = 0;
  const auto insert_page = [&](std::vector<Row>& page) -> Status {
    for (const Row& row : page) ENSEMBLE_TRY_STATUS(inserter.Add(row));
    done += static_cast<std::int64_t>(page.size());
    if (progress) progress(table.name, done, total);
    return Ok();
  };
  if (RefersToItself(table)) {
    // Its rows must be ordered parents first, which needs them all: such tables (structures)
    // are small.
    std::vector<Row> rows;
    ENSEMBLE_TRY_STATUS(ForEachPage(source, table, [&](std::vector<Row>& page) -> Status {
      for (Row& row : page) rows.push_back(std::move(row));
      return Ok();
    }));
    rows = ParentsFirst(table, std::move(rows));
    ENSEMBLE_TRY_STATUS(insert_page(rows));
  } else {
    ENSEMBLE_TRY_STATUS(ForEachPage(source, table, insert_page));
  }
  ENSEMBLE_TRY_STATUS(inserter.Flush());
  if (done == 0 && progress) progress(table.name, 0, 0);
  // Identity columns were given explicit ids: the next generated one must come after them.
  if (done > 0 &&
      std::find(table.columns.begin(), table.columns.end(), "id") != table.columns.end()) {
    ENSEMBLE_TRY(target.Query(
        fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), max(id)) FROM {0} "
                    "WHERE pg_get_serial_sequence('{0}', 'id') IS NOT NULL",
                    table.name),
        {}));
  }
  return Ok();
}

// Every table, in one target transaction: the copy lands whole or not at all.
Status CopyAll(Connection& source, Connection& target, const std::vector<TableShape>& tables,
               const CopyProgress& progress) {
  ENSEMBLE_TRY_STATUS(RequireEmpty(target, tables));
  for (const auto& table : tables) {
    if (auto copied = CopyTable(source, target, table, progress); !copied) {
      return std::unexpected(std::move(copied.error()).WithContext("copying " + table.name));
    }
  }
  return Ok();
}

}  // namespace

Result<std::vector<TableCopy>> CopySqliteToPostgres(Database& source, Database& target,
                                                    const CopyProgress& progress) {
  if (source.BackendName() != "sqlite") {
    return Fail(ErrorCode::kInvalidArgument, "core.copy.source_not_sqlite", "from");
  }
  if (target.BackendName() != "postgresql") {
    return Fail(ErrorCode::kInvalidArgument, "core.copy.target_not_postgres", "to");
  }
  const int source_version = ENSEMBLE_TRY(source.SchemaVersion());
  const int target_version = ENSEMBLE_TRY(target.SchemaVersion());
  if (source_version != target_version) {
    return Fail(ErrorCode::kConflict,
                Message{"core.copy.versions_differ",
                        {{"source", source_version}, {"target", target_version}}},
                "to");
  }
  // The source is read in one snapshot, so that a server still writing to it cannot tear the copy.
  // Every row is copied and checked: the whole database is in scope (database.h).
  auto reading = ENSEMBLE_TRY(source.Begin(TransactionMode::kRead, Scope::WholeDatabase()));
  const auto tables = ENSEMBLE_TRY(InDependencyOrder(ENSEMBLE_TRY(ReadShapes(*reading))));
  ENSEMBLE_TRY_STATUS(target.InSqlTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(),
      [&](SqlTransaction& writing) { return CopyAll(*reading, writing, tables, progress); }));

  auto checking = ENSEMBLE_TRY(target.Begin(TransactionMode::kRead, Scope::WholeDatabase()));
  std::vector<TableCopy> report;
  for (const auto& table : tables) {
    const auto [rows, checksum] = ENSEMBLE_TRY(CountAndChecksum(*reading, table));
    const auto [copied_rows, copied_checksum] = ENSEMBLE_TRY(CountAndChecksum(*checking, table));
    if (rows != copied_rows || checksum != copied_checksum) {
      return Internal(
          fmt::format("table {} differs after the copy: {} rows (checksum {:016x}) in the "
                      "source, {} rows (checksum {:016x}) in the target",
                      table.name, rows, checksum, copied_rows, copied_checksum),
          "to");
    }
    report.push_back({table.name, rows, checksum});
  }
  return report;
}

}  // namespace ensemble::storage
