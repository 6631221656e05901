#include "tests/support/postgres_scratch.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace ensemble::storage::pgtest {

Result<std::string> ServerUrl() {
  if (const char* url = std::getenv("ENSEMBLE_TEST_POSTGRES_URL"); url != nullptr && *url) {
    return std::string(url);
  }
  const char* file = std::getenv("ENSEMBLE_TEST_POSTGRES_URL_FILE");
  std::string url;
  if (file != nullptr) {
    std::ifstream in(file);
    std::getline(in, url);
  }
  if (url.empty()) {
    return Fail(ErrorCode::kUnavailable,
                "no PostgreSQL server for the tests: run them through ctest (the `postgres` "
                "fixture starts one), or set ENSEMBLE_TEST_POSTGRES_URL");
  }
  return url;
}

std::string WithDatabase(const std::string& url, const std::string& database) {
  // libpq lets a query parameter override the database named in the path.
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "dbname=" + database;
}

Status RunOnServer(const std::string& url, const std::string& sql) {
  PGconn* connection = PQconnectdb(url.c_str());
  std::string failure;
  if (PQstatus(connection) != CONNECTION_OK) {
    failure = PQerrorMessage(connection);
  } else {
    // "database … does not exist, skipping" is expected before each CREATE: keep it off stderr.
    PQsetNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);
    PGresult* result = PQexec(connection, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK && PQresultStatus(result) != PGRES_TUPLES_OK) {
      failure = PQresultErrorMessage(result);
    }
    PQclear(result);
  }
  PQfinish(connection);
  if (failure.empty()) return Ok();
  return Fail(ErrorCode::kUnavailable, fmt::format("{}: {}", sql, failure));
}

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::Create() {
  static int counter = 0;
  const std::string server = ENSEMBLE_TRY(ServerUrl());
  const std::string name = fmt::format("ensemble_test_{}_{}", ::getpid(), counter++);
  // Created by a concurrent test process in between is fine: only "already exists" is ignored.
  ENSEMBLE_TRY_STATUS(RunOnServer(
      server, fmt::format("DO $$ BEGIN CREATE ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS; EXCEPTION "
                          "WHEN duplicate_object OR unique_violation THEN NULL; END $$",
                          kAppRole)));
  ENSEMBLE_TRY_STATUS(
      RunOnServer(server, fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name)));
  ENSEMBLE_TRY_STATUS(RunOnServer(
      server, fmt::format("CREATE DATABASE {} OWNER {} TEMPLATE template0 ENCODING 'UTF8'", name,
                          kAppRole)));
  return std::unique_ptr<ScratchDatabase>(new ScratchDatabase(server, name));
}

// libpq lets a later query parameter override an earlier one, and the path.
ScratchDatabase::ScratchDatabase(std::string server_url, std::string name)
    : server_url_(std::move(server_url)),
      name_(std::move(name)),
      url_(WithDatabase(server_url_, name_) + "&user=" + kAppRole) {}

ScratchDatabase::~ScratchDatabase() {
  // FORCE ends connections a failed test left open, so the drop never waits on them.
  (void)RunOnServer(server_url_, fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name_));
}

}  // namespace ensemble::storage::pgtest
