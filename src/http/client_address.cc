#include "http/client_address.h"

namespace ensemble::http {
namespace {

// Optional white space around list entries (RFC 9110 § 5.6.3): a space or a tab.
bool IsOws(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string ClientAddress(std::string_view forwarded, const std::string& peer, bool trust_proxy) {
  if (!trust_proxy) return peer;
  if (const auto comma = forwarded.rfind(','); comma != std::string_view::npos) {
    forwarded.remove_prefix(comma + 1);
  }
  while (!forwarded.empty() && IsOws(forwarded.front())) forwarded.remove_prefix(1);
  while (!forwarded.empty() && IsOws(forwarded.back())) forwarded.remove_suffix(1);
  return forwarded.empty() ? peer : std::string(forwarded);
}

}  // namespace ensemble::http
