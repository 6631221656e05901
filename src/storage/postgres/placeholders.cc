#include "storage/postgres/placeholders.h"

#include <cctype>
#include <string>

namespace ensemble::storage::postgres {
namespace {

// Returns the index just past the literal or comment that opens at `start`, or `start` when none
// opens there. Unterminated ones run to the end: the server reports the syntax error.
std::size_t SkipQuoted(std::string_view sql, std::size_t start) {
  const char c = sql[start];
  const auto until = [&](std::string_view closing, std::size_t from) {
    const auto end = sql.find(closing, from);
    return end == std::string_view::npos ? sql.size() : end + closing.size();
  };
  if (c == '\'' || c == '"') {
    // A doubled quote inside ('it''s') closes and reopens, which this loop handles by itself.
    // E'…' strings may escape a quote with a backslash: skip the escaped character.
    const bool backslashes =
        c == '\'' && start > 0 && (sql[start - 1] == 'E' || sql[start - 1] == 'e');
    for (std::size_t i = start + 1; i < sql.size(); ++i) {
      if (backslashes && sql[i] == '\\') {
        ++i;
      } else if (sql[i] == c) {
        return i + 1;
      }
    }
    return sql.size();
  }
  if (c == '-' && sql.substr(start, 2) == "--") return until("\n", start + 2);
  if (c == '/' && sql.substr(start, 2) == "/*") return until("*/", start + 2);
  if (c == '$') {
    // $tag$ … $tag$, where the tag is empty or an identifier; `$1` is a parameter, not a quote.
    std::size_t i = start + 1;
    while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) {
      ++i;
    }
    const bool tag_starts_well =
        i == start + 1 || !std::isdigit(static_cast<unsigned char>(sql[start + 1]));
    if (i < sql.size() && sql[i] == '$' && tag_starts_well) {
      const std::string_view tag = sql.substr(start, i - start + 1);
      return until(tag, i + 1);
    }
  }
  return start;
}

}  // namespace

RewrittenSql RewritePlaceholders(std::string_view sql) {
  RewrittenSql result;
  result.sql.reserve(sql.size() + 16);
  std::size_t i = 0;
  while (i < sql.size()) {
    if (sql[i] == '?') {
      result.sql += '$';
      result.sql += std::to_string(++result.parameter_count);
      ++i;
      continue;
    }
    const std::size_t skipped = SkipQuoted(sql, i);
    if (skipped > i) {
      result.sql.append(sql.substr(i, skipped - i));
      i = skipped;
    } else {
      result.sql += sql[i++];
    }
  }
  return result;
}

}  // namespace ensemble::storage::postgres
