// Field readers the staffing handlers share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "domain/staffing/types.h"
#include "http/api/json_body.h"

namespace ensemble::http::handlers {

// A nested body's result, its error naming "prefix.field".
template <typename T>
Result<T> In(std::string_view prefix, Result<T> result) {
  return JsonBody::Within(prefix, std::move(result));
}

// A JSON integer that fits an int, for minutes, basis points and versions.
inline Result<int> SmallInt(std::string_view field, std::int64_t value) {
  if (value < -1'000'000'000 || value > 1'000'000'000) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.json.must_be_integer", {{"field", field}}}, std::string(field));
  }
  return static_cast<int>(value);
}

// An ISO 8601 date, 2026-01-31, from `text`; kInvalidArgument on `field` otherwise.
inline Result<staffing::Date> DateText(std::string_view text, std::string_view field) {
  const auto date = staffing::ParseIsoDate(text);
  if (!date) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.bad_date"},
                std::string(field));
  }
  return *date;
}

// The same from a required string field of the body.
inline Result<staffing::Date> DateField(const JsonBody& body, std::string_view field) {
  return DateText(ENSEMBLE_TRY(body.RequiredString(field)), field);
}

}  // namespace ensemble::http::handlers
