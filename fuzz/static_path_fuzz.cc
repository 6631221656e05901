// The static path resolver (http/static_files.h) on any request path, as the router sees it
// (percent-decoded). The site is loaded once from a web root made for the run: an index, an
// asset, a hidden file, and symbolic links to a secret beside the root. Whatever the path, the
// answer is a listed file or 404, and never the secret.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz/fuzz_target.h"
#include "http/static_files.h"

namespace ensemble::fuzz {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIndex = "<!doctype html><title>Ensemble</title>";
constexpr std::string_view kAsset = "console.log('ensemble');";
constexpr std::string_view kSecret = "SECRET: a file beside the web root";

void Write(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// A folder of its own per process, removed when the process exits (libFuzzer's runs end by
// exit() when their time is up).
struct TemporaryFolder {
  fs::path path =
      fs::temp_directory_path() / ("ensemble-fuzz-static-" + std::to_string(::getpid()));
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

const http::StaticSite& Site() {
  static const TemporaryFolder base;
  static const http::StaticSite site = [] {
    const fs::path root = base.path / "web";
    Write(root / "index.html", kIndex);
    Write(root / "assets" / "app-1a2b3c.js", kAsset);
    Write(root / ".env", kSecret);
    Write(base.path / "demo.db", kSecret);
    fs::create_symlink(base.path / "demo.db", root / "assets" / "db.js");
    fs::create_directory_symlink(base.path, root / "up");
    auto loaded = http::StaticSite::Load(root, {base.path / "elsewhere.db"});
    if (!loaded) PropertyFailed("the test web root loads", __FILE__, __LINE__);
    return std::move(*loaded);
  }();
  return site;
}

}  // namespace

void FuzzStaticPath(const std::uint8_t* data, std::size_t size) {
  const std::string_view path(reinterpret_cast<const char*>(data), size);
  const http::Response response = Site().Serve(path);
  ENSEMBLE_FUZZ_CHECK(response.status == 200 || response.status == 404);
  if (response.status == 200) {
    ENSEMBLE_FUZZ_CHECK(response.body == kIndex || response.body == kAsset);
    ENSEMBLE_FUZZ_CHECK(http::IsCleanPagePath(path));
  }
  ENSEMBLE_FUZZ_CHECK(response.body.find("SECRET") == std::string::npos);
}

}  // namespace ensemble::fuzz
