#include "components/search/french_text.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>

namespace ensemble::search {
namespace {

// What one code point of the original becomes once folded: usually one character, sometimes
// none (a combining accent), sometimes two (œ) or a space.
std::string FoldLetter(UChar32 code) {
  switch (code) {
    case U'\u2019':  // ’ right single quotation mark, the French typographic apostrophe
    case U'\u2018':  // ‘
    case U'\u02BC':  // ʼ modifier letter apostrophe
    case U'\u00B4':  // ´
    case U'\u2032':  // ′
    case U'`':
      return "'";
    case U'\u00AB':  // «
    case U'\u00BB':  // »
    case U'\u201C':  // “
    case U'\u201D':  // ”
    case U'\u201E':  // „
    case U'\u2039':  // ‹
    case U'\u203A':  // ›
    case U'"':
    case U'_':
      return " ";
    case U'\u0153':  // œ
    case U'\u0152':  // Œ
      return "oe";
    case U'\u00E6':  // æ
    case U'\u00C6':  // Æ
      return "ae";
    case U'\u00F8':  // ø
    case U'\u00D8':  // Ø
      return "o";
    case U'\u0111':  // đ
    case U'\u0110':  // Đ
      return "d";
    case U'\u0142':  // ł
    case U'\u0141':  // Ł
      return "l";
    default:
      break;
  }
  if (u_charType(code) == U_DASH_PUNCTUATION || u_isUWhiteSpace(code)) return " ";
  return {};
}

std::string FoldNonAscii(UChar32 code) {
  if (std::string special = FoldLetter(code); !special.empty()) return special;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) return "\uFFFD";
  icu::UnicodeString decomposed = nfkd->normalize(icu::UnicodeString(code), status);
  if (U_FAILURE(status)) return "\uFFFD";
  decomposed.foldCase();
  std::string out;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 part = decomposed.char32At(i);
    i += U16_LENGTH(part);
    if (u_charType(part) == U_NON_SPACING_MARK) continue;
    if (std::string special = FoldLetter(part); !special.empty()) {
      out += special;
      continue;
    }
    icu::UnicodeString(part).toUTF8String(out);
  }
  return out;
}

// The fold of one code point. Non-ASCII answers are cached per thread: a text of a few hundred
// characters would otherwise ask the normaliser once per accented letter.
const std::string& FoldCodePoint(UChar32 code) {
  static const std::array<std::string, 128> kAscii = [] {
    std::array<std::string, 128> table;
    for (int c = 0; c < 128; ++c) {
      char folded = static_cast<char>(c);
      if (folded >= 'A' && folded <= 'Z') folded = static_cast<char>(folded - 'A' + 'a');
      const std::string special = FoldLetter(c);
      const bool space = folded == ' ' || folded == '\t' || folded == '\n' || folded == '\r' ||
                         folded == '\f' || folded == '\v' || folded == '-';
      table[static_cast<std::size_t>(c)] =
          !special.empty() ? special : (space ? std::string(" ") : std::string(1, folded));
    }
    return table;
  }();
  if (code >= 0 && code < 128) return kAscii[static_cast<std::size_t>(code)];
  thread_local std::unordered_map<UChar32, std::string> cache;
  auto [it, inserted] = cache.try_emplace(code);
  if (inserted) it->second = FoldNonAscii(code);
  return it->second;
}

// Calls visit(code_point, begin_byte, end_byte) for each code point; an invalid sequence is
// one U+FFFD covering the bytes ICU skips.
template <typename Visit>
void ForEachCodePoint(std::string_view utf8, Visit visit) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<std::int32_t>(utf8.size());
  std::int32_t i = 0;
  while (i < length) {
    const std::int32_t begin = i;
    UChar32 code = 0;
    U8_NEXT(bytes, i, length, code);
    if (code < 0) code = 0xFFFD;
    visit(code, static_cast<std::size_t>(begin), static_cast<std::size_t>(i));
  }
}

constexpr std::array<std::string_view, 13> kElisions = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};

constexpr std::array<std::string_view, 52> kStopWords = {
    "a",   "au",   "aux",   "avec", "ce",  "ces", "cet",  "cette", "dans",  "de",   "des",
    "du",  "elle", "elles", "en",   "est", "et",  "il",   "ils",   "je",    "la",   "le",
    "les", "leur", "leurs", "ma",   "mes", "mon", "ne",   "nos",   "notre", "nous", "on",
    "ou",  "par",  "pas",   "pour", "qu",  "que", "qui",  "sa",    "sans",  "se",   "ses",
    "son", "sous", "sur",   "ta",   "un",  "une", "vous", "y"};

static_assert(std::is_sorted(kStopWords.begin(), kStopWords.end()),
              "binary_search needs them sorted");

bool EndsWith(std::string_view word, std::string_view suffix) { return word.ends_with(suffix); }

std::string Replace(std::string_view word, std::size_t suffix, std::string_view with) {
  std::string out(word.substr(0, word.size() - suffix));
  out += with;
  return out;
}

