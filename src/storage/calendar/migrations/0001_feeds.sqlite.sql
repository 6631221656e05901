-- Calendar feeds: the secret URLs calendar applications subscribe to (components/calendar,
-- feed_token.h). A feed belongs to a person (her own calendar) or to a structure (its shared
-- calendar). Only the SHA-256 of the token is stored, in hex: a copy of the database holds no
-- working feed URL. A feed is never deleted on revocation, only marked, so that the account
-- page can say when it was revoked; at most one feed per owner is live, and creating a new one
-- revokes the previous (rotation).
CREATE TABLE calendar_feeds (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  owner_kind   TEXT NOT NULL CHECK (owner_kind IN ('person', 'structure')),
  person_id    INTEGER REFERENCES people (id),
  structure_id INTEGER REFERENCES structures (id),
  created_by   INTEGER NOT NULL REFERENCES people (id),
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER,
  CHECK ((owner_kind = 'person' AND person_id IS NOT NULL AND structure_id IS NULL)
      OR (owner_kind = 'structure' AND structure_id IS NOT NULL AND person_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX calendar_feeds_live_of_person ON calendar_feeds (person_id)
  WHERE owner_kind = 'person' AND revoked_at IS NULL;
CREATE UNIQUE INDEX calendar_feeds_live_of_structure ON calendar_feeds (structure_id)
  WHERE owner_kind = 'structure' AND revoked_at IS NULL;
