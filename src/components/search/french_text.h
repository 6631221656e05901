// French text for search: the fold that makes « Élisabeth », "ELISABETH" and "elisabeth" one
// word, the tokenizer that cuts a text into the terms an index stores (elisions and stop words
// removed, a light stemmer applied), and the French collation that orders results for people.
//
// The terms Tokens() returns are what a persistent index stores: changing the fold, the stop
// words or the stemmer changes them, so such a change needs the stored terms rebuilt (bump
// kTokenizerVersion and reindex). All functions are thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ensemble::search {

// Stored beside persisted terms; a reader seeing another version must re-tokenize.
inline constexpr int kTokenizerVersion = 1;

// Lower case (full case folding: ß gives ss), accents and other combining marks removed,
// compatibility forms decomposed (NFKD: ﬁ, ², non-breaking spaces), ligatures œ æ written out,
// every apostrophe (’ ‘ ʼ ´ `) made ', hyphens, dashes, quotes (« » “ ” ") and white space made
// one space, trimmed. Invalid UTF-8 bytes become U+FFFD. The result is NFC.
std::string Fold(std::string_view utf8);

// A word of a text as the index sees it, with where it came from, for highlighting.
struct Token {
  std::string term;          // Folded and stemmed: what is stored and matched.
  std::string word;          // Folded, not stemmed: what prefixes are matched against.
  std::size_t position = 0;  // Index among the kept tokens of the text (phrases need it).
  // Where the word is in the original text, in UTF-8 bytes and in code points.
  std::size_t begin_byte = 0, end_byte = 0;
  std::size_t begin_char = 0, end_char = 0;
};

enum class StopWords {
  kDrop,  // What the index stores and what query words match.
  kKeep,  // For the word being typed: "la" may be the start of "laverie".
};

// Cuts the text into words on every character that is neither a letter nor a digit (after the
// fold, so "Jean-Pierre" gives two words and "l’atelier" cuts at the apostrophe); drops the
// elided articles and pronouns before an apostrophe (l' d' j' m' n' s' t' c' qu' jusqu'
// lorsqu' puisqu') and the stop words (IsStopWord); keeps numbers as they are; stems the rest.
std::vector<Token> Tokenize(std::string_view utf8, StopWords stop_words = StopWords::kDrop);

// The terms of Tokenize, in order: the stable form a persistent index stores.
std::vector<std::string> Tokens(std::string_view utf8);

// Whether a folded word is one of the short list of French stop words (articles, common
// prepositions and conjunctions: le la les de des du un une et en au aux pour par sur avec
// dans a ou ...). Words that carry meaning in a centre's activities (seniors, jeunes) are not.
bool IsStopWord(std::string_view folded_word);

// A light French stemmer for folded words, chosen to be predictable rather than clever: words
// of 3 letters or fewer and numbers are kept; then the first rule that applies, in order:
//   eaux -> eau (bureaux), aux -> al (journaux, animaux), eux/oux -> eu/ou (jeux, bijoux),
//   a final s after anything but s -> removed (ateliers, numeriques);
// then, on words still longer than 4 letters, one feminine ending made masculine:
//   trice -> teur (animatrice), euse -> eur (coiffeuse), ive -> if (sportive),
//   enne -> en (parisienne), elle -> el (naturelle), ere -> er (premiere), ee -> e (employee).
// Both the index and the query use it, so a conflation it makes (cours and cour) finds both.
std::string Stem(std::string_view folded_word);

// French collation (ICU's "fr" collator, tertiary strength): « é » sorts with e, « Œuvre »
// beside "Oeuvre", case second. Compare returns <0, 0 or >0.
int CompareFrench(std::string_view a, std::string_view b);
// A byte string whose memcmp order is CompareFrench's order, for storing or sorting many keys.
std::string FrenchSortKey(std::string_view utf8);

}  // namespace ensemble::search
