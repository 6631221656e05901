#include "domain/surveys/submission.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <utility>

#include "core/text.h"

namespace ensemble::surveys {
namespace {

// --- text ------------------------------------------------------------------------------------

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimXml(std::string_view text) {
  while (!text.empty() && IsXmlSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsXmlSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool IsBlank(std::string_view text) { return TrimXml(text).empty(); }

// The words of a space-separated list (select_multiple, rank, geopoint).
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsXmlSpace(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !IsXmlSpace(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// The name without its namespace prefix: ODK Collect writes an encrypted submission's meta as
// <orx:meta><orx:instanceID>.
std::string_view LocalName(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// A value as a message parameter: at most 80 code points, so that a violation stays readable.
std::string Shown(std::string_view value) {
  constexpr std::size_t kMaxCodePoints = 80;
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if ((static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) continue;
    if (++code_points > kMaxCodePoints) return std::string(value.substr(0, i)) + "…";
  }
  return std::string(value);
}

bool HasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 && !IsXmlSpace(c); });
}

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A file name as ODK clients write it in an instance: a name, never a path.
bool IsFileName(std::string_view name) {
  constexpr std::size_t kMaxFileName = 255;
  if (name.empty() || name.size() > kMaxFileName || name == "." || name == "..") return false;
  if (name != TrimXml(name)) return false;
  return name.find_first_of("/\\") == std::string_view::npos && !HasControlCharacter(name);
}

// --- reading ---------------------------------------------------------------------------------

// parse_doctype makes pugixml keep a DOCTYPE as a node, so that the reading can refuse it
// rather than silently skip it; pugixml expands no entity a DTD declares either way (only the
// five predefined ones and character references). parse_ws_pcdata_single keeps a value made
// of spaces (<nom> </nom>) while dropping the indentation between elements. No comments,
// processing instructions nor declaration are kept.
constexpr unsigned int kParseOptions =
    pugi::parse_default | pugi::parse_doctype | pugi::parse_ws_pcdata_single;

class Reader {
 public:
  explicit Reader(const InstanceLimits& limits) : limits_(limits) {}

  Status Read(pugi::xml_node from, InstanceNode& to, std::size_t depth, const std::string& parent) {
    if (++elements_ > limits_.max_elements) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"surveys.submission.too_many_elements", {{"max", limits_.max_elements}}});
    }
    if (depth > limits_.max_depth) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"surveys.submission.too_deep", {{"max", limits_.max_depth}}}, parent);
    }
    to.name = from.name();
    const std::string path = parent + "/" + to.name;
    bool has_children = false;
    for (const pugi::xml_node child : from.children()) {
      if (child.type() == pugi::node_element) {
        has_children = true;
      } else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        to.text += child.value();
        if (to.text.size() > limits_.max_value_bytes) {
          return Fail(ErrorCode::kInvalidArgument,
                      Message{"surveys.submission.value_too_long",
                              {{"path", path}, {"max", limits_.max_value_bytes}}},
                      path);
        }
      }
    }
    if (auto checked = CheckText(to.text, path); !checked) return checked;
    // White space between child elements is layout, not a value.
    if (has_children && IsBlank(to.text)) to.text.clear();
    for (const pugi::xml_node child : from.children()) {
      if (child.type() != pugi::node_element) continue;
      to.children.emplace_back();
      if (auto read = Read(child, to.children.back(), depth + 1, path); !read) return read;
    }
    return Ok();
  }

  // Character references can name what the input bytes cannot hold: a surrogate, a control.
  static Status CheckText(std::string_view text, const std::string& path) {
    if (!IsValidUtf8(text)) {
      return Fail(ErrorCode::kInvalidArgument, Message{"surveys.submission.not_utf8"}, path);
    }
    if (HasControlCharacter(text)) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"surveys.submission.control_character", {{"path", path}}}, path);
    }
    return Ok();
  }

 private:
  const InstanceLimits& limits_;
  std::size_t elements_ = 0;
};

const InstanceNode* ChildNamed(const InstanceNode& node, std::string_view local_name) {
  for (const InstanceNode& child : node.children) {
    if (LocalName(child.name) == local_name) return &child;
  }
  return nullptr;
}

std::string TextOf(const InstanceNode* node) {
  return node == nullptr ? std::string() : std::string(TrimXml(node->text));
}

