-- Each person's language for the pages, the API's messages and her mails: French unless she
-- chooses English (PUT /api/v1/me/language).
ALTER TABLE people ADD COLUMN language TEXT NOT NULL DEFAULT 'fr'
  CONSTRAINT people_language CHECK (language IN ('fr', 'en'));
