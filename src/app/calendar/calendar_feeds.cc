#include "app/calendar/calendar_feeds.h"

#include <fmt/format.h>

#include <array>
#include <chrono>

#include "app/calendar/feed_path.h"
#include "components/calendar/feed_token.h"
#include "components/calendar/ics_writer.h"
#include "core/paris_time.h"

namespace ensemble::app {

namespace {

using storage::FeedOwnerKind;
using storage::FeedOwnerRef;
using storage::TransactionMode;

FeedSummary Summarise(const storage::FeedRecord& feed) {
  return FeedSummary{feed.id, feed.created_at, feed.last_used_at};
}

Status RevokeFrom(storage::Transaction& tx, FeedOwnerRef owner, storage::FeedId feed,
                  UnixMillis now) {
  if (!ENSEMBLE_TRY(tx.Calendar().RevokeFeed(feed, owner, now))) {
    // One message whatever the id, so that another owner's feed answers as a missing one.
    return Fail(ErrorCode::kNotFound, "calendar.feed.not_found", "feed");
  }
  return Ok();
}

Result<std::optional<FeedSummary>> LiveFeedFrom(storage::Transaction& tx, FeedOwnerRef owner) {
  const auto feed = ENSEMBLE_TRY(tx.Calendar().FindLiveFeedOf(owner));
  if (!feed) return std::optional<FeedSummary>{};
  return std::optional<FeedSummary>(Summarise(*feed));
}

Status RevokeIn(storage::Database& db, storage::Scope scope, FeedOwnerRef owner,
                storage::FeedId feed, UnixMillis now) {
  return db.InTransaction(TransactionMode::kWrite, scope, [&](storage::Transaction& tx) -> Status {
    return RevokeFrom(tx, owner, feed, now);
  });
}

Result<std::optional<FeedSummary>> LiveFeedIn(storage::Database& db, storage::Scope scope,
                                              FeedOwnerRef owner) {
  return db.InTransaction(TransactionMode::kRead, scope,
                          [&](storage::Transaction& tx) { return LiveFeedFrom(tx, owner); });
}

FeedOwnerRef StructureOwner(StructureId structure) {
  return {FeedOwnerKind::kStructure, structure};
}

// The owner's name, for X-WR-CALNAME: what the calendar application lists the feed as.
Result<std::string> OwnerName(storage::Transaction& tx, FeedOwnerRef owner) {
  if (owner.kind == FeedOwnerKind::kPerson) {
    const auto person = ENSEMBLE_TRY(tx.Tenancy().FindPerson(owner.id));
    if (!person) return Internal(fmt::format("feed of no person {}", owner.id));
    return person->display_name;
  }
  const auto structure = ENSEMBLE_TRY(tx.Tenancy().FindStructure(owner.id));
  if (!structure) {
    return Internal(fmt::format("feed of no structure {}", owner.id));
  }
  return structure->name;
}

calendar::FeedOwner ToCalendarOwner(FeedOwnerRef owner) {
  return calendar::FeedOwner{owner.kind == FeedOwnerKind::kPerson ? calendar::OwnerKind::kPerson
                                                                  : calendar::OwnerKind::kStructure,
                             owner.id};
}

}  // namespace

Error FeedNotFound() {
  // One message for every reason, so that the answer tells nothing about the token.
  return Error{ErrorCode::kNotFound, Message{"calendar.feed.not_found"}, "token", {}};
}

calendar::Day ParisDay(UnixMillis at) {
  using namespace std::chrono;
  const sys_time<milliseconds> local{milliseconds{at + ParisOffset(at)}};
  return year_month_day{floor<days>(local)};
}

Result<CreatedFeed> CalendarFeeds::Create(storage::Scope scope, FeedOwnerRef owner,
                                          tenancy::PersonId created_by) {
  auto token = ENSEMBLE_TRY(calendar::NewFeedToken());
  const UnixMillis now = clock_.Now();
  const storage::FeedId id =
      ENSEMBLE_TRY(db_.InTransaction(TransactionMode::kWrite, scope, [&](storage::Transaction& tx) {
        return tx.Calendar().ReplaceLiveFeed(
            {calendar::FeedTokenHashHex(token.hash), owner, created_by}, now);
      }));
  return CreatedFeed{id, FeedPath(token.secret)};
}

Result<CreatedFeed> CalendarFeeds::CreatePersonFeed(tenancy::PersonId person) {
  return Create(storage::Scope::OwnPlatformLines(person), {FeedOwnerKind::kPerson, person}, person);
}

Result<std::optional<FeedSummary>> CalendarFeeds::PersonFeed(tenancy::PersonId person) {
  return LiveFeedIn(db_, storage::Scope::OwnPlatformLines(person),
                    {FeedOwnerKind::kPerson, person});
}

Status CalendarFeeds::RevokePersonFeed(tenancy::PersonId person, storage::FeedId feed) {
  return RevokeIn(db_, storage::Scope::OwnPlatformLines(person), {FeedOwnerKind::kPerson, person},
                  feed, clock_.Now());
}

template <typename Work>
auto CalendarFeeds::Managing(TransactionMode mode, const Actor& actor, StructureId structure,
                             Work&& work) {
  return app_.Decided(mode, actor,
                      [&](storage::Transaction& tx,
                          Gate& gate) -> decltype(work(std::declval<storage::Transaction&>())) {
                        access::Target target;
                        target.exists =
                            ENSEMBLE_TRY(tx.Tenancy().FindStructure(structure)).has_value();
                        target.owner = structure;
                        ENSEMBLE_TRY_STATUS(gate.Check(tenancy::Action::kManageCalendarFeed, target,
                                                       std::to_string(structure)));
                        return work(tx);
                      });
}

Result<CreatedFeed> CalendarFeeds::CreateStructureFeed(const Actor& actor, StructureId structure) {
  auto token = ENSEMBLE_TRY(calendar::NewFeedToken());
  const UnixMillis now = clock_.Now();
  const storage::FeedId id = ENSEMBLE_TRY(Managing(
      TransactionMode::kWrite, actor, structure,
      [&](storage::Transaction& tx) -> Result<storage::FeedId> {
        const storage::FeedId created = ENSEMBLE_TRY(tx.Calendar().ReplaceLiveFeed(
            {calendar::FeedTokenHashHex(token.hash), StructureOwner(structure), actor.person_id},
            now));
        ENSEMBLE_TRY_STATUS(
            app_.Audit(tx, actor, structure, "create", "calendar_feed", std::to_string(created)));
        return created;
      }));
  return CreatedFeed{id, FeedPath(token.secret)};
}

Result<std::optional<FeedSummary>> CalendarFeeds::StructureFeed(const Actor& actor,
                                                                StructureId structure) {
  return Managing(TransactionMode::kRead, actor, structure, [&](storage::Transaction& tx) {
    return LiveFeedFrom(tx, StructureOwner(structure));
  });
}

Status CalendarFeeds::RevokeStructureFeed(const Actor& actor, StructureId structure,
                                          storage::FeedId feed) {
  const UnixMillis now = clock_.Now();
  return Managing(
      TransactionMode::kWrite, actor, structure, [&](storage::Transaction& tx) -> Status {
        ENSEMBLE_TRY_STATUS(RevokeFrom(tx, StructureOwner(structure), feed, now));
        // A revocation is the feed's one change after its creation.
        return app_.Audit(tx, actor, structure, "update", "calendar_feed", std::to_string(feed));
      });
}

Result<std::string> CalendarFeeds::Render(std::string_view token, UnixMillis now) {
  // The shape is public, so refusing a malformed token before any look-up reveals nothing, and
  // spares the database the requests of scanners.
  if (!calendar::IsWellFormedFeedToken(token)) return std::unexpected(FeedNotFound());
  const std::string token_hash = calendar::FeedTokenHashHex(calendar::HashFeedToken(token));

  struct Found {
    storage::FeedRecord feed;
    std::string name;
  };
  // Nobody is known yet: the transaction reaches no owner's rows, and the store presents the
  // token's hash to reach this feed's row alone (calendar_store.h).
  const auto found = ENSEMBLE_TRY(db_.InTransaction(
      TransactionMode::kRead, [&](storage::Transaction& tx) -> Result<std::optional<Found>> {
        auto feed = ENSEMBLE_TRY(tx.Calendar().FindLiveFeedByTokenHash(token_hash));
        if (!feed) return std::optional<Found>{};
        auto name = ENSEMBLE_TRY(OwnerName(tx, feed->owner));
        return std::optional<Found>(Found{std::move(*feed), std::move(name)});
      }));
  if (!found) return std::unexpected(FeedNotFound());
  // The look-up went by an index on the hash, whose timing can only tell about the hash of the
  // presented token, never about a stored token. The row found is checked again in constant
  // time, so that a broken index or collation could not serve a feed for another token.
  const auto stored = calendar::FeedTokenHashFromHex(found->feed.token_hash);
  if (!stored || !calendar::FeedTokenMatches(token, *stored)) {
    return std::unexpected(FeedNotFound());
  }

  const calendar::Day today = ParisDay(now);
  const calendar::DateRange range{
      std::chrono::year_month_day{std::chrono::sys_days{today} - std::chrono::days{kFeedDaysBack}},
      std::chrono::year_month_day{std::chrono::sys_days{today} +
                                  std::chrono::days{kFeedDaysAhead}}};
  auto events = ENSEMBLE_TRY(sources_.Collect(ToCalendarOwner(found->feed.owner), range));
  auto ics = ENSEMBLE_TRY(calendar::WriteCalendar(
      calendar::Calendar{found->name, calendar::Method::kPublish, now, std::move(events)}));

  // Calendar applications poll every few minutes; noting each fetch would turn every read into
  // a write. Once an hour is enough to tell the owner whether the feed is in use.
  if (!found->feed.last_used_at || *found->feed.last_used_at <= now - kFeedUseNotedEvery) {
    ENSEMBLE_TRY(db_.InTransaction(TransactionMode::kWrite, [&](storage::Transaction& tx) {
      return tx.Calendar().NoteFeedUsed(token_hash, now, now - kFeedUseNotedEvery + 1);
    }));
  }
  return ics;
}

}  // namespace ensemble::app
