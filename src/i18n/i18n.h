// Renders a Message in a language from the catalogues messages/<module>/{fr,en}.json, which the
// build embeds (cmake/embed_messages.cmake, one line per module in CMakeLists.txt). A text may
// hold `{name}` (a parameter: numbers are formatted the language's way, "1 234,5" with a narrow
// no-break space in French), `{count, plural, one {# jour} other {# jours}}` and
// `{when, date}`-free dates (a MessageDate parameter renders as the day in Paris time). An
// apostrophe is always a letter (ICU's quoting is not used: French is full of them).
// A missing id renders as the id itself and is logged: it never fails a request; the catalogue
// test (tests/i18n/catalogues.py) is what keeps the ids complete.
// Thread-safety: everything here may be called from any thread; the catalogues are parsed once.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"
#include "core/message.h"

namespace ensemble::i18n {

std::string Render(const Message& message, Language language);

// The number written the language's way: 1 234,5 (fr, narrow no-break space) or 1,234.5 (en).
std::string FormatNumber(double number, Language language);
std::string FormatInteger(std::int64_t number, Language language);

// Whether the catalogues of that language hold the id.
bool Knows(std::string_view id, Language language);

// One module's catalogue texts as embedded (JSON objects id -> text).
struct ModuleCatalogue {
  std::string_view module;
  std::string_view french;
  std::string_view english;
};

// Every module's catalogue (catalogues.cc, the registry: one line per module).
const std::vector<ModuleCatalogue>& AllCatalogues();

}  // namespace ensemble::i18n
