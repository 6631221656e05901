-- Defence in depth (storage/database.h, Scope): rows that belong to one structure and that only
-- it reads are visible to a transaction only when it acts for that structure, or when it works
-- on the whole database (migrations, copy, the job runner). Each transaction states its scope in
-- two transaction-local settings; a transaction that states none reaches none of these rows.
-- FORCE applies the policies to the tables' owner, which is the role the app connects as; a
-- superuser or a BYPASSRLS role would skip them, so `ensemble serve` refuses such a role.
CREATE FUNCTION ensemble_may_reach(owner_structure BIGINT) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('ensemble.reach', true), '') = 'whole_database'
      OR owner_structure = nullif(current_setting('ensemble.acting_structure', true), '')::BIGINT
$$;

ALTER TABLE personnel_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE personnel_files FORCE ROW LEVEL SECURITY;
CREATE POLICY personnel_files_of_the_acting_structure ON personnel_files
  USING (ensemble_may_reach(structure_id)) WITH CHECK (ensemble_may_reach(structure_id));

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY jobs_of_the_acting_structure ON jobs
  USING (ensemble_may_reach(owner_structure_id))
  WITH CHECK (ensemble_may_reach(owner_structure_id));

-- Anybody's action may be logged (a sign-in has no acting structure yet), but a structure's log
-- is read by that structure only. An UPDATE or DELETE reaches the rows in scope so that the
-- append-only triggers refuse it loudly, rather than silently changing nothing.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_written_by_anybody ON audit_log FOR INSERT WITH CHECK (true);
CREATE POLICY audit_log_read_by_its_owner ON audit_log FOR SELECT
  USING (ensemble_may_reach(owner_structure_id));
CREATE POLICY audit_log_changes_meet_the_triggers ON audit_log FOR UPDATE
  USING (ensemble_may_reach(owner_structure_id));
CREATE POLICY audit_log_removals_meet_the_triggers ON audit_log FOR DELETE
  USING (ensemble_may_reach(owner_structure_id));
