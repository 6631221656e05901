#include "components/mail/mime.h"

#include <gtest/gtest.h>

#include "components/mail/test_support.h"

namespace ensemble::mail {
namespace {

using testing::kPython;
using testing::TempDir;
using testing::WriteFile;

TEST(Base64, MatchesTheVectorsOfRfc4648) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Lines(std::string(58, 'a')).find("\r\n"), 76u);
}

TEST(QuotedPrintable, EscapesEqualsTrailingSpaceAndEightBitBytes) {
  EXPECT_EQ(QuotedPrintable("a=b"), "a=3Db");
  EXPECT_EQ(QuotedPrintable("fin \nsuite\t"), "fin=20\r\nsuite=09");
  EXPECT_EQ(QuotedPrintable("été"), "=C3=A9t=C3=A9");
  EXPECT_EQ(QuotedPrintable("a\rb\r\nc\nd"), "a\r\nb\r\nc\r\nd");
}

TEST(QuotedPrintable, WrapsAt76AndPythonDecodesItBack) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "é=x ";
  text += "\n" + std::string(300, 'z') + "\n" + std::string(76, 'y') + "\n.\n";
  const std::string encoded = QuotedPrintable(text);
  std::size_t start = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
  TempDir dir;
  WriteFile(dir.path() / "qp", encoded);
  const auto decoded =
      testing::Run(std::string(kPython) +
                   " -c 'import quopri,sys; sys.stdout.buffer.write(quopri.decodestring("
                   "open(sys.argv[1],\"rb\").read()).replace(b\"\\r\\n\", b\"\\n\"))' " +
                   (dir.path() / "qp").string());
  ASSERT_EQ(decoded.status, 0);
  EXPECT_EQ(decoded.output, text);
}

TEST(EncodedWords, CutBetweenCharactersAndStayWithin75Columns) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "é€";  // 2 + 3 bytes
  const auto words = EncodedWords(text);
  EXPECT_GT(words.size(), 1u);
  for (const auto& word : words) {
    EXPECT_LE(word.size(), 75u);
    EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?="));
  }
}

TEST(PhraseWords, QuotesSpecialsAndEncodesTheRest) {
  EXPECT_EQ(PhraseWords("Marc O'Brien"), (std::vector<std::string>{"Marc", "O'Brien"}));
  EXPECT_EQ(PhraseWords("Dupont, Jean"), std::vector<std::string>{"\"Dupont, Jean\""});
  EXPECT_EQ(PhraseWords("a \"b\" \\c"), std::vector<std::string>{"\"a \\\"b\\\" \\\\c\""});
  // Escaping doubles each backslash: the quoted string would no longer fit beside the header.
  EXPECT_TRUE(PhraseWords(std::string(40, '\\'))[0].starts_with("=?UTF-8?B?"));
  EXPECT_EQ(PhraseWords("Chloé Lefèvre de la Rochefoucauld").size(), 4u);
  EXPECT_TRUE(PhraseWords("Élise")[0].starts_with("=?UTF-8?B?"));
  EXPECT_TRUE(PhraseWords("two  spaces")[0].starts_with("=?UTF-8?B?"));
  EXPECT_TRUE(UnstructuredWords("looks =?like?= a word")[0].starts_with("=?UTF-8?B?"));
}

TEST(FoldHeader, BreaksBeforeAWordThatWouldPassTheLimit) {
  std::vector<std::string> words(20, "abcdefghi");
  const std::string header = FoldHeader("Subject", words);
  EXPECT_TRUE(header.ends_with("\r\n"));
  std::size_t start = 0;
  while (start < header.size()) {
    const auto end = header.find("\r\n", start);
    EXPECT_LE(end - start, kLineLimit);
    start = end + 2;
  }
  EXPECT_EQ(FoldHeader("To", {}), "To:\r\n");
}

TEST(Rfc2231Value, PercentEncodesWhatIsNotAnAttributeChar) {
  EXPECT_EQ(Rfc2231Value("été 1.pdf"), "UTF-8''%C3%A9t%C3%A9%201.pdf");
}

}  // namespace
}  // namespace ensemble::mail
