#include "app/surveys/results.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "components/search/french_text.h"

namespace ensemble::app {
namespace {

using Key = std::pair<std::string, std::string>;  // (question path, choice)

// A structure's counts by (question, choice); ("", "") is its answers.
std::map<Key, std::int64_t> ByKey(const StructureCounts& structure) {
  std::map<Key, std::int64_t> counts;
  for (const surveys::AnswerCount& count : structure.counts) {
    counts[{count.question_path, count.choice}] += count.answers;
  }
  return counts;
}

std::int64_t Of(const std::map<Key, std::int64_t>& counts, const Key& key) {
  const auto found = counts.find(key);
  return found == counts.end() ? 0 : found->second;
}

// The question's columns: its choices, then values counted that its list no longer has (an
// older version's), then the unanswered.
std::vector<ResultColumn> ColumnsOf(const surveys::CountedQuestion& question,
                                    const std::vector<std::map<Key, std::int64_t>>& counts) {
  std::vector<ResultColumn> columns;
  for (const surveys::CountedChoice& choice : question.choices) {
    columns.push_back({choice.name, choice.label});
  }
  const auto known = [&](const std::string& name) {
    return std::any_of(columns.begin(), columns.end(),
                       [&](const ResultColumn& column) { return column.key == name; });
  };
  for (const auto& structure : counts) {
    for (const auto& [key, answers] : structure) {
      if (key.first == question.path && answers > 0 && !key.second.empty() && !known(key.second)) {
        columns.push_back({key.second, key.second});
      }
    }
  }
  columns.push_back({"", ""});
  return columns;
}

// Each row's territory: its structure's, and the pooled row its own; ordered by key, the unknown
// and the pooled last.
void AssignTerritories(std::span<const StructureCounts> counted,
                       const std::vector<std::vector<std::size_t>>& members, Results& results) {
  std::map<std::pair<int, std::string>, std::string> labels;  // (rank, key) -> label
  auto rank_and_key = [&](std::size_t r) -> std::pair<int, std::string> {
    if (results.rows[r].key == kPooledRow) return {2, std::string(kPooledRow)};
    const StructureCounts& structure = counted[members[r].front()];
    return {structure.territory.empty() ? 1 : 0, structure.territory};
  };
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    const auto key = rank_and_key(r);
    labels[key] = key.first == 0 ? counted[members[r].front()].territory_name : "";
  }
  std::map<std::pair<int, std::string>, std::size_t> index;
  for (const auto& [key, label] : labels) {
    index[key] = results.territories.size();
    results.territories.push_back({key.second, label, 0});
  }
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    results.rows[r].territory = index[rank_and_key(r)];
    results.territories[results.rows[r].territory].answers += results.rows[r].answers;
  }
}

// A disclosure table of the rows of `results`, grouped by territory, its row totals published
// (the rows' answers, the same in every table).
disclosure::Table RowsTable(const Results& results) {
  disclosure::Table table;
  table.margins_published = true;
  for (const ResultTerritory& territory : results.territories) {
    table.group_keys.push_back(territory.key);
  }
  for (const ResultRow& row : results.rows) {
    table.row_keys.push_back(row.key);
    table.row_groups.push_back(row.territory);
  }
  return table;
}

std::int64_t CountOf(const std::vector<std::map<Key, std::int64_t>>& counts,
                     const std::vector<std::size_t>& members, const Key& key) {
  std::int64_t count = 0;
  for (const std::size_t i : members) count += Of(counts[i], key);
  return count;
}

