// Holds an answer of the server to docs/openapi.json: the operation is found by method and path
// template ("/api/v1/structures/{id}", matched as the router matches it), the response by status
// (then "4XX", then "default"), the media type by Content-Type, and a JSON body is validated
// against the media type's schema (json_schema.h). HttpClient checks every answer through it
// (http_client.h), so that the file, the server and the pages generated from the file cannot
// drift apart.
//
// Thread-safety: Check may be called concurrently.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/support/json_schema.h"

namespace ensemble::test_support {

class OpenApiContract {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;  // lower-case names, in order

  // The document as parsed; `load_error` says why there is none (every Check then reports it).
  explicit OpenApiContract(boost::json::value document, std::string load_error = {});
  // Reads and parses an OpenAPI document from a file.
  static std::unique_ptr<OpenApiContract> FromFile(const std::string& path);

  // Every way the answer departs from the document: an undocumented path, method or status, a
  // media type the response does not list, a body where none is documented, a body that does
  // not match the schema, a documented header whose value breaks its schema or that is required
  // and missing. Empty when the answer is as documented. `target` may carry a query; HEAD is
  // held to GET's responses without a body.
  std::vector<std::string> Check(std::string_view method, std::string_view target, int status,
                                 const Headers& headers, std::string_view body) const;

  // Every way `value` departs from the named schema of the document ("Error" for
  // #/components/schemas/Error): for answers outside the API that still keep one of its shapes.
  std::vector<std::string> CheckSchema(std::string_view name,
                                       const boost::json::value& value) const;

  // The path template of the document that `path` falls under, or "" when none: literal segments
  // win over parameters ("/me/notifications/read-all" over "/me/notifications/{id}").
  std::string PathTemplate(std::string_view path) const;

  const boost::json::value& document() const { return *document_; }

 private:
  // The response object for `status` (its $ref followed), or nullptr.
  const boost::json::value* Response(const boost::json::object& operation, int status) const;
  // `value`, or what its $ref points to (in turn followed); nullptr when that is not an object.
  const boost::json::value* Followed(const boost::json::value* value) const;
  // The parts of Check once the response is found; `where` names it ("GET /healthz 200").
  std::vector<std::string> CheckHeaders(const boost::json::object& response, const Headers& headers,
                                        const std::string& where) const;
  std::vector<std::string> CheckBody(const boost::json::object& response,
                                     std::string_view content_type, std::string_view body,
                                     const std::string& where) const;

  // Behind a pointer so that the validator's reference to it survives a move of the contract.
  std::unique_ptr<const boost::json::value> document_;
  std::string load_error_;
  SchemaValidator validator_;
};

// docs/openapi.json of this source tree, loaded once.
const OpenApiContract& EnsembleApiContract();

}  // namespace ensemble::test_support
