// Matches a request to a route of the table, resolves the session for routes that need one,
// enforces CSRF on state-changing requests, and turns errors into the one JSON error shape.
//
// Thread-safety: routes are added before serving starts; Handle is then called concurrently.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/modules.h"
#include "core/error.h"
#include "http/api/route_match.h"
#include "http/message.h"

namespace ensemble::http {

inline constexpr std::string_view kSessionCookie = "ensemble_session";
inline constexpr std::string_view kSecureSessionCookie = "__Host-ensemble_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

// kPublic: anybody; a state-changing request must come from our own pages (same origin).
// kSignedIn: a session, and its CSRF token on a state-changing request.
// kSecretPath: the path holds a secret that is the credential (ODK Collect's /openrosa/<token>/);
//   no cookie is read, so a cross-site request can do nothing a holder of the secret cannot:
//   neither origin nor CSRF token is asked (Collect sends neither).
enum class Access { kPublic, kSignedIn, kSecretPath };

struct RouteContext {
  const Request& request;
  PathParams params;
  std::optional<app::Caller> caller;  // set for Access::kSignedIn routes
  // The language to answer in: hers when signed in, else the request's Accept-Language, else
  // French.
  Language language = Language::kFrench;

  const app::Caller& Signed() const { return *caller; }
  const tenancy::Actor& actor() const { return caller->actor; }
};

using RouteHandler = std::function<Result<Response>(RouteContext&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/structures/{id}"
  Access access = Access::kSignedIn;
  RouteHandler handler;
  // Takes files (ServerOptions::max_upload_bytes rather than max_body_bytes).
  bool upload = false;
};

// What the pages about the service say (legal notice, privacy, accessibility, help): who runs
// it and how long it keeps what. Empty strings are settings the operator left out.
struct AboutSettings {
  std::string operator_name;
  std::string operator_address;
  std::string operator_email;
  std::string publication_director;
  std::string accessibility_contact;
  std::int64_t audit_log_months = 12;
};

struct RouterOptions {
  bool secure_cookies = false;  // add Secure to cookies (set when served behind TLS)
  // The server's limit on upload bodies (ServerOptions::max_upload_bytes), which OpenRosa
  // clients are told so that they split their submissions under it.
  std::size_t max_upload_bytes = 32 * 1024 * 1024;
  // The address people open ("https://ensemble.example"), put before the URLs the API shows
  // (a calendar feed's); empty: the path alone.
  std::string public_url;
  // The maps' tile server (a URL template) and its licence line, for the pages; empty: none.
  std::string map_tiles;
  std::string map_attribution;
  AboutSettings about;
};

class Router {
 public:
  // Builds every module's use cases over `app`; routes hold references to them.
  Router(app::App& app, RouterOptions options)
      : modules_(std::make_shared<app::Modules>(app)), options_(options) {}

  app::Modules& modules() const { return *modules_; }

  void Add(Route route) { routes_.push_back(std::move(route)); }
  Response Handle(const Request& request) const;
  // Whether the request's first line names an upload route (its target as sent, query and all):
  // the server reads its body under the larger limit.
  bool TakesUpload(std::string_view method, std::string_view target) const;
  const std::vector<Route>& routes() const { return routes_; }
  const RouterOptions& options() const { return options_; }

 private:
  // Sets `language` to the caller's once she is known.
  Result<Response> Dispatch(const Request& request, Language& language) const;
  Result<app::Caller> Authenticate(const Request& request) const;
  Status CheckCsrf(const Request& request, const app::Caller& caller) const;

  // Shared so that a copied router keeps the use cases its routes refer to.
  std::shared_ptr<app::Modules> modules_;
  RouterOptions options_;
  std::vector<Route> routes_;
};

// The session cookie's name: __Host-ensemble_session behind TLS, ensemble_session otherwise.
std::string_view SessionCookieName(bool secure);
// The session cookie for a new session (kept as long as a session may live,
// AppOptions::session_absolute_timeout), or one that clears it.
std::string SessionCookie(std::string_view token, bool secure, std::int64_t max_age_seconds);
std::string ClearedSessionCookie(bool secure);

// Builds the router with every route of the API (routes.cc).
Router BuildApiRouter(app::App& app, RouterOptions options);

}  // namespace ensemble::http