// A single choice's table: a column per choice and the unanswered, adding up to the answers.
Result<QuestionResult> SingleChoiceResult(const surveys::CountedQuestion& question,
                                          const Results& results,
                                          const std::vector<std::vector<std::size_t>>& members,
                                          const std::vector<std::map<Key, std::int64_t>>& counts,
                                          const disclosure::Options& options) {
  QuestionResult result;
  result.question = question;
  result.columns = ColumnsOf(question, counts);
  disclosure::Table table = RowsTable(results);
  for (const ResultColumn& column : result.columns) table.column_keys.push_back(column.key);
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    std::vector<disclosure::Cell> cells;
    std::int64_t chosen = 0;
    for (const ResultColumn& column : result.columns) {
      if (column.key.empty()) continue;
      const std::int64_t count = CountOf(counts, members[r], {question.path, column.key});
      chosen += count;
      cells.push_back({count, {}, {}});
    }
    // Kept counts never exceed the answers; a shortfall is the unanswered.
    cells.push_back({std::max<std::int64_t>(0, results.rows[r].answers - chosen), {}, {}});
    table.cells.push_back(std::move(cells));
  }
  // A question everyone answered (a required one) needs no column of zeros for the
  // unanswered: it would say nothing and only offer complements that protect nothing.
  const bool none_unanswered = std::all_of(table.cells.begin(), table.cells.end(),
                                           [](const auto& row) { return row.back().count == 0; });
  if (none_unanswered) {
    result.columns.pop_back();
    table.column_keys.pop_back();
    for (auto& row : table.cells) row.pop_back();
  }
  result.table = ENSEMBLE_TRY(disclosure::Protect(table, options));
  return result;
}

// A multiple choice's table: each choice protected as the table of who gave it and who did not
// (adding up to the answers), their first columns side by side.
Result<QuestionResult> MultipleChoiceResult(const surveys::CountedQuestion& question,
                                            const Results& results,
                                            const std::vector<std::vector<std::size_t>>& members,
                                            const std::vector<std::map<Key, std::int64_t>>& counts,
                                            const disclosure::Options& options) {
  QuestionResult result;
  result.question = question;
  result.columns = ColumnsOf(question, counts);
  result.columns.pop_back();  // no unanswered
  disclosure::ProtectedTable& composed = result.table;
  composed.cells.resize(results.rows.size());
  composed.group_cells.resize(results.territories.size());
  for (const ResultColumn& column : result.columns) {
    disclosure::Table table = RowsTable(results);
    table.column_keys = {"chosen", "not_chosen"};
    for (std::size_t r = 0; r < results.rows.size(); ++r) {
      const std::int64_t chosen = CountOf(counts, members[r], {question.path, column.key});
      table.cells.push_back(
          {{chosen, {}, {}},
           {std::max<std::int64_t>(0, results.rows[r].answers - chosen), {}, {}}});
    }
    disclosure::ProtectedTable choice = ENSEMBLE_TRY(disclosure::Protect(table, options));
    for (std::size_t r = 0; r < choice.cells.size(); ++r) {
      composed.cells[r].push_back(choice.cells[r][0]);
    }
    for (std::size_t g = 0; g < choice.group_cells.size(); ++g) {
      composed.group_cells[g].push_back(choice.group_cells[g][0]);
    }
    composed.column_totals.push_back(choice.column_totals[0]);
    // The margins are the answers, published alike in every choice's table.
    composed.row_totals = std::move(choice.row_totals);
    composed.grand_total = choice.grand_total;
    composed.group_totals = std::move(choice.group_totals);
  }
  return result;
}

// The values of a number question that a row's structures' answers gave, by value.
std::map<std::int64_t, std::int64_t> ValuesOf(std::span<const StructureCounts> counted,
                                              const std::vector<std::size_t>& members,
                                              const std::string& path) {
  std::map<std::int64_t, std::int64_t> values;
  for (const std::size_t i : members) {
    for (const surveys::NumberCount& number : counted[i].numbers) {
      if (number.question_path == path && number.answers > 0) {
        values[number.hundredths] += number.answers;
      }
    }
  }
  return values;
}

// The median of values by count, in hundredths: the middle one, or halfway between the two.
double MedianOf(const std::map<std::int64_t, std::int64_t>& values, std::int64_t count) {
  const auto at = [&](std::int64_t rank) {  // 0-based
    for (const auto& [value, answers] : values) {
      if (rank < answers) return value;
      rank -= answers;
    }
    return values.rbegin()->first;
  };
  return count % 2 == 1
             ? static_cast<double>(at(count / 2))
             : (static_cast<double>(at(count / 2 - 1)) + static_cast<double>(at(count / 2))) / 2;
}

disclosure::Cell NumberCell(const std::map<std::int64_t, std::int64_t>& values) {
  disclosure::Cell cell{0, std::int64_t{0}, {}};
  for (auto it = values.rbegin(); it != values.rend(); ++it) {
    cell.count += it->second;
    *cell.sum += it->first * it->second;
    for (std::int64_t k = 0; k < it->second && cell.largest.size() < 2; ++k) {
      cell.largest.push_back(it->first);
    }
  }
  return cell;
}

