#include "components/search/index.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/text.h"

namespace ensemble::search {
namespace {

// The distinct terms of a document, so that each posting list holds a document once.
std::set<std::string_view> DistinctTerms(const std::vector<std::vector<Token>*>& fields) {
  std::set<std::string_view> terms;
  for (const auto* tokens : fields) {
    for (const Token& token : *tokens) terms.insert(token.term);
  }
  return terms;
}

bool HasPhrase(const std::vector<Token>& tokens, const std::vector<QueryWord>& phrase) {
  if (phrase.empty() || tokens.size() < phrase.size()) return false;
  for (std::size_t start = 0; start + phrase.size() <= tokens.size(); ++start) {
    bool all = true;
    for (std::size_t k = 0; k < phrase.size() && all; ++k) {
      all = tokens[start + k].term == phrase[k].term;
    }
    if (all) return true;
  }
  return false;
}

}  // namespace

Result<Index> Index::Create(std::vector<FieldSpec> fields, RankingOptions ranking) {
  if (fields.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "search.index.no_field", "fields");
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!(fields[i].weight > 0) || !std::isfinite(fields[i].weight)) {
      return Fail(ErrorCode::kInvalidArgument, "search.index.weight", "fields");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (fields[i].name == fields[j].name) {
        return Fail(ErrorCode::kInvalidArgument, "search.index.duplicate_field", "fields");
      }
    }
  }
  return Index(std::move(fields), ranking);
}

Result<Index::Stored> Index::Prepare(std::int64_t id, const Document& document) const {
  if (!IsValidUtf8(document.display_key)) {
    return Fail(ErrorCode::kInvalidArgument, "core.text.not_utf8", "display_key");
  }
  Stored stored;
  stored.id = id;
  stored.sort_key = FrenchSortKey(document.display_key);
  stored.fields.resize(fields_.size());
  for (const auto& [name, text] : document.fields) {
    const auto spec = std::find_if(fields_.begin(), fields_.end(),
                                   [&](const FieldSpec& field) { return field.name == name; });
    if (spec == fields_.end()) {
      return Fail(ErrorCode::kInvalidArgument, "search.index.unknown_field", name);
    }
    if (!IsValidUtf8(text)) {
      return Fail(ErrorCode::kInvalidArgument, "core.text.not_utf8", name);
    }
    FieldText& field = stored.fields[static_cast<std::size_t>(spec - fields_.begin())];
    field.text = text;
    field.tokens = Tokenize(text);
  }
  return stored;
}

