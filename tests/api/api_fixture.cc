#include "tests/api/api_fixture.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "app/demo.h"
#include "app/passwords.h"
#include "tests/support/http_client.h"
#include "tests/support/test_database.h"

namespace ensemble::testing_support {

namespace json = boost::json;

std::string Reply::ErrorCode() const {
  if (!json.is_object() || !json.as_object().contains("error")) return "";
  return std::string(json.at("error").at("code").as_string());
}

std::string Reply::ErrorField() const {
  if (!json.is_object() || !json.as_object().contains("error")) return "";
  const auto& field = json.at("error").at("field");
  return field.is_string() ? std::string(field.as_string()) : "";
}

std::string TestBackend() { return test_support::BackendFromEnvironment(); }

app::AppOptions ApiTest::AppOptionsForTest() {
  app::AppOptions options;
  options.password_cost = app::PasswordCost::kMinimum;
  return options;
}

void ApiTest::SetUp() {
  ASSERT_TRUE(app::InitCrypto().has_value());
  const std::string backend = TestBackend();
  auto created = test_support::TestDatabase::Create(backend);
  ASSERT_TRUE(created.has_value()) << created.error().message << ": " << created.error().context;
  database_ = std::move(*created);
  auto opened = database_->OpenAgain();
  ASSERT_TRUE(opened.has_value()) << opened.error().message << ": " << opened.error().context;
  db_ = std::move(*opened);
  ASSERT_EQ(db_->BackendName(), backend);
  app::AppOptions app_options = AppOptionsForTest();
  app_ = std::make_unique<app::App>(*db_, clock_, app_options);
  auto loaded = app::LoadDemoNetwork(*app_);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message << ": " << loaded.error().context;
  http::RouterOptions router_options;
  router_options.max_upload_bytes = kMaxUploadBytes;
  router_ = std::make_unique<http::Router>(http::BuildApiRouter(*app_, router_options));
  http::ServerOptions server_options;
  server_options.port = 0;
  server_options.threads = 2;
  server_options.access_log = false;
  // Tests stand for clients at several addresses with X-Forwarded-For, as behind our proxy.
  server_options.trust_forwarded_for = true;
  server_options.max_upload_bytes = kMaxUploadBytes;
  server_options.takes_upload = [this](std::string_view method, std::string_view target) {
    return router_->TakesUpload(method, target);
  };
  auto server = http::Server::Create(
      server_options, [this](const http::Request& request) { return router_->Handle(request); });
  ASSERT_TRUE(server.has_value()) << server.error().message;
  server_ = std::move(*server);
  port_ = server_->port();
  serving_ = std::thread([this] { server_->Run(); });
}

void ApiTest::TearDown() {
  if (server_) server_->Stop();
  if (serving_.joinable()) serving_.join();
  server_.reset();
  router_.reset();
  app_.reset();
  db_.reset();
  database_.reset();
}

Reply ApiTest::Call(const Session* session, std::string method, std::string target,
                    std::string body, std::map<std::string, std::string> headers) {
  return Exchange(std::nullopt, session, method, target, body, std::move(headers));
}

Reply ApiTest::CallOutsideApi(std::string_view why, const Session* session, std::string method,
                              std::string target, std::string body,
                              std::map<std::string, std::string> headers) {
  return Exchange(why, session, method, target, body, std::move(headers));
}

Reply ApiTest::Exchange(std::optional<std::string_view> outside_api, const Session* session,
                        std::string_view method, std::string_view target, std::string_view body,
                        std::map<std::string, std::string> headers) {
  // A new connection per call, without a cookie jar: the session is exactly what the test says.
  test_support::HttpClient client("127.0.0.1", port_);
  client.set_remember_cookies(false);
  if (session != nullptr && !session->cookie.empty()) {
    headers["Cookie"] = fmt::format("{}={}", http::kSessionCookie, session->cookie);
  }
  const test_support::HttpReply raw =
      outside_api ? client.SendOutsideApi(*outside_api, method, target, body, headers)
                  : client.Send(method, target, body, headers);
  Reply reply;
  reply.status = raw.status;
  for (const auto& [name, value] : raw.headers) {
    if (!reply.headers.contains(name)) reply.headers[name] = raw.Header(name);
  }
  reply.body = raw.body;
  if (raw.Header("content-type").starts_with("application/json")) {
    boost::system::error_code error;
    reply.json = json::parse(raw.body, error);
  }
  return reply;
}

Reply ApiTest::Send(const Session& session, std::string method, std::string target,
                    const json::value& body) {
  std::map<std::string, std::string> headers{{"X-CSRF-Token", session.csrf}};
  std::string text;
  if (!body.is_null()) {
    headers["Content-Type"] = "application/json";
    text = json::serialize(body);
  }
  return Call(&session, std::move(method), std::move(target), std::move(text), std::move(headers));
}

Session ApiTest::SignIn(const std::string& email, const std::string& password) {
  const Reply reply = Call(nullptr, "POST", "/api/v1/session",
                           json::serialize(json::object{{"email", email}, {"password", password}}),
                           {{"Content-Type", "application/json"}});
  EXPECT_EQ(reply.status, 200) << email << ": " << reply.body;
  if (reply.status != 200) return Session{};
  return SessionFrom(reply);
}

Session ApiTest::SessionFrom(const Reply& reply) {
  Session session;
  const std::string& cookie = reply.headers.at("set-cookie");
  const auto start = cookie.find('=') + 1;
  session.cookie = cookie.substr(start, cookie.find(';') - start);
  session.json = reply.json.as_object();
  session.csrf = std::string(session.json.at("csrf_token").as_string());
  const auto& acting = session.json.at("acting_structure_id");
  session.acting = acting.is_int64() ? acting.as_int64() : 0;
  return session;
}

Session ApiTest::SignInActingFor(const std::string& email, const std::string& structure_name) {
  Session session = SignIn(email);
  const auto id = StructureId(structure_name);
  const Reply chosen =
      Send(session, "PUT", "/api/v1/session/acting-structure", json::object{{"structure_id", id}});
  EXPECT_EQ(chosen.status, 200) << chosen.body;
  session.acting = id;
  return session;
}

std::int64_t ApiTest::StructureId(const std::string& name) {
  auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
  auto row = tx->QueryOne("SELECT id FROM structures WHERE name = ?", {name}).value();
  EXPECT_TRUE(row.has_value()) << name;
  return row ? row->Int(0) : 0;
}

std::int64_t ApiTest::CollectiveId(const std::string& name) {
  auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
  auto row = tx->QueryOne("SELECT id FROM collectives WHERE name = ?", {name}).value();
  EXPECT_TRUE(row.has_value()) << name;
  return row ? row->Int(0) : 0;
}

void ApiTest::ExpectRefused(const Session& who, const std::string& method, const std::string& path,
                            const boost::json::value& body, int status, const std::string& code,
                            const std::string& field) {
  const std::string before = SnapshotData();
  const Reply reply = Send(who, method, path, body);
  EXPECT_EQ(reply.status, status) << method << " " << path << ": " << reply.body;
  EXPECT_EQ(reply.ErrorCode(), code) << reply.body;
  EXPECT_EQ(reply.ErrorField(), field) << reply.body;
  EXPECT_EQ(SnapshotData(), before) << method << " " << path << " changed stored data";
}

std::string ApiTest::SnapshotData() {
  static const char* kTables[] = {
      "structures", "people", "role_grants", "collectives", "collective_members", "sharing_rules",
      "personnel_files",
      // Each module's tables.
      "staffing_positions", "staffing_employments", "staffing_position_parties",
      "staffing_agreements", "staffing_agreement_shares", "staffing_agreement_signatures",
      "staffing_time_entries", "staffing_absences",
      // Not the opening hours: a structure's own settings, which the matrix's outsiders may
      // change for themselves.
      "staffing_plan_rules", "staffing_commitments", "staffing_preferences", "staffing_plans",
      "staffing_planned_half_days", "survey_forms", "survey_form_versions", "survey_submissions",
      "survey_attachments", "survey_collectors", "survey_answer_counts", "survey_pair_counts",
      "survey_number_counts", "survey_form_keys", "survey_exports"};
  auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
  std::string snapshot;
  for (const char* table : kTables) {
    // Rows are sorted here, whole, rather than by an ORDER BY on some columns: the order of rows
    // that tie on those columns is unspecified and differs between backends and between runs.
    const auto rows = tx->Query(fmt::format("SELECT * FROM {}", table), {}).value();
    std::vector<std::string> lines;
    lines.reserve(rows.size());
    for (const auto& row : rows) {
      std::string line;
      for (std::size_t i = 0; i < row.size(); ++i) {
        line += row.IsNull(i) ? std::string("NULL") : fmt::format("'{}'", row.Text(i));
        line += '|';
      }
      lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    snapshot += fmt::format("[{}]\n", table);
    for (const auto& line : lines) snapshot += line + "\n";
  }
  return snapshot;
}

}  // namespace ensemble::testing_support
