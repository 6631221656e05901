#include "app/staffing/loading.h"

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

}  // namespace ensemble::app::staffing_detail
