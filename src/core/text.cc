#include "core/text.h"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace ensemble {

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    char32_t code = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1;
      code = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
      code = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
      code = lead & 0x07u;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3Fu);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr char32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (code < kMinForLength[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

std::size_t CountCodePoints(std::string_view utf8) {
  std::size_t count = 0;
  for (const char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return std::string(text.substr(first, last - first + 1));
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::optional<std::string> ToNfc(std::string_view utf8) {
  if (!IsValidUtf8(utf8)) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString normalised = nfc->normalize(text, status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  normalised.toUTF8String(out);
  return out;
}

namespace {

// The message saying why a character has no place in a name or a label, or nullptr when it
// has one.
const char* RefusedCharacter(UChar32 c, TextKind kind) {
  if (kind == TextKind::kParagraphs && (c == '\n' || c == '\t')) return nullptr;
  switch (u_charType(c)) {
    case U_CONTROL_CHAR:
      return "core.text.refused.control";
    case U_FORMAT_CHAR:
      return "core.text.refused.format";
    case U_UNASSIGNED:
      return "core.text.refused.unassigned";
    case U_PRIVATE_USE_CHAR:
      return "core.text.refused.private_use";
    case U_SURROGATE:
      return "core.text.refused.surrogate";
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return "core.text.refused.line_break";
    default:
      return nullptr;
  }
}

}  // namespace

Result<std::string> CheckText(std::string_view field, std::string_view value, std::size_t min_chars,
                              std::size_t max_chars, TextKind kind) {
  auto normalised = ToNfc(value);
  if (!normalised) {
    return Fail(ErrorCode::kInvalidArgument, "core.text.not_utf8", std::string(field));
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(normalised->data());
  const auto length_in_bytes = static_cast<int32_t>(normalised->size());
  for (int32_t i = 0; i < length_in_bytes;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length_in_bytes, c);
    if (const char* why = RefusedCharacter(c, kind)) {
      return Fail(
          ErrorCode::kInvalidArgument,
          Message{why, {{"codepoint", fmt::format("{:04X}", static_cast<std::uint32_t>(c))}}},
          std::string(field));
    }
  }
  std::string trimmed = Trim(*normalised);
  const std::size_t length = CountCodePoints(trimmed);
  if (length < min_chars) {
    return Fail(ErrorCode::kInvalidArgument,
                min_chars == 1 ? Message{"core.text.required"}
                               : Message{"core.text.too_short", {{"min", min_chars}}},
                std::string(field));
  }
  if (length > max_chars) {
    return Fail(ErrorCode::kInvalidArgument, Message{"core.text.too_long", {{"max", max_chars}}},
                std::string(field));
  }
  return trimmed;
}

Result<std::string> CheckEmail(std::string_view field, std::string_view value) {
  auto text = ENSEMBLE_TRY(CheckText(field, value, 3, 254));
  const auto at = text.find('@');
  const bool shaped = at != std::string::npos && at > 0 &&
                      text.find('@', at + 1) == std::string::npos &&
                      text.find('.', at) != std::string::npos && text.back() != '.' &&
                      text.find_first_of(" \t\n") == std::string::npos;
  if (!shaped) {
    return Fail(ErrorCode::kInvalidArgument, "core.text.bad_email", std::string(field));
  }
  return AsciiLower(text);
}

}  // namespace ensemble

namespace ensemble {
namespace {

// Decodes one code point; invalid bytes come back as U+FFFD and advance by one.
char32_t NextCodePoint(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t extra = lead < 0x80 ? 0 : (lead & 0xE0) == 0xC0 ? 1 : (lead & 0xF0) == 0xE0 ? 2 : 3;
  if (extra > 0 && i + extra >= text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t code = extra == 0 ? lead : lead & (0x3Fu >> extra);
  for (std::size_t k = 1; k <= extra; ++k) {
    code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
  }
  i += extra + 1;
  return code;
}

std::string_view FoldLatin(char32_t code) {
  switch (code) {
    case U'à':
    case U'á':
    case U'â':
    case U'ã':
    case U'ä':
    case U'å':
    case U'À':
    case U'Á':
    case U'Â':
    case U'Ã':
    case U'Ä':
    case U'Å':
      return "a";
    case U'æ':
    case U'Æ':
      return "ae";
    case U'ç':
    case U'Ç':
      return "c";
    case U'è':
    case U'é':
    case U'ê':
    case U'ë':
    case U'È':
    case U'É':
    case U'Ê':
    case U'Ë':
      return "e";
    case U'ì':
    case U'í':
    case U'î':
    case U'ï':
    case U'Ì':
    case U'Í':
    case U'Î':
    case U'Ï':
      return "i";
    case U'ñ':
    case U'Ñ':
      return "n";
    case U'ò':
    case U'ó':
    case U'ô':
    case U'õ':
    case U'ö':
    case U'ø':
    case U'Ò':
    case U'Ó':
    case U'Ô':
    case U'Õ':
    case U'Ö':
    case U'Ø':
      return "o";
    case U'œ':
    case U'Œ':
      return "oe";
    case U'ù':
    case U'ú':
    case U'û':
    case U'ü':
    case U'Ù':
    case U'Ú':
    case U'Û':
    case U'Ü':
      return "u";
    case U'ý':
    case U'ÿ':
    case U'Ý':
    case U'Ÿ':
      return "y";
    case U'’':
    case U'\'':
    case U'-':
    case U'‐':
    case U'–':
    case U'—':
    case U'_':
      return " ";
    default:
      return {};
  }
}

}  // namespace

std::string FoldForSearch(std::string_view utf8) {
  std::string folded;
  folded.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const std::size_t start = i;
    const char32_t code = NextCodePoint(utf8, i);
    std::string_view replacement = FoldLatin(code);
    if (replacement.empty()) {
      if (code < 0x80) {
        char c = static_cast<char>(code);
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c == '\t' || c == '\n') c = ' ';
        folded.push_back(c);
      } else {
        folded.append(utf8.substr(start, i - start));
      }
    } else {
      folded.append(replacement);
    }
    while (folded.size() >= 2 && folded.back() == ' ' && folded[folded.size() - 2] == ' ') {
      folded.pop_back();
    }
  }
  return Trim(folded);
}

void AppendXmlEscaped(std::string& out, std::string_view text, bool attribute) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        out += "&#13;";  // A raw one would be read back as a line feed.
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace ensemble
