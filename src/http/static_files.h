// The built web pages, served from a folder: content types, caching headers, and the page
// routes of the single-page app, which all answer index.html.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "http/message.h"

namespace ensemble::http {

// True for the paths that belong to the handler rather than to the files: /api/… and /healthz.
bool IsApiPath(std::string_view path);

// The answer for a GET or HEAD of `path` (already percent-decoded) under `root`. Files under
// /assets/ have content-hashed names and are cached for a year; index.html is revalidated.
// Paths that climb out of the root, or name a missing file with an extension, are 404.
Response ServeStaticFile(const std::filesystem::path& root, std::string_view path);

}  // namespace ensemble::http