NumberStatistic StatisticOf(const disclosure::Published& published,
                            const std::map<std::int64_t, std::int64_t>& values) {
  NumberStatistic statistic;
  statistic.reason = published.reason;
  if (published.Suppressed()) return statistic;
  statistic.answers = published.count;
  if (published.sum) statistic.sum = static_cast<double>(*published.sum) / 100;
  if (published.count && *published.count > 0 && published.sum) {
    statistic.mean =
        static_cast<double>(*published.sum) / static_cast<double>(*published.count) / 100;
    statistic.median = MedianOf(values, *published.count) / 100;
  }
  return statistic;
}

Result<NumberResult> NumberQuestionResult(const surveys::CountedQuestion& question,
                                          const Results& results,
                                          const std::vector<std::vector<std::size_t>>& members,
                                          std::span<const StructureCounts> counted,
                                          const disclosure::Options& options) {
  NumberResult result;
  result.question = question;
  disclosure::Table table;
  table.column_keys = {"value"};
  std::vector<std::map<std::int64_t, std::int64_t>> values;
  std::map<std::int64_t, std::int64_t> all;
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    table.row_keys.push_back(results.rows[r].key);
    values.push_back(ValuesOf(counted, members[r], question.path));
    for (const auto& [value, answers] : values.back()) all[value] += answers;
    table.cells.push_back({NumberCell(values.back())});
  }
  const disclosure::ProtectedTable published = ENSEMBLE_TRY(disclosure::Protect(table, options));
  for (std::size_t r = 0; r < results.rows.size(); ++r) {
    result.rows.push_back(StatisticOf(published.cells[r][0], values[r]));
  }
  result.total = StatisticOf(published.grand_total, all);
  return result;
}

TextResult WordsResult(const surveys::CountedQuestion& question,
                       const std::vector<std::vector<std::size_t>>& members,
                       const std::vector<std::map<Key, std::int64_t>>& counts,
                       const disclosure::Options& options) {
  std::map<std::string, std::int64_t> by_word;
  for (const auto& row : members) {
    for (const std::size_t i : row) {
      for (auto it = counts[i].lower_bound({question.path, ""});
           it != counts[i].end() && it->first.first == question.path; ++it) {
        if (!it->first.second.empty()) by_word[it->first.second] += it->second;
      }
    }
  }
  TextResult result{question, {}};
  for (const auto& [word, answers] : by_word) {
    if (answers >= options.threshold) result.words.push_back({word, answers});
  }
  std::stable_sort(result.words.begin(), result.words.end(),
                   [](const WordCount& a, const WordCount& b) { return a.answers > b.answers; });
  if (result.words.size() > kMostWords) result.words.resize(kMostWords);
  return result;
}

}  // namespace

namespace {

// Words that say little in a remark, beyond the search's stop words (which keep them: a search
// for "plus" is fair), as Tokens() stems them.
bool SaysLittle(const std::string& term) {
  static const std::set<std::string> kLittle = [] {
    std::set<std::string> stems;
    for (const char* word :
         {"plus",  "moins",  "tres",  "trop",  "aussi",  "bien",  "encore", "tout", "tous",
          "toute", "toutes", "etre",  "avoir", "fait",   "faire", "peu",    "cela", "ceci",
          "comme", "quand",  "sans",  "sous",  "depuis", "mais",  "donc",   "car",  "serait",
          "sont",  "suis",   "etait", "ont",   "avez",   "avons", "peut",   "faut", "chez",
          "rien",  "chose",  "oui",   "non",   "merci"}) {
      stems.insert(search::Stem(word));
    }
    return stems;
  }();
  return kLittle.contains(term);
}

}  // namespace

void CountWords(surveys::AnswerTally& tally) {
  for (const auto& [path, text] : tally.texts) {
    std::set<std::string> words;
    for (std::string& term : search::Tokens(text)) {
      const bool has_digit =
          std::any_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (term.size() >= 3 && !has_digit && !SaysLittle(term)) words.insert(std::move(term));
    }
    for (const std::string& word : words) tally.choices.emplace_back(path, word);
  }
}

