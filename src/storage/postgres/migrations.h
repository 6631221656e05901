// The PostgreSQL migrations compiled into the binary, in version order: the same versions as
// the SQLite ones (storage/sqlite/migrations.cc), ending in the same tables and columns.
#pragma once

#include <vector>

namespace ensemble::storage::postgres {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& Migrations();

}  // namespace ensemble::storage::postgres
