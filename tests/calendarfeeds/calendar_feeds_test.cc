// Calendar feeds end to end on each backend: a feed is created, rendered through the event
// source registry with a demo source, read back by ical.js (the calendar component's
// read_ics.mjs), rotated, revoked; every token that cannot be served gets the very same 404.
// PostgreSQL also proves its row-level policies on calendar_feeds.
#include "app/calendar/calendar_feeds.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "app/calendar/feed_path.h"
#include "components/calendar/feed_token.h"
#include "storage/database.h"
#include "tests/support/test_database.h"

namespace ensemble::app {
namespace {

namespace json = boost::json;
using storage::Scope;
using storage::TransactionMode;

// 2026-01-15T09:30:00Z.
constexpr UnixMillis kStart = 1768469400000;
constexpr UnixMillis kMinute = 60 * 1000;

// The demo source: one fixed event for one structure and one for one person, and it remembers
// the range it was last asked for.
class DemoSource final : public calendar::EventSource {
 public:
  DemoSource(tenancy::StructureId structure, tenancy::PersonId person)
      : structure_(structure), person_(person) {}
  std::string_view Name() const override { return "demo"; }
  Result<std::vector<calendar::Event>> EventsFor(const calendar::FeedOwner& owner,
                                                 calendar::DateRange range) const override {
    asked_first_ = std::chrono::sys_days{range.first}.time_since_epoch().count();
    asked_last_ = std::chrono::sys_days{range.last}.time_since_epoch().count();
    std::vector<calendar::Event> events;
    if (owner.kind == calendar::OwnerKind::kStructure && owner.id == structure_) {
      calendar::Event event;
      event.uid = "demo-tour-" + std::to_string(structure_) + "@ensemble.example.org";
      event.summary = "Tournée du bus : place Carnot";
      event.location = "Place Carnot, Lyon";
      event.start = calendar::MakeLocalTime(2026, 2, 3, 9, 30);
      event.end = calendar::MakeLocalTime(2026, 2, 3, 12, 0);
      events.push_back(event);
    }
    if (owner.kind == calendar::OwnerKind::kPerson && owner.id == person_) {
      calendar::Event event;
      event.uid = "demo-shift-" + std::to_string(person_) + "@ensemble.example.org";
      event.summary = "Accueil";
      event.start = calendar::MakeLocalTime(2026, 1, 20, 14, 0);
      event.end = calendar::MakeLocalTime(2026, 1, 20, 18, 0);
      event.recurrence =
          calendar::Recurrence{.frequency = calendar::Frequency::kWeekly, .count = 4};
      events.push_back(event);
    }
    return events;
  }

  mutable std::atomic<std::int64_t> asked_first_ = 0;  // days since the epoch
  mutable std::atomic<std::int64_t> asked_last_ = 0;

 private:
  tenancy::StructureId structure_;
  tenancy::PersonId person_;
};

// Counts the transactions begun, to prove that a malformed token never reaches the database.
class CountingDatabase final : public storage::Database {
 public:
  explicit CountingDatabase(storage::Database& inner) : inner_(inner) {}
  std::string_view BackendName() const override { return inner_.BackendName(); }
  Result<std::unique_ptr<storage::SqlTransaction>> Begin(TransactionMode mode,
                                                         Scope scope) override {
    ++begun_;
    return inner_.Begin(mode, scope);
  }
  Status Migrate() override { return inner_.Migrate(); }
  Result<int> SchemaVersion() override { return inner_.SchemaVersion(); }
  int LatestSchemaVersion() const override { return inner_.LatestSchemaVersion(); }
  Status BackupTo(const std::filesystem::path& target) override { return inner_.BackupTo(target); }
  int begun() const { return begun_; }

