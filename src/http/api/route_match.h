// Matches a request path against a route pattern of the table ("/api/v1/structures/{id}") and
// collects the named parameters. Free of Beast and of the application, so that the fuzz target
// and the tests link it alone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace ensemble::http {

struct PathParams {
  std::vector<std::pair<std::string, std::string>> values;
  std::string_view Get(std::string_view name) const;
  // The named parameter as a positive integer id, or invalid_argument naming it.
  Result<std::int64_t> Id(std::string_view name) const;
};

// The parameters when `path` has the pattern's segments, each `{name}` segment standing for any
// one segment and each `{name}suffix` segment ("{token}.ics") for any segment that ends in the
// suffix after at least one character, bound without it; nullopt otherwise. Empty segments ("//")
// count for nothing on either side.
std::optional<PathParams> MatchRoute(std::string_view pattern, std::string_view path);

}  // namespace ensemble::http
