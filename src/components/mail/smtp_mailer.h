// The Mailer that hands messages to the SMTP server the operator configures (RFC 5321): one
// connection per message, EHLO (HELO when the server does not know it), STARTTLS or implicit
// TLS, AUTH PLAIN or LOGIN when credentials are set, then MAIL FROM, one RCPT TO per envelope
// recipient, DATA with dot-stuffing, QUIT. Each connect, read and write waits at most
// `timeout`. Thread-safe: Send keeps no state between calls, so one instance serves every
// worker thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "components/mail/mailer.h"
#include "components/mail/smtp_transport.h"
#include "core/clock.h"

namespace ensemble::mail {

enum class SmtpSecurity {
  kNone,      // plain SMTP: a relay on loopback or a trusted network
  kStartTls,  // plain connection upgraded with STARTTLS, refused if the server does not offer it
  kTls,       // TLS from the first byte ("SMTPS", port 465)
};

// Whether credentials may go over a connection that is not encrypted.
enum class PlaintextAuth { kRefuse, kAllow };

struct SmtpOptions {
  std::string host = "localhost";
  std::uint16_t port = 0;  // 0: 25, 587 or 465 after `security`
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string username;  // empty: no AUTH
  std::string password;
  std::string helo_name;  // empty: our address as a literal, "[192.0.2.7]"
  std::chrono::milliseconds timeout{30'000};
  TlsVerify tls_verify = TlsVerify::kVerify;
  std::string ca_file;  // PEM of the CAs to trust; empty: the system's
  PlaintextAuth plaintext_auth = PlaintextAuth::kRefuse;
  std::string message_id_domain;  // empty: the domain of the sender's address
};

class SmtpMailer final : public Mailer {
 public:
  // `clock` dates the messages and must outlive the mailer.
  SmtpMailer(SmtpOptions options, const Clock& clock);

  Result<Delivery> Send(const Message& message) override;

  // Sends already rendered bytes (Render's) to the given envelope: for a caller that keeps the
  // bytes of its first attempt. The Delivery has no message_id.
  Result<Delivery> SendRendered(std::string_view from, const std::vector<std::string>& recipients,
                                std::string_view bytes);

 private:
  SmtpOptions options_;
  const Clock& clock_;
};

// The bytes of DATA: every line that starts with '.' gets one more (RFC 5321 4.5.2), bare LF
// and CR become CRLF, the data ends with CRLF, and the end marker ".\r\n" follows.
std::string DotStuff(std::string_view bytes);

}  // namespace ensemble::mail
