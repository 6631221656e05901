#include "domain/staffing/statements.h"

#include <fmt/format.h>

namespace ensemble::staffing {

std::string_view ToString(VatTreatment treatment) {
  switch (treatment) {
    case VatTreatment::kFranchise293B:
      return "franchise_293b";
    case VatTreatment::kExempt261B:
      return "exempt_261b";
    case VatTreatment::kSubject:
      return "subject";
  }
  return "franchise_293b";
}

std::optional<VatTreatment> VatTreatmentFrom(std::string_view text) {
  for (const VatTreatment treatment :
       {VatTreatment::kFranchise293B, VatTreatment::kExempt261B, VatTreatment::kSubject}) {
    if (ToString(treatment) == text) return treatment;
  }
  return std::nullopt;
}

Status CheckVatSetting(const VatSetting& vat) {
  const bool subject = vat.treatment == VatTreatment::kSubject;
  const bool rate_fits =
      subject ? vat.rate_bp >= 1 && vat.rate_bp <= kWholeShare : vat.rate_bp == 0;
  if (!rate_fits) {
    return Fail(ErrorCode::kInvalidArgument,
                subject ? "staffing.vat.rate_required" : "staffing.vat.rate_without_vat",
                "rate_bp");
  }
  return Ok();
}

Cents VatOn(Cents amount, const VatSetting& vat) {
  if (vat.treatment != VatTreatment::kSubject) return 0;
  return MultiplyDivideRounded(amount, vat.rate_bp, kWholeShare);
}

Message VatMention(const VatSetting& vat) {
  Message mention{"staffing.vat." + std::string(ToString(vat.treatment))};
  // The rate as people write it: 20 %, 5,5 %: basis points as a number with two decimals.
  if (vat.treatment == VatTreatment::kSubject) {
    mention.params.push_back({"rate", static_cast<double>(vat.rate_bp) / 100.0});
  }
  return mention;
}

std::string StatementNumber(int year, int sequence) {
  return fmt::format("MAD-{:04}-{:04}", year, sequence);
}

Result<Statement> DraftStatement(const Allocation& allocation, const Agreement& agreement,
                                 StructureId billed, const VatSetting& vat,
                                 Cents previously_billed) {
  const StructureAllocation* part = allocation.Of(billed);
  if (part == nullptr || billed == agreement.carrier) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.statement.not_billed", "billed");
  }
  Statement statement;
  statement.carrier = agreement.carrier;
  statement.agreement_id = agreement.id;
  statement.position_id = agreement.position_id;
  statement.billed = billed;
  statement.month = allocation.month;
  statement.vat = vat;
  statement.cost = allocation.cost;
  statement.month_worked_minutes = allocation.worked_minutes;
  statement.month_absence_minutes = allocation.absence_minutes;
  for (const StructureAllocation& each : allocation.structures)
    statement.month_weight += each.weight;
  statement.time_recorded = allocation.time_recorded;
  statement.part = *part;
  const bool visited_pays = agreement.travel == TravelPaidBy::kVisitedStructure;
  for (const Trip& trip : allocation.trips) {
    if (visited_pays && trip.to == billed) statement.trips.push_back(trip);
  }
  statement.previously_billed = previously_billed;
  statement.amount = part->Due() - previously_billed;
  statement.vat_amount = VatOn(statement.amount, vat);
  statement.total = statement.amount + statement.vat_amount;
  return statement;
}

}  // namespace ensemble::staffing
