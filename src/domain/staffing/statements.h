// The monthly statements of a lending agreement (issue 11, item 5): what the carrier bills each
// structure its employee worked for, at cost. One statement per billed structure and month, built
// from the month's allocation (allocation.h) and frozen when issued: an issued statement never
// changes; a correction is a new statement that names the one it corrects and bills the
// difference. Numbers run without gaps per carrier and year (MAD-2026-0001, MAD-2026-0002…); the
// store raises the counter in the issuing transaction. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/message.h"
#include "domain/staffing/allocation.h"

namespace ensemble::staffing {

using StatementId = std::int64_t;

// How the carrier treats VAT on what it re-invoices, stated on every statement. An association
// lending staff at cost is most often outside VAT's scope by the franchise of article 293 B of
// the Code général des impôts, or exempt as a grouping of means (article 261 B); a carrier
// subject to VAT states its rate.
enum class VatTreatment { kFranchise293B, kExempt261B, kSubject };
std::string_view ToString(VatTreatment treatment);
std::optional<VatTreatment> VatTreatmentFrom(std::string_view text);

struct VatSetting {
  VatTreatment treatment = VatTreatment::kFranchise293B;
  int rate_bp = 0;  // kSubject only: 2000 = 20 %

  bool operator==(const VatSetting&) const = default;
};

// kSubject: a rate of 1 to 10000 bp; otherwise 0. kInvalidArgument on "rate_bp".
Status CheckVatSetting(const VatSetting& vat);
// The VAT on `amount` (half away from zero): 0 unless kSubject.
Cents VatOn(Cents amount, const VatSetting& vat);
// The mention printed on the statement: staffing.vat.<treatment>.
Message VatMention(const VatSetting& vat);

// "MAD-2026-0007": the carrier's series of staff-lending statements (mise à disposition).
std::string StatementNumber(int year, int sequence);

// One issued statement: what the store keeps, frozen.
struct Statement {
  StatementId id = 0;
  StructureId carrier = 0;
  int year = 0;
  int sequence = 0;
  std::string number;
  AgreementId agreement_id = 0;
  PositionId position_id = 0;
  StructureId billed = 0;
  std::chrono::year_month month{};
  Date issued_on{};
  PersonId issued_by = 0;
  std::optional<StatementId> corrects;  // the statement this one corrects
  std::string corrects_number;
  VatSetting vat;

  // The carrier's month, and how the billed structure's part follows from it.
  MonthCost cost;
  int month_worked_minutes = 0;
  int month_absence_minutes = 0;
  std::int64_t month_weight = 0;
  bool time_recorded = false;
  StructureAllocation part;
  std::vector<Trip> trips;  // those billed to it

  Cents previously_billed = 0;  // by the statements this one corrects
  Cents amount = 0;             // part.Due() − previously_billed, before VAT
  Cents vat_amount = 0;
  Cents total = 0;  // amount + VAT

  bool operator==(const Statement&) const = default;
};

// The statement of `billed`'s part of `allocation` (not yet numbered). `previously_billed` is
// what the statements it corrects billed before VAT (0 for a first statement). kInvalidArgument on
// "billed" when it is the carrier (who bills nobody for its own part) or no party.
Result<Statement> DraftStatement(const Allocation& allocation, const Agreement& agreement,
                                 StructureId billed, const VatSetting& vat,
                                 Cents previously_billed);

}  // namespace ensemble::staffing
