#include "components/mail/smtp_transport.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace ensemble::mail {
namespace {

// The mail server cannot be reached or talked to now; what failed, for the log, stays in English
// in the context.
std::unexpected<Error> Down(std::string detail, std::string field = {}) {
  return std::unexpected(Error{ErrorCode::kUnavailable, ensemble::Message{"mail.smtp.unreachable"},
                               std::move(field), std::move(detail)});
}

std::string OpenSslErrors() {
  std::string out;
  while (const unsigned long code = ERR_get_error()) {
    std::array<char, 256> text{};
    ERR_error_string_n(code, text.data(), text.size());
    if (!out.empty()) out += "; ";
    out += text.data();
  }
  return out.empty() ? "erreur TLS" : out;
}

struct SslCtxDeleter {
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};
struct SslDeleter {
  void operator()(SSL* ssl) const { SSL_free(ssl); }
};

bool IsIpLiteral(const std::string& host) {
  std::array<unsigned char, sizeof(in6_addr)> address{};
  return inet_pton(AF_INET, host.c_str(), address.data()) == 1 ||
         inet_pton(AF_INET6, host.c_str(), address.data()) == 1;
}

}  // namespace

struct SmtpTransport::Tls {
  std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx;
  std::unique_ptr<SSL, SslDeleter> ssl;
  BIO* network_in = nullptr;   // bytes from the socket for OpenSSL; owned by ssl
  BIO* network_out = nullptr;  // bytes from OpenSSL for the socket; owned by ssl
};

SmtpTransport::SmtpTransport(Key, int fd, std::chrono::milliseconds timeout)
    : fd_(fd), timeout_(timeout) {}

SmtpTransport::~SmtpTransport() {
  tls_.reset();
  if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<SmtpTransport>> SmtpTransport::Connect(const std::string& host,
                                                              std::uint16_t port,
                                                              std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  // getaddrinfo has no timeout of its own; the resolver's (resolv.conf) bounds it.
  const int resolved = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (resolved != 0) {
    return Down(fmt::format("{} not found: {}", host, gai_strerror(resolved)), "host");
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, &freeaddrinfo);
  std::string last_error = "aucune adresse";
  for (const addrinfo* address = found; address != nullptr; address = address->ai_next) {
    const int fd = ::socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                            address->ai_protocol);
    if (fd < 0) {
      last_error = std::strerror(errno);
      continue;
    }
    auto transport = std::make_unique<SmtpTransport>(Key(), fd, timeout);
    if (::connect(fd, address->ai_addr, address->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        last_error = std::strerror(errno);
        continue;
      }
      if (auto waited = transport->WaitFor(POLLOUT, "connecting"); !waited) {
        last_error = waited.error().context;
        continue;
      }
      int error = 0;
      socklen_t length = sizeof(error);
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
      if (error != 0) {
        last_error = std::strerror(error);
        continue;
      }
    }
    return transport;
  }
  return Down(fmt::format("cannot connect to {}:{}: {}", host, port, last_error), "host");
}

Status SmtpTransport::WaitFor(short events, std::string_view doing) {
  pollfd descriptor{fd_, events, 0};
  while (true) {
    const int ready = ::poll(&descriptor, 1, static_cast<int>(timeout_.count()));
    if (ready > 0) return Ok();
    if (ready == 0) {
      return Down(fmt::format("timed out ({} ms): {}", timeout_.count(), doing));
    }
    if (errno != EINTR) return Down(fmt::format("{}: {}", doing, std::strerror(errno)));
  }
}

Status SmtpTransport::SendRaw(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent >= 0) {
      bytes.remove_prefix(static_cast<std::size_t>(sent));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      return Down(fmt::format("sending to the server: {}", std::strerror(errno)));
    }
    ENSEMBLE_TRY_STATUS(WaitFor(POLLOUT, "sending to the server"));
  }
  return Ok();
}

Status SmtpTransport::ReceiveRaw(std::string& out) {
  std::array<char, 16384> chunk{};
  while (true) {
    const ssize_t received = ::recv(fd_, chunk.data(), chunk.size(), 0);
    if (received > 0) {
      out.append(chunk.data(), static_cast<std::size_t>(received));
      return Ok();
    }
    if (received == 0) return Down("the server closed the connection");
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      return Down(fmt::format("reading the reply: {}", std::strerror(errno)));
    }
    ENSEMBLE_TRY_STATUS(WaitFor(POLLIN, "waiting for the server's reply"));
  }
}

Status SmtpTransport::FlushTls() {
  std::array<char, 16384> chunk{};
  while (BIO_ctrl_pending(tls_->network_out) > 0) {
    const int taken = BIO_read(tls_->network_out, chunk.data(), static_cast<int>(chunk.size()));
    if (taken <= 0) break;
    ENSEMBLE_TRY_STATUS(SendRaw(std::string_view(chunk.data(), static_cast<std::size_t>(taken))));
  }
  return Ok();
}

Status SmtpTransport::FillTls() {
  std::string received;
  ENSEMBLE_TRY_STATUS(ReceiveRaw(received));
  BIO_write(tls_->network_in, received.data(), static_cast<int>(received.size()));
  return Ok();
}