Status ReadMeta(Instance& instance) {
  const std::string meta_path = "/" + instance.root.name + "/meta";
  const InstanceNode* meta = ChildNamed(instance.root, "meta");
  if (meta == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, Message{"surveys.submission.no_instance_id"},
                meta_path + "/instanceID");
  }
  instance.instance_id = TextOf(ChildNamed(*meta, "instanceID"));
  instance.deprecated_id = TextOf(ChildNamed(*meta, "deprecatedID"));
  instance.instance_name = TextOf(ChildNamed(*meta, "instanceName"));
  if (instance.instance_id.empty()) {
    return Fail(ErrorCode::kInvalidArgument, Message{"surveys.submission.no_instance_id"},
                meta_path + "/instanceID");
  }
  if (!IsInstanceId(instance.instance_id)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        Message{"surveys.submission.bad_instance_id", {{"value", Shown(instance.instance_id)}}},
        meta_path + "/instanceID");
  }
  if (!instance.deprecated_id.empty() && !IsInstanceId(instance.deprecated_id)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        Message{"surveys.submission.bad_deprecated_id", {{"value", Shown(instance.deprecated_id)}}},
        meta_path + "/deprecatedID");
  }
  return Ok();
}

Status ReadEncrypted(Instance& instance) {
  const std::string root = "/" + instance.root.name;
  EncryptedSubmission encrypted;
  encrypted.base64_encrypted_key = TextOf(ChildNamed(instance.root, "base64EncryptedKey"));
  encrypted.encrypted_xml_file = TextOf(ChildNamed(instance.root, "encryptedXmlFile"));
  encrypted.base64_encrypted_element_signature =
      TextOf(ChildNamed(instance.root, "base64EncryptedElementSignature"));
  for (const char* element : {"base64EncryptedKey", "encryptedXmlFile"}) {
    if (TextOf(ChildNamed(instance.root, element)).empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"surveys.submission.encrypted_incomplete", {{"element", element}}},
                  root + "/" + element);
    }
  }
  const auto check_file = [&](const std::string& name, const std::string& path) -> Status {
    if (IsFileName(name)) return Ok();
    return Fail(
        ErrorCode::kInvalidArgument,
        Message{"surveys.submission.not_file_name", {{"path", path}, {"value", Shown(name)}}},
        path);
  };
  if (auto checked = check_file(encrypted.encrypted_xml_file, root + "/encryptedXmlFile");
      !checked) {
    return checked;
  }
  for (const InstanceNode& media : instance.root.children) {
    if (LocalName(media.name) != "media") continue;
    for (const InstanceNode& file : media.children) {
      if (LocalName(file.name) != "file") continue;
      std::string name(TrimXml(file.text));
      if (auto checked = check_file(name, root + "/media/file"); !checked) return checked;
      encrypted.media_files.push_back(std::move(name));
    }
  }
  instance.encrypted = std::move(encrypted);
  return Ok();
}

// --- writing ---------------------------------------------------------------------------------

void AppendAttribute(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  AppendXmlEscaped(out, value, true);
  out += '"';
}

void AppendNode(std::string& out, const InstanceNode& node, const Instance* root_of) {
  out += '<';
  out += node.name;
  if (root_of != nullptr) {
    if (!root_of->form_id.empty()) AppendAttribute(out, "id", root_of->form_id);
    if (!root_of->version.empty()) AppendAttribute(out, "version", root_of->version);
    if (root_of->encrypted) AppendAttribute(out, "encrypted", "yes");
  }
  if (node.text.empty() && node.children.empty()) {
    out += "/>";
    return;
  }
  out += '>';
  AppendXmlEscaped(out, node.text, false);
  for (const InstanceNode& child : node.children) AppendNode(out, child, nullptr);
  out += "</";
  out += node.name;
  out += '>';
}

// --- values ----------------------------------------------------------------------------------

// XML Schema's integer, within 64 bits: an optional sign and digits.
std::optional<std::int64_t> ParseInteger(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const std::string_view digits = !text.empty() && text.front() == '-' ? text.substr(1) : text;
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), IsDigit)) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// XML Schema's decimal ([+-]digits.digits), and the exponent JavaScript's number-to-string
// writes for very small or large numbers (1e-7), which @getodk/web-forms may send; finite.
std::optional<double> ParseDecimal(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::size_t i = !text.empty() && text.front() == '-' ? 1 : 0;
  std::size_t digits = 0;
  while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t start = i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i == start) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// Exactly `count` digits at `at`, as a number.
std::optional<int> Digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// YYYY-MM-DD, a day of the calendar.
bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const auto year = Digits(text, 0, 4);
  const auto month = Digits(text, 5, 2);
  const auto day = Digits(text, 8, 2);
  if (!year || !month || !day || *year == 0 || *month < 1 || *month > 12 || *day < 1) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = *month == 2 && IsLeapYear(*year) ? 29 : kDays[*month - 1];
  return *day <= days;
}

// HH:MM:SS, optional fraction, optional zone (Z or ±HH:MM): ODK writes 10:30:00.000+01:00.
bool IsTime(std::string_view text) {
  if (text.size() < 8 || text[2] != ':' || text[5] != ':') return false;
  const auto hour = Digits(text, 0, 2);
  const auto minute = Digits(text, 3, 2);
  const auto second = Digits(text, 6, 2);
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59) return false;
  std::string_view rest = text.substr(8);
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < rest.size() && IsDigit(rest[digits])) ++digits;
    if (digits == 0) return false;
    rest.remove_prefix(digits);
  }
  if (rest.empty() || rest == "Z") return true;
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':') return false;
  const auto zone_hour = Digits(rest, 1, 2);
  const auto zone_minute = Digits(rest, 4, 2);
  if (!zone_hour || !zone_minute || *zone_minute > 59) return false;
  return *zone_hour < 14 || (*zone_hour == 14 && *zone_minute == 0);
}

