// Personnel files: confidential HR records, readable and writable only by the employer's
// director or HR/finance staff acting for that employer. Every read is audited.
#include <fmt/format.h>

#include "app/tenancy/tenancy_use_cases.h"
#include "domain/tenancy/validation.h"

namespace ensemble::app {
namespace {

using storage::TransactionMode;
using tenancy::Action;

// The facts of a decision on structure `id`'s personnel: whether it exists, and that it owns
// them.
Result<tenancy::Target> EmployerTarget(storage::Transaction& db, StructureId id) {
  tenancy::Target target;
  target.exists = ENSEMBLE_TRY(db.Tenancy().FindStructure(id)).has_value();
  target.owner = id;
  return target;
}

// The facts of a decision on one file: whether it exists, and its employer.
tenancy::Target FileTarget(const std::optional<tenancy::PersonnelFile>& file) {
  tenancy::Target target;
  target.exists = file.has_value();
  if (file) target.owner = file->structure_id;
  return target;
}

// The before and after of every field an edit changed. The notes are confidential (health,
// discipline, personal circumstances) and the log is read by more people than the file, and kept
// for a year: the line says that they changed, never what they said.
std::vector<audit::AuditChange> ChangesOf(const tenancy::PersonnelFile& before,
                                          const tenancy::PersonnelFile& after) {
  std::vector<audit::AuditChange> changes;
  const auto text = [&](const char* field, const std::string& old_value,
                        const std::string& new_value) {
    if (old_value != new_value) changes.push_back({field, old_value, new_value});
  };
  text("employee_name", before.employee_name, after.employee_name);
  text("job_title", before.job_title, after.job_title);
  text("contract", before.contract, after.contract);
  if (before.notes != after.notes) {
    changes.push_back({"notes", std::monostate{}, std::monostate{}, /*redacted=*/true});
  }
  return changes;
}

}  // namespace

Result<std::vector<tenancy::PersonnelFile>> TenancyUseCases::ListPersonnelFiles(
    const Actor& actor, StructureId structure) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<tenancy::PersonnelFile>> {
        ENSEMBLE_TRY_STATUS(gate.Check(Action::kListPersonnelFiles,
                                       ENSEMBLE_TRY(EmployerTarget(tx, structure)),
                                       std::to_string(structure)));
        auto files = ENSEMBLE_TRY(tx.Tenancy().PersonnelFilesOf(structure));
        ENSEMBLE_TRY_STATUS(
            Audit(tx, actor, structure, "read", "personnel_file", "*",
                  {.params = {{"count", static_cast<std::int64_t>(files.size())}}}));
        return files;
      });
}

Result<tenancy::PersonnelFile> TenancyUseCases::GetPersonnelFile(const Actor& actor,
                                                                 std::int64_t id) {
  return Decided(TransactionMode::kAuditedRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<tenancy::PersonnelFile> {
                   auto file = ENSEMBLE_TRY(tx.Tenancy().FindPersonnelFile(id));
                   ENSEMBLE_TRY_STATUS(gate.Check(Action::kReadPersonnelFile, FileTarget(file),
                                                  std::to_string(id)));
                   ENSEMBLE_TRY_STATUS(Audit(tx, actor, file->structure_id, "read",
                                             "personnel_file", std::to_string(id)));
                   return *file;
                 });
}

Result<tenancy::PersonnelFile> TenancyUseCases::CreatePersonnelFile(const Actor& actor,
                                                                    tenancy::PersonnelFile file) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<tenancy::PersonnelFile> {
        ENSEMBLE_TRY_STATUS(gate.Check(Action::kCreatePersonnelFile,
                                       ENSEMBLE_TRY(EmployerTarget(tx, file.structure_id)),
                                       std::to_string(file.structure_id)));
        file = ENSEMBLE_TRY(tenancy::CheckPersonnelFile(std::move(file)));
        const auto id = ENSEMBLE_TRY(tx.Tenancy().InsertPersonnelFile(file, clock_.Now()));
        ENSEMBLE_TRY_STATUS(
            Audit(tx, actor, file.structure_id, "create", "personnel_file", std::to_string(id)));
        auto stored = ENSEMBLE_TRY(tx.Tenancy().FindPersonnelFile(id));
        return *stored;
      });
}

Result<tenancy::PersonnelFile> TenancyUseCases::UpdatePersonnelFile(const Actor& actor,
                                                                    std::int64_t id,
                                                                    const PersonnelPatch& patch) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<tenancy::PersonnelFile> {
        auto stored = ENSEMBLE_TRY(tx.Tenancy().FindPersonnelFile(id));
        ENSEMBLE_TRY_STATUS(
            gate.Check(Action::kWritePersonnelFile, FileTarget(stored), std::to_string(id)));
        tenancy::PersonnelFile changed = *stored;
        if (patch.employee_name) changed.employee_name = *patch.employee_name;
        if (patch.job_title) changed.job_title = *patch.job_title;
        if (patch.contract) changed.contract = *patch.contract;
        if (patch.notes) changed.notes = *patch.notes;
        changed = ENSEMBLE_TRY(tenancy::CheckPersonnelFile(std::move(changed)));
        changed.version = patch.version;
        if (!ENSEMBLE_TRY(tx.Tenancy().UpdatePersonnelFile(changed, clock_.Now()))) {
          return Fail(ErrorCode::kConflict,
                      Message{"tenancy.personnel_file.stale",
                              {{"stored", stored->version}, {"yours", patch.version}}},
                      "version");
        }
        ENSEMBLE_TRY_STATUS(Audit(tx, actor, stored->structure_id, "update", "personnel_file",
                                  std::to_string(id), {.changes = ChangesOf(*stored, changed)}));
        return *ENSEMBLE_TRY(tx.Tenancy().FindPersonnelFile(id));
      });
}

}  // namespace ensemble::app
