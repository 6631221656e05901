-- What a structure's answers count to two questions at once, kept as they arrive like
-- survey_answer_counts, so that the cross table of two questions is made of each structure's
-- aggregates: per form, structure and pair of single-choice questions outside repeats (the
-- first's path sorting before the second's), the current answers that gave both choices. An
-- edit takes its replaced answer's pairs away.
CREATE TABLE survey_pair_counts (
  form_id       INTEGER NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
  structure_id  INTEGER NOT NULL REFERENCES structures (id),
  first_path    TEXT NOT NULL,
  first_choice  TEXT NOT NULL,
  second_path   TEXT NOT NULL,
  second_choice TEXT NOT NULL,
  answers       INTEGER NOT NULL CHECK (answers >= 0),
  PRIMARY KEY (form_id, structure_id, first_path, second_path, first_choice, second_choice),
  CHECK (first_path < second_path)
) STRICT;
