// Sign-in, sessions, the acting structure (the hat a person wears) and password changes.
#include <fmt/format.h>

#include <algorithm>

#include "app/common_passwords.h"
#include "app/tenancy/tenancy_use_cases.h"
#include "core/text.h"
#include "domain/tenancy/password_policy.h"
#include "domain/tenancy/validation.h"
#include "storage/tenancy/session_store.h"

namespace ensemble::app {
namespace {

using storage::TransactionMode;

constexpr UnixMillis kTouchEvery = 60 * 1000;

Error WrongCredentials() {
  return Error{ErrorCode::kUnauthenticated, Message{"tenancy.sign_in.wrong_credentials"}, {}, {}};
}

Error Expired() {
  return Error{ErrorCode::kUnauthenticated, Message{"tenancy.session.expired"}, {}, {}};
}

}  // namespace

namespace {

// What a hat may do on its own structure, as a member of its collectives, and on the platform.
std::vector<std::string> HatActions(const Actor& actor) {
  using tenancy::Action;
  access::Target own;
  own.owner = actor.acting_structure_id;
  auto actions = tenancy::AllowedActions(
      actor,
      {Action::kCreateStructure, Action::kReadPlatformSignIns, Action::kUpdateStructure,
       Action::kReadStructureStaff, Action::kReadAuditLog, Action::kListPersonnelFiles,
       Action::kCreatePersonnelFile, Action::kManageCalendarFeed},
      own);
  access::Target member = own;
  member.acting_is_member = true;
  member.owner_is_member = true;
  for (auto& code :
       tenancy::AllowedActions(actor, {Action::kChangeSharing, Action::kSetReferent}, member)) {
    actions.push_back(std::move(code));
  }
  return actions;
}

}  // namespace

Result<SessionView> TenancyUseCases::BuildSessionView(storage::Transaction& db, PersonId person_id,
                                                      std::optional<StructureId> acting,
                                                      const std::string& csrf_token,
                                                      UnixMillis created_at,
                                                      UnixMillis last_seen_at) {
  auto person = ENSEMBLE_TRY(db.Tenancy().FindPerson(person_id));
  if (!person) return std::unexpected(Expired());
  SessionView view;
  view.person = *person;
  view.hats = ENSEMBLE_TRY(db.Tenancy().HatsOf(person_id));
  view.acting_structure_id = acting;
  if (acting) view.acting_roles = ENSEMBLE_TRY(db.Tenancy().RolesIn(person_id, *acting));
  view.actions = HatActions(Actor{person_id, acting, view.acting_roles, person->platform_admin});
  view.csrf_token = csrf_token;
  view.expires_at = std::min(created_at + options_.session_absolute_timeout,
                             last_seen_at + options_.session_idle_timeout);
  return view;
}

Status TenancyUseCases::CheckSignInLimits(storage::Transaction& db, const std::string& email,
                                          const std::string& address, UnixMillis now) {
  const tenancy::SignInLimits& limits = options_.sign_in_limits;
  const auto counts = ENSEMBLE_TRY(db.Sessions().CountSignIns(email, address, now - limits.window,
                                                              now - limits.trusted_address_for));
  const auto wait = tenancy::SignInMustWait(limits, counts, now);
  if (!wait) return Ok();
  const std::int64_t seconds = std::max<std::int64_t>(1, (wait->until - now + 999) / 1000);
  Error error{ErrorCode::kTooManyRequests,
              Message{"tenancy.sign_in.throttled", {{"seconds", seconds}}},
              {},
              fmt::format("sign-in limit {}", tenancy::ToString(wait->limit))};
  error.retry_after_seconds = seconds;
  return std::unexpected(std::move(error));
}

Status TenancyUseCases::RecordFailedAttempt(const std::string& email, const std::string& address,
                                            UnixMillis now, const Actor& actor,
                                            std::string_view action, std::string_view record_kind,
                                            std::string record_id) {
  return database_.InTransaction(TransactionMode::kWrite, [&](storage::Transaction& tx) -> Status {
    ENSEMBLE_TRY_STATUS(tx.Sessions().RecordSignInFailure(email, address, now));
    return Audit(tx, actor, std::nullopt, action, record_kind, std::move(record_id),
                 {.params = {{"address", address}}});
  });
}

Result<SignedIn> TenancyUseCases::SignIn(std::string_view email_text, std::string_view password,
                                         const ClientInfo& client) {
  const std::string email = ENSEMBLE_TRY(CheckEmail("email", email_text));
  if (password.empty())
    return Fail(ErrorCode::kInvalidArgument, "tenancy.password.required", "password");
  if (password.size() > tenancy::kMaxPasswordChars * 4) {
    return Fail(ErrorCode::kInvalidArgument, "tenancy.password.too_long", "password");
  }
  ENSEMBLE_TRY_STATUS(hasher_.CheckRoom());
  const std::string& address = client.address;
  const UnixMillis now = clock_.Now();
  auto credentials = ENSEMBLE_TRY(database_.InTransaction(
      TransactionMode::kRead,
      [&](storage::Transaction& tx) -> Result<std::optional<storage::Credentials>> {
        ENSEMBLE_TRY_STATUS(CheckSignInLimits(tx, email, address, now));
        return tx.Tenancy().FindCredentialsByEmail(email);
      }));

  // Verify against a fixed hash when the account is unknown, so the answer takes as long
  // whether or not the address has an account.
  static const std::string kDecoy =
      HashPassword("decoy-password-for-timing", options_.password_cost).value_or(std::string());
  const bool verified =
      ENSEMBLE_TRY(hasher_.Verify(password, credentials ? credentials->password_hash : kDecoy)) &&
      credentials.has_value();
  if (!verified) {
    const Actor actor{credentials ? credentials->person.id : 0,
                      std::nullopt,
                      {},
                      credentials && credentials->person.platform_admin};
    ENSEMBLE_TRY_STATUS(
        RecordFailedAttempt(email, address, now, actor, "sign_in_failed", "session", ""));
    return std::unexpected(WrongCredentials());
  }

  const tenancy::Person& person = credentials->person;
  // The place for a second factor: a person with one enrolled (TOTP or WebAuthn) would get
  // here a short-lived "password verified" challenge row instead of a session, and a second
  // call (POST /api/v1/session/second-factor) would turn it into the session below. Nothing
  // above needs to change: throttling and the failure log already cover both steps.
  return database_.InTransaction(
      TransactionMode::kWrite, [&](storage::Transaction& tx) -> Result<SignedIn> {
        ENSEMBLE_TRY_STATUS(tx.Sessions().ClearFailuresForPair(email, address));
        ENSEMBLE_TRY_STATUS(tx.Sessions().RecordSignInSuccess(email, address, now));
        auto hats = ENSEMBLE_TRY(tx.Tenancy().HatsOf(person.id));
        storage::SessionRecord session;
        SignedIn signed_in;
        signed_in.token = RandomToken();
        session.token_hash = HashToken(signed_in.token);
        session.public_id = RandomToken().substr(0, 22);
        session.person_id = person.id;
        if (hats.size() == 1) session.acting_structure_id = hats.front().structure_id;
        session.csrf_token = RandomToken();
        session.created_at = now;
        session.last_seen_at = now;
        session.user_agent = client.user_agent;
        ENSEMBLE_TRY_STATUS(tx.Sessions().InsertSession(session, address));
        ENSEMBLE_TRY(tx.Sessions().KeepNewestSessions(person.id, options_.max_sessions_per_person));
        Actor actor{person.id, session.acting_structure_id, {}, person.platform_admin};
        ENSEMBLE_TRY_STATUS(Audit(tx, actor, std::nullopt, "sign_in", "session", "",
                                  {.params = {{"address", address}}}));
        signed_in.session = ENSEMBLE_TRY(BuildSessionView(
            tx, person.id, session.acting_structure_id, session.csrf_token, now, now));
        return signed_in;
      });
}

Result<Caller> TenancyUseCases::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 128) return std::unexpected(Expired());
  const std::string token_hash = HashToken(token);
  const UnixMillis now = clock_.Now();
  // One statement, alone: authentication comes before every request, so it is kept to one round
  // trip.
  auto found = ENSEMBLE_TRY(database_.InTransaction(
      TransactionMode::kSingleRead,
      [&](storage::Transaction& tx)
          -> Result<std::optional<std::pair<storage::SessionRecord, Caller>>> {
        auto identity = ENSEMBLE_TRY(tx.Sessions().FindSessionIdentity(token_hash));
        if (!identity) return std::optional<std::pair<storage::SessionRecord, Caller>>{};
        Caller caller;
        caller.token_hash = token_hash;
        caller.csrf_token = identity->session.csrf_token;
        caller.created_at = identity->session.created_at;
        caller.actor.person_id = identity->person.id;
        caller.actor.platform_admin = identity->person.platform_admin;
        caller.actor.acting_structure_id = identity->session.acting_structure_id;
        caller.actor.roles = std::move(identity->acting_roles);
        caller.language = identity->person.language;
        return std::optional(std::make_pair(identity->session, std::move(caller)));
      }));
  if (!found) return std::unexpected(Expired());
  const auto& [session, caller] = *found;
  const bool expired = now - session.created_at > options_.session_absolute_timeout ||
                       now - session.last_seen_at > options_.session_idle_timeout;
  if (expired || now - session.last_seen_at > kTouchEvery) {
    ENSEMBLE_TRY(database_.InTransaction(TransactionMode::kWrite, [&](storage::Transaction& tx) {
      return expired ? tx.Sessions().DeleteSession(token_hash)
                     : tx.Sessions().TouchSession(token_hash, now);
    }));
  }
  if (expired) return std::unexpected(Expired());
  return caller;
}

