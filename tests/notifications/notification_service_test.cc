// The notification service on both backends: notify, list, mark read; another person's
// notification answers exactly as a missing one; on PostgreSQL row-level security hides it from
// any transaction that does not reach her; settings are validated naming the field; "off"
// writes nothing; "email_now" queues a mail in the caller's transaction.
#include "app/notifications/notification_service.h"

#include <gtest/gtest.h>

#include "components/mail/message_json.h"
#include "tests/notifications/test_people.h"

namespace ensemble::notifications::testing {
namespace {

using storage::Scope;
using storage::Transaction;
using storage::TransactionMode;

class NotificationServiceTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (HasFatalFailure()) return;
    alice_ = AddPerson("Alice Martin", "alice@centre.example");
    bob_ = AddPerson("Bob Durand", "bob@centre.example");
    service_ = std::make_unique<NotificationService>(
        db(), clock_, kinds_, MailSettings{{"ensemble@centre.example", "Ensemble"}, ""});
  }

  Result<Channel> Notify(tenancy::PersonId person, std::string_view kind,
                         boost::json::object params = {{"count", 2}},
                         std::string_view link = "/structures/3/files/7",
                         Scope scope = Scope::WholeDatabase(),
                         std::optional<tenancy::StructureId> owner = std::nullopt) {
    return db().InTransaction(TransactionMode::kWrite, scope, [&](Transaction& tx) {
      return service_->Notify(tx, person, kind, params, link, owner);
    });
  }

  template <typename T>
  static void ExpectInvalid(const Result<T>& status, const std::string& field) {
    ASSERT_FALSE(status.has_value()) << "expected a refusal naming " << field;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().field, field);
  }

  tenancy::PersonId alice_ = 0;
  tenancy::PersonId bob_ = 0;
  std::unique_ptr<NotificationService> service_;
};

TEST_P(NotificationServiceTest, ANotificationIsListedThenMarkedRead) {
  ASSERT_EQ(Notify(alice_, "file_shared").value(), Channel::kInApp);
  clock_.Advance(1000);
  ASSERT_EQ(Notify(alice_, "deadline_soon", {{"deadline", "2026-12-10"}}, "/projects/4").value(),
            Channel::kDailyDigest);

  auto unread = service_->List(alice_, true, {0, 50}).value();
  ASSERT_EQ(unread.total, 2);
  ASSERT_EQ(unread.items.size(), 2u);
  const auto& newest = unread.items[0];
  EXPECT_EQ(newest.kind, "deadline_soon");
  EXPECT_EQ(newest.link, "/projects/4");
  EXPECT_EQ(boost::json::parse(newest.params), (boost::json::object{{"deadline", "2026-12-10"}}));
  EXPECT_EQ(newest.created_at, kStart + 1000);
  EXPECT_FALSE(newest.read_at.has_value());
  EXPECT_EQ(unread.items[1].kind, "file_shared");

  clock_.Advance(1000);
  ASSERT_TRUE(service_->MarkRead(alice_, newest.id).has_value());
  ASSERT_TRUE(service_->MarkRead(alice_, newest.id).has_value());  // twice is fine
  unread = service_->List(alice_, true, {0, 50}).value();
  ASSERT_EQ(unread.total, 1);
  EXPECT_EQ(unread.items[0].kind, "file_shared");
  const auto all = service_->List(alice_, false, {0, 1}).value();
  EXPECT_EQ(all.total, 2);
  ASSERT_EQ(all.items.size(), 1u);
  EXPECT_EQ(all.items[0].read_at, kStart + 2000);

  EXPECT_EQ(service_->MarkAllRead(alice_).value(), 1);
  EXPECT_EQ(service_->List(alice_, true, {0, 50}).value().total, 0);
}

TEST_P(NotificationServiceTest, AnotherPersonsNotificationAnswersExactlyAsAMissingOne) {
  ASSERT_TRUE(Notify(alice_, "file_shared").has_value());
  const auto id = service_->List(alice_, false, {0, 50}).value().items.at(0).id;

  EXPECT_EQ(service_->List(bob_, false, {0, 50}).value().total, 0);
  const auto hers = service_->MarkRead(bob_, id);
  const auto missing = service_->MarkRead(bob_, id + 1000);
  ASSERT_FALSE(hers.has_value());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(hers.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(hers.error().code, missing.error().code);
  EXPECT_EQ(hers.error().message, missing.error().message);
  EXPECT_EQ(hers.error().field, missing.error().field);
  EXPECT_EQ(hers.error().field, "notification");
  EXPECT_EQ(service_->MarkAllRead(bob_).value(), 0);
  EXPECT_EQ(service_->List(alice_, true, {0, 50}).value().total, 1);
}

TEST_P(NotificationServiceTest, RowSecurityHidesHerNotificationsFromTransactionsThatDoNotReachHer) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "SQLite has no row-level security";
  const auto structure = AddStructure("Centre social Alma");
  // A use case acting for a structure notifies her; it cannot read her notifications back.
  ASSERT_TRUE(Notify(alice_, "file_shared", {}, "/x", Scope::ActingFor(structure), structure));
  const auto count = [&](Scope scope) {
    return db()
        .InTransaction(TransactionMode::kRead, scope,
                       [&](Transaction& tx) -> Result<std::int64_t> {
                         // Deliberately without a WHERE clause: only the policy stands.
                         const auto row = ENSEMBLE_TRY(storage::RawSql(tx).QueryOne(
                             "SELECT count(*) FROM notifications", {}));
                         return row->Int(0);
                       })
        .value();
  };
  EXPECT_EQ(count(Scope::OwnPlatformLines(alice_)), 1);
  EXPECT_EQ(count(Scope::OwnPlatformLines(bob_)), 0);
  EXPECT_EQ(count(Scope::ActingFor(structure)), 0);
  EXPECT_EQ(count(Scope::Platform()), 0);
  EXPECT_EQ(count(Scope::Nobody()), 0);
  EXPECT_EQ(count(Scope::WholeDatabase()), 1);
  const auto changed = db().InTransaction(
      TransactionMode::kWrite, Scope::OwnPlatformLines(bob_), [&](Transaction& tx) {
        return storage::RawSql(tx).Execute("UPDATE notifications SET read_at = 1", {});
      });
  EXPECT_EQ(changed.value(), 0);
}

