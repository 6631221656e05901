// Strict reading of JSON request bodies: the content type must be JSON, the body an object,
// every field known, of the right type and within its limits. Each failure names the field.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "http/message.h"

namespace ensemble::http {

class JsonBody {
 public:
  // Parses the request body; refuses other content types, invalid JSON, an object with the same
  // key twice (naming it) and non-objects.
  static Result<JsonBody> Parse(const Request& request);

  // Refuses any field not in `known`.
  Status AllowOnly(std::initializer_list<std::string_view> known) const;

  Result<std::string> RequiredString(std::string_view field) const;
  Result<std::optional<std::string>> OptionalString(std::string_view field) const;
  // Absent: nullopt. Present and null: optional holding nullopt.
  Result<std::optional<std::optional<std::string>>> NullableString(std::string_view field) const;
  Result<std::int64_t> RequiredInt(std::string_view field) const;
  Result<std::optional<std::optional<std::int64_t>>> NullableInt(std::string_view field) const;
  Result<const boost::json::object*> RequiredObject(std::string_view field) const;
  // An object read as a body of its own (its errors name its own fields; wrap them in Within).
  Result<JsonBody> RequiredBody(std::string_view field) const;
  // A list of objects, each read as a body of its own (AllowOnly and the accessors apply) whose
  // errors name "field.inner" (« shares.share_bp »). At most `max_items`.
  Result<std::vector<JsonBody>> RequiredObjects(std::string_view field,
                                                std::size_t max_items) const;
  // The same as a body's own accessor, with the error naming "prefix.field".
  template <typename T>
  static Result<T> Within(std::string_view prefix, Result<T> result) {
    if (!result) {
      result.error().field = std::string(prefix) + "." + result.error().field;
      for (MessageParam& param : result.error().message.params) {
        if (param.name == "field") param.value = result.error().field;
      }
    }
    return result;
  }

  const boost::json::object& object() const { return object_; }

 private:
  explicit JsonBody(boost::json::object object) : object_(std::move(object)) {}
  boost::json::object object_;
};

// The Content-Type of a JSON body: application/json, parameters allowed, charset UTF-8 if given;
// kUnsupportedMedia otherwise.
Status CheckJsonContentType(std::string_view header);

// Parses a path or query integer id (positive); the error names `field`.
Result<std::int64_t> ParseId(std::string_view field, std::string_view text);

}  // namespace ensemble::http
