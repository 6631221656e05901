// The secret in a calendar feed's URL (…/calendar/<token>.ics): calendar applications fetch the
// feed without a session, so the URL itself is the credential. The questionnaires' collectors
// (/openrosa/<token>/…, ODK Collect) use the same secrets. The server keeps only the
// token's SHA-256, like a session token: a leaked database does not leak working feed URLs.
// Thread-safe (libsodium is, once initialised; NewFeedToken initialises it).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ensemble::calendar {

inline constexpr std::size_t kFeedTokenBytes = 32;
// 32 bytes in unpadded base64url.
inline constexpr std::size_t kFeedTokenChars = 43;

using FeedTokenHash = std::array<std::uint8_t, 32>;

struct FeedToken {
  std::string secret;  // base64url without padding: safe in a URL path as it is
  FeedTokenHash hash;  // what storage keeps, and looks the feed up by
};

// A fresh token from libsodium's randombytes_buf. kUnavailable if libsodium cannot start
// (no entropy source).
Result<FeedToken> NewFeedToken();

// SHA-256 of the token as presented (its ASCII characters), for storage and look-up.
FeedTokenHash HashFeedToken(std::string_view secret);

// Whether the presented token is the one whose hash is stored, compared in constant time (the
// time taken does not reveal how many leading bytes matched). A presented string of the wrong
// length or alphabet never matches, and is refused before any hashing.
bool FeedTokenMatches(std::string_view presented, const FeedTokenHash& stored);

// The shape alone: kFeedTokenChars characters of the base64url alphabet. A feed request that
// fails it can be answered 404 without a database look-up.
bool IsWellFormedFeedToken(std::string_view presented);

// The hash as stored: 64 lower-case hexadecimal digits; and back (nullopt for anything else).
std::string FeedTokenHashHex(const FeedTokenHash& hash);
std::optional<FeedTokenHash> FeedTokenHashFromHex(std::string_view hex);

}  // namespace ensemble::calendar
