// Checks JSON values against the schemas of an OpenAPI 3.1 document (JSON Schema 2020-12, the
// subset docs/openapi.json uses and a little more), so that the API tests can hold every answer
// of the server to the document the pages' types are generated from.
//
// Choices that differ from a general-purpose validator, each on purpose:
// - An object schema (one with `properties` or `type: object`) that says nothing about
//   `additionalProperties` is closed: a property that none of the schemas applied at that place
//   (through `$ref`, `allOf`, and the branches of `oneOf`/`anyOf` that match) names is an
//   undocumented field and fails. This is `unevaluatedProperties: false` by default, which keeps
//   `allOf` composition working; a free-form object says `additionalProperties: true`.
// - `integer` means a JSON number written without a fraction or exponent (Boost.JSON's int64 or
//   uint64): an integer field answered as `1.0` is drift too.
// - A keyword the validator does not know, or a `format` it does not check, is a problem of the
//   schema, reported like a bad value: a misspelt or new keyword never silently checks nothing.
//
// Thread-safety: Validate may be called concurrently on one validator.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

namespace ensemble::test_support {

class SchemaValidator {
 public:
  // `document` holds the targets of `$ref` ("#/components/schemas/Structure"); it must outlive
  // the validator.
  explicit SchemaValidator(const boost::json::value& document) : document_(document) {}

  // Every way `value` departs from `schema`, each line starting with the JSON pointer of the bad
  // value ("/items/0/siret: …", "" for the root); empty when the value is valid.
  std::vector<std::string> Validate(const boost::json::value& schema,
                                    const boost::json::value& value) const;

  // The value at a JSON pointer of the document ("/components/schemas/Error"), or nullptr.
  const boost::json::value* Resolve(std::string_view pointer) const;

  // The regular expression of a `pattern`, compiled once (ECMAScript, as JSON Schema says), or
  // nullptr when it is not one.
  const std::regex* Pattern(const std::string& pattern) const;

 private:
  const boost::json::value& document_;
  mutable std::mutex patterns_mutex_;
  mutable std::map<std::string, std::unique_ptr<std::regex>> patterns_;
};

// Every keyword or format, in the schemas of an OpenAPI document (components/schemas and each
// `schema` of a parameter, header or media type), that SchemaValidator would not check, with its
// place in the document: a schema only ever met by requests is held to the supported subset too.
std::vector<std::string> UnsupportedSchemaKeywords(const boost::json::value& document);

}  // namespace ensemble::test_support
