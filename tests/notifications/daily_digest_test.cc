// The daily digest on both backends, sent through the mail queue and the real job runner to
// Debian's aiosmtpd on loopback: one mail lists both of a person's unread digest notifications
// and a second run sends none; read ones and other channels stay out; English when she chose
// it; "off" gets nothing; the job queues its next run at the configured hour of Paris time.
#include "jobs/notifications/daily_digest.h"

#include <gtest/gtest.h>

#include <set>

#include "app/notifications/notification_service.h"
#include "components/mail/test_support.h"
#include "core/paris_time.h"
#include "tests/notifications/test_people.h"

namespace ensemble::notifications::testing {
namespace {

using storage::Scope;
using storage::Transaction;
using storage::TransactionMode;

class DailyDigestTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (HasFatalFailure()) return;
    alice_ = AddPerson("Alice Martin", "alice@centre.example");
    bob_ = AddPerson("Bob Durand", "bob@centre.example");
    service_ = std::make_unique<NotificationService>(db(), clock_, kinds_, mail_);
  }

  void Notify(tenancy::PersonId person, std::string_view kind, std::string_view link) {
    ASSERT_TRUE(db().InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                   [&](Transaction& tx) {
                                     return service_->Notify(tx, person, kind, {}, link,
                                                             std::nullopt);
                                   })
                    .has_value());
  }

  std::int64_t QueueDigests() {
    return jobs::QueueDailyDigests(db(), clock_, kinds_, mail_).value();
  }

  // The text of each mail the sink received, read by Python's email package.
  static std::vector<boost::json::object> Read(const mail::testing::SmtpSink& sink) {
    std::vector<boost::json::object> out;
    for (const auto& received : sink.Received()) {
      out.push_back(mail::testing::ReadWithPython(std::string(received.at("data").as_string())));
    }
    return out;
  }
  static std::string TextOf(const boost::json::object& read) {
    return std::string(read.at("parts").as_array().at(0).as_object().at("text").as_string());
  }

  MailSettings mail_{{"ensemble@centre.example", "Ensemble"}, "https://ensemble.example"};
  tenancy::PersonId alice_ = 0;
  tenancy::PersonId bob_ = 0;
  std::unique_ptr<NotificationService> service_;
};

TEST_P(DailyDigestTest, OneMailListsBothNotificationsAndASecondRunSendsNone) {
  mail::testing::SmtpSink sink("plain");
  mail::SmtpMailer mailer(SinkOptions(sink.port()), clock_);
  auto runner = Runner(&mailer);
  Notify(alice_, "deadline_soon", "/projects/4");
  clock_.Advance(60'000);
  Notify(alice_, "deadline_soon", "/projects/9");
  Notify(alice_, "file_shared", "/files/1");  // in the app only: not in the digest

  EXPECT_EQ(QueueDigests(), 1);
  ASSERT_EQ(runner->RunDueJobs().value(), 1);
  auto mails = Read(sink);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].at("subject").as_string(), "Ensemble : 2 notifications non lues");
  EXPECT_EQ(mails[0].at("to").as_array().at(0).as_object().at("address").as_string(),
            "alice@centre.example");
  const std::string text = TextOf(mails[0]);
  EXPECT_NE(text.find("Bonjour Alice Martin,"), std::string::npos) << text;
  EXPECT_NE(text.find("https://ensemble.example/projects/4"), std::string::npos) << text;
  EXPECT_NE(text.find("https://ensemble.example/projects/9"), std::string::npos) << text;
  EXPECT_EQ(text.find("/files/1"), std::string::npos) << text;
  EXPECT_NE(text.find("Echeance proche"), std::string::npos) << text;

  EXPECT_EQ(QueueDigests(), 0);
  EXPECT_EQ(runner->RunDueJobs().value(), 0);
  EXPECT_EQ(sink.Received().size(), 1u);
  // The digest does not mark them read: they stay in her list until she opens them.
  EXPECT_EQ(service_->List(alice_, true, {0, 50}).value().total, 3);

  // A new one goes in the next digest, alone.
  Notify(alice_, "deadline_soon", "/projects/11");
  EXPECT_EQ(QueueDigests(), 1);
  ASSERT_EQ(runner->RunDueJobs().value(), 1);
  mails = Read(sink);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].at("subject").as_string(), "Ensemble : 1 notification non lue");
  EXPECT_EQ(TextOf(mails[1]).find("/projects/4"), std::string::npos);
}

