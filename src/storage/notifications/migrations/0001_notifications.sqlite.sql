-- Notifications (components/notifications): what a module tells one person, as codes and
-- values (the pages word them), and how each person wants each kind delivered. A notification
-- sent in a daily digest points to the digest that included it, so that no run sends it twice.
CREATE TABLE notification_digests (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES people (id),
  mail_job   INTEGER NOT NULL,  -- the queued mail; not a reference: finished jobs are purged
  items      INTEGER NOT NULL CHECK (items >= 1),
  sent_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX notification_digests_by_person ON notification_digests (person_id, sent_at);

CREATE TABLE notifications (
  id                 INTEGER PRIMARY KEY,
  person_id          INTEGER NOT NULL REFERENCES people (id),
  owner_structure_id INTEGER REFERENCES structures (id),
  kind               TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
  params             TEXT NOT NULL DEFAULT '{}',
  link               TEXT NOT NULL DEFAULT '',
  -- The delivery chosen when it was written, from the person's setting at that moment.
  channel            TEXT NOT NULL CHECK (channel IN ('in_app', 'email_now', 'daily_digest')),
  created_at         INTEGER NOT NULL,
  read_at            INTEGER,
  digest_id          INTEGER REFERENCES notification_digests (id)
) STRICT;
CREATE INDEX notifications_by_person ON notifications (person_id, id);
CREATE INDEX notifications_waiting_for_a_digest ON notifications (channel, digest_id, read_at);

-- A person's choices: her language for mail, and per kind a channel (a kind without a row keeps
-- the default its module declared).
CREATE TABLE notification_settings (
  person_id  INTEGER PRIMARY KEY REFERENCES people (id),
  language   TEXT NOT NULL CHECK (language IN ('fr', 'en')),
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE notification_channels (
  person_id  INTEGER NOT NULL REFERENCES people (id),
  kind       TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
  channel    TEXT NOT NULL CHECK (channel IN ('in_app', 'email_now', 'daily_digest', 'off')),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (person_id, kind)
) STRICT;
