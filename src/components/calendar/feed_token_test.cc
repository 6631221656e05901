#include "components/calendar/feed_token.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <set>
#include <string>

namespace ensemble::calendar {
namespace {

std::string Hex(const FeedTokenHash& hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (std::uint8_t byte : hash) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0xf];
  }
  return hex;
}

// Runs Debian's Python (not the pyenv one on PATH) and returns its standard output.
std::string Python(const std::string& program) {
  const std::string command = "/usr/bin/python3 -c '" + program + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return {};
  }
  std::array<char, 512> buffer;
  std::string out;
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    out.append(buffer.data(), n);
  }
  EXPECT_EQ(pclose(pipe), 0) << command;
  return out;
}

TEST(FeedToken, IsThirtyTwoRandomBytesInBase64Url) {
  Result<FeedToken> token = NewFeedToken();
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(token->secret.size(), kFeedTokenChars);
  EXPECT_TRUE(IsWellFormedFeedToken(token->secret)) << token->secret;
  // Python's base64 decodes it to 32 bytes, and its hashlib agrees on the stored hash.
  const std::string read = Python("import base64, hashlib; t = \"" + token->secret +
                                  "\"; print(len(base64.urlsafe_b64decode(t + \"=\")), "
                                  "hashlib.sha256(t.encode()).hexdigest())");
  EXPECT_EQ(read, "32 " + Hex(token->hash) + "\n");
}

TEST(FeedToken, HashIsSha256OfTheText) {
  // FIPS 180-2's first test vector.
  EXPECT_EQ(Hex(HashFeedToken("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(FeedToken, TokensDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    Result<FeedToken> token = NewFeedToken();
    ASSERT_TRUE(token.has_value());
    EXPECT_TRUE(seen.insert(token->secret).second) << token->secret;
  }
}

TEST(FeedToken, MatchesOnlyItself) {
  Result<FeedToken> token = NewFeedToken();
  Result<FeedToken> other = NewFeedToken();
  ASSERT_TRUE(token.has_value() && other.has_value());
  EXPECT_TRUE(FeedTokenMatches(token->secret, token->hash));
  EXPECT_FALSE(FeedTokenMatches(other->secret, token->hash));

  std::string last_changed = token->secret;
  last_changed.back() = last_changed.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(FeedTokenMatches(last_changed, token->hash));
  EXPECT_FALSE(FeedTokenMatches(token->secret.substr(1), token->hash));
  EXPECT_FALSE(FeedTokenMatches(token->secret + "=", token->hash));
  EXPECT_FALSE(FeedTokenMatches("", token->hash));

  // Right length, wrong alphabet (standard base64's + and /): refused by shape.
  std::string standard = token->secret;
  standard[0] = '+';
  EXPECT_FALSE(IsWellFormedFeedToken(standard));
  standard[0] = '/';
  EXPECT_FALSE(IsWellFormedFeedToken(standard));
  // A stored hash of a malformed string never matches it either.
  EXPECT_FALSE(FeedTokenMatches(standard, HashFeedToken(standard)));
}

}  // namespace
}  // namespace ensemble::calendar
