DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
ALTER TABLE audit_log ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
ALTER TABLE audit_log ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE audit_log ADD COLUMN chain_seq INTEGER CHECK (chain_seq IS NULL OR chain_seq >= 1);
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);
UPDATE audit_log SET params = json_object('text', detail) WHERE detail <> '';
ALTER TABLE audit_log DROP COLUMN detail;
-- The chain of a line is its owner structure, 0 for the lines no structure owns.
CREATE UNIQUE INDEX audit_log_by_chain ON audit_log (coalesce(owner_structure_id, 0), chain_seq);
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE chain_seq IS NULL;
CREATE INDEX audit_log_by_person ON audit_log (person_id, at);

-- What a purge removed of each chain: the last purged line's sequence number and hash, from
-- which verification of the remaining lines starts.
CREATE TABLE audit_checkpoints (
  chain      INTEGER PRIMARY KEY,
  last_seq   INTEGER NOT NULL CHECK (last_seq >= 1),
  last_hash  TEXT NOT NULL CHECK (length(last_hash) = 64),
  last_at    INTEGER NOT NULL,
  purged     INTEGER NOT NULL CHECK (purged >= 0),
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.chain_seq IS NOT NULL OR NEW.chain_seq IS NULL OR NEW.hash IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.person_id IS NOT OLD.person_id
  OR NEW.acting_structure_id IS NOT OLD.acting_structure_id
  OR NEW.owner_structure_id IS NOT OLD.owner_structure_id OR NEW.action IS NOT OLD.action
  OR NEW.record_kind IS NOT OLD.record_kind OR NEW.record_id IS NOT OLD.record_id
  OR NEW.params IS NOT OLD.params OR NEW.changes IS NOT OLD.changes
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: a line may only be sealed, once'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.chain_seq IS NULL OR NOT EXISTS (
  SELECT 1 FROM audit_checkpoints c
  WHERE c.chain = coalesce(OLD.owner_structure_id, 0) AND c.last_seq >= OLD.chain_seq)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: only a purge behind a checkpoint removes lines'); END;
CREATE TRIGGER audit_checkpoints_forward BEFORE UPDATE ON audit_checkpoints
WHEN NEW.chain IS NOT OLD.chain OR NEW.last_seq <= OLD.last_seq
BEGIN SELECT RAISE(ABORT, 'an audit checkpoint only moves forward'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'an audit checkpoint is never removed'); END;
