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
