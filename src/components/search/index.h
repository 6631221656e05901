// An in-memory full-text index of French records (people, structures, activities) for the
// search box: documents with weighted fields, found by the words of a Query (query.h), ranked
// by BM25F over the stemmed terms with prefix matches counted lower than whole words, ties
// ordered by French collation of a display key, each match with the spans to highlight.
// Sized for tens of thousands of short documents; the persistent index stores Tokens() (see
// french_text.h) and can rebuild one of these at start.
//
// Not thread-safe: callers serialise writes, and reads against writes (a shared_mutex around
// it is enough: Search is const and touches no mutable state).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "components/search/french_text.h"
#include "components/search/query.h"
#include "core/error.h"

namespace ensemble::search {

struct FieldSpec {
  std::string name;
  double weight = 1.0;  // A name field at 3 makes a word of the name count as three.
};

struct Document {
  std::string display_key;  // What results are listed by when scores tie ("Dupont Marie").
  // Field name -> text; fields left out are empty. Names must be those of the index.
  std::vector<std::pair<std::string, std::string>> fields;
};

struct Highlight {
  std::string field;
  // The matched word in the field's original text, in UTF-8 bytes and in code points.
  std::size_t begin_byte = 0, end_byte = 0;
  std::size_t begin_char = 0, end_char = 0;
};

struct Match {
  std::int64_t id = 0;
  double score = 0;
  std::vector<Highlight> highlights;  // In field order, then text order.
};

// Ranking constants, named so that a change is a visible decision.
struct RankingOptions {
  double k1 = 1.2;                     // BM25 term-frequency saturation.
  double b = 0.75;                     // BM25 length normalisation.
  double prefix_factor = 0.5;          // A word matched by its beginning only counts half.
  std::size_t max_prefix_terms = 256;  // Terms one prefix expands to, the most frequent first.
};

class Index {
 public:
  // Fails with kInvalidArgument on field "fields" when there is no field, a name repeats or a
  // weight is not positive.
  static Result<Index> Create(std::vector<FieldSpec> fields, RankingOptions ranking = {});

  // Add fails with kAlreadyExists (field "id") when the id is indexed; Update with kNotFound
  // when it is not; Put adds or replaces. All fail with kInvalidArgument naming the field when
  // it is not one of the index or its text is not UTF-8; a failed call changes nothing.
  Status Add(std::int64_t id, const Document& document);
  Status Update(std::int64_t id, const Document& document);
  Status Put(std::int64_t id, const Document& document);
  Status Remove(std::int64_t id);  // kNotFound (field "id") when absent.

  std::size_t size() const { return by_id_.size(); }
  bool Contains(std::int64_t id) const { return by_id_.contains(id); }

  // The best `limit` matches of a parsed query, best first. An Empty() query finds nothing.
  std::vector<Match> Search(const Query& query, std::size_t limit) const;
  // Parses then searches: fails as ParseQuery does.
  Result<std::vector<Match>> Search(std::string_view text, std::size_t limit,
                                    TrailingWord trailing = TrailingWord::kPrefix) const;

 private:
  struct FieldText {
    std::string text;
    std::vector<Token> tokens;
  };
  struct Stored {
    std::int64_t id = 0;
    std::string sort_key;           // FrenchSortKey(display_key).
    std::vector<FieldText> fields;  // One per FieldSpec, in order.
  };
  using Slot = std::uint32_t;

  Index(std::vector<FieldSpec> fields, RankingOptions ranking)
      : fields_(std::move(fields)), ranking_(ranking), total_length_(fields_.size(), 0) {}

  Result<Stored> Prepare(std::int64_t id, const Document& document) const;
  void Insert(Stored stored);
  void Erase(Slot slot);
  // The BM25F score of one term in one document.
  double Score(const Stored& doc, std::string_view term) const;

  std::vector<FieldSpec> fields_;
  RankingOptions ranking_;
  std::vector<std::optional<Stored>> slots_;
  std::vector<Slot> free_slots_;
  std::unordered_map<std::int64_t, Slot> by_id_;
  // Term -> the slots of the documents holding it, each once. Ordered, for prefix ranges.
  std::map<std::string, std::vector<Slot>, std::less<>> postings_;
  std::vector<std::size_t> total_length_;  // Tokens per field over all documents, for BM25.
};

}  // namespace ensemble::search
