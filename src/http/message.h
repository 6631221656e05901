// The request and response that handlers see. Deliberately free of Beast, so that only
// server.cc pays Beast's compile time; handlers and the router include this header alone.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ensemble::http {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // upper case: "GET", "POST", ...
  std::string path;    // percent-decoded, without the query
  Fields query;        // decoded query parameters, in order
  Fields headers;      // names lower-cased
  std::string body;
  std::string remote_address;  // the peer's IP address, as text

  // The first header of that (lower-case) name, or empty.
  std::string_view Header(std::string_view name) const;
  std::optional<std::string_view> QueryParam(std::string_view name) const;
  // The value of one cookie from the Cookie header, or empty.
  std::string Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  Fields headers;
  std::string body;

  void SetHeader(std::string name, std::string value);
  static Response Json(int status, std::string body);
  static Response NoContent();
};

// Answers one request. Called on a server thread; may block briefly on the database.
using Handler = std::function<Response(const Request&)>;

}  // namespace ensemble::http
