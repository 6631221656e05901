// Personnel files: confidential HR records, readable and writable only by the employer's
// director or HR/finance staff acting for that employer. Every read is audited.
#include <fmt/format.h>

#include "app/app.h"
#include "domain/tenancy/validation.h"

namespace ensemble::app {
namespace {

using storage::TransactionMode;
using tenancy::Action;

Error NoSuchFile() { return Error{ErrorCode::kNotFound, "dossier introuvable", {}, {}}; }

tenancy::Target OwnedBy(StructureId owner) {
  tenancy::Target target;
  target.owner = owner;
  return target;
}

// The before and after of every field an edit changed. The notes are confidential (health,
// discipline, personal circumstances) and the log is read by more people than the file, and kept
// for a year: the line says that they changed, never what they said.
std::vector<storage::AuditChange> ChangesOf(const tenancy::PersonnelFile& before,
                                            const tenancy::PersonnelFile& after) {
  std::vector<storage::AuditChange> changes;
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

Result<std::vector<tenancy::PersonnelFile>> App::ListPersonnelFiles(const Actor& actor,
                                                                    StructureId structure) {
  ENSEMBLE_TRY_STATUS(tenancy::Authorize(actor, Action::kReadPersonnelFile, OwnedBy(structure)));
  return database_.InTransaction(
      TransactionMode::kWrite, ScopeOf(actor),
      [&](storage::Transaction& tx) -> Result<std::vector<tenancy::PersonnelFile>> {
        auto files = ENSEMBLE_TRY(storage::PersonnelFilesOf(tx, structure));
        ENSEMBLE_TRY_STATUS(
            Audit(tx, actor, structure, "read", "personnel_file", "*",
                  {.params = {{"count", static_cast<std::int64_t>(files.size())}}}));
        return files;
      });
}

Result<tenancy::PersonnelFile> App::GetPersonnelFile(const Actor& actor, std::int64_t id) {
  return database_.InTransaction(
      TransactionMode::kWrite, ScopeOf(actor),
      [&](storage::Transaction& tx) -> Result<tenancy::PersonnelFile> {
        auto file = ENSEMBLE_TRY(storage::FindPersonnelFile(tx, id));
        // Another employer's file answers as if it did not exist: its id tells nothing.
        if (!file ||
            !tenancy::Authorize(actor, Action::kReadPersonnelFile, OwnedBy(file->structure_id))) {
          return std::unexpected(NoSuchFile());
        }
        ENSEMBLE_TRY_STATUS(
            Audit(tx, actor, file->structure_id, "read", "personnel_file", std::to_string(id)));
        return *file;
      });
}

Result<tenancy::PersonnelFile> App::CreatePersonnelFile(const Actor& actor,
                                                        tenancy::PersonnelFile file) {
  ENSEMBLE_TRY_STATUS(
      tenancy::Authorize(actor, Action::kWritePersonnelFile, OwnedBy(file.structure_id)));
  file = ENSEMBLE_TRY(tenancy::CheckPersonnelFile(std::move(file)));
  return database_.InTransaction(
      TransactionMode::kWrite, ScopeOf(actor),
      [&](storage::Transaction& tx) -> Result<tenancy::PersonnelFile> {
        const auto id = ENSEMBLE_TRY(storage::InsertPersonnelFile(tx, file, clock_.Now()));
        ENSEMBLE_TRY_STATUS(
            Audit(tx, actor, file.structure_id, "create", "personnel_file", std::to_string(id)));
        auto stored = ENSEMBLE_TRY(storage::FindPersonnelFile(tx, id));
        return *stored;
      });
}

Result<tenancy::PersonnelFile> App::UpdatePersonnelFile(const Actor& actor, std::int64_t id,
                                                        const PersonnelPatch& patch) {
  return database_.InTransaction(
      TransactionMode::kWrite, ScopeOf(actor),
      [&](storage::Transaction& tx) -> Result<tenancy::PersonnelFile> {
        auto stored = ENSEMBLE_TRY(storage::FindPersonnelFile(tx, id));
        if (!stored || !tenancy::Authorize(actor, Action::kWritePersonnelFile,
                                           OwnedBy(stored->structure_id))) {
          return std::unexpected(NoSuchFile());
        }
        tenancy::PersonnelFile changed = *stored;
        if (patch.employee_name) changed.employee_name = *patch.employee_name;
        if (patch.job_title) changed.job_title = *patch.job_title;
        if (patch.contract) changed.contract = *patch.contract;
        if (patch.notes) changed.notes = *patch.notes;
        changed = ENSEMBLE_TRY(tenancy::CheckPersonnelFile(std::move(changed)));
        changed.version = patch.version;
        if (!ENSEMBLE_TRY(storage::UpdatePersonnelFile(tx, changed, clock_.Now()))) {
          return Fail(
              ErrorCode::kConflict,
              fmt::format("le dossier a été modifié entre-temps (version {}, vous aviez la {}) : "
                          "rechargez-le",
                          stored->version, patch.version),
              "version");
        }
        ENSEMBLE_TRY_STATUS(Audit(tx, actor, stored->structure_id, "update", "personnel_file",
                                  std::to_string(id), {.changes = ChangesOf(*stored, changed)}));
        return *ENSEMBLE_TRY(storage::FindPersonnelFile(tx, id));
      });
}

}  // namespace ensemble::app
