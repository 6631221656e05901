-- What a structure's answers count to two questions at once, kept as they arrive like
-- survey_answer_counts, so that the cross table of two questions is made of each structure's
-- aggregates: per form, structure and pair of single-choice questions outside repeats (the
-- first's path sorting before the second's), the current answers that gave both choices. An
-- edit takes its replaced answer's pairs away.
CREATE TABLE survey_pair_counts (
  form_id       BIGINT NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
  structure_id  BIGINT NOT NULL REFERENCES structures (id),
  first_path    TEXT NOT NULL,
  first_choice  TEXT NOT NULL,
  second_path   TEXT NOT NULL,
  second_choice TEXT NOT NULL,
  answers       BIGINT NOT NULL CHECK (answers >= 0),
  PRIMARY KEY (form_id, structure_id, first_path, second_path, first_choice, second_choice),
  CHECK (first_path COLLATE "C" < second_path COLLATE "C")
);
-- As survey_answer_counts: the collecting structure keeps them; another structure reads them
-- where the owner shares its survey answers with one of its collectives at least as aggregates.
ALTER TABLE survey_pair_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_pair_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_pair_counts_of_the_acting_structure ON survey_pair_counts
  USING (ensemble_may_reach(structure_id)) WITH CHECK (ensemble_may_reach(structure_id));
CREATE POLICY survey_pair_counts_shared ON survey_pair_counts FOR SELECT
  USING (ensemble_may_read_shared(structure_id, 'survey_answers', 'aggregates'));
