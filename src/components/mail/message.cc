#include "components/mail/message.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <set>

#include "components/mail/mime.h"
#include "core/text.h"

namespace ensemble::mail {
namespace {

constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxSubjectBytes = 900;
constexpr std::size_t kMaxFilenameBytes = 255;
constexpr std::size_t kMaxContentTypeBytes = 200;

std::unexpected<Error> Invalid(std::string field, ensemble::Message message) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsAtext(char c) {
  return IsAlnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsTokenChar(char c) {
  // RFC 2045 token: printable ASCII without space and tspecials.
  return c > 0x20 && c < 0x7f && std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string::npos;
}

// A dot-atom: atext runs separated by single dots.
bool IsDotAtom(std::string_view text, bool (*allowed)(char)) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  if (text.find("..") != std::string_view::npos) return false;
  for (const char c : text) {
    if (c != '.' && !allowed(c)) return false;
  }
  return true;
}

bool IsDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253 || domain.find('.') == std::string_view::npos) {
    return false;
  }
  while (true) {
    const auto dot = domain.find('.');
    const std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (const char c : label) {
      if (!IsAlnum(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    domain.remove_prefix(dot + 1);
  }
}

// A header value must stay on its line: a CR or LF would let it start a header of its own
// (Bcc: everybody), and other control characters have no business in a name or a subject.
Status CheckHeaderText(std::string_view field, std::string_view value, std::size_t max_bytes) {
  if (value.find_first_of("\r\n") != std::string_view::npos) {
    return Invalid(std::string(field), "mail.field.line_break");
  }
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      return Invalid(std::string(field), "mail.field.control_character");
    }
  }
  if (!IsValidUtf8(value)) return Invalid(std::string(field), "core.text.not_utf8");
  if (value.size() > max_bytes) {
    return Invalid(std::string(field),
                   ensemble::Message{"mail.field.too_long", {{"max", max_bytes}}});
  }
  return Ok();
}

Status CheckMailbox(std::string_view field, const Mailbox& mailbox) {
  ENSEMBLE_TRY_STATUS(CheckAddress(fmt::format("{}.address", field), mailbox.address));
  return CheckHeaderText(fmt::format("{}.name", field), mailbox.name, kMaxNameBytes);
}

Status CheckMailboxes(std::string_view field, const std::vector<Mailbox>& mailboxes) {
  for (std::size_t i = 0; i < mailboxes.size(); ++i) {
    ENSEMBLE_TRY_STATUS(CheckMailbox(fmt::format("{}[{}]", field, i), mailboxes[i]));
  }
  return Ok();
}

// A Content-Type value as the words of its header: "type/subtype;", "name=value;", ..., or
// nullopt when it is not what RFC 2045 5.1 allows. Stricter than the RFC: no comments, and no
// whitespace but after the semicolons (a quoted value holds none), so that the header folds
// between parameters and nowhere else.
std::optional<std::vector<std::string>> ContentTypeWords(std::string_view value) {
  const auto is_token = [](std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text) {
      if (!IsTokenChar(c)) return false;
    }
    return true;
  };
  std::vector<std::string> pieces;
  std::string piece;
  bool quoted = false;
  for (const char c : value) {
    if (c == '"') quoted = !quoted;
    if (c == ';' && !quoted) {
      pieces.push_back(std::move(piece));
      piece.clear();
      continue;
    }
    if ((c == ' ' || c == '\t') && piece.empty() && !pieces.empty()) continue;
    piece += c;
  }
  if (quoted) return std::nullopt;
  pieces.push_back(std::move(piece));

  const std::string& type = pieces.front();
  const auto slash = type.find('/');
  if (slash == std::string::npos || !is_token(std::string_view(type).substr(0, slash)) ||
      !is_token(std::string_view(type).substr(slash + 1))) {
    return std::nullopt;
  }
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    const std::string_view parameter = pieces[i];
    const auto equals = parameter.find('=');
    if (equals == std::string_view::npos || !is_token(parameter.substr(0, equals))) {
      return std::nullopt;
    }
    std::string_view parameter_value = parameter.substr(equals + 1);
    if (parameter_value.size() >= 2 && parameter_value.front() == '"' &&
        parameter_value.back() == '"') {
      parameter_value = parameter_value.substr(1, parameter_value.size() - 2);
      for (const char c : parameter_value) {
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') return std::nullopt;
      }
    } else if (!is_token(parameter_value)) {
      return std::nullopt;
    }
  }
  for (std::size_t i = 0; i + 1 < pieces.size(); ++i) pieces[i] += ';';
  return pieces;
}