 private:
  storage::Database& inner_;
  std::atomic<int> begun_ = 0;
};

std::string RunNode(const std::string& ics) {
  static std::atomic<int> counter = 0;
  const auto path = std::filesystem::temp_directory_path() /
                    ("ensemble_calendarfeeds_" + std::to_string(getpid()) + "_" +
                     std::to_string(counter++) + ".ics");
  std::ofstream(path, std::ios::binary) << ics;
  const std::string command =
      "node '" ENSEMBLE_CALENDAR_READ_ICS "' '" ENSEMBLE_ICAL_JS "' '" + path.string() + "' 10";
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe != nullptr) {
    std::array<char, 4096> buffer;
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
      out.append(buffer.data(), n);
    const int status = pclose(pipe);
    EXPECT_EQ(status, 0) << "node failed (is web/node_modules installed? cd web && npm ci)";
  }
  std::filesystem::remove(path);
  return out;
}

// What ical.js read of the ICS.
json::object ReadWithIcalJs(const std::string& ics) {
  const std::string out = RunNode(ics);
  boost::system::error_code error;
  json::value parsed = json::parse(out, error);
  EXPECT_FALSE(error) << out;
  return error ? json::object{} : parsed.as_object();
}

std::string Str(const json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : json::serialize(value);
}

std::string TokenOf(const CreatedFeed& feed) {
  const auto token = ParseFeedPath(feed.url_path);
  EXPECT_TRUE(token.has_value()) << feed.url_path;
  return std::string(token.value_or(""));
}

void ExpectTheFeedNotFoundAnswer(const Result<std::string>& rendered, const std::string& what) {
  ASSERT_FALSE(rendered.has_value()) << what;
  const Error expected = FeedNotFound();
  EXPECT_EQ(rendered.error().code, ErrorCode::kNotFound) << what;
  EXPECT_EQ(rendered.error().message, expected.message) << what;
  EXPECT_EQ(rendered.error().field, expected.field) << what;
  EXPECT_EQ(rendered.error().context, expected.context) << what;
}

class CalendarFeedsTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto created = test_support::TestDatabase::Create(GetParam());
    ASSERT_TRUE(created.has_value()) << created.error().message << " " << created.error().context;
    database_ = std::move(*created);
    auto ids = database_->db().InTransaction(
        TransactionMode::kWrite, Scope::WholeDatabase(),
        [&](storage::Transaction& tx) -> Result<std::array<std::int64_t, 4>> {
          tenancy::Structure structure;
          structure.kind = tenancy::StructureKind::kSocialCentre;
          structure.name = "Centre social Alma";
          const auto alma = ENSEMBLE_TRY(tx.Tenancy().InsertStructure(structure, 1));
          structure.name = "Centre social Pile";
          const auto pile = ENSEMBLE_TRY(tx.Tenancy().InsertStructure(structure, 1));
          tenancy::Person person;
          person.display_name = "Alice Martin";
          person.email = "alice@example.org";
          const auto alice = ENSEMBLE_TRY(tx.Tenancy().InsertPerson(person, "x", 1));
          person.display_name = "Bob Durand";
          person.email = "bob@example.org";
          const auto bob = ENSEMBLE_TRY(tx.Tenancy().InsertPerson(person, "x", 1));
          return std::array<std::int64_t, 4>{alma, pile, alice, bob};
        });
    ASSERT_TRUE(ids.has_value()) << ids.error().message;
    alma_ = (*ids)[0];
    pile_ = (*ids)[1];
    alice_ = (*ids)[2];
    bob_ = (*ids)[3];
    auto source = std::make_unique<DemoSource>(alma_, alice_);
    source_ = source.get();
    ASSERT_TRUE(sources_.Register(std::move(source)).has_value());
    counting_ = std::make_unique<CountingDatabase>(database_->db());
    app_ = std::make_unique<App>(*counting_, clock_, AppOptions{});
    feeds_ = std::make_unique<CalendarFeeds>(*app_, sources_);
  }

  // A person acting for a structure with one role: manage_calendar_feed decides from the hat.
  static tenancy::Actor Wearing(tenancy::PersonId person, tenancy::StructureId structure,
                                tenancy::Role role) {
    tenancy::Actor actor;
    actor.person_id = person;
    actor.acting_structure_id = structure;
    actor.roles = {role};
    return actor;
  }
  tenancy::Actor AlmaDirector() const { return Wearing(alice_, alma_, tenancy::Role::kDirector); }
  tenancy::Actor PileDirector() const { return Wearing(bob_, pile_, tenancy::Role::kDirector); }

  // Every row of calendar_feeds, whoever owns it.
  std::vector<storage::Row> AllFeedRows() {
    auto rows = database_->db().InSqlTransaction(
        TransactionMode::kRead, Scope::WholeDatabase(), [](storage::SqlTransaction& sql) {
          return sql.Query("SELECT token_hash, last_used_at, revoked_at FROM calendar_feeds", {});
        });
    EXPECT_TRUE(rows.has_value());
    return rows.value_or(std::vector<storage::Row>{});
  }

  std::unique_ptr<test_support::TestDatabase> database_;
  std::unique_ptr<CountingDatabase> counting_;
  FakeClock clock_{kStart};
  calendar::EventSourceRegistry sources_;
  DemoSource* source_ = nullptr;
  std::unique_ptr<App> app_;
  std::unique_ptr<CalendarFeeds> feeds_;
  tenancy::StructureId alma_ = 0;
  tenancy::StructureId pile_ = 0;
  tenancy::PersonId alice_ = 0;
  tenancy::PersonId bob_ = 0;
};