Result<SessionView> TenancyUseCases::DescribeSession(const Caller& caller) {
  const UnixMillis now = clock_.Now();
  return database_.InTransaction(TransactionMode::kRead, [&](storage::Transaction& tx) {
    return BuildSessionView(tx, caller.actor.person_id, caller.actor.acting_structure_id,
                            caller.csrf_token, caller.created_at, now);
  });
}

Status TenancyUseCases::SignOut(const Caller& caller) {
  return database_.InTransaction(TransactionMode::kWrite, [&](storage::Transaction& tx) -> Status {
    ENSEMBLE_TRY_STATUS(tx.Sessions().DeleteSession(caller.token_hash));
    return Audit(tx, caller.actor, std::nullopt, "sign_out", "session", "");
  });
}

Result<SessionView> TenancyUseCases::ChooseActingStructure(const Caller& caller,
                                                           StructureId structure) {
  const UnixMillis now = clock_.Now();
  return DecidedIn(
      TransactionMode::kWrite, storage::Scope::Nobody(), caller.actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<SessionView> {
        // Decided for the hat she asks to wear: her roles in that structure, if any.
        Actor actor = caller.actor;
        actor.acting_structure_id = structure;
        actor.roles = ENSEMBLE_TRY(tx.Tenancy().RolesIn(caller.actor.person_id, structure));
        access::Target target;
        target.owner = structure;
        ENSEMBLE_TRY_STATUS(gate.Check(actor, tenancy::SpecOf(tenancy::Action::kActFor), target,
                                       std::to_string(structure)));
        ENSEMBLE_TRY_STATUS(tx.Sessions().SetActingStructure(caller.token_hash, structure));
        ENSEMBLE_TRY_STATUS(Audit(tx, actor, structure, "act_for", "session", ""));
        return BuildSessionView(tx, caller.actor.person_id, structure, caller.csrf_token,
                                caller.created_at, now);
      });
}

