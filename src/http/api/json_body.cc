#include "http/api/json_body.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <charconv>
#include <optional>
#include <set>
#include <vector>

#include "core/text.h"

namespace ensemble::http {
namespace {

// `expected` is the end of a message id: core.json.must_be_<expected>.
Error WrongType(std::string_view field, std::string_view expected) {
  return Error{ErrorCode::kInvalidArgument,
               Message{fmt::format("core.json.must_be_{}", expected), {{"field", field}}},
               std::string(field),
               {}};
}

std::unexpected<Error> Required(std::string_view field) {
  return Fail(ErrorCode::kInvalidArgument, Message{"core.json.required", {{"field", field}}},
              std::string(field));
}

// A SAX handler that only looks for an object holding the same key twice, which Boost.JSON's
// value parser would resolve silently (the last one wins): a client and a proxy or a log
// reading the same body differently is how such ambiguities are exploited.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  const std::optional<std::string>& duplicate() const { return duplicate_; }

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_array_begin(boost::system::error_code&) {
    scopes_.emplace_back();
    return true;
  }
  bool on_array_end(std::size_t, boost::system::error_code&) {
    scopes_.pop_back();
    return true;
  }
  bool on_object_begin(boost::system::error_code&) {
    scopes_.emplace_back(std::set<std::string>{});
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) {
    scopes_.pop_back();
    return true;
  }
  bool on_key_part(boost::json::string_view part, std::size_t, boost::system::error_code&) {
    key_.append(part.data(), part.size());
    return true;
  }
  bool on_key(boost::json::string_view part, std::size_t, boost::system::error_code& error) {
    key_.append(part.data(), part.size());
    auto& keys = scopes_.back();
    if (keys && !keys->insert(key_).second) {
      duplicate_ = key_;
      error = boost::json::error::syntax;  // stops the parser; duplicate() says why
      return false;
    }
    key_.clear();
    return true;
  }
  bool on_string_part(boost::json::string_view, std::size_t, boost::system::error_code&) {
    return true;
  }
  bool on_string(boost::json::string_view, std::size_t, boost::system::error_code&) { return true; }
  bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code&) {
    return true;
  }
  bool on_double(double, boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_bool(bool, boost::system::error_code&) { return true; }
  bool on_null(boost::system::error_code&) { return true; }
  bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

 private:
  std::vector<std::optional<std::set<std::string>>> scopes_;  // nullopt for arrays
  std::string key_;
  std::optional<std::string> duplicate_;
};

std::optional<std::string> FindDuplicateKey(std::string_view text,
                                            const boost::json::parse_options& options) {
  boost::json::basic_parser<DuplicateKeyFinder> parser(options);
  boost::system::error_code error;
  parser.write_some(false, text.data(), text.size(), error);
  return parser.handler().duplicate();
}

}  // namespace

Status CheckJsonContentType(std::string_view header) {
  const auto refuse = [] { return Fail(ErrorCode::kUnsupportedMedia, "core.http.not_json"); };
  // Media types, parameter names and charset names ignore case.
  const std::string type = AsciiLower(header);
  const auto semicolon = type.find(';');
  if (Trim(std::string_view(type).substr(0, semicolon)) != "application/json") return refuse();
  // Parameters are allowed; a charset other than UTF-8 is not (RFC 8259: JSON is UTF-8).
  std::string_view parameters = semicolon == std::string::npos
                                    ? std::string_view()
                                    : std::string_view(type).substr(semicolon + 1);
  while (!parameters.empty()) {
    const auto end = parameters.find(';');
    const std::string parameter = Trim(parameters.substr(0, end));
    const auto equals = parameter.find('=');
    if (equals != std::string::npos && Trim(parameter.substr(0, equals)) == "charset") {
      const std::string charset = Trim(parameter.substr(equals + 1));
      if (charset != "utf-8" && charset != "\"utf-8\"") return refuse();
    }
    if (end == std::string_view::npos) break;
    parameters.remove_prefix(end + 1);
  }
  return Ok();
}

