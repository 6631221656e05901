-- What a structure's answers count to, kept as they arrive, so that a collective's results are
-- made of each structure's aggregates and never of its answers: per form, structure, question
-- (a single-choice question outside repeats) and choice, the current answers that chose it. The
-- row of question '' and choice '' counts the structure's current answers to the form. An
-- edit takes its replaced answer's counts away.
CREATE TABLE survey_answer_counts (
  form_id       INTEGER NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
  structure_id  INTEGER NOT NULL REFERENCES structures (id),
  question_path TEXT NOT NULL,
  choice        TEXT NOT NULL,
  answers       INTEGER NOT NULL CHECK (answers >= 0),
  PRIMARY KEY (form_id, structure_id, question_path, choice)
) STRICT;
