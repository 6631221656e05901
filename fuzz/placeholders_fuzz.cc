// The placeholder rewriter (storage/postgres/placeholders.h) on any SQL text. Each `?` either
// becomes the next `$n` or stays as written (inside a literal, quoted name or comment), and no
// other byte is changed; text without quotes or comments has every `?` rewritten.
#include <algorithm>
#include <string>

#include "fuzz/fuzz_target.h"
#include "storage/postgres/placeholders.h"

namespace ensemble::fuzz {

void FuzzPlaceholders(const std::uint8_t* data, std::size_t size) {
  const std::string_view sql(reinterpret_cast<const char*>(data), size);
  const auto rewritten = storage::postgres::RewritePlaceholders(sql);

  const auto marks = [](std::string_view text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '?'));
  };
  ENSEMBLE_FUZZ_CHECK(rewritten.parameter_count >= 0);
  const auto count = static_cast<std::size_t>(rewritten.parameter_count);
  ENSEMBLE_FUZZ_CHECK(marks(sql) == count + marks(rewritten.sql));

  // `?` becomes `$n`: one byte replaced by the `$` and the digits of n.
  std::size_t digits = 0;
  for (std::size_t n = 1; n <= count; ++n) digits += std::to_string(n).size();
  ENSEMBLE_FUZZ_CHECK(rewritten.sql.size() == sql.size() + digits);

  // Without a `$` in the input, every `$` of the output is a parameter: they come in order, and
  // putting `?` back gives the input.
  if (sql.find('$') == std::string_view::npos) {
    std::string restored;
    std::size_t from = 0;
    for (std::size_t n = 1; n <= count; ++n) {
      const std::string parameter = "$" + std::to_string(n);
      const auto at = rewritten.sql.find('$', from);
      ENSEMBLE_FUZZ_CHECK(at != std::string::npos);
      ENSEMBLE_FUZZ_CHECK(rewritten.sql.compare(at, parameter.size(), parameter) == 0);
      restored.append(rewritten.sql, from, at - from);
      restored += '?';
      from = at + parameter.size();
    }
    ENSEMBLE_FUZZ_CHECK(rewritten.sql.find('$', from) == std::string::npos);
    restored.append(rewritten.sql, from);
    ENSEMBLE_FUZZ_CHECK(restored == sql);
  }

  // Text without quotes or comments has nothing to skip: every `?` is a parameter.
  if (sql.find_first_of("'\"-/$") == std::string_view::npos) {
    ENSEMBLE_FUZZ_CHECK(count == marks(sql));
  }
}

}  // namespace ensemble::fuzz
