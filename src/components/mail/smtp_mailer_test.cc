// SmtpMailer against a real SMTP server on loopback: Debian's aiosmtpd (testdata/smtp_sink.py),
// whose received messages are read back with Python's email package.
#include "components/mail/smtp_mailer.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "components/mail/test_support.h"

namespace ensemble::mail {
namespace {

namespace json = boost::json;
using testing::ReadWithPython;
using testing::SmtpSink;
using testing::TempDir;

constexpr UnixMillis kDate = 1'796'189'315'000;

SmtpOptions Plain(std::uint16_t port) {
  SmtpOptions options;
  options.host = "127.0.0.1";
  options.port = port;
  options.security = SmtpSecurity::kNone;
  options.timeout = std::chrono::milliseconds(5'000);
  return options;
}

Message Reminder() {
  Message message;
  message.from = {"rappels@ensemble.example", "Ensemble — rappels"};
  message.to = {{"marie@asso.example", "Marie Lefèvre"}, {"jean@asso.example", "Jean"}};
  message.cc = {{"coordination@centre.example", ""}};
  message.bcc = {{"archive@centre.example", ""}};
  message.subject = "Rappel : l'appel à projets « Jeunesse » ferme vendredi";
  message.text =
      "Bonjour,\n.hidden line that starts with a dot\n.\n..two dots\nIl reste 3 jours.\n";
  return message;
}

std::string Text(const json::value& value) { return std::string(value.as_string()); }

TEST(SmtpMailer, DeliversToEveryRecipientWithDotStuffing) {
  SmtpSink sink("plain");
  FakeClock clock(kDate);
  SmtpMailer smtp(Plain(sink.port()), clock);
  Mailer& mailer = smtp;
  const auto delivery = mailer.Send(Reminder());
  ASSERT_TRUE(delivery) << delivery.error().message;
  EXPECT_EQ(delivery->accepted.size(), 4u);
  EXPECT_TRUE(delivery->refused.empty());

  const auto received = sink.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(Text(received[0].at("mail_from")), "rappels@ensemble.example");
  const auto& rcpts = received[0].at("rcpt_tos").as_array();
  ASSERT_EQ(rcpts.size(), 4u);
  EXPECT_EQ(Text(rcpts[3]), "archive@centre.example");
  EXPECT_FALSE(received[0].at("tls").as_bool());

  const json::object read = ReadWithPython(Text(received[0].at("data")));
  EXPECT_TRUE(read.at("defects").as_array().empty());
  EXPECT_EQ(Text(read.at("subject")), Reminder().subject);
  EXPECT_EQ(Text(read.at("message_id")), "<" + delivery->message_id + ">");
  EXPECT_EQ(Text(read.at("date")), "Wed, 02 Dec 2026 05:28:35 +0000");
  // The server removed one dot from each line that starts with one: what arrives is the text.
  EXPECT_EQ(Text(read.at("parts").as_array().at(0).at("text")), Reminder().text);
}

TEST(SmtpMailer, FallsBackToHeloWhenEhloIsUnknown) {
  SmtpSink sink("helo-only");
  FakeClock clock(kDate);
  SmtpMailer mailer(Plain(sink.port()), clock);
  const auto delivery = mailer.Send(Reminder());
  ASSERT_TRUE(delivery) << delivery.error().message;
  EXPECT_EQ(sink.Received().size(), 1u);
}

TEST(SmtpMailer, ReportsARefusedRecipientAmongOthers) {
  SmtpSink sink("plain");
  FakeClock clock(kDate);
  SmtpMailer mailer(Plain(sink.port()), clock);
  Message message = Reminder();
  message.to = {
      {"marie@asso.example", ""}, {"refused@asso.example", ""}, {"busy@asso.example", ""}};
  message.cc.clear();
  message.bcc.clear();
  const auto delivery = mailer.Send(message);
  ASSERT_TRUE(delivery) << delivery.error().message;
  EXPECT_EQ(delivery->accepted, std::vector<std::string>{"marie@asso.example"});
  ASSERT_EQ(delivery->refused.size(), 2u);
  EXPECT_EQ(delivery->refused[0].address, "refused@asso.example");
  EXPECT_EQ(delivery->refused[0].code, 550);
  EXPECT_EQ(delivery->refused[0].retry, Retry::kPermanent);
  EXPECT_EQ(delivery->refused[1].address, "busy@asso.example");
  EXPECT_EQ(delivery->refused[1].code, 451);
  EXPECT_EQ(delivery->refused[1].retry, Retry::kTransient);

  const auto received = sink.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].at("rcpt_tos").as_array().size(), 1u);
}

TEST(SmtpMailer, AllRecipientsRefusedIsPermanentOrTransientAfterTheirReplies) {
  SmtpSink sink("plain");
  FakeClock clock(kDate);
  SmtpMailer mailer(Plain(sink.port()), clock);
  Message message = Reminder();
  message.cc.clear();
  message.bcc.clear();

  message.to = {{"refused@asso.example", ""}};
  auto failed = mailer.Send(message);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(failed.error().field, "to");
  EXPECT_EQ(RetryOf(failed.error()), Retry::kPermanent);

  message.to = {{"refused@asso.example", ""}, {"busy@asso.example", ""}};
  failed = mailer.Send(message);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(RetryOf(failed.error()), Retry::kTransient);

  message.to = {{"defer@asso.example", ""}};
  failed = mailer.Send(message);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(failed.error().field, "message");
  EXPECT_NE(Describe(failed.error().message).find("451"), std::string::npos);
  EXPECT_TRUE(sink.Received().empty());
}

TEST(SmtpMailer, AGreetingOf421IsTransient) {
  SmtpSink sink("greet421");
  FakeClock clock(kDate);
  SmtpMailer mailer(Plain(sink.port()), clock);
  const auto failed = mailer.Send(Reminder());
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(failed.error().field, "host");
  EXPECT_NE(Describe(failed.error().message).find("421"), std::string::npos);
}

TEST(SmtpMailer, AuthenticatesWithPlainWhenOffered) {
  SmtpSink sink("auth");
  FakeClock clock(kDate);
  SmtpOptions options = Plain(sink.port());
  options.username = "ensemble";
  options.password = "secret";
  options.plaintext_auth = PlaintextAuth::kAllow;
  const auto delivery = SmtpMailer(options, clock).Send(Reminder());
  ASSERT_TRUE(delivery) << delivery.error().message;
  const auto received = sink.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_TRUE(received[0].at("authenticated").as_bool());
  EXPECT_EQ(sink.AuthLog(), "PLAIN\n");

  options.password = "wrong";
  const auto refused = SmtpMailer(options, clock).Send(Reminder());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().field, "password");
  EXPECT_NE(Describe(refused.error().message).find("535"), std::string::npos);
}

