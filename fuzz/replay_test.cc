// Replays every committed input of one fuzz target, its seed corpus and the inputs that once
// crashed it, through the same body the libFuzzer binary runs. It runs in the ordinary build
// (ASan and UBSan in `dev`), so a fixed bug stays fixed without clang.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {
namespace {

namespace fs = std::filesystem;

// The inputs of a folder in name order; a README there is documentation, not an input.
std::vector<fs::path> InputsIn(const fs::path& folder) {
  std::vector<fs::path> inputs;
  if (!fs::is_directory(folder)) return inputs;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name != "README.md" && !name.starts_with('.')) {
      inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

void Replay(const std::vector<fs::path>& inputs) {
  for (const fs::path& input : inputs) {
    std::ifstream file(input, std::ios::binary);
    ASSERT_TRUE(file) << input;
    const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    // Printed before the run: a sanitizer report or a failed property ends the process.
    std::fprintf(stderr, "replaying %s\n", input.c_str());
    ENSEMBLE_FUZZ_FUNCTION(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
}

fs::path Folder(std::string_view kind) {
  return fs::path(ENSEMBLE_FUZZ_DIR) / kind / ENSEMBLE_FUZZ_NAME;
}

TEST(FuzzReplay, SeedCorpus) {
  const auto inputs = InputsIn(Folder("corpus"));
  ASSERT_FALSE(inputs.empty()) << "no seed corpus in fuzz/corpus/" << ENSEMBLE_FUZZ_NAME;
  Replay(inputs);
}

// Every input that made the target crash, kept once the bug was fixed.
TEST(FuzzReplay, Regressions) { Replay(InputsIn(Folder("regressions"))); }

TEST(FuzzReplay, EmptyInput) { ENSEMBLE_FUZZ_FUNCTION(nullptr, 0); }

}  // namespace
}  // namespace ensemble::fuzz
