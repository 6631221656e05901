// An e-mail as Ensemble composes it (a reminder, an invitation with its iCalendar file, a digest)
// and its rendering to the bytes of RFC 5322 and MIME that an SMTP server relays. Rendering
// checks what a person or a module put in: an address of the wrong shape, or a line break in
// any header value (which would let the value add headers of its own), is refused naming the
// field. The bytes are 7-bit with CRLF line endings and lines under 78 columns (but for a header
// line holding one address or Message-ID too long to fold, under 998): names and
// subjects beyond ASCII become RFC 2047 encoded-words, bodies quoted-printable, attachments
// base64, so that no relay needs 8BITMIME or SMTPUTF8. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace ensemble::mail {

// An address and the name shown beside it ("Élise Martin <elise@centre.example>").
struct Mailbox {
  std::string address;  // addr-spec, ASCII: the local part and the domain are checked
  std::string name;     // UTF-8 display name; empty for the bare address
  friend bool operator==(const Mailbox&, const Mailbox&) = default;
};

struct Attachment {
  std::string filename;      // UTF-8, without a path
  std::string content_type;  // with its parameters: "text/calendar; method=REQUEST; charset=UTF-8"
  std::string content;       // the bytes of the file
  friend bool operator==(const Attachment&, const Attachment&) = default;
};

struct Message {
  Mailbox from;
  std::vector<Mailbox> to;
  std::vector<Mailbox> cc;
  std::vector<Mailbox> bcc;  // on the envelope only, never in the headers
  std::optional<Mailbox> reply_to;
  std::string subject;
  std::string text;                 // required: the plain-text body, lines ending in \n or \r\n
  std::optional<std::string> html;  // when set, the body is multipart/alternative
  std::vector<Attachment> attachments;
  // Without angle brackets ("4f1c…@ensemble.example"). Empty: each rendering makes a new one.
  // A queued mail keeps the one of its first attempt, so that a retry after a lost reply is
  // recognisable as the same message.
  std::string message_id;
  friend bool operator==(const Message&, const Message&) = default;
};

// Fills the buffer with unpredictable bytes (the Message-ID and the MIME boundaries).
using RandomBytes = std::function<void(std::span<std::byte>)>;

// libsodium's randombytes_buf.
RandomBytes SystemRandom();

struct RenderOptions {
  UnixMillis date = 0;    // the Date header
  std::string id_domain;  // the right-hand side of a new Message-ID
  RandomBytes random;     // empty: SystemRandom()
};

struct RenderedMessage {
  std::string message_id;  // without angle brackets
  std::string bytes;       // RFC 5322, CRLF line endings, ending with CRLF
};

// Checks the message and renders it. Errors are kInvalidArgument naming the field:
// "from.address", "to[1].name", "subject", "text", "attachments[0].filename", "message_id"...;
// "to" when there is no recipient at all.
Result<RenderedMessage> Render(const Message& message, const RenderOptions& options);

// The envelope recipients: to, cc and bcc in that order, each address once (case ignored).
std::vector<std::string> EnvelopeRecipients(const Message& message);

// Checks the shape of an addr-spec (dot-atom local part of at most 64 characters, a domain of
// at least two labels of letters, digits and hyphens, 254 characters in all); kInvalidArgument
// naming `field` otherwise. Quoted local parts and address literals are refused: nobody in a
// social centre has one, and each is a way to smuggle odd bytes into an envelope.
Status CheckAddress(std::string_view field, std::string_view address);

// RFC 5322 date-time in UTC: "Wed, 02 Dec 2026 05:28:35 +0000".
std::string FormatRfc5322Date(UnixMillis at);

}  // namespace ensemble::mail