std::string StemFeminine(std::string word) {
  if (word.size() <= 4) return word;
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kEndings = {{
      {"trice", "teur"},
      {"euse", "eur"},
      {"ive", "if"},
      {"enne", "en"},
      {"elle", "el"},
      {"ere", "er"},
      {"ee", "e"},
  }};
  for (const auto& [ending, masculine] : kEndings) {
    if (EndsWith(word, ending)) return Replace(word, ending.size(), masculine);
  }
  return word;
}

icu::Collator& FrenchCollator() {
  // Collators are not shared between threads: one per thread, made on first use.
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> made(
        icu::Collator::createInstance(icu::Locale::getFrench(), status));
    if (U_FAILURE(status) || !made) std::abort();  // ICU's root data ships with libicu.
    made->setStrength(icu::Collator::TERTIARY);
    return made;
  }();
  return *collator;
}

}  // namespace

std::string Fold(std::string_view utf8) {
  std::string folded;
  folded.reserve(utf8.size());
  ForEachCodePoint(utf8, [&](UChar32 code, std::size_t, std::size_t) {
    const std::string& part = FoldCodePoint(code);
    for (const char c : part) {
      if (c == ' ' && (folded.empty() || folded.back() == ' ')) continue;
      folded.push_back(c);
    }
  });
  if (!folded.empty() && folded.back() == ' ') folded.pop_back();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return folded;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(folded);
  if (nfc->isNormalized(text, status) && U_SUCCESS(status)) return folded;
  std::string composed;
  nfc->normalize(text, status).toUTF8String(composed);
  return U_SUCCESS(status) ? composed : folded;
}

bool IsStopWord(std::string_view folded_word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), folded_word);
}

std::string Stem(std::string_view folded_word) {
  std::string word(folded_word);
  if (word.size() <= 3) return word;
  if (std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return word;
  }
  if (EndsWith(word, "eaux")) return StemFeminine(Replace(word, 1, ""));
  if (EndsWith(word, "aux")) return Replace(word, 3, "al");
  if (EndsWith(word, "eux") || EndsWith(word, "oux")) return Replace(word, 1, "");
  if (EndsWith(word, "s") && !EndsWith(word, "ss")) word.pop_back();
  return StemFeminine(std::move(word));
}

std::vector<Token> Tokenize(std::string_view utf8, StopWords stop_words) {
  std::vector<Token> tokens;
  Token current;
  bool in_word = false;
  std::size_t char_index = 0;
  auto finish = [&](bool before_apostrophe) {
    if (!in_word) return;
    in_word = false;
    const bool elided = before_apostrophe && std::find(kElisions.begin(), kElisions.end(),
                                                       current.word) != kElisions.end();
    if (!elided && (stop_words == StopWords::kKeep || !IsStopWord(current.word))) {
      current.term = Stem(current.word);
      current.position = tokens.size();
      tokens.push_back(std::move(current));
    }
    current = Token{};
  };
  ForEachCodePoint(utf8, [&](UChar32 code, std::size_t begin, std::size_t end) {
    const std::string& folded = FoldCodePoint(code);
    if (folded.empty() && in_word) {  // A combining mark extends the word it follows.
      current.end_byte = end;
      current.end_char = char_index + 1;
    }
    ForEachCodePoint(folded, [&](UChar32 part, std::size_t part_begin, std::size_t part_end) {
      if (u_isalnum(part)) {
        if (!in_word) {
          in_word = true;
          current.begin_byte = begin;
          current.begin_char = char_index;
        }
        current.word.append(folded, part_begin, part_end - part_begin);
        current.end_byte = end;
        current.end_char = char_index + 1;
      } else {
        finish(part == U'\'');
      }
    });
    ++char_index;
  });
  finish(false);
  return tokens;
}

std::vector<std::string> Tokens(std::string_view utf8) {
  std::vector<std::string> terms;
  for (Token& token : Tokenize(utf8)) terms.push_back(std::move(token.term));
  return terms;
}

int CompareFrench(std::string_view a, std::string_view b) {
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult result = FrenchCollator().compareUTF8(
      icu::StringPiece(a.data(), static_cast<std::int32_t>(a.size())),
      icu::StringPiece(b.data(), static_cast<std::int32_t>(b.size())), status);
  if (U_FAILURE(status)) return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
  return result == UCOL_LESS ? -1 : (result == UCOL_EQUAL ? 0 : 1);
}

std::string FrenchSortKey(std::string_view utf8) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
  icu::Collator& collator = FrenchCollator();
  std::string key(64, '\0');
  std::int32_t needed = collator.getSortKey(text, reinterpret_cast<std::uint8_t*>(key.data()),
                                            static_cast<std::int32_t>(key.size()));
  if (needed > static_cast<std::int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(needed));
    needed = collator.getSortKey(text, reinterpret_cast<std::uint8_t*>(key.data()), needed);
  }
  // The key ends with a NUL byte that memcmp order does not need.
  key.resize(needed > 0 ? static_cast<std::size_t>(needed - 1) : 0);
  return key;
}

}  // namespace ensemble::search
