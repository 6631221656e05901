-- Questionnaires (domain/surveys/types.h): a form designed by one structure, for itself or for a
-- collective whose members collect it; its versions, each the uploaded XLSForm (base64, as the
-- file came) and the XForm written from it; the submissions, each owned by the structure that
-- collected it. An instanceID is stored once on the whole server: ODK clients resend, and an
-- edit names the instance it replaces (deprecated_id).
CREATE TABLE survey_forms (
  id              INTEGER PRIMARY KEY,
  owner_id        INTEGER NOT NULL REFERENCES structures (id),
  collective_id   INTEGER REFERENCES collectives (id),
  title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 400),
  xform_id        TEXT NOT NULL UNIQUE,
  state           TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  current_version INTEGER NOT NULL CHECK (current_version >= 1),
  created_by      INTEGER NOT NULL REFERENCES people (id),
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX survey_forms_of_owner ON survey_forms (owner_id);
CREATE INDEX survey_forms_of_collective ON survey_forms (collective_id);

CREATE TABLE survey_form_versions (
  form_id       INTEGER NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
  number        INTEGER NOT NULL CHECK (number >= 1),
  version       TEXT NOT NULL,
  source_format TEXT NOT NULL CHECK (source_format IN ('xlsx', 'csv')),
  source_base64 TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  xform         TEXT NOT NULL,
  xform_md5     TEXT NOT NULL CHECK (length(xform_md5) = 32),
  created_by    INTEGER NOT NULL REFERENCES people (id),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (form_id, number),
  UNIQUE (form_id, version)
) STRICT;

CREATE TABLE survey_submissions (
  id            INTEGER PRIMARY KEY,
  form_id       INTEGER NOT NULL REFERENCES survey_forms (id),
  form_version  INTEGER NOT NULL,
  structure_id  INTEGER NOT NULL REFERENCES structures (id),
  instance_id   TEXT NOT NULL UNIQUE CHECK (length(instance_id) BETWEEN 1 AND 200),
  deprecated_id TEXT,
  submitted_by  INTEGER REFERENCES people (id),
  submitted_at  INTEGER NOT NULL,
  xml           TEXT NOT NULL,
  current       INTEGER NOT NULL CHECK (current IN (0, 1)),
  FOREIGN KEY (form_id, form_version) REFERENCES survey_form_versions (form_id, number)
) STRICT;
CREATE INDEX survey_submissions_of_structure ON survey_submissions (structure_id, form_id);
