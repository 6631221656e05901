// What the staffing use cases load before they decide: a position with its agreements, the
// target the policy reads, and the parties' public cards. Shared by staffing_use_cases.cc,
// time_use_cases.cc and cost_use_cases.cc; not part of the module's interface.
#pragma once

#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "app/staffing/planner.h"
#include "core/error.h"
#include "domain/staffing/allocation.h"
#include "domain/staffing/plans.h"
#include "domain/staffing/policy.h"
#include "domain/staffing/statements.h"
#include "domain/staffing/types.h"
#include "storage/database.h"

namespace ensemble::app::staffing_detail {

// A position with its agreements, as one decision needs them.
struct Loaded {
  staffing::Position position;
  std::vector<staffing::Agreement> agreements;
};

Result<std::optional<Loaded>> Load(storage::Transaction& tx, staffing::PositionId id);

// The position's facts for the policy, or a missing record's (answered as a hidden one).
access::Target TargetOf(const std::optional<Loaded>& loaded);

// The position's agreement `id`, or the answer for a hidden position (an agreement's id tells no
// more than its position's).
Result<staffing::Agreement*> AgreementIn(Loaded& loaded, staffing::AgreementId id);

std::unexpected<Error> Conflict(std::string_view message);

// The acting structure's own settings, as a target.
access::Target OwnStructure(const access::Actor& actor);

// The public cards of the agreement's parties, for its documents.
Result<std::map<staffing::StructureId, tenancy::Structure>> PartiesOf(
    storage::Transaction& tx, const staffing::Agreement& agreement);

// A month's first and last days, and the month of a day.
staffing::Date FirstDay(std::chrono::year_month month);
staffing::Date LastDay(std::chrono::year_month month);

// A refusal (409) whose message names a month.
std::unexpected<Error> ConflictOnMonth(std::string_view message, std::chrono::year_month month);

bool SignedByAll(const staffing::Agreement& agreement);

// A cost that cannot be computed is a state to fix, not a missing record: 409 with the same words.
Error AsConflict(Error error);

// The month's allocation under `agreement`, with the working days still unrecorded.
struct PreparedMonth {
  staffing::Allocation allocation;
  std::vector<staffing::Date> unrecorded;
};

// The month's cost (payroll, else the estimate), its trips and its allocation, from what the
// transaction reaches (the carrier's: it reads every hour of a lent position).
Result<PreparedMonth> PrepareMonth(storage::Transaction& tx, const staffing::Position& position,
                                   const staffing::Agreement& agreement,
                                   std::chrono::year_month month);

// What a statement and those it corrects billed before VAT.
Result<staffing::Cents> BilledByChain(storage::Transaction& tx, const staffing::Statement& latest);

// The checks a month passes before it is billed, first statements and corrections alike: every
// party signed, the month over on `today`, every working day recorded.
Status CheckBillable(const staffing::Agreement& agreement, std::chrono::year_month month,
                     staffing::Date today, const PreparedMonth& prepared);

// Plans `run` (its position, period and requester set) at once in `tx`, as the job would: the
// demo's plans. Returns the run's id.
Result<staffing::PlanId> PlanInTransaction(storage::Transaction& tx, staffing::PlanRun run,
                                           UnixMillis now, PlanLimits limits);

}  // namespace ensemble::app::staffing_detail
