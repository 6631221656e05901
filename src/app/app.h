// The platform the modules' use cases run on: the database, the clock, the options, the password
// hasher's limits, and what every use case does the same way: it runs in one transaction, takes its
// access decisions through a Gate (domain/access decides; the use case only gathers the facts),
// and writes the audit line for every read of personal data and every change. A refusal is
// audited after the transaction, in one of its own. Each module's use cases are a class of their
// own over one App (app/<module>/), gathered in app/modules.h.
//
// Thread-safety: one App serves all the server's workers; its only state of its own is the
// password hasher's count of running and waiting hashes, which is thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/password_hasher.h"
#include "app/passwords.h"
#include "components/notifications/notification_mail.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/page.h"
#include "domain/access/access.h"
#include "domain/tenancy/password_reset.h"
#include "domain/tenancy/policy.h"
#include "domain/tenancy/sign_in_limits.h"
#include "domain/tenancy/types.h"
#include "storage/database.h"

namespace ensemble::app {

using tenancy::Actor;
using tenancy::CollectiveId;
using tenancy::PersonId;
using tenancy::StructureId;

struct AppOptions {
  UnixMillis session_idle_timeout = 30LL * 60 * 1000;
  UnixMillis session_absolute_timeout = 12LL * 60 * 60 * 1000;
  PasswordCost password_cost = PasswordCost::kInteractive;
  // How many Argon2id hashes run at once and wait (app/password_hasher.h).
  PasswordHasherOptions hashing;
  // The limits on signing in and on changing one's password (domain/tenancy/sign_in_limits.h).
  tenancy::SignInLimits sign_in_limits;
  // « Mot de passe oublié »: how often, and how long a link is valid.
  tenancy::PasswordResetLimits password_reset;
  // A person keeps at most this many sessions open; a new one ends the oldest.
  std::int64_t max_sessions_per_person = 10;
  // The sender and the site's address of the mails notifications send at once.
  notifications::MailSettings notification_mail = {{"ne-pas-repondre@ensemble.invalid", "Ensemble"},
                                                   ""};
  // LibreOffice's program, to convert an uploaded .xls (components/spreadsheet/xls_conversion.h);
  // "" refuses .xls with what to do instead.
  std::string soffice;
};

// A request the authorisation module refused to a signed-in person: what the audit line of the
// refusal says.
struct Refusal {
  Actor actor;
  const access::ActionSpec* action = nullptr;  // a row of a module's policy table (static)
  access::Reason reason = access::Reason::kNone;
  std::optional<StructureId> owner;  // whose record it was, when it exists
  std::string record_id;
};

// A use case's access decisions. Check asks domain/tenancy/authorization and, when it refuses
// a signed-in person, keeps the refusal so that App::Decided audits it after the use case's
// transaction, which the refusal rolls back. Use Check only for decisions that end the use case.
class Gate {
 public:
  explicit Gate(const Actor& actor) : actor_(actor) {}
  // Ok, or the refusal's answer (kPermissionDenied, kNotFound for a hidden or missing record).
  Status Check(tenancy::Action action, const access::Target& target, std::string record_id);
  // The same for an action of any module's policy.
  Status Check(const access::ActionSpec& action, const access::Target& target,
               std::string record_id);
  // Decided for another hat of the same person (the one she asks to wear), audited as hers.
  Status Check(const Actor& actor, const access::ActionSpec& action, const access::Target& target,
               std::string record_id);
  const std::optional<Refusal>& refusal() const { return refusal_; }

 private:
  const Actor& actor_;
  std::optional<Refusal> refusal_;
};

// What /healthz says: the backend answers, and at which schema.
struct HealthReport {
  std::string backend;
  int schema_version = 0;
};

class App {
 public:
  // Reads the schema version: proves the database answers.
  Result<HealthReport> Health();

  App(storage::Database& database, const Clock& clock, AppOptions options);

  storage::Database& database() { return database_; }
  PasswordHasher& password_hasher() { return hasher_; }
  const Clock& clock() const { return clock_; }
  const AppOptions& options() const { return options_; }

  // For the modules' use cases.
  // Writes one audit line: an action code (audit::kAuditActions), the record's kind and id,
  // and the codes and values that say the rest (parameters, the before and after of a change).
  Status Audit(storage::Transaction& db, const Actor& actor, std::optional<StructureId> owner,
               std::string_view action, std::string_view record_kind, std::string record_id,
               audit::AuditDetails details = {});
  // Runs `work(tx, gate)` in one transaction scoped to the actor; a refusal its gate decided is
  // then audited in a transaction of its own, an audited read (its one write is that line). Use
  // TransactionMode::kAuditedRead for a use case whose only write is its audit lines: it takes
  // no writer lock on either backend (storage/sql/database.h).
  template <typename Work>
  auto Decided(storage::TransactionMode mode, const Actor& actor, Work&& work)
      -> decltype(work(std::declval<storage::Transaction&>(), std::declval<Gate&>())) {
    return DecidedIn(mode, ScopeOf(actor), actor, std::forward<Work>(work));
  }
  // The same in a transaction of another scope (the platform's lines).
  template <typename Work>
  auto DecidedIn(storage::TransactionMode mode, storage::Scope scope, const Actor& actor,
                 Work&& work)
      -> decltype(work(std::declval<storage::Transaction&>(), std::declval<Gate&>())) {
    Gate gate(actor);
    auto result = database_.InTransaction(mode, scope,
                                          [&](storage::Transaction& tx) { return work(tx, gate); });
    if (gate.refusal()) AuditRefusal(*gate.refusal());
    return result;
  }
  // Writes the audit line of a refused attempt: action "refused", the record, and as parameters
  // the attempted action's and the reason's codes. The owner's director sees it in her log.
  void AuditRefusal(const Refusal& refusal);
  // The rows a use case's transaction may reach: those of the structure the person acts for.
  static storage::Scope ScopeOf(const Actor& actor);

 private:
  storage::Database& database_;
  const Clock& clock_;
  AppOptions options_;
  PasswordHasher hasher_;
};

}  // namespace ensemble::app
