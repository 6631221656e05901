// The transport on a real loopback socket: limits, keep-alive, slow clients, static pages,
// security headers and graceful shutdown. The handler here is a stub of the router, not of
// the server: what is under test is the server itself.
#include "http/server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>

#include "http/static_files.h"
#include "tests/support/http_client.h"

namespace ensemble::http {
namespace {

using test_support::HttpClient;
using test_support::ParseReply;

// These tests serve a handler of their own, not Ensemble's API: their answers are not held to
// docs/openapi.json.
constexpr test_support::OutsideApi kToyHandler{"the server's tests answer with their own handler"};

class ServerTest : public ::testing::Test {
 protected:
  void Start(ServerOptions options = {}) {
    options.port = 0;
    options.threads = 2;
    options.access_log = false;
    auto server = Server::Create(options, [this](const Request& request) {
      ++handled_;
      if (request.path == "/api/slow") WaitForRelease();
      Response response = Response::Json(200, R"({"path":")" + request.path + R"("})");
      if (auto q = request.QueryParam("q")) response.SetHeader("X-Query", std::string(*q));
      response.SetHeader("X-Peer", request.remote_address);
      return response;
    });
    ASSERT_TRUE(server.has_value()) << server.error().message;
    server_ = std::move(*server);
    serving_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    Release();
    if (server_) server_->Stop();
    if (serving_.joinable()) serving_.join();
    if (!web_root_.empty()) std::filesystem::remove_all(web_root_);
  }

  void WaitForRelease() {
    std::unique_lock lock(mutex_);
    in_flight_ = true;
    changed_.notify_all();
    changed_.wait(lock, [this] { return released_; });
  }
  void WaitUntilInFlight() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return in_flight_; });
  }
  void Release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

  std::filesystem::path MakeWebRoot() {
    web_root_ = std::filesystem::temp_directory_path() /
                ("ensemble-web-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(web_root_ / "assets");
    std::ofstream(web_root_ / "index.html") << "<!doctype html><title>Ensemble</title>";
    std::ofstream(web_root_ / "assets" / "app-1a2b.js") << "console.log(1)";
    std::ofstream(web_root_.parent_path() / "secret.txt") << "not for the web";
    return web_root_;
  }

  std::uint16_t port() const { return server_->port(); }

  std::unique_ptr<Server> server_;
  std::thread serving_;
  std::atomic<int> handled_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool in_flight_ = false;
  bool released_ = false;
  std::filesystem::path web_root_;
};

