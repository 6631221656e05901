#include "storage/tenancy/session_store.h"

#include <algorithm>

namespace ensemble::storage {

Status SessionStore::InsertSession(const SessionRecord& s, const std::string& address) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO sessions (token_hash, person_id, acting_structure_id, csrf_token, created_at, "
      "last_seen_at, remote_address, public_id, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.token_hash, s.person_id, Nullable(s.acting_structure_id), s.csrf_token, s.created_at,
       s.last_seen_at, address,
       // A session stored without a public id (a test's, a tool's) cannot be ended by id; it
       // never borrows the token's hash, which is what signs in.
       Nullable(s.public_id.empty() ? std::nullopt : std::optional(s.public_id)), s.user_agent}));
  return Ok();
}

Result<std::vector<SessionRecord>> SessionStore::ListSessionsOf(tenancy::PersonId person) {
  auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT token_hash, person_id, acting_structure_id, csrf_token, created_at, last_seen_at, "
      "coalesce(public_id, ''), remote_address, user_agent FROM sessions WHERE person_id = ? "
      "ORDER BY last_seen_at DESC, created_at DESC, public_id",
      {person}));
  std::vector<SessionRecord> sessions;
  for (const Row& row : rows) {
    sessions.push_back(SessionRecord{row.Text(0), row.Int(1), row.OptionalInt(2), row.Text(3),
                                     row.Int(4), row.Int(5), row.Text(6), row.Text(7),
                                     row.Text(8)});
  }
  return sessions;
}

Result<std::int64_t> SessionStore::DeleteSessionsOf(tenancy::PersonId person) {
  return db_.Execute("DELETE FROM sessions WHERE person_id = ?", {person});
}

Result<std::int64_t> SessionStore::KeepNewestSessions(tenancy::PersonId person, std::int64_t keep) {
  return db_.Execute(
      "DELETE FROM sessions WHERE person_id = ? AND token_hash NOT IN (SELECT token_hash FROM "
      "sessions WHERE person_id = ? ORDER BY created_at DESC, token_hash LIMIT ?)",
      {person, person, keep});
}

Result<std::optional<SessionRecord>> SessionStore::FindSession(const std::string& token_hash) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT token_hash, person_id, acting_structure_id, csrf_token, created_at, last_seen_at "
      "FROM sessions WHERE token_hash = ?",
      {token_hash}));
  if (!row) return std::optional<SessionRecord>{};
  return std::optional<SessionRecord>(SessionRecord{row->Text(0), row->Int(1), row->OptionalInt(2),
                                                    row->Text(3), row->Int(4), row->Int(5)});
}

Result<std::optional<SessionIdentity>> SessionStore::FindSessionIdentity(
    const std::string& token_hash) {
  // Roles are joined by commas: role names are fixed identifiers without one.
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT s.token_hash, s.person_id, s.acting_structure_id, s.csrf_token, s.created_at, "
      "s.last_seen_at, p.display_name, p.email, p.platform_admin, "
      "(SELECT group_concat(g.role, ',') FROM role_grants g WHERE g.person_id = s.person_id "
      "AND g.structure_id = s.acting_structure_id), p.language "
      "FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.token_hash = ?",
      {token_hash}));
  if (!row) return std::optional<SessionIdentity>{};
  SessionIdentity identity{
      SessionRecord{row->Text(0), row->Int(1), row->OptionalInt(2), row->Text(3), row->Int(4),
                    row->Int(5)},
      tenancy::Person{row->Int(1), row->Text(6), row->Text(7), row->Int(8) != 0,
                      ParseLanguage(row->Text(10)).value_or(Language::kFrench)},
      {}};
  const std::string roles = row->Text(9);
  for (std::size_t start = 0; start < roles.size();) {
    const auto end = std::min(roles.find(',', start), roles.size());
    const auto role = tenancy::ParseRole(std::string_view(roles).substr(start, end - start));
    if (!role) {
      return Internal("a stored role is not one this program knows", "role");
    }
    identity.acting_roles.push_back(*role);
    start = end + 1;
  }
  // In the order of their names, as every other list of roles.
  std::sort(identity.acting_roles.begin(), identity.acting_roles.end(),
            [](tenancy::Role a, tenancy::Role b) { return ToString(a) < ToString(b); });
  return std::optional(std::move(identity));
}