TEST_P(NotificationServiceTest, SettingsAreValidatedNamingTheField) {
  ExpectInvalid(service_->SetSetting(alice_, "no_such_kind", "off"), "kind");
  ExpectInvalid(service_->SetSetting(alice_, "file_shared", "sms"), "channel");
  ExpectInvalid(service_->SetSetting(alice_, "file_shared", ""), "channel");
  ExpectInvalid(service_->SetLanguage(alice_, "de"), "language");
  ExpectInvalid(Notify(alice_, "no_such_kind"), "kind");
  ExpectInvalid(Notify(alice_, "file_shared", {{"nested", boost::json::array{1, 2}}}), "params");
  for (const char* link : {"", "https://evil.example/", "//evil.example/x", "/a b", "/a\\b"}) {
    ExpectInvalid(Notify(alice_, "file_shared", {}, link), "link");
  }
  ExpectInvalid(service_->List(alice_, false, {0, 0}), "limit");
  ExpectInvalid(service_->List(alice_, false, {-1, 10}), "offset");
  const auto nobody = Notify(999'999, "file_shared");
  ASSERT_FALSE(nobody.has_value());
  EXPECT_EQ(nobody.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(nobody.error().field, "person");
  EXPECT_EQ(service_->List(alice_, false, {0, 50}).value().total, 0);

  auto settings = service_->GetSettings(alice_).value();
  EXPECT_EQ(settings.language, Language::kFrench);
  ASSERT_EQ(settings.kinds.size(), 3u);
  EXPECT_EQ(settings.kinds[1].kind, "deadline_soon");
  EXPECT_EQ(settings.kinds[1].channel, Channel::kDailyDigest);
  EXPECT_FALSE(settings.kinds[1].chosen);

  ASSERT_TRUE(service_->SetSetting(alice_, "deadline_soon", "email_now"));
  ASSERT_TRUE(service_->SetSetting(alice_, "deadline_soon", "in_app"));  // a second choice wins
  ASSERT_TRUE(service_->SetLanguage(alice_, "en"));
  settings = service_->GetSettings(alice_).value();
  EXPECT_EQ(settings.language, Language::kEnglish);
  EXPECT_EQ(settings.kinds[1].channel, Channel::kInApp);
  EXPECT_TRUE(settings.kinds[1].chosen);
  EXPECT_EQ(service_->GetSettings(bob_).value().kinds[1].channel, Channel::kDailyDigest);
}

TEST_P(NotificationServiceTest, OffWritesNothingAndSendsNothing) {
  ASSERT_TRUE(service_->SetSetting(alice_, "referral_received", "off"));
  EXPECT_EQ(Notify(alice_, "referral_received").value(), Channel::kOff);
  EXPECT_EQ(service_->List(alice_, false, {0, 50}).value().total, 0);
  EXPECT_EQ(CountJobs("mail"), 0);
}

TEST_P(NotificationServiceTest, EmailNowQueuesAMailInTheActingTransaction) {
  const auto structure = AddStructure("Centre social Alma");
  ASSERT_EQ(Notify(alice_, "referral_received", {{"referral", 12}}, "/referrals/12",
                   Scope::ActingFor(structure), structure)
                .value(),
            Channel::kEmailNow);
  EXPECT_EQ(CountJobs("mail"), 1);
  EXPECT_EQ(service_->List(alice_, true, {0, 50}).value().total, 1);
  const auto job = FindJob(JobIds("mail").at(0));
  EXPECT_EQ(job.owner_structure_id, structure);
  const auto message = mail::FromJson(job.payload).value();
  ASSERT_EQ(message.to.size(), 1u);
  EXPECT_EQ(message.to[0].address, "alice@centre.example");
  EXPECT_EQ(message.subject, "Ensemble : Orientation recue");
  EXPECT_NE(message.text.find("/referrals/12"), std::string::npos);

  // A refused notification queues nothing: the mail goes with the change or not at all.
  const auto refused = Notify(alice_, "referral_received", {}, "//evil");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(CountJobs("mail"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationServiceTest,
                         ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace ensemble::notifications::testing
