-- The threshold under which a collective's published counts are suppressed (disclosure control):
-- 5 unless its coordinating structure sets another. A questionnaire designed for the collective
-- keeps the threshold it had when created (survey_forms.threshold), so that a change never
-- publishes the same answers twice under two rules.
ALTER TABLE collectives ADD COLUMN disclosure_threshold INTEGER NOT NULL DEFAULT 5
  CHECK (disclosure_threshold BETWEEN 3 AND 50);
