#include "cli/tile_origin.h"

#include <gtest/gtest.h>

namespace ensemble::cli {
namespace {

TEST(TileOrigin, NoTileServerAllowsNoOrigin) { EXPECT_EQ(TileOrigin("").value(), ""); }

TEST(TileOrigin, AnHttpsTemplateAllowsItsOrigin) {
  EXPECT_EQ(TileOrigin(kTileTemplateExample).value(), "https://tile.openstreetmap.org");
  EXPECT_EQ(TileOrigin("http://127.0.0.1:8081/tiles/{z}/{x}/{y}.png").value(),
            "http://127.0.0.1:8081");
}

TEST(TileOrigin, SubdomainsBecomeAWildcard) {
  EXPECT_EQ(TileOrigin("https://{s}.tile.example.org/{z}/{x}/{y}.png").value(),
            "https://*.tile.example.org");
}

void ExpectRefused(std::string_view tiles, std::string_view message_id) {
  const auto origin = TileOrigin(tiles);
  ASSERT_FALSE(origin.has_value()) << tiles << " gave " << *origin;
  EXPECT_EQ(origin.error().code, ErrorCode::kInvalidArgument) << tiles;
  EXPECT_EQ(origin.error().message.id, message_id) << tiles;
  EXPECT_EQ(origin.error().field, "map_tiles") << tiles;
}

TEST(TileOrigin, WhatIsNotAnHttpTemplateOfZXAndYIsRefused) {
  for (const char* tiles :
       {"ftp://tiles.example.org/{z}/{x}/{y}.png", "tiles.example.org/{z}/{x}/{y}.png",
        "https://tiles.example.org", "https://tiles.example.org/{z}/{x}.png",
        "https://tiles.example.org/{z}/{x}/{y}.png; script-src *",
        "https://tiles.example.org/{z}/{x}/{y}.png 'unsafe-inline'",
        "https://tiles.example.org/{z}/{x}/{y}.png,https://evil.example"}) {
    ExpectRefused(tiles, "core.cli.map_tiles_template");
  }
}

TEST(TileOrigin, AHostThatIsNotAPlainNameIsRefused) {
  for (const char* tiles :
       {"https:///{z}/{x}/{y}.png", "https://user:secret@tiles.example.org/{z}/{x}/{y}.png",
        "https://tiles.example.org:/{z}/{x}/{y}.png", "https://tiles.example.org:80a/{z}/{x}/{y}",
        "https://{z}.example.org/{z}/{x}/{y}.png", "https://*.example.org/{z}/{x}/{y}.png",
        "https://.example.org/{z}/{x}/{y}.png", "https://a..example.org/{z}/{x}/{y}.png",
        "https://[::1]/{z}/{x}/{y}.png"}) {
    ExpectRefused(tiles, "core.cli.map_tiles_host");
  }
}

}  // namespace
}  // namespace ensemble::cli
