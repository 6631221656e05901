// ensemble: the server and its administration commands. Settings come, by priority, from
// flags, then ENSEMBLE_* environment variables, then the config file (TOML), then defaults.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace {

void AddServeOptions(CLI::App& command, ensemble::cli::ServeOptions& serve) {
  command.add_option("--listen", serve.listen, "address and port to listen on (port 0: any free)")
      ->envname("ENSEMBLE_LISTEN")
      ->capture_default_str();
  command.add_option("--web-root", serve.web_root, "folder of the built web pages")
      ->envname("ENSEMBLE_WEB_ROOT")
      ->capture_default_str();
  command
      .add_option("--threads", serve.threads,
                  "server threads (0: one per core); the workers, queue, database connections "
                  "and hashing slots follow from it (see the README)")
      ->envname("ENSEMBLE_THREADS")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  command
      .add_flag("--secure-cookies", serve.secure_cookies,
                "mark cookies Secure (set it when a TLS proxy is in front)")
      ->envname("ENSEMBLE_SECURE_COOKIES");
  command
      .add_flag("--behind-proxy", serve.behind_proxy,
                "take the client's address from the last X-Forwarded-For entry (only behind "
                "your own reverse proxy)")
      ->envname("ENSEMBLE_BEHIND_PROXY");
  command
      .add_option("--password-cost", serve.password_cost,
                  "Argon2id cost: min (tests only), interactive, moderate")
      ->envname("ENSEMBLE_PASSWORD_COST")
      ->check(CLI::IsMember({"min", "interactive", "moderate"}))
      ->capture_default_str();
  command
      .add_option("--audit-retention-months", serve.audit_retention_months,
                  "audit lines older than this many months are purged, leaving a checkpoint "
                  "(CNIL délibération 2021-122: 6 to 12 months)")
      ->envname("ENSEMBLE_AUDIT_RETENTION_MONTHS")
      ->check(CLI::Range(1, 120))
      ->capture_default_str();
  command
      .add_option("--smtp-host", serve.smtp_host, "SMTP server for outgoing mail (none: queued)")
      ->envname("ENSEMBLE_SMTP_HOST");
  command.add_option("--smtp-port", serve.smtp_port, "SMTP port (0: 25, 587 or 465 by security)")
      ->envname("ENSEMBLE_SMTP_PORT")
      ->check(CLI::Range(0, 65535));
  command.add_option("--smtp-security", serve.smtp_security, "none, starttls or tls")
      ->envname("ENSEMBLE_SMTP_SECURITY")
      ->check(CLI::IsMember({"none", "starttls", "tls"}))
      ->capture_default_str();
  command.add_option("--smtp-user", serve.smtp_user, "SMTP user (none: no AUTH)")
      ->envname("ENSEMBLE_SMTP_USER");
  command
      .add_option("--smtp-password-env", serve.smtp_password_env,
                  "the environment variable holding the SMTP password")
      ->capture_default_str();
  command.add_option("--soffice", serve.soffice,
                     "LibreOffice's program to convert uploaded .xls ('auto': Debian's if "
                     "installed; 'none': refuse .xls)");
  command.add_option("--smtp-from", serve.smtp_from, "sender address of outgoing mail")
      ->envname("ENSEMBLE_SMTP_FROM")
      ->capture_default_str();
  command.add_option("--public-url", serve.public_url, "the address people open, for mail links")
      ->envname("ENSEMBLE_PUBLIC_URL");
  command
      .add_option("--map-tiles", serve.map_tiles,
                  "tile server of the maps, https://…/{z}/{x}/{y}.png (none: markers listed)")
      ->envname("ENSEMBLE_MAP_TILES");
  command
      .add_option("--map-attribution", serve.map_attribution,
                  "the licence line the tile server asks for (© OpenStreetMap contributors…)")
      ->envname("ENSEMBLE_MAP_ATTRIBUTION");
  command
      .add_option("--operator-name", serve.operator_name, "who runs this service (legal notice)")
      ->envname("ENSEMBLE_OPERATOR_NAME");
  command.add_option("--operator-address", serve.operator_address, "its postal address")
      ->envname("ENSEMBLE_OPERATOR_ADDRESS");
  command
      .add_option("--operator-email", serve.operator_email, "its contact address (help, privacy)")
      ->envname("ENSEMBLE_OPERATOR_EMAIL");
  command
      .add_option("--publication-director", serve.publication_director,
                  "the director of publication (legal notice)")
      ->envname("ENSEMBLE_PUBLICATION_DIRECTOR");
  command
      .add_option("--accessibility-contact", serve.accessibility_contact,
                  "where people report an accessibility problem (accessibility statement)")
      ->envname("ENSEMBLE_ACCESSIBILITY_CONTACT");
  command.add_option("--digest-hour", serve.digest_hour, "hour of the daily digest, Paris time")
      ->envname("ENSEMBLE_DIGEST_HOUR")
      ->check(CLI::Range(0, 23))
      ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Ensemble: the cooperation platform of networks of centres sociaux."};
  cli.require_subcommand(1);
  // Global options (--database, --config) may also follow the subcommand.
  cli.fallthrough();
  cli.set_config("--config", "ensemble.toml", "configuration file (TOML)");
  ensemble::cli::CommonOptions common;
  cli.add_option("--database", common.database,
                 "SQLite database file, or postgresql://user@host/database")
      ->envname("ENSEMBLE_DATABASE")
      ->capture_default_str();
  cli.add_option("--log-level", common.log_level, "trace, debug, info, warn, error")
      ->envname("ENSEMBLE_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();

  ensemble::cli::ServeOptions serve;
  auto* serve_command = cli.add_subcommand("serve", "serve the web pages and the API");
  AddServeOptions(*serve_command, serve);

  bool reset = false;
  auto* demo_command =
      cli.add_subcommand("demo", "create a database with the Roubaix demo network, then serve it");
  AddServeOptions(*demo_command, serve);
  demo_command->add_flag("--reset", reset, "delete the database file first if it exists");

  ensemble::cli::UserOptions user;
  std::string password_cost = "interactive";
  auto* init_command = cli.add_subcommand(
      "init",
      "create a new database with a first administrator (password read from standard "
      "input or ENSEMBLE_PASSWORD)");
  init_command->add_option("--email", user.email, "administrator's e-mail")->required();
  init_command->add_option("--name", user.name, "administrator's name")->required();
  init_command->add_option("--password-cost", password_cost)->envname("ENSEMBLE_PASSWORD_COST");

  auto* migrate_command =
      cli.add_subcommand("migrate", "apply the schema migrations and print the schema version");

  auto* user_command = cli.add_subcommand("user", "manage accounts");
  user_command->require_subcommand(1);
  auto* user_add = user_command->add_subcommand(
      "add", "add a person (password from standard input or ENSEMBLE_PASSWORD)");
  user_add->add_option("--email", user.email)->required();
  user_add->add_option("--name", user.name)->required();
  user_add->add_option("--structure", user.structure, "structure id to grant a role in");
  user_add->add_option("--role", user.role, "role in that structure (director, staff, ...)");
  user_add->add_flag("--platform-admin", user.platform_admin);
  user_add->add_option("--password-cost", password_cost)->envname("ENSEMBLE_PASSWORD_COST");
  auto* user_password = user_command->add_subcommand(
      "password", "set a person's password (from standard input or ENSEMBLE_PASSWORD)");
  user_password->add_option("--email", user.email)->required();
  user_password->add_option("--password-cost", password_cost)->envname("ENSEMBLE_PASSWORD_COST");

  std::string backup_target;
  auto* backup_command = cli.add_subcommand(
      "backup", "copy the database to a new file, consistently, while it keeps serving");
  backup_command->add_option("--to", backup_target, "the new file")->required();

  std::string copy_from;
  std::string copy_to;
  auto* copy_command = cli.add_subcommand(
      "copy",
      "copy a whole SQLite database into an empty PostgreSQL one, then compare each table's "
      "rows and checksum");
  copy_command->add_option("--from", copy_from, "the SQLite file")->required();
  copy_command->add_option("--to", copy_to, "postgresql://user@host/database, empty")->required();

  auto* audit_command = cli.add_subcommand("audit", "the audit log");
  audit_command->require_subcommand(1);
  auto* audit_verify = audit_command->add_subcommand(
      "verify",
      "check every hash chain of the audit log and name the first broken line (exit code 1)");

  CLI11_PARSE(cli, argc, argv);

  using namespace ensemble::cli;
  if (*serve_command) return Serve(common, serve);
  if (*demo_command) return Demo(common, serve, reset);
  if (*init_command) return Init(common, user, password_cost);
  if (*migrate_command) return Migrate(common);
  if (*user_add) return UserAdd(common, user, password_cost);
  if (*user_password) return UserPassword(common, user.email, password_cost);
  if (*backup_command) return Backup(common, backup_target);
  if (*copy_command) return Copy(common, copy_from, copy_to);
  if (*audit_verify) return AuditVerify(common);
  return 2;
}