Status SessionStore::TouchSession(const std::string& token_hash, UnixMillis now) {
  ENSEMBLE_TRY(
      db_.Execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {now, token_hash}));
  return Ok();
}

Status SessionStore::SetActingStructure(const std::string& token_hash,
                                        std::optional<tenancy::StructureId> structure) {
  ENSEMBLE_TRY(db_.Execute("UPDATE sessions SET acting_structure_id = ? WHERE token_hash = ?",
                           {Nullable(structure), token_hash}));
  return Ok();
}

Status SessionStore::DeleteSession(const std::string& token_hash) {
  ENSEMBLE_TRY(db_.Execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash}));
  return Ok();
}

Status SessionStore::DeleteOtherSessions(tenancy::PersonId person,
                                         const std::string& keep_token_hash) {
  ENSEMBLE_TRY(db_.Execute("DELETE FROM sessions WHERE person_id = ? AND token_hash <> ?",
                           {person, keep_token_hash}));
  return Ok();
}

Result<std::int64_t> SessionStore::DeleteSessionsBefore(UnixMillis created_before,
                                                        UnixMillis idle_before) {
  return db_.Execute("DELETE FROM sessions WHERE created_at < ? OR last_seen_at < ?",
                     {created_before, idle_before});
}

Result<std::int64_t> SessionStore::DeleteSignInFailuresBefore(UnixMillis before) {
  return db_.Execute("DELETE FROM sign_in_failures WHERE at < ?", {before});
}

Result<tenancy::SignInCounts> SessionStore::CountSignIns(const std::string& email,
                                                         const std::string& address,
                                                         UnixMillis since,
                                                         UnixMillis trusted_since) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT "
      "(SELECT count(*) FROM sign_in_failures WHERE email = ? AND address = ? AND at >= ?), "
      "(SELECT coalesce(max(at), 0) FROM sign_in_failures WHERE email = ? AND address = ? "
      "AND at >= ?), "
      "(SELECT count(*) FROM sign_in_failures WHERE email = ? AND at >= ?), "
      "(SELECT coalesce(max(at), 0) FROM sign_in_failures WHERE email = ? AND at >= ?), "
      "(SELECT count(*) FROM sign_in_successes WHERE email = ? AND address = ? AND at >= ?), "
      "(SELECT count(*) FROM sign_in_failures WHERE address = ? AND at >= ?), "
      "(SELECT coalesce(min(at), 0) FROM sign_in_failures WHERE address = ? AND at >= ?), "
      "(SELECT count(*) FROM sign_in_successes WHERE email = ? AND at >= ?), "
      "(SELECT coalesce(min(at), 0) FROM sign_in_successes WHERE email = ? AND at >= ?), "
      "(SELECT count(*) FROM sign_in_successes WHERE address = ? AND at >= ?), "
      "(SELECT coalesce(min(at), 0) FROM sign_in_successes WHERE address = ? AND at >= ?)",
      {email, address, since,   email,         address, since,   email,   since, email,
       since, email,   address, trusted_since, address, since,   address, since, email,
       since, email,   since,   address,       since,   address, since}));
  tenancy::SignInCounts counts;
  counts.pair_failures = row->Int(0);
  counts.pair_last_failure = row->Int(1);
  counts.account_failures = row->Int(2);
  counts.account_last_failure = row->Int(3);
  counts.trusted_address = row->Int(4) > 0;
  counts.address_failures = row->Int(5);
  counts.address_oldest_failure = row->Int(6);
  counts.account_successes = row->Int(7);
  counts.account_oldest_success = row->Int(8);
  counts.address_successes = row->Int(9);
  counts.address_oldest_success = row->Int(10);
  return counts;
}

