// The languages Ensemble speaks: French, the default, and English.
#pragma once

#include <optional>
#include <string_view>

namespace ensemble {

enum class Language { kFrench, kEnglish };

std::string_view ToString(Language language);                  // "fr", "en"
std::optional<Language> ParseLanguage(std::string_view code);  // exactly "fr" or "en"

}  // namespace ensemble
