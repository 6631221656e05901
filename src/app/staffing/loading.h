// What the staffing use cases load before they decide: a position with its agreements, the
// target the policy reads, and the parties' public cards. Shared by staffing_use_cases.cc,
// time_use_cases.cc and cost_use_cases.cc; not part of the module's interface.
#pragma once

#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/staffing/policy.h"
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

// The public cards of the agreement's parties, for its documents.
Result<std::map<staffing::StructureId, tenancy::Structure>> PartiesOf(
    storage::Transaction& tx, const staffing::Agreement& agreement);

}  // namespace ensemble::app::staffing_detail
