// Structures: the directory, profiles, staff lists and the audit log of a structure.
#include <fmt/format.h>

#include "app/tenancy/tenancy_use_cases.h"
#include "domain/tenancy/validation.h"

namespace ensemble::app {
namespace {

using storage::TransactionMode;
using tenancy::Action;
using tenancy::Target;

// The facts about structure `id` that decisions on it need: whether it exists, and that it
// owns itself.
Result<Target> StructureTarget(storage::Transaction& db, StructureId id) {
  Target target;
  target.exists = ENSEMBLE_TRY(db.Tenancy().FindStructure(id)).has_value();
  target.owner = id;
  return target;
}

// The schema's UNIQUE on structures.siret, named alike by both backends (core/error.h); any other
// unique value taken is not the SIRET's to answer for.
bool IsSiretTaken(const Error& error) {
  return error.storage.kind == StorageFailure::kUniqueViolation &&
         error.storage.constraint == "structures.siret";
}

audit::AuditValue ValueOf(const std::optional<std::string>& text) {
  if (!text) return std::monostate{};
  return *text;
}

// The before and after of every field of the profile that a PATCH changed.
std::vector<audit::AuditChange> ChangesOf(const tenancy::Structure& before,
                                          const tenancy::Structure& after) {
  std::vector<audit::AuditChange> changes;
  const auto text = [&](const char* field, const std::string& old_value,
                        const std::string& new_value) {
    if (old_value != new_value) changes.push_back({field, old_value, new_value});
  };
  text("name", before.name, after.name);
  if (before.siret != after.siret) {
    changes.push_back({"siret", ValueOf(before.siret), ValueOf(after.siret)});
  }
  text("address", before.address, after.address);
  text("commune_insee", before.commune_insee, after.commune_insee);
  text("territory", before.territory, after.territory);
  return changes;
}

}  // namespace

Result<StructureDetail> TenancyUseCases::LoadStructureDetail(storage::Transaction& db,
                                                             const Actor& actor, StructureId id) {
  auto structure = ENSEMBLE_TRY(db.Tenancy().FindStructure(id));
  if (!structure) return std::unexpected(tenancy::NotFound(tenancy::TargetKind::kStructure));
  StructureDetail detail;
  detail.structure = *structure;
  if (structure->managed_by) {
    auto manager = ENSEMBLE_TRY(db.Tenancy().FindStructure(*structure->managed_by));
    if (manager) detail.managed_by = tenancy::NamedRef{manager->id, manager->name};
  }
  detail.manages = ENSEMBLE_TRY(db.Tenancy().StructuresManagedBy(id));
  for (const auto& collective : ENSEMBLE_TRY(db.Tenancy().CollectivesOf(id))) {
    detail.collectives.push_back({collective.id, collective.name});
  }
  access::Target target;
  target.owner = id;
  detail.actions = tenancy::AllowedActions(
      actor,
      {Action::kUpdateStructure, Action::kReadStructureStaff, Action::kReadAuditLog,
       Action::kListPersonnelFiles, Action::kCreatePersonnelFile, Action::kManageCalendarFeed},
      target);
  return detail;
}

Result<Page<tenancy::DirectoryEntry>> TenancyUseCases::ListStructures(
    const Actor& actor, const tenancy::StructureFilter& filter, PageRequest page) {
  return Decided(
      TransactionMode::kRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<Page<tenancy::DirectoryEntry>> {
        ENSEMBLE_TRY_STATUS(gate.Check(Action::kReadStructureProfile, {}, ""));
        return tx.Tenancy().ListStructures(filter, page);
      });
}

Result<StructureDetail> TenancyUseCases::GetStructure(const Actor& actor, StructureId id) {
  return Decided(
      TransactionMode::kRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<StructureDetail> {
        ENSEMBLE_TRY_STATUS(gate.Check(Action::kReadStructureProfile,
                                       ENSEMBLE_TRY(StructureTarget(tx, id)), std::to_string(id)));
        return LoadStructureDetail(tx, actor, id);
      });
}

Result<StructureDetail> TenancyUseCases::CreateStructure(const Actor& actor,
                                                         tenancy::Structure structure) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<StructureDetail> {
        ENSEMBLE_TRY_STATUS(gate.Check(Action::kCreateStructure, {}, ""));
        structure = ENSEMBLE_TRY(tenancy::CheckStructure(std::move(structure)));
        if (structure.managed_by &&
            !ENSEMBLE_TRY(tx.Tenancy().FindStructure(*structure.managed_by))) {
          return Fail(ErrorCode::kInvalidArgument, "tenancy.structure.manager_not_found",
                      "managed_by");
        }
        auto inserted = tx.Tenancy().InsertStructure(structure, clock_.Now());
        if (!inserted && IsSiretTaken(inserted.error())) {
          return Fail(ErrorCode::kAlreadyExists, "tenancy.structure.siret_taken", "siret");
        }
        const StructureId id = ENSEMBLE_TRY(std::move(inserted));
        ENSEMBLE_TRY_STATUS(Audit(tx, actor, id, "create", "structure", std::to_string(id)));
        return LoadStructureDetail(tx, actor, id);
      });
}

