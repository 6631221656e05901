#include "app/app.h"

#include <spdlog/spdlog.h>

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

Status App::Audit(storage::Transaction& db, const Actor& actor, std::optional<StructureId> owner,
                  std::string_view action, std::string_view record_kind, std::string record_id,
                  audit::AuditDetails details) {
  audit::AuditEntry entry;
  entry.at = clock_.Now();
  if (actor.person_id != 0) entry.person_id = actor.person_id;
  entry.acting_structure_id = actor.acting_structure_id;
  entry.owner_structure_id = owner;
  entry.action = std::string(action);
  entry.record_kind = std::string(record_kind);
  entry.record_id = std::move(record_id);
  entry.params = storage::EncodeParams(details.params);
  entry.changes = storage::EncodeChanges(details.changes);
  return db.Audit().AppendAudit(entry);
}

Status Gate::Check(tenancy::Action action, const access::Target& target, std::string record_id) {
  return Check(tenancy::SpecOf(action), target, std::move(record_id));
}

Status Gate::Check(const access::ActionSpec& action, const access::Target& target,
                   std::string record_id) {
  return Check(actor_, action, target, std::move(record_id));
}

Status Gate::Check(const Actor& actor, const access::ActionSpec& action,
                   const access::Target& target, std::string record_id) {
  const access::Decision decision = access::Decide(actor, action, target);
  if (decision.allowed()) return Ok();
  // Nobody signed in is refused by the router before any use case; there is nobody to name.
  if (decision.reason != access::Reason::kNotSignedIn) {
    refusal_ = Refusal{actor_, &action, decision.reason,
                       target.exists ? target.owner : std::nullopt, std::move(record_id)};
  }
  return decision.ToStatus();
}

void App::AuditRefusal(const Refusal& refusal) {
  // Its own transaction: the use case's one rolled back with the refusal. A record that does not
  // exist is recorded as well, so that a refusal costs the same whether or not the id exists.
  auto written = database_.InTransaction(
      storage::TransactionMode::kAuditedRead, ScopeOf(refusal.actor),
      [&](storage::Transaction& tx) {
        return Audit(tx, refusal.actor, refusal.owner, "refused", refusal.action->target_kind,
                     refusal.record_id,
                     {.params = {{"attempted", std::string(refusal.action->code)},
                                 {"reason", std::string(access::ToString(refusal.reason))}}});
      });
  // The caller gets the refusal either way: answering otherwise when the line cannot be written
  // would tell her something about the record.
  if (!written) {
    spdlog::error("audit of a refused {} on {} {} failed: {} [{}]", refusal.action->code,
                  refusal.action->target_kind, refusal.record_id, written.error().message,
                  written.error().context);
  }
}

Result<HealthReport> App::Health() {
  const int version = ENSEMBLE_TRY(database_.SchemaVersion());
  return HealthReport{std::string(database_.BackendName()), version};
}

}  // namespace ensemble::app
