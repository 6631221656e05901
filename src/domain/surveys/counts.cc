#include "domain/surveys/counts.h"

#include <algorithm>
#include <set>

namespace ensemble::surveys {
namespace {

bool Counted(const Located& located) {
  const Node& node = *located.node;
  return node.kind == NodeKind::kQuestion && node.type == QuestionType::kSelectOne &&
         located.repeat == nullptr;
}

}  // namespace

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
    if (!Counted(located)) continue;
    const Node& node = *located.node;
    CountedQuestion question{located.path, node.name, LabelIn(form, node.label, node.name), {}};
    if (const ChoiceList* list = form.FindList(node.list_name)) {
      for (const Choice& choice : list->choices) {
        question.choices.push_back({choice.name, LabelIn(form, choice.label, choice.name)});
      }
    }
    questions.push_back(std::move(question));
  }
  return questions;
}

std::vector<std::pair<std::string, std::string>> CountedChoices(const Form& form,
                                                                const Instance& instance) {
  std::set<std::string> counted;
  for (const Located& located : Locate(form)) {
    if (Counted(located)) counted.insert(located.path);
  }
  std::vector<std::pair<std::string, std::string>> choices;
  std::set<std::string> seen;
  for (const FlatAnswer& answer : Flatten(form, instance)) {
    if (answer.value.empty() || !counted.contains(answer.question_path)) continue;
    // One choice per question, whatever a malformed instance repeats.
    if (!seen.insert(answer.question_path).second) continue;
    choices.emplace_back(answer.question_path, answer.value);
  }
  return choices;
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
