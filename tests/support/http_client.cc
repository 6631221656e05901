#include "tests/support/http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <thread>

#include "tests/support/openapi_contract.h"

namespace ensemble::test_support {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// Writes everything it can; false when the peer closed (the answer may still be readable).
bool WriteAll(int socket, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(socket, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

// Reads what is available within `timeout`; 0 bytes: closed or timed out.
ssize_t ReadSome(int socket, char* buffer, std::size_t size, int timeout_ms) {
  pollfd descriptor{socket, POLLIN, 0};
  const int ready = ::poll(&descriptor, 1, timeout_ms);
  if (ready <= 0) return 0;
  const ssize_t got = ::recv(socket, buffer, size, 0);
  return got < 0 ? 0 : got;
}

// Index just past the header block and the body length, once the headers are complete.
std::optional<std::pair<std::size_t, std::size_t>> Framing(std::string_view text) {
  const auto end = text.find("\r\n\r\n");
  if (end == std::string_view::npos) return std::nullopt;
  const HttpReply head = ParseReply(text.substr(0, end + 4));
  const std::string length = head.Header("content-length");
  return std::pair{end + 4, length.empty() ? 0 : std::stoul(length)};
}

}  // namespace

std::string HttpReply::Header(std::string_view name) const {
  std::string joined;
  for (const auto& [key, value] : headers) {
    if (key != name) continue;
    if (name != "set-cookie") return value;
    if (!joined.empty()) joined += "\n";
    joined += value;
  }
  return joined;
}

HttpReply ParseReply(std::string_view text) {
  HttpReply reply;
  if (text.empty()) return reply;
  const auto status_end = text.find("\r\n");
  const std::string_view status_line = text.substr(0, status_end);
  const auto space = status_line.find(' ');
  if (space != std::string_view::npos) {
    reply.status = std::atoi(std::string(status_line.substr(space + 1, 3)).c_str());
  }
  const auto headers_end = text.find("\r\n\r\n");
  std::size_t at = status_end == std::string_view::npos ? text.size() : status_end + 2;
  while (at < headers_end && at < text.size()) {
    const auto line_end = text.find("\r\n", at);
    const std::string_view line = text.substr(at, line_end - at);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      reply.headers.emplace_back(Lower(line.substr(0, colon)), std::string(value));
    }
    at = line_end + 2;
  }
  if (headers_end != std::string_view::npos) reply.body = std::string(text.substr(headers_end + 4));
  return reply;
}

HttpClient::HttpClient(std::string host, std::uint16_t port)
    : host_(std::move(host)), port_(port) {}

HttpClient::HttpClient(std::string host, std::uint16_t port, OutsideApi /*outside_api*/)
    : host_(std::move(host)), port_(port), checked_(false) {}

HttpClient::~HttpClient() { Close(); }

int HttpClient::Connect() const {
  const int socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (socket < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port_);
  ::inet_pton(AF_INET, host_.c_str(), &address.sin_addr);
  if (::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(socket);
    throw std::runtime_error("connect to " + host_ + ":" + std::to_string(port_) + ": " + reason);
  }
  const int one = 1;
  ::setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return socket;
}

void HttpClient::Close() {
  if (socket_ >= 0) ::close(socket_);
  socket_ = -1;
}

HttpReply HttpClient::Exchange(const std::string& request) {
  WriteAll(socket_, request);
  std::string received;
  char buffer[65536];
  while (true) {
    if (const auto framing = Framing(received);
        framing && received.size() >= framing->first + framing->second) {
      HttpReply reply = ParseReply(received.substr(0, framing->first + framing->second));
      if (Lower(reply.Header("connection")) == "close") Close();
      return reply;
    }
    const ssize_t got = ReadSome(socket_, buffer, sizeof buffer, 30'000);
    if (got <= 0) {
      Close();
      if (received.empty()) throw std::runtime_error("the server closed without answering");
      throw std::runtime_error("the server closed in the middle of its answer");
    }
    received.append(buffer, static_cast<std::size_t>(got));
  }
}

HttpReply HttpClient::Send(std::string_view method, std::string_view target, std::string_view body,
                           const std::map<std::string, std::string>& headers) {
  HttpReply reply = Deliver(method, target, body, headers);
  if (!checked_) return reply;
  const auto problems =
      EnsembleApiContract().Check(method, target, reply.status, reply.headers, reply.body);
  if (!problems.empty()) {
    std::string report;
    for (const auto& problem : problems) report += "\n  " + problem;
    const std::string shown =
        reply.body.size() > 2000 ? reply.body.substr(0, 2000) + "..." : reply.body;
    ADD_FAILURE() << method << " " << target << " answered " << reply.status
                  << " outside docs/openapi.json:" << report << "\n  body: " << shown;
  }
  return reply;
}

HttpReply HttpClient::SendOutsideApi(std::string_view why, std::string_view method,
                                     std::string_view target, std::string_view body,
                                     const std::map<std::string, std::string>& headers) {
  // The reason is the opt-out's whole point: an unexplained one is a check switched off.
  if (why.empty()) ADD_FAILURE() << method << " " << target << ": SendOutsideApi without a reason";
  return Deliver(method, target, body, headers);
}

HttpReply HttpClient::Deliver(std::string_view method, std::string_view target,
                              std::string_view body,
                              const std::map<std::string, std::string>& headers) {
  std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
  request += "Host: " + host_ + ":" + std::to_string(port_) + "\r\n";
  bool has_cookie_header = false;
  bool has_origin_header = false;
  for (const auto& [name, value] : headers) {
    has_cookie_header = has_cookie_header || Lower(name) == "cookie";
    has_origin_header = has_origin_header || Lower(name) == "origin";
    if (!value.empty() || Lower(name) != "origin") request += name + ": " + value + "\r\n";
  }
  const bool state_changing =
      method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
  if (state_changing && !has_origin_header) {
    request += "Origin: http://" + host_ + ":" + std::to_string(port_) + "\r\n";
  }
  if (remember_cookies_ && !has_cookie_header && !cookies_.empty()) {
    std::string cookie;
    for (const auto& [name, value] : cookies_)
      cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    request += "Cookie: " + cookie + "\r\n";
  }
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += "\r\n";
  request += body;

  // A kept-alive connection the server has since closed fails before any answer: once, and
  // only then, the request goes again on a new connection.
  const bool reused = socket_ >= 0;
  if (!reused) socket_ = Connect();
  HttpReply reply;
  try {
    reply = Exchange(request);
  } catch (const std::runtime_error&) {
    if (!reused) throw;
    socket_ = Connect();
    reply = Exchange(request);
  }
  if (remember_cookies_) {
    for (const auto& [name, value] : reply.headers) {
      if (name != "set-cookie") continue;
      const auto eq = value.find('=');
      const auto end = value.find(';');
      const std::string cookie_name = value.substr(0, eq);
      const std::string cookie_value =
          value.substr(eq + 1, end == std::string::npos ? end : end - eq - 1);
      if (cookie_value.empty()) {
        cookies_.erase(cookie_name);
      } else {
        cookies_[cookie_name] = cookie_value;
      }
    }
  }
  return reply;
}

std::string HttpClient::SendRaw(std::string_view bytes, std::size_t chunk,
                                std::chrono::milliseconds pause,
                                std::chrono::milliseconds read_timeout) {
  const int socket = Connect();
  if (chunk == 0) chunk = bytes.size();
  while (!bytes.empty()) {
    const auto part = bytes.substr(0, chunk);
    if (!WriteAll(socket, part)) break;
    bytes.remove_prefix(part.size());
    if (!bytes.empty()) std::this_thread::sleep_for(pause);
  }
  std::string received;
  char buffer[65536];
  const auto deadline = std::chrono::steady_clock::now() + read_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const ssize_t got = ReadSome(socket, buffer, sizeof buffer, static_cast<int>(left.count()));
    if (got <= 0) break;
    received.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(socket);
  return received;
}

}  // namespace ensemble::test_support
