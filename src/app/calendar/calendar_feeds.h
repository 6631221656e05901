// The calendar feeds people and structures subscribe to from their calendar application: a
// secret URL per owner (components/calendar/feed_token.h), whose ICS merges the events every
// module contributes through the EventSourceRegistry (staff plans, meeting series, mobile-unit
// tours, call-for-projects deadlines). The URL is shown once, when the feed is created; only the
// token's hash is stored. Creating a feed revokes the owner's previous one (rotation).
//
// Who may manage a structure's feed is decided by domain/access (the tenancy policy's
// manage_calendar_feed), taken through the App's Gate, so that refusals are audited; creating
// and revoking a structure's feed are audited for the structure.
//
// Thread-safety: as the Database and the registry (register every source before sharing it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/app.h"
#include "components/calendar/event_source.h"
#include "core/clock.h"
#include "core/error.h"
#include "domain/tenancy/types.h"
#include "storage/database.h"

namespace ensemble::app {

// A feed just created: the only time its URL path is known to the server.
struct CreatedFeed {
  storage::FeedId id = 0;
  std::string url_path;  // "/feeds/<token>.ics", to be put after the site's origin
};

// What the owner sees of her live feed: never the URL, which is not kept.
struct FeedSummary {
  storage::FeedId id = 0;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> last_used_at = {};
};

// How far a feed reaches, in days around today in Europe/Paris, and how often its use is noted.
inline constexpr int kFeedDaysBack = 30;
inline constexpr int kFeedDaysAhead = 365;
inline constexpr UnixMillis kFeedUseNotedEvery = 60LL * 60 * 1000;

// The date in Europe/Paris at an instant, under the EU's summer-time rule (UTC+2 from 01:00 UTC
// on the last Sunday of March to 01:00 UTC on the last Sunday of October, UTC+1 otherwise).
calendar::Day ParisDay(UnixMillis at);

class CalendarFeeds {
 public:
  CalendarFeeds(App& app, const calendar::EventSourceRegistry& sources)
      : app_(app), db_(app.database()), clock_(app.clock()), sources_(sources) {}

  // A new feed of the person's own calendar, revoking her previous one.
  Result<CreatedFeed> CreatePersonFeed(tenancy::PersonId person);
  Result<std::optional<FeedSummary>> PersonFeed(tenancy::PersonId person);
  // kNotFound (field "feed") unless `feed` is the person's live feed.
  Status RevokePersonFeed(tenancy::PersonId person, storage::FeedId feed);

  // The same for a structure's shared calendar, as manage_calendar_feed decides: kNotFound
  // (tenancy::NotFound) for a structure the actor does not act for or that does not exist,
  // kPermissionDenied for a role of the structure that may not.
  Result<CreatedFeed> CreateStructureFeed(const Actor& actor, StructureId structure);
  Result<std::optional<FeedSummary>> StructureFeed(const Actor& actor, StructureId structure);
  Status RevokeStructureFeed(const Actor& actor, StructureId structure, storage::FeedId feed);

  // The ICS of the feed whose token is `token`, as of `now`: METHOD:PUBLISH, named after its
  // owner, with the owner's events from kFeedDaysBack days before today to kFeedDaysAhead days
  // after. A malformed, unknown or revoked token is the same kNotFound (FeedNotFound()), and a
  // malformed one is refused before the database is asked. Notes the feed's use at most once
  // per kFeedUseNotedEvery. A failing source fails the feed with its error.
  Result<std::string> Render(std::string_view token, UnixMillis now);
  // The same as of the clock's now.
  Result<std::string> Render(std::string_view token) { return Render(token, clock_.Now()); }

 private:
  Result<CreatedFeed> Create(storage::Scope scope, storage::FeedOwnerRef owner,
                             tenancy::PersonId created_by);
  // Runs `work(tx)` in one transaction once manage_calendar_feed allows the actor on `structure`.
  template <typename Work>
  auto Managing(storage::TransactionMode mode, const Actor& actor, StructureId structure,
                Work&& work);

  App& app_;
  storage::Database& db_;
  const Clock& clock_;
  const calendar::EventSourceRegistry& sources_;
};

// The one answer for a feed that cannot be served: an HTTP 404 whatever the reason.
Error FeedNotFound();

}  // namespace ensemble::app
