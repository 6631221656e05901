#include "cli/commands.h"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/app.h"
#include "app/common_passwords.h"
#include "app/demo.h"
#include "app/notifications/known_kinds.h"
#include "app/staffing/staffing_use_cases.h"
#include "app/surveys/surveys_use_cases.h"
#include "cli/pool_sizes.h"
#include "cli/tile_origin.h"
#include "components/mail/mail_queue.h"
#include "components/mail/smtp_mailer.h"
#include "components/spreadsheet/xls_conversion.h"
#include "core/text.h"
#include "domain/tenancy/password_policy.h"
#include "domain/tenancy/validation.h"
#include "http/api/router.h"
#include "http/server.h"
#include "i18n/accept_language.h"
#include "i18n/i18n.h"
#include "jobs/audit_sealing.h"
#include "jobs/housekeeping.h"
#include "jobs/job_runner.h"
#include "jobs/mail/send_mail.h"
#include "jobs/notifications/daily_digest.h"
#include "jobs/record_job.h"
#include "jobs/staffing/plan_job.h"
#include "storage/audit/audit_chain.h"
#include "storage/copy.h"
#include "storage/database.h"
#include "storage/tenancy/session_store.h"
#include "storage/tenancy/tenancy_store.h"

namespace ensemble::cli {
namespace {

// The operator's language, from the environment as POSIX reads it (LC_ALL, then LC_MESSAGES,
// then LANG); French by default.
Language OperatorLanguage() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') {
      return i18n::FromLocaleName(value).value_or(Language::kFrench);
    }
  }
  return Language::kFrench;
}

int Report(const Error& error) {
  std::cerr << "ensemble: " << i18n::Render(error.message, OperatorLanguage());
  if (!error.field.empty()) std::cerr << " (" << error.field << ")";
  if (!error.context.empty()) std::cerr << "\n  while " << error.context;
  std::cerr << "\n";
  return 1;
}

void ConfigureLogging(const CommonOptions& common) {
  // Logs go to stderr; stdout carries only what the operator asked for (the listening line).
  auto logger = spdlog::get("ensemble");
  if (!logger) logger = spdlog::stderr_color_mt("ensemble");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(common.log_level));
}

// A server takes its count of connections from PoolSizes; one-shot commands, the default.
Result<std::unique_ptr<storage::Database>> OpenMigrated(
    const CommonOptions& common, int connections = storage::DatabaseOptions{}.pool_size) {
  storage::DatabaseOptions options;
  options.url = common.database;
  options.pool_size = connections;
  auto database = ENSEMBLE_TRY(storage::OpenDatabase(options));
  ENSEMBLE_TRY_STATUS(database->Migrate());
  return database;
}

Result<std::int64_t> CountAccounts(const CommonOptions& common) {
  auto database = ENSEMBLE_TRY(OpenMigrated(common));
  return database->InTransaction(storage::TransactionMode::kRead, [](storage::Transaction& tx) {
    return tx.Tenancy().CountPeople();
  });
}

Result<std::pair<std::string, std::uint16_t>> ParseListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Fail(ErrorCode::kInvalidArgument, "core.cli.bad_listen", "listen");
  }
  const std::string port_text = listen.substr(colon + 1);
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(port_text, &used);
    if (used != port_text.size()) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.cli.bad_port", {{"min", 0}, {"max", 65535}}}, "listen");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return std::pair{host, static_cast<std::uint16_t>(port)};
}

// The password for init and user commands: ENSEMBLE_PASSWORD, or one line of standard input.
Result<std::string> ReadPassword() {
  if (const char* from_env = std::getenv("ENSEMBLE_PASSWORD"); from_env != nullptr) {
    return std::string(from_env);
  }
  std::cerr << "password: " << std::flush;
  std::string line;
  if (!std::getline(std::cin, line)) {
    return Fail(ErrorCode::kInvalidArgument, "core.cli.no_password", "password");
  }
  return line;
}

// What the mail and notification jobs need, alive as long as the runner.
struct MailServices {
  std::unique_ptr<mail::Mailer> mailer;  // null: no SMTP host, mail stays queued
  notifications::NotificationKindRegistry kinds;
};

