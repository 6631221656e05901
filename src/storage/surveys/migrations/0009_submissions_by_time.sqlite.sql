-- A structure's answers to a form newest first, as the list and the exports read them, a page at
-- a time (SurveysStore::CurrentSubmissionsPage): each page found from the index, not sorted again.
CREATE INDEX survey_submissions_by_time
  ON survey_submissions (form_id, structure_id, current, submitted_at DESC, id DESC);