bool IsDateTime(std::string_view text) {
  return text.size() > 11 && text[10] == 'T' && IsDate(text.substr(0, 10)) &&
         IsTime(text.substr(11));
}

struct Point {
  double latitude = 0;
  double longitude = 0;
};

// "lat lon [alt [accuracy]]" in decimal degrees and metres.
std::optional<Point> ParsePoint(std::string_view text) {
  const std::vector<std::string_view> words = Words(text);
  if (words.size() < 2 || words.size() > 4) return std::nullopt;
  std::vector<double> numbers;
  for (const std::string_view word : words) {
    const auto number = ParseDecimal(word);
    if (!number) return std::nullopt;
    numbers.push_back(*number);
  }
  if (numbers[0] < -90 || numbers[0] > 90 || numbers[1] < -180 || numbers[1] > 180) {
    return std::nullopt;
  }
  return Point{numbers[0], numbers[1]};
}

// Points separated by ";" (a trailing ";" tolerated), at least `min_points`.
std::optional<std::vector<Point>> ParsePoints(std::string_view text, std::size_t min_points) {
  std::vector<Point> points;
  while (!text.empty()) {
    const auto semicolon = text.find(';');
    const std::string_view part = TrimXml(text.substr(0, semicolon));
    const bool last = semicolon == std::string_view::npos;
    text.remove_prefix(last ? text.size() : semicolon + 1);
    if (part.empty() && last && !points.empty()) break;
    const auto point = ParsePoint(part);
    if (!point) return std::nullopt;
    points.push_back(*point);
  }
  if (points.size() < min_points) return std::nullopt;
  return points;
}

// --- the constraints checked without XPath -----------------------------------------------

enum class Outcome { kHolds, kFails, kNotChecked };

// std::regex on code points: a pattern's [À-ÿ] is a range of characters, not of bytes.
std::optional<std::wstring> Widen(std::string_view utf8) {
  if (!IsValidUtf8(utf8)) return std::nullopt;
  std::wstring out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const std::size_t extra = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
    char32_t code = extra == 0   ? lead
                    : extra == 1 ? lead & 0x1Fu
                    : extra == 2 ? lead & 0x0Fu
                                 : lead & 0x07u;
    for (std::size_t k = 1; k <= extra; ++k) {
      code = (code << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    }
    out.push_back(static_cast<wchar_t>(code));
    i += extra + 1;
  }
  return out;
}

// libstdc++'s backtracking executor is exponential on patterns like (a*)*b and recurses once
// per character: its polynomial one (a Thompson simulation, refusing back-references) is
// bounded by the pattern's size times the value's.
constexpr std::regex_constants::syntax_option_type kRegexOptions =
    std::regex_constants::ECMAScript
#if defined(__GLIBCXX__)
    | std::regex_constants::__polynomial
#endif
    ;

class RegexCache {
 public:
  // The compiled pattern, or nullptr when std::regex refuses it or it is too long.
  const std::wregex* Find(const std::string& pattern) {
    auto found = compiled_.find(pattern);
    if (found == compiled_.end()) {
      std::optional<std::wregex> regex;
      const auto wide = Widen(pattern);
      if (wide && pattern.size() <= kMaxRegexPatternBytes) {
        try {
          regex.emplace(*wide, kRegexOptions);
        } catch (const std::regex_error&) {
          regex.reset();
        }
      }
      found = compiled_.emplace(pattern, std::move(regex)).first;
    }
    return found->second ? &*found->second : nullptr;
  }

 private:
  std::map<std::string, std::optional<std::wregex>> compiled_;
};

// Evaluates the subset of constraints the header describes on one value, or says it cannot.
class ConstraintSubset {
 public:
  ConstraintSubset(std::string_view expression, std::string_view value,
                   std::optional<double> number, RegexCache& regexes)
      : rest_(expression), value_(value), number_(number), regexes_(regexes) {}

  Outcome Evaluate() {
    Next();
    const bool holds = Or(0);
    if (!supported_ || token_.kind != Kind::kEnd) return Outcome::kNotChecked;
    return holds ? Outcome::kHolds : Outcome::kFails;
  }

 private:
  enum class Kind {
    kDot,
    kNumber,
    kString,
    kOperator,
    kAnd,
    kOr,
    kRegex,
    kOpen,
    kClose,
    kComma,
    kMinus,
    kEnd,
    kOther
  };
  struct Token {
    Kind kind = Kind::kEnd;
    std::string_view text;
    double number = 0;
  };
  static constexpr std::size_t kMaxNesting = 32;

