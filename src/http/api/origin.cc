#include "http/api/origin.h"

#include "core/text.h"

namespace ensemble::http {
namespace {

// "host:port" lower-cased, without the scheme's default port, so that "http://a.org" and
// a Host header "a.org:80" are the same origin.
std::string NormalisedAuthority(std::string_view authority, std::string_view scheme) {
  const std::string lower = AsciiLower(authority);
  std::string_view kept(lower);
  const std::string_view default_port = scheme == "https" ? ":443" : ":80";
  if (kept.ends_with(default_port)) kept.remove_suffix(default_port.size());
  return std::string(kept);
}

}  // namespace

Status CheckSameOrigin(const Request& request, bool served_over_tls) {
  const std::string_view site = request.Header("sec-fetch-site");
  if (!site.empty() && site != "same-origin" && site != "none") {
    return Fail(ErrorCode::kCsrfFailed, "core.csrf.cross_site");
  }
  const std::string_view origin = request.Header("origin");
  // Browsers send Origin on every POST, PUT, PATCH and DELETE they make, same-origin or not;
  // only a same-origin fetch that says so through Fetch Metadata may go without one.
  if (origin.empty()) {
    if (site == "same-origin") return Ok();
    return Fail(ErrorCode::kCsrfFailed, "core.csrf.origin_missing");
  }
  const std::string_view expected_scheme = served_over_tls ? "https" : "http";
  const auto scheme_end = origin.find("://");
  const std::string_view scheme =
      scheme_end == std::string_view::npos ? std::string_view() : origin.substr(0, scheme_end);
  const std::string_view authority =
      scheme_end == std::string_view::npos ? std::string_view() : origin.substr(scheme_end + 3);
  const bool same =
      scheme == expected_scheme && !authority.empty() &&
      authority.find_first_of("/?#@") == std::string_view::npos &&
      NormalisedAuthority(authority, scheme) == NormalisedAuthority(request.Header("host"), scheme);
  if (!same) return Fail(ErrorCode::kCsrfFailed, "core.csrf.cross_origin");
  return Ok();
}

}  // namespace ensemble::http
