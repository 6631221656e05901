#include "i18n/i18n.h"

#include <spdlog/spdlog.h>
#include <unicode/datefmt.h>
#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/numfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <boost/json.hpp>
#include <memory>
#include <unordered_map>

namespace ensemble::i18n {
namespace {

// Looked up by string_view without a copy.
struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};
using Texts = std::unordered_map<std::string, std::string, TransparentHash, std::equal_to<>>;

void Load(Texts& texts, std::string_view module, std::string_view language, std::string_view json) {
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(json, error);
  if (error || !parsed.is_object()) {
    // The catalogue test parses every file: this is a build that skipped it.
    spdlog::error("messages/{}/{}.json is not a JSON object: {}", module, language,
                  error.message());
    return;
  }
  for (const auto& [id, text] : parsed.as_object()) {
    if (text.is_string()) texts.emplace(std::string(id), std::string(text.as_string()));
  }
}

const Texts& TextsOf(Language language) {
  static const Texts* const kTexts = [] {
    static Texts both[2];
    for (const ModuleCatalogue& catalogue : AllCatalogues()) {
      Load(both[0], catalogue.module, "fr", catalogue.french);
      Load(both[1], catalogue.module, "en", catalogue.english);
    }
    return both;
  }();
  return kTexts[language == Language::kEnglish ? 1 : 0];
}

const icu::Locale& LocaleOf(Language language) {
  static const icu::Locale kFrench("fr_FR");
  static const icu::Locale kEnglish("en_GB");
  return language == Language::kEnglish ? kEnglish : kFrench;
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string FormatDate(MessageDate date, Language language) {
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createDateInstance(icu::DateFormat::kLong, LocaleOf(language)));
  if (!format) return std::to_string(date.unix_millis);
  format->adoptTimeZone(icu::TimeZone::createTimeZone("Europe/Paris"));
  icu::UnicodeString out;
  format->format(static_cast<UDate>(date.unix_millis), out);
  return ToUtf8(out);
}

icu::Formattable ToFormattable(const MessageValue& value, Language language) {
  struct Visitor {
    Language language;
    icu::Formattable operator()(std::int64_t number) const {
      return icu::Formattable(static_cast<int64_t>(number));
    }
    icu::Formattable operator()(double number) const { return icu::Formattable(number); }
    icu::Formattable operator()(const std::string& text) const {
      return icu::Formattable(icu::UnicodeString::fromUTF8(text));
    }
    icu::Formattable operator()(MessageDate date) const {
      return icu::Formattable(icu::UnicodeString::fromUTF8(FormatDate(date, language)));
    }
  };
  return std::visit(Visitor{language}, value);
}

// Our apostrophes are letters: doubled, ICU reads each as one.
icu::UnicodeString PatternOf(std::string_view text) {
  std::string doubled;
  doubled.reserve(text.size());
  for (const char c : text) {
    doubled += c;
    if (c == '\'') doubled += '\'';
  }
  return icu::UnicodeString::fromUTF8(doubled);
}

std::string Format(const Message& message, std::string_view text, Language language) {
  UErrorCode status = U_ZERO_ERROR;
  icu::MessageFormat format(PatternOf(text), LocaleOf(language), status);
  if (U_FAILURE(status)) {
    spdlog::error("message {} ({}): malformed text: {}", message.id, ToString(language),
                  u_errorName(status));
    return std::string(text);
  }
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(message.params.size());
  values.reserve(message.params.size());
  for (const MessageParam& param : message.params) {
    names.push_back(icu::UnicodeString::fromUTF8(param.name));
    values.push_back(ToFormattable(param.value, language));
  }
  icu::UnicodeString out;
  format.format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, status);
  if (U_FAILURE(status)) {
    spdlog::error("message {} ({}): cannot render: {}", Describe(message), ToString(language),
                  u_errorName(status));
    return std::string(text);
  }
  return ToUtf8(out);
}

}  // namespace

std::string Render(const Message& message, Language language) {
  const Texts& texts = TextsOf(language);
  const auto found = texts.find(std::string_view(message.id));
  if (found == texts.end()) {
    spdlog::warn("message {} has no {} text", message.id, ToString(language));
    return message.id;
  }
  const std::string& text = found->second;
  // Most texts have no placeholder: they need no formatter.
  if (text.find('{') == std::string::npos) return text;
  return Format(message, text, language);
}

bool Knows(std::string_view id, Language language) { return TextsOf(language).contains(id); }

std::string FormatNumber(double number, Language language) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> format(
      icu::NumberFormat::createInstance(LocaleOf(language), status));
  if (U_FAILURE(status)) return fmt::format("{}", number);
  icu::UnicodeString out;
  format->format(number, out);
  return ToUtf8(out);
}

std::string FormatInteger(std::int64_t number, Language language) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> format(
      icu::NumberFormat::createInstance(LocaleOf(language), status));
  if (U_FAILURE(status)) return std::to_string(number);
  icu::UnicodeString out;
  format->format(static_cast<int64_t>(number), out);
  return ToUtf8(out);
}

}  // namespace ensemble::i18n