  bool Unsupported() {
    supported_ = false;
    return false;
  }

  void Next() {
    while (!rest_.empty() && IsXmlSpace(rest_.front())) rest_.remove_prefix(1);
    token_ = Token{};
    if (rest_.empty()) return;
    const char c = rest_.front();
    const auto take = [&](Kind kind, std::size_t size) {
      token_.kind = kind;
      token_.text = rest_.substr(0, size);
      rest_.remove_prefix(size);
    };
    if (IsDigit(c) || (c == '.' && rest_.size() > 1 && IsDigit(rest_[1]))) {
      std::size_t size = 0;
      while (size < rest_.size() && IsDigit(rest_[size])) ++size;
      if (size < rest_.size() && rest_[size] == '.') {
        ++size;
        while (size < rest_.size() && IsDigit(rest_[size])) ++size;
      }
      const auto number = ParseDecimal(rest_.substr(0, size));
      take(number ? Kind::kNumber : Kind::kOther, size);
      token_.number = number.value_or(0);
      return;
    }
    if (c == '.') return take(rest_.starts_with("..") ? Kind::kOther : Kind::kDot, 1);
    if (c == '\'' || c == '"') {
      const auto close = rest_.find(c, 1);
      if (close == std::string_view::npos) return take(Kind::kOther, rest_.size());
      take(Kind::kString, close + 1);
      token_.text = token_.text.substr(1, close - 1);
      return;
    }
    if (rest_.starts_with(">=") || rest_.starts_with("<=") || rest_.starts_with("!=")) {
      return take(Kind::kOperator, 2);
    }
    if (c == '=' || c == '<' || c == '>') return take(Kind::kOperator, 1);
    if (c == '(') return take(Kind::kOpen, 1);
    if (c == ')') return take(Kind::kClose, 1);
    if (c == ',') return take(Kind::kComma, 1);
    if (c == '-') return take(Kind::kMinus, 1);
    if (std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_') {
      std::size_t size = 0;
      while (size < rest_.size() &&
             (std::isalnum(static_cast<unsigned char>(rest_[size])) != 0 || rest_[size] == '_' ||
              rest_[size] == '-' || rest_[size] == ':' || rest_[size] == '.')) {
        ++size;
      }
      const std::string_view word = rest_.substr(0, size);
      return take(word == "and"     ? Kind::kAnd
                  : word == "or"    ? Kind::kOr
                  : word == "regex" ? Kind::kRegex
                                    : Kind::kOther,
                  size);
    }
    take(Kind::kOther, 1);  // $ of ${name}, | of a union, * ...
  }

  bool Or(std::size_t nesting) {
    bool holds = And(nesting);
    while (supported_ && token_.kind == Kind::kOr) {
      Next();
      const bool right = And(nesting);
      holds = holds || right;
    }
    return holds;
  }

  bool And(std::size_t nesting) {
    bool holds = Primary(nesting);
    while (supported_ && token_.kind == Kind::kAnd) {
      Next();
      const bool right = Primary(nesting);
      holds = holds && right;
    }
    return holds;
  }

  bool Primary(std::size_t nesting) {
    if (!supported_) return false;
    if (token_.kind == Kind::kOpen) {
      if (nesting >= kMaxNesting) return Unsupported();
      Next();
      const bool holds = Or(nesting + 1);
      if (token_.kind != Kind::kClose) return Unsupported();
      Next();
      return holds;
    }
    if (token_.kind == Kind::kRegex) return Regex();
    return Comparison();
  }

  bool Regex() {
    Next();
    if (token_.kind != Kind::kOpen) return Unsupported();
    Next();
    if (token_.kind != Kind::kDot) return Unsupported();
    Next();
    if (token_.kind != Kind::kComma) return Unsupported();
    Next();
    if (token_.kind != Kind::kString) return Unsupported();
    const std::string pattern(token_.text);
    Next();
    if (token_.kind != Kind::kClose) return Unsupported();
    Next();
    if (value_.size() > kMaxRegexValueBytes) return Unsupported();
    const std::wregex* regex = regexes_.Find(pattern);
    const auto value = Widen(value_);
    if (regex == nullptr || !value) return Unsupported();
    try {
      return std::regex_search(*value, *regex);
    } catch (const std::regex_error&) {
      return Unsupported();
    }
  }

  // `.` (is_dot) or a number literal, possibly negative (number).
  bool Operand(bool& is_dot, double& number) {
    is_dot = token_.kind == Kind::kDot;
    if (is_dot) {
      Next();
      return true;
    }
    double sign = 1;
    if (token_.kind == Kind::kMinus) {
      sign = -1;
      Next();
    }
    if (token_.kind != Kind::kNumber) return Unsupported();
    number = sign * token_.number;
    Next();
    return true;
  }