Result<Results> ComputeResults(std::span<const surveys::CountedQuestion> questions,
                               std::span<const StructureCounts> counted,
                               const disclosure::Options& options) {
  Results results;
  results.options = options;
  const Key answers_key{"", ""};

  // The rows, and each row's structures' counts.
  std::vector<std::map<Key, std::int64_t>> by_structure;
  for (const StructureCounts& structure : counted) by_structure.push_back(ByKey(structure));
  std::vector<std::vector<std::size_t>> members;  // per row, indexes into `counted`
  std::vector<std::size_t> small;
  std::int64_t small_answers = 0;
  for (std::size_t i = 0; i < counted.size(); ++i) {
    const std::int64_t answers = Of(by_structure[i], answers_key);
    if (answers >= options.threshold) {
      results.rows.push_back(
          {std::to_string(counted[i].structure), counted[i].name, {counted[i].structure}, answers});
      members.push_back({i});
    } else {
      small.push_back(i);
      small_answers += answers;
    }
  }
  if (!small.empty() && small_answers >= options.threshold) {
    ResultRow pool{std::string(kPooledRow), "", {}, small_answers};
    for (const std::size_t i : small) {
      pool.structures.push_back(counted[i].structure);
      results.pooled.push_back(counted[i].structure);
    }
    results.rows.push_back(std::move(pool));
    members.push_back(small);
  } else {
    for (const std::size_t i : small) results.left_out.push_back(counted[i].structure);
  }
  if (results.rows.empty()) return results;
  AssignTerritories(counted, members, results);

  for (const surveys::CountedQuestion& question : questions) {
    switch (question.kind) {
      case surveys::CountedKind::kSingle:
        results.questions.push_back(
            ENSEMBLE_TRY(SingleChoiceResult(question, results, members, by_structure, options)));
        break;
      case surveys::CountedKind::kMultiple:
        results.questions.push_back(
            ENSEMBLE_TRY(MultipleChoiceResult(question, results, members, by_structure, options)));
        break;
      case surveys::CountedKind::kNumber:
        results.numbers.push_back(
            ENSEMBLE_TRY(NumberQuestionResult(question, results, members, counted, options)));
        break;
      case surveys::CountedKind::kText:
        results.texts.push_back(WordsResult(question, members, by_structure, options));
        break;
    }
  }
  return results;
}

namespace {

// Row r's cube of the two questions: named choices from the pair counts, the unanswered of
// either question from what its one-way counts leave.
using Cube = std::vector<std::vector<std::vector<std::int64_t>>>;

std::vector<std::vector<std::int64_t>> CubeRow(
    const std::vector<ResultColumn>& a_columns, const std::vector<ResultColumn>& b_columns,
    const std::map<std::pair<std::string, std::string>, std::int64_t>& both,
    const std::vector<std::int64_t>& a_totals, const std::vector<std::int64_t>& b_totals) {
  const std::size_t as = a_columns.size(), bs = b_columns.size();
  std::vector<std::vector<std::int64_t>> row(as, std::vector<std::int64_t>(bs, 0));
  std::optional<std::size_t> a_none, b_none;
  for (std::size_t a = 0; a < as; ++a)
    if (a_columns[a].key.empty()) a_none = a;
  for (std::size_t b = 0; b < bs; ++b)
    if (b_columns[b].key.empty()) b_none = b;
  for (std::size_t a = 0; a < as; ++a) {
    for (std::size_t b = 0; b < bs; ++b) {
      if (a_columns[a].key.empty() || b_columns[b].key.empty()) continue;
      const auto found = both.find({a_columns[a].key, b_columns[b].key});
      row[a][b] = found == both.end() ? 0 : found->second;
    }
  }
  // An answer that chose a but left b unanswered: a's count less a's pairs; then the answers
  // that left both unanswered: the unanswered of a less those that answered b.
  const auto sum_over_b = [&](std::size_t a) {
    std::int64_t sum = 0;
    for (std::size_t b = 0; b < bs; ++b) sum += row[a][b];
    return sum;
  };
  if (b_none) {
    for (std::size_t a = 0; a < as; ++a) {
      if (a != a_none) row[a][*b_none] = std::max<std::int64_t>(0, a_totals[a] - sum_over_b(a));
    }
  }
  if (a_none) {
    for (std::size_t b = 0; b < bs; ++b) {
      if (b == b_none) continue;
      std::int64_t answered = 0;
      for (std::size_t a = 0; a < as; ++a) answered += a == a_none ? 0 : row[a][b];
      row[*a_none][b] = std::max<std::int64_t>(0, b_totals[b] - answered);
    }
    if (b_none) {
      row[*a_none][*b_none] = std::max<std::int64_t>(0, a_totals[*a_none] - sum_over_b(*a_none));
    }
  }
  return row;
}

// The true counts of one question's table by row (what Protect() was given).
std::vector<std::int64_t> RowTotalsOf(const ResultRow& row, const std::vector<std::size_t>& members,
                                      const surveys::CountedQuestion& question,
                                      const std::vector<ResultColumn>& columns,
                                      const std::vector<std::map<Key, std::int64_t>>& counts) {
  std::vector<std::int64_t> totals;
  std::int64_t chosen = 0;
  for (const ResultColumn& column : columns) {
    std::int64_t count = 0;
    if (!column.key.empty()) {
      for (const std::size_t i : members) count += Of(counts[i], {question.path, column.key});
    }
    chosen += count;
    totals.push_back(count);
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].key.empty()) totals[c] = std::max<std::int64_t>(0, row.answers - chosen);
  }
  return totals;
}

}  // namespace

