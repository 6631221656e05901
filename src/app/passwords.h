// Password hashing (Argon2id through libsodium) and random tokens. The cost is a setting so
// that tests and the demo loader can use libsodium's minimum; production uses "interactive".
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace ensemble::app {

enum class PasswordCost { kMinimum, kInteractive, kModerate };

Result<PasswordCost> ParsePasswordCost(std::string_view text);

// Initialises libsodium once; safe to call from several threads.
Status InitCrypto();

Result<std::string> HashPassword(std::string_view password, PasswordCost cost);
bool VerifyPassword(std::string_view password, const std::string& stored_hash);

// 32 random bytes, base64url without padding: 43 characters.
std::string RandomToken();
// The hex BLAKE2b hash of a session token, which is all the database keeps.
std::string HashToken(std::string_view token);

}  // namespace ensemble::app