Status SessionStore::RecordSignInSuccess(const std::string& email, const std::string& address,
                                         UnixMillis at) {
  ENSEMBLE_TRY(db_.Execute("INSERT INTO sign_in_successes (email, address, at) VALUES (?, ?, ?)",
                           {email, address, at}));
  return Ok();
}

Result<std::int64_t> SessionStore::DeleteSignInSuccessesBefore(UnixMillis before) {
  return db_.Execute("DELETE FROM sign_in_successes WHERE at < ?", {before});
}

Status SessionStore::ClearFailuresForPair(const std::string& email, const std::string& address) {
  ENSEMBLE_TRY(db_.Execute("DELETE FROM sign_in_failures WHERE email = ? AND address = ?",
                           {email, address}));
  return Ok();
}

Status SessionStore::RecordSignInFailure(const std::string& email, const std::string& address,
                                         UnixMillis at) {
  ENSEMBLE_TRY(db_.Execute("INSERT INTO sign_in_failures (email, address, at) VALUES (?, ?, ?)",
                           {email, address, at}));
  return Ok();
}

Status SessionStore::RecordPasswordResetRequest(const PasswordResetRequest& r) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO password_resets (kind, email_hash, address, person_id, token_hash, created_at, "
      "expires_at) VALUES ('request', ?, ?, ?, ?, ?, ?)",
      {r.email_hash, r.address, Nullable(r.person_id), Nullable(r.token_hash), r.created_at,
       r.expires_at}));
  return Ok();
}

Status SessionStore::RecordPasswordResetRefusal(const std::string& email_hash,
                                                const std::string& address, UnixMillis at) {
  ENSEMBLE_TRY(
      db_.Execute("INSERT INTO password_resets (kind, email_hash, address, created_at, expires_at) "
                  "VALUES ('refused', ?, ?, ?, ?)",
                  {email_hash, address, at, at}));
  return Ok();
}

Result<tenancy::PasswordResetCounts> SessionStore::CountPasswordResets(
    const std::string& email_hash, const std::string& address, UnixMillis since) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT "
      "(SELECT count(*) FROM password_resets WHERE kind = 'request' AND email_hash = ? "
      "AND created_at >= ?), "
      "(SELECT coalesce(min(created_at), 0) FROM password_resets WHERE kind = 'request' "
      "AND email_hash = ? AND created_at >= ?), "
      "(SELECT count(*) FROM password_resets WHERE address = ? AND created_at >= ?), "
      "(SELECT coalesce(min(created_at), 0) FROM password_resets WHERE address = ? "
      "AND created_at >= ?)",
      {email_hash, since, email_hash, since, address, since, address, since}));
  if (!row) return tenancy::PasswordResetCounts{};
  return tenancy::PasswordResetCounts{row->Int(0), row->Int(1), row->Int(2), row->Int(3)};
}

Result<std::optional<tenancy::PasswordResetToken>> SessionStore::FindPasswordResetToken(
    const std::string& token_hash) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT id, person_id, expires_at, used_at FROM password_resets WHERE token_hash = ? "
      "AND person_id IS NOT NULL",
      {token_hash}));
  if (!row) return std::optional<tenancy::PasswordResetToken>{};
  return std::optional(
      tenancy::PasswordResetToken{row->Int(0), row->Int(1), row->Int(2), row->OptionalInt(3)});
}

Result<std::int64_t> SessionStore::RetirePasswordResetTokens(tenancy::PersonId person,
                                                             UnixMillis at) {
  return db_.Execute(
      "UPDATE password_resets SET used_at = ? WHERE person_id = ? AND used_at IS NULL",
      {at, person});
}

Result<bool> SessionStore::UsePasswordResetToken(std::int64_t id, UnixMillis at) {
  const auto changed = ENSEMBLE_TRY(db_.Execute(
      "UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL", {at, id}));
  return changed == 1;
}

Result<std::int64_t> SessionStore::DeletePasswordResetsBefore(UnixMillis before) {
  return db_.Execute("DELETE FROM password_resets WHERE created_at < ?", {before});
}

}  // namespace ensemble::storage
