-- Records shared under sharing levels (partners, services, survey answers, activity figures)
-- are read by their owner, and by other structures as far as the owner's sharing rules reach
-- the collectives of the structure the transaction acts for: a public rule reaches everybody.
-- A table of such records puts its policy on ensemble_may_read_shared(owner, kind, needed), so
-- that the database enforces the levels and not only the owner (defence in depth behind
-- domain/access, which decides the same).
CREATE FUNCTION ensemble_level_rank(level TEXT) RETURNS INT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE level WHEN 'private' THEN 0 WHEN 'aggregates' THEN 1 WHEN 'full' THEN 2
                    WHEN 'public' THEN 3 END
$$;

CREATE FUNCTION ensemble_may_read_shared(owner_structure BIGINT, kind TEXT, needed TEXT)
RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT ensemble_may_reach(owner_structure) OR EXISTS (
    SELECT 1 FROM sharing_rules r
     WHERE r.structure_id = owner_structure
       AND r.record_kind = kind
       AND ensemble_level_rank(r.level) >= ensemble_level_rank(needed)
       AND (r.level = 'public' OR r.collective_id IN (
             SELECT m.collective_id FROM collective_members m
              WHERE m.structure_id =
                    nullif(current_setting('ensemble.acting_structure', true), '')::BIGINT)))
$$;