TEST(SmtpMailer, AuthenticatesWithLoginWhenPlainIsNotOffered) {
  SmtpSink sink("auth-login");
  FakeClock clock(kDate);
  SmtpOptions options = Plain(sink.port());
  options.username = "ensemble";
  options.password = "secret";
  options.plaintext_auth = PlaintextAuth::kAllow;
  const auto delivery = SmtpMailer(options, clock).Send(Reminder());
  ASSERT_TRUE(delivery) << delivery.error().message;
  EXPECT_EQ(sink.AuthLog(), "LOGIN\n");
  EXPECT_EQ(sink.Received().size(), 1u);
}

TEST(SmtpMailer, KeepsThePasswordOffAPlainConnectionAndNamesMissingAuth) {
  SmtpSink sink("auth");
  FakeClock clock(kDate);
  SmtpOptions options = Plain(sink.port());
  options.username = "ensemble";
  options.password = "secret";
  const auto refused = SmtpMailer(options, clock).Send(Reminder());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().field, "security");

  const auto anonymous = SmtpMailer(Plain(sink.port()), clock).Send(Reminder());
  ASSERT_FALSE(anonymous);
  EXPECT_EQ(anonymous.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(anonymous.error().field, "username");
  EXPECT_NE(Describe(anonymous.error().message).find("530"), std::string::npos);
  EXPECT_TRUE(sink.Received().empty());
  EXPECT_EQ(sink.AuthLog(), "");
}

class SmtpTlsTest : public ::testing::Test {
 protected:
  void SetUp() override { certificate_ = testing::MakeSelfSigned(dir_.path()); }
  std::vector<std::string> CertArgs() const {
    return {"--cert", certificate_.cert.string(), "--key", certificate_.key.string()};
  }
  TempDir dir_;
  testing::Certificate certificate_;
};