Result<std::unique_ptr<MailServices>> MakeMailServices(const ServeOptions& serve,
                                                       const Clock& clock) {
  auto services = std::make_unique<MailServices>();
  ENSEMBLE_TRY_STATUS(notifications::DeclareKnownKinds(services->kinds));
  ENSEMBLE_TRY_STATUS(mail::CheckAddress("smtp-from", serve.smtp_from));
  if (serve.smtp_host.empty()) {
    spdlog::warn("no --smtp-host: outgoing mail stays queued until a server with one runs");
    return services;
  }
  mail::SmtpOptions smtp;
  smtp.host = serve.smtp_host;
  smtp.port = static_cast<std::uint16_t>(serve.smtp_port);
  smtp.security = serve.smtp_security == "none"  ? mail::SmtpSecurity::kNone
                  : serve.smtp_security == "tls" ? mail::SmtpSecurity::kTls
                                                 : mail::SmtpSecurity::kStartTls;
  smtp.username = serve.smtp_user;
  if (const char* password = std::getenv(serve.smtp_password_env.c_str()); password != nullptr) {
    smtp.password = password;
  }
  services->mailer = std::make_unique<mail::SmtpMailer>(smtp, clock);
  return services;
}

// Every server runs a job worker: jobs queued while no server ran are done once one starts.
Result<std::unique_ptr<jobs::JobRunner>> StartJobRunner(app::App& app, const ServeOptions& serve,
                                                        MailServices& mail_services) {
  jobs::HousekeepingOptions housekeeping;
  housekeeping.audit_retention_months = serve.audit_retention_months;
  housekeeping.session_idle_timeout = app.options().session_idle_timeout;
  housekeeping.session_absolute_timeout = app.options().session_absolute_timeout;
  housekeeping.throttle_window = app.options().sign_in_limits.window;
  housekeeping.trusted_address_for = app.options().sign_in_limits.trusted_address_for;
  housekeeping.answer_exports_kept = app::kAnswersExportKept;
  auto runner =
      std::make_unique<jobs::JobRunner>(app.database(), app.clock(), jobs::JobRunnerOptions{});
  runner->Register(std::string(jobs::kHousekeepingKind),
                   jobs::HousekeepingHandler(app.database(), app.clock(), housekeeping));
  runner->Register(std::string(jobs::kAuditSealingKind),
                   jobs::AuditSealingHandler(app.database(), app.clock(), {}));
  runner->Register(std::string(mail::kMailJobKind),
                   jobs::SendMailHandler(app.database(), app.clock(), mail_services.mailer.get()));
  jobs::DailyDigestOptions digest{serve.digest_hour,
                                  {{serve.smtp_from, "Ensemble"}, serve.public_url}};
  runner->Register(
      std::string(jobs::kDailyDigestKind),
      jobs::DailyDigestHandler(app.database(), app.clock(), mail_services.kinds, digest));
  // The use cases keep no state of their own: the job holds its own object over the same App.
  auto staffing = std::make_shared<app::StaffingUseCases>(app);
  runner->Register(
      std::string(app::kPlanJobKind),
      jobs::PlanJobHandler([staffing](std::int64_t plan, const jobs::PlanMonthsProgress& progress) {
        return staffing->RunPlan(plan, progress);
      }));
  auto surveys = std::make_shared<app::SurveysUseCases>(app);
  runner->Register(std::string(app::kAnswersExportJobKind),
                   jobs::RecordJobHandler(std::string(app::kAnswersExportIdKey),
                                          [surveys](std::int64_t id, const auto& progress) {
                                            return surveys->RunAnswersExport(id, progress);
                                          }));
  const UnixMillis now = app.clock().Now();
  ENSEMBLE_TRY_STATUS(jobs::ScheduleHousekeeping(app.database(), now, now));
  ENSEMBLE_TRY_STATUS(jobs::ScheduleDailyDigest(app.database(), serve.digest_hour, now));
  ENSEMBLE_TRY_STATUS(jobs::ScheduleAuditSealing(app.database(), now, now));
  runner->Start();
  return runner;
}

// The files the web pages must never reach: a SQLite database and the files SQLite keeps beside
// it. Only the storage backend opens them; the web root is refused if it holds them.
std::vector<std::filesystem::path> DatabaseFiles(const CommonOptions& common) {
  if (storage::IsPostgresUrl(common.database)) return {};
  const std::filesystem::path file(common.database);
  return {file, file.string() + "-wal", file.string() + "-shm", file.string() + "-journal"};
}

