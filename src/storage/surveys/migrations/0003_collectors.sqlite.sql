-- Collectors ("app users", as ODK Central calls them): a device of one person collecting for one
-- structure with ODK Collect. The secret in its URL (/openrosa/<token>/...) is the credential;
-- only its SHA-256 is kept, in hex. A collector is revoked, never deleted: its answers keep it.
CREATE TABLE survey_collectors (
  id           INTEGER PRIMARY KEY,
  structure_id INTEGER NOT NULL REFERENCES structures (id),
  person_id    INTEGER NOT NULL REFERENCES people (id),
  label        TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER,
  last_used_at INTEGER
) STRICT;
CREATE INDEX survey_collectors_of_structure ON survey_collectors (structure_id);
