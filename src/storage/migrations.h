// The storage layer's registry of migrations: every module's, in the order they are applied.
#pragma once

#include <vector>

#include "storage/sql/migration.h"

namespace ensemble::storage {

const std::vector<ModuleMigrations>& AllMigrations();

}  // namespace ensemble::storage