TEST_F(SmtpTlsTest, StartTlsVerifiesTheCertificateAgainstTheGivenCa) {
  SmtpSink sink("starttls", CertArgs());
  FakeClock clock(kDate);
  SmtpOptions options = Plain(sink.port());
  options.host = "localhost";
  options.security = SmtpSecurity::kStartTls;

  const auto untrusted = SmtpMailer(options, clock).Send(Reminder());
  ASSERT_FALSE(untrusted);
  EXPECT_EQ(untrusted.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(untrusted.error().field, "ca_file");
  EXPECT_TRUE(sink.Received().empty());

  options.ca_file = certificate_.cert.string();
  const auto trusted = SmtpMailer(options, clock).Send(Reminder());
  ASSERT_TRUE(trusted) << trusted.error().message;
  auto received = sink.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_TRUE(received[0].at("tls").as_bool());

  options.ca_file.clear();
  options.tls_verify = TlsVerify::kNoVerify;
  ASSERT_TRUE(SmtpMailer(options, clock).Send(Reminder()));
  EXPECT_EQ(sink.Received().size(), 2u);
}

TEST_F(SmtpTlsTest, RefusesACertificateForAnotherNameAndAcceptsItsAddressLiteral) {
  const testing::Certificate other = testing::MakeSelfSigned(dir_.path(), "other.example");
  SmtpSink sink("starttls", {"--cert", other.cert.string(), "--key", other.key.string()});
  FakeClock clock(kDate);
  SmtpOptions options = Plain(sink.port());
  options.host = "localhost";
  options.security = SmtpSecurity::kStartTls;
  options.ca_file = other.cert.string();  // trusted, but it names other.example
  const auto refused = SmtpMailer(options, clock).Send(Reminder());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().field, "ca_file");
  EXPECT_NE(Describe(refused.error().message).find("mismatch"), std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(sink.Received().empty());

  // The certificate of the fixture names 127.0.0.1: an address literal is checked too.
  SmtpSink literal("starttls", CertArgs());
  options = Plain(literal.port());
  options.security = SmtpSecurity::kStartTls;
  options.ca_file = certificate_.cert.string();
  ASSERT_TRUE(SmtpMailer(options, clock).Send(Reminder()));
}

TEST_F(SmtpTlsTest, StartTlsIsRequiredWhenConfigured) {
  SmtpSink sink("plain");
  FakeClock clock(kDate);
  SmtpOptions options = Plain(sink.port());
  options.security = SmtpSecurity::kStartTls;
  const auto refused = SmtpMailer(options, clock).Send(Reminder());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().field, "security");
  EXPECT_TRUE(sink.Received().empty());
}

TEST_F(SmtpTlsTest, ImplicitTlsDelivers) {
  SmtpSink sink("tls", CertArgs());
  FakeClock clock(kDate);
  SmtpOptions options = Plain(sink.port());
  options.host = "localhost";
  options.security = SmtpSecurity::kTls;
  options.ca_file = certificate_.cert.string();
  const auto delivery = SmtpMailer(options, clock).Send(Reminder());
  ASSERT_TRUE(delivery) << delivery.error().message;
  const auto received = sink.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_TRUE(received[0].at("tls").as_bool());
  const json::object read = ReadWithPython(Text(received[0].at("data")));
  EXPECT_EQ(Text(read.at("parts").as_array().at(0).at("text")), Reminder().text);
}

// A socket that listens and never accepts: the kernel completes the connection, and no
// greeting ever comes.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ::listen(fd_, 4);
    socklen_t length = sizeof(address);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

TEST(SmtpMailer, AServerThatNeverAnswersTimesOut) {
  SilentServer server;
  FakeClock clock(kDate);
  SmtpOptions options = Plain(server.port());
  options.timeout = std::chrono::milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  const auto failed = SmtpMailer(options, clock).Send(Reminder());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(failed.error().context.find("300 ms"), std::string::npos) << failed.error().message;
  EXPECT_GE(elapsed, std::chrono::milliseconds(290));
  EXPECT_LT(elapsed, std::chrono::seconds(3));
}

TEST(SmtpMailer, ARefusedConnectionIsTransient) {
  std::uint16_t port = 0;
  {
    SilentServer closed;
    port = closed.port();
  }
  FakeClock clock(kDate);
  const auto failed = SmtpMailer(Plain(port), clock).Send(Reminder());
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(failed.error().field, "host");
}

TEST(SmtpMailer, SendRenderedRefusesEnvelopeAddressesThatCouldInjectCommands) {
  FakeClock clock(kDate);
  SmtpMailer mailer(Plain(1), clock);
  auto failed = mailer.SendRendered("a@b.co>\r\nRCPT TO:<x@y.co", {"c@d.co"}, "x");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().field, "from");
  failed = mailer.SendRendered("a@b.co", {"c@d.co\r\nDATA"}, "x");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().field, "to");
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidArgument);
}

TEST(DotStuff, DoublesLeadingDotsAndEndsTheData) {
  EXPECT_EQ(DotStuff(".a\r\nb\n..c"), "..a\r\nb\r\n...c\r\n.\r\n");
  EXPECT_EQ(DotStuff("x\r\n"), "x\r\n.\r\n");
  EXPECT_EQ(DotStuff(".\r\n"), "..\r\n.\r\n");
}

}  // namespace
}  // namespace ensemble::mail
