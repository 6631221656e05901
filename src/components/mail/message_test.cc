#include "components/mail/message.h"

#include <gtest/gtest.h>

#include <string>

#include "components/mail/mime.h"
#include "components/mail/test_support.h"

namespace ensemble::mail {
namespace {

namespace json = boost::json;
using testing::ReadWithPython;

// 2026-12-02T05:28:35Z.
constexpr UnixMillis kDate = 1'796'189'315'000;

RenderOptions Options() {
  RenderOptions options;
  options.date = kDate;
  options.id_domain = "ensemble.example";
  return options;
}

std::string AllBytes() {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  return bytes;
}

const std::string kCalendar =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Ensemble//FR\r\nMETHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\nUID:42@ensemble.example\r\nSUMMARY:Réunion du comité\r\n"
    "DTSTART:20261203T170000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

Message Invitation() {
  Message message;
  message.from = {"elise.martin@centre-social.example", "Élise Martin — Centre social Éole"};
  message.to = {
      {"marc@asso.example", "Marc O'Brien"},
      {"jean.dupont@mairie.example", "Dupont, Jean \"JD\""},
      {"chloe@asso.example", "Chloé Lefèvre-Saint-Étienne de la Rochefoucauld-Montmorency"}};
  message.cc = {{"secretariat@centre-social.example", ""}};
  message.bcc = {{"archive@centre-social.example", "Archives"}};
  message.reply_to = Mailbox{"comite@centre-social.example", "Comité de pilotage"};
  message.subject =
      "Réunion du comité : échéance de l'appel à projets « Jeunesse 2027 » — jeudi 3 décembre "
      "à 18 h, salle Éole (ordre du jour joint)";
  message.text =
      "Bonjour à toutes et à tous,\n\nLa réunion aura lieu jeudi à 18 h.\n.ligne qui commence "
      "par un point\n.\nUne ligne très longue qui dépasse largement les soixante-seize caractères "
      "autorisés par le quoted-printable, pour vérifier les coupures douces.\nFin = fin  \n";
  message.html = "<p>Bonjour à toutes et à tous,</p><p>La réunion aura lieu <b>jeudi</b>.</p>";
  message.attachments = {
      {"invitation.ics", "text/calendar; method=REQUEST; charset=UTF-8", kCalendar},
      {"compte-rendu été 2026.bin", "application/octet-stream", AllBytes()},
  };
  return message;
}

std::string Text(const json::value& value) { return std::string(value.as_string()); }

const json::object& Part(const json::object& read, std::size_t index) {
  return read.at("parts").as_array().at(index).as_object();
}

TEST(Render, PythonReadsBackHeadersNamesPartsAndAttachments) {
  const auto rendered = Render(Invitation(), Options());
  ASSERT_TRUE(rendered) << rendered.error().message;
  const json::object read = ReadWithPython(rendered->bytes);

  EXPECT_TRUE(read.at("defects").as_array().empty()) << json::serialize(read.at("defects"));
  EXPECT_EQ(Text(read.at("subject")), Invitation().subject);
  EXPECT_EQ(Text(read.at("date")), "Wed, 02 Dec 2026 05:28:35 +0000");
  EXPECT_EQ(Text(read.at("date_iso")), "2026-12-02T05:28:35+00:00");
  EXPECT_EQ(Text(read.at("message_id")), "<" + rendered->message_id + ">");
  EXPECT_TRUE(rendered->message_id.ends_with("@ensemble.example"));
  EXPECT_EQ(Text(read.at("mime_version")), "1.0");

  const auto& from = read.at("from").as_array().at(0).as_object();
  EXPECT_EQ(Text(from.at("name")), "Élise Martin — Centre social Éole");
  EXPECT_EQ(Text(from.at("address")), "elise.martin@centre-social.example");
  const auto& to = read.at("to").as_array();
  ASSERT_EQ(to.size(), 3u);
  EXPECT_EQ(Text(to[0].at("name")), "Marc O'Brien");
  EXPECT_EQ(Text(to[1].at("name")), "Dupont, Jean \"JD\"");
  EXPECT_EQ(Text(to[1].at("address")), "jean.dupont@mairie.example");
  EXPECT_EQ(Text(to[2].at("name")), "Chloé Lefèvre-Saint-Étienne de la Rochefoucauld-Montmorency");
  EXPECT_EQ(Text(read.at("cc").as_array().at(0).at("address")),
            "secretariat@centre-social.example");
  EXPECT_EQ(Text(read.at("reply_to").as_array().at(0).at("name")), "Comité de pilotage");
  EXPECT_TRUE(read.at("bcc").is_null()) << "Bcc must stay on the envelope";
  EXPECT_EQ(rendered->bytes.find("archive@"), std::string::npos);

  // mixed( alternative( plain, html ), calendar, binary )
  ASSERT_EQ(read.at("parts").as_array().size(), 6u);
  EXPECT_EQ(Text(Part(read, 0).at("content_type")), "multipart/mixed");
  EXPECT_EQ(Text(Part(read, 1).at("content_type")), "multipart/alternative");
  EXPECT_EQ(Text(Part(read, 2).at("content_type")), "text/plain");
  EXPECT_EQ(Text(Part(read, 2).at("charset")), "utf-8");
  EXPECT_EQ(Text(Part(read, 2).at("transfer_encoding")), "quoted-printable");
  EXPECT_EQ(Text(Part(read, 2).at("text")), Invitation().text);
  EXPECT_EQ(Text(Part(read, 3).at("content_type")), "text/html");
  EXPECT_EQ(Text(Part(read, 3).at("text")), *Invitation().html);

  const auto& calendar = Part(read, 4);
  EXPECT_EQ(Text(calendar.at("content_type")), "text/calendar");
  EXPECT_EQ(Text(calendar.at("method")), "REQUEST");
  EXPECT_EQ(Text(calendar.at("filename")), "invitation.ics");
  EXPECT_EQ(Text(calendar.at("disposition")), "attachment");
  EXPECT_EQ(Text(calendar.at("transfer_encoding")), "base64");
  EXPECT_EQ(Text(calendar.at("bytes_base64")), Base64(kCalendar));

  const auto& binary = Part(read, 5);
  EXPECT_EQ(Text(binary.at("filename")), "compte-rendu été 2026.bin");
  EXPECT_EQ(Text(binary.at("bytes_base64")), Base64(AllBytes()));
}

TEST(Render, IsSevenBitWithCrlfLinesUnder78Columns) {
  const auto rendered = Render(Invitation(), Options());
  ASSERT_TRUE(rendered);
  const std::string& bytes = rendered->bytes;
  ASSERT_TRUE(bytes.ends_with("\r\n"));
  std::size_t start = 0;
  while (start < bytes.size()) {
    const auto end = bytes.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    const std::string line = bytes.substr(start, end - start);
    EXPECT_LE(line.size(), kLineLimit) << line;
    for (const char c : line) {
      EXPECT_TRUE(c >= 0x20 && c < 0x7f)
          << "byte " << int(static_cast<unsigned char>(c)) << " in " << line;
    }
    start = end + 2;
  }
}

TEST(Render, TextOnlyIsOneQuotedPrintablePart) {
  Message message;
  message.from = {"rappels@ensemble.example", "Ensemble"};
  message.to = {{"marie@asso.example", ""}};
  message.subject = "Rappel : dépôt avant vendredi";
  message.text = "Il reste 3 jours.\r\nÀ bientôt.";
  const auto rendered = Render(message, Options());
  ASSERT_TRUE(rendered);
  const json::object read = ReadWithPython(rendered->bytes);
  EXPECT_TRUE(read.at("defects").as_array().empty());
  ASSERT_EQ(read.at("parts").as_array().size(), 1u);
  EXPECT_EQ(Text(Part(read, 0).at("content_type")), "text/plain");
  EXPECT_EQ(Text(Part(read, 0).at("text")), "Il reste 3 jours.\nÀ bientôt.\n");
  EXPECT_EQ(Text(read.at("subject")), message.subject);
  EXPECT_EQ(Text(read.at("from").as_array().at(0).at("name")), "Ensemble");
}

TEST(Render, LongAsciiSubjectFoldsAndUnfoldsToItself) {
  Message message;
  message.from = {"rappels@ensemble.example", "Ensemble"};
  message.to = {{"marie@asso.example", ""}};
  message.text = "x";
  for (int i = 0; i < 30; ++i) message.subject += "word" + std::to_string(i) + " ";
  message.subject += "end";
  const auto rendered = Render(message, Options());
  ASSERT_TRUE(rendered);
  // Plain words, folded at spaces: no encoded-word needed.
  EXPECT_EQ(rendered->bytes.find("=?UTF-8?"), std::string::npos);
  EXPECT_NE(rendered->bytes.find("word10\r\n word11"), std::string::npos);
  EXPECT_EQ(Text(ReadWithPython(rendered->bytes).at("subject")), message.subject);
}

TEST(Render, MessageIdComesFromTheGivenRandomness) {
  RenderOptions options = Options();
  options.random = [](std::span<std::byte> out) {
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::byte>(i);
  };
  const auto rendered = Render(Invitation(), options);
  ASSERT_TRUE(rendered);
  EXPECT_EQ(rendered->message_id, "000102030405060708090a0b0c0d0e0f@ensemble.example");

  Message kept = Invitation();
  kept.message_id = "first-attempt.17@ensemble.example";
  EXPECT_EQ(Render(kept, options)->message_id, "first-attempt.17@ensemble.example");
}

struct Injection {
  std::string field;
  void (*spoil)(Message&);
};

TEST(Render, RefusesALineBreakInAnyHeaderValueNamingTheField) {
  const std::vector<Injection> cases = {
      {"subject", [](Message& m) { m.subject = "Bonjour\r\nBcc: everybody@example.org"; }},
      {"subject", [](Message& m) { m.subject = "Bonjour\nX-Spam: no"; }},
      {"from.name", [](Message& m) { m.from.name = "Élise\rMartin"; }},
      {"to[1].name", [](Message& m) { m.to[1].name = "Jean\nBcc: x@example.org"; }},
      {"cc[0].name", [](Message& m) { m.cc[0].name = "\r\n"; }},
      {"reply_to.name", [](Message& m) { m.reply_to->name = "a\nb"; }},
      {"from.address", [](Message& m) { m.from.address = "elise@centre.example\r\nBcc: x@y.z"; }},
      {"to[2].address", [](Message& m) { m.to[2].address = "chloe@asso.example\n"; }},
      {"attachments[0].filename", [](Message& m) { m.attachments[0].filename = "a\r\n.ics"; }},
      {"attachments[1].content_type",
       [](Message& m) { m.attachments[1].content_type = "text/plain\r\nX-Evil: 1"; }},
      {"message_id", [](Message& m) { m.message_id = "a@b.c>\r\nBcc: x@y.z"; }},
  };
  for (const auto& c : cases) {
    Message message = Invitation();
    c.spoil(message);
    const auto rendered = Render(message, Options());
    ASSERT_FALSE(rendered) << c.field;
    EXPECT_EQ(rendered.error().code, ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(rendered.error().field, c.field);
  }
}

TEST(Render, RefusesMissingRecipientsTextAndBadAttachments) {
  Message message = Invitation();
  message.to.clear();
  message.cc.clear();
  message.bcc.clear();
  EXPECT_EQ(Render(message, Options()).error().field, "to");

  message = Invitation();
  message.text.clear();
  EXPECT_EQ(Render(message, Options()).error().field, "text");

  message = Invitation();
  message.attachments[0].filename = "../etc/passwd";
  EXPECT_EQ(Render(message, Options()).error().field, "attachments[0].filename");

  message = Invitation();
  message.attachments[0].content_type = "calendar";
  EXPECT_EQ(Render(message, Options()).error().field, "attachments[0].content_type");

  for (const std::string bad : {"text/plain; name=\"a b\"", "text/plain;", "text/plain; x",
                                "text/pla in", "text/plain; a=\"b", "text/plain (comment)"}) {
    message = Invitation();
    message.attachments[1].content_type = bad;
    EXPECT_EQ(Render(message, Options()).error().field, "attachments[1].content_type") << bad;
  }

  message = Invitation();
  message.subject = "bad \xC3";
  EXPECT_EQ(Render(message, Options()).error().field, "subject");

  RenderOptions options = Options();
  options.id_domain = "";
  EXPECT_EQ(Render(Invitation(), options).error().field, "id_domain");
}

TEST(CheckAddress, AcceptsOrdinaryAddressesAndRefusesOddShapes) {
  for (const std::string good : {"marie.dupont+ensemble@centre-social.example.org", "a@b.co",
                                 "O'Brien@asso.example", "x_y@sub.domain-1.example"}) {
    EXPECT_TRUE(CheckAddress("to", good)) << good;
  }
  const std::vector<std::string> bads = {
      "",           "no-at-sign",      "a@localhost",
      "a@@b.co",    ".a@b.co",         "a.@b.co",
      "a..b@c.co",  "a b@c.co",        "a@-b.co",
      "a@b-.co",    "a@b_c.co",        "<a@b.co>",
      "a@b.co\r\n", "\"quoted\"@b.co", "a@[127.0.0.1]",
      "a@b..co",    "é@b.co",          std::string(65, 'a') + "@b.co"};
  for (const std::string& bad : bads) {
    const auto checked = CheckAddress("to[0].address", bad);
    ASSERT_FALSE(checked) << bad;
    EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(checked.error().field, "to[0].address");
  }
}

TEST(FormatRfc5322Date, WritesDayNamesMonthsAndUtc) {
  EXPECT_EQ(FormatRfc5322Date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatRfc5322Date(kDate + 999), "Wed, 02 Dec 2026 05:28:35 +0000");
  EXPECT_EQ(FormatRfc5322Date(951'782'400'000), "Tue, 29 Feb 2000 00:00:00 +0000");
}

TEST(EnvelopeRecipients, ListsToCcBccOnceEach) {
  Message message = Invitation();
  message.cc.push_back({"MARC@asso.example", "Marc again"});
  EXPECT_EQ(EnvelopeRecipients(message),
            (std::vector<std::string>{"marc@asso.example", "jean.dupont@mairie.example",
                                      "chloe@asso.example", "secretariat@centre-social.example",
                                      "archive@centre-social.example"}));
}

}  // namespace
}  // namespace ensemble::mail
