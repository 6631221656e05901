-- The files a submission references (photos, recordings, the audit log, an encrypted
-- submission's submission.xml.enc and media), each stored once per submission by the name the
-- instance gives it, base64 as the forms' sources are. An attachment is its structure's, as the
-- answer it belongs to.
CREATE TABLE survey_attachments (
  submission_id INTEGER NOT NULL REFERENCES survey_submissions (id) ON DELETE CASCADE,
  structure_id  INTEGER NOT NULL REFERENCES structures (id),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  content_type  TEXT NOT NULL,
  bytes         INTEGER NOT NULL CHECK (bytes >= 0),
  sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
  data_base64   TEXT NOT NULL,
  PRIMARY KEY (submission_id, name)
) STRICT;
