-- Wrong passphrases and recovery codes tried on a structure's key: past a few, each further
-- attempt waits twice as long (app/surveys/key_use_cases.cc). The count starts again once the
-- window has passed. Kept apart from the key, as sign-in failures are from the accounts: the
-- bookkeeping of refused attempts, not a change of what the structure stored.
CREATE TABLE survey_key_failures (
  form_id         BIGINT NOT NULL,
  structure_id    BIGINT NOT NULL,
  failed_attempts BIGINT NOT NULL CHECK (failed_attempts >= 1),
  last_failed_at  BIGINT NOT NULL,
  PRIMARY KEY (form_id, structure_id),
  FOREIGN KEY (form_id, structure_id) REFERENCES survey_form_keys (form_id, structure_id)
    ON DELETE CASCADE
);
ALTER TABLE survey_key_failures ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_key_failures FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_key_failures_of_the_acting_structure ON survey_key_failures
  USING (ensemble_may_reach(structure_id)) WITH CHECK (ensemble_may_reach(structure_id));
