-- The legacy prose must reach every line, whoever owns it.
SET LOCAL ensemble.reach = 'whole_database';
DROP TRIGGER audit_log_no_update ON audit_log;
DROP TRIGGER audit_log_no_delete ON audit_log;
ALTER TABLE audit_log ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
ALTER TABLE audit_log ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE audit_log ADD COLUMN chain_seq BIGINT CHECK (chain_seq IS NULL OR chain_seq >= 1);
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);
UPDATE audit_log SET params = json_build_object('text', detail)::TEXT WHERE detail <> '';
ALTER TABLE audit_log DROP COLUMN detail;
CREATE UNIQUE INDEX audit_log_by_chain ON audit_log (coalesce(owner_structure_id, 0), chain_seq);
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE chain_seq IS NULL;
CREATE INDEX audit_log_by_person ON audit_log (person_id, at);

CREATE TABLE audit_checkpoints (
  chain      BIGINT PRIMARY KEY,
  last_seq   BIGINT NOT NULL CHECK (last_seq >= 1),
  last_hash  TEXT NOT NULL CHECK (length(last_hash) = 64),
  last_at    BIGINT NOT NULL,
  purged     BIGINT NOT NULL CHECK (purged >= 0),
  updated_at BIGINT NOT NULL
);

CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL AND NEW.hash IS NOT NULL
       AND ROW(NEW.id, NEW.at, NEW.person_id, NEW.acting_structure_id, NEW.owner_structure_id,
               NEW.action, NEW.record_kind, NEW.record_id, NEW.params, NEW.changes)
           IS NOT DISTINCT FROM
           ROW(OLD.id, OLD.at, OLD.person_id, OLD.acting_structure_id, OLD.owner_structure_id,
               OLD.action, OLD.record_kind, OLD.record_id, OLD.params, OLD.changes) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: a line may only be sealed, once';
  END IF;
  IF OLD.chain_seq IS NOT NULL AND EXISTS (
       SELECT 1 FROM audit_checkpoints c
       WHERE c.chain = coalesce(OLD.owner_structure_id, 0) AND c.last_seq >= OLD.chain_seq) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: only a purge behind a checkpoint removes lines';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();

CREATE FUNCTION audit_checkpoints_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain AND NEW.last_seq > OLD.last_seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'an audit checkpoint only moves forward and is never removed';
END
$$;
CREATE TRIGGER audit_checkpoints_forward BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_guard();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_guard();

-- A structure's checkpoint is its own, like its lines; the platform chain's (0) is reached by the
-- whole database only (the purge, `ensemble audit verify`).
ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_checkpoints_of_the_acting_structure ON audit_checkpoints
  USING (ensemble_may_reach(chain)) WITH CHECK (ensemble_may_reach(chain));

-- The lines no structure owns: a person reads her own, the platform administrator reads all.
CREATE FUNCTION ensemble_may_read_platform_line(person BIGINT) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('ensemble.reach', true), '') = 'platform'
      OR person = nullif(current_setting('ensemble.person', true), '')::BIGINT
$$;
CREATE POLICY audit_log_platform_lines ON audit_log FOR SELECT
  USING (owner_structure_id IS NULL AND ensemble_may_read_platform_line(person_id));