Status SmtpTransport::StartTls(const TlsSettings& settings) {
  if (!buffer_.empty()) {
    return Down("the server sent plain text after STARTTLS", "reply");
  }
  auto tls = std::make_unique<Tls>();
  tls->ctx.reset(SSL_CTX_new(TLS_client_method()));
  if (!tls->ctx) return Down(OpenSslErrors());
  SSL_CTX_set_min_proto_version(tls->ctx.get(), TLS1_2_VERSION);
  if (settings.verify == TlsVerify::kVerify) {
    SSL_CTX_set_verify(tls->ctx.get(), SSL_VERIFY_PEER, nullptr);
    const int loaded =
        settings.ca_file.empty()
            ? SSL_CTX_set_default_verify_paths(tls->ctx.get())
            : SSL_CTX_load_verify_locations(tls->ctx.get(), settings.ca_file.c_str(), nullptr);
    if (loaded != 1) {
      return Fail(ErrorCode::kPermissionDenied,
                  ensemble::Message{"mail.smtp.bad_ca_file", {{"detail", OpenSslErrors()}}},
                  "ca_file");
    }
  }
  tls->ssl.reset(SSL_new(tls->ctx.get()));
  if (!tls->ssl) return Down(OpenSslErrors());
  SSL* ssl = tls->ssl.get();
  if (IsIpLiteral(settings.host)) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), settings.host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl, settings.host.c_str());
    SSL_set1_host(ssl, settings.host.c_str());
  }
  tls->network_in = BIO_new(BIO_s_mem());
  tls->network_out = BIO_new(BIO_s_mem());
  SSL_set_bio(ssl, tls->network_in, tls->network_out);
  SSL_set_connect_state(ssl);
  tls_ = std::move(tls);

  while (true) {
    const int done = SSL_do_handshake(ssl);
    ENSEMBLE_TRY_STATUS(FlushTls());
    if (done == 1) return Ok();
    if (SSL_get_error(ssl, done) == SSL_ERROR_WANT_READ) {
      ENSEMBLE_TRY_STATUS(FillTls());
      continue;
    }
    const long verified = SSL_get_verify_result(ssl);
    if (verified != X509_V_OK) {
      const std::string reason = X509_verify_cert_error_string(verified);
      tls_.reset();
      return Fail(ErrorCode::kPermissionDenied,
                  ensemble::Message{"mail.smtp.certificate_refused", {{"detail", reason}}},
                  "ca_file");
    }
    const std::string reason = OpenSslErrors();
    tls_.reset();
    return Down(fmt::format("TLS handshake failed: {}", reason));
  }
}

bool SmtpTransport::Encrypted() const { return tls_ != nullptr; }

Status SmtpTransport::Write(std::string_view bytes) {
  if (!tls_) return SendRaw(bytes);
  while (!bytes.empty()) {
    const int chunk = static_cast<int>(std::min<std::size_t>(bytes.size(), 1 << 20));
    // Memory BIOs take all they are given, so a write only fails when the session is broken.
    const int written = SSL_write(tls_->ssl.get(), bytes.data(), chunk);
    if (written <= 0) return Down(fmt::format("TLS write: {}", OpenSslErrors()));
    bytes.remove_prefix(static_cast<std::size_t>(written));
    ENSEMBLE_TRY_STATUS(FlushTls());
  }
  return Ok();
}

Status SmtpTransport::ReadMore() {
  if (!tls_) return ReceiveRaw(buffer_);
  std::array<char, 16384> chunk{};
  while (true) {
    const int taken = SSL_read(tls_->ssl.get(), chunk.data(), static_cast<int>(chunk.size()));
    // A read may have to answer the server (a TLS 1.3 key update), so flush either way.
    ENSEMBLE_TRY_STATUS(FlushTls());
    if (taken > 0) {
      buffer_.append(chunk.data(), static_cast<std::size_t>(taken));
      return Ok();
    }
    const int error = SSL_get_error(tls_->ssl.get(), taken);
    if (error == SSL_ERROR_WANT_READ) {
      ENSEMBLE_TRY_STATUS(FillTls());
      continue;
    }
    if (error == SSL_ERROR_ZERO_RETURN) return Down("the server closed the TLS session");
    return Down(fmt::format("TLS read: {}", OpenSslErrors()));
  }
}

Result<SmtpReply> SmtpTransport::ReadReply() {
  while (true) {
    auto parsed = ParseReply(buffer_);
    if (!parsed) {
      // A server that speaks something else (or a garbled line) may be fine on the next try.
      Error error = std::move(parsed).error();
      error.code = ErrorCode::kUnavailable;
      return std::unexpected(std::move(error));
    }
    if (*parsed) {
      buffer_.erase(0, (*parsed)->consumed);
      return std::move((*parsed)->reply);
    }
    ENSEMBLE_TRY_STATUS(ReadMore());
  }
}

std::string SmtpTransport::LocalAddressLiteral() const {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return "[127.0.0.1]";
  }
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size());
    return fmt::format("[IPv6:{}]", text.data());
  }
  const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
  inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
  return fmt::format("[{}]", text.data());
}

}  // namespace ensemble::mail
