-- Time records (domain/staffing/time_records.h): the hours a person worked each day for each
-- structure, and her absences. She writes them; each structure reads the hours worked for it,
-- the carrier of a lent position all of them (carrier_reads holds the carrier then, NULL for a
-- multi-employer post, whose employers never see each other's hours). An absence's kind is
-- health data when it is sickness: the use case shows it to her employers only.
CREATE TABLE staffing_time_entries (
  position_id   BIGINT NOT NULL REFERENCES staffing_positions (id),
  day           TEXT NOT NULL CHECK (length(day) = 10),
  structure_id  BIGINT NOT NULL REFERENCES structures (id),
  minutes       BIGINT NOT NULL CHECK (minutes BETWEEN 1 AND 600),
  person_id     BIGINT NOT NULL REFERENCES people (id),
  carrier_reads BIGINT REFERENCES structures (id),
  recorded_at   BIGINT NOT NULL,
  PRIMARY KEY (position_id, day, structure_id)
);
CREATE INDEX staffing_time_entries_of_structure ON staffing_time_entries (structure_id, day);

CREATE TABLE staffing_absences (
  position_id BIGINT NOT NULL REFERENCES staffing_positions (id),
  day         TEXT NOT NULL CHECK (length(day) = 10),
  kind        TEXT NOT NULL CHECK (kind IN ('leave', 'sickness', 'training', 'other')),
  minutes     BIGINT NOT NULL CHECK (minutes BETWEEN 1 AND 600),
  person_id   BIGINT NOT NULL REFERENCES people (id),
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (position_id, day)
);

-- Defence in depth (0001_positions.pg.sql): the person reaches her own days (Scope::
-- OwnPlatformLines) and alone writes them; a structure reaches the hours worked for it, the
-- carrier of a lent position every hour, and every party the absences.
ALTER TABLE staffing_time_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE staffing_time_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY staffing_time_entries_seen ON staffing_time_entries FOR SELECT
  USING (ensemble_is_person(person_id) OR ensemble_may_reach(structure_id)
         OR ensemble_may_reach(carrier_reads));
CREATE POLICY staffing_time_entries_recorded ON staffing_time_entries FOR INSERT
  WITH CHECK (ensemble_is_person(person_id));
CREATE POLICY staffing_time_entries_corrected ON staffing_time_entries FOR UPDATE
  USING (ensemble_is_person(person_id)) WITH CHECK (ensemble_is_person(person_id));
CREATE POLICY staffing_time_entries_removed ON staffing_time_entries FOR DELETE
  USING (ensemble_is_person(person_id));

ALTER TABLE staffing_absences ENABLE ROW LEVEL SECURITY;
ALTER TABLE staffing_absences FORCE ROW LEVEL SECURITY;
CREATE POLICY staffing_absences_seen ON staffing_absences FOR SELECT
  USING (ensemble_is_person(person_id) OR ensemble_may_see_position(position_id));
CREATE POLICY staffing_absences_recorded ON staffing_absences FOR INSERT
  WITH CHECK (ensemble_is_person(person_id));
CREATE POLICY staffing_absences_corrected ON staffing_absences FOR UPDATE
  USING (ensemble_is_person(person_id)) WITH CHECK (ensemble_is_person(person_id));
CREATE POLICY staffing_absences_removed ON staffing_absences FOR DELETE
  USING (ensemble_is_person(person_id));