TEST_F(ServerTest, EveryAnswerCarriesTheSecurityHeaders) {
  Start();
  HttpClient client("127.0.0.1", port(), kToyHandler);
  const auto reply = client.Send("GET", "/api/v1/anything?q=caf%C3%A9");
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.Header("content-security-policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_NE(reply.Header("content-security-policy").find("script-src 'self'"), std::string::npos);
  // Without a tile server for the maps, images come from the site alone.
  EXPECT_NE(reply.Header("content-security-policy").find("img-src 'self' data: blob:;"),
            std::string::npos);
  EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(reply.Header("referrer-policy"), "same-origin");
  EXPECT_EQ(reply.Header("x-query"), "café");  // the query arrives decoded
  EXPECT_EQ(reply.Header("x-peer"), "127.0.0.1");
}

TEST_F(ServerTest, BelievesForwardedForOnlyWhenToldItIsBehindAProxy) {
  Start();
  HttpClient direct("127.0.0.1", port(), kToyHandler);
  EXPECT_EQ(direct.Send("GET", "/api/x", {}, {{"X-Forwarded-For", "203.0.113.9"}}).Header("x-peer"),
            "127.0.0.1");
}

TEST_F(ServerTest, TakesTheClientAddressFromTheProxysEntry) {
  ServerOptions options;
  options.trust_forwarded_for = true;
  Start(options);
  HttpClient proxied("127.0.0.1", port(), kToyHandler);
  // A client may send its own X-Forwarded-For; only the last entry, added by our proxy, counts.
  EXPECT_EQ(proxied.Send("GET", "/api/x", {}, {{"X-Forwarded-For", "10.0.0.1, 203.0.113.9"}})
                .Header("x-peer"),
            "203.0.113.9");
  EXPECT_EQ(proxied.Send("GET", "/api/x").Header("x-peer"), "127.0.0.1");
}

TEST_F(ServerTest, KeepsTheConnectionAliveForPipelinedRequests) {
  Start();
  HttpClient client("127.0.0.1", port(), kToyHandler);
  const std::string two =
      "GET /api/a HTTP/1.1\r\nHost: x\r\n\r\nGET /api/b HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string answer = client.SendRaw(two, 0, {}, std::chrono::milliseconds(1500));
  EXPECT_NE(answer.find(R"({"path":"/api/a"})"), std::string::npos) << answer;
  EXPECT_NE(answer.find(R"({"path":"/api/b"})"), std::string::npos) << answer;
  EXPECT_EQ(handled_, 2);
}

TEST_F(ServerTest, RefusesHeadersOverTheLimitInTheErrorShape) {
  ServerOptions options;
  options.max_header_bytes = 4096;
  Start(options);
  HttpClient client("127.0.0.1", port(), kToyHandler);
  const auto reply = client.Send("GET", "/api/x", {}, {{"X-Big", std::string(8000, 'a')}});
  EXPECT_EQ(reply.status, 431);
  EXPECT_NE(reply.body.find(R"("code":"payload_too_large")"), std::string::npos) << reply.body;
  EXPECT_EQ(handled_, 0);
}

TEST_F(ServerTest, RefusesBodiesOverTheLimitBeforeTheHandlerSeesThem) {
  ServerOptions options;
  options.max_body_bytes = 1000;
  Start(options);
  HttpClient client("127.0.0.1", port(), kToyHandler);
  const auto reply =
      client.Send("POST", "/api/x", std::string(5000, 'x'), {{"Content-Type", "application/json"}});
  EXPECT_EQ(reply.status, 413);
  EXPECT_NE(reply.body.find(R"("field":null)"), std::string::npos) << reply.body;
  EXPECT_EQ(handled_, 0);
}

TEST_F(ServerTest, AnswersMalformedRequestsWith400) {
  Start();
  HttpClient client("127.0.0.1", port(), kToyHandler);
  const auto answer = ParseReply(client.SendRaw("GET /api/x HTTP/1.1\r\nHost x\r\n\r\n"));
  EXPECT_EQ(answer.status, 400);
  EXPECT_NE(answer.body.find(R"("code":"invalid_argument")"), std::string::npos) << answer.body;
  EXPECT_EQ(handled_, 0);
}

TEST_F(ServerTest, RefusesHttp11WithoutHostAndFoldedHeaders) {
  Start();
  HttpClient client("127.0.0.1", port(), kToyHandler);
  const auto no_host = ParseReply(client.SendRaw("GET /api/x HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(no_host.status, 400);
  EXPECT_NE(no_host.body.find(R"("code":"invalid_argument")"), std::string::npos) << no_host.body;
  EXPECT_NE(no_host.body.find("sans en-tête Host"), std::string::npos) << no_host.body;
  HttpClient again("127.0.0.1", port(), kToyHandler);
  const auto folded = ParseReply(
      again.SendRaw("GET /api/x HTTP/1.1\r\nHost: x\r\nX-Note: first\r\n second\r\n\r\n"));
  EXPECT_EQ(folded.status, 400);
  EXPECT_NE(folded.body.find(R"("code":"invalid_argument")"), std::string::npos) << folded.body;
  EXPECT_NE(folded.body.find("obs-fold"), std::string::npos) << folded.body;
  HttpClient tabbed("127.0.0.1", port(), kToyHandler);
  const auto tab_folded =
      ParseReply(tabbed.SendRaw("GET /api/x HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tb\r\n\r\n"));
  EXPECT_EQ(tab_folded.status, 400);
  EXPECT_NE(tab_folded.body.find("obs-fold"), std::string::npos) << tab_folded.body;
  // HTTP/1.0 has no Host requirement; a proper HTTP/1.1 request goes through.
  HttpClient old("127.0.0.1", port(), kToyHandler);
  EXPECT_EQ(ParseReply(old.SendRaw("GET /api/x HTTP/1.0\r\n\r\n")).status, 200);
  EXPECT_EQ(handled_, 1);
}

TEST_F(ServerTest, SendsStrictTransportSecurityOnlyBehindTls) {
  ServerOptions options;
  options.strict_transport_security = true;
  Start(options);
  HttpClient client("127.0.0.1", port(), kToyHandler);
  EXPECT_EQ(client.Send("GET", "/api/x").Header("strict-transport-security"), "max-age=63072000");
}

TEST_F(ServerTest, PlainHttpSendsNoStrictTransportSecurity) {
  Start();
  HttpClient client("127.0.0.1", port(), kToyHandler);
  EXPECT_EQ(client.Send("GET", "/api/x").Header("strict-transport-security"), "");
}

TEST_F(ServerTest, AllowsImagesFromTheMapsTileServerOnlyWhenOneIsSet) {
  ServerOptions options;
  options.image_origin = "https://*.tile.example.org";
  Start(options);
  HttpClient client("127.0.0.1", port(), kToyHandler);
  const auto policy = client.Send("GET", "/api/x").Header("content-security-policy");
  EXPECT_NE(policy.find("img-src 'self' data: blob: https://*.tile.example.org;"),
            std::string::npos);
  // Only images: scripts, styles and requests stay on the site.
  EXPECT_NE(policy.find("script-src 'self' 'wasm-unsafe-eval';"), std::string::npos);
  EXPECT_NE(policy.find("connect-src 'self';"), std::string::npos);
}

// A client that opens socket after socket gets no more than its share; others still get in.
TEST_F(ServerTest, LimitsOpenConnectionsPerClientAddress) {
  ServerOptions options;
  options.max_connections_per_address = 2;
  Start(options);
  auto first = std::make_unique<HttpClient>("127.0.0.1", port(), kToyHandler);
  HttpClient second("127.0.0.1", port(), kToyHandler);
  ASSERT_EQ(first->Send("GET", "/api/x").status, 200);  // both kept alive
  ASSERT_EQ(second.Send("GET", "/api/x").status, 200);
  HttpClient third("127.0.0.1", port(), kToyHandler);
  const auto refused = third.Send("GET", "/api/x");
  EXPECT_EQ(refused.status, 503);
  EXPECT_NE(refused.body.find("trop de connexions"), std::string::npos);
  // Once one closes, a new connection is admitted again.
  first.reset();  // closes its socket
  bool admitted = false;
  for (int attempt = 0; attempt < 100 && !admitted; ++attempt) {
    HttpClient next("127.0.0.1", port(), kToyHandler);
    admitted = next.Send("GET", "/api/x").status == 200;
    if (!admitted) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(admitted);
}

// Behind our proxy every connection comes from the proxy's address: they are counted against
// max_proxy_connections, not against one client's share.
TEST_F(ServerTest, BehindAProxyLimitsTheProxysConnectionsByTheirOwnNumber) {
  ServerOptions options;
  options.trust_forwarded_for = true;
  options.max_connections_per_address = 1;
  options.max_proxy_connections = 3;
  Start(options);
  std::vector<std::unique_ptr<HttpClient>> open;
  for (int n = 0; n < 3; ++n) {
    open.push_back(std::make_unique<HttpClient>("127.0.0.1", port(), kToyHandler));
    const std::string forwarded = "203.0.113." + std::to_string(10 + n);
    EXPECT_EQ(open.back()->Send("GET", "/api/x", {}, {{"X-Forwarded-For", forwarded}}).status, 200)
        << "connection " << n << " of 3 (more than max_connections_per_address = 1)";
  }
  HttpClient fourth("127.0.0.1", port(), kToyHandler);
  const auto refused = fourth.Send("GET", "/api/x", {}, {{"X-Forwarded-For", "203.0.113.99"}});
  EXPECT_EQ(refused.status, 503);
  EXPECT_NE(refused.body.find(R"("code":"unavailable")"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("trop de connexions"), std::string::npos) << refused.body;
  EXPECT_EQ(handled_, 3);
}

TEST_F(ServerTest, BehindAProxyLimitsRequestsInFlightPerForwardedAddress) {
  ServerOptions options;
  options.trust_forwarded_for = true;
  options.max_connections_per_address = 1;
  Start(options);
  const std::uint16_t listening = port();
  auto slow = std::async(std::launch::async, [listening] {
    HttpClient client("127.0.0.1", listening, kToyHandler);
    return client.Send("GET", "/api/slow", {}, {{"X-Forwarded-For", "203.0.113.5"}});
  });
  WaitUntilInFlight();
  HttpClient same("127.0.0.1", port(), kToyHandler);
  EXPECT_EQ(same.Send("GET", "/api/x", {}, {{"X-Forwarded-For", "203.0.113.5"}}).status, 503);
  HttpClient other("127.0.0.1", port(), kToyHandler);
  EXPECT_EQ(other.Send("GET", "/api/x", {}, {{"X-Forwarded-For", "203.0.113.6"}}).status, 200);
  Release();
  EXPECT_EQ(slow.get().status, 200);
}

// A request that finds every worker busy and the queue full is answered at once 503 with
// Retry-After, without reaching the handler; the same connection is served again once a worker
// is free, and the pages, which need no worker, are served throughout. (No waiting room here, so
// that which request is refused does not depend on timing; the pool's tests cover the queue.)
TEST_F(ServerTest, AnswersBusyAtOnceWhenEveryWorkerIsTakenAndTheQueueFull) {
  ServerOptions options;
  options.workers = 1;
  options.max_waiting = 0;
  options.web_root = MakeWebRoot();
  Start(options);
  const std::uint16_t listening = port();
  auto slow = std::async(std::launch::async, [listening] {
    HttpClient client("127.0.0.1", listening, kToyHandler);
    return client.Send("GET", "/api/slow");
  });
  WaitUntilInFlight();  // the only worker is taken
  HttpClient client("127.0.0.1", port(), kToyHandler);
  const auto refused = client.Send("GET", "/api/refused");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.Header("retry-after"), "1");
  EXPECT_EQ(refused.Header("x-content-type-options"), "nosniff");
  EXPECT_NE(refused.body.find(R"("code":"unavailable")"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("occupé"), std::string::npos) << refused.body;
  EXPECT_EQ(client.Send("GET", "/").status, 200);  // a page, answered from memory
  EXPECT_EQ(handled_, 1);                          // only the slow request reached the handler
  Release();
  EXPECT_EQ(slow.get().status, 200);
  // The worker hands its slot back just after the slow answer is written: until it has, the
  // server still answers busy, so the same connection (kept alive) asks again until served.
  int after = 503;
  for (int attempt = 0; attempt < 200 && after == 503; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    after = client.Send("GET", "/api/after").status;
  }
  EXPECT_EQ(after, 200);
  EXPECT_EQ(handled_, 2);
}

TEST_F(ServerTest, DropsClientsThatSendTooSlowly) {
  ServerOptions options;
  options.request_timeout = std::chrono::milliseconds(300);
  Start(options);
  HttpClient client("127.0.0.1", port(), kToyHandler);
  // One byte every 100 ms: the request line alone would take seconds.
  const std::string answer = client.SendRaw("GET /api/slowloris HTTP/1.1\r\nHost: x\r\n\r\n", 1,
                                            std::chrono::milliseconds(100));
  EXPECT_EQ(answer, "");  // closed without an answer
  EXPECT_EQ(handled_, 0);
}

TEST_F(ServerTest, ServesPagesWithCachingHeadersAndNothingOutsideTheRoot) {
  ServerOptions options;
  options.web_root = MakeWebRoot();
  Start(options);
  HttpClient client("127.0.0.1", port(), kToyHandler);
  const auto index = client.Send("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  const auto asset = client.Send("GET", "/assets/app-1a2b.js");
  EXPECT_EQ(asset.body, "console.log(1)");
  EXPECT_EQ(asset.Header("cache-control"), "public, max-age=31536000, immutable");
  // A page route of the single-page app answers index.html; a missing file does not.
  EXPECT_EQ(client.Send("GET", "/collectifs/3").body, index.body);
  EXPECT_EQ(client.Send("GET", "/collectifs/3/").body, index.body);
  EXPECT_EQ(client.Send("GET", "/assets/missing.js").status, 404);
  EXPECT_EQ(client.Send("GET", "/../secret.txt").status, 404);
  EXPECT_EQ(client.Send("GET", "/%2e%2e/secret.txt").status, 404);
  EXPECT_EQ(client.Send("POST", "/collectifs/3").status, 405);
  // The API still reaches the handler.
  EXPECT_EQ(client.Send("GET", "/api/v1/x").body, R"({"path":"/api/v1/x"})");
  EXPECT_EQ(client.Send("GET", "/healthz").body, R"({"path":"/healthz"})");
  // So do the calendar feeds and ODK Collect's server URLs, whatever their method.
  EXPECT_EQ(client.Send("GET", "/feeds/t.ics").body, R"({"path":"/feeds/t.ics"})");
  EXPECT_EQ(client.Send("GET", "/openrosa/t/formList").body, R"({"path":"/openrosa/t/formList"})");
  EXPECT_EQ(client.Send("POST", "/openrosa/t/submission").body,
            R"({"path":"/openrosa/t/submission"})");
  std::filesystem::remove(web_root_.parent_path() / "secret.txt");
}

// The web root sits next to a database, as a careless deployment would have it: no spelling of
// a path reaches a file outside the list made at start, whatever it is.
TEST_F(ServerTest, NoSpellingOfAPathReachesAFileOutsideTheWebRoot) {
  const std::filesystem::path base =
      MakeWebRoot().parent_path() / ("beside-" + std::to_string(::getpid()));
  std::filesystem::create_directories(base);
  const std::filesystem::path root = base / "web";
  std::filesystem::rename(web_root_, root);
  web_root_ = base;  // removed whole by TearDown
  const std::filesystem::path database = base / "demo.db";
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::ofstream(database.string() + suffix) << "SQLite format 3 secret rows";
  }
  std::ofstream(base / "secret.txt") << "not for the web";
  std::filesystem::create_symlink(base / "secret.txt", root / "out.txt");
  std::filesystem::create_symlink(base, root / "assets" / "up");
  std::filesystem::create_symlink(root / "index.html", root / "alias.html");  // inside: kept
  std::filesystem::create_directories(root / ".git");
  std::ofstream(root / ".git" / "config") << "not for the web";
  ServerOptions options;
  options.web_root = root;
  options.protected_paths = {database};
  Start(options);
  HttpClient client("127.0.0.1", port(), kToyHandler);
  const std::string index = client.Send("GET", "/").body;
  EXPECT_EQ(client.Send("GET", "/alias.html").body, index);

  const std::string db = database.string();
  // Each spelling and what it gets: 404, 400 for a target HTTP forbids, or the pages' index
  // (kIndex) for a path of the pages' own routes; never a file outside the root.
  constexpr int kIndex = 200;
  const std::vector<std::pair<std::string, int>> corpus = {
      {"//etc/passwd", 404},
      {"/%2Fetc%2Fpasswd", 404},
      {"/%2fetc%2fpasswd", 404},
      {"/%2f%2e%2e/secret.txt", 404},
      {"/%2e%2e%2fsecret.txt", 404},
      {"/..%2fsecret.txt", 404},
      {"/..%2Fdemo.db", 404},
      {"/%2e%2e/demo.db-wal", 404},
      {"/assets/../../secret.txt", 404},
      {"/assets/%2e%2e/%2e%2e/secret.txt", 404},
      {"/index.html%00.js", 404},
      {"/%00", 404},
      {"/..\\secret.txt", 400},
      {"/%5c..%5csecret.txt", 404},
      {"/%c0%ae%c0%ae/secret.txt", 404},
      {"/%c0%af%c0%ae%c0%ae%c0%afsecret.txt", 404},
      {"/%e0%80%ae%e0%80%ae/secret.txt", 404},
      {"/out.txt", 404},
      {"/assets/up/secret.txt", 404},
      {"/assets/up/demo.db", 404},
      {"/.git/config", 404},
      {"/%2egit/config", 404},
      {"/" + db, 404},
      {"//" + db, 404},
      {"/" + db + "-wal", 404},
      {"/" + db + "-shm", 404},
      {"/proc/self/environ", kIndex},
      {"//proc/self/environ", 404},
      {"/%2Fproc%2Fself%2Fenviron", 404},
      {"/./index.html", 404},
      {"/.%2e/secret.txt", 404},
      {"/%252e%252e/secret.txt", 404},
      {"/index.html/", kIndex},
      {"/assets//app-1a2b.js", 404},
  };
  for (const auto& [target, expected] : corpus) {
    const auto reply = client.Send("GET", target);
    EXPECT_EQ(reply.status, expected) << target;
    if (expected == kIndex) {
      EXPECT_EQ(reply.body, index) << target;
    }
    EXPECT_EQ(reply.body.find("secret"), std::string::npos) << target;
    EXPECT_EQ(reply.body.find("SQLite"), std::string::npos) << target;
    EXPECT_EQ(reply.body.find("root:"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, RefusesToStartWhenTheDatabaseLiesInsideTheWebRoot) {
  const std::filesystem::path root = MakeWebRoot();
  std::ofstream(root / "ensemble.db") << "SQLite format 3";
  for (const auto& guarded : {root / "ensemble.db", root / "assets" / ".." / "ensemble.db"}) {
    ServerOptions options;
    options.port = 0;
    options.web_root = root;
    options.protected_paths = {guarded};
    const auto server = Server::Create(options, [](const Request&) { return Response{}; });
    ASSERT_FALSE(server.has_value());
    EXPECT_EQ(server.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(server.error().field, "web_root");
    EXPECT_NE(Describe(server.error().message).find("database"), std::string::npos);
  }
  std::filesystem::remove(root.parent_path() / "secret.txt");
}

TEST_F(ServerTest, RefusesAWebRootLargerThanBuiltPages) {
  const std::filesystem::path root = MakeWebRoot();
  std::filesystem::remove(root.parent_path() / "secret.txt");
  std::ofstream(root / "big.bin") << std::string(2048, 'x');
  StaticSiteLimits limits;
  limits.max_file_bytes = 1024;
  const auto site = StaticSite::Load(root, {}, limits);
  ASSERT_FALSE(site.has_value());
  EXPECT_EQ(site.error().field, "web_root");
  limits.max_file_bytes = 4096;
  limits.max_total_bytes = 2000;
  EXPECT_FALSE(StaticSite::Load(root, {}, limits).has_value());
  const auto fits = StaticSite::Load(root, {});
  ASSERT_TRUE(fits.has_value());
  EXPECT_EQ(fits->file_count(), 3u);
  // What was loaded is served from memory: removing the file changes nothing.
  std::filesystem::remove(root / "assets" / "app-1a2b.js");
  EXPECT_EQ(fits->Serve("/assets/app-1a2b.js").body, "console.log(1)");
}

TEST_F(ServerTest, ShutdownFinishesTheRequestInFlightAndClosesIdleConnections) {
  ServerOptions options;
  options.shutdown_grace = std::chrono::minutes(5);
  Start(options);
  const std::uint16_t listening = port();
  HttpClient idle("127.0.0.1", listening, kToyHandler);
  ASSERT_EQ(idle.Send("GET", "/api/first").status, 200);  // stays open, kept alive

  auto in_flight = std::async(std::launch::async, [listening] {
    HttpClient client("127.0.0.1", listening, kToyHandler);
    return client.Send("GET", "/api/slow");
  });
  WaitUntilInFlight();
  server_->Stop();
  // New connections are refused once the acceptor has closed.
  bool refused = false;
  for (int attempt = 0; attempt < 100 && !refused; ++attempt) {
    try {
      HttpClient late("127.0.0.1", listening, kToyHandler);
      late.set_remember_cookies(false);
      (void)late.Send("GET", "/api/late");
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } catch (const std::runtime_error&) {
      refused = true;
    }
  }
  EXPECT_TRUE(refused);
  Release();
  const auto reply = in_flight.get();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("connection"), "close");
  // Run returns although the idle connection was never closed by its client.
  serving_.join();
}

}  // namespace
}  // namespace ensemble::http
