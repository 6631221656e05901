// What a structure's answers count to across structures, for the questions outside repeats:
//   - single choices (one answer, one choice: the counts of a question add up to the
//     structure's answers), and the pairs of choices one answer gives, of which the cross tables
//     of two questions are made;
//   - multiple choices: each choice's count (an answer adds one to each choice it gives, so they
//     do not add up to the answers);
//   - numbers (integer, decimal): how many answers gave each value, of which sums, means and
//     medians are made.
// A collective's results are made of these counts, kept per structure as answers arrive
// (storage: survey_answer_counts, survey_pair_counts, survey_number_counts), and never of the
// answers themselves. Repeats and free text are not counted. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

enum class CountedKind { kSingle, kMultiple, kNumber, kText };

struct CountedQuestion {
  std::string path;  // "/data/seul"
  std::string name;
  std::string label;
  CountedKind kind = CountedKind::kSingle;
  std::vector<CountedChoice> choices;  // In the list's order; none for a number.
};

// The counted questions of the form, in its order.
std::vector<CountedQuestion> CountedQuestions(const Form& form);

// The month an answer was sent in, counted as a single choice of its own ("2026-10", Paris
// time), so that results break down by set periods (calendar months, never a range a reader
// picks: two ranges a day apart would give away that day's answers) with the machinery of the
// choices: its table by structure, its cross table with any question. Its path and name cannot
// be a form's: XLSForm names never hold "@".
inline constexpr std::string_view kMonthPath = "/@month";
inline constexpr std::string_view kMonthName = "sent@month";

// What one answer adds to its structure's counts (types.h); `month` ("2026-10", empty: none) is
// the month it was sent in.
AnswerTally TallyAnswer(const Form& form, const Instance& instance, std::string_view month = {});

// The pairs of single choices (no two of one question) that one answer adds to its structure's
// cross counts, each once, the question sorting first first; `answers` is 1.
std::vector<PairCount> CountedPairs(
    const std::vector<std::pair<std::string, std::string>>& choices);

// A number as its count keeps it: in hundredths, rounded half away from zero ("72" -> 7200,
// "0.125" -> 13); empty when the text is not a finite number or too large.
std::optional<std::int64_t> HundredthsOf(std::string_view text);

// A label in the form's default language, else the first non-empty one, else `fallback`.
std::string LabelIn(const Form& form, const Translations& label, const std::string& fallback);

}  // namespace ensemble::surveys
