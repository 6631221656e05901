// A migrated database on a named backend for one test: a SQLite file in a fresh temporary folder,
// or a scratch PostgreSQL database on the test run's cluster (postgres_scratch.h). Destroying it
// closes the database, then removes the folder and drops the scratch database.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "storage/database.h"
#include "tests/support/postgres_scratch.h"

namespace ensemble::test_support {

class TestDatabase {
 public:
  // `backend` is "sqlite" or "postgresql"; `migrated`: false leaves the database empty.
  static Result<std::unique_ptr<TestDatabase>> Create(std::string_view backend,
                                                      bool migrated = true);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  storage::Database& db() { return *db_; }
  // Opens a second handle on the same database, as another server would.
  Result<std::unique_ptr<storage::Database>> OpenAgain(int pool_size = 4) const;
  const std::string& url() const { return url_; }
  // A folder of the test's own, for other files (backups, SQLite's database file).
  const std::filesystem::path& dir() const { return dir_; }

 private:
  TestDatabase() = default;

  std::filesystem::path dir_;
  std::unique_ptr<storage::pgtest::ScratchDatabase> scratch_;  // first: dropped after db_ closes
  std::string url_;
  std::unique_ptr<storage::Database> db_;
};

// ENSEMBLE_TEST_BACKEND, for suites that CTest registers once per backend; "sqlite" if unset.
std::string BackendFromEnvironment();

}  // namespace ensemble::test_support
