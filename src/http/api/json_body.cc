#include "http/api/json_body.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

namespace ensemble::http {
namespace {

Error WrongType(std::string_view field, std::string_view expected) {
  return Error{ErrorCode::kInvalidArgument,
               fmt::format("« {} » doit être {}", field, expected),
               std::string(field),
               {}};
}

}  // namespace

Result<JsonBody> JsonBody::Parse(const Request& request) {
  const std::string_view type = request.Header("content-type");
  if (!type.starts_with("application/json")) {
    return Fail(ErrorCode::kUnsupportedMedia,
                "le corps de la requête doit être du JSON "
                "(Content-Type: application/json)");
  }
  boost::system::error_code error;
  boost::json::parse_options options;
  options.max_depth = 16;
  boost::json::value value = boost::json::parse(request.body, error, {}, options);
  if (error) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("JSON invalide : {}", error.message()));
  }
  if (!value.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "le corps JSON doit être un objet");
  }
  return JsonBody(std::move(value.as_object()));
}

Status JsonBody::AllowOnly(std::initializer_list<std::string_view> known) const {
  for (const auto& entry : object_) {
    bool found = false;
    for (const auto name : known) found = found || entry.key() == name;
    if (!found) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("champ inconnu « {} »", std::string_view(entry.key())),
                  std::string(entry.key()));
    }
  }
  return Ok();
}

Result<std::string> JsonBody::RequiredString(std::string_view field) const {
  const auto* value = object_.if_contains(field);
  if (value == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("« {} » est obligatoire", field),
                std::string(field));
  }
  if (!value->is_string()) return std::unexpected(WrongType(field, "une chaîne"));
  return std::string(value->as_string());
}

Result<std::optional<std::string>> JsonBody::OptionalString(std::string_view field) const {
  const auto* value = object_.if_contains(field);
  if (value == nullptr) return std::optional<std::string>{};
  if (!value->is_string()) return std::unexpected(WrongType(field, "une chaîne"));
  return std::optional<std::string>(std::string(value->as_string()));
}

Result<std::optional<std::optional<std::string>>> JsonBody::NullableString(
    std::string_view field) const {
  using Out = std::optional<std::optional<std::string>>;
  const auto* value = object_.if_contains(field);
  if (value == nullptr) return Out{};
  if (value->is_null()) return Out(std::optional<std::string>{});
  if (!value->is_string()) return std::unexpected(WrongType(field, "une chaîne ou null"));
  return Out(std::optional<std::string>(std::string(value->as_string())));
}

Result<std::int64_t> JsonBody::RequiredInt(std::string_view field) const {
  const auto* value = object_.if_contains(field);
  if (value == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("« {} » est obligatoire", field),
                std::string(field));
  }
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value->as_uint64());
  }
  return std::unexpected(WrongType(field, "un entier"));
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
    return Fail(ErrorCode::kInvalidArgument, fmt::format("« {} » est obligatoire", field),
                std::string(field));
  }
  if (!value->is_object()) return std::unexpected(WrongType(field, "un objet"));
  return &value->as_object();
}

Result<std::int64_t> ParseId(std::string_view field, std::string_view text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size() || id <= 0) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("« {} » doit être un identifiant entier", field), std::string(field));
  }
  return id;
}

}  // namespace ensemble::http