  bool Comparison() {
    bool left_dot = false;
    bool right_dot = false;
    double left = 0;
    double right = 0;
    if (!Operand(left_dot, left)) return false;
    if (token_.kind != Kind::kOperator) return Unsupported();
    const std::string_view op = token_.text;
    Next();
    if (!Operand(right_dot, right)) return false;
    if (left_dot == right_dot || !number_) return Unsupported();
    (left_dot ? left : right) = *number_;
    if (op == "=") return left == right;
    if (op == "!=") return left != right;
    if (op == "<") return left < right;
    if (op == "<=") return left <= right;
    if (op == ">") return left > right;
    return left >= right;
  }

  std::string_view rest_;
  std::string_view value_;
  std::optional<double> number_;
  RegexCache& regexes_;
  Token token_;
  bool supported_ = true;
};

// --- checking --------------------------------------------------------------------------------

// The form's nodes of one level by element name; audit questions live in meta/audit.
std::map<std::string_view, const Node*> ByName(const std::vector<Node>& nodes) {
  std::map<std::string_view, const Node*> by_name;
  for (const Node& node : nodes) {
    if (node.kind == NodeKind::kQuestion && node.type == QuestionType::kAudit) continue;
    by_name.emplace(node.name, &node);
  }
  return by_name;
}

std::string FormIdOf(const Form& form) {
  return form.settings.form_id.empty() ? form.settings.root_name : form.settings.form_id;
}

std::string Parameter(const Node& node, const char* key, const char* fallback) {
  const auto found = node.parameters.find(key);
  return found == node.parameters.end() ? fallback : found->second;
}

class Checker {
 public:
  Checker(const Form& form, InstanceCheck& out) : form_(form), out_(out) {}

  void Check(const Instance& instance) {
    const std::string expected_id = FormIdOf(form_);
    if (instance.form_id != expected_id) {
      Violate("", Message{"surveys.submission.wrong_form",
                          {{"expected", expected_id}, {"actual", Shown(instance.form_id)}}});
    }
    if (!form_.settings.version.empty() && instance.version != form_.settings.version) {
      Violate("",
              Message{"surveys.submission.wrong_version",
                      {{"expected", form_.settings.version}, {"actual", Shown(instance.version)}}});
    }
    if (instance.encrypted) {
      CheckEncrypted(instance);
      return;
    }
    if (instance.root.name != form_.settings.root_name) {
      Violate("", Message{"surveys.submission.wrong_root",
                          {{"expected", form_.settings.root_name},
                           {"actual", Shown(instance.root.name)}}});
    }
    if (!form_.settings.public_key.empty()) {
      Violate("", Message{"surveys.submission.must_be_encrypted"});
    }
    const std::string root = "/" + instance.root.name;
    CheckMeta(instance, root);
    CheckChildren(form_.survey, instance.root, root, "/" + form_.settings.root_name, false, true);
  }

 private:
  // ODK Collect writes an encrypted submission's root as <data>, whatever the form's root.
  void CheckEncrypted(const Instance& instance) {
    if (instance.root.name != "data") {
      Violate("", Message{"surveys.submission.wrong_root",
                          {{"expected", "data"}, {"actual", Shown(instance.root.name)}}});
    }
    if (form_.settings.public_key.empty()) {
      Violate("", Message{"surveys.submission.not_encrypted_form"});
    }
    Attach(instance.encrypted->encrypted_xml_file);
    for (const std::string& file : instance.encrypted->media_files) Attach(file);
  }

  // meta/* is the clients' (instanceID, instanceName, deprecatedID, audit...): only the audit
  // log's file is checked, since it is an attachment.
  void CheckMeta(const Instance& instance, const std::string& root) {
    const InstanceNode* meta = ChildNamed(instance.root, "meta");
    if (meta == nullptr) return;
    const InstanceNode* audit = ChildNamed(*meta, "audit");
    if (audit == nullptr || IsBlank(audit->text)) return;
    CheckFile(std::string(TrimXml(audit->text)), root + "/meta/audit");
  }

