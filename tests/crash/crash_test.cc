// The crash test: the real ensemble server is killed with SIGKILL in the middle of a stream of
// writes from several clients. After a restart on the same file, every write the server had
// acknowledged (201 received) is there, and SQLite's integrity check passes.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "storage/database.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"

namespace ensemble {
namespace {

namespace json = boost::json;
using test_support::ServerProcess;

struct SignedIn {
  std::string cookie;
  std::string csrf;
  std::int64_t alma = 0;
};

SignedIn SignInClaire(test_support::HttpClient& client) {
  auto reply =
      client.Send("POST", "/api/v1/session",
                  R"({"email":"claire.dumont@alma.example.org","password":"ensemble-demo-2026"})",
                  {{"Content-Type", "application/json"}});
  EXPECT_EQ(reply.status, 200) << reply.body;
  const auto session = json::parse(reply.body);
  return {"", std::string(session.at("csrf_token").as_string()),
          session.at("acting_structure_id").as_int64()};
}

TEST(Crash, AcknowledgedWritesSurviveKillNine) {
  const auto dir =
      std::filesystem::temp_directory_path() / fmt::format("ensemble-crash-{}", ::getpid());
  std::filesystem::create_directories(dir);
  const std::string database = (dir / "crash.db").string();
  std::filesystem::create_directories(dir / "web");  // beside the database, never around it
  const std::vector<std::string> common = {
      "--database",           database,          "--listen", "127.0.0.1:0", "--web-root",
      (dir / "web").string(), "--password-cost", "min",      "--log-level", "error"};
  std::vector<std::string> demo = {ENSEMBLE_BIN, "demo"};
  demo.insert(demo.end(), common.begin(), common.end());

  std::mutex mutex;
  std::set<std::string> acknowledged;  // employee names whose creation answered 201
  {
    ServerProcess server(demo);
    ASSERT_NE(server.port(), 0);
    std::atomic<bool> stop = false;
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        test_support::HttpClient client("127.0.0.1", server.port());
        const SignedIn claire = SignInClaire(client);
        for (int i = 0; !stop; ++i) {
          const std::string name = fmt::format("Salarié {}-{}", w, i);
          const std::string body = json::serialize(json::object{
              {"employee_name", name}, {"job_title", "Animateur"}, {"contract", "CDI"}});
          try {
            auto reply = client.Send(
                "POST", fmt::format("/api/v1/structures/{}/personnel", claire.alma), body,
                {{"Content-Type", "application/json"}, {"X-CSRF-Token", claire.csrf}});
            if (reply.status != 201) break;
            std::lock_guard lock(mutex);
            acknowledged.insert(name);
          } catch (const std::exception&) {
            break;  // the server is gone
          }
        }
      });
    }
    // Let the writes flow, then pull the plug in the middle of them.
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 150) break;
    }
    server.Kill(SIGKILL);
    stop = true;
    for (auto& writer : writers) writer.join();
  }
  ASSERT_GE(acknowledged.size(), 150u);

  std::vector<std::string> serve = {ENSEMBLE_BIN, "serve"};
  serve.insert(serve.end(), common.begin(), common.end());
  ServerProcess restarted(serve);
  ASSERT_NE(restarted.port(), 0);
  test_support::HttpClient client("127.0.0.1", restarted.port());
  const SignedIn claire = SignInClaire(client);
  auto listing = client.Send("GET", fmt::format("/api/v1/structures/{}/personnel", claire.alma));
  ASSERT_EQ(listing.status, 200);
  std::set<std::string> stored;
  const json::value files = json::parse(listing.body);
  for (const auto& file : files.at("items").as_array()) {
    stored.insert(std::string(file.at("employee_name").as_string()));
  }
  for (const auto& name : acknowledged) EXPECT_TRUE(stored.contains(name)) << name << " was lost";

  storage::DatabaseOptions options;
  options.url = database;
  options.create_if_missing = false;
  auto db = storage::OpenDatabase(options).value();
  auto tx = db->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
  EXPECT_EQ(tx->QueryOne("PRAGMA integrity_check", {}).value()->Text(0), "ok");
  tx.reset();
  db.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ensemble
