// The search box's query parser (components/search/query.h) on any text, with the tokenizer
// under it and a search of a small index. Properties: a parsed query's canonical text parses
// back to the same query; its words are non-empty and within the limits; the tokens' offsets
// lie inside the text, in order (two tokens may share one character: « ⅙ » folds to 1⁄6, two
// words); searching never fails on a query that parsed.
#include <string>

#include "components/search/index.h"
#include "components/search/query.h"
#include "core/text.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {
namespace {

const search::Index& SmallIndex() {
  static const search::Index index = [] {
    auto made = search::Index::Create({{"name", 3.0}, {"description", 1.0}});
    if (!made) PropertyFailed("the index is made", __FILE__, __LINE__);
    (void)made->Add(1, {"Élisabeth", {{"name", "Élisabeth Martin"}, {"description", "jardin"}}});
    (void)made->Add(2, {"Cours", {{"name", "Cours d’informatique pour seniors"}}});
    (void)made->Add(3, {"Mackellerie", {{"name", "Mackellerie"}, {"description", "vélos"}}});
    return std::move(*made);
  }();
  return index;
}

void CheckTokens(std::string_view text) {
  std::size_t previous_begin = 0, previous_end = 0;
  for (const search::Token& token : search::Tokenize(text)) {
    ENSEMBLE_FUZZ_CHECK(!token.term.empty() && !token.word.empty());
    ENSEMBLE_FUZZ_CHECK(token.begin_byte >= previous_begin && token.end_byte >= previous_end);
    ENSEMBLE_FUZZ_CHECK(token.begin_byte < token.end_byte && token.end_byte <= text.size());
    ENSEMBLE_FUZZ_CHECK(token.begin_char < token.end_char);
    previous_begin = token.begin_byte;
    previous_end = token.end_byte;
  }
}

}  // namespace

void FuzzSearchQuery(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckTokens(text);
  for (const auto trailing : {search::TrailingWord::kPrefix, search::TrailingWord::kWhole}) {
    const auto query = search::ParseQuery(text, trailing);
    if (!query) {
      ENSEMBLE_FUZZ_CHECK(query.error().code == ErrorCode::kInvalidArgument);
      ENSEMBLE_FUZZ_CHECK(query.error().field == "q");
      continue;
    }
    ENSEMBLE_FUZZ_CHECK(IsValidUtf8(text) && text.size() <= search::kMaxQueryBytes);
    std::size_t words = query->words.size() + (query->prefix ? 1 : 0);
    for (const auto& word : query->words) ENSEMBLE_FUZZ_CHECK(!word.word.empty());
    for (const auto& phrase : query->phrases) {
      ENSEMBLE_FUZZ_CHECK(phrase.size() >= 2);
      words += phrase.size();
    }
    for (const auto& excluded : query->excluded) {
      ENSEMBLE_FUZZ_CHECK(!excluded.empty());
      words += excluded.size();
    }
    ENSEMBLE_FUZZ_CHECK(words <= search::kMaxQueryWords);
    const std::string canonical = query->ToString();
    const auto again = search::ParseQuery(canonical, trailing);
    ENSEMBLE_FUZZ_CHECK(again.has_value() && *again == *query);
    const auto matches = SmallIndex().Search(*query, 5);
    ENSEMBLE_FUZZ_CHECK(matches.size() <= 3);
  }
}

}  // namespace ensemble::fuzz
