#include "http/static_files.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>

#include "http/error_mapping.h"

namespace ensemble::http {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kContentTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
}};

constexpr std::string_view kIndex = "index.html";

std::string_view ContentTypeFor(std::string_view name) {
  const auto dot = name.rfind('.');
  const std::string_view extension = dot == std::string_view::npos ? "" : name.substr(dot);
  for (const auto& [known, type] : kContentTypes) {
    if (extension == known) return type;
  }
  return "application/octet-stream";
}

// The operator's start-up mistake; what is wrong with the folder is said in English.
Error WebRootError(std::string detail) {
  return Error{ErrorCode::kInvalidArgument,
               Message{"core.web_root.invalid", {{"detail", std::move(detail)}}},
               "web_root",
               {}};
}

bool IsInside(const fs::path& root, const fs::path& path) {
  const auto [root_end, path_it] =
      std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

bool IsHidden(const fs::path& relative) {
  for (const auto& part : relative) {
    if (part.string().starts_with('.')) return true;
  }
  return false;
}

// Reads one listed file whole. Only regular files inside the web root get here: the database
// is never among them (Load refuses a web root that holds it), which matters because opening
// and closing a live SQLite file in this process would drop SQLite's POSIX locks on it.
Result<std::string> ReadListedFile(const fs::path& file, std::size_t max_bytes) {
  std::error_code error;
  const auto size = fs::file_size(file, error);
  if (error)
    return std::unexpected(WebRootError(fmt::format("{}: {}", file.string(), error.message())));
  if (size > max_bytes) {
    return std::unexpected(WebRootError(fmt::format(
        "{} is {} bytes, more than the {} a built page may hold", file.string(), size, max_bytes)));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::unexpected(WebRootError(fmt::format("cannot read {}", file.string())));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The file a directory entry stands for, or nullopt to leave it out: not a regular file, or a
// symbolic link that leads out of the root.
std::optional<fs::path> ListedTarget(const fs::directory_entry& entry, const fs::path& root) {
  std::error_code error;
  if (!entry.is_symlink(error)) {
    if (entry.is_regular_file(error)) return entry.path();
    return std::nullopt;
  }
  const fs::path target = fs::canonical(entry.path(), error);
  if (error || !IsInside(root, target) || !fs::is_regular_file(target, error)) {
    spdlog::warn("web root: {} leads out of {} or to no file; left out", entry.path().string(),
                 root.string());
    return std::nullopt;
  }
  return target;
}

Response NotFound() {
  return ErrorResponse(Error{ErrorCode::kNotFound, Message{"core.http.file_not_found"}, {}, {}});
}

bool IsPathCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

bool IsApiPath(std::string_view path) {
  return path == "/healthz" || path == "/api" || path.starts_with("/api/") ||
         path.starts_with("/feeds/") || path.starts_with("/openrosa/");
}

bool IsCleanPagePath(std::string_view path) {
  if (!path.starts_with('/')) return false;
  path.remove_prefix(1);
  if (path.empty()) return true;
  if (path.ends_with('/')) path.remove_suffix(1);  // "/collectifs/3/" is the same page
  std::size_t start = 0;
  while (true) {
    const auto end = path.find('/', start);
    const std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment.front() == '.') return false;
    for (const char c : segment) {
      if (!IsPathCharacter(c)) return false;
    }
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

Result<StaticSite> StaticSite::Load(const fs::path& root_setting,
                                    const std::vector<fs::path>& protected_paths,
                                    StaticSiteLimits limits) {
  std::error_code error;
  const fs::path root = fs::canonical(root_setting, error);
  if (error || !fs::is_directory(root, error)) {
    return std::unexpected(
        WebRootError(fmt::format("the web root {} is not a folder", root_setting.string())));
  }
  for (const fs::path& guarded : protected_paths) {
    const fs::path resolved = fs::weakly_canonical(fs::absolute(guarded), error);
    if (!error && IsInside(root, resolved)) {
      return std::unexpected(WebRootError(fmt::format(
          "the database {} lies inside the web root {}: the server would publish it; keep the "
          "database out of the folder of the built pages",
          guarded.string(), root.string())));
    }
  }
  auto files = std::make_shared<Files>();
  std::size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(root, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::path relative = it->path().lexically_relative(root);
    if (IsHidden(relative)) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    const auto target = ListedTarget(*it, root);
    if (!target) continue;
    const std::string key = relative.generic_string();
    if (!IsCleanPagePath("/" + key)) {
      spdlog::warn("web root: {} has a name the server does not serve; left out", key);
      continue;
    }
    if (files->size() >= limits.max_files) {
      return std::unexpected(WebRootError(fmt::format("the web root {} holds more than {} files",
                                                      root.string(), limits.max_files)));
    }
    std::string content = ENSEMBLE_TRY(ReadListedFile(*target, limits.max_file_bytes));
    total += content.size();
    if (total > limits.max_total_bytes) {
      return std::unexpected(WebRootError(fmt::format("the web root {} holds more than {} bytes",
                                                      root.string(), limits.max_total_bytes)));
    }
    const bool hashed = key.starts_with("assets/");
    files->emplace(key, File{std::move(content), std::string(ContentTypeFor(key)),
                             hashed ? "public, max-age=31536000, immutable" : "no-cache"});
  }
  if (error) {
    return std::unexpected(
        WebRootError(fmt::format("cannot list {}: {}", root.string(), error.message())));
  }
  return StaticSite(std::move(files), total);
}

Response StaticSite::Answer(const File& file) const {
  Response response;
  response.status = 200;
  response.body = file.content;
  response.SetHeader("Content-Type", file.content_type);
  response.SetHeader("Cache-Control", file.cache_control);
  return response;
}

Response StaticSite::Serve(std::string_view path) const {
  if (!IsCleanPagePath(path)) return NotFound();
  std::string_view key = path.substr(1);
  if (key.empty() || key.ends_with('/')) key = kIndex;
  if (const auto found = files_->find(std::string(key)); found != files_->end()) {
    return Answer(found->second);
  }
  // A missing file with an extension is a broken link; anything else is a page route.
  if (key.find('.') != std::string_view::npos) return NotFound();
  if (const auto index = files_->find(std::string(kIndex)); index != files_->end()) {
    return Answer(index->second);
  }
  return NotFound();
}

}  // namespace ensemble::http
