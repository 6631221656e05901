-- The cost of shared positions and the statements that re-invoice it (domain/staffing/
-- allocation.h, statements.h). Everything here is the carrier's: the salary history and payroll
-- of the positions it employs, its rates, its VAT treatment, the distances between the sites of
-- its agreements. A billed structure reads only the statements issued to it. Money is integer
-- cents; a month is 'YYYY-MM', a day 'YYYY-MM-DD'.
CREATE TABLE staffing_salary_changes (
  position_id          INTEGER NOT NULL REFERENCES staffing_positions (id),
  carrier_id           INTEGER NOT NULL REFERENCES structures (id),
  effective_from       TEXT NOT NULL CHECK (length(effective_from) = 10),
  monthly_gross_cents  INTEGER NOT NULL CHECK (monthly_gross_cents > 0),
  monthly_subsidies    TEXT NOT NULL CHECK (json_valid(monthly_subsidies)),
  recorded_by          INTEGER NOT NULL REFERENCES people (id),
  recorded_at          INTEGER NOT NULL,
  PRIMARY KEY (position_id, effective_from)
) STRICT;

CREATE TABLE staffing_payroll_months (
  position_id                  INTEGER NOT NULL REFERENCES staffing_positions (id),
  carrier_id                   INTEGER NOT NULL REFERENCES structures (id),
  month                        TEXT NOT NULL CHECK (length(month) = 7),
  gross_salary_cents           INTEGER NOT NULL CHECK (gross_salary_cents >= 0),
  employer_contributions_cents INTEGER NOT NULL CHECK (employer_contributions_cents >= 0),
  sick_pay_refunds_cents       INTEGER NOT NULL CHECK (sick_pay_refunds_cents >= 0),
  subsidies                    TEXT NOT NULL CHECK (json_valid(subsidies)),
  recorded_by                  INTEGER NOT NULL REFERENCES people (id),
  recorded_at                  INTEGER NOT NULL,
  PRIMARY KEY (position_id, month)
) STRICT;

CREATE TABLE staffing_carrier_rates (
  structure_id             INTEGER NOT NULL REFERENCES structures (id),
  effective_from           TEXT NOT NULL CHECK (length(effective_from) = 10),
  employer_contribution_bp INTEGER NOT NULL CHECK (employer_contribution_bp BETWEEN 0 AND 10000),
  km_rate_millieuros       INTEGER NOT NULL CHECK (km_rate_millieuros BETWEEN 0 AND 5000),
  recorded_by              INTEGER NOT NULL REFERENCES people (id),
  recorded_at              INTEGER NOT NULL,
  PRIMARY KEY (structure_id, effective_from)
) STRICT;

CREATE TABLE staffing_vat_settings (
  structure_id  INTEGER PRIMARY KEY REFERENCES structures (id),
  treatment     TEXT NOT NULL CHECK (treatment IN ('franchise_293b', 'exempt_261b', 'subject')),
  rate_bp       INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  recorded_by   INTEGER NOT NULL REFERENCES people (id),
  recorded_at   INTEGER NOT NULL
) STRICT;

-- The road distance between two sites, entered by the carrier; site_a < site_b.
CREATE TABLE staffing_site_distances (
  carrier_id INTEGER NOT NULL REFERENCES structures (id),
  site_a     INTEGER NOT NULL REFERENCES structures (id),
  site_b     INTEGER NOT NULL REFERENCES structures (id),
  metres     INTEGER NOT NULL CHECK (metres BETWEEN 1 AND 1000000),
  PRIMARY KEY (carrier_id, site_a, site_b),
  CHECK (site_a < site_b)
) STRICT;

-- Statement numbers run without gaps per carrier and year: the counter is raised in the
-- transaction that inserts the statement, so a rolled-back issue leaves no hole.
CREATE TABLE staffing_statement_counters (
  carrier_id    INTEGER NOT NULL REFERENCES structures (id),
  year          INTEGER NOT NULL,
  last_sequence INTEGER NOT NULL CHECK (last_sequence > 0),
  PRIMARY KEY (carrier_id, year)
) STRICT;

-- An issued statement never changes nor goes: a correction is a new statement that names it.
CREATE TABLE staffing_statements (
  id                   INTEGER PRIMARY KEY,
  carrier_id           INTEGER NOT NULL REFERENCES structures (id),
  year                 INTEGER NOT NULL,
  sequence             INTEGER NOT NULL CHECK (sequence > 0),
  number               TEXT NOT NULL,
  agreement_id         INTEGER NOT NULL REFERENCES staffing_agreements (id),
  position_id          INTEGER NOT NULL REFERENCES staffing_positions (id),
  billed_structure_id  INTEGER NOT NULL REFERENCES structures (id),
  month                TEXT NOT NULL CHECK (length(month) = 7),
  issued_on            TEXT NOT NULL CHECK (length(issued_on) = 10),
  issued_by            INTEGER NOT NULL REFERENCES people (id),
  corrects_id          INTEGER REFERENCES staffing_statements (id),
  amount_cents         INTEGER NOT NULL,
  vat_cents            INTEGER NOT NULL,
  total_cents          INTEGER NOT NULL,
  content              TEXT NOT NULL CHECK (json_valid(content)),
  UNIQUE (carrier_id, year, sequence),
  UNIQUE (carrier_id, number)
) STRICT;
CREATE INDEX staffing_statements_of_agreement ON staffing_statements (agreement_id, month);
CREATE INDEX staffing_statements_billed ON staffing_statements (billed_structure_id, month);
CREATE TRIGGER staffing_statements_are_kept_update BEFORE UPDATE ON staffing_statements
BEGIN
  SELECT RAISE(ABORT, 'staffing_statements is append-only');
END;
CREATE TRIGGER staffing_statements_are_kept_delete BEFORE DELETE ON staffing_statements
BEGIN
  SELECT RAISE(ABORT, 'staffing_statements is append-only');
END;