TEST_P(CalendarFeedsTest, APersonsFeedIsReadBackByIcalJs) {
  const auto feed = feeds_->CreatePersonFeed(alice_);
  ASSERT_TRUE(feed.has_value()) << feed.error().message;
  EXPECT_TRUE(feed->url_path.starts_with("/feeds/")) << feed->url_path;
  const auto ics = feeds_->Render(TokenOf(*feed), clock_.Now());
  ASSERT_TRUE(ics.has_value()) << ics.error().message << " " << ics.error().context;

  const json::object read = ReadWithIcalJs(*ics);
  EXPECT_EQ(Str(read.at("method")), "PUBLISH");
  EXPECT_EQ(Str(read.at("name")), "Alice Martin");
  const auto& events = read.at("events").as_array();
  ASSERT_EQ(events.size(), 1U);
  const auto& event = events[0].as_object();
  EXPECT_EQ(Str(event.at("uid")), "demo-shift-" + std::to_string(alice_) + "@ensemble.example.org");
  EXPECT_EQ(Str(event.at("summary")), "Accueil");
  // ical.js expands the weekly series in Europe/Paris: 14:00 in winter is 13:00 UTC.
  const auto& occurrences = event.at("occurrences").as_array();
  ASSERT_EQ(occurrences.size(), 4U);
  EXPECT_EQ(Str(occurrences[0].at("utc")), "2026-01-20T13:00:00.000Z");
  EXPECT_EQ(Str(occurrences[3].at("utc")), "2026-02-10T13:00:00.000Z");
}

TEST_P(CalendarFeedsTest, AStructuresFeedCarriesItsEventsAndItsName) {
  const auto feed = feeds_->CreateStructureFeed(AlmaDirector(), alma_);
  ASSERT_TRUE(feed.has_value()) << feed.error().message;
  const auto ics = feeds_->Render(TokenOf(*feed), clock_.Now());
  ASSERT_TRUE(ics.has_value()) << ics.error().message << " " << ics.error().context;
  const json::object read = ReadWithIcalJs(*ics);
  EXPECT_EQ(Str(read.at("method")), "PUBLISH");
  EXPECT_EQ(Str(read.at("name")), "Centre social Alma");
  const auto& events = read.at("events").as_array();
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(Str(events[0].at("summary")), "Tournée du bus : place Carnot");
  EXPECT_EQ(Str(events[0].at("start").at("utc")), "2026-02-03T08:30:00.000Z");

  // Pile's feed is empty: the demo source has nothing for it.
  const auto pile = feeds_->CreateStructureFeed(PileDirector(), pile_);
  ASSERT_TRUE(pile.has_value());
  const auto pile_ics = feeds_->Render(TokenOf(*pile), clock_.Now());
  ASSERT_TRUE(pile_ics.has_value());
  const json::object pile_read = ReadWithIcalJs(*pile_ics);
  EXPECT_EQ(Str(pile_read.at("name")), "Centre social Pile");
  EXPECT_TRUE(pile_read.at("events").as_array().empty());
}

TEST_P(CalendarFeedsTest, TheWindowRunsFromThirtyDaysBackToAYearAheadInParis) {
  const auto feed = feeds_->CreatePersonFeed(alice_);
  ASSERT_TRUE(feed.has_value());
  // 2026-07-01T22:30:00Z is already 2 July in Paris (UTC+2).
  const UnixMillis evening = 1782945000000;
  ASSERT_TRUE(feeds_->Render(TokenOf(*feed), evening).has_value());
  const std::chrono::sys_days today{calendar::MakeDay(2026, 7, 2)};
  EXPECT_EQ(source_->asked_first_, (today - std::chrono::days{30}).time_since_epoch().count());
  EXPECT_EQ(source_->asked_last_, (today + std::chrono::days{365}).time_since_epoch().count());
}

