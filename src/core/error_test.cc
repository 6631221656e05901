#include "core/error.h"

#include <gtest/gtest.h>

namespace ensemble {
namespace {

Result<int> Half(int value) {
  if (value % 2 != 0) return Fail(ErrorCode::kInvalidArgument, "odd", "value");
  return value / 2;
}

Result<int> Quarter(int value) {
  const int half = ENSEMBLE_TRY(Half(value));
  return ENSEMBLE_TRY(Half(half));
}

TEST(Try, PropagatesTheFirstErrorUnchanged) {
  EXPECT_EQ(Quarter(8).value(), 2);
  const auto odd = Quarter(6);
  ASSERT_FALSE(odd.has_value());
  EXPECT_EQ(odd.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(odd.error().field, "value");
}

TEST(Error, ContextReadsFromOutermostToInnermost) {
  Error error{ErrorCode::kUnavailable, "down", {}, "reading row"};
  error = std::move(error).WithContext("loading structure 12");
  EXPECT_EQ(error.context, "loading structure 12: reading row");
  EXPECT_EQ(ToString(ErrorCode::kCsrfFailed), "csrf_failed");
}

}  // namespace
}  // namespace ensemble
