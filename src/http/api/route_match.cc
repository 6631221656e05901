#include "http/api/route_match.h"

#include "http/api/json_body.h"

namespace ensemble::http {
namespace {

// Splits "/a/b/c" into its segments.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto end = path.find('/');
    segments.push_back(path.substr(0, end));
    if (end == std::string_view::npos) break;
    path.remove_prefix(end);
  }
  return segments;
}

}  // namespace

std::string_view PathParams::Get(std::string_view name) const {
  for (const auto& [key, value] : values) {
    if (key == name) return value;
  }
  return {};
}

Result<std::int64_t> PathParams::Id(std::string_view name) const {
  return ParseId(name, Get(name));
}

std::optional<PathParams> MatchRoute(std::string_view pattern, std::string_view path) {
  const auto want = Segments(pattern);
  const auto have = Segments(path);
  if (want.size() != have.size()) return std::nullopt;
  PathParams params;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].starts_with('{') && want[i].ends_with('}')) {
      params.values.emplace_back(std::string(want[i].substr(1, want[i].size() - 2)),
                                 std::string(have[i]));
    } else if (want[i] != have[i]) {
      return std::nullopt;
    }
  }
  return params;
}

}  // namespace ensemble::http
