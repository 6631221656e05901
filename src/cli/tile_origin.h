// The maps' tile server, as `--map-tiles` gives it: a URL template checked before the server
// starts, and the origin the Content-Security-Policy's img-src then allows. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace ensemble::cli {

inline constexpr std::string_view kTileTemplateExample =
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

// "" for no tile server; else the template's origin ("https://tile.example.org", "{s}." as a
// first label becoming "*."). Refused (kInvalidArgument on "map_tiles") unless it is an http(s)
// URL with {z}, {x} and {y} whose host is a plain name (letters, digits, dots and hyphens, an
// optional port), with no user or password before it, and no character anywhere that could end
// the policy's directive (spaces, quotes, semicolons, commas, controls).
Result<std::string> TileOrigin(std::string_view tiles);

}  // namespace ensemble::cli