void Index::Insert(Stored stored) {
  Slot slot = 0;
  if (free_slots_.empty()) {
    slot = static_cast<Slot>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  by_id_[stored.id] = slot;
  slots_[slot] = std::move(stored);
  Stored& doc = *slots_[slot];
  std::vector<std::vector<Token>*> fields;
  for (std::size_t f = 0; f < doc.fields.size(); ++f) {
    fields.push_back(&doc.fields[f].tokens);
    total_length_[f] += doc.fields[f].tokens.size();
  }
  for (std::string_view term : DistinctTerms(fields)) {
    auto it = postings_.find(term);
    if (it == postings_.end()) it = postings_.emplace(std::string(term), std::vector<Slot>{}).first;
    it->second.push_back(slot);
  }
}

void Index::Erase(Slot slot) {
  Stored& doc = *slots_[slot];
  std::vector<std::vector<Token>*> fields;
  for (std::size_t f = 0; f < doc.fields.size(); ++f) {
    fields.push_back(&doc.fields[f].tokens);
    total_length_[f] -= doc.fields[f].tokens.size();
  }
  for (std::string_view term : DistinctTerms(fields)) {
    const auto it = postings_.find(term);
    if (it == postings_.end()) continue;
    auto& list = it->second;
    const auto at = std::find(list.begin(), list.end(), slot);
    if (at != list.end()) {
      *at = list.back();
      list.pop_back();
    }
    if (list.empty()) postings_.erase(it);
  }
  by_id_.erase(doc.id);
  slots_[slot].reset();
  free_slots_.push_back(slot);
}

Status Index::Add(std::int64_t id, const Document& document) {
  if (by_id_.contains(id)) {
    return Fail(ErrorCode::kAlreadyExists, "search.index.already_indexed", "id");
  }
  Insert(ENSEMBLE_TRY(Prepare(id, document)));
  return Ok();
}

Status Index::Update(std::int64_t id, const Document& document) {
  const auto it = by_id_.find(id);
  if (it == by_id_.end()) return Fail(ErrorCode::kNotFound, "search.index.not_indexed", "id");
  Stored stored = ENSEMBLE_TRY(Prepare(id, document));
  Erase(it->second);
  Insert(std::move(stored));
  return Ok();
}

Status Index::Put(std::int64_t id, const Document& document) {
  return by_id_.contains(id) ? Update(id, document) : Add(id, document);
}

Status Index::Remove(std::int64_t id) {
  const auto it = by_id_.find(id);
  if (it == by_id_.end()) return Fail(ErrorCode::kNotFound, "search.index.not_indexed", "id");
  Erase(it->second);
  return Ok();
}

// BM25F: each field's term frequency, normalised by the field's length against its average and
// multiplied by the field's weight, summed before the saturation k1; then times the term's idf.
double Index::Score(const Stored& doc, std::string_view term) const {
  const auto posting = postings_.find(term);
  if (posting == postings_.end()) return 0;
  const double documents = static_cast<double>(by_id_.size());
  const double df = static_cast<double>(posting->second.size());
  const double idf = std::log(1.0 + (documents - df + 0.5) / (df + 0.5));
  double weighted = 0;
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    const auto& tokens = doc.fields[f].tokens;
    const auto tf = static_cast<double>(std::count_if(
        tokens.begin(), tokens.end(), [&](const Token& token) { return token.term == term; }));
    if (tf == 0) continue;
    const double average = static_cast<double>(total_length_[f]) / documents;
    const double length = static_cast<double>(tokens.size());
    const double norm = 1.0 - ranking_.b + ranking_.b * (average > 0 ? length / average : 1.0);
    weighted += fields_[f].weight * tf / norm;
  }
  return idf * weighted / (ranking_.k1 + weighted);
}

