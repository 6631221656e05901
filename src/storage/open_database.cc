#include "storage/database.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace ensemble::storage {

Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options) {
  if (options.url.starts_with("postgres://") || options.url.starts_with("postgresql://")) {
    auto database = ENSEMBLE_TRY(postgres::PostgresDatabase::Open(options));
    return std::unique_ptr<Database>(std::move(database));
  }
  std::string path = options.url;
  if (path.starts_with("sqlite://")) path = path.substr(9);
  if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "no database path given", "database");
  auto database = ENSEMBLE_TRY(sqlite::SqliteDatabase::Open(path, options));
  return std::unique_ptr<Database>(std::move(database));
}

std::string DescribeDatabase(const std::string& url) {
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    return postgres::DescribeTarget(url).value_or("a PostgreSQL database (unreadable URL)");
  }
  return url;
}

}  // namespace ensemble::storage
