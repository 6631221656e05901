// Small text rules shared by every validator: UTF-8 well-formedness, length in characters (not
// bytes, since French names carry accents), trimming, e-mail shape.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ensemble {

bool IsValidUtf8(std::string_view text);
std::size_t CountCodePoints(std::string_view utf8);
std::string Trim(std::string_view text);
std::string AsciiLower(std::string_view text);

// Appends `text` as XML character data (`attribute`: as a double-quoted attribute's value, its
// quotes, tabs and line breaks as references so that a reader gives them back). A carriage
// return is always a reference: a raw one would be read back as a line feed.
void AppendXmlEscaped(std::string& out, std::string_view text, bool attribute);

enum class TextKind {
  kLine,        // a name, a label, a search: one line
  kParagraphs,  // notes: line breaks and tabs allowed
};

// Checks a required or optional free-text field: valid UTF-8, normalised to NFC (so « é » typed
// as e + combining accent is stored and compared as one character), without control, format
// (bidirectional overrides, zero-width), private-use or unassigned characters, nor line breaks
// in a kLine; trimmed length within [min_chars, max_chars] characters. Returns the trimmed text.
Result<std::string> CheckText(std::string_view field, std::string_view value, std::size_t min_chars,
                              std::size_t max_chars, TextKind kind = TextKind::kLine);

// The text in Unicode Normalization Form C; nullopt when it is not valid UTF-8.
std::optional<std::string> ToNfc(std::string_view utf8);

// A plain shape check (one @, a dot in the domain, no spaces); delivery proves the rest.
// Returns the address lower-cased.
Result<std::string> CheckEmail(std::string_view field, std::string_view value);

}  // namespace ensemble

namespace ensemble {

// Folds text for French search: lower case, accents and ligatures removed (« Élisabeth » and
// « elisabeth » match, « Œuvre » matches « oeuvre »), runs of spaces and hyphens made one space.
// Covers Latin-1 and Latin Extended-A, which is what French names use.
std::string FoldForSearch(std::string_view utf8);

}  // namespace ensemble
