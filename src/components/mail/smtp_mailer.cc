#include "components/mail/smtp_mailer.h"

#include <fmt/format.h>

#include <initializer_list>
#include <memory>
#include <utility>

#include "components/mail/mime.h"

namespace ensemble::mail {
namespace {

int ClassOf(const SmtpReply& reply) { return reply.code / 100; }

// An unwanted reply as an error: 4xx says try again later, 5xx says not like this (with the
// code the step gives), and anything else is a server off its script, which another attempt,
// perhaps on another of its addresses, may not repeat.
std::unexpected<Error> Refused(const SmtpReply& reply, std::string_view doing, ErrorCode permanent,
                               std::string field) {
  const ErrorCode code = ClassOf(reply) == 5 ? permanent : ErrorCode::kUnavailable;
  return Fail(code,
              ensemble::Message{"mail.smtp.refused", {{"step", doing}, {"reply", reply.Summary()}}},
              std::move(field));
}

std::uint16_t PortOf(const SmtpOptions& options) {
  if (options.port != 0) return options.port;
  switch (options.security) {
    case SmtpSecurity::kNone:
      return 25;
    case SmtpSecurity::kStartTls:
      return 587;
    case SmtpSecurity::kTls:
      return 465;
  }
  return 25;
}

// One SMTP conversation, from connection to QUIT.
class Session {
 public:
  Session(const SmtpOptions& options, std::unique_ptr<SmtpTransport> transport)
      : options_(options), transport_(std::move(transport)) {}

  Result<SmtpReply> Command(std::string_view line) {
    ENSEMBLE_TRY_STATUS(transport_->Write(std::string(line) + "\r\n"));
    return transport_->ReadReply();
  }

  // The command's reply when its code is one of `expected`; its refusal otherwise.
  Result<SmtpReply> Expect(std::string_view line, std::initializer_list<int> expected,
                           std::string_view doing, ErrorCode permanent, std::string field) {
    SmtpReply reply = ENSEMBLE_TRY(Command(line));
    for (const int code : expected) {
      if (reply.code == code) return reply;
    }
    return Refused(reply, doing, permanent, std::move(field));
  }

  Status Open() {
    if (options_.security == SmtpSecurity::kTls) ENSEMBLE_TRY_STATUS(StartTls());
    const SmtpReply greeting = ENSEMBLE_TRY(transport_->ReadReply());
    // 554 at the greeting: this server will not serve us (RFC 5321 3.1), a matter for the
    // operator rather than for the message.
    if (greeting.code != 220) {
      return Refused(greeting, "greeting", ErrorCode::kPermissionDenied, "host");
    }
    ENSEMBLE_TRY_STATUS(Hello());
    if (options_.security == SmtpSecurity::kStartTls) {
      if (!extensions_.starttls) {
        return Fail(ErrorCode::kPermissionDenied, "mail.smtp.no_starttls", "security");
      }
      ENSEMBLE_TRY(Expect("STARTTLS", {220}, "STARTTLS", ErrorCode::kPermissionDenied, "security"));
      ENSEMBLE_TRY_STATUS(StartTls());
      // RFC 3207 4.2: what the server said before TLS is forgotten; ask again.
      ENSEMBLE_TRY_STATUS(Hello());
    }
    if (!options_.username.empty()) ENSEMBLE_TRY_STATUS(Authenticate());
    return Ok();
  }

  Result<Delivery> Transfer(std::string_view from, const std::vector<std::string>& recipients,
                            std::string_view bytes) {
    if (extensions_.size && *extensions_.size > 0 && bytes.size() > *extensions_.size) {
      return Fail(ErrorCode::kInvalidArgument,
                  ensemble::Message{"mail.smtp.too_large",
                                    {{"size", bytes.size()}, {"max", *extensions_.size}}},
                  "message");
    }
    const SmtpReply mail = ENSEMBLE_TRY(Command(fmt::format("MAIL FROM:<{}>", from)));
    // 530: the server wants AUTH (or STARTTLS) first, which only the configuration can give.
    if (mail.code == 530) {
      return Refused(mail, "MAIL FROM", ErrorCode::kPermissionDenied, "username");
    }
    if (mail.code != 250) return Refused(mail, "MAIL FROM", ErrorCode::kInvalidArgument, "from");
    Delivery delivery;
    for (const std::string& recipient : recipients) {
      const SmtpReply reply = ENSEMBLE_TRY(Command(fmt::format("RCPT TO:<{}>", recipient)));
      if (reply.code == 250 || reply.code == 251) {
        delivery.accepted.push_back(recipient);
      } else if (ClassOf(reply) == 4 || ClassOf(reply) == 5) {
        delivery.refused.push_back({recipient, reply.code, reply.Summary(),
                                    ClassOf(reply) == 4 ? Retry::kTransient : Retry::kPermanent});
      } else {
        return Refused(reply, "RCPT TO", ErrorCode::kUnavailable, "to");
      }
    }
    if (delivery.accepted.empty()) return NoRecipient(delivery);
    ENSEMBLE_TRY(Expect("DATA", {354}, "DATA", ErrorCode::kInvalidArgument, "message"));
    ENSEMBLE_TRY_STATUS(transport_->Write(DotStuff(bytes)));
    const SmtpReply reply = ENSEMBLE_TRY(transport_->ReadReply());
    if (reply.code != 250) {
      return Refused(reply, "end of data", ErrorCode::kInvalidArgument, "message");
    }
    return delivery;
  }