std::vector<Match> Index::Search(const Query& query, std::size_t limit) const {
  std::vector<Match> matches;
  if (query.Empty() || limit == 0 || by_id_.empty()) return matches;

  // Every term that must occur, from words and phrases.
  std::vector<std::string> required;
  for (const QueryWord& word : query.words) required.push_back(word.term);
  for (const auto& phrase : query.phrases) {
    for (const QueryWord& word : phrase) required.push_back(word.term);
  }
  std::sort(required.begin(), required.end());
  required.erase(std::unique(required.begin(), required.end()), required.end());

  // The prefix's terms: its own stem as a whole word, then the indexed terms it begins, the
  // most frequent first when there are too many.
  std::vector<std::pair<std::string, double>> prefix_terms;
  if (query.prefix) {
    if (postings_.contains(query.prefix->term)) prefix_terms.emplace_back(query.prefix->term, 1.0);
    std::vector<std::pair<std::size_t, std::string_view>> expanded;
    for (auto it = postings_.lower_bound(query.prefix->word);
         it != postings_.end() && it->first.starts_with(query.prefix->word); ++it) {
      if (it->first != query.prefix->term) expanded.emplace_back(it->second.size(), it->first);
    }
    if (expanded.size() > ranking_.max_prefix_terms) {
      std::partial_sort(expanded.begin(),
                        expanded.begin() + static_cast<std::ptrdiff_t>(ranking_.max_prefix_terms),
                        expanded.end(),
                        [](const auto& a, const auto& b) { return a.first > b.first; });
      expanded.resize(ranking_.max_prefix_terms);
    }
    for (const auto& [count, term] : expanded) {
      prefix_terms.emplace_back(std::string(term), ranking_.prefix_factor);
    }
    if (prefix_terms.empty()) return matches;
  }

  // Candidates: the shortest posting list of a required term, or every document of a prefix.
  std::vector<Slot> candidates;
  if (!required.empty()) {
    const std::vector<Slot>* shortest = nullptr;
    for (const std::string& term : required) {
      const auto it = postings_.find(term);
      if (it == postings_.end()) return matches;
      if (!shortest || it->second.size() < shortest->size()) shortest = &it->second;
    }
    candidates = *shortest;
  } else {
    for (const auto& [term, factor] : prefix_terms) {
      const auto& list = postings_.find(term)->second;
      candidates.insert(candidates.end(), list.begin(), list.end());
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }

  std::unordered_map<std::string_view, double> prefix_factor;
  for (const auto& [term, factor] : prefix_terms) prefix_factor.emplace(term, factor);

  struct Scored {
    double score;
    Slot slot;
  };
  std::vector<Scored> scored;
  for (const Slot slot : candidates) {
    const Stored& doc = *slots_[slot];
    // Documents are short: scanning their tokens beats building a set of them.
    const auto has = [&](std::string_view term) {
      return std::any_of(doc.fields.begin(), doc.fields.end(), [&](const FieldText& field) {
        return std::any_of(field.tokens.begin(), field.tokens.end(),
                           [&](const Token& token) { return token.term == term; });
      });
    };
    if (!std::all_of(required.begin(), required.end(), has)) continue;
    const auto in_some_field = [&](const std::vector<QueryWord>& phrase) {
      return std::any_of(doc.fields.begin(), doc.fields.end(),
                         [&](const FieldText& field) { return HasPhrase(field.tokens, phrase); });
    };
    if (!std::all_of(query.phrases.begin(), query.phrases.end(), in_some_field)) continue;
    if (std::any_of(query.excluded.begin(), query.excluded.end(), in_some_field)) continue;
    double score = 0;
    for (const std::string& term : required) score += Score(doc, term);
    if (query.prefix) {
      // The best of the prefix's terms counts, not their sum: "mack" matching both
      // "mackellerie" and "mackenzie" in one record is still one word typed.
      double best = -1;
      for (const FieldText& field : doc.fields) {
        for (const Token& token : field.tokens) {
          const auto factor = prefix_factor.find(token.term);
          if (factor != prefix_factor.end()) {
            best = std::max(best, factor->second * Score(doc, token.term));
          }
        }
      }
      if (best < 0) continue;
      score += best;
    }
    scored.push_back({score, slot});
  }

  const auto better = [&](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    const Stored& x = *slots_[a.slot];
    const Stored& y = *slots_[b.slot];
    if (x.sort_key != y.sort_key) return x.sort_key < y.sort_key;
    return x.id < y.id;
  };
  const std::size_t kept = std::min(limit, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(kept),
                    scored.end(), better);
  scored.resize(kept);

  std::set<std::string_view> highlighted(required.begin(), required.end());
  for (const auto& term : prefix_terms) highlighted.insert(term.first);
  for (const Scored& result : scored) {
    const Stored& doc = *slots_[result.slot];
    Match match{doc.id, result.score, {}};
    for (std::size_t f = 0; f < fields_.size(); ++f) {
      for (const Token& token : doc.fields[f].tokens) {
        if (!highlighted.contains(token.term)) continue;
        match.highlights.push_back(
            {fields_[f].name, token.begin_byte, token.end_byte, token.begin_char, token.end_char});
      }
    }
    matches.push_back(std::move(match));
  }
  return matches;
}

Result<std::vector<Match>> Index::Search(std::string_view text, std::size_t limit,
                                         TrailingWord trailing) const {
  const Query query = ENSEMBLE_TRY(ParseQuery(text, trailing));
  return Search(query, limit);
}

}  // namespace ensemble::search
