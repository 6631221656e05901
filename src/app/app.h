// The use cases of Ensemble. Each public method is one thing a person does: it runs in one
// transaction, authorises the acting person there through a Gate (domain/tenancy/authorization
// decides; the use case only gathers the facts), applies the domain rules, and writes the audit
// line for every read of personal data and every change. A refusal is audited after the
// transaction, in one of its own.
//
// Thread-safety: one App serves all server threads; its only state of its own is the password
// hashing pool, which is thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/password_hasher.h"
#include "app/passwords.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/page.h"
#include "domain/access/access.h"
#include "domain/tenancy/policy.h"
#include "domain/tenancy/sign_in_limits.h"
#include "domain/tenancy/types.h"
#include "storage/audit/audit_store.h"
#include "storage/database.h"
#include "storage/tenancy/tenancy_store.h"

namespace ensemble::app {

using tenancy::Actor;
using tenancy::CollectiveId;
using tenancy::PersonId;
using tenancy::StructureId;

struct AppOptions {
  UnixMillis session_idle_timeout = 30LL * 60 * 1000;
  UnixMillis session_absolute_timeout = 12LL * 60 * 60 * 1000;
  PasswordCost password_cost = PasswordCost::kInteractive;
  // Argon2id runs on a pool of its own (app/password_hasher.h).
  PasswordHasherOptions hashing;
  // The limits on signing in and on changing one's password (domain/tenancy/sign_in_limits.h).
  tenancy::SignInLimits sign_in_limits;
  // A person keeps at most this many sessions open; a new one ends the oldest.
  std::int64_t max_sessions_per_person = 10;
};

// Where a sign-in comes from: the client's address (behind our proxy, the forwarded one) and
// what its browser says it is, kept so the person can recognise her sessions.
struct ClientInfo {
  std::string address;
  std::string user_agent;
};

// One of the signed-in person's sessions, as her account page lists them.
struct SessionSummary {
  std::string id;  // the public id, never the token
  UnixMillis created_at = 0;
  UnixMillis last_seen_at = 0;
  std::string address;
  std::string user_agent;
  bool current = false;
};

// What the pages need to know about the signed-in person.
struct SessionView {
  tenancy::Person person;
  std::vector<tenancy::Hat> hats;
  std::optional<StructureId> acting_structure_id;
  std::vector<tenancy::Role> acting_roles;
  // What this hat may do (domain/tenancy/policy.h codes), on its structure, as a member of its
  // collectives, and on the platform: the pages show the controls these allow and no others.
  std::vector<std::string> actions;
  std::string csrf_token;
  UnixMillis expires_at = 0;
};

struct SignedIn {
  std::string token;  // goes in the cookie; the database only has its hash
  SessionView session;
};

// A request's resolved session: who acts, for which structure, and the CSRF secret.
struct Caller {
  Actor actor;
  std::string token_hash;
  std::string csrf_token;
  UnixMillis created_at = 0;
};

struct StructureDetail {
  tenancy::Structure structure;
  std::optional<tenancy::NamedRef> managed_by;
  std::vector<tenancy::NamedRef> manages;
  std::vector<tenancy::NamedRef> collectives;
  std::vector<std::string> actions;  // what the acting person may do on this structure
};

// Fields a PATCH may change; absent ones stay as stored.
struct StructurePatch {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> siret;  // present and null: remove the SIRET
  std::optional<std::string> address;
  std::optional<std::string> commune_insee;
  std::optional<std::string> territory;
};

struct CollectiveSummary {
  tenancy::Collective collective;
  tenancy::NamedRef coordinating_structure;
  std::int64_t member_count = 0;
};

struct CollectiveDetail {
  tenancy::Collective collective;
  tenancy::NamedRef coordinating_structure;
  std::vector<tenancy::MemberView> members;
};

struct MemberSharing {
  StructureId structure_id = 0;
  std::string structure_name;
  std::vector<std::pair<tenancy::RecordKind, tenancy::SharingLevel>> levels;  // every kind
  std::vector<std::string> actions;  // what the acting person may do on this member's settings
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

struct PersonnelPatch {
  std::optional<std::string> employee_name;
  std::optional<std::string> job_title;
  std::optional<std::string> contract;
  std::optional<std::string> notes;
  std::int64_t version = 0;  // the version the editor read
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

  // Sessions and sign-in.
  Result<SignedIn> SignIn(std::string_view email, std::string_view password,
                          const ClientInfo& client);
  Result<Caller> Authenticate(std::string_view token);
  Result<SessionView> DescribeSession(const Caller& caller);
  Status SignOut(const Caller& caller);
  Result<SessionView> ChooseActingStructure(const Caller& caller, StructureId structure);
  // Counts a wrong current password as a failed sign-in from `client` (the same limits apply),
  // audits it, and ends the person's other sessions when it succeeds.
  Status ChangePassword(const Caller& caller, std::string_view current_password,
                        std::string_view new_password, const ClientInfo& client);
  Result<std::vector<SessionSummary>> ListMySessions(const Caller& caller);
  // Ends one of the caller's sessions (404 for an id that is not one of hers); true when it was
  // the session making the request.
  Result<bool> EndMySession(const Caller& caller, std::string_view session_id);
  // Ends every session of the caller, this one included; returns how many ended.
  Result<std::int64_t> EndAllMySessions(const Caller& caller);