Result<JsonBody> JsonBody::Parse(const Request& request) {
  ENSEMBLE_TRY_STATUS(CheckJsonContentType(request.Header("content-type")));
  boost::system::error_code error;
  boost::json::parse_options options;
  options.max_depth = 16;
  boost::json::value value = boost::json::parse(request.body, error, {}, options);
  if (error) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.json.malformed", {{"detail", error.message()}}});
  }
  if (auto duplicate = FindDuplicateKey(request.body, options)) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.json.duplicate_field", {{"field", *duplicate}}}, *duplicate);
  }
  if (!value.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "core.json.not_object");
  }
  return JsonBody(std::move(value.as_object()));
}

Status JsonBody::AllowOnly(std::initializer_list<std::string_view> known) const {
  for (const auto& entry : object_) {
    bool found = false;
    for (const auto name : known) found = found || entry.key() == name;
    if (!found) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"core.json.unknown_field", {{"field", std::string_view(entry.key())}}},
                  std::string(entry.key()));
    }
  }
  return Ok();
}

Result<std::string> JsonBody::RequiredString(std::string_view field) const {
  const auto* value = object_.if_contains(field);
  if (value == nullptr) {
    return Required(field);
  }
  if (!value->is_string()) return std::unexpected(WrongType(field, "string"));
  return std::string(value->as_string());
}

Result<std::optional<std::string>> JsonBody::OptionalString(std::string_view field) const {
  const auto* value = object_.if_contains(field);
  if (value == nullptr) return std::optional<std::string>{};
  if (!value->is_string()) return std::unexpected(WrongType(field, "string"));
  return std::optional<std::string>(std::string(value->as_string()));
}

Result<std::optional<std::optional<std::string>>> JsonBody::NullableString(
    std::string_view field) const {
  using Out = std::optional<std::optional<std::string>>;
  const auto* value = object_.if_contains(field);
  if (value == nullptr) return Out{};
  if (value->is_null()) return Out(std::optional<std::string>{});
  if (!value->is_string()) return std::unexpected(WrongType(field, "string_or_null"));
  return Out(std::optional<std::string>(std::string(value->as_string())));
}

Result<std::int64_t> JsonBody::RequiredInt(std::string_view field) const {
  const auto* value = object_.if_contains(field);
  if (value == nullptr) {
    return Required(field);
  }
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value->as_uint64());
  }
  return std::unexpected(WrongType(field, "integer"));
}

Result<std::optional<std::optional<std::int64_t>>> JsonBody::NullableInt(
    std::string_view field) const {
  using Out = std::optional<std::optional<std::int64_t>>;
  const auto* value = object_.if_contains(field);
  if (value == nullptr) return Out{};
  if (value->is_null()) return Out(std::optional<std::int64_t>{});
  return Out(std::optional<std::int64_t>(ENSEMBLE_TRY(RequiredInt(field))));
}

Result<const boost::json::object*> JsonBody::RequiredObject(std::string_view field) const {
  const auto* value = object_.if_contains(field);
  if (value == nullptr) {
    return Required(field);
  }
  if (!value->is_object()) return std::unexpected(WrongType(field, "object"));
  return &value->as_object();
}

Result<JsonBody> JsonBody::RequiredBody(std::string_view field) const {
  const boost::json::object* object = ENSEMBLE_TRY(RequiredObject(field));
  return JsonBody(*object);
}

Result<std::vector<JsonBody>> JsonBody::RequiredObjects(std::string_view field,
                                                        std::size_t max_items) const {
  const auto* value = object_.if_contains(field);
  if (value == nullptr) return Required(field);
  if (!value->is_array()) return std::unexpected(WrongType(field, "array_of_objects"));
  const boost::json::array& items = value->as_array();
  if (items.size() > max_items) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.json.too_many_items",
                        {{"field", field}, {"max", static_cast<std::int64_t>(max_items)}}},
                std::string(field));
  }
  std::vector<JsonBody> bodies;
  for (const boost::json::value& item : items) {
    if (!item.is_object()) return std::unexpected(WrongType(field, "array_of_objects"));
    bodies.push_back(JsonBody(item.as_object()));
  }
  return bodies;
}

Result<std::int64_t> ParseId(std::string_view field, std::string_view text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size() || id <= 0) {
    return Fail(ErrorCode::kInvalidArgument, Message{"core.json.must_be_id", {{"field", field}}},
                std::string(field));
  }
  return id;
}

}  // namespace ensemble::http