PoolSizes SizesOf(const ServeOptions& serve) {
  return PoolSizesFor(serve.threads, std::thread::hardware_concurrency());
}

// What a server's App is built with: the password cost, the hashing limits, the mail settings.
Result<app::AppOptions> ServerAppOptions(const ServeOptions& serve) {
  app::AppOptions options;
  options.password_cost = ENSEMBLE_TRY(app::ParsePasswordCost(serve.password_cost));
  const PoolSizes sizes = SizesOf(serve);
  options.hashing = {.slots = sizes.hashing_slots, .max_waiting = sizes.hashing_waiting};
  options.notification_mail = {{serve.smtp_from, "Ensemble"}, serve.public_url};
  options.soffice = serve.soffice == "auto"   ? spreadsheet::FindSoffice()
                    : serve.soffice == "none" ? std::string()
                                              : serve.soffice;
  return options;
}

Status RunServer(app::App& app, const CommonOptions& common, const ServeOptions& serve) {
  const auto [host, port] = ENSEMBLE_TRY(ParseListen(serve.listen));
  http::RouterOptions router_options;
  router_options.secure_cookies = serve.secure_cookies;
  router_options.public_url = serve.public_url;
  router_options.map_tiles = serve.map_tiles;
  router_options.map_attribution = serve.map_attribution;
  router_options.about = {serve.operator_name,         serve.operator_address,
                          serve.operator_email,        serve.publication_director,
                          serve.accessibility_contact, serve.audit_retention_months};
  const http::Router router = http::BuildApiRouter(app, router_options);
  http::ServerOptions options;
  options.host = host;
  options.port = port;
  const PoolSizes sizes = SizesOf(serve);
  options.threads = sizes.io_threads;
  options.workers = sizes.workers;
  options.max_waiting = sizes.max_waiting;
  options.web_root = serve.web_root;
  options.protected_paths = DatabaseFiles(common);
  options.stop_on_signals = true;
  options.trust_forwarded_for = serve.behind_proxy;
  options.strict_transport_security = serve.secure_cookies;
  options.image_origin = ENSEMBLE_TRY(TileOrigin(serve.map_tiles));
  options.takes_upload = [&router](std::string_view method, std::string_view target) {
    return router.TakesUpload(method, target);
  };
  std::error_code missing;
  if (!std::filesystem::exists(options.web_root / "index.html", missing)) {
    spdlog::warn(
        "no index.html under {}: the web pages will not be served (build them with "
        "`npm --prefix web run build`)",
        options.web_root.string());
  }
  if (!std::filesystem::is_directory(options.web_root, missing)) options.web_root.clear();
  auto server = ENSEMBLE_TRY(http::Server::Create(
      options, [&router](const http::Request& request) { return router.Handle(request); }));
  auto mail_services = ENSEMBLE_TRY(MakeMailServices(serve, app.clock()));
  auto runner = ENSEMBLE_TRY(StartJobRunner(app, serve, *mail_services));
  std::cout << fmt::format("Ensemble listening on http://{}:{}",
                           host.find(':') == std::string::npos ? host : "[" + host + "]",
                           server->port())
            << std::endl;
  server->Run();
  // Requests are done; a job in progress is asked to stop and is retried by another server.
  runner->Stop();
  spdlog::info("stopped");
  return Ok();
}

// The demo network's operator, for the pages about the service, unless the flags name one.
ServeOptions WithDemoOperator(ServeOptions serve) {
  auto fill = [](std::string& setting, std::string_view demo) {
    if (setting.empty()) setting = demo;
  };
  fill(serve.operator_name, "Fédération des centres sociaux de Roubaix (démonstration)");
  fill(serve.operator_address, "1 place de la Liberté, 59100 Roubaix");
  fill(serve.operator_email, "contact@federation.example.org");
  fill(serve.publication_director, "Nadia Benali, présidente");
  fill(serve.accessibility_contact, "accessibilite@federation.example.org");
  return serve;
}

Result<app::PasswordCost> Cost(const std::string& text) { return app::ParsePasswordCost(text); }

}  // namespace

