-- What a structure's answers to its number questions (integer, decimal, outside repeats) count
-- to, kept as they arrive like survey_answer_counts, so that a collective's sums, means and
-- medians are made of each structure's aggregates: per form, structure, question and value (in
-- hundredths), the current answers that gave it. An edit takes its replaced answer's value away.
CREATE TABLE survey_number_counts (
  form_id       INTEGER NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
  structure_id  INTEGER NOT NULL REFERENCES structures (id),
  question_path TEXT NOT NULL,
  hundredths    INTEGER NOT NULL CHECK (hundredths >= 0),
  answers       INTEGER NOT NULL CHECK (answers >= 0),
  PRIMARY KEY (form_id, structure_id, question_path, hundredths)
) STRICT;
