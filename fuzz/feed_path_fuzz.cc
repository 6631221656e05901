// The calendar feed path parser (app/calendar/feed_path.h) on any request path, as the router
// sees it. A path is accepted only when it is exactly the feed path of the token it yields, and
// that token has a feed token's shape: nothing of a path trick ('/', '.', '%') survives in it.
#include <string>
#include <string_view>

#include "app/calendar/feed_path.h"
#include "components/calendar/feed_token.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {

void FuzzFeedPath(const std::uint8_t* data, std::size_t size) {
  const std::string_view path(reinterpret_cast<const char*>(data), size);
  const auto token = app::ParseFeedPath(path);
  if (!token) return;
  ENSEMBLE_FUZZ_CHECK(calendar::IsWellFormedFeedToken(*token));
  ENSEMBLE_FUZZ_CHECK(token->size() == calendar::kFeedTokenChars);
  ENSEMBLE_FUZZ_CHECK(token->find_first_of("/.%?#\\") == std::string_view::npos);
  ENSEMBLE_FUZZ_CHECK(app::FeedPath(*token) == path);
  ENSEMBLE_FUZZ_CHECK(app::ParseFeedPath(app::FeedPath(*token)) == token);
}

}  // namespace ensemble::fuzz
