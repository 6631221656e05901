// The address a request came from, for throttling and the access log. Free of Beast, so that
// the fuzz target and the tests link it without the server.
#pragma once

#include <string>
#include <string_view>

namespace ensemble::http {

// The peer, or behind our proxy (`trust_proxy`) the entry of X-Forwarded-For that the proxy
// appended last: the entries before it are whatever the client chose to send.
std::string ClientAddress(std::string_view forwarded, const std::string& peer, bool trust_proxy);

}  // namespace ensemble::http
