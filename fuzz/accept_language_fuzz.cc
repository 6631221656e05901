// The Accept-Language parser (i18n/accept_language.h) on any header. Beside not crashing: the
// answer is a language the header names; a range of weight 0 or one we do not speak, added at
// either end, changes nothing; adding "fr" at full weight always yields a language.
#include <string>

#include "fuzz/fuzz_target.h"
#include "i18n/accept_language.h"

namespace ensemble::fuzz {

void FuzzAcceptLanguage(const std::uint8_t* data, std::size_t size) {
  const std::string header(reinterpret_cast<const char*>(data), size);
  const auto language = i18n::FromAcceptLanguage(header);
  if (language) {
    std::string lower = header;
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    ENSEMBLE_FUZZ_CHECK(lower.find(*language == Language::kEnglish ? "en" : "fr") !=
                        std::string::npos);
  }
  ENSEMBLE_FUZZ_CHECK(i18n::FromAcceptLanguage("de, " + header) == language);
  ENSEMBLE_FUZZ_CHECK(i18n::FromAcceptLanguage(header + ", de") == language);
  ENSEMBLE_FUZZ_CHECK(i18n::FromAcceptLanguage("en;q=0, " + header) == language);
  ENSEMBLE_FUZZ_CHECK(i18n::FromAcceptLanguage(header + ", fr").has_value());
  (void)i18n::FromLocaleName(header);
}

}  // namespace ensemble::fuzz
