// The crash tests: SIGKILL in the middle of a stream of writes from several clients, first to the
// real ensemble server on SQLite (a hundred times over one database file), then once to the
// PostgreSQL server under it (a cluster of the test's own, with fsync and synchronous_commit on).
// After each restart every write the server had acknowledged (201 received) is stored with the
// audit line of its transaction, no write is stored twice, nothing is stored that was never sent,
// and the database's own check passes: PRAGMA integrity_check, amcheck on PostgreSQL. On SQLite,
// readers read the audit log meanwhile (an audited read, whose line goes through the group
// commit): every read that was answered has its line in the file, since a read answers only
// once its line is durable.
//
// The kill moments come from a seed printed at the start; ENSEMBLE_CRASH_SEED=N replays a run and
// ENSEMBLE_CRASH_CYCLES=N changes the number of SQLite cycles (100 by default).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "storage/database.h"
#include "tests/support/http_client.h"
#include "tests/support/postgres_scratch.h"
#include "tests/support/process.h"
#include "tests/support/stored.h"

namespace ensemble {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;
using test_support::HttpClient;
using test_support::ServerProcess;

constexpr int kDefaultCycles = 100;
constexpr int kWriters = 3;
// A cycle lasts its server's start, one acknowledged write, then up to this much more writing.
constexpr int kMaxKillDelayMs = 1500;
constexpr const char* kNamePrefix = "Crash ";  // every employee name the test writes

int EnvironmentInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::atoi(value) : fallback;
}

// ENSEMBLE_CRASH_SEED to replay a run, otherwise a new seed; printed either way.
std::mt19937 SeededRandom() {
  const auto seed = static_cast<std::uint32_t>(
      EnvironmentInt("ENSEMBLE_CRASH_SEED", static_cast<int>(std::random_device{}() >> 1)));
  std::printf("crash: seed %u (ENSEMBLE_CRASH_SEED=%u replays this run)\n", seed, seed);
  return std::mt19937(seed);
}

// One session for every client and every cycle: sessions are rows of the database, so the
// session outlives the server's restarts and the database's, and no cycle pays for a sign-in.
struct Session {
  std::string cookie;  // name=value
  std::string csrf;
  std::int64_t structure = 0;
};

Session SignInClaire(std::uint16_t port) {
  HttpClient client("127.0.0.1", port);
  const auto reply =
      client.Send("POST", "/api/v1/session",
                  R"({"email":"claire.dumont@alma.example.org","password":"ensemble-demo-2026"})",
                  {{"Content-Type", "application/json"}});
  if (reply.status != 200) {
    throw std::runtime_error(fmt::format("sign-in answered {}: {}", reply.status, reply.body));
  }
  const std::string set_cookie = reply.Header("set-cookie");
  const auto session = json::parse(reply.body);
  return {set_cookie.substr(0, set_cookie.find(';')),
          std::string(session.at("csrf_token").as_string()),
          session.at("acting_structure_id").as_int64()};
}

// What the clients sent, by employee name. A write is acknowledged once its 201 arrived; it is
// uncertain when no answer came (the server went with it in flight) or an error did (the database
// went after its commit, perhaps): an uncertain write may or may not be stored.
class Ledger {
 public:
  void Acknowledge(const std::string& name) {
    std::lock_guard lock(mutex_);
    acknowledged_.insert(name);
  }
  void Uncertain(const std::string& name, int status) {
    std::lock_guard lock(mutex_);
    uncertain_.insert(name);
    if (status != 0) ++errors_[status];
  }
  std::set<std::string> acknowledged() const {
    std::lock_guard lock(mutex_);
    return acknowledged_;
  }
  std::set<std::string> uncertain() const {
    std::lock_guard lock(mutex_);
    return uncertain_;
  }
  std::map<int, int> errors() const {  // status → how many answers, for answers other than 201
    std::lock_guard lock(mutex_);
    return errors_;
  }

 private:
  mutable std::mutex mutex_;
  std::set<std::string> acknowledged_;
  std::set<std::string> uncertain_;
  std::map<int, int> errors_;
};

// kWriters clients, each on its own connection, creating personnel files through one session
// until stopped or until the server is gone. An error answer (503 while PostgreSQL is away) does
// not stop a client: it tries the next write shortly after.
class WriteStream {
 public:
  WriteStream(std::uint16_t port, const Session& session, std::string prefix, Ledger& ledger)
      : port_(port), session_(session), prefix_(std::move(prefix)), ledger_(ledger) {
    for (int writer = 0; writer < kWriters; ++writer) {
      threads_.emplace_back([this, writer] { Write(writer); });
    }
  }
  ~WriteStream() { Stop(); }
  WriteStream(const WriteStream&) = delete;
  WriteStream& operator=(const WriteStream&) = delete;

