-- The threshold of disclosure control for the questionnaire's results: its collective's when it
-- was created (tenancy migration 0010), else 5, and kept: results published under one rule are
-- never published again under another.
ALTER TABLE survey_forms ADD COLUMN threshold INTEGER NOT NULL DEFAULT 5
  CHECK (threshold BETWEEN 3 AND 50);
