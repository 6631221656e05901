-- A structure's key for an encrypted questionnaire (ODK's encrypted forms): its collectors get
-- the form under this public key, and only who presents the passphrase or the recovery code opens
-- the private key, sealed by each (app/surveys/odk_encryption.h). One key per structure and form:
-- each structure's answers are readable by it alone, whoever designed the questionnaire.
CREATE TABLE survey_form_keys (
  form_id              BIGINT NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
  structure_id         BIGINT NOT NULL REFERENCES structures (id),
  tag                  TEXT NOT NULL CHECK (length(tag) = 8),
  public_key           TEXT NOT NULL,
  sealed_by_passphrase TEXT NOT NULL,
  sealed_by_recovery   TEXT NOT NULL,
  created_by           BIGINT NOT NULL REFERENCES people (id),
  created_at           BIGINT NOT NULL,
  passphrase_set_at    BIGINT NOT NULL,
  PRIMARY KEY (form_id, structure_id)
);
-- The structure's alone: no collective reads another's key, sealed or not.
ALTER TABLE survey_form_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_form_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_form_keys_of_the_acting_structure ON survey_form_keys
  USING (ensemble_may_reach(structure_id)) WITH CHECK (ensemble_may_reach(structure_id));