  void Stop() {
    stop_ = true;
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }

  // Waits until this stream has `count` acknowledged writes; false after `timeout`.
  bool WaitForAcknowledged(std::size_t count, milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (acknowledged_ < count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(milliseconds(1));
    }
    return true;
  }
  std::size_t acknowledged() const { return acknowledged_; }

 private:
  void Write(int writer) {
    HttpClient client("127.0.0.1", port_);
    client.set_remember_cookies(false);
    const std::map<std::string, std::string> headers = {{"Content-Type", "application/json"},
                                                        {"Cookie", session_.cookie},
                                                        {"X-CSRF-Token", session_.csrf}};
    const std::string target = fmt::format("/api/v1/structures/{}/personnel", session_.structure);
    for (int i = 0; !stop_; ++i) {
      const std::string name = fmt::format("{}{} w{} #{}", kNamePrefix, prefix_, writer, i);
      const std::string body = json::serialize(
          json::object{{"employee_name", name}, {"job_title", "Animateur"}, {"contract", "CDI"}});
      test_support::HttpReply reply;
      try {
        reply = client.Send("POST", target, body, headers);
      } catch (const std::runtime_error&) {
        ledger_.Uncertain(name, 0);
        return;  // the server is gone
      }
      if (reply.status == 201) {
        ledger_.Acknowledge(name);
        ++acknowledged_;
        continue;
      }
      ledger_.Uncertain(name, reply.status);
      std::this_thread::sleep_for(milliseconds(50));
    }
  }

  std::uint16_t port_;
  Session session_;
  std::string prefix_;
  Ledger& ledger_;
  std::atomic<bool> stop_ = false;
  std::atomic<std::size_t> acknowledged_ = 0;
  std::vector<std::thread> threads_;
};

// The audited reads that were answered, each named by the unused person id it filtered on, which
// its audit line repeats in its parameters.
class ReadLedger {
 public:
  void Answered(std::int64_t mark) {
    std::lock_guard lock(mutex_);
    answered_.insert(mark);
  }
  std::set<std::int64_t> answered() const {
    std::lock_guard lock(mutex_);
    return answered_;
  }

 private:
  mutable std::mutex mutex_;
  std::set<std::int64_t> answered_;
};

// kReaders clients reading the structure's audit log through the same session, each read with a
// mark of its own, until stopped or until the server is gone.
class ReadStream {
 public:
  static constexpr int kReaders = 2;

  ReadStream(std::uint16_t port, const Session& session, std::atomic<std::int64_t>& next_mark,
             ReadLedger& ledger)
      : port_(port), session_(session), next_mark_(next_mark), ledger_(ledger) {
    for (int reader = 0; reader < kReaders; ++reader) threads_.emplace_back([this] { Read(); });
  }
  ~ReadStream() { Stop(); }
  ReadStream(const ReadStream&) = delete;
  ReadStream& operator=(const ReadStream&) = delete;

  void Stop() {
    stop_ = true;
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }

 private:
  void Read() {
    HttpClient client("127.0.0.1", port_);
    client.set_remember_cookies(false);
    while (!stop_) {
      const std::int64_t mark = next_mark_++;
      test_support::HttpReply reply;
      try {
        reply = client.Send(
            "GET",
            fmt::format("/api/v1/structures/{}/audit?person_id={}", session_.structure, mark), {},
            {{"Cookie", session_.cookie}});
      } catch (const std::runtime_error&) {
        return;  // the server is gone
      }
      if (reply.status == 200) ledger_.Answered(mark);
    }
  }

  std::uint16_t port_;
  Session session_;
  std::atomic<std::int64_t>& next_mark_;
  ReadLedger& ledger_;
  std::atomic<bool> stop_ = false;
  std::vector<std::thread> threads_;
};

// A read transaction over the whole database at `url`, opened as the server opens it.
Result<std::unique_ptr<storage::SqlTransaction>> ReadWholeDatabase(
    const std::string& url, std::unique_ptr<storage::Database>& db) {
  storage::DatabaseOptions options;
  options.url = url;
  options.pool_size = 1;
  options.create_if_missing = false;
  db = ENSEMBLE_TRY(storage::OpenDatabase(options));
  return db->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase());
}

