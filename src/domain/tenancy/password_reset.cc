#include "domain/tenancy/password_reset.h"

#include <algorithm>

namespace ensemble::tenancy {

std::optional<UnixMillis> PasswordResetMustWait(const PasswordResetLimits& limits,
                                                const PasswordResetCounts& counts, UnixMillis now,
                                                bool counts_email) {
  std::optional<UnixMillis> until;
  auto wait_for = [&](UnixMillis oldest) {
    const UnixMillis free_at = oldest + limits.window;
    if (free_at > now) until = std::max(until.value_or(0), free_at);
  };
  if (counts_email && counts.for_email >= limits.requests_per_email)
    wait_for(counts.oldest_for_email);
  if (counts.from_client >= limits.requests_per_client) wait_for(counts.oldest_from_client);
  return until;
}

std::string_view ToString(ResetRefusal refusal) {
  switch (refusal) {
    case ResetRefusal::kUnknown:
      return "unknown";
    case ResetRefusal::kUsed:
      return "used";
    case ResetRefusal::kExpired:
      return "expired";
    case ResetRefusal::kOtherPerson:
      return "other_person";
  }
  return "unknown";
}

std::optional<ResetRefusal> WhyRefused(const std::optional<PasswordResetToken>& token,
                                       std::optional<PersonId> person_of_email, UnixMillis now) {
  if (!token) return ResetRefusal::kUnknown;
  if (!person_of_email || *person_of_email != token->person_id) return ResetRefusal::kOtherPerson;
  if (token->used_at) return ResetRefusal::kUsed;
  if (now >= token->expires_at) return ResetRefusal::kExpired;
  return std::nullopt;
}

}  // namespace ensemble::tenancy
