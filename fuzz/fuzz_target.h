// What every fuzz target shares: the declaration of its body (named by ensemble_fuzz_target in
// fuzz/CMakeLists.txt), a check that stops the run when a property fails, and the splitting of
// one input into the several strings a target needs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ensemble::fuzz {

#ifdef ENSEMBLE_FUZZ_FUNCTION
// Feeds one input to the code under test; returns normally unless a property fails.
void ENSEMBLE_FUZZ_FUNCTION(const std::uint8_t* data, std::size_t size);
#endif

// Aborts, so that libFuzzer keeps the input as a crash and the replay test fails on it.
[[noreturn]] inline void PropertyFailed(const char* property, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n", file, line, property);
  std::abort();
}

// An input read as lines: the first lines are the short strings a target needs (a header, a
// pattern), the rest is the long one (a body, a path). Seeds stay readable as text files.
class Lines {
 public:
  Lines(const std::uint8_t* data, std::size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}

  // The text up to the next newline, which is consumed; all that is left when there is none.
  std::string_view Next() {
    const auto end = rest_.find('\n');
    const std::string_view line = rest_.substr(0, end);
    rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end + 1);
    return line;
  }
  std::string_view Rest() const { return rest_; }

 private:
  std::string_view rest_;
};

}  // namespace ensemble::fuzz

// A property of the code under test, checked in every build type.
#define ENSEMBLE_FUZZ_CHECK(condition)                                                  \
  do {                                                                                  \
    if (!(condition)) ::ensemble::fuzz::PropertyFailed(#condition, __FILE__, __LINE__); \
  } while (false)
