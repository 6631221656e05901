// The tenancy module's use cases: sessions and sign-in, structures, collectives and sharing,
// personnel files, and the audit log's reads. Each public method is one thing a person does,
// over the platform's App (app/app.h).
//
// Thread-safety: as App's; no state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/page.h"
#include "domain/audit/audit_line.h"
#include "domain/tenancy/password_reset.h"
#include "domain/tenancy/policy.h"
#include "domain/tenancy/types.h"

namespace ensemble::app {

// The facts a decision on collective `id` needs: whether it exists (`collective` holds it then),
// whether the acting structure belongs to it, and its coordinating structure, whose log records
// refused attempts on it. Shared by every module's collective views.
Result<tenancy::Target> CollectiveTarget(storage::Transaction& db, const Actor& actor,
                                         CollectiveId id,
                                         std::optional<tenancy::Collective>& collective);

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
  Language language = Language::kFrench;  // hers: the API answers her in it
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
  std::vector<std::string> actions;  // "set_disclosure_threshold" when she may
};

struct MemberSharing {
  StructureId structure_id = 0;
  std::string structure_name;
  std::vector<std::pair<tenancy::RecordKind, tenancy::SharingLevel>> levels;  // every kind
  std::vector<std::string> actions;  // what the acting person may do on this member's settings
};

struct PersonnelPatch {
  std::optional<std::string> employee_name;
  std::optional<std::string> job_title;
  std::optional<std::string> contract;
  std::optional<std::string> notes;
  std::int64_t version = 0;  // the version the editor read
};

class TenancyUseCases {
 public:
  explicit TenancyUseCases(App& app)
      : app_(app),
        database_(app.database()),
        clock_(app.clock()),
        options_(app.options()),
        hasher_(app.password_hasher()) {}

  // Sessions and sign-in.
  Result<SignedIn> SignIn(std::string_view email, std::string_view password,
                          const ClientInfo& client);
  Result<Caller> Authenticate(std::string_view token);
  // How long a session may live at most: its cookie's lifetime.
  UnixMillis SessionLifetime() const { return options_.session_absolute_timeout; }
  Result<SessionView> DescribeSession(const Caller& caller);
  Status SignOut(const Caller& caller);
  Result<SessionView> ChooseActingStructure(const Caller& caller, StructureId structure);
  // Counts a wrong current password as a failed sign-in from `client` (the same limits apply),
  // audits it, and ends the person's other sessions when it succeeds.
  // Her language for pages, messages and mails: "fr" or "en" (kInvalidArgument on "language"
  // otherwise), audited as a change of her person record. Answers the session as it now is.
  Result<SessionView> ChooseLanguage(const Caller& caller, std::string_view language);
  Status ChangePassword(const Caller& caller, std::string_view current_password,
                        std::string_view new_password, const ClientInfo& client);
  Result<std::vector<SessionSummary>> ListMySessions(const Caller& caller);
  // « Mot de passe oublié »: queues a mail with a single-use link when the address has an
  // account; answers the same when it has none. Limited per address and per client
  // (kTooManyRequests with Retry-After).
  Status RequestPasswordReset(std::string_view email, const ClientInfo& client);
  // Sets the password of the person whose address and token these are, ends all her sessions and
  // retires her other links. A token unknown, used, expired or another person's is refused
  // (kInvalidArgument on "token", one answer for all) and audited with the reason.
  Status ResetPassword(std::string_view email, std::string_view token,
                       std::string_view new_password, const ClientInfo& client);
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
  // The collective's disclosure threshold (3 to 50), for the questionnaires designed for it from
  // now on: hidden from non-members, refused to the other members and to roles other than the
  // coordinating structure's director and coordinator; kInvalidArgument on "threshold".
  // Audited when it changes.
  Result<CollectiveDetail> SetDisclosureThreshold(const Actor& actor, CollectiveId id,
                                                  std::int64_t threshold);
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

 private:
  Result<SessionView> BuildSessionView(storage::Transaction& db, PersonId person,
                                       std::optional<StructureId> acting,
                                       const std::string& csrf_token, UnixMillis created_at,
                                       UnixMillis last_seen_at);
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
  // Records and audits a refused token, then answers the refusal.
  Status RefusePasswordReset(const std::string& email_hash, std::optional<PersonId> person,
                             tenancy::ResetRefusal refusal, const ClientInfo& client,
                             UnixMillis now);
  // The filters a read of the log used, as the parameters of the line that records the read.
  static std::vector<audit::AuditParam> FilterParams(const audit::AuditFilter& filter);
  template <typename Work>
  auto Decided(storage::TransactionMode mode, const Actor& actor, Work&& work) {
    return app_.Decided(mode, actor, std::forward<Work>(work));
  }
  template <typename Work>
  auto DecidedIn(storage::TransactionMode mode, storage::Scope scope, const Actor& actor,
                 Work&& work) {
    return app_.DecidedIn(mode, scope, actor, std::forward<Work>(work));
  }
  Status Audit(storage::Transaction& tx, const Actor& actor, std::optional<StructureId> owner,
               std::string_view action, std::string_view record_kind, std::string record_id,
               audit::AuditDetails details = {}) {
    return app_.Audit(tx, actor, owner, action, record_kind, std::move(record_id),
                      std::move(details));
  }
  static storage::Scope ScopeOf(const Actor& actor) { return App::ScopeOf(actor); }

  App& app_;
  storage::Database& database_;
  const Clock& clock_;
  const AppOptions& options_;
  PasswordHasher& hasher_;
};

}  // namespace ensemble::app
