// The subcommands of the ensemble program. Each returns the process exit code; errors are
// printed to stderr with what to do about them.
#pragma once

#include <optional>
#include <string>

#include "app/passwords.h"

namespace ensemble::cli {

struct CommonOptions {
  std::string database = "ensemble.db";
  std::string log_level = "info";
};

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string web_root = "web/dist";
  int threads = 0;
  bool secure_cookies = false;
  bool behind_proxy = false;
  std::string password_cost = "interactive";
  int audit_retention_months = 12;  // CNIL délibération 2021-122
  // Outgoing mail; without a host, mail jobs stay queued. The password is read from the
  // environment variable named by smtp_password_env, never from a flag.
  std::string smtp_host;
  int smtp_port = 0;                       // 0: after the security
  std::string smtp_security = "starttls";  // none, starttls, tls
  std::string smtp_user;
  std::string smtp_password_env = "ENSEMBLE_SMTP_PASSWORD";
  std::string smtp_from = "ne-pas-repondre@ensemble.invalid";
  std::string public_url;  // joined before the links in mails: "https://ensemble.example"
  int digest_hour = 7;     // Paris time
  // The maps' tile server, as a URL template with {z}, {x} and {y} (and {s} for subdomains);
  // empty: maps show their markers on a plain background and as a list. Its origin is allowed
  // by the Content-Security-Policy's img-src. The attribution is the tile server's licence line.
  std::string map_tiles;
  std::string map_attribution;
  // Who runs the service, for the legal notice, the privacy and accessibility pages and help.
  std::string operator_name;
  std::string operator_address;
  std::string operator_email;
  std::string publication_director;
  std::string accessibility_contact;
  // LibreOffice, to convert uploaded .xls: "auto" finds Debian's, "none" refuses .xls.
  std::string soffice = "auto";
};

struct UserOptions {
  std::string email;
  std::string name;
  std::optional<std::int64_t> structure;
  std::string role;
  bool platform_admin = false;
};

int Serve(const CommonOptions& common, const ServeOptions& serve);
int Demo(const CommonOptions& common, const ServeOptions& serve, bool reset);
int Init(const CommonOptions& common, const UserOptions& admin, const std::string& password_cost);
int Migrate(const CommonOptions& common);
int UserAdd(const CommonOptions& common, const UserOptions& user, const std::string& password_cost);
int UserPassword(const CommonOptions& common, const std::string& email,
                 const std::string& password_cost);
int Backup(const CommonOptions& common, const std::string& target);
int Copy(const CommonOptions& common, const std::string& from, const std::string& to);
// Checks every audit chain and names the first broken line; exit code 1 when one is.
int AuditVerify(const CommonOptions& common);

}  // namespace ensemble::cli
