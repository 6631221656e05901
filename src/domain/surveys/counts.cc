#include "domain/surveys/counts.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace ensemble::surveys {
namespace {

std::optional<CountedKind> KindOf(const Located& located) {
  const Node& node = *located.node;
  if (node.kind != NodeKind::kQuestion || located.repeat != nullptr) return std::nullopt;
  switch (node.type) {
    case QuestionType::kSelectOne:
      return CountedKind::kSingle;
    case QuestionType::kSelectMultiple:
      return CountedKind::kMultiple;
    case QuestionType::kInteger:
    case QuestionType::kDecimal:
      return CountedKind::kNumber;
    case QuestionType::kText:
      return CountedKind::kText;
    default:
      return std::nullopt;
  }
}

// The choices of a multiple choice's value, each once.
std::vector<std::string> ChoicesIn(std::string_view value) {
  std::vector<std::string> choices;
  for (const std::string_view word : ListedWords(value)) {
    if (std::find(choices.begin(), choices.end(), word) == choices.end()) {
      choices.emplace_back(word);
    }
  }
  return choices;
}

}  // namespace

std::optional<std::int64_t> HundredthsOf(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  // 1e15 hundredths: far beyond any count of persons or euros, and exact in a double.
  if (error != std::errc() || stop != end || !std::isfinite(value) || std::fabs(value) > 1e13) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(std::llround(value * 100));
}

std::string LabelIn(const Form& form, const Translations& label, const std::string& fallback) {
  const auto found = label.find(form.settings.default_language);
  if (found != label.end() && !found->second.empty()) return found->second;
  for (const auto& [language, text] : label) {
    if (!text.empty()) return text;
  }
  return fallback;
}

std::vector<CountedQuestion> CountedQuestions(const Form& form) {
  std::vector<CountedQuestion> questions;
  for (const Located& located : Locate(form)) {
    const std::optional<CountedKind> kind = KindOf(located);
    if (!kind) continue;
    const Node& node = *located.node;
    CountedQuestion question{
        located.path, node.name, LabelIn(form, node.label, node.name), *kind, {}};
    if (*kind == CountedKind::kNumber || *kind == CountedKind::kText) {
      questions.push_back(std::move(question));
      continue;
    }
    if (const ChoiceList* list = form.FindList(node.list_name)) {
      for (const Choice& choice : list->choices) {
        question.choices.push_back({choice.name, LabelIn(form, choice.label, choice.name)});
      }
    }
    questions.push_back(std::move(question));
  }
  return questions;
}

AnswerTally TallyAnswer(const Form& form, const Instance& instance, std::string_view month) {
  std::map<std::string, CountedKind> counted;
  for (const Located& located : Locate(form)) {
    if (const auto kind = KindOf(located)) counted.emplace(located.path, *kind);
  }
  AnswerTally tally;
  std::vector<std::pair<std::string, std::string>> single;
  std::set<std::string> seen;
  for (const FlatAnswer& answer : Flatten(form, instance)) {
    const auto kind = counted.find(answer.question_path);
    if (answer.value.empty() || kind == counted.end()) continue;
    // One answer per question, whatever a malformed instance repeats.
    if (!seen.insert(answer.question_path).second) continue;
    switch (kind->second) {
      case CountedKind::kSingle:
        single.emplace_back(answer.question_path, answer.value);
        tally.choices.emplace_back(answer.question_path, answer.value);
        break;
      case CountedKind::kMultiple:
        for (std::string& choice : ChoicesIn(answer.value)) {
          tally.choices.emplace_back(answer.question_path, std::move(choice));
        }
        break;
      case CountedKind::kText:
        tally.texts.emplace_back(answer.question_path, answer.value);
        break;
      case CountedKind::kNumber:
        if (const auto hundredths = HundredthsOf(answer.value); hundredths && *hundredths >= 0) {
          tally.numbers.push_back({answer.question_path, *hundredths, 1});
        }
        break;
    }
  }
  if (!month.empty()) {
    single.emplace_back(kMonthPath, month);
    tally.choices.emplace_back(kMonthPath, month);
  }
  tally.pairs = CountedPairs(single);
  return tally;
}

std::vector<PairCount> CountedPairs(
    const std::vector<std::pair<std::string, std::string>>& choices) {
  std::vector<std::pair<std::string, std::string>> sorted = choices;
  std::sort(sorted.begin(), sorted.end());
  std::vector<PairCount> pairs;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    for (std::size_t j = i + 1; j < sorted.size(); ++j) {
      if (sorted[i].first == sorted[j].first) continue;
      pairs.push_back({sorted[i].first, sorted[i].second, sorted[j].first, sorted[j].second, 1});
    }
  }
  return pairs;
}

}  // namespace ensemble::surveys
