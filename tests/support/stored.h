// Reading a stored number straight from a database, for tests that check what a command or a
// server left behind: `QueryInt(url, "SELECT count(*) FROM people")`.
#pragma once

#include <cstdint>
#include <string>

namespace ensemble::test_support {

// Opens the database at `url` (a SQLite file that must exist, or postgresql://), runs `sql` in a
// read transaction and returns the first column of its first row. Fails the test on any error.
std::int64_t QueryInt(const std::string& url, const std::string& sql);

}  // namespace ensemble::test_support