  // The elements of `element` against the form's `nodes` at that level. `conditional`: a
  // relevant holds on an ancestor, so an empty answer may be a question not asked.
  void CheckChildren(const std::vector<Node>& nodes, const InstanceNode& element,
                     const std::string& path, const std::string& question_path, bool conditional,
                     bool is_root) {
    const auto by_name = ByName(nodes);
    std::map<std::string_view, std::size_t> seen;
    for (const InstanceNode& child : element.children) {
      if (is_root && LocalName(child.name) == "meta") continue;
      const auto found = by_name.find(child.name);
      if (found == by_name.end()) {
        if (seen[child.name]++ == 0) {
          const std::string child_path = path + "/" + child.name;
          Violate(child_path,
                  Message{"surveys.submission.unknown_element", {{"path", Shown(child_path)}}});
        }
        continue;
      }
      const Node& node = *found->second;
      const std::size_t occurrence = ++seen[child.name];
      std::string child_path = path + "/" + child.name;
      if (node.kind == NodeKind::kRepeat) {
        child_path += "[" + std::to_string(occurrence) + "]";
      } else if (occurrence > 1) {
        if (occurrence == 2) {
          Violate(child_path, Message{"surveys.submission.not_repeated", {{"path", child_path}}});
        }
        continue;
      }
      const std::string child_question = question_path + "/" + node.name;
      const bool child_conditional = conditional || !node.relevant.empty();
      if (node.kind == NodeKind::kQuestion) {
        if (!child.children.empty()) {
          Violate(child_path, Message{"surveys.submission.not_a_value", {{"path", child_path}}});
          continue;
        }
        CheckQuestion(node, child.text, child_path, child_question, child_conditional);
        continue;
      }
      if (!IsBlank(child.text)) {
        Violate(child_path, Message{"surveys.submission.text_in_group", {{"path", child_path}}});
      }
      CheckChildren(node.children, child, child_path, child_question, child_conditional, false);
    }
    // What the instance leaves out is empty; a repeat left out has no instance to check.
    for (const Node& node : nodes) {
      if (seen.contains(node.name) || node.kind == NodeKind::kRepeat) continue;
      if (node.kind == NodeKind::kQuestion && node.type == QuestionType::kAudit) continue;
      const std::string child_path = path + "/" + node.name;
      const std::string child_question = question_path + "/" + node.name;
      const bool child_conditional = conditional || !node.relevant.empty();
      if (node.kind == NodeKind::kQuestion) {
        CheckQuestion(node, "", child_path, child_question, child_conditional);
      } else {
        CheckChildren(node.children, InstanceNode{}, child_path, child_question, child_conditional,
                      false);
      }
    }
  }

  void CheckQuestion(const Node& node, const std::string& text, const std::string& path,
                     const std::string& question_path, bool conditional) {
    const std::string_view value = TrimXml(text);
    if (value.empty()) {
      CheckRequired(node, path, question_path, conditional);
      return;
    }
    std::optional<double> number;
    if (!CheckType(node, value, path, number)) return;
    if (node.constraint.empty()) return;
    const Outcome outcome = ConstraintSubset(node.constraint, text, number, regexes_).Evaluate();
    if (outcome == Outcome::kFails) {
      Violate(path, Message{"surveys.submission.constraint",
                            {{"path", path},
                             {"value", Shown(value)},
                             {"constraint", Shown(node.constraint)}}});
    } else if (outcome == Outcome::kNotChecked) {
      NotChecked(question_path,
                 Message{"surveys.submission.constraint_not_checked",
                         {{"path", question_path}, {"constraint", Shown(node.constraint)}}});
    }
  }

  void CheckRequired(const Node& node, const std::string& path, const std::string& question_path,
                     bool conditional) {
    if (node.required.empty() || node.type == QuestionType::kNote) return;
    if (node.required == "true()" && !conditional) {
      Violate(path, Message{"surveys.submission.required", {{"path", path}}});
      return;
    }
    NotChecked(question_path,
               Message{"surveys.submission.required_not_checked",
                       {{"path", question_path}, {"required", Shown(node.required)}}});
  }

  // Whether the value is of the question's type; `number` is set for numeric questions.
  bool CheckType(const Node& node, std::string_view value, const std::string& path,
                 std::optional<double>& number) {
    const auto refuse = [&](const char* id) {
      Violate(path, Message{id, {{"path", path}, {"value", Shown(value)}}});
      return false;
    };
    switch (node.type) {
      case QuestionType::kInteger: {
        const auto integer = ParseInteger(value);
        if (!integer) return refuse("surveys.submission.not_integer");
        number = static_cast<double>(*integer);
        return true;
      }
      case QuestionType::kDecimal:
        number = ParseDecimal(value);
        return number ? true : refuse("surveys.submission.not_decimal");
      case QuestionType::kDate:
      case QuestionType::kToday:
        return IsDate(value) ? true : refuse("surveys.submission.not_date");
      case QuestionType::kTime:
        return IsTime(value) ? true : refuse("surveys.submission.not_time");
      case QuestionType::kDateTime:
      case QuestionType::kStart:
      case QuestionType::kEnd:
        return IsDateTime(value) ? true : refuse("surveys.submission.not_datetime");
      case QuestionType::kGeopoint:
        return ParsePoint(value) ? true : refuse("surveys.submission.not_geopoint");
      case QuestionType::kGeotrace:
        return ParsePoints(value, 2) ? true : refuse("surveys.submission.not_geotrace");
      case QuestionType::kGeoshape: {
        const auto points = ParsePoints(value, 4);
        const bool closed = points && points->front().latitude == points->back().latitude &&
                            points->front().longitude == points->back().longitude;
        return closed ? true : refuse("surveys.submission.not_geoshape");
      }
      case QuestionType::kSelectOne:
      case QuestionType::kSelectMultiple:
      case QuestionType::kRank:
        return CheckChoices(node, value, path);
      case QuestionType::kRange:
        return CheckRange(node, value, path, number);
      case QuestionType::kAcknowledge:
        return value == "OK" ? true : refuse("surveys.submission.not_acknowledged");
      case QuestionType::kImage:
      case QuestionType::kAudio:
      case QuestionType::kVideo:
      case QuestionType::kFile:
      case QuestionType::kAudit:
        return CheckFile(std::string(value), path);
      case QuestionType::kNote:
        // A note with a calculation or a default shows a value; a plain one holds none.
        if (node.calculation.empty() && node.default_value.empty()) {
          return refuse("surveys.submission.note_not_empty");
        }
        return true;
      case QuestionType::kText:
      case QuestionType::kBarcode:
      case QuestionType::kHidden:
      case QuestionType::kCalculate:
      case QuestionType::kDeviceId:
      case QuestionType::kUsername:
      case QuestionType::kPhoneNumber:
      case QuestionType::kEmail:
        return true;
    }
    return true;
  }

