#include "app/surveys/results.h"

#include <algorithm>
#include <map>

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

}  // namespace

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
    QuestionResult result;
    result.question = question;
    result.columns = ColumnsOf(question, by_structure);
    disclosure::Table table;
    table.margins_published = true;
    for (const ResultColumn& column : result.columns) table.column_keys.push_back(column.key);
    for (const ResultTerritory& territory : results.territories) {
      table.group_keys.push_back(territory.key);
    }
    for (const ResultRow& row : results.rows) table.row_groups.push_back(row.territory);
    for (std::size_t r = 0; r < results.rows.size(); ++r) {
      table.row_keys.push_back(results.rows[r].key);
      std::vector<disclosure::Cell> cells;
      std::int64_t chosen = 0;
      for (const ResultColumn& column : result.columns) {
        if (column.key.empty()) continue;
        std::int64_t count = 0;
        for (const std::size_t i : members[r]) {
          count += Of(by_structure[i], {question.path, column.key});
        }
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
    results.questions.push_back(std::move(result));
  }
  return results;
}

}  // namespace ensemble::app
