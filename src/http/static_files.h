// The built web pages, listed and loaded into memory once, when the server starts. A request is
// answered from that list only: a request path is a key looked up in a table, never joined onto
// a filesystem path, so no spelling of a path (absolute, `//`, `%2F`, `..`, NUL, backslashes,
// overlong UTF-8) can reach a file outside the list.
//
// Thread-safety: Load once; Serve is then const and safe from any thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "http/message.h"

namespace ensemble::http {

// True for the paths that belong to the handler rather than to the files: /api/…, /healthz, the
// calendar feeds under /feeds/ and ODK Collect's server URLs under /openrosa/.
bool IsApiPath(std::string_view path);

struct StaticSiteLimits {
  // The built pages are a few hundred kilobytes; a web root far larger than this is a mistake
  // (the wrong folder), and refusing to start says so instead of filling memory.
  std::size_t max_file_bytes = 8 * 1024 * 1024;
  std::size_t max_total_bytes = 64 * 1024 * 1024;
  std::size_t max_files = 10'000;
};

class StaticSite {
 public:
  // Lists the regular files under `root` (resolved; hidden names skipped; a symbolic link is
  // kept only when it resolves to a regular file inside the root) and reads each one once.
  // Fails with kInvalidArgument, naming the setting "web_root", when the root is not a folder,
  // holds more than the limits, or contains one of `protected_paths` (the database and its
  // companion files: the pages must never be a way to them, so the server refuses to start
  // rather than skipping them).
  static Result<StaticSite> Load(const std::filesystem::path& root,
                                 const std::vector<std::filesystem::path>& protected_paths,
                                 StaticSiteLimits limits = {});

  // The answer for a GET or HEAD of `path` (percent-decoded, as the router sees it). Files under
  // /assets/ have content-hashed names and are cached for a year; index.html is revalidated. A
  // clean path without an extension is a page route of the single-page app and answers
  // index.html; anything else not in the list is 404.
  Response Serve(std::string_view path) const;

  std::size_t file_count() const { return files_->size(); }
  std::size_t total_bytes() const { return total_bytes_; }

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string cache_control;
  };
  using Files = std::unordered_map<std::string, File>;
  StaticSite(std::shared_ptr<const Files> files, std::size_t total_bytes)
      : files_(std::move(files)), total_bytes_(total_bytes) {}
  Response Answer(const File& file) const;

  std::shared_ptr<const Files> files_;  // shared so that copies of the site cost nothing
  std::size_t total_bytes_ = 0;
};

// True when `path` is the path of a page route or of a listed file: segments of letters,
// digits and `-._~`, none empty, none starting with a dot. Exposed for the fuzz target.
bool IsCleanPagePath(std::string_view path);

}  // namespace ensemble::http
