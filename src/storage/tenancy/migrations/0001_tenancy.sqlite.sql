CREATE TABLE structures (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('social_centre', 'managing_association',
                                              'federation', 'partner', 'funder')),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  search_name   TEXT NOT NULL,
  siret         TEXT UNIQUE CHECK (siret IS NULL OR length(siret) = 14),
  address       TEXT NOT NULL DEFAULT '',
  commune_insee TEXT NOT NULL DEFAULT '',
  territory     TEXT NOT NULL DEFAULT '',
  managed_by    INTEGER REFERENCES structures (id),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX structures_by_search_name ON structures (search_name);
CREATE INDEX structures_by_manager ON structures (managed_by);

CREATE TABLE people (
  id             INTEGER PRIMARY KEY,
  display_name   TEXT NOT NULL,
  email          TEXT NOT NULL UNIQUE,
  password_hash  TEXT NOT NULL,
  platform_admin INTEGER NOT NULL DEFAULT 0 CHECK (platform_admin IN (0, 1)),
  created_at     INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
) STRICT;

CREATE TABLE role_grants (
  person_id    INTEGER NOT NULL REFERENCES people (id),
  structure_id INTEGER NOT NULL REFERENCES structures (id),
  role         TEXT NOT NULL CHECK (role IN ('director', 'coordinator', 'referent', 'staff',
                                             'hr_finance', 'mediator', 'funder_viewer',
                                             'federation_admin')),
  PRIMARY KEY (person_id, structure_id, role)
) STRICT;
CREATE INDEX role_grants_by_structure ON role_grants (structure_id);

CREATE TABLE collectives (
  id                        INTEGER PRIMARY KEY,
  name                      TEXT NOT NULL UNIQUE,
  purpose                   TEXT NOT NULL DEFAULT '',
  coordinating_structure_id INTEGER NOT NULL REFERENCES structures (id),
  created_at                INTEGER NOT NULL
) STRICT;

CREATE TABLE collective_members (
  collective_id      INTEGER NOT NULL REFERENCES collectives (id),
  structure_id       INTEGER NOT NULL REFERENCES structures (id),
  referent_person_id INTEGER REFERENCES people (id),
  joined_at          INTEGER NOT NULL,
  PRIMARY KEY (collective_id, structure_id)
) STRICT;
CREATE INDEX collective_members_by_structure ON collective_members (structure_id);

CREATE TABLE sharing_rules (
  structure_id  INTEGER NOT NULL,
  collective_id INTEGER NOT NULL,
  record_kind   TEXT NOT NULL CHECK (record_kind IN ('partners', 'services', 'survey_answers',
                                                     'activity', 'budget', 'staffing', 'meetings')),
  level         TEXT NOT NULL CHECK (level IN ('private', 'aggregates', 'full', 'public')),
  updated_at    INTEGER NOT NULL,
  updated_by    INTEGER REFERENCES people (id),
  PRIMARY KEY (structure_id, collective_id, record_kind),
  FOREIGN KEY (collective_id, structure_id)
    REFERENCES collective_members (collective_id, structure_id)
) STRICT;

CREATE TABLE personnel_files (
  id            INTEGER PRIMARY KEY,
  structure_id  INTEGER NOT NULL REFERENCES structures (id),
  employee_name TEXT NOT NULL,
  job_title     TEXT NOT NULL,
  contract      TEXT NOT NULL,
  notes         TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX personnel_files_by_structure ON personnel_files (structure_id);
