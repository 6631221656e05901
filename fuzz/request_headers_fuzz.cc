// Header parsing on any header values: the first line of the input is a cookie name, the second
// an X-Forwarded-For value, the rest the Cookie header. Request::Cookie (http/message.h) answers
// the value of a pair of that name or nothing; ClientAddress (http/client_address.h) answers the
// peer, or behind the proxy the last entry of the list, trimmed, never a list or a blank.
#include <string>

#include "fuzz/fuzz_target.h"
#include "http/client_address.h"
#include "http/message.h"

namespace ensemble::fuzz {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

void CheckCookie(const http::Request& request, std::string_view name) {
  const std::string value = request.Cookie(name);
  if (value.empty()) return;
  ENSEMBLE_FUZZ_CHECK(value.find(';') == std::string::npos);
  const std::string pair = std::string(name) + "=" + value;
  ENSEMBLE_FUZZ_CHECK(request.Header("cookie").find(pair) != std::string_view::npos);
}

void CheckClientAddress(std::string_view forwarded) {
  const std::string peer = "192.0.2.7";
  ENSEMBLE_FUZZ_CHECK(http::ClientAddress(forwarded, peer, false) == peer);

  const std::string address = http::ClientAddress(forwarded, peer, true);
  ENSEMBLE_FUZZ_CHECK(!address.empty());
  if (address == peer) return;
  ENSEMBLE_FUZZ_CHECK(address.find(',') == std::string::npos);
  ENSEMBLE_FUZZ_CHECK(!IsBlank(address.front()) && !IsBlank(address.back()));
  // rfind answers npos without a comma, and npos + 1 is the whole value.
  const std::string_view last = forwarded.substr(forwarded.rfind(',') + 1);
  ENSEMBLE_FUZZ_CHECK(last.find(address) != std::string_view::npos);
}

}  // namespace

void FuzzRequestHeaders(const std::uint8_t* data, std::size_t size) {
  Lines input(data, size);
  const std::string_view name = input.Next();
  const std::string_view forwarded = input.Next();
  http::Request request;
  request.headers.emplace_back("cookie", std::string(input.Rest()));
  request.headers.emplace_back("x-forwarded-for", std::string(forwarded));

  CheckCookie(request, name);
  CheckCookie(request, "ensemble_session");
  CheckClientAddress(request.Header("x-forwarded-for"));
}

}  // namespace ensemble::fuzz
