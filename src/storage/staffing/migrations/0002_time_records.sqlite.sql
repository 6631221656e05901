-- Time records (domain/staffing/time_records.h): the hours a person worked each day for each
-- structure, and her absences. She writes them; each structure reads the hours worked for it,
-- the carrier of a lent position all of them (carrier_reads holds the carrier then, NULL for a
-- multi-employer post, whose employers never see each other's hours). An absence's kind is
-- health data when it is sickness: the use case shows it to her employers only.
CREATE TABLE staffing_time_entries (
  position_id   INTEGER NOT NULL REFERENCES staffing_positions (id),
  day           TEXT NOT NULL CHECK (length(day) = 10),
  structure_id  INTEGER NOT NULL REFERENCES structures (id),
  minutes       INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
  person_id     INTEGER NOT NULL REFERENCES people (id),
  carrier_reads INTEGER REFERENCES structures (id),
  recorded_at   INTEGER NOT NULL,
  PRIMARY KEY (position_id, day, structure_id)
) STRICT;
CREATE INDEX staffing_time_entries_of_structure ON staffing_time_entries (structure_id, day);

CREATE TABLE staffing_absences (
  position_id INTEGER NOT NULL REFERENCES staffing_positions (id),
  day         TEXT NOT NULL CHECK (length(day) = 10),
  kind        TEXT NOT NULL CHECK (kind IN ('leave', 'sickness', 'training', 'other')),
  minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
  person_id   INTEGER NOT NULL REFERENCES people (id),
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (position_id, day)
) STRICT;