Status CheckContentType(std::string_view field, std::string_view value) {
  ENSEMBLE_TRY_STATUS(CheckHeaderText(field, value, kMaxContentTypeBytes));
  if (!ContentTypeWords(value)) {
    return Invalid(std::string(field), "mail.content_type.invalid");
  }
  return Ok();
}

Status CheckMessage(const Message& message) {
  ENSEMBLE_TRY_STATUS(CheckMailbox("from", message.from));
  ENSEMBLE_TRY_STATUS(CheckMailboxes("to", message.to));
  ENSEMBLE_TRY_STATUS(CheckMailboxes("cc", message.cc));
  ENSEMBLE_TRY_STATUS(CheckMailboxes("bcc", message.bcc));
  if (message.to.empty() && message.cc.empty() && message.bcc.empty()) {
    return Invalid("to", "mail.no_recipient");
  }
  if (message.reply_to) ENSEMBLE_TRY_STATUS(CheckMailbox("reply_to", *message.reply_to));
  ENSEMBLE_TRY_STATUS(CheckHeaderText("subject", message.subject, kMaxSubjectBytes));
  if (message.text.empty()) return Invalid("text", "mail.text.required");
  if (!IsValidUtf8(message.text)) return Invalid("text", "core.text.not_utf8");
  if (message.html && !IsValidUtf8(*message.html)) {
    return Invalid("html", "core.text.not_utf8");
  }
  for (std::size_t i = 0; i < message.attachments.size(); ++i) {
    const Attachment& attachment = message.attachments[i];
    const std::string field = fmt::format("attachments[{}]", i);
    ENSEMBLE_TRY_STATUS(
        CheckHeaderText(field + ".filename", attachment.filename, kMaxFilenameBytes));
    if (attachment.filename.empty() ||
        attachment.filename.find_first_of("/\\") != std::string::npos) {
      return Invalid(field + ".filename", "mail.attachment.filename");
    }
    ENSEMBLE_TRY_STATUS(CheckContentType(field + ".content_type", attachment.content_type));
  }
  if (!message.message_id.empty()) {
    const auto at = message.message_id.rfind('@');
    if (at == std::string::npos || !IsDotAtom(message.message_id.substr(0, at), IsAtext) ||
        !IsDotAtom(message.message_id.substr(at + 1), IsAtext) || message.message_id.size() > 250) {
      return Invalid("message_id", "mail.message_id.invalid");
    }
  }
  return Ok();
}

std::string Hex(std::span<const std::byte> bytes) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  for (const std::byte b : bytes) {
    const auto v = std::to_integer<unsigned>(b);
    out += kDigits[v >> 4];
    out += kDigits[v & 15];
  }
  return out;
}

std::vector<std::string> MailboxWords(const Mailbox& mailbox) {
  if (mailbox.name.empty()) return {mailbox.address};
  std::vector<std::string> words = PhraseWords(mailbox.name);
  words.push_back("<" + mailbox.address + ">");
  return words;
}

std::string AddressHeader(std::string_view name, const std::vector<Mailbox>& mailboxes) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < mailboxes.size(); ++i) {
    std::vector<std::string> mailbox = MailboxWords(mailboxes[i]);
    if (i + 1 < mailboxes.size()) mailbox.back() += ',';
    words.insert(words.end(), mailbox.begin(), mailbox.end());
  }
  return FoldHeader(name, words);
}

std::string TextPart(std::string_view subtype, std::string_view text) {
  std::string out = fmt::format("Content-Type: text/{}; charset=UTF-8\r\n", subtype);
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += QuotedPrintable(text);
  return out;
}

// A filename that fits as a quoted string on its line; others go as RFC 2231 values.
bool IsPlainFilename(std::string_view filename) {
  if (filename.size() > 60) return false;
  for (const char c : filename) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
  }
  return true;
}

std::string AttachmentPart(const Attachment& attachment) {
  // Checked by CheckContentType, so the words are there.
  std::string out = FoldHeader("Content-Type", ContentTypeWords(attachment.content_type).value());
  out += "Content-Transfer-Encoding: base64\r\n";
  const bool plain = IsPlainFilename(attachment.filename);
  out += "Content-Disposition: attachment;\r\n ";
  out += plain ? "filename=\"" + attachment.filename + "\""
               : "filename*=" + Rfc2231Value(attachment.filename);
  out += "\r\n\r\n";
  out += Base64Lines(attachment.content);
  return out;
}

