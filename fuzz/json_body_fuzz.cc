// The JSON body reader (http/api/json_body.h) on any request body: the first line of the input
// is the Content-Type, the rest the body. Whatever the bytes, the reader answers a value or an
// error of the right code that names the field at fault; it never crashes.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"
#include "http/api/json_body.h"

namespace ensemble::fuzz {
namespace {

bool IsFieldError(const Error& error, std::string_view field) {
  return error.code == ErrorCode::kInvalidArgument && error.field == field;
}

void CheckId(std::string_view field, std::string_view text) {
  const auto id = http::ParseId(field, text);
  if (!id) {
    ENSEMBLE_FUZZ_CHECK(IsFieldError(id.error(), field));
    return;
  }
  ENSEMBLE_FUZZ_CHECK(*id > 0);
  ENSEMBLE_FUZZ_CHECK(!text.empty());
  for (const char c : text) ENSEMBLE_FUZZ_CHECK(c >= '0' && c <= '9');
}

// Every accessor on one field: a value agrees with what the object holds, an error names it.
void CheckField(const http::JsonBody& body, std::string_view field) {
  const boost::json::value* held = body.object().if_contains(field);

  const auto text = body.RequiredString(field);
  if (text) {
    ENSEMBLE_FUZZ_CHECK(held != nullptr && held->is_string() && held->as_string() == *text);
    CheckId(field, *text);
  } else {
    ENSEMBLE_FUZZ_CHECK(IsFieldError(text.error(), field));
  }

  const auto optional_text = body.OptionalString(field);
  ENSEMBLE_FUZZ_CHECK(optional_text || IsFieldError(optional_text.error(), field));
  if (optional_text) ENSEMBLE_FUZZ_CHECK(optional_text->has_value() == text.has_value());

  const auto nullable_text = body.NullableString(field);
  ENSEMBLE_FUZZ_CHECK(nullable_text || IsFieldError(nullable_text.error(), field));
  if (nullable_text && nullable_text->has_value() && !nullable_text->value().has_value()) {
    ENSEMBLE_FUZZ_CHECK(held != nullptr && held->is_null());
  }

  const auto number = body.RequiredInt(field);
  if (number) {
    ENSEMBLE_FUZZ_CHECK(held != nullptr && (held->is_int64() || held->is_uint64()));
    ENSEMBLE_FUZZ_CHECK(held->to_number<std::int64_t>() == *number);
  } else {
    ENSEMBLE_FUZZ_CHECK(IsFieldError(number.error(), field));
  }

  const auto nullable_number = body.NullableInt(field);
  ENSEMBLE_FUZZ_CHECK(nullable_number || IsFieldError(nullable_number.error(), field));

  const auto object = body.RequiredObject(field);
  if (object) {
    ENSEMBLE_FUZZ_CHECK(*object == &held->as_object());
  } else {
    ENSEMBLE_FUZZ_CHECK(IsFieldError(object.error(), field));
  }
}

}  // namespace

void FuzzJsonBody(const std::uint8_t* data, std::size_t size) {
  Lines input(data, size);
  http::Request request;
  request.method = "POST";
  request.path = "/api/v1/structures";
  request.headers.emplace_back("content-type", std::string(input.Next()));
  request.body = std::string(input.Rest());

  const auto body = http::JsonBody::Parse(request);
  if (!body) {
    const ErrorCode code = body.error().code;
    ENSEMBLE_FUZZ_CHECK(code == ErrorCode::kInvalidArgument ||
                        code == ErrorCode::kUnsupportedMedia);
    // A refusal that names a field (a key given twice) is the client's to fix.
    ENSEMBLE_FUZZ_CHECK(body.error().field.empty() || code == ErrorCode::kInvalidArgument);
    return;
  }

  // The fields of our routes, and every key the body holds, whatever it is.
  std::vector<std::string> fields = {"name", "siret", "email", "password", "parent_id", ""};
  for (const auto& entry : body->object()) fields.emplace_back(entry.key());
  for (const auto& field : fields) CheckField(*body, field);

  const auto allowed = body->AllowOnly({"name", "siret", "parent_id"});
  if (!allowed) {
    const std::string& field = allowed.error().field;
    ENSEMBLE_FUZZ_CHECK(allowed.error().code == ErrorCode::kInvalidArgument);
    ENSEMBLE_FUZZ_CHECK(body->object().contains(field));
    ENSEMBLE_FUZZ_CHECK(field != "name" && field != "siret" && field != "parent_id");
  }
  ENSEMBLE_FUZZ_CHECK(body->AllowOnly({}).has_value() == body->object().empty());
}

}  // namespace ensemble::fuzz
