-- Shared positions (domain/staffing/types.h): a position held by one person, its employment
-- contracts, the lending agreements with their shares and signatures. Dates are ISO 8601 text
-- ('2026-01-31'), money and durations integers. The structures party to a position (its
-- employers and every structure its agreements lend it to) are kept in staffing_position_parties
-- as well, written by the store in the same transaction, so that PostgreSQL's row-level policies
-- (0001_positions.pg.sql) can tell who reaches a position without reading across its tables.
CREATE TABLE staffing_positions (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('lending', 'multi_employer')),
  carrier_id    INTEGER NOT NULL REFERENCES structures (id),
  person_id     INTEGER NOT NULL REFERENCES people (id),
  person_name   TEXT NOT NULL,
  qualification TEXT NOT NULL DEFAULT '',
  tasks         TEXT NOT NULL DEFAULT '',
  working_days  INTEGER NOT NULL CHECK (working_days BETWEEN 1 AND 127),
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX staffing_positions_of_person ON staffing_positions (person_id);

CREATE TABLE staffing_employments (
  position_id    INTEGER NOT NULL REFERENCES staffing_positions (id) ON DELETE CASCADE,
  employer_id    INTEGER NOT NULL REFERENCES structures (id),
  carrier_id     INTEGER NOT NULL REFERENCES structures (id),
  weekly_minutes INTEGER NOT NULL CHECK (weekly_minutes BETWEEN 1 AND 2880),
  PRIMARY KEY (position_id, employer_id)
) STRICT;

CREATE TABLE staffing_position_parties (
  position_id  INTEGER NOT NULL REFERENCES staffing_positions (id) ON DELETE CASCADE,
  structure_id INTEGER NOT NULL REFERENCES structures (id),
  carrier_id   INTEGER NOT NULL REFERENCES structures (id),
  PRIMARY KEY (position_id, structure_id)
) STRICT;
CREATE INDEX staffing_position_parties_of_structure ON staffing_position_parties (structure_id);

CREATE TABLE staffing_agreements (
  id          INTEGER PRIMARY KEY,
  position_id INTEGER NOT NULL REFERENCES staffing_positions (id),
  carrier_id  INTEGER NOT NULL REFERENCES structures (id),
  starts_on   TEXT NOT NULL CHECK (length(starts_on) = 10),
  ends_on     TEXT NOT NULL CHECK (length(ends_on) = 10 AND ends_on >= starts_on),
  billing     TEXT NOT NULL CHECK (billing IN ('monthly', 'quarterly')),
  travel      TEXT NOT NULL CHECK (travel IN ('visited_structure', 'carrier')),
  ended_on    TEXT CHECK (ended_on IS NULL OR length(ended_on) = 10),
  -- The date the terms were last set: the date of the agreement's document, which is signed
  -- as it is (its SHA-256), so that it must not change with the day it is printed.
  drafted_on  TEXT NOT NULL CHECK (length(drafted_on) = 10),
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX staffing_agreements_of_position ON staffing_agreements (position_id);

CREATE TABLE staffing_agreement_shares (
  agreement_id INTEGER NOT NULL REFERENCES staffing_agreements (id) ON DELETE CASCADE,
  position_id  INTEGER NOT NULL REFERENCES staffing_positions (id),
  carrier_id   INTEGER NOT NULL REFERENCES structures (id),
  structure_id INTEGER NOT NULL REFERENCES structures (id),
  share_bp     INTEGER NOT NULL CHECK (share_bp BETWEEN 1 AND 9999),
  PRIMARY KEY (agreement_id, structure_id)
) STRICT;

-- A signature is never changed nor removed: it records who signed which exact document.
CREATE TABLE staffing_agreement_signatures (
  agreement_id    INTEGER NOT NULL REFERENCES staffing_agreements (id),
  position_id     INTEGER NOT NULL REFERENCES staffing_positions (id),
  structure_id    INTEGER NOT NULL REFERENCES structures (id),
  signer_name     TEXT NOT NULL,
  signer_role     TEXT NOT NULL,
  signed_on       TEXT NOT NULL CHECK (length(signed_on) = 10),
  document_sha256 TEXT NOT NULL CHECK (length(document_sha256) = 64),
  recorded_by     INTEGER NOT NULL REFERENCES people (id),
  recorded_at     INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, structure_id)
) STRICT;
CREATE TRIGGER staffing_signatures_are_kept_update BEFORE UPDATE ON staffing_agreement_signatures
BEGIN
  SELECT RAISE(ABORT, 'staffing_agreement_signatures is append-only');
END;
CREATE TRIGGER staffing_signatures_are_kept_delete BEFORE DELETE ON staffing_agreement_signatures
BEGIN
  SELECT RAISE(ABORT, 'staffing_agreement_signatures is append-only');
END;
