// A fresh PostgreSQL database per test, on the throw-away cluster that the test run starts
// (tests/support/pg_cluster.sh, the `postgres` CTest fixture), dropped when the test ends, so
// that tests stay independent of each other and of their order. Each belongs to kAppRole, and
// url() connects as that role.
//
// The server is found through ENSEMBLE_TEST_POSTGRES_URL (a URL to a maintenance database, for
// running against a server of your own) or else the file named by
// ENSEMBLE_TEST_POSTGRES_URL_FILE, which the fixture writes.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"

namespace ensemble::storage::pgtest {

// The URL of the maintenance database, or kUnavailable saying how to provide one.
Result<std::string> ServerUrl();

// `url` pointed at another database on the same server.
std::string WithDatabase(const std::string& url, const std::string& database);

// Runs one statement outside any transaction (CREATE DATABASE cannot run inside one).
Status RunOnServer(const std::string& url, const std::string& sql);

// The role the scratch databases belong to and that their URL connects as: like the app's role
// in production, neither a superuser nor BYPASSRLS, so that row-level security applies.
inline constexpr const char* kAppRole = "ensemble_test_app";

class ScratchDatabase {
 public:
  static Result<std::unique_ptr<ScratchDatabase>> Create();
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  ScratchDatabase(std::string server_url, std::string name);

  std::string server_url_;
  std::string name_;
  std::string url_;
};

}  // namespace ensemble::storage::pgtest
