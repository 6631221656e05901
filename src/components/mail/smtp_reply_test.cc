#include "components/mail/smtp_reply.h"

#include <gtest/gtest.h>

namespace ensemble::mail {
namespace {

TEST(ParseReply, ReadsOneAndMultiLineReplies) {
  const auto one = ParseReply("250 2.0.0 OK\r\nextra");
  ASSERT_TRUE(one && *one);
  EXPECT_EQ((*one)->reply.code, 250);
  EXPECT_EQ((*one)->reply.lines, std::vector<std::string>{"2.0.0 OK"});
  EXPECT_EQ((*one)->consumed, 14u);

  const std::string ehlo =
      "250-sink.test\r\n250-SIZE 33554432\r\n250-8BITMIME\r\n250-auth login PLAIN\r\n"
      "250-STARTTLS\r\n250 HELP\r\n";
  const auto many = ParseReply(ehlo);
  ASSERT_TRUE(many && *many);
  EXPECT_EQ((*many)->reply.lines.size(), 6u);
  EXPECT_EQ((*many)->consumed, ehlo.size());
  EXPECT_EQ(SerializeReply((*many)->reply), ehlo);
  const Extensions extensions = ParseExtensions((*many)->reply);
  EXPECT_TRUE(extensions.starttls);
  EXPECT_TRUE(extensions.auth_plain);
  EXPECT_TRUE(extensions.auth_login);
  EXPECT_EQ(extensions.size, 33554432u);

  const auto bare = ParseReply("354\r\n");
  ASSERT_TRUE(bare && *bare);
  EXPECT_EQ((*bare)->reply.code, 354);
  EXPECT_EQ((*bare)->reply.Summary(), "354");
}

TEST(ParseReply, WaitsForTheLastLine) {
  for (const std::string partial : {"", "2", "250", "250-a\r\n", "250-a\r\n250 b", "250 b\r"}) {
    const auto parsed = ParseReply(partial);
    ASSERT_TRUE(parsed) << partial;
    EXPECT_FALSE(*parsed) << partial;
  }
}

TEST(ParseReply, RefusesWhatNoServerShouldSay) {
  for (const std::string bad :
       {"250 ok\n", "25 ok\r\n", "2500 ok\r\n", "abc ok\r\n", "150 ok\r\n", "260 ok\r\n",
        "250-a\r\n251 b\r\n", "250_ok\r\n", "250 a\rb\r\n", "250 a\x1b\r\n", "\r\n", "250 a\rb"}) {
    const auto parsed = ParseReply(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(parsed.error().field, "reply");
  }
  EXPECT_FALSE(ParseReply(std::string("250 a\0b\r\n", 9)));
  EXPECT_FALSE(ParseReply("250 " + std::string(kMaxReplyLine, 'x')));
  std::string many;
  for (std::size_t i = 0; i <= kMaxReplyLines; ++i) many += "250-x\r\n";
  EXPECT_FALSE(ParseReply(many));
}

}  // namespace
}  // namespace ensemble::mail
