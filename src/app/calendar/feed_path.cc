#include "app/calendar/feed_path.h"

#include "components/calendar/feed_token.h"

namespace ensemble::app {

std::string FeedPath(std::string_view token) {
  std::string path(kFeedPathPrefix);
  path += token;
  path += kFeedPathSuffix;
  return path;
}

std::optional<std::string_view> ParseFeedPath(std::string_view path) {
  if (!path.starts_with(kFeedPathPrefix) || !path.ends_with(kFeedPathSuffix)) return std::nullopt;
  if (path.size() < kFeedPathPrefix.size() + kFeedPathSuffix.size()) return std::nullopt;
  const std::string_view token = path.substr(
      kFeedPathPrefix.size(), path.size() - kFeedPathPrefix.size() - kFeedPathSuffix.size());
  // The alphabet (letters, digits, '-', '_') leaves no room for '/', '.', '%' or '?'.
  if (!calendar::IsWellFormedFeedToken(token)) return std::nullopt;
  return token;
}

}  // namespace ensemble::app
