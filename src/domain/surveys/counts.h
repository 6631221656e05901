// What a structure's answers count to across structures: the single-choice questions outside
// repeats (one answer, one choice: the counts of a question add up to the structure's answers),
// and the choices one answer adds. A collective's results are made of these counts, kept per
// structure as answers arrive (storage: survey_answer_counts), and never of the answers
// themselves; and the pairs of choices one answer gives, of which the cross tables of two
// questions are made. Multiple choices, numbers and repeats are not counted yet. Pure functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/surveys/form.h"
#include "domain/surveys/submission.h"
#include "domain/surveys/types.h"

namespace ensemble::surveys {

struct CountedChoice {
  std::string name;
  std::string label;  // In the form's default language, else the first it has, else the name.
};

struct CountedQuestion {
  std::string path;  // "/data/seul"
  std::string name;
  std::string label;
  std::vector<CountedChoice> choices;  // In the list's order.
};

// The counted questions of the form, in its order.
std::vector<CountedQuestion> CountedQuestions(const Form& form);

// The (question path, choice) pairs one answer adds to its structure's counts: each counted
// question it answers, with the choice it gives.
std::vector<std::pair<std::string, std::string>> CountedChoices(const Form& form,
                                                                const Instance& instance);

// The pairs of those choices that one answer adds to its structure's cross counts (storage:
// survey_pair_counts), each once, the question sorting first first; `answers` is 1.
std::vector<PairCount> CountedPairs(
    const std::vector<std::pair<std::string, std::string>>& choices);

// A label in the form's default language, else the first non-empty one, else `fallback`.
std::string LabelIn(const Form& form, const Translations& label, const std::string& fallback);

}  // namespace ensemble::surveys
