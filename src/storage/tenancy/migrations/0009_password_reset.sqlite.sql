-- « Mot de passe oublié »: each request for a reset link, and each refused use of one, so that
-- both are limited per address asked for and per client. A request for an address with an
-- account carries the hash of its single-use token (never the token) and the person; one for an
-- unknown address carries neither, so that the answer and the limits are the same for both. The
-- address asked for is kept as a hash only: it may be nobody's. Read before anybody is known,
-- like sign_in_failures, so not under row-level security.
CREATE TABLE password_resets (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CONSTRAINT password_resets_kind CHECK (kind IN ('request', 'refused')),
  email_hash TEXT NOT NULL,
  address    TEXT NOT NULL,
  person_id  INTEGER REFERENCES people (id) ON DELETE CASCADE,
  token_hash TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT;
CREATE INDEX password_resets_by_email ON password_resets (email_hash, created_at);
CREATE INDEX password_resets_by_address ON password_resets (address, created_at);
CREATE INDEX password_resets_by_person ON password_resets (person_id);
-- The reset link's mail belongs to no structure, only to its person: her own transaction queues
-- it (Scope::OwnPlatformLines), and no structure's nor anybody else's may reach it.
ALTER TABLE jobs ADD COLUMN for_person_id INTEGER;
