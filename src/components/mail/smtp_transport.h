// One TCP connection to an SMTP server, in clear or under TLS (OpenSSL), with a timeout on each
// connect, read and write (poll). TLS runs over memory BIOs and the socket is written with
// MSG_NOSIGNAL, so a server that hangs up never raises SIGPIPE in the process. Internal to
// SmtpMailer; one instance is used by one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "components/mail/smtp_reply.h"
#include "core/error.h"

namespace ensemble::mail {

enum class TlsVerify {
  kVerify,    // the certificate chains to a trusted CA and names the host (the default)
  kNoVerify,  // anything is accepted: only for a relay on a network one trusts
};

struct TlsSettings {
  std::string host;  // the name the certificate must carry (and the SNI)
  TlsVerify verify = TlsVerify::kVerify;
  std::string ca_file;  // PEM; empty: the system's trusted CAs
};

class SmtpTransport {
 public:
  // Resolves the host and connects to the first address that answers. kUnavailable (field
  // "host") when none does within the timeout.
  static Result<std::unique_ptr<SmtpTransport>> Connect(const std::string& host, std::uint16_t port,
                                                        std::chrono::milliseconds timeout);
  // Only Connect makes one (the key is private to the class); public for std::make_unique.
  class Key {
    friend SmtpTransport;
    Key() = default;
  };
  SmtpTransport(Key, int fd, std::chrono::milliseconds timeout);
  ~SmtpTransport();
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;

  // The TLS handshake, at once for implicit TLS or after STARTTLS's 220. A certificate that
  // fails verification is kPermissionDenied (field "ca_file"); a lost connection kUnavailable.
  // Refuses to start while plaintext the server sent after its 220 is still unread: those
  // bytes would otherwise be taken as replies sent under TLS (the STARTTLS injection attack).
  Status StartTls(const TlsSettings& settings);
  bool Encrypted() const;

  Status Write(std::string_view bytes);
  // The next reply; kUnavailable when the connection ends, times out or sends no reply.
  Result<SmtpReply> ReadReply();

  // "[192.0.2.7]" or "[IPv6:2001:db8::7]": our end of the connection, an EHLO name that is true
  // when the options name none.
  std::string LocalAddressLiteral() const;

 private:
  struct Tls;

  Status WaitFor(short events, std::string_view doing);
  Status SendRaw(std::string_view bytes);
  // Reads what the socket has into `out`; kUnavailable on end of stream or timeout.
  Status ReceiveRaw(std::string& out);
  Status FlushTls();
  Status FillTls();
  Status ReadMore();

  int fd_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<Tls> tls_;
  std::string buffer_;  // received plaintext not yet parsed
};

}  // namespace ensemble::mail
