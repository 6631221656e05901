#include "http/api/route_match.h"

#include <gtest/gtest.h>

namespace ensemble::http {
namespace {

TEST(RouteMatch, BindsWholeSegmentsToParameters) {
  const auto params = MatchRoute("/api/v1/structures/{id}/staff", "/api/v1/structures/3/staff");
  ASSERT_TRUE(params.has_value());
  EXPECT_EQ(params->Get("id"), "3");
  EXPECT_FALSE(MatchRoute("/api/v1/structures/{id}/staff", "/api/v1/structures/3").has_value());
}

TEST(RouteMatch, AParameterWithASuffixBindsTheSegmentWithoutIt) {
  const auto params = MatchRoute("/feeds/{token}.ics", "/feeds/abc-DEF_12.ics");
  ASSERT_TRUE(params.has_value());
  EXPECT_EQ(params->Get("token"), "abc-DEF_12");
  // A dot inside the token stays in it: the feed path parser refuses such tokens.
  EXPECT_EQ(MatchRoute("/feeds/{token}.ics", "/feeds/a.b.ics")->Get("token"), "a.b");
}

TEST(RouteMatch, AParameterWithASuffixNeedsTheSuffixAndOneCharacterBeforeIt) {
  EXPECT_FALSE(MatchRoute("/feeds/{token}.ics", "/feeds/.ics").has_value());
  EXPECT_FALSE(MatchRoute("/feeds/{token}.ics", "/feeds/abc").has_value());
  EXPECT_FALSE(MatchRoute("/feeds/{token}.ics", "/feeds/abc.ICS").has_value());
  EXPECT_FALSE(MatchRoute("/feeds/{token}.ics", "/feeds/abc.ics/x").has_value());
}

TEST(RouteMatch, BracesInASuffixMakeTheSegmentLiteral) {
  EXPECT_FALSE(MatchRoute("/a/{b}x{c", "/a/yx{c").has_value());
  EXPECT_TRUE(MatchRoute("/a/{b}x{c", "/a/{b}x{c").has_value());
}

}  // namespace
}  // namespace ensemble::http