int Serve(const CommonOptions& common, const ServeOptions& serve) {
  ConfigureLogging(common);
  if (auto ready = app::InitCrypto(); !ready) return Report(ready.error());
  auto options = ServerAppOptions(serve);
  if (!options) return Report(options.error());
  auto database = OpenMigrated(common, SizesOf(serve).database_connections);
  if (!database) return Report(database.error());
  if (auto confined = storage::RequireRowSecurity(**database); !confined) {
    return Report(confined.error());
  }
  SystemClock clock;
  app::App app(**database, clock, *options);
  if (auto served = RunServer(app, common, serve); !served) return Report(served.error());
  return 0;
}

int Demo(const CommonOptions& common, const ServeOptions& flags, bool reset) {
  ConfigureLogging(common);
  const ServeOptions serve = WithDemoOperator(flags);
  if (auto ready = app::InitCrypto(); !ready) return Report(ready.error());
  auto options = ServerAppOptions(serve);
  if (!options) return Report(options.error());
  if (reset && storage::IsPostgresUrl(common.database)) {
    return Report(
        Error{ErrorCode::kInvalidArgument, Message{"core.cli.reset_postgres"}, "reset", {}});
  }
  if (reset) {
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(common.database + suffix);
  }
  auto database = OpenMigrated(common, SizesOf(serve).database_connections);
  if (!database) return Report(database.error());
  if (auto confined = storage::RequireRowSecurity(**database); !confined) {
    return Report(confined.error());
  }
  SystemClock clock;
  app::App app(**database, clock, *options);
  auto sign_ins = app::LoadDemoNetwork(app);
  if (!sign_ins) return Report(sign_ins.error());
  std::cout << fmt::format("Demo network loaded into {}. Sign in with password « {} » as:\n",
                           storage::DescribeDatabase(common.database), app::kDemoPassword);
  for (const auto& sign_in : *sign_ins) {
    std::cout << fmt::format("  {:<45} {}\n", sign_in.email, sign_in.who);
  }
  if (auto served = RunServer(app, common, serve); !served) return Report(served.error());
  return 0;
}

int Init(const CommonOptions& common, const UserOptions& admin, const std::string& password_cost) {
  ConfigureLogging(common);
  if (!storage::IsPostgresUrl(common.database) && std::filesystem::exists(common.database)) {
    return Report(Error{ErrorCode::kAlreadyExists,
                        Message{"core.cli.init_exists", {{"database", common.database}}},
                        "database",
                        {}});
  }
  // A PostgreSQL database is created beforehand (createdb): it is new when it has no account.
  if (storage::IsPostgresUrl(common.database)) {
    if (auto accounts = CountAccounts(common); !accounts || *accounts > 0) {
      return Report(accounts
                        ? Error{ErrorCode::kAlreadyExists,
                                Message{"core.cli.init_has_accounts",
                                        {{"database", storage::DescribeDatabase(common.database)}}},
                                "database",
                                {}}
                        : accounts.error());
    }
  }
  UserOptions with_admin = admin;
  with_admin.platform_admin = true;
  return UserAdd(common, with_admin, password_cost);
}

int Migrate(const CommonOptions& common) {
  ConfigureLogging(common);
  auto database = OpenMigrated(common);
  if (!database) return Report(database.error());
  auto version = (*database)->SchemaVersion();
  if (!version) return Report(version.error());
  std::cout << fmt::format("{}: schema version {} ({})\n",
                           storage::DescribeDatabase(common.database), *version,
                           (*database)->BackendName());
  return 0;
}