// Reads back the test's personnel files of `structure` at `url` and checks them against the
// ledger: every acknowledged write is stored, each stored one was sent and is stored once, and
// each has the audit line written in its transaction. Returns how many are stored.
std::size_t ExpectLedgerStored(const std::string& url, std::int64_t structure,
                               const Ledger& ledger) {
  std::unique_ptr<storage::Database> db;
  auto tx = ReadWholeDatabase(url, db);
  if (!tx) {
    ADD_FAILURE() << "cannot read the database: " << tx.error().message;
    return 0;
  }
  const auto files = (*tx)->Query(
      "SELECT id, employee_name FROM personnel_files WHERE structure_id = ? AND employee_name "
      "LIKE 'Crash %'",
      {structure});
  const auto audited = (*tx)->Query(
      "SELECT record_id FROM audit_log WHERE action = 'create' AND record_kind = "
      "'personnel_file' AND owner_structure_id = ?",
      {structure});
  if (!files || !audited) {
    ADD_FAILURE() << "cannot read the personnel files and their audit lines: "
                  << (files ? audited.error() : files.error()).message;
    return 0;
  }
  std::set<std::string> audited_ids;
  for (const auto& row : *audited) audited_ids.insert(row.Text(0));

  const std::set<std::string> acknowledged = ledger.acknowledged();
  const std::set<std::string> uncertain = ledger.uncertain();
  std::set<std::string> stored;
  for (const auto& row : *files) {
    const std::string name = row.Text(1);
    EXPECT_TRUE(stored.insert(name).second) << name << " is stored twice";
    EXPECT_TRUE(acknowledged.contains(name) || uncertain.contains(name))
        << name << " is stored but was never sent";
    EXPECT_TRUE(audited_ids.contains(std::to_string(row.Int(0))))
        << name << " is stored without the audit line of its creation";
  }
  for (const auto& name : acknowledged) {
    EXPECT_TRUE(stored.contains(name)) << name << " was acknowledged, then lost";
  }
  return stored.size();
}

// Every answered audited read has its line at `url`; returns how many answered.
std::size_t ExpectAnsweredReadsAudited(const std::string& url, const ReadLedger& ledger) {
  std::unique_ptr<storage::Database> db;
  auto tx = ReadWholeDatabase(url, db);
  if (!tx) {
    ADD_FAILURE() << "cannot read the database: " << tx.error().message;
    return 0;
  }
  const auto lines = (*tx)->Query(
      "SELECT params FROM audit_log WHERE action = 'read' AND record_kind = 'audit_log'", {});
  if (!lines) {
    ADD_FAILURE() << "cannot read the audit lines: " << lines.error().message;
    return 0;
  }
  std::set<std::int64_t> audited;
  for (const auto& row : *lines) {
    const auto params = json::parse(row.Text(0)).as_object();
    if (const auto* person = params.if_contains("person_id")) audited.insert(person->as_int64());
  }
  const std::set<std::int64_t> answered = ledger.answered();
  for (const std::int64_t mark : answered) {
    EXPECT_TRUE(audited.contains(mark))
        << "the read marked " << mark << " was answered, and its audit line is not stored";
  }
  return answered.size();
}

// "ok", or what PRAGMA integrity_check found (or why it could not run).
std::string SqliteIntegrity(const std::string& database) {
  std::unique_ptr<storage::Database> db;
  auto tx = ReadWholeDatabase(database, db);
  if (!tx) return Describe(tx.error().message);
  const auto check = (*tx)->QueryOne("PRAGMA integrity_check", {});
  if (!check) return Describe(check.error().message);
  return *check ? (*check)->Text(0) : "no answer";
}

// The server itself, on the session signed in before all the kills, lists as many files as the
// database holds.
void ExpectServerListsEveryFile(std::uint16_t port, const Session& session,
                                const std::string& database) {
  HttpClient client("127.0.0.1", port);
  client.set_remember_cookies(false);
  const auto listing =
      client.Send("GET", fmt::format("/api/v1/structures/{}/personnel", session.structure), {},
                  {{"Cookie", session.cookie}});
  ASSERT_EQ(listing.status, 200) << listing.body;
  EXPECT_EQ(
      static_cast<std::int64_t>(json::parse(listing.body).at("items").as_array().size()),
      test_support::QueryInt(database, fmt::format("SELECT count(*) FROM personnel_files WHERE "
                                                   "structure_id = {}",
                                                   session.structure)));
}

