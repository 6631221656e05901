#include "tests/support/test_database.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

namespace ensemble::test_support {

Result<std::unique_ptr<TestDatabase>> TestDatabase::Create(std::string_view backend,
                                                           bool migrated) {
  static int counter = 0;
  auto made = std::unique_ptr<TestDatabase>(new TestDatabase());
  made->dir_ = std::filesystem::temp_directory_path() /
               fmt::format("ensemble-test-{}-{}", ::getpid(), counter++);
  std::filesystem::create_directories(made->dir_);
  if (backend == "postgresql") {
    made->scratch_ = ENSEMBLE_TRY(storage::pgtest::ScratchDatabase::Create());
    made->url_ = made->scratch_->url();
  } else if (backend == "sqlite") {
    made->url_ = (made->dir_ / "test.db").string();
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("unknown test backend \"{}\": sqlite or postgresql", backend));
  }
  made->db_ = ENSEMBLE_TRY(made->OpenAgain());
  if (migrated) ENSEMBLE_TRY_STATUS(made->db_->Migrate());
  return made;
}

TestDatabase::~TestDatabase() {
  db_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

Result<std::unique_ptr<storage::Database>> TestDatabase::OpenAgain(int pool_size) const {
  storage::DatabaseOptions options;
  options.url = url_;
  options.pool_size = pool_size;
  return storage::OpenDatabase(options);
}

std::string BackendFromEnvironment() {
  const char* backend = std::getenv("ENSEMBLE_TEST_BACKEND");
  return backend != nullptr && *backend != '\0' ? std::string(backend) : "sqlite";
}

}  // namespace ensemble::test_support
