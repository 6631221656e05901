// A blocking HTTP/1.1 client over a POSIX socket, for tests against a real server on loopback.
// It keeps its connection alive between requests and remembers the cookies the server sets
// (unless told not to). Like a browser, it sends `Origin: http://host:port` with every POST,
// PUT, PATCH and DELETE unless the headers name another Origin; an empty Origin value sends
// none. SendRaw writes bytes as they are, for malformed and slow requests.
//
// Every answer Send receives is held to docs/openapi.json (openapi_contract.h): an undocumented
// path, method or status, or a body that does not match its schema, fails the running test with
// the request named. A request deliberately outside the API (a path no route serves, a file of
// the web root) goes through SendOutsideApi, which says why; a client of a server that is not
// Ensemble's API at all (the HTTP server's own tests) is built with OutsideApi.
//
// Thread-safety: one client per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ensemble::test_support {

struct HttpReply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  std::string body;

  // The first header of that lower-case name, or empty; Set-Cookie values joined by "\n".
  std::string Header(std::string_view name) const;
};

// Why a client's answers are not held to docs/openapi.json.
struct OutsideApi {
  std::string_view why;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port);
  HttpClient(std::string host, std::uint16_t port, OutsideApi outside_api);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and reads the answer. Throws std::runtime_error when the server cannot
  // be reached or closes before answering.
  HttpReply Send(std::string_view method, std::string_view target, std::string_view body = {},
                 const std::map<std::string, std::string>& headers = {});
  // Send for a request deliberately outside the API, whose answer is not checked; `why` says so
  // where the test reads.
  HttpReply SendOutsideApi(std::string_view why, std::string_view method, std::string_view target,
                           std::string_view body = {},
                           const std::map<std::string, std::string>& headers = {});

  // Writes `bytes` on a new connection, pausing `pause` between chunks of `chunk` bytes (0: all
  // at once), then reads until the server closes or `read_timeout` passes; returns what came.
  std::string SendRaw(std::string_view bytes, std::size_t chunk = 0,
                      std::chrono::milliseconds pause = {},
                      std::chrono::milliseconds read_timeout = std::chrono::seconds(5));

  void set_remember_cookies(bool remember) { remember_cookies_ = remember; }

 private:
  int Connect() const;
  void Close();
  HttpReply Exchange(const std::string& request);
  HttpReply Deliver(std::string_view method, std::string_view target, std::string_view body,
                    const std::map<std::string, std::string>& headers);

  std::string host_;
  std::uint16_t port_;
  int socket_ = -1;
  bool remember_cookies_ = true;
  bool checked_ = true;  // false: built with OutsideApi
  std::map<std::string, std::string> cookies_;
};

// Parses one HTTP response from `text` (status line, headers, Content-Length body).
HttpReply ParseReply(std::string_view text);

}  // namespace ensemble::test_support
