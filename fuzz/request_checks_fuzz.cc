// The checks on a request that carries no session yet: the first line of the input is a Host
// header, the second an Origin, the third a Sec-Fetch-Site, the rest a Content-Type.
// CheckSameOrigin (http/api/origin.h) passes only an Origin that names the Host with the expected
// scheme; CheckJsonContentType (http/api/json_body.h) passes only application/json.
#include <string>

#include "core/text.h"
#include "fuzz/fuzz_target.h"
#include "http/api/json_body.h"
#include "http/api/origin.h"

namespace ensemble::fuzz {
namespace {

void CheckOrigin(const http::Request& request, bool tls) {
  const auto checked = http::CheckSameOrigin(request, tls);
  if (!checked) {
    ENSEMBLE_FUZZ_CHECK(checked.error().code == ErrorCode::kCsrfFailed);
    return;
  }
  const std::string_view origin = request.Header("origin");
  if (origin.empty()) return;
  // Passed: the Origin is the expected scheme, then the Host (up to a default port).
  const std::string prefix = tls ? "https://" : "http://";
  ENSEMBLE_FUZZ_CHECK(origin.starts_with(prefix));
  const std::string authority = AsciiLower(origin.substr(prefix.size()));
  const std::string host = AsciiLower(request.Header("host"));
  ENSEMBLE_FUZZ_CHECK(authority.find_first_of("/?#@") == std::string::npos);
  const std::string_view default_port = tls ? ":443" : ":80";
  const auto without_default = [&](std::string text) {
    if (text.ends_with(default_port)) text.resize(text.size() - default_port.size());
    return text;
  };
  ENSEMBLE_FUZZ_CHECK(without_default(authority) == without_default(host));
}

}  // namespace

void FuzzRequestChecks(const std::uint8_t* data, std::size_t size) {
  Lines input(data, size);
  http::Request request;
  request.headers.emplace_back("host", std::string(input.Next()));
  request.headers.emplace_back("origin", std::string(input.Next()));
  request.headers.emplace_back("sec-fetch-site", std::string(input.Next()));
  const std::string content_type(input.Rest());
  CheckOrigin(request, false);
  CheckOrigin(request, true);

  const auto type = http::CheckJsonContentType(content_type);
  if (type) {
    ENSEMBLE_FUZZ_CHECK(AsciiLower(content_type).find("application/json") != std::string::npos);
  } else {
    ENSEMBLE_FUZZ_CHECK(type.error().code == ErrorCode::kUnsupportedMedia);
  }
}

}  // namespace ensemble::fuzz