  // The server has the message: a QUIT that goes wrong changes nothing.
  void Quit() { (void)Command("QUIT"); }

 private:
  Status StartTls() {
    return transport_->StartTls({options_.host, options_.tls_verify, options_.ca_file});
  }

  Status Hello() {
    const std::string name =
        options_.helo_name.empty() ? transport_->LocalAddressLiteral() : options_.helo_name;
    const SmtpReply ehlo = ENSEMBLE_TRY(Command("EHLO " + name));
    if (ehlo.code == 250) {
      extensions_ = ParseExtensions(ehlo);
      return Ok();
    }
    if (ClassOf(ehlo) != 5) return Refused(ehlo, "EHLO", ErrorCode::kUnavailable, "host");
    // A server of before RFC 1869 does not know EHLO; it offers no extensions.
    extensions_ = {};
    ENSEMBLE_TRY(Expect("HELO " + name, {250}, "HELO", ErrorCode::kPermissionDenied, "helo_name"));
    return Ok();
  }

  Status Authenticate() {
    if (!transport_->Encrypted() && options_.plaintext_auth == PlaintextAuth::kRefuse) {
      return Fail(ErrorCode::kPermissionDenied, "mail.smtp.plaintext_auth", "security");
    }
    const auto doing = "AUTH";
    if (extensions_.auth_plain) {
      const std::string credentials =
          std::string(1, '\0') + options_.username + std::string(1, '\0') + options_.password;
      ENSEMBLE_TRY(Expect("AUTH PLAIN " + Base64(credentials), {235}, doing,
                          ErrorCode::kPermissionDenied, "password"));
      return Ok();
    }
    if (extensions_.auth_login) {
      ENSEMBLE_TRY(Expect("AUTH LOGIN", {334}, doing, ErrorCode::kPermissionDenied, "username"));
      ENSEMBLE_TRY(Expect(Base64(options_.username), {334}, doing, ErrorCode::kPermissionDenied,
                          "username"));
      ENSEMBLE_TRY(Expect(Base64(options_.password), {235}, doing, ErrorCode::kPermissionDenied,
                          "password"));
      return Ok();
    }
    return Fail(ErrorCode::kPermissionDenied, "mail.smtp.no_auth", "username");
  }

  // Every recipient refused: transient when one of them may yet be accepted.
  std::unexpected<Error> NoRecipient(const Delivery& delivery) {
    bool transient = false;
    std::string summary;
    for (const auto& refusal : delivery.refused) {
      transient = transient || refusal.retry == Retry::kTransient;
      summary +=
          fmt::format("{}{} ({})", summary.empty() ? "" : ", ", refusal.address, refusal.reply);
    }
    Quit();
    return Fail(transient ? ErrorCode::kUnavailable : ErrorCode::kInvalidArgument,
                ensemble::Message{"mail.smtp.all_refused", {{"detail", summary}}}, "to");
  }

  const SmtpOptions& options_;
  std::unique_ptr<SmtpTransport> transport_;
  Extensions extensions_;
};

std::string DomainOf(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

}  // namespace

std::string DotStuff(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 64 + 8);
  bool line_start = true;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      out += "\r\n";
      line_start = true;
      continue;
    }
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = false;
  }
  if (!line_start) out += "\r\n";
  out += ".\r\n";
  return out;
}

SmtpMailer::SmtpMailer(SmtpOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

Result<Delivery> SmtpMailer::Send(const Message& message) {
  RenderOptions render;
  render.date = clock_.Now();
  render.id_domain = options_.message_id_domain.empty() ? DomainOf(message.from.address)
                                                        : options_.message_id_domain;
  const RenderedMessage rendered = ENSEMBLE_TRY(Render(message, render));
  Delivery delivery =
      ENSEMBLE_TRY(SendRendered(message.from.address, EnvelopeRecipients(message), rendered.bytes));
  delivery.message_id = rendered.message_id;
  return delivery;
}

Result<Delivery> SmtpMailer::SendRendered(std::string_view from,
                                          const std::vector<std::string>& recipients,
                                          std::string_view bytes) {
  // The addresses go into commands: their shape check is what keeps a CRLF out of them.
  ENSEMBLE_TRY_STATUS(CheckAddress("from", from));
  if (recipients.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "mail.no_recipient", "to");
  }
  for (const auto& recipient : recipients) ENSEMBLE_TRY_STATUS(CheckAddress("to", recipient));

  auto transport =
      ENSEMBLE_TRY(SmtpTransport::Connect(options_.host, PortOf(options_), options_.timeout));
  Session session(options_, std::move(transport));
  ENSEMBLE_TRY_STATUS(session.Open());
  Delivery delivery = ENSEMBLE_TRY(session.Transfer(from, recipients, bytes));
  session.Quit();
  return delivery;
}

}  // namespace ensemble::mail
