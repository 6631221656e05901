// The path of a calendar feed's URL, "/feeds/<token>.ics": the only part of the request a
// calendar application sends that identifies the feed. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ensemble::app {

inline constexpr std::string_view kFeedPathPrefix = "/feeds/";
inline constexpr std::string_view kFeedPathSuffix = ".ics";

// The path of the feed whose token is `token` (a token from calendar::NewFeedToken).
std::string FeedPath(std::string_view token);

// The token in a request path, when the path is exactly "/feeds/<token>.ics" and the token has
// a feed token's shape (calendar::IsWellFormedFeedToken). Anything else (another prefix, a
// query, a second dot, "..", a slash or a percent sign in the token, a token of the wrong
// length) is nullopt, and should be answered with the same 404 as an unknown token.
std::optional<std::string_view> ParseFeedPath(std::string_view path);

}  // namespace ensemble::app
