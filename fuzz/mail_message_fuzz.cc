// A queued mail's JSON payload on any bytes (components/mail/message_json.h), then its rendering
// (components/mail/message.h). FromJson answers an error or a message; a message that renders is
// 7-bit printable text (and tabs in bodies) in CRLF lines of at most 78 columns, or of at most
// 998 (RFC 5322's hard limit) for a header line that holds one word too long to fold (a long
// address, Message-ID or content-type parameter). It keeps its headers its own: the header block
// holds exactly the header names Render writes, once each, whatever the subject or the names
// carry. A message that does not render names the field at fault.
#include <algorithm>
#include <set>
#include <string>

#include "components/mail/message.h"
#include "components/mail/message_json.h"
#include "components/mail/mime.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {

void FuzzMailMessage(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto message = mail::FromJson(input);
  if (!message) return;
  mail::RenderOptions options;
  options.date = 1'796'189'315'000;
  options.id_domain = "fuzz.example";
  options.random = [](std::span<std::byte> out) {
    for (auto& b : out) b = std::byte{0x5a};
  };
  const auto rendered = mail::Render(*message, options);
  if (!rendered) {
    ENSEMBLE_FUZZ_CHECK(!rendered.error().field.empty());
    return;
  }
  const std::string& bytes = rendered->bytes;
  ENSEMBLE_FUZZ_CHECK(bytes.ends_with("\r\n"));
  std::multiset<std::string> headers;
  bool in_headers = true;
  std::size_t start = 0;
  while (start < bytes.size()) {
    const auto end = bytes.find("\r\n", start);
    ENSEMBLE_FUZZ_CHECK(end != std::string::npos);
    const std::string_view line(bytes.data() + start, end - start);
    ENSEMBLE_FUZZ_CHECK(line.size() <= 998);
    if (line.size() > mail::kLineLimit) {
      ENSEMBLE_FUZZ_CHECK(std::count(line.begin(), line.end(), ' ') == 1);
    }
    // Quoted-printable keeps a tab inside a line; headers carry none.
    for (const char c : line) {
      ENSEMBLE_FUZZ_CHECK((c >= 0x20 && c < 0x7f) || (c == '\t' && !in_headers));
    }
    if (in_headers) {
      if (line.empty()) {
        in_headers = false;
      } else if (line.front() != ' ') {
        const auto colon = line.find(':');
        ENSEMBLE_FUZZ_CHECK(colon != std::string_view::npos);
        headers.insert(std::string(line.substr(0, colon)));
      }
    }
    start = end + 2;
  }
  const std::set<std::string> allowed = {
      "Date",    "From",       "To",           "Cc",           "Reply-To",
      "Subject", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"};
  for (const auto& name : headers) {
    ENSEMBLE_FUZZ_CHECK(allowed.contains(name));
    ENSEMBLE_FUZZ_CHECK(headers.count(name) == 1);
  }
}

}  // namespace ensemble::fuzz
