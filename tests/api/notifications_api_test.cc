// The notifications over HTTP (src/http/api/notifications/): a person's own list, paged as the
// rest of the API, marking read, settings, and the precise 400 for bad input.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/api/api_fixture.h"
#include "tests/api/demo_people.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

class NotificationsApi : public ApiTest {
 protected:
  static std::int64_t PersonOf(const Session& session) {
    return session.json.at("person").at("id").as_int64();
  }

  // Notifies the person as a module would; the new notification's id.
  std::int64_t Notify(std::int64_t person, const std::string& link) {
    auto id = db_->InTransaction(
        storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
        [&](storage::Transaction& tx) -> Result<std::int64_t> {
          ENSEMBLE_TRY(router_->modules().notifications.Notify(
              tx, person, "deadline_soon", json::object{{"days", 3}}, link, std::nullopt));
          const auto page =
              ENSEMBLE_TRY(tx.Notifications().ListNotifications(person, false, {0, 1}));
          return page.items.front().id;
        });
    EXPECT_TRUE(id.has_value()) << id.error().message;
    return id.value_or(0);
  }

  Reply Raw(const Session& session, const std::string& method, const std::string& target,
            const std::string& body) {
    return Call(&session, method, target, body,
                {{"X-CSRF-Token", session.csrf}, {"Content-Type", "application/json"}});
  }

  static void ExpectInvalid(const Reply& reply, const std::string& field, const std::string& what) {
    EXPECT_EQ(reply.status, 400) << what << ": " << reply.body;
    EXPECT_EQ(reply.ErrorCode(), "invalid_argument") << what << ": " << reply.body;
    EXPECT_EQ(reply.ErrorField(), field) << what << ": " << reply.body;
  }
};

TEST_F(NotificationsApi, SheListsHerOwnPagedAndMarksThemRead) {
  const Session claire = SignIn(demo::kClaire);
  const Session marc = SignIn(demo::kMarc);
  const std::int64_t first = Notify(PersonOf(claire), "/structures/1");
  clock_.Advance(1000);
  Notify(PersonOf(claire), "/structures/2");
  clock_.Advance(1000);
  Notify(PersonOf(claire), "/structures/3");
  Notify(PersonOf(marc), "/marc-only");

  const Reply page = Get(claire, "/api/v1/me/notifications?page=1&page_size=2");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json.at("total").as_int64(), 3);
  EXPECT_EQ(page.json.at("page").as_int64(), 1);
  EXPECT_EQ(page.json.at("page_size").as_int64(), 2);
  const auto& items = page.json.at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  // Newest first, with its kind, params and link, unread.
  EXPECT_EQ(items[0].at("link").as_string(), "/structures/3");
  EXPECT_EQ(items[0].at("kind").as_string(), "deadline_soon");
  EXPECT_EQ(items[0].at("params").at("days").as_int64(), 3);
  EXPECT_TRUE(items[0].at("read_at").is_null());
  EXPECT_EQ(page.body.find("/marc-only"), std::string::npos);
  const Reply second = Get(claire, "/api/v1/me/notifications?page=2&page_size=2");
  ASSERT_EQ(second.json.at("items").as_array().size(), 1U);
  EXPECT_EQ(second.json.at("items").as_array()[0].at("id").as_int64(), first);

  const std::string read_first = "/api/v1/me/notifications/" + std::to_string(first) + "/read";
  EXPECT_EQ(Send(claire, "POST", read_first, json::object{}).status, 204);
  // Twice is not an error.
  EXPECT_EQ(Send(claire, "POST", read_first, json::object{}).status, 204);
  const Reply unread = Get(claire, "/api/v1/me/notifications?unread=true");
  EXPECT_EQ(unread.json.at("total").as_int64(), 2);
  const Reply all = Send(claire, "POST", "/api/v1/me/notifications/read-all", json::object{});
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json.at("marked").as_int64(), 2);
  EXPECT_EQ(Get(claire, "/api/v1/me/notifications?unread=true").json.at("total").as_int64(), 0);
  // Marc's is his alone, still unread.
  EXPECT_EQ(Get(marc, "/api/v1/me/notifications?unread=true").json.at("total").as_int64(), 1);
}

