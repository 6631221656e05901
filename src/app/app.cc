#include "app/app.h"

namespace ensemble::app {

App::App(storage::Database& database, const Clock& clock, AppOptions options)
    : database_(database),
      clock_(clock),
      options_(options),
      hasher_(options.password_cost, options.hashing) {}

storage::Scope App::ScopeOf(const Actor& actor) {
  return actor.acting_structure_id ? storage::Scope::ActingFor(*actor.acting_structure_id)
                                   : storage::Scope::Nobody();
}

Status App::Audit(storage::Connection& db, const Actor& actor, std::optional<StructureId> owner,
                  std::string_view action, std::string_view record_kind, std::string record_id,
                  storage::AuditDetails details) {
  storage::AuditEntry entry;
  entry.at = clock_.Now();
  if (actor.person_id != 0) entry.person_id = actor.person_id;
  entry.acting_structure_id = actor.acting_structure_id;
  entry.owner_structure_id = owner;
  entry.action = std::string(action);
  entry.record_kind = std::string(record_kind);
  entry.record_id = std::move(record_id);
  entry.params = storage::EncodeParams(details.params);
  entry.changes = storage::EncodeChanges(details.changes);
  return storage::AppendAudit(db, entry);
}

}  // namespace ensemble::app