Result<SessionView> TenancyUseCases::ChooseLanguage(const Caller& caller,
                                                    std::string_view language_code) {
  const auto language = ParseLanguage(language_code);
  if (!language) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.language.unknown", {{"language", language_code}}}, "language");
  }
  const UnixMillis now = clock_.Now();
  return database_.InTransaction(
      TransactionMode::kWrite, [&](storage::Transaction& tx) -> Result<SessionView> {
        const auto person = ENSEMBLE_TRY(tx.Tenancy().FindPerson(caller.actor.person_id));
        if (!person) return std::unexpected(Expired());
        if (person->language != *language) {
          ENSEMBLE_TRY_STATUS(tx.Tenancy().SetLanguage(person->id, *language));
          audit::AuditDetails details;
          details.changes.push_back({"language", std::string(ToString(person->language)),
                                     std::string(ToString(*language))});
          ENSEMBLE_TRY_STATUS(Audit(tx, caller.actor, std::nullopt, "update", "person",
                                    std::to_string(person->id), std::move(details)));
        }
        return BuildSessionView(tx, person->id, caller.actor.acting_structure_id, caller.csrf_token,
                                caller.created_at, now);
      });
}

Status TenancyUseCases::ChangePassword(const Caller& caller, std::string_view current_password,
                                       std::string_view new_password, const ClientInfo& client) {
  const UnixMillis now = clock_.Now();
  auto credentials = ENSEMBLE_TRY(database_.InTransaction(
      TransactionMode::kRead,
      [&](storage::Transaction& tx) -> Result<std::optional<storage::Credentials>> {
        auto found = ENSEMBLE_TRY(tx.Tenancy().FindCredentials(caller.actor.person_id));
        if (found)
          ENSEMBLE_TRY_STATUS(CheckSignInLimits(tx, found->person.email, client.address, now));
        return found;
      }));
  if (!credentials) return std::unexpected(Expired());
  const tenancy::Person& person = credentials->person;
  // A stolen session must not become a way to guess the password: a wrong current password
  // counts as a failed sign-in of this account from this address, and is audited.
  if (!ENSEMBLE_TRY(hasher_.Verify(current_password, credentials->password_hash))) {
    ENSEMBLE_TRY_STATUS(RecordFailedAttempt(person.email, client.address, now, caller.actor,
                                            "change_password_failed", "person",
                                            std::to_string(person.id)));
    return Fail(ErrorCode::kInvalidArgument, "tenancy.password.current_mismatch",
                "current_password");
  }
  ENSEMBLE_TRY_STATUS(tenancy::CheckNewPassword(
      "new_password", new_password, {person.email, person.display_name}, CommonPasswordList()));
  if (current_password == new_password) {
    return Fail(ErrorCode::kInvalidArgument, "tenancy.password.unchanged", "new_password");
  }
  const std::string hash = ENSEMBLE_TRY(hasher_.Hash(new_password));
  return database_.InTransaction(TransactionMode::kWrite, [&](storage::Transaction& tx) -> Status {
    ENSEMBLE_TRY_STATUS(tx.Tenancy().UpdatePasswordHash(person.id, hash, clock_.Now()));
    ENSEMBLE_TRY_STATUS(tx.Sessions().DeleteOtherSessions(person.id, caller.token_hash));
    return Audit(tx, caller.actor, std::nullopt, "change_password", "person",
                 std::to_string(person.id));
  });
}

