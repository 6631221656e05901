#include "i18n/accept_language.h"

#include <cctype>

namespace ensemble::i18n {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), as thousandths; -1 if malformed.
int ParseWeight(std::string_view text) {
  if (text.empty() || text.size() > 5 || (text[0] != '0' && text[0] != '1')) return -1;
  int thousandths = (text[0] - '0') * 1000;
  if (text.size() == 1) return thousandths;
  if (text[1] != '.') return -1;
  int scale = 100;
  for (std::size_t i = 2; i < text.size(); ++i, scale /= 10) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    thousandths += (text[i] - '0') * scale;
  }
  return thousandths > 1000 ? -1 : thousandths;
}

// The weight a range's parameters give (1000 when none), or -1 when they are malformed.
int WeightOf(std::string_view parameters) {
  int weight = 1000;
  while (!parameters.empty()) {
    const std::size_t semicolon = parameters.find(';');
    const std::string_view parameter = Trim(parameters.substr(0, semicolon));
    parameters =
        semicolon == std::string_view::npos ? std::string_view{} : parameters.substr(semicolon + 1);
    if (parameter.size() < 2 || (parameter[0] != 'q' && parameter[0] != 'Q') ||
        parameter[1] != '=') {
      return -1;
    }
    weight = ParseWeight(parameter.substr(2));
    if (weight < 0) return -1;
  }
  return weight;
}

std::optional<Language> LanguageOfRange(std::string_view range) {
  const std::string_view primary = range.substr(0, range.find('-'));
  if (EqualsIgnoringCase(primary, "fr")) return Language::kFrench;
  if (EqualsIgnoringCase(primary, "en")) return Language::kEnglish;
  return std::nullopt;
}

}  // namespace

std::optional<Language> FromLocaleName(std::string_view locale) {
  return LanguageOfRange(locale.substr(0, locale.find_first_of("_.@")));
}

std::optional<Language> FromAcceptLanguage(std::string_view header) {
  std::optional<Language> best;
  int best_weight = 0;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    const std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const std::size_t semicolon = item.find(';');
    const std::string_view range = Trim(item.substr(0, semicolon));
    const int weight =
        semicolon == std::string_view::npos ? 1000 : WeightOf(item.substr(semicolon + 1));
    const std::optional<Language> language = LanguageOfRange(range);
    if (!language || weight <= best_weight) continue;
    best = language;
    best_weight = weight;
  }
  return best;
}

}  // namespace ensemble::i18n
