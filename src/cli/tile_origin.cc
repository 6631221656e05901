#include "cli/tile_origin.h"

#include <algorithm>

namespace ensemble::cli {
namespace {

Error NotATemplate() {
  return Error{
      ErrorCode::kInvalidArgument,
      Message{"core.cli.map_tiles_template", {{"example", std::string(kTileTemplateExample)}}},
      "map_tiles",
      {}};
}

Error NotAPlainHost() {
  return Error{ErrorCode::kInvalidArgument, Message{"core.cli.map_tiles_host"}, "map_tiles", {}};
}

// What a policy directive cannot hold: it would end the source or add one.
bool BreaksThePolicy(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte <= 0x20 || byte >= 0x7f || c == ';' || c == ',' || c == '\'' || c == '"' ||
         c == '\\' || c == '<' || c == '>';
}

bool PlainHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

// "name.example", "name.example:8080", "{s}.name.example": the host as the policy names it.
Result<std::string> PolicyHost(std::string_view authority) {
  std::string_view host = authority;
  std::string_view port;
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::ranges::all_of(port, [](char c) { return c >= '0' && c <= '9'; })) {
      return std::unexpected(NotAPlainHost());
    }
  }
  std::string prefix;
  if (host.starts_with("{s}.")) {
    prefix = "*.";
    host.remove_prefix(4);
  }
  const bool plain = !host.empty() && host.front() != '.' && host.front() != '-' &&
                     host.back() != '.' && std::ranges::all_of(host, PlainHostChar) &&
                     host.find("..") == std::string_view::npos;
  if (!plain) return std::unexpected(NotAPlainHost());
  return prefix + std::string(host) + (port.empty() ? "" : ":" + std::string(port));
}

}  // namespace

Result<std::string> TileOrigin(std::string_view tiles) {
  if (tiles.empty()) return std::string();
  std::string_view scheme;
  if (tiles.starts_with("https://")) {
    scheme = "https://";
  } else if (tiles.starts_with("http://")) {
    scheme = "http://";
  } else {
    return std::unexpected(NotATemplate());
  }
  const std::string_view rest = tiles.substr(scheme.size());
  const auto path_start = rest.find('/');
  if (path_start == std::string_view::npos) return std::unexpected(NotATemplate());
  const std::string_view path = rest.substr(path_start);
  for (const std::string_view variable : {"{z}", "{x}", "{y}"}) {
    if (path.find(variable) == std::string_view::npos) return std::unexpected(NotATemplate());
  }
  if (std::ranges::any_of(tiles, BreaksThePolicy)) return std::unexpected(NotATemplate());
  const std::string host = ENSEMBLE_TRY(PolicyHost(rest.substr(0, path_start)));
  return std::string(scheme) + host;
}

}  // namespace ensemble::cli