// A folder of the test's own under /tmp, removed at the end; the web root is a folder of its own
// beside the database, never the database's folder.
class WorkFolder {
 public:
  explicit WorkFolder(std::string_view name)
      : path_(std::filesystem::temp_directory_path() /
              fmt::format("ensemble-{}-{}", name, ::getpid())) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_ / "web");
  }
  ~WorkFolder() { std::filesystem::remove_all(path_); }
  WorkFolder(const WorkFolder&) = delete;
  WorkFolder& operator=(const WorkFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::vector<std::string> EnsembleCommand(const char* command, const std::string& database,
                                         const WorkFolder& work) {
  return {ENSEMBLE_BIN,      command,       "--database",  database,
          "--listen",        "127.0.0.1:0", "--web-root",  (work.path() / "web").string(),
          "--password-cost", "min",         "--log-level", "error"};
}

TEST(Crash, AcknowledgedWritesSurviveAHundredKillNines) {
  const int cycles = EnvironmentInt("ENSEMBLE_CRASH_CYCLES", kDefaultCycles);
  std::mt19937 random = SeededRandom();
  std::uniform_int_distribution<int> kill_delay_ms(0, kMaxKillDelayMs);
  const WorkFolder work("crash");
  const std::string database = (work.path() / "crash.db").string();
  const auto started = std::chrono::steady_clock::now();

  Session session;
  {
    ServerProcess demo(EnsembleCommand("demo", database, work));
    ASSERT_NE(demo.port(), 0) << "ensemble demo did not start";
    session = SignInClaire(demo.port());
  }  // SIGTERM: the demo is loaded; from here on, plain `serve` on the same file.

  Ledger ledger;
  ReadLedger reads;
  // Person ids no account has: the reads' marks.
  std::atomic<std::int64_t> next_mark = 1'000'000;
  std::size_t stored = 0;
  std::size_t answered_reads = 0;
  std::string last_kill = "before the first kill";
  // Each cycle's server starts on what the previous kill left, and recovers it itself; one more
  // start after the last cycle checks the last kill.
  for (int cycle = 1; cycle <= cycles + 1; ++cycle) {
    SCOPED_TRACE(last_kill);
    ServerProcess server(EnsembleCommand("serve", database, work));
    ASSERT_NE(server.port(), 0) << "ensemble serve did not start";
    stored = ExpectLedgerStored(database, session.structure, ledger);
    answered_reads = ExpectAnsweredReadsAudited(database, reads);
    ASSERT_EQ(SqliteIntegrity(database), "ok");
    if (HasFailure()) break;
    if (cycle > cycles) {
      ExpectServerListsEveryFile(server.port(), session, database);
      break;
    }

    const int delay_ms = kill_delay_ms(random);
    last_kill =
        fmt::format("after the kill of cycle {} of {}, {} ms after its first acknowledged write",
                    cycle, cycles, delay_ms);
    WriteStream stream(server.port(), session, fmt::format("c{}", cycle), ledger);
    ReadStream readers(server.port(), session, next_mark, reads);
    ASSERT_TRUE(stream.WaitForAcknowledged(1, milliseconds(30'000)))
        << "no write was acknowledged in cycle " << cycle;
    std::this_thread::sleep_for(milliseconds(delay_ms));
    server.Kill(SIGKILL);
    stream.Stop();
    readers.Stop();
  }
  if (HasFailure()) return;
  EXPECT_TRUE(ledger.errors().empty()) << "a write answered neither 201 nor nothing";
  const auto acknowledged = ledger.acknowledged().size();
  const auto uncertain = ledger.uncertain().size();
  // Writes in flight at the kills are what makes them crashes during writes, not between them.
  EXPECT_GT(uncertain, 0u) << "no kill caught a write in flight";
  EXPECT_GT(answered_reads, 0u) << "no audited read was answered";
  std::printf(
      "crash: %d kill -9 cycles in %.1f s; %zu writes acknowledged, all stored; %zu in flight at "
      "a kill, of which %zu stored; %zu audited reads answered, each with its line stored\n",
      cycles, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
      acknowledged, uncertain, stored - acknowledged, answered_reads);
}

// A PostgreSQL cluster of the test's own, durable (fsync, synchronous_commit and full_page_writes
// on, unlike the shared test cluster), driven through tests/support/pg_cluster.sh; stopped and
// removed when the object goes, whatever the test's outcome. Its state folder is fixed, so that a
// cluster left by a run that was itself killed is removed by the next run's start.
class DurableCluster {
 public:
  static std::unique_ptr<DurableCluster> Start() {
    auto cluster = std::unique_ptr<DurableCluster>(new DurableCluster());
    const auto started = cluster->Run("start", {"--durable"});
    if (started.exit_code != 0) {
      ADD_FAILURE() << "pg_cluster.sh start --durable: " << started.output;
      return nullptr;
    }
    return cluster;
  }
  ~DurableCluster() { Run("stop"); }
  DurableCluster(const DurableCluster&) = delete;
  DurableCluster& operator=(const DurableCluster&) = delete;

  test_support::CommandResult Run(const std::string& action,
                                  const std::vector<std::string>& options = {}) const {
    std::vector<std::string> command = {"/bin/bash", ENSEMBLE_PG_CLUSTER_SCRIPT, action,
                                        ENSEMBLE_CRASH_PG_STATE_DIR};
    command.insert(command.end(), options.begin(), options.end());
    return test_support::RunCommand(command);
  }

  // The database `ensemble`, as its owner (the role `serve` runs as) or as the superuser.
  std::string app_url() const { return ReadState("app_url"); }
  std::string admin_url() const {
    return storage::pgtest::WithDatabase(ReadState("url"), "ensemble");
  }

 private:
  DurableCluster() = default;

  static std::string ReadState(const char* file) {
    std::ifstream in(std::filesystem::path(ENSEMBLE_CRASH_PG_STATE_DIR) / file);
    std::string line;
    std::getline(in, line);
    return line;
  }
};

// Every B-tree index of the schema against its table (bt_index_check with heapallindexed: each
// row has its index entry) and every table's pages (verify_heapam), as the superuser.
void ExpectPostgresConsistent(const DurableCluster& cluster) {
  const std::string admin = cluster.admin_url();
  const auto extension =
      storage::pgtest::RunOnServer(admin, "CREATE EXTENSION IF NOT EXISTS amcheck");
  ASSERT_TRUE(extension.has_value()) << extension.error().message;
  const auto indexes = storage::pgtest::RunOnServer(admin, R"sql(
    DO $$
    DECLARE
      index_oid regclass;
      checked int := 0;
    BEGIN
      FOR index_oid IN
        SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_am am ON am.oid = c.relam
        WHERE c.relkind = 'i' AND am.amname = 'btree' AND n.nspname = 'public'
      LOOP
        PERFORM bt_index_check(index_oid, true);
        checked := checked + 1;
      END LOOP;
      IF checked = 0 THEN RAISE EXCEPTION 'no index to check'; END IF;
    END $$)sql");
  EXPECT_TRUE(indexes.has_value()) << indexes.error().message;
  EXPECT_EQ(test_support::QueryInt(admin,
                                   "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                                   "c.relnamespace, verify_heapam(c.oid) WHERE c.relkind = 'r' "
                                   "AND n.nspname = 'public'"),
            0)
      << "verify_heapam found corrupt pages";
}

TEST(Crash, AcknowledgedWritesSurviveKillNineOfPostgres) {
  std::mt19937 random = SeededRandom();
  const WorkFolder work("crash-pg");
  const auto cluster = DurableCluster::Start();
  ASSERT_NE(cluster, nullptr);
  const std::string url = cluster->app_url();
  ServerProcess server(EnsembleCommand("demo", url, work));
  ASSERT_NE(server.port(), 0) << "ensemble demo did not start on " << url;
  const Session session = SignInClaire(server.port());

  Ledger ledger;
  std::size_t before_kill = 0;
  std::size_t after_restart = 0;
  {
    WriteStream stream(server.port(), session, "pg", ledger);
    const auto kill_after = std::uniform_int_distribution<std::size_t>(30, 150)(random);
    ASSERT_TRUE(stream.WaitForAcknowledged(kill_after, milliseconds(60'000)));
    const auto killed = cluster->Run("kill");
    before_kill = stream.acknowledged();
    ASSERT_EQ(killed.exit_code, 0) << killed.output;
    const auto restarted = cluster->Run("restart");
    ASSERT_EQ(restarted.exit_code, 0) << restarted.output;
    // The same server, which reconnects: writes are acknowledged again.
    ASSERT_TRUE(stream.WaitForAcknowledged(before_kill + 50, milliseconds(60'000)))
        << "the server took no more writes once PostgreSQL was back";
    stream.Stop();
    after_restart = stream.acknowledged() - before_kill;
  }
  for (const auto& [status, count] : ledger.errors()) {
    EXPECT_EQ(status, 503) << count << " writes answered " << status
                           << " while PostgreSQL was away";
  }
  HttpClient client("127.0.0.1", server.port());
  EXPECT_EQ(client.Send("GET", "/healthz").status, 200);

  const std::size_t stored = ExpectLedgerStored(url, session.structure, ledger);
  ExpectPostgresConsistent(*cluster);
  if (HasFailure()) return;
  std::printf(
      "crash: PostgreSQL killed after %zu acknowledged writes, %zu more after its restart; all "
      "%zu stored; %zu answered an error or nothing, of which %zu stored\n",
      before_kill, after_restart, ledger.acknowledged().size(), ledger.uncertain().size(),
      stored - ledger.acknowledged().size());
}

}  // namespace
}  // namespace ensemble
