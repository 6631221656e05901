-- What a structure's answers count to, kept as they arrive, so that a collective's results are
-- made of each structure's aggregates and never of its answers: per form, structure, question
-- (a single-choice question outside repeats) and choice, the current answers that chose it. The
-- row of question '' and choice '' counts the structure's current answers to the form. An
-- edit takes its replaced answer's counts away.
CREATE TABLE survey_answer_counts (
  form_id       BIGINT NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
  structure_id  BIGINT NOT NULL REFERENCES structures (id),
  question_path TEXT NOT NULL,
  choice        TEXT NOT NULL,
  answers       BIGINT NOT NULL CHECK (answers >= 0),
  PRIMARY KEY (form_id, structure_id, question_path, choice)
);
-- The collecting structure keeps them; a transaction acting for another structure reads them
-- where the owner shares its survey answers with one of that structure's collectives at least as
-- aggregates (ensemble_may_read_shared, tenancy migration 0007). domain/surveys decides which
-- form's collective counts; this is defence in depth. No other structure ever writes them.
ALTER TABLE survey_answer_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_answer_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_answer_counts_of_the_acting_structure ON survey_answer_counts
  USING (ensemble_may_reach(structure_id)) WITH CHECK (ensemble_may_reach(structure_id));
CREATE POLICY survey_answer_counts_shared ON survey_answer_counts FOR SELECT
  USING (ensemble_may_read_shared(structure_id, 'survey_answers', 'aggregates'));
