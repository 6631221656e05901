// A real Ensemble server on 127.0.0.1 (port 0) over a fresh database with the demo network,
// driven through HTTP. The App runs in-process with a FakeClock, so tests move time forward to
// expire sessions or throttling windows without sleeping.
//
// The backend comes from ENSEMBLE_TEST_BACKEND: `sqlite` (the default) makes a new SQLite file per
// test; `postgresql` makes a new database per test on the test run's cluster (postgres_scratch.h).
// CTest runs every test once on each (tests/api/CMakeLists.txt).
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "app/app.h"
#include "core/clock.h"
#include "http/api/router.h"
#include "http/server.h"
#include "storage/database.h"
#include "tests/support/test_database.h"

namespace ensemble::testing_support {

// The upload limit of the tests' server: over the 1 MiB of other requests, small enough to test.
inline constexpr std::size_t kMaxUploadBytes = 4 * 1024 * 1024;

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie joined by "\n"
  std::string body;
  boost::json::value json;  // null when the body is not JSON

  std::string ErrorCode() const;
  std::string ErrorField() const;  // "" when null
};

// The backend the tests run against: "sqlite" or "postgresql" (BackendName()), from
// ENSEMBLE_TEST_BACKEND.
std::string TestBackend();

struct Session {
  std::string cookie;  // the session token
  std::string csrf;
  boost::json::object json;
  std::int64_t acting = 0;  // acting structure id, 0 when none
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  // The App's settings; a suite may override them (limits, pool sizes).
  virtual app::AppOptions AppOptionsForTest();
  void TearDown() override;

  // Every answer is held to docs/openapi.json (tests/support/http_client.h).
  Reply Call(const Session* session, std::string method, std::string target, std::string body = {},
             std::map<std::string, std::string> headers = {});
  // Call for a request deliberately outside the API (a path no route serves, a method a path
  // does not have), whose answer is not held to docs/openapi.json; `why` says which.
  Reply CallOutsideApi(std::string_view why, const Session* session, std::string method,
                       std::string target, std::string body = {},
                       std::map<std::string, std::string> headers = {});
  Reply Get(const Session& session, std::string target) { return Call(&session, "GET", target); }
  // A JSON request with the session's CSRF token.
  Reply Send(const Session& session, std::string method, std::string target,
             const boost::json::value& body);
  Session SignIn(const std::string& email, const std::string& password = "ensemble-demo-2026");
  // The session a successful sign-in answer opened.
  static Session SessionFrom(const Reply& reply);
  Session SignInActingFor(const std::string& email, const std::string& structure_name);
  std::int64_t StructureId(const std::string& name);
  std::int64_t CollectiveId(const std::string& name);
  // Every row of the tables that hold people's data, as text: compared before and after a
  // refused request to prove nothing changed. Sessions, sign-in failures and the audit log
  // are left out since a refusal may legitimately touch them.
  std::string SnapshotData();
  // Sends a request that must be refused as `status`/`code` on `field` (empty: none), and
  // checks that nothing SnapshotData holds changed.
  void ExpectRefused(const Session& who, const std::string& method, const std::string& path,
                     const boost::json::value& body, int status, const std::string& code,
                     const std::string& field);

  std::unique_ptr<test_support::TestDatabase> database_;  // first: removed after db_ closes
  FakeClock clock_{1'790'000'000'000};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<app::App> app_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<http::Server> server_;
  std::thread serving_;
  std::uint16_t port_ = 0;

 private:
  // `outside_api`: why the answer is not checked; nullopt: it is.
  Reply Exchange(std::optional<std::string_view> outside_api, const Session* session,
                 std::string_view method, std::string_view target, std::string_view body,
                 std::map<std::string, std::string> headers);
};

}  // namespace ensemble::testing_support
