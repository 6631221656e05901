-- The exports of a structure's answers made in the background (app/surveys/export_use_cases.cc):
-- who asked, in which format and language, how it went, and once made the file itself (base64, as
-- attachments are), until the person who asked downloads it or housekeeping removes it a day
-- later. The job's progress is read from its job (storage/jobs). An export holds the structure's
-- answers: the same row-level security keeps it to that structure.
CREATE TABLE survey_exports (
  id             INTEGER PRIMARY KEY,
  form_id        INTEGER NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
  structure_id   INTEGER NOT NULL REFERENCES structures (id),
  requested_by   INTEGER NOT NULL REFERENCES people (id),
  format         TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  language       TEXT NOT NULL CHECK (language IN ('fr', 'en')),
  state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  job_id         INTEGER NOT NULL DEFAULT 0,
  file_name      TEXT NOT NULL DEFAULT '',
  answers        INTEGER NOT NULL DEFAULT 0,
  bytes          INTEGER NOT NULL DEFAULT 0,
  content_base64 TEXT NOT NULL DEFAULT '',
  error          TEXT NOT NULL DEFAULT '',
  requested_at   INTEGER NOT NULL,
  finished_at    INTEGER
) STRICT;
CREATE INDEX survey_exports_by_time ON survey_exports (requested_at);
