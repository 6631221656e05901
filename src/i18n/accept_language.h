// Picks the language of an answer from an Accept-Language header (RFC 9110 12.5.4): the
// supported language with the highest weight, the earlier one on a tie; a range matches by its
// primary subtag ("en-GB" is English), "*" and anything unsupported or malformed count as
// French, the default. Pure; thread-safe; fuzzed (fuzz/accept_language_fuzz.cc). The same
// for a command's environment (LANG, LC_ALL).
#pragma once

#include <optional>
#include <string_view>

#include "core/language.h"

namespace ensemble::i18n {

// nullopt when the header names no language we speak (empty, unsupported, malformed): the
// caller falls back to French.
std::optional<Language> FromAcceptLanguage(std::string_view header);

// The language of a POSIX locale name ("en_GB.UTF-8", "fr_FR@euro"), as LANG and LC_ALL hold;
// nullopt for "C", "POSIX" and languages we do not speak.
std::optional<Language> FromLocaleName(std::string_view locale);

}  // namespace ensemble::i18n
