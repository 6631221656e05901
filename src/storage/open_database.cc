#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace ensemble::storage {

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgres://") || url.starts_with("postgresql://");
}

Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& given) {
  DatabaseOptions options = given;
  if (options.migrations.empty()) options.migrations = AllMigrations();
  if (IsPostgresUrl(options.url)) {
    auto database = ENSEMBLE_TRY(postgres::PostgresDatabase::Open(options));
    return std::unique_ptr<Database>(std::move(database));
  }
  std::string path = options.url;
  if (path.starts_with("sqlite://")) path = path.substr(9);
  if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "core.storage.no_path", "database");
  auto database = ENSEMBLE_TRY(sqlite::SqliteDatabase::Open(path, options));
  return std::unique_ptr<Database>(std::move(database));
}

std::string DescribeDatabase(const std::string& url) {
  if (IsPostgresUrl(url)) {
    return postgres::DescribeTarget(url).value_or("a PostgreSQL database (unreadable URL)");
  }
  return url;
}

Status RequireRowSecurity(Database& database) {
  if (database.BackendName() != "postgresql") return Ok();
  auto tx = ENSEMBLE_TRY(database.Begin(TransactionMode::kRead));
  const auto role = ENSEMBLE_TRY(tx->QueryOne(
      "SELECT current_user, (rolsuper OR rolbypassrls)::INT FROM pg_roles WHERE rolname = "
      "current_user",
      {}));
  if (role && role->Int(1) != 0) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.storage.superuser_role", {{"role", role->Text(0)}}}, "database");
  }
  return Ok();
}

}  // namespace ensemble::storage