Result<std::vector<SessionSummary>> TenancyUseCases::ListMySessions(const Caller& caller) {
  const auto records =
      ENSEMBLE_TRY(database_.InTransaction(TransactionMode::kRead, [&](storage::Transaction& tx) {
        return tx.Sessions().ListSessionsOf(caller.actor.person_id);
      }));
  std::vector<SessionSummary> sessions;
  for (const auto& record : records) {
    sessions.push_back(SessionSummary{record.public_id, record.created_at, record.last_seen_at,
                                      record.remote_address, record.user_agent,
                                      record.token_hash == caller.token_hash});
  }
  return sessions;
}

Result<bool> TenancyUseCases::EndMySession(const Caller& caller, std::string_view session_id) {
  return DecidedIn(
      TransactionMode::kWrite, storage::Scope::Nobody(), caller.actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<bool> {
        const auto sessions = ENSEMBLE_TRY(tx.Sessions().ListSessionsOf(caller.actor.person_id));
        const auto found = std::ranges::find_if(
            sessions, [&](const storage::SessionRecord& s) { return s.public_id == session_id; });
        // Only her own sessions are looked up: another person's id answers as an unknown one.
        access::Target target;
        target.exists = found != sessions.end();
        if (target.exists) target.person = caller.actor.person_id;
        ENSEMBLE_TRY_STATUS(
            gate.Check(tenancy::Action::kEndSession, target, std::string(session_id)));
        ENSEMBLE_TRY_STATUS(tx.Sessions().DeleteSession(found->token_hash));
        ENSEMBLE_TRY_STATUS(
            Audit(tx, caller.actor, std::nullopt, "end_session", "session", found->public_id));
        return found->token_hash == caller.token_hash;
      });
}

Result<std::int64_t> TenancyUseCases::EndAllMySessions(const Caller& caller) {
  return database_.InTransaction(
      TransactionMode::kWrite, [&](storage::Transaction& tx) -> Result<std::int64_t> {
        const auto ended = ENSEMBLE_TRY(tx.Sessions().DeleteSessionsOf(caller.actor.person_id));
        ENSEMBLE_TRY_STATUS(Audit(tx, caller.actor, std::nullopt, "end_all_sessions", "session", "",
                                  {.params = {{"count", ended}}}));
        return ended;
      });
}

}  // namespace ensemble::app
