#include "tests/support/stored.h"

#include "storage/database.h"

namespace ensemble::test_support {

std::int64_t QueryInt(const std::string& url, const std::string& sql) {
  storage::DatabaseOptions options;
  options.url = url;
  options.create_if_missing = false;
  auto db = storage::OpenDatabase(options).value();
  auto tx = db->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
  return tx->QueryOne(sql, {}).value()->Int(0);
}

}  // namespace ensemble::test_support
