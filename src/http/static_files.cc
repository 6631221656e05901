#include "http/static_files.h"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "http/error_mapping.h"

namespace ensemble::http {
namespace {

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

std::string_view ContentTypeFor(const std::filesystem::path& file) {
  const std::string extension = file.extension().string();
  for (const auto& [known, type] : kContentTypes) {
    if (extension == known) return type;
  }
  return "application/octet-stream";
}

// Refuses "..", empty and hidden segments, so a path can never leave the root.
bool IsSafeRelativePath(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = path.find('/', start);
    const auto segment = path.substr(start, end == std::string_view::npos ? end : end - start);
    if (!segment.empty() && (segment.front() == '.' || segment.find('\\') != segment.npos ||
                             segment.find('\0') != segment.npos)) {
      return false;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

std::optional<std::string> ReadWholeFile(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

Response FileResponse(const std::filesystem::path& file, std::string content,
                      std::string_view cache_control) {
  Response response;
  response.status = 200;
  response.body = std::move(content);
  response.SetHeader("Content-Type", std::string(ContentTypeFor(file)));
  response.SetHeader("Cache-Control", std::string(cache_control));
  return response;
}

Response NotFound() {
  return ErrorResponse(Error{ErrorCode::kNotFound, "fichier introuvable", {}, {}});
}

}  // namespace

bool IsApiPath(std::string_view path) {
  return path == "/healthz" || path == "/api" || path.starts_with("/api/");
}

Response ServeStaticFile(const std::filesystem::path& root, std::string_view path) {
  if (!path.starts_with('/') || !IsSafeRelativePath(path)) return NotFound();
  std::string_view relative = path.substr(1);
  if (relative.empty() || relative.ends_with('/')) relative = "index.html";
  const std::filesystem::path file = root / std::filesystem::path(relative);
  if (auto content = ReadWholeFile(file)) {
    const bool hashed = relative.starts_with("assets/");
    return FileResponse(file, std::move(*content),
                        hashed ? "public, max-age=31536000, immutable" : "no-cache");
  }
  // A missing file with an extension is a broken link; anything else is a page route.
  if (std::filesystem::path(relative).has_extension()) return NotFound();
  const std::filesystem::path index = root / "index.html";
  if (auto content = ReadWholeFile(index))
    return FileResponse(index, std::move(*content), "no-cache");
  return NotFound();
}

}  // namespace ensemble::http
