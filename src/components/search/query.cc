#include "components/search/query.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "components/search/french_text.h"
#include "core/text.h"

namespace ensemble::search {
namespace {

bool IsOpeningQuote(UChar32 c) {
  return c == U'"' || c == U'\u201C' || c == U'\u00AB' || c == U'\u201E';
}
bool IsClosingQuote(UChar32 c) {
  return c == U'"' || c == U'\u201D' || c == U'\u00BB' || c == U'\u201C';
}

// One whitespace-separated piece of the query, before its words are folded.
struct Item {
  std::string text;
  bool negated = false;
  bool quoted = false;
  bool last_and_open = false;  // Ends the query with no space after it: being typed.
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}
  bool AtEnd() const { return next_ >= text_.size(); }
  UChar32 Peek() const {
    std::int32_t i = static_cast<std::int32_t>(next_);
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(text_.data()), i,
            static_cast<std::int32_t>(text_.size()), c);
    return c;
  }
  // Consumes one code point and returns its bytes.
  std::string_view Take() {
    std::int32_t i = static_cast<std::int32_t>(next_);
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(text_.data()), i,
            static_cast<std::int32_t>(text_.size()), c);
    const std::string_view taken = text_.substr(next_, static_cast<std::size_t>(i) - next_);
    next_ = static_cast<std::size_t>(i);
    return taken;
  }

 private:
  std::string_view text_;
  std::size_t next_ = 0;
};

std::vector<Item> Split(std::string_view text) {
  std::vector<Item> items;
  Scanner scan(text);
  while (true) {
    while (!scan.AtEnd() && u_isUWhiteSpace(scan.Peek())) scan.Take();
    if (scan.AtEnd()) break;
    Item item;
    if (scan.Peek() == U'-') {
      scan.Take();
      item.negated = true;
    }
    if (!scan.AtEnd() && IsOpeningQuote(scan.Peek())) {
      scan.Take();
      item.quoted = true;
      while (!scan.AtEnd() && !IsClosingQuote(scan.Peek())) item.text += scan.Take();
      if (!scan.AtEnd()) scan.Take();
    } else {
      while (!scan.AtEnd() && !u_isUWhiteSpace(scan.Peek()) && !IsOpeningQuote(scan.Peek())) {
        item.text += scan.Take();
      }
      item.last_and_open = scan.AtEnd();
    }
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<QueryWord> WordsOf(const std::vector<Token>& tokens) {
  std::vector<QueryWord> words;
  for (const Token& token : tokens) words.push_back({token.word, token.term});
  return words;
}

void AppendWords(std::string& out, const std::vector<QueryWord>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ' ';
    out += words[i].word;
  }
}

}  // namespace

std::string Query::ToString() const {
  std::string out;
  auto separate = [&] {
    if (!out.empty()) out += ' ';
  };
  for (const QueryWord& word : words) {
    separate();
    out += word.word;
  }
  for (const auto& phrase : phrases) {
    separate();
    out += '"';
    AppendWords(out, phrase);
    out += '"';
  }
  for (const auto& words_out : excluded) {
    separate();
    out += '-';
    if (words_out.size() > 1) out += '"';
    AppendWords(out, words_out);
    if (words_out.size() > 1) out += '"';
  }
  if (prefix) {
    separate();
    out += prefix->word;
  } else if (!out.empty()) {
    out += ' ';  // So that the last word is not read back as a prefix.
  }
  return out;
}

Result<Query> ParseQuery(std::string_view text, TrailingWord trailing) {
  if (text.size() > kMaxQueryBytes) {
    return Fail(ErrorCode::kInvalidArgument, "search.query.too_long", "q");
  }
  if (!IsValidUtf8(text)) {
    return Fail(ErrorCode::kInvalidArgument, "search.query.not_utf8", "q");
  }
  Query query;
  std::size_t count = 0;
  for (Item& item : Split(text)) {
    if (item.last_and_open && !item.negated && trailing == TrailingWord::kPrefix) {
      std::vector<Token> tokens = Tokenize(item.text, StopWords::kKeep);
      if (tokens.empty()) continue;
      const Token last = tokens.back();
      tokens.pop_back();
      for (const Token& token : tokens) {
        if (!IsStopWord(token.word)) query.words.push_back({token.word, token.term});
      }
      if (CountCodePoints(last.word) >= kMinPrefixChars) {
        query.prefix = QueryWord{last.word, last.term};
      } else if (!IsStopWord(last.word) && last.word.find_first_of("0123456789") == 0) {
        query.words.push_back({last.word, last.term});  // A lone digit is a whole number.
      }
      count += tokens.size() + 1;
      continue;
    }
    std::vector<QueryWord> words = WordsOf(Tokenize(item.text));
    count += words.size();
    if (words.empty()) continue;
    if (item.negated) {
      query.excluded.push_back(std::move(words));
    } else if (words.size() == 1) {
      query.words.push_back(std::move(words.front()));
    } else {
      query.phrases.push_back(std::move(words));
    }
  }
  if (count > kMaxQueryWords) {
    return Fail(ErrorCode::kInvalidArgument, "search.query.too_many_words", "q");
  }
  return query;
}

}  // namespace ensemble::search