  // Structures.
  Result<Page<tenancy::DirectoryEntry>> ListStructures(const Actor& actor,
                                                       const tenancy::StructureFilter& filter,
                                                       PageRequest page);
  Result<StructureDetail> GetStructure(const Actor& actor, StructureId id);
  Result<StructureDetail> CreateStructure(const Actor& actor, tenancy::Structure structure);
  Result<StructureDetail> UpdateStructure(const Actor& actor, StructureId id,
                                          const StructurePatch& patch);
  Result<std::vector<tenancy::StaffMember>> ListStaff(const Actor& actor, StructureId id);
  Result<Page<audit::AuditEntry>> ReadAuditLog(const Actor& actor, audit::AuditFilter filter,
                                               PageRequest page);
  // Every line the filter selects, newest first, for a CSV export (at most kMaxAuditExport):
  // the same authorisation as ReadAuditLog, and the export is itself audited.
  Result<std::vector<audit::AuditEntry>> ExportAuditLog(const Actor& actor,
                                                        audit::AuditFilter filter);
  static constexpr std::int64_t kMaxAuditExport = 100'000;

  // A person's own sign-ins, sign-outs, failed sign-ins and password changes (her account page).
  Result<Page<audit::AuditEntry>> ListMyAccountActivity(const Actor& actor, std::string action,
                                                        PageRequest page);
  // Everybody's, or one person's, for the platform administrator; the read is audited.
  Result<Page<audit::AuditEntry>> ListSignIns(const Actor& actor,
                                              const audit::AccountActivityFilter& filter,
                                              PageRequest page);

  // Collectives and sharing.
  Result<std::vector<CollectiveSummary>> ListMyCollectives(const Actor& actor);
  Result<CollectiveDetail> GetCollective(const Actor& actor, CollectiveId id);
  Result<std::vector<MemberSharing>> GetSharing(const Actor& actor, CollectiveId id);
  Result<MemberSharing> SetSharing(
      const Actor& actor, CollectiveId id, StructureId member,
      const std::vector<std::pair<tenancy::RecordKind, tenancy::SharingLevel>>& levels);
  Result<tenancy::MemberView> SetReferent(const Actor& actor, CollectiveId id, StructureId member,
                                          std::optional<PersonId> referent);
  // The level at which the acting structure may see `owner`'s records of `kind`.
  Result<tenancy::SharingLevel> VisibleLevel(const Actor& actor, StructureId owner,
                                             tenancy::RecordKind kind);

  // Personnel files: confidential to their employer.
  Result<std::vector<tenancy::PersonnelFile>> ListPersonnelFiles(const Actor& actor,
                                                                 StructureId structure);
  Result<tenancy::PersonnelFile> GetPersonnelFile(const Actor& actor, std::int64_t id);
  Result<tenancy::PersonnelFile> CreatePersonnelFile(const Actor& actor,
                                                     tenancy::PersonnelFile file);
  Result<tenancy::PersonnelFile> UpdatePersonnelFile(const Actor& actor, std::int64_t id,
                                                     const PersonnelPatch& patch);

  storage::Database& database() { return database_; }
  PasswordHasher& password_hasher() { return hasher_; }
  const Clock& clock() const { return clock_; }
  const AppOptions& options() const { return options_; }

 private:
  Result<SessionView> BuildSessionView(storage::Transaction& db, PersonId person,
                                       std::optional<StructureId> acting,
                                       const std::string& csrf_token, UnixMillis created_at,
                                       UnixMillis last_seen_at);
  // Writes one audit line: an action code (audit::kAuditActions), the record's kind and id,
  // and the codes and values that say the rest (parameters, the before and after of a change).
  Status Audit(storage::Transaction& db, const Actor& actor, std::optional<StructureId> owner,
               std::string_view action, std::string_view record_kind, std::string record_id,
               audit::AuditDetails details = {});
  Result<StructureDetail> LoadStructureDetail(storage::Transaction& db, const Actor& actor,
                                              StructureId id);
  // A wrong password (at sign-in or for a password change): counted against the sign-in limits
  // of (email, address) and audited under `action`, in a transaction of its own.
  Status RecordFailedAttempt(const std::string& email, const std::string& address, UnixMillis now,
                             const Actor& actor, std::string_view action,
                             std::string_view record_kind, std::string record_id);
  // Refuses an attempt that the sign-in limits say must wait (kTooManyRequests, Retry-After).
  Status CheckSignInLimits(storage::Transaction& db, const std::string& email,
                           const std::string& address, UnixMillis now);
  // The filters a read of the log used, as the parameters of the line that records the read.
  static std::vector<audit::AuditParam> FilterParams(const audit::AuditFilter& filter);
  // Runs `work(tx, gate)` in one transaction scoped to the actor; a refusal its gate decided is
  // then audited in a write transaction of its own.
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

  storage::Database& database_;
  const Clock& clock_;
  AppOptions options_;
  PasswordHasher hasher_;
};

}  // namespace ensemble::app
