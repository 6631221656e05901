// The SQLite migrations compiled into the binary, in version order.
#pragma once

#include <vector>

namespace ensemble::storage::sqlite {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& Migrations();

}  // namespace ensemble::storage::sqlite
