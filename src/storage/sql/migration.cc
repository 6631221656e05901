#include "storage/sql/migration.h"

#include <fmt/format.h>

#include <algorithm>

namespace ensemble::storage {

Result<std::vector<PendingMigration>> PendingMigrations(
    const std::vector<ModuleMigrations>& known, const std::vector<AppliedMigration>& applied) {
  const auto is_known = [&](const AppliedMigration& row) {
    return std::ranges::any_of(known, [&](const ModuleMigrations& module) {
      return module.module == row.module &&
             std::ranges::any_of(module.migrations,
                                 [&](const Migration& m) { return m.version == row.version; });
    });
  };
  for (const AppliedMigration& row : applied) {
    if (!is_known(row)) {
      return Fail(ErrorCode::kConflict,
                  Message{"core.storage.newer_migration",
                          {{"version", row.version}, {"module", row.module}}},
                  "database");
    }
  }
  std::vector<PendingMigration> pending;
  for (const ModuleMigrations& module : known) {
    for (const Migration& migration : module.migrations) {
      const bool done = std::ranges::any_of(applied, [&](const AppliedMigration& row) {
        return row.module == module.module && row.version == migration.version;
      });
      if (!done) pending.push_back({module.module, &migration});
    }
  }
  return pending;
}

int CountMigrations(const std::vector<ModuleMigrations>& known) {
  int count = 0;
  for (const ModuleMigrations& module : known) count += static_cast<int>(module.migrations.size());
  return count;
}

}  // namespace ensemble::storage
