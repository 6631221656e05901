#include "app/staffing/loading.h"

#include <algorithm>

namespace ensemble::app::staffing_detail {

Result<std::optional<Loaded>> Load(storage::Transaction& tx, staffing::PositionId id) {
  auto position = ENSEMBLE_TRY(tx.Staffing().FindPosition(id));
  if (!position) return std::optional<Loaded>{};
  auto agreements = ENSEMBLE_TRY(tx.Staffing().AgreementsOf(id));
  return std::optional<Loaded>(Loaded{std::move(*position), std::move(agreements)});
}

access::Target TargetOf(const std::optional<Loaded>& loaded) {
  if (!loaded) {
    access::Target missing;
    missing.exists = false;
    return missing;
  }
  return staffing::PositionTarget(loaded->position, loaded->agreements);
}

Result<staffing::Agreement*> AgreementIn(Loaded& loaded, staffing::AgreementId id) {
  for (staffing::Agreement& agreement : loaded.agreements) {
    if (agreement.id == id) return &agreement;
  }
  return std::unexpected(access::NotFound(staffing::SpecOf(staffing::Action::kReadPosition)));
}

std::unexpected<Error> Conflict(std::string_view message) {
  return Fail(ErrorCode::kConflict, Message{std::string(message)});
}

Result<std::map<staffing::StructureId, tenancy::Structure>> PartiesOf(
    storage::Transaction& tx, const staffing::Agreement& agreement) {
  std::map<staffing::StructureId, tenancy::Structure> parties;
  for (const staffing::AgreementShare& share : agreement.shares) {
    if (auto structure = ENSEMBLE_TRY(tx.Tenancy().FindStructure(share.structure))) {
      parties.emplace(share.structure, std::move(*structure));
    }
  }
  return parties;
}

staffing::Date FirstDay(std::chrono::year_month month) { return month / std::chrono::day{1}; }

staffing::Date LastDay(std::chrono::year_month month) {
  return staffing::Date{month / std::chrono::last};
}

// A refusal whose message names a month.
std::unexpected<Error> ConflictOnMonth(std::string_view message, std::chrono::year_month month) {
  return Fail(ErrorCode::kConflict,
              Message{std::string(message), {{"month", staffing::IsoMonth(month)}}});
}

bool SignedByAll(const staffing::Agreement& agreement) {
  const auto parties = agreement.Parties();
  return std::all_of(parties.begin(), parties.end(), [&](staffing::StructureId party) {
    return agreement.SignatureOf(party) != nullptr;
  });
}

// A cost that cannot be computed is a state to fix, not a missing record: 409 with the same words.
Error AsConflict(Error error) {
  if (error.code == ErrorCode::kNotFound) error.code = ErrorCode::kConflict;
  return error;
}

Result<PreparedMonth> PrepareMonth(storage::Transaction& tx, const staffing::Position& position,
                                   const staffing::Agreement& agreement,
                                   std::chrono::year_month month) {
  auto store = tx.Staffing();
  const auto payroll = ENSEMBLE_TRY(store.PayrollOf(position.id, month));
  const auto salaries = ENSEMBLE_TRY(store.SalaryHistory(position.id));
  const auto rates = ENSEMBLE_TRY(store.CarrierRatesOf(position.carrier));
  auto cost = staffing::CostOfMonth(month, payroll ? &*payroll : nullptr, salaries, rates);
  if (!cost) return std::unexpected(AsConflict(cost.error()));
  const auto days = ENSEMBLE_TRY(store.DaysOf(position.id, FirstDay(month), LastDay(month)));
  const auto distances = ENSEMBLE_TRY(store.SiteDistancesOf(position.carrier));
  // The rate per kilometre in force on the month's last day prices the month's trips.
  std::int64_t km_rate = 0;
  for (const staffing::CarrierRates& rate : rates) {
    if (rate.effective_from <= LastDay(month)) km_rate = rate.km_rate_millieuros;
  }
  const auto trips = ENSEMBLE_TRY(staffing::TripsOf(days, distances, km_rate));
  PreparedMonth prepared;
  prepared.allocation = ENSEMBLE_TRY(staffing::AllocateMonth(agreement, month, *cost, days, trips));
  // The holidays of the carrier's place: Alsace-Moselle has two more.
  const auto carrier = ENSEMBLE_TRY(tx.Tenancy().FindStructure(position.carrier));
  const auto zone = staffing::ZoneOfCommune(carrier ? carrier->commune_insee : std::string());
  prepared.unrecorded = staffing::UnrecordedDays(position, agreement, month, days, zone);
  return prepared;
}

// What the statements it corrects billed before VAT: its own amount and its ancestors'.
Result<staffing::Cents> BilledByChain(storage::Transaction& tx, const staffing::Statement& latest) {
  staffing::Cents billed = latest.amount;
  std::optional<staffing::StatementId> next = latest.corrects;
  for (int depth = 0; next && depth < 1000; ++depth) {
    const auto earlier = ENSEMBLE_TRY(tx.Staffing().FindStatement(*next));
    if (!earlier) break;
    billed += earlier->amount;
    next = earlier->corrects;
  }
  return billed;
}

// The checks a month passes before it is billed (first statements and corrections alike).
Status CheckBillable(const staffing::Agreement& agreement, std::chrono::year_month month,
                     staffing::Date today, const PreparedMonth& prepared) {
  if (!SignedByAll(agreement)) return Conflict("staffing.statement.agreement_unsigned");
  if (!(LastDay(month) < today)) return ConflictOnMonth("staffing.statement.month_not_over", month);
  if (!prepared.unrecorded.empty()) {
    return Fail(ErrorCode::kConflict,
                Message{"staffing.statement.days_unrecorded",
                        {{"count", static_cast<std::int64_t>(prepared.unrecorded.size())},
                         {"first", staffing::IsoDate(prepared.unrecorded.front())}}},
                "month");
  }
  return Ok();
}

access::Target OwnStructure(const access::Actor& actor) {
  access::Target target;
  target.owner = actor.acting_structure_id;
  return target;
}

}  // namespace ensemble::app::staffing_detail