int UserAdd(const CommonOptions& common, const UserOptions& user,
            const std::string& password_cost) {
  ConfigureLogging(common);
  auto added = [&]() -> Result<std::int64_t> {
    ENSEMBLE_TRY_STATUS(app::InitCrypto());
    const auto cost = ENSEMBLE_TRY(Cost(password_cost));
    const std::string email = ENSEMBLE_TRY(CheckEmail("email", user.email));
    const std::string name = ENSEMBLE_TRY(CheckText("name", user.name, 1, tenancy::kMaxNameChars));
    std::optional<tenancy::Role> role;
    if (user.structure) {
      role = tenancy::ParseRole(user.role);
      if (!role) return Fail(ErrorCode::kInvalidArgument, "core.cli.unknown_role", "role");
    }
    const std::string password = ENSEMBLE_TRY(ReadPassword());
    ENSEMBLE_TRY_STATUS(
        tenancy::CheckNewPassword("password", password, {email, name}, app::CommonPasswordList()));
    const std::string hash = ENSEMBLE_TRY(app::HashPassword(password, cost));
    auto database = ENSEMBLE_TRY(OpenMigrated(common));
    SystemClock clock;
    return database->InTransaction(
        storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
        [&](storage::Transaction& tx) -> Result<std::int64_t> {
          tenancy::Person person{0, name, email, user.platform_admin};
          auto id = tx.Tenancy().InsertPerson(person, hash, clock.Now());
          if (!id && id.error().code == ErrorCode::kAlreadyExists) {
            return Fail(ErrorCode::kAlreadyExists, "core.cli.email_taken", "email");
          }
          if (user.structure) {
            if (!ENSEMBLE_TRY(tx.Tenancy().FindStructure(*user.structure))) {
              return Fail(ErrorCode::kNotFound, "core.cli.no_structure", "structure");
            }
            ENSEMBLE_TRY_STATUS(tx.Tenancy().GrantRole({*id, *user.structure, *role}));
          }
          return id;
        });
  }();
  if (!added) return Report(added.error());
  std::cout << fmt::format("person {} added ({})\n", *added, user.email);
  return 0;
}

int UserPassword(const CommonOptions& common, const std::string& email_text,
                 const std::string& password_cost) {
  ConfigureLogging(common);
  auto changed = [&]() -> Status {
    ENSEMBLE_TRY_STATUS(app::InitCrypto());
    const auto cost = ENSEMBLE_TRY(Cost(password_cost));
    const std::string email = ENSEMBLE_TRY(CheckEmail("email", email_text));
    const std::string password = ENSEMBLE_TRY(ReadPassword());
    auto database = ENSEMBLE_TRY(OpenMigrated(common));
    SystemClock clock;
    // The hash is made before the write transaction, which may run more than once (a retry on
    // PostgreSQL) and should not stay open for the length of an Argon2id.
    const auto credentials = ENSEMBLE_TRY(database->InTransaction(
        storage::TransactionMode::kRead, storage::Scope::WholeDatabase(),
        [&](storage::Transaction& tx) { return tx.Tenancy().FindCredentialsByEmail(email); }));
    if (!credentials) return Fail(ErrorCode::kNotFound, "core.cli.no_account", "email");
    ENSEMBLE_TRY_STATUS(tenancy::CheckNewPassword("password", password,
                                                  {email, credentials->person.display_name},
                                                  app::CommonPasswordList()));
    const std::string hash = ENSEMBLE_TRY(app::HashPassword(password, cost));
    const tenancy::PersonId person = credentials->person.id;
    return database->InTransaction(
        storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
        [&](storage::Transaction& tx) -> Status {
          ENSEMBLE_TRY_STATUS(tx.Tenancy().UpdatePasswordHash(person, hash, clock.Now()));
          // A new password ends every open session of that person.
          return tx.Sessions().DeleteOtherSessions(person, /*keep_token_hash=*/"");
        });
  }();
  if (!changed) return Report(changed.error());
  std::cout << "password changed; open sessions closed\n";
  return 0;
}

int Backup(const CommonOptions& common, const std::string& target) {
  ConfigureLogging(common);
  storage::DatabaseOptions options;
  options.url = common.database;
  options.create_if_missing = false;
  options.pool_size = 1;
  auto database = storage::OpenDatabase(options);
  if (!database) return Report(database.error());
  if (auto copied = (*database)->BackupTo(target); !copied) return Report(copied.error());
  std::cout << fmt::format("backup written to {}\n", target);
  return 0;
}

