-- A structure's key for an encrypted questionnaire (ODK's encrypted forms): its collectors get
-- the form under this public key, and only who presents the passphrase or the recovery code opens
-- the private key, sealed by each (app/surveys/odk_encryption.h). One key per structure and form:
-- each structure's answers are readable by it alone, whoever designed the questionnaire.
CREATE TABLE survey_form_keys (
  form_id              INTEGER NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
  structure_id         INTEGER NOT NULL REFERENCES structures (id),
  tag                  TEXT NOT NULL CHECK (length(tag) = 8),
  public_key           TEXT NOT NULL,
  sealed_by_passphrase TEXT NOT NULL,
  sealed_by_recovery   TEXT NOT NULL,
  created_by           INTEGER NOT NULL REFERENCES people (id),
  created_at           INTEGER NOT NULL,
  passphrase_set_at    INTEGER NOT NULL,
  PRIMARY KEY (form_id, structure_id)
) STRICT;
