// « Mot de passe oublié » as pure decisions: how often a reset link may be asked for, and whether
// a token presented with an address may change that person's password. The limits count the
// requests for an address whether or not it has an account, so that neither the answer nor its
// limit says which addresses do.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/clock.h"
#include "domain/tenancy/types.h"

namespace ensemble::tenancy {

struct PasswordResetLimits {
  UnixMillis window = 60LL * 60 * 1000;    // requests are counted over this window
  std::int64_t requests_per_email = 3;     // links asked for one address
  std::int64_t requests_per_client = 30;   // requests and refused tokens from one client address
  UnixMillis validity = 30LL * 60 * 1000;  // a link's lifetime
};

// What the database counted within the window, for one request or one use of a token.
struct PasswordResetCounts {
  std::int64_t for_email = 0;
  UnixMillis oldest_for_email = 0;
  std::int64_t from_client = 0;
  UnixMillis oldest_from_client = 0;
};

// The instant from which the request at `now` may be made, or nullopt when it may go ahead.
// `counts_email` is false for the use of a token, which only the client's budget limits.
std::optional<UnixMillis> PasswordResetMustWait(const PasswordResetLimits& limits,
                                                const PasswordResetCounts& counts, UnixMillis now,
                                                bool counts_email);

// A stored request, as the use of its token sees it.
struct PasswordResetToken {
  std::int64_t id = 0;
  PersonId person_id = 0;
  UnixMillis expires_at = 0;
  std::optional<UnixMillis> used_at;
};

// Why a token is refused; the code goes in the audit line of the refusal, never in the answer,
// which is the same for all (the person only needs to ask for a new link).
enum class ResetRefusal { kUnknown, kUsed, kExpired, kOtherPerson };
std::string_view ToString(ResetRefusal refusal);

// Refuses a token that is unknown, used, expired, or that belongs to another person than the
// one whose address was given (`person_of_email`, nullopt for an address with no account).
std::optional<ResetRefusal> WhyRefused(const std::optional<PasswordResetToken>& token,
                                       std::optional<PersonId> person_of_email, UnixMillis now);

}  // namespace ensemble::tenancy