  bool CheckChoices(const Node& node, std::string_view value, const std::string& path) {
    const ChoiceList* list = form_.FindList(node.list_name);
    if (list == nullptr) return true;  // ReadXlsForm refuses such a form; nothing to check.
    const auto known = [&](std::string_view name) {
      return std::any_of(list->choices.begin(), list->choices.end(),
                         [&](const Choice& choice) { return choice.name == name; });
    };
    const auto refuse = [&](const char* id, std::string_view shown) {
      Violate(path, Message{id, {{"path", path}, {"value", Shown(shown)}}});
      return false;
    };
    if (node.type == QuestionType::kSelectOne) {
      return known(value) ? true : refuse("surveys.submission.not_choice", value);
    }
    std::set<std::string_view> chosen;
    for (const std::string_view word : Words(value)) {
      if (!known(word)) return refuse("surveys.submission.not_choice", word);
      if (!chosen.insert(word).second) return refuse("surveys.submission.duplicate_choice", word);
    }
    // A rank orders every choice; with a choice_filter, those the filter kept, which the
    // server cannot know.
    if (node.type == QuestionType::kRank && node.choice_filter.empty() &&
        chosen.size() != list->choices.size()) {
      return refuse("surveys.submission.rank_incomplete", value);
    }
    return true;
  }

  // The writer's defaults are the specification's: start=1 end=10 step=1.
  bool CheckRange(const Node& node, std::string_view value, const std::string& path,
                  std::optional<double>& number) {
    const std::string start_text = Parameter(node, "start", "1");
    const std::string end_text = Parameter(node, "end", "10");
    const std::string step_text = Parameter(node, "step", "1");
    const bool decimal = start_text.find('.') != std::string::npos ||
                         end_text.find('.') != std::string::npos ||
                         step_text.find('.') != std::string::npos;
    if (decimal) {
      number = ParseDecimal(value);
    } else if (const auto integer = ParseInteger(value)) {
      number = static_cast<double>(*integer);
    }
    if (!number) {
      Violate(path,
              Message{decimal ? "surveys.submission.not_decimal" : "surveys.submission.not_integer",
                      {{"path", path}, {"value", Shown(value)}}});
      return false;
    }
    const auto start = ParseDecimal(start_text);
    const auto end = ParseDecimal(end_text);
    const auto step = ParseDecimal(step_text);
    if (!start || !end || !step) return true;  // Parameters the engines would refuse too.
    if (*number < std::min(*start, *end) || *number > std::max(*start, *end)) {
      Violate(
          path,
          Message{
              "surveys.submission.out_of_range",
              {{"path", path}, {"value", Shown(value)}, {"start", start_text}, {"end", end_text}}});
      return false;
    }
    const double steps = std::fabs(*step) > 0 ? (*number - *start) / std::fabs(*step) : 0;
    if (std::fabs(steps - std::round(steps)) > 1e-9 * std::max(1.0, std::fabs(steps))) {
      Violate(path, Message{"surveys.submission.off_step",
                            {{"path", path}, {"value", Shown(value)}, {"step", step_text}}});
      return false;
    }
    return true;
  }

  bool CheckFile(const std::string& name, const std::string& path) {
    if (!IsFileName(name)) {
      Violate(path, Message{"surveys.submission.not_file_name",
                            {{"path", path}, {"value", Shown(name)}}});
      return false;
    }
    Attach(name);
    return true;
  }

  void Violate(std::string path, Message message) {
    out_.violations.push_back({std::move(path), std::move(message)});
  }

  void NotChecked(const std::string& question_path, Message message) {
    if (!not_checked_.insert({question_path, message.id}).second) return;
    out_.unchecked.push_back({question_path, std::move(message)});
  }

  void Attach(const std::string& name) {
    if (attached_.insert(name).second) out_.attachments.push_back(name);
  }

