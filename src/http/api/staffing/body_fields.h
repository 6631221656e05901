// Field readers the staffing handlers share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
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

}  // namespace ensemble::http::handlers
