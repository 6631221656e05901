#include "domain/tenancy/sign_in_limits.h"

#include <gtest/gtest.h>

namespace ensemble::tenancy {
namespace {

constexpr UnixMillis kNow = 1'000'000'000;

TEST(SignInLimits, DelaysGrowFromOneSecondToTheCap) {
  EXPECT_EQ(GrowingDelay(0, 60'000), 1'000);
  EXPECT_EQ(GrowingDelay(1, 60'000), 2'000);
  EXPECT_EQ(GrowingDelay(5, 60'000), 32'000);
  EXPECT_EQ(GrowingDelay(6, 60'000), 60'000);
  EXPECT_EQ(GrowingDelay(1'000, 60'000), 60'000);  // no overflow
}

TEST(SignInLimits, APairGetsItsFreeFailuresThenWaitsLongerEachTime) {
  const SignInLimits limits;
  SignInCounts counts;
  counts.pair_failures = 4;
  counts.pair_last_failure = kNow;
  EXPECT_FALSE(SignInMustWait(limits, counts, kNow));
  counts.pair_failures = 5;
  auto wait = SignInMustWait(limits, counts, kNow);
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->limit, SignInLimit::kPair);
  EXPECT_EQ(wait->until, kNow + 1'000);
  EXPECT_FALSE(SignInMustWait(limits, counts, kNow + 1'000));  // after the wait: one more try
  counts.pair_failures = 8;
  EXPECT_EQ(SignInMustWait(limits, counts, kNow)->until, kNow + 8'000);
  counts.pair_failures = 40;
  EXPECT_EQ(SignInMustWait(limits, counts, kNow)->until, kNow + limits.max_pair_delay);
}

// An attacker who knows a person's e-mail fails from everywhere: the account slows down to one
// attempt every 30 s at worst, and not at all from the address the person signs in from.
TEST(SignInLimits, AnAccountsFailuresElsewhereSlowItDownButNeverLockIt) {
  const SignInLimits limits;
  SignInCounts counts;
  counts.account_failures = 10'000;
  counts.account_last_failure = kNow;
  const auto wait = SignInMustWait(limits, counts, kNow);
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->limit, SignInLimit::kAccount);
  EXPECT_EQ(wait->until, kNow + 30'000);
  counts.trusted_address = true;
  EXPECT_FALSE(SignInMustWait(limits, counts, kNow));
}

TEST(SignInLimits, AnAddressHasABudgetForAWholeCentre) {
  const SignInLimits limits;
  SignInCounts counts;
  counts.address_failures = 30 * 5 - 1;  // 30 people behind one address, 5 mistakes each
  counts.address_oldest_failure = kNow - 60'000;
  EXPECT_FALSE(SignInMustWait(limits, counts, kNow));
  counts.address_failures = 150;
  const auto wait = SignInMustWait(limits, counts, kNow);
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->limit, SignInLimit::kAddress);
  EXPECT_EQ(wait->until, kNow - 60'000 + limits.window);
}

TEST(SignInLimits, SuccessfulSignInsAreLimitedToo) {
  const SignInLimits limits;
  SignInCounts counts;
  counts.account_successes = 20;
  counts.account_oldest_success = kNow - 1'000;
  EXPECT_EQ(SignInMustWait(limits, counts, kNow)->limit, SignInLimit::kAccountSuccesses);
  counts.account_successes = 0;
  counts.address_successes = 300;
  counts.address_oldest_success = kNow - 1'000;
  EXPECT_EQ(SignInMustWait(limits, counts, kNow)->limit, SignInLimit::kAddressSuccesses);
}

TEST(SignInLimits, TheLongestWaitWins) {
  const SignInLimits limits;
  SignInCounts counts;
  counts.pair_failures = 5;  // 1 s
  counts.pair_last_failure = kNow;
  counts.address_failures = 150;  // until the oldest leaves the window
  counts.address_oldest_failure = kNow;
  EXPECT_EQ(SignInMustWait(limits, counts, kNow)->limit, SignInLimit::kAddress);
}

}  // namespace
}  // namespace ensemble::tenancy
