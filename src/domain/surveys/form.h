// The model of a questionnaire: what an XLSForm says (domain/surveys/xlsform.h reads it), what
// Ensemble's editor builds, what the XForm writer (domain/surveys/xform.h) turns into the ODK
// XForm that ODK Collect and @getodk/web-forms fill, and what the export writes back as an
// XLSForm. It keeps the form's own words: expressions stay as written, `${name}` references
// included, so that a form read and written back is the form its authors wrote.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ensemble::surveys {

// A text in each language of the form. The key is the language as the columns name it
// ("Français (fr)"); "" holds the text of a column without a language ("label").
using Translations = std::map<std::string, std::string>;

enum class QuestionType {
  // Tier 1: daily use.
  kInteger,
  kDecimal,
  kText,
  kSelectOne,
  kSelectMultiple,
  kNote,
  kDate,
  kTime,
  kDateTime,
  kCalculate,
  kAcknowledge,
  kHidden,
  // Tier 2: media, geography, metadata.
  kGeopoint,
  kGeotrace,
  kGeoshape,
  kImage,
  kAudio,
  kVideo,
  kFile,
  kBarcode,
  kStart,
  kEnd,
  kToday,
  kDeviceId,
  kUsername,
  kPhoneNumber,
  kEmail,
  kAudit,
  // Tier 3.
  kRange,
  kRank,
};

// The XLSForm word for the type ("select_one", "dateTime"), without its list name.
std::string_view TypeWord(QuestionType type);
// The type of an XLSForm word, case as the specification writes it; nullopt if unknown.
std::optional<QuestionType> TypeOfWord(std::string_view word);
// Whether the type takes a choice list ("select_one yes_no").
bool TakesChoiceList(QuestionType type);
// Whether the type is filled by the device, not by the person (start, deviceid, audit...).
bool IsMetadata(QuestionType type);

// The media of a label, hint or choice: "image", "big-image", "audio", "video".
using Media = std::map<std::string, Translations>;

enum class NodeKind { kQuestion, kGroup, kRepeat };

struct Node {
  NodeKind kind = NodeKind::kQuestion;
  QuestionType type = QuestionType::kText;  // Questions only.
  std::string name;
  std::string list_name;  // Selects and rank.
  Translations label;
  Translations hint;
  Translations guidance_hint;
  Media media;
  std::string required;  // "" when not required; an XPath expression otherwise ("true()").
  Translations required_message;
  std::string relevant;
  std::string constraint;
  Translations constraint_message;
  std::string calculation;
  std::string trigger;        // "${name}": the question whose change recomputes this one.
  std::string default_value;  // A constant, or an expression when it references the form.
  std::string appearance;
  std::string choice_filter;
  std::string read_only;  // "" or an XPath expression ("true()").
  std::string repeat_count;
  std::map<std::string, std::string> parameters;  // "start" -> "0", "step" -> "0.5".
  std::vector<Node> children;                     // Groups and repeats.
  std::size_t row = 0;  // The survey sheet's row it was read from (1-based); 0 if built.
};

struct Choice {
  std::string name;
  Translations label;
  Media media;
  // Other columns of the choices sheet, by header, for choice_filter ("commune" -> "59350").
  std::map<std::string, std::string> columns;
  std::size_t row = 0;
};

struct ChoiceList {
  std::string name;
  std::vector<Choice> choices;
};

struct Settings {
  Translations form_title;  // "" key only, in practice.
  std::string form_id;
  std::string version;
  std::string default_language;
  std::string instance_name;  // An expression.
  std::string public_key;     // Base64 RSA public key: the form is encrypted.
  std::string submission_url;
  std::string style;               // "pages", "theme-grid"...
  std::string root_name = "data";  // The instance's root element.
};

struct Form {
  Settings settings;
  std::vector<Node> survey;
  std::vector<ChoiceList> choices;
  // Every language the columns name, "" included when some column has none; in the order the
  // columns first name them.
  std::vector<std::string> languages;

  const ChoiceList* FindList(std::string_view name) const;
};

// Each question, group and repeat of the form with its absolute path in the instance
// ("/data/household/age"), depth first in the form's order.
struct Located {
  const Node* node = nullptr;
  std::string path;
  const Node* repeat = nullptr;  // The innermost repeat holding it (itself for a repeat).
  std::string repeat_path;
};
std::vector<Located> Locate(const Form& form);

}  // namespace ensemble::surveys
