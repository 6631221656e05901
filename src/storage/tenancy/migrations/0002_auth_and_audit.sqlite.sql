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