Result<CrossResult> ComputeCrossResult(const surveys::CountedQuestion& rows_question,
                                       const surveys::CountedQuestion& columns_question,
                                       std::span<const StructureCounts> counted,
                                       std::span<const std::vector<surveys::PairCount>> pairs,
                                       const disclosure::Options& options) {
  if (pairs.size() != counted.size()) return Internal("pair counts for every structure counted");
  const std::vector<surveys::CountedQuestion> both_questions = {rows_question, columns_question};
  Results results = ENSEMBLE_TRY(ComputeResults(both_questions, counted, options));
  CrossResult cross;
  cross.options = options;
  if (results.rows.empty()) {
    cross.empty = true;
    return cross;
  }
  cross.rows_question = std::move(results.questions[0]);
  cross.columns_question = std::move(results.questions[1]);
  const auto& a_columns = cross.rows_question.columns;
  const auto& b_columns = cross.columns_question.columns;

  std::vector<std::map<Key, std::int64_t>> by_structure;
  for (const StructureCounts& structure : counted) by_structure.push_back(ByKey(structure));
  std::map<tenancy::StructureId, std::size_t> index_of;
  for (std::size_t i = 0; i < counted.size(); ++i) index_of[counted[i].structure] = i;

  disclosure::CrossTable table;
  for (const ResultRow& row : results.rows) {
    std::vector<std::size_t> members;
    std::map<std::pair<std::string, std::string>, std::int64_t> both;  // (a choice, b choice)
    for (const tenancy::StructureId structure : row.structures) {
      const std::size_t i = index_of.at(structure);
      members.push_back(i);
      for (const surveys::PairCount& pair : pairs[i]) {
        if (pair.first_path == rows_question.path && pair.second_path == columns_question.path) {
          both[{pair.first_choice, pair.second_choice}] += pair.answers;
        } else if (pair.first_path == columns_question.path &&
                   pair.second_path == rows_question.path) {
          both[{pair.second_choice, pair.first_choice}] += pair.answers;
        }
      }
    }
    table.counts.push_back(
        CubeRow(a_columns, b_columns, both,
                RowTotalsOf(row, members, rows_question, a_columns, by_structure),
                RowTotalsOf(row, members, columns_question, b_columns, by_structure)));
    table.row_groups.push_back(row.territory);
  }
  table.by_a = cross.rows_question.table;
  table.by_b = cross.columns_question.table;
  auto protected_cross = disclosure::ProtectCross(table, options);
  // The one-way tables were made from the same counts: a refusal here means pair counts that do
  // not fit them (a bug, or counts kept apart that drifted).
  if (!protected_cross)
    return Internal("cross counts that do not fit: " + protected_cross.error().context);
  cross.table = std::move(*protected_cross);
  return cross;
}

}  // namespace ensemble::app
