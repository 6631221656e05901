// The queue of outgoing mail on both backends, through the real job runner and SmtpMailer, to
// Debian's aiosmtpd on loopback: a queued mail arrives; a server answering 451 gets it on the
// retry; 550 ends the job failed at once with the reply kept; recipients refused for now while
// others were accepted are queued again alone; without SMTP the job waits, attempts untouched.
#include "components/mail/mail_queue.h"

#include <gtest/gtest.h>

#include "components/mail/message_json.h"
#include "components/mail/test_support.h"
#include "jobs/mail/send_mail.h"
#include "tests/notifications/test_people.h"

namespace ensemble::notifications::testing {
namespace {

using storage::JobState;

class MailQueueTest : public BackendTest {
 protected:
  storage::JobId Queue(std::vector<mail::Mailbox> to) {
    mail::Message message;
    message.from = {"ensemble@centre.example", "Ensemble"};
    message.to = std::move(to);
    message.subject = "Réunion du conseil";
    message.text = "Bonjour,\nla réunion est jeudi.\n";
    return db()
        .InTransaction(storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
                       [&](storage::Transaction& tx) {
                         return mail::QueueMail(tx, message, std::nullopt, clock_.Now());
                       })
        .value();
  }
};

TEST_P(MailQueueTest, AQueuedMailArrives) {
  mail::testing::SmtpSink sink("plain");
  mail::SmtpMailer mailer(SinkOptions(sink.port()), clock_);
  const auto id = Queue({{"elise@centre.example", "Élise"}});
  const auto job = FindJob(id);
  EXPECT_EQ(job.kind, "mail");
  EXPECT_EQ(job.max_attempts, 5);
  EXPECT_FALSE(mail::FromJson(job.payload).value().message_id.empty());

  ASSERT_EQ(Runner(&mailer)->RunDueJobs().value(), 1);
  EXPECT_EQ(FindJob(id).state, JobState::kSucceeded);
  const auto received = sink.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].at("rcpt_tos").as_array().at(0).as_string(), "elise@centre.example");
  const auto read = mail::testing::ReadWithPython(std::string(received[0].at("data").as_string()));
  EXPECT_EQ(read.at("subject").as_string(), "Réunion du conseil");
  EXPECT_EQ("<" + mail::FromJson(job.payload).value().message_id + ">",
            read.at("message_id").as_string());
}

TEST_P(MailQueueTest, AServerAnswering451GetsTheMailOnTheRetry) {
  mail::testing::SmtpSink sink("plain");
  mail::SmtpMailer mailer(SinkOptions(sink.port()), clock_);
  const auto id = Queue({{"deferonce@centre.example", ""}});
  auto runner = Runner(&mailer);

  ASSERT_EQ(runner->RunDueJobs().value(), 1);
  auto job = FindJob(id);
  EXPECT_EQ(job.state, JobState::kQueued);
  EXPECT_EQ(job.attempts, 1);
  EXPECT_NE(job.last_error.find("451"), std::string::npos) << job.last_error;
  EXPECT_TRUE(sink.Received().empty());

  EXPECT_EQ(runner->RunDueJobs().value(), 0);  // the backoff holds it
  clock_.Advance(10'000);
  ASSERT_EQ(runner->RunDueJobs().value(), 1);
  job = FindJob(id);
  EXPECT_EQ(job.state, JobState::kSucceeded);
  EXPECT_EQ(job.attempts, 2);
  EXPECT_EQ(sink.Received().size(), 1u);
}

TEST_P(MailQueueTest, A550EndsTheJobFailedAtOnceWithTheReplyKept) {
  mail::testing::SmtpSink sink("plain");
  mail::SmtpMailer mailer(SinkOptions(sink.port()), clock_);
  const auto id = Queue({{"refused@centre.example", ""}});

  ASSERT_EQ(Runner(&mailer)->RunDueJobs().value(), 1);
  const auto job = FindJob(id);
  EXPECT_EQ(job.state, JobState::kFailed);
  EXPECT_EQ(job.attempts, 1);
  EXPECT_NE(job.last_error.find("550 5.1.1 no such user here"), std::string::npos)
      << job.last_error;
  EXPECT_TRUE(sink.Received().empty());
}

TEST_P(MailQueueTest, RecipientsRefusedForNowAreQueuedAgainAlone) {
  mail::testing::SmtpSink sink("plain");
  mail::SmtpMailer mailer(SinkOptions(sink.port()), clock_);
  const auto id = Queue({{"elise@centre.example", ""}, {"busy@centre.example", "Karim"}});
  auto runner = Runner(&mailer);

  ASSERT_EQ(runner->RunDueJobs().value(), 1);
  EXPECT_EQ(FindJob(id).state, JobState::kSucceeded);
  const auto received = sink.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].at("rcpt_tos").as_array().size(), 1u);

  const auto copy = FindJob(id + 1);
  EXPECT_EQ(copy.kind, "mail");
  EXPECT_EQ(copy.state, JobState::kQueued);
  EXPECT_GT(copy.run_after, clock_.Now());
  const auto message = mail::FromJson(copy.payload).value();
  ASSERT_EQ(message.to.size(), 1u);
  EXPECT_EQ(message.to[0], (mail::Mailbox{"busy@centre.example", "Karim"}));
  EXPECT_EQ(message.message_id, mail::FromJson(FindJob(id).payload).value().message_id);
}

TEST_P(MailQueueTest, WithoutSmtpTheMailStaysQueuedAndNoAttemptIsCounted) {
  const auto id = Queue({{"elise@centre.example", ""}});
  ASSERT_EQ(Runner(nullptr)->RunDueJobs().value(), 1);
  const auto job = FindJob(id);
  EXPECT_EQ(job.state, JobState::kQueued);
  EXPECT_EQ(job.attempts, 0);
  EXPECT_GT(job.run_after, clock_.Now());
  EXPECT_NE(job.last_error.find("--smtp-host"), std::string::npos);
}

TEST_P(MailQueueTest, AMessageThatCannotRenderIsRefusedBeforeAnythingIsQueued) {
  mail::Message message;
  message.from = {"ensemble@centre.example", ""};
  message.to = {{"not an address", ""}};
  message.subject = "x";
  message.text = "x\n";
  const auto queued = db().InTransaction(
      storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
      [&](storage::Transaction& tx) { return mail::QueueMail(tx, message, std::nullopt, 1); });
  ASSERT_FALSE(queued.has_value());
  EXPECT_EQ(queued.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(queued.error().field, "to[0].address");
  EXPECT_EQ(CountJobs("mail"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, MailQueueTest, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace ensemble::notifications::testing
