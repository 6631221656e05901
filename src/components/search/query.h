// The search box's language: words (all required), "quoted phrases" (also « guillemets »),
// a minus before a word or phrase to exclude it, and the word being typed at the end of the
// text, matched as a prefix (type-ahead). Words go through the same fold, elision and stop-word
// removal and stemmer as the indexed text (french_text.h). Thread-safe (pure functions).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ensemble::search {

inline constexpr std::size_t kMaxQueryBytes = 512;
inline constexpr std::size_t kMaxQueryWords = 16;
// A trailing word shorter than this is not a prefix yet: "a" would match half the index.
inline constexpr std::size_t kMinPrefixChars = 2;

struct QueryWord {
  std::string word;  // Folded, as typed.
  std::string term;  // Stemmed: what an exact match compares with.
  bool operator==(const QueryWord&) const = default;
};

struct Query {
  std::vector<QueryWord> words;                  // Each must occur.
  std::vector<std::vector<QueryWord>> phrases;   // Each (two words or more) must occur in order.
  std::vector<std::vector<QueryWord>> excluded;  // A word (size 1) or phrase that must not occur.
  std::optional<QueryWord> prefix;               // Some term must start with prefix->word.

  // True when nothing positive is asked: such a query finds nothing, rather than everything.
  bool Empty() const { return words.empty() && phrases.empty() && !prefix; }
  // A canonical text that parses back to this query.
  std::string ToString() const;
  bool operator==(const Query&) const = default;
};

enum class TrailingWord {
  kPrefix,  // The search box as one types: the last word, unless followed by a space.
  kWhole,   // A submitted search: every word is whole.
};

// Parses what people type. Fails with kInvalidArgument on field "q" when the text is not UTF-8,
// longer than kMaxQueryBytes or has more than kMaxQueryWords words. A text of stop words only
// gives an Empty() query, not an error.
Result<Query> ParseQuery(std::string_view text, TrailingWord trailing = TrailingWord::kPrefix);

}  // namespace ensemble::search
