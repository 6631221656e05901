#include "domain/tenancy/sign_in_limits.h"

#include <algorithm>

namespace ensemble::tenancy {

std::string_view ToString(SignInLimit limit) {
  switch (limit) {
    case SignInLimit::kPair:
      return "pair";
    case SignInLimit::kAccount:
      return "account";
    case SignInLimit::kAddress:
      return "address";
    case SignInLimit::kAccountSuccesses:
      return "account_successes";
    case SignInLimit::kAddressSuccesses:
      return "address_successes";
  }
  return "unknown";
}

std::optional<SignInWait> SignInMustWait(const SignInLimits& limits, const SignInCounts& counts,
                                         UnixMillis now) {
  std::optional<SignInWait> wait;
  // The longest of the waits that apply is the one to observe.
  auto consider = [&](SignInLimit limit, UnixMillis until) {
    if (until > now && (!wait || until > wait->until)) wait = SignInWait{limit, until};
  };
  if (counts.pair_failures >= limits.free_failures_per_pair) {
    consider(SignInLimit::kPair,
             counts.pair_last_failure +
                 GrowingDelay(counts.pair_failures - limits.free_failures_per_pair,
                              limits.max_pair_delay));
  }
  if (!counts.trusted_address && counts.account_failures >= limits.free_failures_per_account) {
    consider(SignInLimit::kAccount,
             counts.account_last_failure +
                 GrowingDelay(counts.account_failures - limits.free_failures_per_account,
                              limits.max_account_delay));
  }
  if (counts.address_failures >= limits.failures_per_address) {
    consider(SignInLimit::kAddress, counts.address_oldest_failure + limits.window);
  }
  if (counts.account_successes >= limits.successes_per_account) {
    consider(SignInLimit::kAccountSuccesses, counts.account_oldest_success + limits.window);
  }
  if (counts.address_successes >= limits.successes_per_address) {
    consider(SignInLimit::kAddressSuccesses, counts.address_oldest_success + limits.window);
  }
  return wait;
}

}  // namespace ensemble::tenancy
