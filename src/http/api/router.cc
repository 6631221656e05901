#include "http/api/router.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

#include "http/api/origin.h"
#include "http/api/route_match.h"
#include "http/error_mapping.h"

namespace ensemble::http {
namespace {

bool IsStateChanging(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string_view SessionCookieName(bool secure) {
  // Behind TLS the __Host- prefix makes browsers refuse the cookie unless it is Secure, has
  // Path=/ and no Domain: a sibling subdomain or a plain-HTTP page cannot plant or overwrite it.
  return secure ? kSecureSessionCookie : kSessionCookie;
}

std::string SessionCookie(std::string_view token, bool secure, std::int64_t max_age_seconds) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
                     SessionCookieName(secure), token, max_age_seconds, secure ? "; Secure" : "");
}

std::string ClearedSessionCookie(bool secure) {
  return fmt::format("{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}", SessionCookieName(secure),
                     secure ? "; Secure" : "");
}

Result<app::Caller> Router::Authenticate(const Request& request) const {
  const std::string token = request.Cookie(SessionCookieName(options_.secure_cookies));
  if (token.empty()) return Fail(ErrorCode::kUnauthenticated, "core.auth.required");
  return modules_->tenancy.Authenticate(token);
}

Status Router::CheckCsrf(const Request& request, const app::Caller& caller) const {
  if (IsStateChanging(request.method) &&
      !SameSecret(request.Header(kCsrfHeader), caller.csrf_token)) {
    return Fail(ErrorCode::kCsrfFailed, "core.csrf.token");
  }
  return Ok();
}

Result<Response> Router::Dispatch(const Request& request, Language& language) const {
  bool path_known = false;
  for (const Route& route : routes_) {
    auto params = MatchRoute(route.pattern, request.path);
    if (!params) continue;
    path_known = true;
    const bool method_matches =
        route.method == request.method || (route.method == "GET" && request.method == "HEAD");
    if (!method_matches) continue;
    RouteContext context{request, std::move(*params), std::nullopt, language};
    if (route.access == Access::kSignedIn) {
      context.caller = ENSEMBLE_TRY(Authenticate(request));
      // Known before the CSRF check, so that a refusal is worded in her language too.
      language = context.language = context.caller->language;
      ENSEMBLE_TRY_STATUS(CheckCsrf(request, *context.caller));
    } else if (route.access == Access::kPublic && IsStateChanging(request.method)) {
      ENSEMBLE_TRY_STATUS(CheckSameOrigin(request, options_.secure_cookies));
    }
    return route.handler(context);
  }
  if (path_known) {
    return Fail(ErrorCode::kMethodNotAllowed,
                Message{"core.http.method_not_allowed", {{"method", request.method}}});
  }
  return Fail(ErrorCode::kNotFound, "core.http.unknown_path");
}

Response Router::Handle(const Request& request) const {
  Language language = RequestLanguage(request);
  auto response = Dispatch(request, language);
  if (!response) {
    Response error = ErrorResponse(response.error(), language);
    // A dead session also loses its cookie, so the browser stops sending it.
    if (response.error().code == ErrorCode::kUnauthenticated &&
        !request.Cookie(SessionCookieName(options_.secure_cookies)).empty()) {
      error.headers.emplace_back("Set-Cookie", ClearedSessionCookie(options_.secure_cookies));
    }
    return error;
  }
  return std::move(*response);
}

bool Router::TakesUpload(std::string_view method, std::string_view target) const {
  const std::string_view path = target.substr(0, target.find('?'));
  return std::any_of(routes_.begin(), routes_.end(), [&](const Route& route) {
    return route.upload && route.method == method && MatchRoute(route.pattern, path).has_value();
  });
}

}  // namespace ensemble::http
