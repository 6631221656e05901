// The tile server's template (cli/tile_origin.h) on any text. Beside not crashing: an accepted
// template yields an http(s) origin that the template starts with (up to a {s} wildcard), and that
// holds nothing that could end or add to the Content-Security-Policy's img-src.
#include <string>

#include "cli/tile_origin.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {

void FuzzTileOrigin(const std::uint8_t* data, std::size_t size) {
  const std::string tiles(reinterpret_cast<const char*>(data), size);
  const auto origin = cli::TileOrigin(tiles);
  if (!origin) {
    ENSEMBLE_FUZZ_CHECK(origin.error().field == "map_tiles");
    return;
  }
  if (tiles.empty()) {
    ENSEMBLE_FUZZ_CHECK(origin->empty());
    return;
  }
  ENSEMBLE_FUZZ_CHECK(origin->starts_with("https://") || origin->starts_with("http://"));
  // Letters, digits, '.', '-', ':', the scheme's "//" and a leading wildcard: nothing else.
  for (const char c : *origin) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' || c == '/' ||
                         c == '*';
    ENSEMBLE_FUZZ_CHECK(allowed);
  }
  std::string expected = *origin;
  if (const auto star = expected.find("*."); star != std::string::npos) {
    expected.replace(star, 1, "{s}");
  }
  ENSEMBLE_FUZZ_CHECK(tiles.starts_with(expected));
  ENSEMBLE_FUZZ_CHECK(tiles.size() > expected.size() && tiles[expected.size()] == '/');
}

}  // namespace ensemble::fuzz
