// SMTP replies on any bytes a server could send (components/mail/smtp_reply.h). ParseReply
// answers an error, "not yet" or one reply; a reply it answers is well formed (a code in the
// classes of RFC 5321, one line at least, no line break inside a line), ends with the CRLF it
// consumed, comes back the same when written out and read again, and any shorter prefix of it
// is still waiting for its last line. ParseExtensions takes any reply.
#include <string>

#include "components/mail/smtp_reply.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {

void FuzzSmtpReply(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parsed = mail::ParseReply(input);
  if (!parsed) {
    ENSEMBLE_FUZZ_CHECK(parsed.error().field == "reply");
    return;
  }
  if (!*parsed) return;
  const mail::SmtpReply& reply = (*parsed)->reply;
  const std::size_t consumed = (*parsed)->consumed;
  ENSEMBLE_FUZZ_CHECK(consumed >= 5 && consumed <= size);
  ENSEMBLE_FUZZ_CHECK(input.substr(0, consumed).ends_with("\r\n"));
  ENSEMBLE_FUZZ_CHECK(reply.code >= 200 && reply.code <= 559);
  ENSEMBLE_FUZZ_CHECK(!reply.lines.empty() && reply.lines.size() <= mail::kMaxReplyLines);
  for (const auto& line : reply.lines) {
    ENSEMBLE_FUZZ_CHECK(line.find_first_of("\r\n") == std::string::npos);
  }

  const std::string written = mail::SerializeReply(reply);
  const auto again = mail::ParseReply(written);
  ENSEMBLE_FUZZ_CHECK(again && *again);
  ENSEMBLE_FUZZ_CHECK((*again)->reply == reply && (*again)->consumed == written.size());

  for (const std::size_t cut : {consumed - 1, consumed / 2, std::size_t{0}}) {
    const auto prefix = mail::ParseReply(input.substr(0, cut));
    ENSEMBLE_FUZZ_CHECK(prefix && !*prefix);
  }
  (void)mail::ParseExtensions(reply);
}

}  // namespace ensemble::fuzz
