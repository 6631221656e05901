-- What a structure's answers to its number questions (integer, decimal, outside repeats) count
-- to, kept as they arrive like survey_answer_counts, so that a collective's sums, means and
-- medians are made of each structure's aggregates: per form, structure, question and value (in
-- hundredths), the current answers that gave it. An edit takes its replaced answer's value away.
CREATE TABLE survey_number_counts (
  form_id       BIGINT NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
  structure_id  BIGINT NOT NULL REFERENCES structures (id),
  question_path TEXT NOT NULL,
  hundredths    BIGINT NOT NULL CHECK (hundredths >= 0),
  answers       BIGINT NOT NULL CHECK (answers >= 0),
  PRIMARY KEY (form_id, structure_id, question_path, hundredths)
);
-- As survey_answer_counts: the collecting structure keeps them; another structure reads them
-- where the owner shares its survey answers with one of its collectives at least as aggregates.
ALTER TABLE survey_number_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_number_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_number_counts_of_the_acting_structure ON survey_number_counts
  USING (ensemble_may_reach(structure_id)) WITH CHECK (ensemble_may_reach(structure_id));
CREATE POLICY survey_number_counts_shared ON survey_number_counts FOR SELECT
  USING (ensemble_may_read_shared(structure_id, 'survey_answers', 'aggregates'));
