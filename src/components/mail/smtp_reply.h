// The reading of what an SMTP server says (RFC 5321 4.2): a reply is one or more lines
// "250-text" ... "250 text", each ending in CRLF, all with the same three-digit code; and the
// EHLO reply's list of extensions. The bytes come from the network, so the parser is strict
// and bounded (a line of at most 1000 bytes, at most 100 lines) and has a fuzz target
// (fuzz/smtp_reply_fuzz.cc). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ensemble::mail {

inline constexpr std::size_t kMaxReplyLine = 1000;  // bytes, CRLF included
inline constexpr std::size_t kMaxReplyLines = 100;

struct SmtpReply {
  int code = 0;                    // 200 to 559
  std::vector<std::string> lines;  // the text of each line, after the code and its separator
  // "550 5.1.1 no such user": the code and the lines joined by spaces, for messages and logs.
  std::string Summary() const;
  friend bool operator==(const SmtpReply&, const SmtpReply&) = default;
};

struct ParsedReply {
  SmtpReply reply;
  std::size_t consumed = 0;  // the bytes of input the reply took, its last CRLF included
};

// The first reply at the start of `input`: nullopt when its last line has not arrived yet,
// kInvalidArgument (field "reply") when the bytes cannot be a reply: a code out of range or
// changing between lines, a separator other than space or '-', a bare CR or LF, a control
// character in the text, a line or a reply over the bounds.
Result<std::optional<ParsedReply>> ParseReply(std::string_view input);

// The reply written back as a server would send it: "250-a\r\n250 b\r\n".
std::string SerializeReply(const SmtpReply& reply);

// What the EHLO reply says the server can do.
struct Extensions {
  bool starttls = false;
  bool auth_plain = false;
  bool auth_login = false;
  std::optional<std::uint64_t> size;  // SIZE n: the largest message it takes; 0 means no limit
};

// Reads the extension lines of an EHLO reply (all lines but the first, the greeting), keywords
// and AUTH mechanisms case-insensitively; unknown ones are ignored.
Extensions ParseExtensions(const SmtpReply& ehlo);

}  // namespace ensemble::mail