TEST_P(CalendarFeedsTest, OnlyTheTokensHashIsStored) {
  const auto feed = feeds_->CreatePersonFeed(alice_);
  ASSERT_TRUE(feed.has_value());
  const std::string token = TokenOf(*feed);
  const auto rows = AllFeedRows();
  ASSERT_EQ(rows.size(), 1U);
  const std::string stored = rows[0].Text(0);
  EXPECT_EQ(stored.size(), 64U);
  EXPECT_EQ(stored.find(token), std::string::npos);
  // It is the hash of the token, in hex.
  const auto hash = calendar::HashFeedToken(token);
  std::string hex;
  for (const std::uint8_t byte : hash) hex += fmt::format("{:02x}", byte);
  EXPECT_EQ(stored, hex);
}

TEST_P(CalendarFeedsTest, ANewFeedRevokesTheOldUrlWithTheAnswerOfAnUnknownToken) {
  const auto first = feeds_->CreatePersonFeed(alice_);
  ASSERT_TRUE(first.has_value());
  clock_.Advance(kMinute);
  const auto second = feeds_->CreatePersonFeed(alice_);
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(first->url_path, second->url_path);
  EXPECT_NE(first->id, second->id);

  ExpectTheFeedNotFoundAnswer(feeds_->Render(TokenOf(*first), clock_.Now()), "the rotated token");
  const auto unknown = calendar::NewFeedToken();
  ASSERT_TRUE(unknown.has_value());
  ExpectTheFeedNotFoundAnswer(feeds_->Render(unknown->secret, clock_.Now()), "an unknown token");
  EXPECT_TRUE(feeds_->Render(TokenOf(*second), clock_.Now()).has_value());

  const auto live = feeds_->PersonFeed(alice_);
  ASSERT_TRUE(live.has_value());
  ASSERT_TRUE(live->has_value());
  EXPECT_EQ((*live)->id, second->id);
  EXPECT_EQ((*live)->created_at, kStart + kMinute);
  // The old row stays, revoked at the rotation.
  const auto rows = AllFeedRows();
  ASSERT_EQ(rows.size(), 2U);
  int revoked = 0;
  for (const auto& row : rows) {
    if (!row.IsNull(2)) {
      ++revoked;
      EXPECT_EQ(row.Int(2), kStart + kMinute);
    }
  }
  EXPECT_EQ(revoked, 1);
}

TEST_P(CalendarFeedsTest, ARevokedFeedIsNotFoundAndCannotBeRevokedTwice) {
  const auto feed = feeds_->CreatePersonFeed(alice_);
  ASSERT_TRUE(feed.has_value());
  ASSERT_TRUE(feeds_->RevokePersonFeed(alice_, feed->id).has_value());
  ExpectTheFeedNotFoundAnswer(feeds_->Render(TokenOf(*feed), clock_.Now()), "a revoked token");
  const auto again = feeds_->RevokePersonFeed(alice_, feed->id);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(again.error().field, "feed");
  const auto live = feeds_->PersonFeed(alice_);
  ASSERT_TRUE(live.has_value());
  EXPECT_FALSE(live->has_value());

  const auto shared = feeds_->CreateStructureFeed(AlmaDirector(), alma_);
  ASSERT_TRUE(shared.has_value());
  ASSERT_TRUE(feeds_->RevokeStructureFeed(AlmaDirector(), alma_, shared->id).has_value());
  ExpectTheFeedNotFoundAnswer(feeds_->Render(TokenOf(*shared), clock_.Now()), "a revoked one");
}

TEST_P(CalendarFeedsTest, MalformedTokensGetTheSameAnswerWithoutALookUp) {
  const auto feed = feeds_->CreatePersonFeed(alice_);
  ASSERT_TRUE(feed.has_value());
  const std::string token = TokenOf(*feed);
  const std::string malformed[] = {
      "",
      "short",
      token.substr(1),
      token + "A",
      token.substr(1) + "!",
      token.substr(1) + "=",
      token.substr(3) + "../",
      "../../../../../../../../../../etc/passwd.ics",
      token.substr(1) + "/",
      token.substr(2) + "%2",
      std::string(43, '.'),
      token.substr(1) + std::string(1, '\0'),
      "é" + token.substr(2),
  };
  const int begun = counting_->begun();
  for (const std::string& presented : malformed) {
    ExpectTheFeedNotFoundAnswer(feeds_->Render(presented, clock_.Now()), "'" + presented + "'");
  }
  EXPECT_EQ(counting_->begun(), begun) << "a malformed token reached the database";
  // A well-formed unknown token does ask the database, and gets the same answer.
  ExpectTheFeedNotFoundAnswer(feeds_->Render(std::string(43, 'A'), clock_.Now()), "unknown");
  EXPECT_GT(counting_->begun(), begun);
}