  const Form& form_;
  InstanceCheck& out_;
  RegexCache regexes_;
  std::set<std::pair<std::string, std::string>> not_checked_;
  std::set<std::string> attached_;
};

void FlattenChildren(const std::vector<Node>& nodes, const InstanceNode& element,
                     const std::string& path, const std::string& question_path,
                     const std::vector<std::size_t>& indexes, bool is_root,
                     std::vector<FlatAnswer>& out) {
  const auto by_name = ByName(nodes);
  std::map<std::string_view, std::size_t> seen;
  for (const InstanceNode& child : element.children) {
    if (is_root && LocalName(child.name) == "meta") continue;
    const auto found = by_name.find(child.name);
    if (found == by_name.end()) continue;
    const Node& node = *found->second;
    const std::size_t occurrence = ++seen[child.name];
    std::string child_path = path + "/" + child.name;
    std::vector<std::size_t> child_indexes = indexes;
    if (node.kind == NodeKind::kRepeat) {
      child_path += "[" + std::to_string(occurrence) + "]";
      child_indexes.push_back(occurrence);
    } else if (occurrence > 1) {
      continue;
    }
    const std::string child_question = question_path + "/" + node.name;
    if (node.kind != NodeKind::kQuestion) {
      FlattenChildren(node.children, child, child_path, child_question, child_indexes, false, out);
    } else if (child.children.empty()) {
      out.push_back({&node, child_question, std::move(child_indexes), child_path, child.text});
    }
  }
}

}  // namespace

bool IsInstanceId(std::string_view text) {
  if (!text.starts_with("uuid:")) return false;
  const std::string_view uuid = text.substr(5);
  if (uuid.size() != 36) return false;
  for (std::size_t i = 0; i < uuid.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? uuid[i] != '-' : !IsHex(uuid[i])) return false;
  }
  return true;
}

Result<Instance> ReadInstance(std::string_view xml, const InstanceLimits& limits) {
  if (xml.size() > limits.max_bytes) {
    return Fail(ErrorCode::kPayloadTooLarge,
                Message{"surveys.submission.too_large", {{"max_bytes", limits.max_bytes}}});
  }
  if (!IsValidUtf8(xml)) {
    return Fail(ErrorCode::kInvalidArgument, Message{"surveys.submission.not_utf8"});
  }
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(xml.data(), xml.size(), kParseOptions, pugi::encoding_utf8);
  if (!parsed) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"surveys.submission.not_xml",
                        {{"description", parsed.description()},
                         {"offset", static_cast<std::int64_t>(parsed.offset)}}});
  }
  pugi::xml_node root;
  for (const pugi::xml_node node : document.children()) {
    switch (node.type()) {
      case pugi::node_doctype:
        return Fail(ErrorCode::kInvalidArgument, Message{"surveys.submission.doctype"});
      case pugi::node_element:
        if (root) {
          return Fail(ErrorCode::kInvalidArgument, Message{"surveys.submission.not_one_root"});
        }
        root = node;
        break;
      case pugi::node_pcdata:
      case pugi::node_cdata:
        return Fail(ErrorCode::kInvalidArgument, Message{"surveys.submission.not_one_root"});
      default:
        break;
    }
  }
  if (!root) return Fail(ErrorCode::kInvalidArgument, Message{"surveys.submission.not_one_root"});
  Instance instance;
  Reader reader(limits);
  if (auto read = reader.Read(root, instance.root, 1, ""); !read) {
    return std::unexpected(std::move(read).error());
  }
  instance.form_id = root.attribute("id").value();
  instance.version = root.attribute("version").value();
  const std::string root_path = "/" + instance.root.name;
  for (const std::string* attribute : {&instance.form_id, &instance.version}) {
    if (auto checked = Reader::CheckText(*attribute, root_path); !checked) {
      return std::unexpected(std::move(checked).error());
    }
  }
  if (std::string_view(root.attribute("encrypted").value()) == "yes") {
    if (auto read = ReadEncrypted(instance); !read) return std::unexpected(std::move(read).error());
  }
  if (auto read = ReadMeta(instance); !read) return std::unexpected(std::move(read).error());
  return instance;
}

std::string WriteInstance(const Instance& instance) {
  std::string out;
  AppendNode(out, instance.root, &instance);
  return out;
}

InstanceCheck CheckInstance(const Form& form, const Instance& instance) {
  InstanceCheck out;
  Checker(form, out).Check(instance);
  return out;
}

std::vector<std::string_view> ListedWords(std::string_view value) { return Words(value); }

std::vector<FlatAnswer> Flatten(const Form& form, const Instance& instance) {
  std::vector<FlatAnswer> out;
  if (instance.encrypted) return out;
  const std::string root = "/" + instance.root.name;
  FlattenChildren(form.survey, instance.root, root, "/" + form.settings.root_name, {}, true, out);
  return out;
}

}  // namespace ensemble::surveys
