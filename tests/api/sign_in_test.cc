// Sign-in limits that cannot be turned against a person, sessions a person can see and end, and
// password changes that count wrong guesses: through HTTP, on both backends. Addresses are set
// with X-Forwarded-For (the fixture's server trusts it, as behind our proxy); time moves with
// the fixture's FakeClock.
#include <fmt/format.h>

#include <future>
#include <latch>

#include "tests/api/api_fixture.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

constexpr const char* kClaire = "claire.dumont@alma.example.org";
constexpr const char* kMarc = "marc.lefebvre@echo.example.org";
constexpr const char* kRight = "ensemble-demo-2026";

class SignInTest : public ApiTest {
 protected:
  Reply SignInFrom(const std::string& address, const std::string& email,
                   const std::string& password) {
    return Call(nullptr, "POST", "/api/v1/session",
                json::serialize(json::object{{"email", email}, {"password", password}}),
                {{"Content-Type", "application/json"}, {"X-Forwarded-For", address}});
  }
  std::int64_t Count(const std::string& sql) {
    auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
    return tx->QueryOne(sql, {}).value()->Int(0);
  }
};

void ExpectWait(const Reply& reply, int seconds) {
  EXPECT_EQ(reply.status, 429) << reply.body;
  EXPECT_EQ(reply.ErrorCode(), "too_many_requests");
  ASSERT_TRUE(reply.headers.contains("retry-after")) << reply.body;
  EXPECT_EQ(reply.headers.at("retry-after"), std::to_string(seconds));
}

