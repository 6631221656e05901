// Schema migrations, keyed by (module, version). Each module keeps the SQL of each dialect in
// src/storage/<module>/migrations/NNNN_<name>.{sqlite,pg}.sql, embedded at build
// (cmake/embed_migrations.cmake); storage/migrations.cc lists the modules in the order they are
// applied (a module may refer to the tables of the modules before it). A released migration is
// never edited: add the next one.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ensemble::storage {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sqlite;
  std::string_view postgres;
};

struct ModuleMigrations {
  std::string_view module;
  std::span<const Migration> migrations;
};

// A row of schema_migrations.
struct AppliedMigration {
  std::string module;
  std::int64_t version = 0;
};

struct PendingMigration {
  std::string_view module;
  const Migration* migration = nullptr;
};

// What remains to apply, in order; kConflict (field "database") when the database holds a
// migration this program does not know: it was written by a newer one.
Result<std::vector<PendingMigration>> PendingMigrations(
    const std::vector<ModuleMigrations>& known, const std::vector<AppliedMigration>& applied);

// How many migrations the program knows: the schema version a migrated database reports.
int CountMigrations(const std::vector<ModuleMigrations>& known);

}  // namespace ensemble::storage
