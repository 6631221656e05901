#include "tests/support/test_database.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

namespace ensemble::test_support {

Result<std::unique_ptr<TestDatabase>> TestDatabase::Create(std::string_view backend,
                                                           bool migrated) {
  auto made = std::unique_ptr<TestDatabase>(new TestDatabase());
  // A fresh directory each time, never one named after the process: a process id comes back,
  // and a database left by a test that was killed would then be opened as if new (CI met it).
  std::string pattern = std::filesystem::temp_directory_path() / "ensemble-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return Fail(ErrorCode::kInternal, fmt::format("cannot make a directory like {}", pattern));
  }
  made->dir_ = pattern;
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