// Parts joined under a boundary, each part its headers, a blank line and its body. The CRLF
// before each delimiter belongs to the delimiter (RFC 2046 5.1.1), so a body's own last line
// break survives.
std::string Multipart(std::string_view boundary, const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) {
    out += fmt::format("--{}\r\n", boundary);
    out += part;
    out += "\r\n";
  }
  out += fmt::format("--{}--\r\n", boundary);
  return out;
}

}  // namespace

RandomBytes SystemRandom() {
  return [](std::span<std::byte> out) {
    // sodium_init is idempotent and thread-safe; it only fails without a source of entropy.
    if (sodium_init() < 0) std::abort();
    randombytes_buf(out.data(), out.size());
  };
}

Status CheckAddress(std::string_view field, std::string_view address) {
  const auto refuse = [&] { return Invalid(std::string(field), "core.text.bad_email"); };
  if (address.size() > 254) return refuse();
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return refuse();
  const std::string_view local = address.substr(0, at);
  if (local.size() > 64 || !IsDotAtom(local, IsAtext)) return refuse();
  if (!IsDomain(address.substr(at + 1))) return refuse();
  return Ok();
}

std::string FormatRfc5322Date(UnixMillis at) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds(at)};
  const sys_days day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss<seconds> clock{floor<seconds>(time - day)};
  static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", kDays[weekday(day).c_encoding()],
                     static_cast<unsigned>(date.day()),
                     kMonths[static_cast<unsigned>(date.month()) - 1],
                     static_cast<int>(date.year()), clock.hours().count(), clock.minutes().count(),
                     clock.seconds().count());
}

std::vector<std::string> EnvelopeRecipients(const Message& message) {
  std::vector<std::string> recipients;
  std::set<std::string> seen;
  for (const auto* list : {&message.to, &message.cc, &message.bcc}) {
    for (const Mailbox& mailbox : *list) {
      if (seen.insert(AsciiLower(mailbox.address)).second) recipients.push_back(mailbox.address);
    }
  }
  return recipients;
}

Result<RenderedMessage> Render(const Message& message, const RenderOptions& options) {
  ENSEMBLE_TRY_STATUS(CheckMessage(message));
  const RandomBytes random = options.random ? options.random : SystemRandom();
  std::array<std::byte, 16> id_bytes{};
  std::array<std::byte, 12> boundary_bytes{};
  random(id_bytes);
  random(boundary_bytes);

  RenderedMessage rendered;
  if (message.message_id.empty()) {
    if (!IsDomain(options.id_domain)) {
      return Invalid("id_domain", "mail.id_domain.invalid");
    }
    rendered.message_id = Hex(id_bytes) + "@" + options.id_domain;
  } else {
    rendered.message_id = message.message_id;
  }

  std::string& out = rendered.bytes;
  out += "Date: " + FormatRfc5322Date(options.date) + "\r\n";
  out += AddressHeader("From", {message.from});
  if (!message.to.empty()) out += AddressHeader("To", message.to);
  if (!message.cc.empty()) out += AddressHeader("Cc", message.cc);
  if (message.reply_to) out += AddressHeader("Reply-To", {*message.reply_to});
  out += FoldHeader("Subject", UnstructuredWords(message.subject));
  out += "Message-ID: <" + rendered.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";

  // "=_" cannot occur in quoted-printable or base64 text, so no body can contain a boundary.
  const std::string tag = Hex(boundary_bytes);
  const std::string alternative_boundary = "=_alt_" + tag;
  const std::string mixed_boundary = "=_mix_" + tag;

  std::string body;
  if (message.html) {
    body = fmt::format("Content-Type: multipart/alternative;\r\n boundary=\"{}\"\r\n\r\n",
                       alternative_boundary);
    body += Multipart(alternative_boundary,
                      {TextPart("plain", message.text), TextPart("html", *message.html)});
  } else {
    body = TextPart("plain", message.text);
  }
  if (!message.attachments.empty()) {
    std::vector<std::string> parts = {body};
    for (const auto& attachment : message.attachments) parts.push_back(AttachmentPart(attachment));
    body =
        fmt::format("Content-Type: multipart/mixed;\r\n boundary=\"{}\"\r\n\r\n", mixed_boundary);
    body += Multipart(mixed_boundary, parts);
  }
  out += body;
  if (!out.ends_with("\r\n")) out += "\r\n";
  return rendered;
}

}  // namespace ensemble::mail
