-- Plans (domain/staffing/plans.h, planning.h): each structure's opening hours, a position's
-- commitments and wishes, the runs the carrier asks for (one month at a time by the solver, in
-- a background job) with their report, and the live plan: one row per planned half-day. Each
-- structure reads its own half-days of the plan, the carrier of a lent position all of them
-- (carrier_reads holds the carrier then, NULL for a multi-employer post); the person hers.
CREATE TABLE staffing_opening_hours (
  structure_id INTEGER PRIMARY KEY REFERENCES structures (id),
  open_mask    INTEGER NOT NULL CHECK (open_mask BETWEEN 0 AND 16383),
  recorded_by  INTEGER NOT NULL REFERENCES people (id),
  recorded_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE staffing_plan_rules (
  position_id INTEGER PRIMARY KEY REFERENCES staffing_positions (id),
  carrier_id  INTEGER NOT NULL REFERENCES structures (id),
  version     INTEGER NOT NULL CHECK (version > 0)
) STRICT;

CREATE TABLE staffing_commitments (
  position_id  INTEGER NOT NULL REFERENCES staffing_positions (id),
  carrier_id   INTEGER NOT NULL REFERENCES structures (id),
  day          TEXT NOT NULL CHECK (length(day) = 10),
  half         TEXT NOT NULL CHECK (half IN ('morning', 'afternoon')),
  structure_id INTEGER NOT NULL REFERENCES structures (id),
  label        TEXT NOT NULL,
  place        TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute   INTEGER NOT NULL,
  PRIMARY KEY (position_id, day, half)
) STRICT;

CREATE TABLE staffing_preferences (
  position_id  INTEGER NOT NULL REFERENCES staffing_positions (id),
  carrier_id   INTEGER NOT NULL REFERENCES structures (id),
  iso_weekday  INTEGER NOT NULL CHECK (iso_weekday BETWEEN 1 AND 7),
  structure_id INTEGER NOT NULL REFERENCES structures (id),
  PRIMARY KEY (position_id, iso_weekday)
) STRICT;

CREATE TABLE staffing_plans (
  id             INTEGER PRIMARY KEY,
  position_id    INTEGER NOT NULL REFERENCES staffing_positions (id),
  carrier_id     INTEGER NOT NULL REFERENCES structures (id),
  first_day      TEXT NOT NULL CHECK (length(first_day) = 10),
  last_day       TEXT NOT NULL CHECK (length(last_day) = 10),
  plan_from      TEXT NOT NULL CHECK (length(plan_from) = 10),
  state          TEXT NOT NULL CHECK (state IN ('queued', 'solving', 'done', 'failed')),
  job_id         INTEGER NOT NULL,
  requested_by   INTEGER NOT NULL REFERENCES people (id),
  requested_at   INTEGER NOT NULL,
  finished_at    INTEGER,
  distance       REAL NOT NULL DEFAULT 0,
  proven_optimal INTEGER NOT NULL DEFAULT 0,
  worst_gap      REAL NOT NULL DEFAULT 0,
  error_message  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX staffing_plans_of_position ON staffing_plans (position_id, id);

CREATE TABLE staffing_plan_months (
  plan_id     INTEGER NOT NULL REFERENCES staffing_plans (id),
  carrier_id  INTEGER NOT NULL REFERENCES structures (id),
  month       TEXT NOT NULL CHECK (length(month) = 7),
  optimal     INTEGER NOT NULL,
  gap         REAL NOT NULL,
  largest_gap REAL NOT NULL,
  gap_proven  INTEGER NOT NULL,
  half_days   INTEGER NOT NULL,
  elapsed_us  INTEGER NOT NULL,
  PRIMARY KEY (plan_id, month)
) STRICT;

CREATE TABLE staffing_plan_shortfalls (
  plan_id           INTEGER NOT NULL REFERENCES staffing_plans (id),
  carrier_id        INTEGER NOT NULL REFERENCES structures (id),
  structure_id      INTEGER NOT NULL REFERENCES structures (id),
  agreed_half_days  REAL NOT NULL,
  planned_half_days INTEGER NOT NULL,
  short_by          INTEGER NOT NULL,
  open_half_days    INTEGER NOT NULL,
  reason            TEXT NOT NULL,
  PRIMARY KEY (plan_id, structure_id)
) STRICT;

CREATE TABLE staffing_planned_half_days (
  position_id   INTEGER NOT NULL REFERENCES staffing_positions (id),
  day           TEXT NOT NULL CHECK (length(day) = 10),
  half          TEXT NOT NULL CHECK (half IN ('morning', 'afternoon')),
  structure_id  INTEGER NOT NULL REFERENCES structures (id),
  start_minute  INTEGER NOT NULL,
  end_minute    INTEGER NOT NULL,
  commitment    TEXT NOT NULL,
  plan_id       INTEGER NOT NULL REFERENCES staffing_plans (id),
  person_id     INTEGER NOT NULL REFERENCES people (id),
  carrier_reads INTEGER REFERENCES structures (id),
  PRIMARY KEY (position_id, day, half)
) STRICT;
CREATE INDEX staffing_planned_half_days_of_structure
  ON staffing_planned_half_days (structure_id, day);
CREATE INDEX staffing_planned_half_days_of_person ON staffing_planned_half_days (person_id, day);