TEST_P(CalendarFeedsTest, NobodyRevokesAnotherOwnersFeed) {
  const auto alices = feeds_->CreatePersonFeed(alice_);
  ASSERT_TRUE(alices.has_value());
  const auto by_bob = feeds_->RevokePersonFeed(bob_, alices->id);
  ASSERT_FALSE(by_bob.has_value());
  EXPECT_EQ(by_bob.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(by_bob.error().field, "feed");
  EXPECT_TRUE(feeds_->Render(TokenOf(*alices), clock_.Now()).has_value());
  // Bob does not see it as his either.
  const auto bobs = feeds_->PersonFeed(bob_);
  ASSERT_TRUE(bobs.has_value());
  EXPECT_FALSE(bobs->has_value());

  const auto almas = feeds_->CreateStructureFeed(AlmaDirector(), alma_);
  ASSERT_TRUE(almas.has_value());
  // A manager of Pile names Alma's feed: not found, as if it did not exist.
  const auto by_pile = feeds_->RevokeStructureFeed(PileDirector(), pile_, almas->id);
  ASSERT_FALSE(by_pile.has_value());
  EXPECT_EQ(by_pile.error().code, ErrorCode::kNotFound);
  // Alice's own feed is not a structure's, even in her hands.
  const auto as_structure = feeds_->RevokeStructureFeed(AlmaDirector(), alma_, alices->id);
  ASSERT_FALSE(as_structure.has_value());
  EXPECT_EQ(as_structure.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(feeds_->Render(TokenOf(*almas), clock_.Now()).has_value());
  EXPECT_TRUE(feeds_->Render(TokenOf(*alices), clock_.Now()).has_value());
}

TEST_P(CalendarFeedsTest, AStructuresFeedIsManagedAsManageCalendarFeedDecides) {
  // A role of the structure that may not: 403.
  const auto mediator = Wearing(bob_, alma_, tenancy::Role::kMediator);
  const auto created = feeds_->CreateStructureFeed(mediator, alma_);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, ErrorCode::kPermissionDenied);
  const auto almas = feeds_->CreateStructureFeed(AlmaDirector(), alma_);
  ASSERT_TRUE(almas.has_value());
  const auto revoked = feeds_->RevokeStructureFeed(mediator, alma_, almas->id);
  ASSERT_FALSE(revoked.has_value());
  EXPECT_EQ(revoked.error().code, ErrorCode::kPermissionDenied);
  const auto listed = feeds_->StructureFeed(mediator, alma_);
  ASSERT_FALSE(listed.has_value());
  EXPECT_EQ(listed.error().code, ErrorCode::kPermissionDenied);
  // Another structure's director: hidden, exactly as a structure that does not exist.
  const auto hidden = feeds_->StructureFeed(PileDirector(), alma_);
  ASSERT_FALSE(hidden.has_value());
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  const auto missing = feeds_->StructureFeed(PileDirector(), 999999);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(hidden.error().message, missing.error().message);
  EXPECT_EQ(hidden.error().field, missing.error().field);
  const auto seen = feeds_->StructureFeed(AlmaDirector(), alma_);
  ASSERT_TRUE(seen.has_value());
  ASSERT_TRUE(seen->has_value());
  EXPECT_EQ((*seen)->id, almas->id);
}

TEST_P(CalendarFeedsTest, UseIsNotedAtMostOnceAnHour) {
  const auto feed = feeds_->CreatePersonFeed(alice_);
  ASSERT_TRUE(feed.has_value());
  const std::string token = TokenOf(*feed);
  auto last_used = [&]() -> std::optional<UnixMillis> {
    const auto live = feeds_->PersonFeed(alice_);
    EXPECT_TRUE(live.has_value() && live->has_value());
    return live.has_value() && live->has_value() ? (*live)->last_used_at : std::nullopt;
  };
  EXPECT_EQ(last_used(), std::nullopt);

  ASSERT_TRUE(feeds_->Render(token, clock_.Now()).has_value());
  EXPECT_EQ(last_used(), kStart);
  clock_.Advance(30 * kMinute);
  int begun = counting_->begun();
  ASSERT_TRUE(feeds_->Render(token, clock_.Now()).has_value());
  EXPECT_EQ(counting_->begun(), begun + 1) << "a fetch within the hour is a read alone";
  EXPECT_EQ(last_used(), kStart);
  clock_.Advance(29 * kMinute);
  ASSERT_TRUE(feeds_->Render(token, clock_.Now()).has_value());
  EXPECT_EQ(last_used(), kStart);
  clock_.Advance(kMinute);  // exactly an hour after the noted use
  ASSERT_TRUE(feeds_->Render(token, clock_.Now()).has_value());
  EXPECT_EQ(last_used(), kStart + 60 * kMinute);
  clock_.Advance(61 * kMinute);
  begun = counting_->begun();
  ASSERT_TRUE(feeds_->Render(token, clock_.Now()).has_value());
  EXPECT_EQ(counting_->begun(), begun + 2);
  EXPECT_EQ(last_used(), kStart + 121 * kMinute);
}

TEST_P(CalendarFeedsTest, AFailingSourceFailsTheFeedWithItsError) {
  class Broken final : public calendar::EventSource {
   public:
    std::string_view Name() const override { return "broken"; }
    Result<std::vector<calendar::Event>> EventsFor(const calendar::FeedOwner&,
                                                   calendar::DateRange) const override {
      return Fail(ErrorCode::kUnavailable, "the planning service is down");
    }
  };
  ASSERT_TRUE(sources_.Register(std::make_unique<Broken>()).has_value());
  const auto feed = feeds_->CreatePersonFeed(alice_);
  ASSERT_TRUE(feed.has_value());
  const auto rendered = feeds_->Render(TokenOf(*feed), clock_.Now());
  ASSERT_FALSE(rendered.has_value());
  EXPECT_EQ(rendered.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(rendered.error().context.find("broken"), std::string::npos) << rendered.error().context;
}

// PostgreSQL's second wall: a transaction reaches the feeds of its own scope, and a transaction
// of nobody reaches only the feed whose token hash it presents.
TEST_P(CalendarFeedsTest, RowSecurityKeepsFeedsToTheirOwners) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "SQLite has no row-level security";
  ASSERT_TRUE(feeds_->CreatePersonFeed(alice_).has_value());
  const auto almas = feeds_->CreateStructureFeed(AlmaDirector(), alma_);
  ASSERT_TRUE(almas.has_value());
  auto count_in = [&](Scope scope, const std::string& presented = {}) -> std::int64_t {
    auto counted = database_->db().InSqlTransaction(
        TransactionMode::kRead, scope, [&](storage::SqlTransaction& sql) -> Result<std::int64_t> {
          if (!presented.empty()) {
            ENSEMBLE_TRY(
                sql.Query("SELECT set_config('ensemble.feed_token_hash', ?, true)", {presented}));
          }
          const auto row = ENSEMBLE_TRY(sql.QueryOne("SELECT count(*) FROM calendar_feeds", {}));
          return row ? row->Int(0) : -1;
        });
    EXPECT_TRUE(counted.has_value()) << counted.error().message;
    return counted.value_or(-1);
  };
  EXPECT_EQ(count_in(Scope::WholeDatabase()), 2);
  EXPECT_EQ(count_in(Scope::Nobody()), 0);
  EXPECT_EQ(count_in(Scope::OwnPlatformLines(alice_)), 1);
  EXPECT_EQ(count_in(Scope::OwnPlatformLines(bob_)), 0);
  EXPECT_EQ(count_in(Scope::ActingFor(alma_)), 1);
  EXPECT_EQ(count_in(Scope::ActingFor(pile_)), 0);
  const auto hash = calendar::HashFeedToken(TokenOf(*almas));
  std::string hex;
  for (const std::uint8_t byte : hash) hex += fmt::format("{:02x}", byte);
  EXPECT_EQ(count_in(Scope::Nobody(), hex), 1);
  EXPECT_EQ(count_in(Scope::Nobody(), std::string(64, '0')), 0);

  // Nor may a transaction of Pile's write a feed for Alma.
  const auto forged = database_->db().InTransaction(
      TransactionMode::kWrite, Scope::ActingFor(pile_), [&](storage::Transaction& tx) {
        return tx.Calendar().ReplaceLiveFeed(
            {std::string(64, 'a'), {storage::FeedOwnerKind::kStructure, alma_}, bob_}, 1);
      });
  ASSERT_FALSE(forged.has_value());
  EXPECT_TRUE(feeds_->Render(TokenOf(*almas), clock_.Now()).has_value())
      << "the refused forgery revoked nothing";
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarFeedsTest, testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace ensemble::app
