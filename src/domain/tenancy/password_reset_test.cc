#include "domain/tenancy/password_reset.h"

#include <gtest/gtest.h>

namespace ensemble::tenancy {
namespace {

constexpr UnixMillis kMinute = 60 * 1000;
constexpr UnixMillis kNow = 1'800'000'000'000;

TEST(PasswordResetLimits, ThreeLinksPerAddressThenWaitUntilTheOldestLeavesTheHour) {
  const PasswordResetLimits limits;
  PasswordResetCounts counts{.for_email = 2, .oldest_for_email = kNow - 10 * kMinute};
  EXPECT_FALSE(PasswordResetMustWait(limits, counts, kNow, true));
  counts.for_email = 3;
  EXPECT_EQ(PasswordResetMustWait(limits, counts, kNow, true), kNow + 50 * kMinute);
}

TEST(PasswordResetLimits, TheUseOfATokenIsLimitedByTheClientOnly) {
  const PasswordResetLimits limits;
  PasswordResetCounts counts{.for_email = 10, .oldest_for_email = kNow - kMinute};
  EXPECT_FALSE(PasswordResetMustWait(limits, counts, kNow, false));
  counts.from_client = 30;
  counts.oldest_from_client = kNow - 59 * kMinute;
  EXPECT_EQ(PasswordResetMustWait(limits, counts, kNow, false), kNow + kMinute);
}

TEST(PasswordResetLimits, TheLaterOfTwoWaitsWins) {
  const PasswordResetLimits limits;
  const PasswordResetCounts counts{.for_email = 3,
                                   .oldest_for_email = kNow - 50 * kMinute,
                                   .from_client = 30,
                                   .oldest_from_client = kNow - 20 * kMinute};
  EXPECT_EQ(PasswordResetMustWait(limits, counts, kNow, true), kNow + 40 * kMinute);
}

TEST(PasswordResetTokens, AFreshTokenOfThePersonWhoseAddressIsGivenIsAccepted) {
  const PasswordResetToken token{
      .id = 1, .person_id = 7, .expires_at = kNow + kMinute, .used_at = std::nullopt};
  EXPECT_EQ(WhyRefused(token, PersonId{7}, kNow), std::nullopt);
}

TEST(PasswordResetTokens, UnknownUsedExpiredOrAnotherPersonsTokensAreRefused) {
  const PasswordResetToken token{
      .id = 1, .person_id = 7, .expires_at = kNow + kMinute, .used_at = std::nullopt};
  EXPECT_EQ(WhyRefused(std::nullopt, PersonId{7}, kNow), ResetRefusal::kUnknown);
  EXPECT_EQ(WhyRefused(token, PersonId{8}, kNow), ResetRefusal::kOtherPerson);
  EXPECT_EQ(WhyRefused(token, std::nullopt, kNow), ResetRefusal::kOtherPerson);
  PasswordResetToken used = token;
  used.used_at = kNow - kMinute;
  EXPECT_EQ(WhyRefused(used, PersonId{7}, kNow), ResetRefusal::kUsed);
  EXPECT_EQ(WhyRefused(token, PersonId{7}, kNow + kMinute), ResetRefusal::kExpired);
  EXPECT_EQ(ToString(ResetRefusal::kOtherPerson), "other_person");
}

}  // namespace
}  // namespace ensemble::tenancy