TEST_F(NotificationsApi, AnotherPersonsIdAnswersAsAMissingOne) {
  const Session claire = SignIn(demo::kClaire);
  const Session marc = SignIn(demo::kMarc);
  const std::int64_t claires = Notify(PersonOf(claire), "/structures/1");
  const Reply theirs =
      Send(marc, "POST", "/api/v1/me/notifications/" + std::to_string(claires) + "/read",
           json::object{});
  const Reply missing = Send(marc, "POST", "/api/v1/me/notifications/999999/read", json::object{});
  EXPECT_EQ(theirs.status, 404);
  EXPECT_EQ(theirs.ErrorCode(), "not_found");
  EXPECT_EQ(theirs.status, missing.status);
  EXPECT_EQ(theirs.body, missing.body);
  EXPECT_EQ(Get(claire, "/api/v1/me/notifications?unread=true").json.at("total").as_int64(), 1);
}

TEST_F(NotificationsApi, SettingsAreReadAndChosenPerKindAndLanguage) {
  const Session claire = SignIn(demo::kClaire);
  const Reply before = Get(claire, "/api/v1/me/notification-settings");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json.at("language").as_string(), "fr");
  bool found = false;
  for (const auto& kind : before.json.at("kinds").as_array()) {
    if (kind.at("kind").as_string() != "deadline_soon") continue;
    found = true;
    EXPECT_EQ(kind.at("channel").as_string(), "daily_digest");
    EXPECT_FALSE(kind.at("chosen").as_bool());
  }
  EXPECT_TRUE(found) << before.body;

  EXPECT_EQ(Send(claire, "PUT", "/api/v1/me/notification-settings/kinds/deadline_soon",
                 json::object{{"channel", "off"}})
                .status,
            204);
  EXPECT_EQ(Send(claire, "PUT", "/api/v1/me/notification-settings/language",
                 json::object{{"language", "en"}})
                .status,
            204);
  const Reply after = Get(claire, "/api/v1/me/notification-settings");
  EXPECT_EQ(after.json.at("language").as_string(), "en");
  for (const auto& kind : after.json.at("kinds").as_array()) {
    if (kind.at("kind").as_string() != "deadline_soon") continue;
    EXPECT_EQ(kind.at("channel").as_string(), "off");
    EXPECT_TRUE(kind.at("chosen").as_bool());
  }
  // Marc's settings are his own.
  const Session marc = SignIn(demo::kMarc);
  EXPECT_EQ(Get(marc, "/api/v1/me/notification-settings").json.at("language").as_string(), "fr");
}

TEST_F(NotificationsApi, BadInputIsRefusedNamingTheField) {
  const Session claire = SignIn(demo::kClaire);
  const std::string kinds = "/api/v1/me/notification-settings/kinds/";
  const std::string language = "/api/v1/me/notification-settings/language";
  ExpectInvalid(Send(claire, "PUT", kinds + "no_such_kind", json::object{{"channel", "off"}}),
                "kind", "an undeclared kind");
  ExpectInvalid(Send(claire, "PUT", kinds + "deadline_soon", json::object{{"channel", "pigeon"}}),
                "channel", "an unknown channel");
  ExpectInvalid(Send(claire, "PUT", kinds + "deadline_soon", json::object{{"channel", 1}}),
                "channel", "a number for a channel");
  ExpectInvalid(Send(claire, "PUT", kinds + "deadline_soon", json::object{}), "channel",
                "no channel");
  ExpectInvalid(Send(claire, "PUT", kinds + "deadline_soon",
                     json::object{{"channel", "off"}, {"colour", "red"}}),
                "colour", "an unknown field");
  ExpectInvalid(
      Raw(claire, "PUT", kinds + "deadline_soon", R"({"channel":"off","channel":"email_now"})"),
      "channel", "a duplicate key");
  ExpectInvalid(Send(claire, "PUT", language, json::object{{"language", "de"}}), "language",
                "an unknown language");
  ExpectInvalid(Send(claire, "PUT", language, json::object{{"language", nullptr}}), "language",
                "a null language");
  ExpectInvalid(Get(claire, "/api/v1/me/notifications?unread=maybe"), "unread", "unread=maybe");
  ExpectInvalid(Get(claire, "/api/v1/me/notifications?page_size=0"), "page_size", "page_size=0");
  ExpectInvalid(Get(claire, "/api/v1/me/notifications?page_size=201"), "page_size",
                "page_size=201");
  ExpectInvalid(Get(claire, "/api/v1/me/notifications?page=0"), "page", "page=0");
  ExpectInvalid(Send(claire, "POST", "/api/v1/me/notifications/abc/read", json::object{}), "id",
                "a malformed id");
  // A state change without the CSRF token is the router's refusal.
  const Reply no_csrf = Call(&claire, "POST", "/api/v1/me/notifications/read-all");
  EXPECT_EQ(no_csrf.status, 403) << no_csrf.body;
  EXPECT_EQ(no_csrf.ErrorCode(), "csrf_failed");
}

}  // namespace
}  // namespace ensemble::testing_support