// Five wrong passwords from one address slow that address down for that account, by a wait
// that doubles; the person herself, from her own address, signs in at once.
TEST_F(SignInTest, FailuresSlowThePairThatMakesThemWithGrowingDelays) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(SignInFrom("203.0.113.9", kClaire, "nope-nope").status, 401);
  ExpectWait(SignInFrom("203.0.113.9", kClaire, kRight), 1);
  EXPECT_EQ(SignInFrom("198.51.100.4", kClaire, kRight).status, 200);  // not locked out
  clock_.Advance(1'000);
  EXPECT_EQ(SignInFrom("203.0.113.9", kClaire, "nope-nope").status, 401);
  ExpectWait(SignInFrom("203.0.113.9", kClaire, kRight), 2);
  clock_.Advance(2'000);
  EXPECT_EQ(SignInFrom("203.0.113.9", kClaire, "nope-nope").status, 401);
  ExpectWait(SignInFrom("203.0.113.9", kClaire, "nope-nope"), 4);
  // A refused attempt is not a failure: it does not make the wait longer.
  clock_.Advance(4'000);
  EXPECT_EQ(SignInFrom("203.0.113.9", kClaire, kRight).status, 200);
}

// A centre's whole staff behind one NAT address: 30 people making five mistakes each do not
// lock the address; past that budget the address waits, and only that address.
TEST_F(SignInTest, AnAddressHasABudgetForAWholeCentreAndOnlyItWaits) {
  for (int person = 0; person < 30; ++person) {
    for (int i = 0; i < 5; ++i) {
      ASSERT_EQ(
          SignInFrom("192.0.2.1", fmt::format("agent{}@alma.example.org", person), "nope-nope")
              .status,
          401);
    }
  }
  const Reply over = SignInFrom("192.0.2.1", kMarc, kRight);
  EXPECT_EQ(over.status, 429);
  EXPECT_EQ(SignInFrom("192.0.2.2", kMarc, kRight).status, 200);
  clock_.Advance(15LL * 60 * 1000);
  EXPECT_EQ(SignInFrom("192.0.2.1", kMarc, kRight).status, 200);
}

// Someone who knows Claire's e-mail fails from many addresses: her account slows down to one
// attempt every 30 s at worst from unknown addresses, and not at all from the address she
// signed in from before.
TEST_F(SignInTest, AnAccountAttackedFromEverywhereSlowsDownButStaysOpenToItsOwner) {
  EXPECT_EQ(SignInFrom("198.51.100.4", kClaire, kRight).status, 200);  // her office
  for (int i = 0; i < 20; ++i) {  // the account's free failures, each from another address
    EXPECT_EQ(SignInFrom(fmt::format("203.0.113.{}", i), kClaire, "nope-nope").status, 401);
  }
  const Reply slowed = SignInFrom("203.0.113.200", kClaire, kRight);
  EXPECT_EQ(slowed.status, 429);
  EXPECT_LE(std::stoi(slowed.headers.at("retry-after")), 30);
  EXPECT_EQ(SignInFrom("198.51.100.4", kClaire, kRight).status, 200);
  clock_.Advance(30'000);
  EXPECT_EQ(SignInFrom("203.0.113.200", kClaire, kRight).status, 200);
}

TEST_F(SignInTest, SuccessfulSignInsAreLimitedAndAPersonKeepsTenSessionsAtMost) {
  std::vector<Session> sessions;
  for (int i = 0; i < 20; ++i) {
    const Reply reply = SignInFrom("198.51.100.4", kClaire, kRight);
    ASSERT_EQ(reply.status, 200) << i;
    sessions.push_back(SessionFrom(reply));
    clock_.Advance(1);
  }
  const Reply twenty_first = SignInFrom("198.51.100.4", kClaire, kRight);
  EXPECT_EQ(twenty_first.status, 429);
  EXPECT_TRUE(twenty_first.headers.contains("retry-after"));
  const std::int64_t claire =
      Count("SELECT id FROM people WHERE email = 'claire.dumont@alma.example.org'");
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM sessions WHERE person_id = {}", claire)), 10);
  EXPECT_EQ(Get(sessions.front(), "/api/v1/session").status, 401);  // the oldest ended
  EXPECT_EQ(Get(sessions.back(), "/api/v1/session").status, 200);
}

TEST_F(SignInTest, APersonListsHerSessionsAndEndsOneOrAll) {
  const Session laptop = SessionFrom(SignInFrom("198.51.100.4", kClaire, kRight));
  clock_.Advance(1'000);
  const Session phone = SessionFrom(
      Call(nullptr, "POST", "/api/v1/session",
           R"({"email":"claire.dumont@alma.example.org","password":"ensemble-demo-2026"})",
           {{"Content-Type", "application/json"},
            {"X-Forwarded-For", "192.0.2.77"},
            {"User-Agent", "Mozilla/5.0 (Android 14)\tMobile"}}));
  const Reply listed = Get(laptop, "/api/v1/me/sessions");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto& items = listed.json.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  std::string phone_id;
  for (const auto& item : items) {
    const bool current = item.at("current").as_bool();
    EXPECT_EQ(item.at("address").as_string(), current ? "198.51.100.4" : "192.0.2.77");
    EXPECT_FALSE(item.at("id").as_string().empty());
    if (!current) {
      phone_id = std::string(item.at("id").as_string());
      EXPECT_EQ(item.at("user_agent").as_string(), "Mozilla/5.0 (Android 14)Mobile");
    }
  }
  // The token and its hash never appear.
  EXPECT_EQ(listed.body.find(laptop.cookie), std::string::npos);
  EXPECT_EQ(listed.body.find("token"), std::string::npos);

  // Marc cannot end Claire's session: its id answers as an unknown one.
  const Session marc = SignIn(kMarc);
  const Reply foreign = Send(marc, "DELETE", "/api/v1/me/sessions/" + phone_id, nullptr);
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(foreign.ErrorCode(), "not_found");
  EXPECT_EQ(foreign.ErrorField(), "session_id");
  EXPECT_EQ(Get(phone, "/api/v1/session").status, 200);
  const Reply unknown = Send(laptop, "DELETE", "/api/v1/me/sessions/nonexistent", nullptr);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Call(nullptr, "GET", "/api/v1/me/sessions").status, 401);
  // Without the CSRF token, nothing ends.
  const Reply forged = Call(&laptop, "DELETE", "/api/v1/me/sessions/" + phone_id);
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(forged.ErrorCode(), "csrf_failed");

  EXPECT_EQ(Send(laptop, "DELETE", "/api/v1/me/sessions/" + phone_id, nullptr).status, 204);
  EXPECT_EQ(Get(phone, "/api/v1/session").status, 401);
  EXPECT_EQ(Get(laptop, "/api/v1/session").status, 200);
  EXPECT_EQ(Get(marc, "/api/v1/session").status, 200);

  const Session tablet = SignIn(kClaire);
  const Reply all = Send(laptop, "DELETE", "/api/v1/me/sessions", nullptr);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json.at("ended").as_int64(), 2);
  EXPECT_NE(all.headers.at("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Get(laptop, "/api/v1/session").status, 401);
  EXPECT_EQ(Get(tablet, "/api/v1/session").status, 401);
  EXPECT_EQ(Get(marc, "/api/v1/session").status, 200);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'end_all_sessions'"), 1);
}

// A stolen session cannot guess the password: wrong current passwords count as failed
// sign-ins and are audited.
TEST_F(SignInTest, AWrongCurrentPasswordCountsAsAFailedSignInAndIsAudited) {
  const Session claire = SignIn(kClaire);
  const std::string before = SnapshotData();
  for (int i = 0; i < 5; ++i) {
    const Reply wrong = Send(claire, "PUT", "/api/v1/me/password",
                             json::object{{"current_password", "guess-" + std::to_string(i)},
                                          {"new_password", "trois chats sur le toit"}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(wrong.ErrorField(), "current_password");
  }
  const Reply slowed =
      Send(claire, "PUT", "/api/v1/me/password",
           json::object{{"current_password", kRight}, {"new_password", "trois chats sur le toit"}});
  ExpectWait(slowed, 1);
  EXPECT_EQ(SnapshotData(), before);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'change_password_failed'"), 5);
  EXPECT_EQ(Count("SELECT count(*) FROM sign_in_failures WHERE email = "
                  "'claire.dumont@alma.example.org'"),
            5);
}

TEST_F(SignInTest, ANewPasswordMustNotBeCommonNorThePersonsNameNorOneCharacter) {
  const Session claire = SignIn(kClaire);
  const std::string before = SnapshotData();
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"short", "au moins 12"},           {"qwerty123456", "plus courants"},
      {"Password2026!", "plus courants"}, {"claire.dumont.2026", "nom"},
      {"Dumont-Dumont-Dumont", "nom"},    {"zzzzzzzzzzzzzzzz", "répété"},
  };
  for (const auto& [password, reason] : refused) {
    const Reply reply =
        Send(claire, "PUT", "/api/v1/me/password",
             json::object{{"current_password", kRight}, {"new_password", password}});
    EXPECT_EQ(reply.status, 400) << password;
    EXPECT_EQ(reply.ErrorCode(), "invalid_argument") << password;
    EXPECT_EQ(reply.ErrorField(), "new_password") << password;
    EXPECT_NE(reply.body.find(reason), std::string::npos) << password << ": " << reply.body;
  }
  EXPECT_EQ(SnapshotData(), before);
  EXPECT_EQ(
      Send(claire, "PUT", "/api/v1/me/password",
           json::object{{"current_password", kRight}, {"new_password", "trois chats sur le toit"}})
          .status,
      204);
}

class BusyHashingTest : public SignInTest {
 protected:
  app::AppOptions AppOptionsForTest() override {
    app::AppOptions options = ApiTest::AppOptionsForTest();
    options.hashing.slots = 1;
    options.hashing.max_waiting = 1;
    return options;
  }
};

// When every hashing slot is taken and the waiting room is full, a sign-in is refused at once
// with Retry-After instead of holding one more worker while it waits.
TEST_F(BusyHashingTest, ASignInBeyondTheHashingQueueIsRefusedAtOnce) {
  std::latch running(1);
  std::latch release(1);
  auto& hasher = app_->password_hasher();
  auto busy = std::async(std::launch::async, [&] {
    return hasher.RunInSlot([&] {
      running.count_down();
      release.wait();
    });
  });
  running.wait();  // the only slot is taken
  auto waiting = std::async(std::launch::async, [&] { return hasher.RunInSlot([] {}); });
  while (hasher.waiting() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const Reply refused = SignInFrom("198.51.100.4", kClaire, kRight);
  ExpectWait(refused, 1);
  release.count_down();
  EXPECT_TRUE(busy.get().has_value());
  EXPECT_TRUE(waiting.get().has_value());
  EXPECT_EQ(SignInFrom("198.51.100.4", kClaire, kRight).status, 200);
}

}  // namespace
}  // namespace ensemble::testing_support
