#include "storage/database.h"
#include "storage/sqlite/sqlite_database.h"

namespace ensemble::storage {

Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options) {
  if (options.url.starts_with("postgres://") || options.url.starts_with("postgresql://")) {
    return Fail(ErrorCode::kInvalidArgument,
                "PostgreSQL is not available in this build yet; use a SQLite file path",
                "database");
  }
  std::string path = options.url;
  if (path.starts_with("sqlite://")) path = path.substr(9);
  if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "no database path given", "database");
  auto database = ENSEMBLE_TRY(sqlite::SqliteDatabase::Open(path, options));
  return std::unique_ptr<Database>(std::move(database));
}

}  // namespace ensemble::storage