Result<StructureDetail> TenancyUseCases::UpdateStructure(const Actor& actor, StructureId id,
                                                         const StructurePatch& patch) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<StructureDetail> {
        auto stored = ENSEMBLE_TRY(tx.Tenancy().FindStructure(id));
        Target target;
        target.exists = stored.has_value();
        target.owner = id;
        ENSEMBLE_TRY_STATUS(gate.Check(Action::kUpdateStructure, target, std::to_string(id)));
        tenancy::Structure changed = *stored;
        if (patch.name) changed.name = *patch.name;
        if (patch.siret) changed.siret = *patch.siret;
        if (patch.address) changed.address = *patch.address;
        if (patch.commune_insee) changed.commune_insee = *patch.commune_insee;
        if (patch.territory) changed.territory = *patch.territory;
        changed = ENSEMBLE_TRY(tenancy::CheckStructure(std::move(changed)));
        auto updated = tx.Tenancy().UpdateStructure(changed, clock_.Now());
        if (!updated && IsSiretTaken(updated.error())) {
          return Fail(ErrorCode::kAlreadyExists, "tenancy.structure.siret_taken", "siret");
        }
        ENSEMBLE_TRY(std::move(updated));
        ENSEMBLE_TRY_STATUS(Audit(tx, actor, id, "update", "structure", std::to_string(id),
                                  {.changes = ChangesOf(*stored, changed)}));
        return LoadStructureDetail(tx, actor, id);
      });
}

Result<std::vector<tenancy::StaffMember>> TenancyUseCases::ListStaff(const Actor& actor,
                                                                     StructureId id) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<tenancy::StaffMember>> {
        ENSEMBLE_TRY_STATUS(gate.Check(Action::kReadStructureStaff,
                                       ENSEMBLE_TRY(StructureTarget(tx, id)), std::to_string(id)));
        auto staff = ENSEMBLE_TRY(tx.Tenancy().StaffOf(id));
        ENSEMBLE_TRY_STATUS(
            Audit(tx, actor, id, "read", "staff", std::to_string(id),
                  {.params = {{"count", static_cast<std::int64_t>(staff.size())}}}));
        return staff;
      });
}

Result<Page<audit::AuditEntry>> TenancyUseCases::ReadAuditLog(const Actor& actor,
                                                              audit::AuditFilter filter,
                                                              PageRequest page) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<Page<audit::AuditEntry>> {
        ENSEMBLE_TRY_STATUS(gate.Check(Action::kReadAuditLog,
                                       ENSEMBLE_TRY(StructureTarget(tx, filter.owner)),
                                       std::to_string(filter.owner)));
        auto entries = ENSEMBLE_TRY(tx.Audit().ListAudit(filter, page));
        // Reading the log shows who did what: that read is itself logged, after the listing so the
        // page shows the log as it was.
        ENSEMBLE_TRY_STATUS(Audit(tx, actor, filter.owner, "read", "audit_log",
                                  std::to_string(filter.owner), {.params = FilterParams(filter)}));
        return entries;
      });
}

}  // namespace ensemble::app
