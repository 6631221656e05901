// The limits on signing in, as a pure decision over what the database counted. They are made so
// that nobody can turn them against a person: failures slow down the pair (account, address)
// that makes them, with delays that grow; an account's failures from everywhere slow it down
// but never lock it, and not at all from an address it signed in from before; an address has a
// budget large enough for a whole centre behind one NAT address; successful sign-ins are
// limited too, so that one valid account cannot keep the password hashing busy.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/clock.h"

namespace ensemble::tenancy {

struct SignInLimits {
  UnixMillis window = 15LL * 60 * 1000;  // failures and successes are counted over this window
  // (account, address): so many failures are free, then each one doubles the wait before the
  // next attempt, from one second up to the cap.
  std::int64_t free_failures_per_pair = 5;
  UnixMillis max_pair_delay = 15LL * 60 * 1000;
  // The account, from addresses it never signed in from: a slowdown capped low, never a lock.
  std::int64_t free_failures_per_account = 20;
  UnixMillis max_account_delay = 30LL * 1000;
  // An address from which the account signed in within this time is not slowed by the
  // account's failures elsewhere.
  UnixMillis trusted_address_for = 30LL * 24 * 60 * 60 * 1000;
  // One address: 30 people behind one NAT address, five mistakes each.
  std::int64_t failures_per_address = 150;
  // Successful sign-ins: per account and per address.
  std::int64_t successes_per_account = 20;
  std::int64_t successes_per_address = 300;
};

// What the database counted for one attempt, within the window.
struct SignInCounts {
  std::int64_t pair_failures = 0;
  UnixMillis pair_last_failure = 0;
  std::int64_t account_failures = 0;  // from every address
  UnixMillis account_last_failure = 0;
  bool trusted_address = false;  // the account signed in from this address recently
  std::int64_t address_failures = 0;
  UnixMillis address_oldest_failure = 0;
  std::int64_t account_successes = 0;
  UnixMillis account_oldest_success = 0;
  std::int64_t address_successes = 0;
  UnixMillis address_oldest_success = 0;
};

enum class SignInLimit { kPair, kAccount, kAddress, kAccountSuccesses, kAddressSuccesses };
std::string_view ToString(SignInLimit limit);

struct SignInWait {
  SignInLimit limit;
  UnixMillis until = 0;  // the attempt may be made from this instant
};

// The wait the attempt at `now` must observe, or nullopt when it may go ahead.
std::optional<SignInWait> SignInMustWait(const SignInLimits& limits, const SignInCounts& counts,
                                         UnixMillis now);

}  // namespace ensemble::tenancy
