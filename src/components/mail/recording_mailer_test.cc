#include "components/mail/recording_mailer.h"

#include <gtest/gtest.h>

namespace ensemble::mail {
namespace {

TEST(RecordingMailer, KeepsWhatItIsAskedToSendAndRefusesWhatWouldNotRender) {
  RecordingMailer mailer;
  Message message;
  message.from = {"rappels@ensemble.example", ""};
  message.to = {{"marie@asso.example", "Marie"}};
  message.bcc = {{"archive@asso.example", ""}};
  message.text = "Bonjour";
  const auto delivery = mailer.Send(message);
  ASSERT_TRUE(delivery);
  EXPECT_EQ(delivery->accepted,
            (std::vector<std::string>{"marie@asso.example", "archive@asso.example"}));
  ASSERT_EQ(mailer.Sent().size(), 1u);
  EXPECT_EQ(mailer.Sent()[0], message);

  message.subject = "a\r\nBcc: x@y.co";
  EXPECT_EQ(mailer.Send(message).error().field, "subject");

  mailer.FailNextWith({ErrorCode::kUnavailable, "451", "", "", 0});
  message.subject = "ok";
  EXPECT_EQ(RetryOf(mailer.Send(message).error()), Retry::kTransient);
  EXPECT_TRUE(mailer.Send(message));
  EXPECT_EQ(mailer.Sent().size(), 2u);
}

}  // namespace
}  // namespace ensemble::mail
