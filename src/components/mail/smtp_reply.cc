#include "components/mail/smtp_reply.h"

#include <charconv>

#include "core/text.h"

namespace ensemble::mail {
namespace {

// What is wrong with the reply, for the log, stays in English in the context.
std::unexpected<Error> Malformed(std::string detail) {
  return std::unexpected(Error{ErrorCode::kInvalidArgument,
                               ensemble::Message{"mail.reply.malformed"}, "reply",
                               std::move(detail)});
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Tab and printable ASCII (RFC 5321 textstring), and bytes above 0x7f: some servers word their
// texts in UTF-8, and the text is only ever shown, never interpreted.
bool IsTextByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
    if (end > i) words.emplace_back(text.substr(i, end - i));
    i = end;
  }
  return words;
}

}  // namespace

std::string SmtpReply::Summary() const {
  std::string out = std::to_string(code);
  for (const auto& line : lines) {
    if (!line.empty()) out += " " + line;
  }
  return out;
}

Result<std::optional<ParsedReply>> ParseReply(std::string_view input) {
  ParsedReply parsed;
  std::size_t position = 0;
  while (true) {
    const std::string_view rest = input.substr(position);
    const auto end = rest.find('\n');
    if (end == std::string_view::npos) {
      // The line has not ended yet; a stray CR or a line over the bound can be refused now.
      if (rest.size() >= kMaxReplyLine) return Malformed("line too long");
      const auto cr = rest.find('\r');
      if (cr != std::string_view::npos && cr + 1 < rest.size()) {
        return Malformed("lone carriage return");
      }
      return std::nullopt;
    }
    if (end + 1 > kMaxReplyLine) return Malformed("line too long");
    if (end == 0 || rest[end - 1] != '\r') return Malformed("line end without CR");
    const std::string_view line = rest.substr(0, end - 1);
    if (line.size() < 3 || !IsDigit(line[0]) || !IsDigit(line[1]) || !IsDigit(line[2])) {
      return Malformed("three-digit code expected");
    }
    int code = 0;
    std::from_chars(line.data(), line.data() + 3, code);
    // RFC 5321 4.2.1: the first digit is 2 to 5, the second 0 to 5.
    if (line[0] < '2' || line[0] > '5' || line[1] > '5')
      return Malformed("code outside the reply classes");
    if (parsed.reply.lines.empty()) {
      parsed.reply.code = code;
    } else if (code != parsed.reply.code) {
      return Malformed("the code changes from one line to the next");
    }
    bool last = true;
    if (line.size() > 3) {
      if (line[3] == '-') {
        last = false;
      } else if (line[3] != ' ') {
        return Malformed("space or hyphen expected after the code");
      }
    }
    const std::string_view text = line.size() > 4 ? line.substr(4) : std::string_view();
    for (const char c : text) {
      if (!IsTextByte(c)) return Malformed("control character in the text");
    }
    if (parsed.reply.lines.size() == kMaxReplyLines) return Malformed("too many lines");
    parsed.reply.lines.emplace_back(text);
    position += end + 1;
    if (last) {
      parsed.consumed = position;
      return parsed;
    }
  }
}

std::string SerializeReply(const SmtpReply& reply) {
  std::string out;
  for (std::size_t i = 0; i < reply.lines.size(); ++i) {
    out += std::to_string(reply.code);
    out += i + 1 < reply.lines.size() ? '-' : ' ';
    out += reply.lines[i];
    out += "\r\n";
  }
  return out;
}

Extensions ParseExtensions(const SmtpReply& ehlo) {
  Extensions extensions;
  for (std::size_t i = 1; i < ehlo.lines.size(); ++i) {
    const std::vector<std::string> words = Words(ehlo.lines[i]);
    if (words.empty()) continue;
    const std::string keyword = AsciiLower(words[0]);
    if (keyword == "starttls") {
      extensions.starttls = true;
    } else if (keyword == "auth") {
      for (std::size_t w = 1; w < words.size(); ++w) {
        const std::string mechanism = AsciiLower(words[w]);
        extensions.auth_plain = extensions.auth_plain || mechanism == "plain";
        extensions.auth_login = extensions.auth_login || mechanism == "login";
      }
    } else if (keyword == "size") {
      std::uint64_t size = 0;
      if (words.size() == 1) {
        extensions.size = 0;
      } else {
        const std::string& value = words[1];
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), size);
        if (error == std::errc() && end == value.data() + value.size()) extensions.size = size;
      }
    }
  }
  return extensions;
}

}  // namespace ensemble::mail
