// Input rules for shared positions and their agreements: each returns the cleaned record or the
// error naming the field at fault. The rules that need other records (an agreement overlapping
// another of the same position) take them as arguments; the use case reads them in the same
// transaction as the write.
#pragma once

#include <span>

#include "core/error.h"
#include "domain/staffing/types.h"

namespace ensemble::staffing {

inline constexpr std::size_t kMaxTitleChars = 200;
inline constexpr std::size_t kMaxTasksChars = 4000;
// Code du travail L3121-20: 48 hours in one week at most, so no contract or sum of contracts
// may promise more.
inline constexpr int kMaxWeeklyMinutes = 48 * 60;
// A lending agreement is between the carrier and one to nine other structures.
inline constexpr std::size_t kMaxAgreementParties = 10;

// Title, names and tasks cleaned (NFC, no control or invisible characters); contract hours in
// (0, 48 h] for each contract and in all; working days not empty; lending: exactly one
// employment, the carrier's; multi-employer: two or more distinct employers, the carrier among
// them.
Result<Position> CheckPosition(Position position);

// The terms of an agreement for `position`: a lending position only; the period ordered; the
// shares positive, on distinct structures, the carrier among them, summing to exactly 100 %
// (kInvalidArgument on "shares", saying the sum it found); two to kMaxAgreementParties parties.
Result<Agreement> CheckAgreementTerms(Agreement agreement, const Position& position);

// Two agreements of one position may not cover the same day: the person's hours would be
// promised twice. kConflict on "starts_on", naming the other agreement, unless the other
// ended before this one starts (ended_on).
Status CheckNoOverlap(const Agreement& agreement, std::span<const Agreement> others);

// Whether a party may sign: it is a party, has not signed yet, the agreement has not ended, and
// the document's SHA-256 is 64 lower-case hex digits.
Status CheckSignature(const Agreement& agreement, const Signature& signature, Date today);

}  // namespace ensemble::staffing
