// The SQLite schema, one migration per version, applied in order by SqliteDatabase::Migrate.
// A migration is never edited once released: add a new one. The PostgreSQL backend keeps the
// same versions with its own dialect, ending in the same tables and columns.
#include "storage/sqlite/migrations.h"

namespace ensemble::storage::sqlite {

namespace {

// Instants are integer milliseconds since the Unix epoch (UTC); booleans are 0/1 integers.
constexpr const char* kTenancy = R"sql(
CREATE TABLE structures (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('social_centre', 'managing_association',
                                              'federation', 'partner', 'funder')),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  search_name   TEXT NOT NULL,
  siret         TEXT UNIQUE CHECK (siret IS NULL OR length(siret) = 14),
  address       TEXT NOT NULL DEFAULT '',
  commune_insee TEXT NOT NULL DEFAULT '',
  territory     TEXT NOT NULL DEFAULT '',
  managed_by    INTEGER REFERENCES structures (id),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX structures_by_search_name ON structures (search_name);
CREATE INDEX structures_by_manager ON structures (managed_by);

CREATE TABLE people (
  id             INTEGER PRIMARY KEY,
  display_name   TEXT NOT NULL,
  email          TEXT NOT NULL UNIQUE,
  password_hash  TEXT NOT NULL,
  platform_admin INTEGER NOT NULL DEFAULT 0 CHECK (platform_admin IN (0, 1)),
  created_at     INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
) STRICT;

CREATE TABLE role_grants (
  person_id    INTEGER NOT NULL REFERENCES people (id),
  structure_id INTEGER NOT NULL REFERENCES structures (id),
  role         TEXT NOT NULL CHECK (role IN ('director', 'coordinator', 'referent', 'staff',
                                             'hr_finance', 'mediator', 'funder_viewer',
                                             'federation_admin')),
  PRIMARY KEY (person_id, structure_id, role)
) STRICT;
CREATE INDEX role_grants_by_structure ON role_grants (structure_id);

CREATE TABLE collectives (
  id                        INTEGER PRIMARY KEY,
  name                      TEXT NOT NULL UNIQUE,
  purpose                   TEXT NOT NULL DEFAULT '',
  coordinating_structure_id INTEGER NOT NULL REFERENCES structures (id),
  created_at                INTEGER NOT NULL
) STRICT;

CREATE TABLE collective_members (
  collective_id      INTEGER NOT NULL REFERENCES collectives (id),
  structure_id       INTEGER NOT NULL REFERENCES structures (id),
  referent_person_id INTEGER REFERENCES people (id),
  joined_at          INTEGER NOT NULL,
  PRIMARY KEY (collective_id, structure_id)
) STRICT;
CREATE INDEX collective_members_by_structure ON collective_members (structure_id);

CREATE TABLE sharing_rules (
  structure_id  INTEGER NOT NULL,
  collective_id INTEGER NOT NULL,
  record_kind   TEXT NOT NULL CHECK (record_kind IN ('partners', 'services', 'survey_answers',
                                                     'activity', 'budget', 'staffing', 'meetings')),
  level         TEXT NOT NULL CHECK (level IN ('private', 'aggregates', 'full', 'public')),
  updated_at    INTEGER NOT NULL,
  updated_by    INTEGER REFERENCES people (id),
  PRIMARY KEY (structure_id, collective_id, record_kind),
  FOREIGN KEY (collective_id, structure_id)
    REFERENCES collective_members (collective_id, structure_id)
) STRICT;

CREATE TABLE personnel_files (
  id            INTEGER PRIMARY KEY,
  structure_id  INTEGER NOT NULL REFERENCES structures (id),
  employee_name TEXT NOT NULL,
  job_title     TEXT NOT NULL,
  contract      TEXT NOT NULL,
  notes         TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX personnel_files_by_structure ON personnel_files (structure_id);
)sql";

constexpr const char* kAuthAndAudit = R"sql(
-- Sessions live in the database so that several app servers recognise the same person.
-- Only a hash of the token is stored: a copy of the database does not sign anybody in.
CREATE TABLE sessions (
  token_hash          TEXT PRIMARY KEY,
  person_id           INTEGER NOT NULL REFERENCES people (id),
  acting_structure_id INTEGER REFERENCES structures (id),
  csrf_token          TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  last_seen_at        INTEGER NOT NULL,
  remote_address      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_by_person ON sessions (person_id);

CREATE TABLE sign_in_failures (
  id      INTEGER PRIMARY KEY,
  email   TEXT NOT NULL,
  address TEXT NOT NULL,
  at      INTEGER NOT NULL
) STRICT;
CREATE INDEX sign_in_failures_by_email ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at);

-- Append-only: the triggers refuse any change or removal of a written line.
CREATE TABLE audit_log (
  id                  INTEGER PRIMARY KEY,
  at                  INTEGER NOT NULL,
  person_id           INTEGER REFERENCES people (id),
  acting_structure_id INTEGER REFERENCES structures (id),
  owner_structure_id  INTEGER REFERENCES structures (id),
  action              TEXT NOT NULL,
  record_kind         TEXT NOT NULL,
  record_id           TEXT NOT NULL DEFAULT '',
  detail              TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_by_owner ON audit_log (owner_structure_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

constexpr const char* kJobs = R"sql(
-- Background jobs (exports, imports, plan solving, e-mails): one queue for every app server.
-- A worker claims a job by taking a lease (locked_by, locked_until); a job whose lease expired
-- belongs to a worker that died and may be claimed again. attempts counts claims.
CREATE TABLE jobs (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
  payload            TEXT NOT NULL DEFAULT '{}',
  owner_structure_id INTEGER REFERENCES structures (id),
  state              TEXT NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts       INTEGER NOT NULL CHECK (max_attempts >= 1),
  run_after          INTEGER NOT NULL,
  locked_by          TEXT,
  locked_until       INTEGER,
  progress_done      INTEGER NOT NULL DEFAULT 0,
  progress_total     INTEGER NOT NULL DEFAULT 0,
  last_error         TEXT NOT NULL DEFAULT '',
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX jobs_by_claim ON jobs (state, run_after);
CREATE INDEX jobs_by_owner ON jobs (owner_structure_id);
)sql";

// PostgreSQL's migration 4 adds row-level security policies. SQLite has none; the version
// exists so that both backends count the same versions.
constexpr const char* kRowSecurity = R"sql(
-- Nothing to change in SQLite.
)sql";

constexpr const char* kSignInLimits = R"sql(
-- Sign-in limits per (account, address), on successes too, and sessions a person can list and
-- end by a random public id (never the token hash, which signs in).
CREATE INDEX sign_in_failures_by_pair ON sign_in_failures (email, address, at);
CREATE TABLE sign_in_successes (
  id      INTEGER PRIMARY KEY,
  email   TEXT NOT NULL,
  address TEXT NOT NULL,
  at      INTEGER NOT NULL
) STRICT;
CREATE INDEX sign_in_successes_by_pair ON sign_in_successes (email, address, at);
CREATE INDEX sign_in_successes_by_address ON sign_in_successes (address, at);
ALTER TABLE sessions ADD COLUMN public_id TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
UPDATE sessions SET public_id = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX sessions_by_public_id ON sessions (public_id);
)sql";

// Audit lines carry codes and parameters rather than prose, before/after of the fields a change
// touched, and their place in a hash chain per owner structure (storage/audit/audit_chain.h): lines
// are appended unsealed (chain_seq and hash NULL) and the sealing job seals them in order. The
// triggers let exactly one change through, the sealing of an unsealed line, and one removal,
// the purge of lines that a checkpoint of the purged prefix covers. Prose written before this
// version moves into params as {"text": …}.
constexpr const char* kAuditChain = R"sql(
DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
ALTER TABLE audit_log ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
ALTER TABLE audit_log ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE audit_log ADD COLUMN chain_seq INTEGER CHECK (chain_seq IS NULL OR chain_seq >= 1);
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);
UPDATE audit_log SET params = json_object('text', detail) WHERE detail <> '';
ALTER TABLE audit_log DROP COLUMN detail;
-- The chain of a line is its owner structure, 0 for the lines no structure owns.
CREATE UNIQUE INDEX audit_log_by_chain ON audit_log (coalesce(owner_structure_id, 0), chain_seq);
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE chain_seq IS NULL;
CREATE INDEX audit_log_by_person ON audit_log (person_id, at);

-- What a purge removed of each chain: the last purged line's sequence number and hash, from
-- which verification of the remaining lines starts.
CREATE TABLE audit_checkpoints (
  chain      INTEGER PRIMARY KEY,
  last_seq   INTEGER NOT NULL CHECK (last_seq >= 1),
  last_hash  TEXT NOT NULL CHECK (length(last_hash) = 64),
  last_at    INTEGER NOT NULL,
  purged     INTEGER NOT NULL CHECK (purged >= 0),
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.chain_seq IS NOT NULL OR NEW.chain_seq IS NULL OR NEW.hash IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.person_id IS NOT OLD.person_id
  OR NEW.acting_structure_id IS NOT OLD.acting_structure_id
  OR NEW.owner_structure_id IS NOT OLD.owner_structure_id OR NEW.action IS NOT OLD.action
  OR NEW.record_kind IS NOT OLD.record_kind OR NEW.record_id IS NOT OLD.record_id
  OR NEW.params IS NOT OLD.params OR NEW.changes IS NOT OLD.changes
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: a line may only be sealed, once'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.chain_seq IS NULL OR NOT EXISTS (
  SELECT 1 FROM audit_checkpoints c
  WHERE c.chain = coalesce(OLD.owner_structure_id, 0) AND c.last_seq >= OLD.chain_seq)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: only a purge behind a checkpoint removes lines'); END;
CREATE TRIGGER audit_checkpoints_forward BEFORE UPDATE ON audit_checkpoints
WHEN NEW.chain IS NOT OLD.chain OR NEW.last_seq <= OLD.last_seq
BEGIN SELECT RAISE(ABORT, 'an audit checkpoint only moves forward'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'an audit checkpoint is never removed'); END;
)sql";

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> migrations{
      {1, "tenancy", kTenancy},
      {2, "auth_and_audit", kAuthAndAudit},
      {3, "jobs", kJobs},
      {4, "row_security", kRowSecurity},
      {5, "sign_in_limits", kSignInLimits},
      {6, "audit_chain", kAuditChain},
  };
  return migrations;
}

}  // namespace ensemble::storage::sqlite
