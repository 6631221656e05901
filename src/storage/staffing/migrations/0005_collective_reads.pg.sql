-- A collective reads its members' shared positions as far as each party shares its staffing
-- with it (domain/staffing/collective.h decides; these policies are defence in depth). A
-- transaction acting for a member of a collective reaches, besides what it reached before:
--   - the terms of a position (the position, its parties, employments, agreements, shares and
--     signatures) when one of its parties shares its staffing with that collective at least as
--     aggregates: the use case needs every party to know whether all of them share in full;
--   - the half-days planned at a structure that shares so.
-- Never the hours worked, the absences, the money, the plan rules or the runs.
--
-- ensemble_may_see_position read the parties through their policy; it now says which parties
-- count, so that the wider policy on the parties below does not widen what it answers (the
-- absences and the parties' view of the plan rest on it).
CREATE OR REPLACE FUNCTION ensemble_may_see_position(pos BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM staffing_position_parties p
                  WHERE p.position_id = pos
                    AND (ensemble_may_reach(p.structure_id) OR ensemble_may_reach(p.carrier_id)))
      OR EXISTS (SELECT 1 FROM staffing_positions s WHERE s.id = pos AND ensemble_is_person(s.person_id))
$$;

CREATE FUNCTION ensemble_position_shared(pos BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM staffing_position_parties p
                  WHERE p.position_id = pos
                    AND ensemble_may_read_shared(p.structure_id, 'staffing', 'aggregates'))
$$;

CREATE POLICY staffing_parties_shared ON staffing_position_parties FOR SELECT
  USING (ensemble_may_read_shared(structure_id, 'staffing', 'aggregates'));
CREATE POLICY staffing_positions_shared ON staffing_positions FOR SELECT
  USING (ensemble_position_shared(id));
CREATE POLICY staffing_employments_shared ON staffing_employments FOR SELECT
  USING (ensemble_position_shared(position_id));
CREATE POLICY staffing_agreements_shared ON staffing_agreements FOR SELECT
  USING (ensemble_position_shared(position_id));
CREATE POLICY staffing_shares_shared ON staffing_agreement_shares FOR SELECT
  USING (ensemble_position_shared(position_id));
CREATE POLICY staffing_signatures_shared ON staffing_agreement_signatures FOR SELECT
  USING (ensemble_position_shared(position_id));
CREATE POLICY staffing_planned_half_days_shared ON staffing_planned_half_days FOR SELECT
  USING (ensemble_may_read_shared(structure_id, 'staffing', 'aggregates'));
