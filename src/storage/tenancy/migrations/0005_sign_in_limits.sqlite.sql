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
