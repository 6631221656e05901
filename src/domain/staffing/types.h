// The records of shared positions (issue 11): a position held by one person and the agreements
// under which a structure lends that person's time to others.
//
// Two cases, one model:
//  - staff lending (mise à disposition, Code du travail L8241-1 and L8241-2): one carrier employs
//    the person and pays the salary; an agreement with the structures she works for sets the
//    period, the agreed shares of her time and how each of them is billed, at cost;
//  - a multi-employer post: the person holds one contract with each employer, each pays its own
//    and nobody is re-invoiced; there is no agreement, only the employments.
//
// Shares are basis points (10000 = 100 %), durations minutes, money integer cents: the rules of
// allocation.h never meet a float.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/tenancy/types.h"

namespace ensemble::staffing {

using tenancy::PersonId;
using tenancy::StructureId;
using Date = std::chrono::year_month_day;
using PositionId = std::int64_t;
using AgreementId = std::int64_t;

inline constexpr int kWholeShare = 10000;  // basis points in 100 %

enum class PositionKind {
  kLending,        // one carrier employs her and lends her time under an agreement
  kMultiEmployer,  // one contract per employer, no re-invoicing
};

// Monday is bit 0, Sunday bit 6.
using WeekdayMask = std::uint8_t;
inline constexpr WeekdayMask kMondayToFriday = 0b0011111;

// One employment contract of the position's person.
struct Employment {
  StructureId employer = 0;
  int weekly_minutes = 0;  // contract hours per week, in minutes

  bool operator==(const Employment&) const = default;
};

struct Position {
  PositionId id = 0;
  std::string title;  // « Chargé de transition numérique »
  PositionKind kind = PositionKind::kLending;
  StructureId carrier = 0;  // lending: the employer; multi-employer: the one who created it
  PersonId person_id = 0;
  std::string person_name;    // as the agreement's document names her
  std::string qualification;  // the employee's qualification, required in the agreement
  std::string tasks;          // the tasks she carries out for the other structures
  WeekdayMask working_days = kMondayToFriday;
  // Lending: one employment, the carrier's. Multi-employer: one per employer, two at least.
  std::vector<Employment> employments;

  int WeeklyMinutes() const;
  std::vector<StructureId> Employers() const;
};

// How the structures the person is lent to are billed. Always at cost (L8241-1): salary,
// contributions and professional expenses, less the subsidies for the post; never a margin.
enum class BillingPeriod { kMonthly, kQuarterly };

// Who pays the travel between sites.
enum class TravelPaidBy {
  kVisitedStructure,  // the structure visited is billed the trip
  kCarrier,           // the carrier keeps it
};

struct AgreementShare {
  StructureId structure = 0;
  int share_bp = 0;

  bool operator==(const AgreementShare&) const = default;
};

// A signature of the agreement's document for one party: who signed, as what, when, and the
// SHA-256 (lower-case hex) of the exact PDF she signed.
struct Signature {
  StructureId structure = 0;
  std::string signer_name;
  std::string signer_role;
  Date signed_on{};
  std::string document_sha256;
  PersonId recorded_by = 0;

  bool operator==(const Signature&) const = default;
};

enum class AgreementState {
  kDraft,            // nobody has signed; its terms may change
  kPartiallySigned,  // some parties signed; the terms are frozen
  kInForce,          // every party signed
  kEnded,            // ended early, or its period is over
};

struct Agreement {
  AgreementId id = 0;
  PositionId position_id = 0;
  StructureId carrier = 0;  // the lending structure, one of the shares' structures
  Date starts_on{};
  Date ends_on{};  // inclusive
  std::vector<AgreementShare> shares;
  BillingPeriod billing = BillingPeriod::kMonthly;
  TravelPaidBy travel = TravelPaidBy::kVisitedStructure;
  std::vector<Signature> signatures;
  std::optional<Date> ended_on;  // ended early by the carrier
  Date drafted_on{};             // when the terms were last set: the document's date
  int version = 1;               // optimistic concurrency: a change names the version it read

  std::vector<StructureId> Parties() const;
  const Signature* SignatureOf(StructureId structure) const;
  AgreementState StateOn(Date today) const;
};

std::string_view ToString(PositionKind kind);
std::string_view ToString(BillingPeriod period);
std::string_view ToString(TravelPaidBy paid_by);
std::string_view ToString(AgreementState state);
std::optional<PositionKind> PositionKindFrom(std::string_view text);
std::optional<BillingPeriod> BillingPeriodFrom(std::string_view text);
std::optional<TravelPaidBy> TravelPaidByFrom(std::string_view text);

// '2026-01-31' and back; nullopt for text that is no such date (2026-02-30, 2026-1-31).
std::string IsoDate(Date date);
std::optional<Date> ParseIsoDate(std::string_view text);
// '2026-01' and back; nullopt for text that is no such month.
std::string IsoMonth(std::chrono::year_month month);
std::optional<std::chrono::year_month> ParseIsoMonth(std::string_view text);

}  // namespace ensemble::staffing
