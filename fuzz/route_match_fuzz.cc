// Route matching (http/api/route_match.h) on any pattern and path: the first line of the input
// is the pattern, the rest the path. A match binds one non-empty segment to each `{name}` of the
// pattern, and putting those values back into the pattern gives the path's segments again.
#include <optional>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"
#include "http/api/route_match.h"

namespace ensemble::fuzz {
namespace {

// The non-empty segments of a path, the way the matcher counts them.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    if (end > start) segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

// A parameter segment's name and literal suffix: "{id}" or "{token}.ics".
struct Parameter {
  std::string_view name;
  std::string_view suffix;
};

std::optional<Parameter> ParameterOf(std::string_view segment) {
  if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}') {
    return Parameter{segment.substr(1, segment.size() - 2), {}};
  }
  if (segment.empty() || segment.front() != '{') return std::nullopt;
  const auto close = segment.find('}');
  if (close == std::string_view::npos) return std::nullopt;
  const auto suffix = segment.substr(close + 1);
  if (suffix.find_first_of("{}") != std::string_view::npos) return std::nullopt;
  return Parameter{segment.substr(1, close - 1), suffix};
}

// Whether a path segment can stand for a pattern's parameter.
bool Fits(const Parameter& parameter, std::string_view segment) {
  return segment.size() > parameter.suffix.size() && segment.ends_with(parameter.suffix);
}

}  // namespace

void FuzzRouteMatch(const std::uint8_t* data, std::size_t size) {
  Lines input(data, size);
  const std::string_view pattern = input.Next();
  const std::string_view path = input.Rest();

  // A pattern read as a path matches itself: `{id}` stands for any segment, itself included,
  // and `{token}.ics` for any segment ending in ".ics".
  ENSEMBLE_FUZZ_CHECK(http::MatchRoute(pattern, pattern).has_value());

  const auto params = http::MatchRoute(pattern, path);
  const auto want = Segments(pattern);
  const auto have = Segments(path);
  if (!params) {
    // A refusal has a reason: the counts differ, a fixed segment differs, or a segment lacks
    // its parameter's suffix.
    bool differs = want.size() != have.size();
    for (std::size_t i = 0; !differs && i < want.size(); ++i) {
      const auto parameter = ParameterOf(want[i]);
      differs = parameter ? !Fits(*parameter, have[i]) : want[i] != have[i];
    }
    ENSEMBLE_FUZZ_CHECK(differs);
    return;
  }

  ENSEMBLE_FUZZ_CHECK(want.size() == have.size());
  std::size_t next = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto parameter = ParameterOf(want[i]);
    if (!parameter) {
      ENSEMBLE_FUZZ_CHECK(want[i] == have[i]);
      continue;
    }
    ENSEMBLE_FUZZ_CHECK(next < params->values.size());
    const auto& [name, value] = params->values[next++];
    ENSEMBLE_FUZZ_CHECK(name == parameter->name);
    ENSEMBLE_FUZZ_CHECK(value + std::string(parameter->suffix) == have[i]);
    ENSEMBLE_FUZZ_CHECK(!value.empty() && value.find('/') == std::string::npos);
  }
  ENSEMBLE_FUZZ_CHECK(next == params->values.size());

  // Get answers the first value bound to a name; Id accepts only positive integers.
  for (const auto& [name, value] : params->values) {
    std::string_view first;
    for (const auto& [other_name, other_value] : params->values) {
      if (other_name == name) {
        first = other_value;
        break;
      }
    }
    ENSEMBLE_FUZZ_CHECK(params->Get(name) == first);
    const auto id = params->Id(name);
    ENSEMBLE_FUZZ_CHECK(id ? *id > 0 : id.error().field == name);
  }
}

}  // namespace ensemble::fuzz
