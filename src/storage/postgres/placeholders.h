// Rewrites the portable `?` parameters of our SQL into PostgreSQL's numbered `$1..$n`. A `?`
// inside a string literal, a quoted identifier, a dollar-quoted body or a comment is text, not a
// parameter, and stays as written.
#pragma once

#include <string>
#include <string_view>

namespace ensemble::storage::postgres {

struct RewrittenSql {
  std::string sql;
  int parameter_count = 0;
};

RewrittenSql RewritePlaceholders(std::string_view sql);

}  // namespace ensemble::storage::postgres