TEST_P(DailyDigestTest, ReadNotificationsStayOutAndEnglishIsUsedWhenChosen) {
  mail::testing::SmtpSink sink("plain");
  mail::SmtpMailer mailer(SinkOptions(sink.port()), clock_);
  ASSERT_TRUE(service_->SetLanguage(bob_, "en"));
  Notify(bob_, "deadline_soon", "/projects/1");
  Notify(bob_, "deadline_soon", "/projects/2");
  const auto first = service_->List(bob_, false, {0, 50}).value().items.back().id;
  ASSERT_TRUE(service_->MarkRead(bob_, first));

  EXPECT_EQ(QueueDigests(), 1);
  ASSERT_EQ(Runner(&mailer)->RunDueJobs().value(), 1);
  const auto mails = Read(sink);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].at("subject").as_string(), "Ensemble: 1 unread notification");
  const std::string text = TextOf(mails[0]);
  EXPECT_NE(text.find("Hello Bob Durand,"), std::string::npos) << text;
  EXPECT_NE(text.find("Deadline soon"), std::string::npos) << text;
  EXPECT_EQ(text.find("/projects/1"), std::string::npos) << text;
}

// Her own language (PUT /api/v1/me/language) words her mails when her notification settings name
// none; the settings' choice wins when they do.
TEST_P(DailyDigestTest, HerOwnLanguageWordsTheMailUnlessHerSettingsNameAnother) {
  mail::testing::SmtpSink sink("plain");
  mail::SmtpMailer mailer(SinkOptions(sink.port()), clock_);
  ASSERT_TRUE(db().InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                 [&](Transaction& tx) -> Status {
                                   ENSEMBLE_TRY_STATUS(
                                       tx.Tenancy().SetLanguage(alice_, Language::kEnglish));
                                   return tx.Tenancy().SetLanguage(bob_, Language::kEnglish);
                                 })
                  .has_value());
  ASSERT_TRUE(service_->SetLanguage(bob_, "fr"));
  Notify(alice_, "deadline_soon", "/projects/1");
  Notify(bob_, "deadline_soon", "/projects/2");

  EXPECT_EQ(QueueDigests(), 2);
  ASSERT_EQ(Runner(&mailer)->RunDueJobs().value(), 2);
  const auto mails = Read(sink);
  ASSERT_EQ(mails.size(), 2u);
  std::set<std::string> subjects;
  for (const auto& read : mails) subjects.insert(std::string(read.at("subject").as_string()));
  EXPECT_EQ(subjects, (std::set<std::string>{"Ensemble: 1 unread notification",
                                             "Ensemble : 1 notification non lue"}));
}

TEST_P(DailyDigestTest, APersonWhoTurnedTheKindOffGetsNothing) {
  mail::testing::SmtpSink sink("plain");
  mail::SmtpMailer mailer(SinkOptions(sink.port()), clock_);
  ASSERT_TRUE(service_->SetSetting(bob_, "deadline_soon", "off"));
  Notify(bob_, "deadline_soon", "/projects/1");
  EXPECT_EQ(QueueDigests(), 0);
  EXPECT_EQ(Runner(&mailer)->RunDueJobs().value(), 0);
  EXPECT_TRUE(sink.Received().empty());
  EXPECT_EQ(service_->List(bob_, false, {0, 50}).value().total, 0);
}

TEST_P(DailyDigestTest, TheJobRunsAtTheConfiguredParisHourAndQueuesTheNext) {
  ASSERT_TRUE(jobs::ScheduleDailyDigest(db(), 7, clock_.Now()));
  ASSERT_TRUE(jobs::ScheduleDailyDigest(db(), 7, clock_.Now()));  // one waits already
  const auto ids = JobIds(std::string(jobs::kDailyDigestKind));
  ASSERT_EQ(ids.size(), 1u);
  const auto first = FindJob(ids[0]);
  EXPECT_EQ(first.run_after, NextParisHour(clock_.Now(), 7));

  Notify(alice_, "deadline_soon", "/projects/4");
  auto runner = Runner(nullptr);
  runner->Register(std::string(jobs::kDailyDigestKind),
                   jobs::DailyDigestHandler(db(), clock_, kinds_, {7, mail_}));
  EXPECT_EQ(runner->RunDueJobs().value(), 0);  // not yet 7 o'clock
  clock_.Advance(first.run_after - clock_.Now());
  // The digest runs, queues alice's mail (which waits: no SMTP here) and the next digest.
  EXPECT_GE(runner->RunDueJobs().value(), 1);
  EXPECT_EQ(FindJob(ids[0]).state, storage::JobState::kSucceeded);
  EXPECT_EQ(CountJobs("mail"), 1);
  const auto next = JobIds(std::string(jobs::kDailyDigestKind));
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(FindJob(next[1]).run_after, first.run_after + 24LL * 60 * 60 * 1000);
}

INSTANTIATE_TEST_SUITE_P(Backends, DailyDigestTest, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace ensemble::notifications::testing
