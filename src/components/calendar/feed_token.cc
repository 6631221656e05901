#include "components/calendar/feed_token.h"

#include <sodium.h>

#include <algorithm>

namespace ensemble::calendar {
namespace {

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

Result<FeedToken> NewFeedToken() {
  // sodium_init is idempotent and thread-safe; 1 means another caller already ran it.
  if (sodium_init() < 0) {
    return Unavailable("libsodium could not start (no source of randomness).");
  }
  std::array<unsigned char, kFeedTokenBytes> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string encoded(sodium_base64_ENCODED_LEN(kFeedTokenBytes, kVariant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), bytes.data(), bytes.size(), kVariant);
  encoded.resize(kFeedTokenChars);  // drop the terminating NUL libsodium writes
  sodium_memzero(bytes.data(), bytes.size());
  FeedToken token;
  token.hash = HashFeedToken(encoded);
  token.secret = std::move(encoded);
  return token;
}

FeedTokenHash HashFeedToken(std::string_view secret) {
  // libsodium asks for sodium_init before any other call; its failure (no randomness) does not
  // concern hashing, so the result is not needed here.
  if (sodium_init() < 0) {
    // SHA-256 is plain code in libsodium and runs without an entropy source.
  }
  FeedTokenHash hash;
  crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size());
  return hash;
}

bool IsWellFormedFeedToken(std::string_view presented) {
  return presented.size() == kFeedTokenChars && std::ranges::all_of(presented, IsBase64UrlChar);
}

bool FeedTokenMatches(std::string_view presented, const FeedTokenHash& stored) {
  // The shape is public (every token has it), so refusing early reveals nothing.
  if (!IsWellFormedFeedToken(presented)) {
    return false;
  }
  const FeedTokenHash hash = HashFeedToken(presented);
  return sodium_memcmp(hash.data(), stored.data(), hash.size()) == 0;
}

namespace {

constexpr std::string_view kHexDigits = "0123456789abcdef";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string FeedTokenHashHex(const FeedTokenHash& hash) {
  std::string hex;
  hex.reserve(hash.size() * 2);
  for (const std::uint8_t byte : hash) {
    hex += kHexDigits[byte >> 4];
    hex += kHexDigits[byte & 0x0f];
  }
  return hex;
}

std::optional<FeedTokenHash> FeedTokenHashFromHex(std::string_view hex) {
  FeedTokenHash hash{};
  if (hex.size() != hash.size() * 2) return std::nullopt;
  for (std::size_t i = 0; i < hash.size(); ++i) {
    const int high = HexValue(hex[2 * i]);
    const int low = HexValue(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    hash[i] = static_cast<std::uint8_t>(high * 16 + low);
  }
  return hash;
}

}  // namespace ensemble::calendar
