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

// A parameter segment of a pattern: "{name}", or "{name}suffix" with a literal suffix free of
// braces ("{token}.ics"), which stands for any segment ending in the suffix after at least one
// character.
struct Parameter {
  std::string_view name;
  std::string_view suffix;
};

std::optional<Parameter> ParameterOf(std::string_view segment) {
  if (!segment.starts_with('{')) return std::nullopt;
  if (segment.size() >= 2 && segment.ends_with('}')) {
    return Parameter{segment.substr(1, segment.size() - 2), {}};
  }
  const auto close = segment.find('}');
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view suffix = segment.substr(close + 1);
  if (suffix.find_first_of("{}") != std::string_view::npos) return std::nullopt;
  return Parameter{segment.substr(1, close - 1), suffix};
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
    if (const auto parameter = ParameterOf(want[i])) {
      const std::string_view suffix = parameter->suffix;
      if (have[i].size() <= suffix.size() || !have[i].ends_with(suffix)) return std::nullopt;
      params.values.emplace_back(std::string(parameter->name),
                                 std::string(have[i].substr(0, have[i].size() - suffix.size())));
    } else if (want[i] != have[i]) {
      return std::nullopt;
    }
  }
  return params;
}

}  // namespace ensemble::http