int Copy(const CommonOptions& common, const std::string& from, const std::string& to) {
  ConfigureLogging(common);
  auto copied = [&]() -> Result<std::vector<storage::TableCopy>> {
    if (!to.starts_with("postgresql://") && !to.starts_with("postgres://")) {
      return Fail(ErrorCode::kInvalidArgument, "core.copy.target_not_postgres", "to");
    }
    storage::DatabaseOptions source_options;
    source_options.url = from;
    source_options.create_if_missing = false;
    auto source = ENSEMBLE_TRY(storage::OpenDatabase(source_options));
    storage::DatabaseOptions target_options;
    target_options.url = to;
    auto target = ENSEMBLE_TRY(storage::OpenDatabase(target_options));
    ENSEMBLE_TRY_STATUS(target->Migrate());
    std::cerr << fmt::format("copying {} into {}\n", from, storage::DescribeDatabase(to));
    // Progress goes to stderr, one line a table, rewritten in place while it grows.
    return storage::CopySqliteToPostgres(
        *source, *target, [](const std::string& table, std::int64_t done, std::int64_t total) {
          std::cerr << fmt::format("\r  {:<24} {:>9} / {:<9}", table, done, total)
                    << (done == total ? "\n" : "") << std::flush;
        });
  }();
  if (!copied) return Report(copied.error());
  std::int64_t rows = 0;
  for (const auto& table : *copied) {
    std::cout << fmt::format("{:<24} {:>9} rows  checksum {:016x}  identical\n", table.table,
                             table.rows, table.checksum);
    rows += table.rows;
  }
  std::cout << fmt::format("copied {} rows in {} tables; counts and checksums match\n", rows,
                           copied->size());
  return 0;
}

int AuditVerify(const CommonOptions& common) {
  ConfigureLogging(common);
  auto verified = [&]() -> Result<storage::VerifyReport> {
    ENSEMBLE_TRY_STATUS(app::InitCrypto());
    storage::DatabaseOptions options;
    options.url = common.database;
    options.create_if_missing = false;
    options.pool_size = 1;
    // Read only: a database kept as evidence is neither migrated nor sealed here.
    auto database = ENSEMBLE_TRY(storage::OpenDatabase(options));
    const int version = ENSEMBLE_TRY(database->SchemaVersion());
    if (version != database->LatestSchemaVersion()) {
      return Fail(ErrorCode::kConflict,
                  Message{"core.cli.schema_mismatch",
                          {{"version", version}, {"expected", database->LatestSchemaVersion()}}},
                  "database");
    }
    return database->InTransaction(
        storage::TransactionMode::kRead, storage::Scope::WholeDatabase(),
        [](storage::Transaction& tx) { return tx.Audit().VerifyAuditChains(); });
  }();
  if (!verified) return Report(verified.error());
  const auto name = [](std::int64_t chain, const std::string& structure) {
    return chain == 0 ? std::string("platform (lines no structure owns)")
                      : fmt::format("structure {} ({})", chain, structure);
  };
  std::int64_t lines = 0;
  for (const auto& chain : verified->chains) {
    lines += chain.lines;
    const std::string purged =
        chain.checkpoint_seq > 0
            ? fmt::format(", after the checkpoint of purged lines 1..{}", chain.checkpoint_seq)
            : std::string();
    std::cout << fmt::format("{}: {} lines checked, sequence {}..{}{}\n",
                             name(chain.chain, chain.chain_name), chain.lines,
                             chain.lines > 0 ? chain.checkpoint_seq + 1 : chain.checkpoint_seq,
                             chain.last_seq, purged);
  }
  if (verified->unsealed > 0) {
    std::cout << fmt::format(
        "{} lines not sealed yet, not checked (a running server seals them within a minute)\n",
        verified->unsealed);
  }
  if (const auto& broken = verified->broken) {
    const std::string chain_name = [&] {
      for (const auto& chain : verified->chains) {
        if (chain.chain == broken->chain) return name(chain.chain, chain.chain_name);
      }
      return name(broken->chain, "");
    }();
    std::cout << fmt::format("BROKEN: {}, line id {}, sequence {}: {}\n", chain_name, broken->id,
                             broken->seq, broken->reason);
    std::cerr << fmt::format(
        "ensemble: the audit log was altered: {} line id {} (sequence {}) is the first broken "
        "line\n",
        chain_name, broken->id, broken->seq);
    return 1;
  }
  std::cout << fmt::format("audit log intact: {} chains, {} sealed lines verified\n",
                           verified->chains.size(), lines);
  return 0;
}

}  // namespace ensemble::cli
