#include "components/mail/message_json.h"

#include <gtest/gtest.h>

namespace ensemble::mail {
namespace {

Message Sample() {
  Message message;
  message.from = {"rappels@ensemble.example", "Ensemble — rappels"};
  message.to = {{"marie@asso.example", "Marie Lefèvre"}, {"jean@asso.example", ""}};
  message.cc = {{"cc@asso.example", "Copie"}};
  message.bcc = {{"archive@asso.example", ""}};
  message.reply_to = Mailbox{"comite@asso.example", "Comité"};
  message.subject = "Échéance : « Jeunesse 2027 »";
  message.text = "Bonjour,\n\n.point\nfin\n";
  message.html = "<p>Bonjour</p>";
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(255 - i);
  message.attachments = {{"invitation.ics", "text/calendar; method=REQUEST; charset=UTF-8",
                          "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"},
                         {"a.bin", "application/octet-stream", bytes},
                         {"b.bin", "application/octet-stream", "x"},
                         {"c.bin", "application/octet-stream", "xy"},
                         {"empty.txt", "text/plain", ""}};
  message.message_id = "first.17@ensemble.example";
  return message;
}

TEST(MessageJson, RoundTripsEveryField) {
  const Message message = Sample();
  const auto back = FromJson(ToJson(message));
  ASSERT_TRUE(back) << back.error().field << ": " << back.error().message;
  EXPECT_EQ(*back, message);

  Message bare;
  bare.from = {"a@b.co", ""};
  bare.to = {{"c@d.co", ""}};
  bare.text = "t";
  const auto bare_back = FromJson(ToJson(bare));
  ASSERT_TRUE(bare_back);
  EXPECT_EQ(*bare_back, bare);
  EXPECT_FALSE(bare_back->html);
  EXPECT_FALSE(bare_back->reply_to);
}

TEST(MessageJson, RefusesWhatIsNotAMessageNamingTheKey) {
  struct Case {
    std::string json;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"[]", ""},
      {"{", ""},
      {R"({"to":[],"subject":"","text":"t"})", "from"},
      {R"({"from":{"address":"a@b.co","name":""},"subject":"","text":"t","extra":1})", "extra"},
      {R"({"from":{"address":"a@b.co"},"subject":"","text":"t"})", "from.name"},
      {R"({"from":{"address":"a@b.co","name":""},"subject":"","text":7})", "text"},
      {R"({"from":{"address":"a@b.co","name":""},"subject":"","text":"t","to":{}})", "to"},
      {R"({"from":{"address":"a@b.co","name":""},"subject":"","text":"t","to":[{"address":"x"}]})",
       "to[0].name"},
      {R"({"from":{"address":"a@b.co","name":""},"subject":"","text":"t","attachments":[)"
       R"({"filename":"f","content_type":"text/plain","content_base64":"Zm9v!"}]})",
       "attachments[0].content_base64"},
      {R"({"from":{"address":"a@b.co","name":""},"subject":"","text":"t","attachments":[)"
       R"({"filename":"f","content_type":"text/plain","content_base64":"Z=9v"}]})",
       "attachments[0].content_base64"},
      {R"({"from":{"address":"a@b.co","name":""},"subject":"","text":"t","attachments":[)"
       R"({"filename":"f","content_type":"text/plain"}]})",
       "attachments[0].content_base64"},
  };
  for (const auto& c : cases) {
    const auto parsed = FromJson(c.json);
    ASSERT_FALSE(parsed) << c.json;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << c.json;
    EXPECT_EQ(parsed.error().field, c.field) << c.json;
  }
}

}  // namespace
}  // namespace ensemble::mail
