#include "tests/support/json_schema.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <set>
#include <string_view>

#include "core/text.h"

namespace ensemble::test_support {
namespace {

namespace json = boost::json;
using Problems = std::vector<std::string>;

// Deeper than this, a chain of `$ref` is taken for a loop rather than followed for ever.
constexpr int kMaxDepth = 64;

// The keywords that check a value, by what they apply to, then those that only describe it.
// clang-format off
constexpr std::array<std::string_view, 27> kCheckingKeywords = {
    "type", "nullable", "enum", "const", "format",
    "properties", "required", "additionalProperties", "propertyNames",
    "minProperties", "maxProperties",
    "items", "minItems", "maxItems", "uniqueItems",
    "allOf", "anyOf", "oneOf", "not", "$ref",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "pattern"};
// clang-format on
constexpr std::array<std::string_view, 9> kDescribingKeywords = {
    "description", "title",    "example",   "examples", "default",
    "deprecated",  "readOnly", "writeOnly", "$comment"};

bool Known(std::string_view keyword) {
  for (const auto known : kCheckingKeywords) {
    if (known == keyword) return true;
  }
  for (const auto known : kDescribingKeywords) {
    if (known == keyword) return true;
  }
  return false;
}

std::string Where(const std::string& pointer) { return "#" + pointer + ": "; }

std::string Escaped(std::string_view key) {
  std::string escaped;
  for (const char c : key) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string Child(const std::string& pointer, std::string_view key) {
  return pointer + "/" + Escaped(key);
}

// The JSON type name of a value, as `type` spells it.
std::string_view TypeOf(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
      return "integer";
    case json::kind::double_:
      return "number";
    case json::kind::string:
      return "string";
    case json::kind::array:
      return "array";
    case json::kind::object:
      return "object";
  }
  return "unknown";
}

// The value as it reads in a message, shortened.
std::string Shown(const json::value& value) {
  if (value.is_null()) return "null";
  std::string text = json::serialize(value);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return std::string(TypeOf(value)) + " " + text;
}

bool HasType(const json::value& value, std::string_view type) {
  if (type == "number") return value.is_number();
  return TypeOf(value) == type;
}

std::string Joined(const Problems& problems) {
  std::string joined;
  for (const auto& problem : problems) joined += (joined.empty() ? "" : " | ") + problem;
  return joined;
}

double AsDouble(const json::value& value) {
  if (value.is_int64()) return static_cast<double>(value.as_int64());
  if (value.is_uint64()) return static_cast<double>(value.as_uint64());
  return value.as_double();
}

int Digits(std::string_view text, std::size_t at, std::size_t count) {
  int number = 0;
  std::from_chars(text.data() + at, text.data() + at + count, number);
  return number;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// RFC 3339 full-date, with the days each month has.
bool IsDate(std::string_view text) {
  static const std::regex kShape("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  if (!std::regex_match(text.begin(), text.end(), kShape)) return false;
  const int year = Digits(text, 0, 4);
  const int month = Digits(text, 5, 2);
  const int day = Digits(text, 8, 2);
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const int days = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && IsLeapYear(year));
  return day <= days;
}

// RFC 3339 date-time: a full-date, "T", a time with seconds, and Z or an offset.
bool IsDateTime(std::string_view text) {
  static const std::regex kShape(
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?"
      "([Zz]|[+-]([0-9]{2}):([0-9]{2}))$");
  std::match_results<std::string_view::const_iterator> parts;
  if (!std::regex_match(text.begin(), text.end(), parts, kShape)) return false;
  if (!IsDate(text.substr(0, 10))) return false;
  const auto number = [&parts](std::size_t group) {
    return parts[group].matched ? std::stoi(parts[group].str()) : 0;
  };
  return number(1) < 24 && number(2) < 60 && number(3) <= 60 && number(6) < 24 && number(7) < 60;
}

bool CheckedFormat(std::string_view format) {
  return format == "date-time" || format == "date" || format == "int64" || format == "int32" ||
         format == "double" || format == "float";
}

// Reports the unknown keywords and formats of one schema and of the schemas inside it.
void ListUnsupported(const json::value& schema, const std::string& at, Problems& out) {
  if (!schema.is_object()) return;
  for (const auto& [keyword, inner] : schema.as_object()) {
    const std::string place = Child(at, keyword);
    if (!Known(keyword)) out.push_back(Where(place) + "unsupported keyword");
    if (keyword == "format" && inner.is_string() && !CheckedFormat(inner.as_string())) {
      out.push_back(Where(place) + "unchecked format " + json::serialize(inner));
    }
    if (keyword == "properties" && inner.is_object()) {
      for (const auto& [name, property] : inner.as_object()) {
        ListUnsupported(property, Child(place, name), out);
      }
    } else if ((keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf") &&
               inner.is_array()) {
      for (std::size_t i = 0; i < inner.as_array().size(); ++i) {
        ListUnsupported(inner.as_array()[i], Child(place, std::to_string(i)), out);
      }
    } else if (keyword == "items" || keyword == "additionalProperties" ||
               keyword == "propertyNames" || keyword == "not") {
      ListUnsupported(inner, place, out);
    }
  }
}

// Finds the schemas of an OpenAPI document: the named ones and every `schema` member.
void FindSchemas(const json::value& value, const std::string& at, Problems& out) {
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.as_array().size(); ++i) {
      FindSchemas(value.as_array()[i], Child(at, std::to_string(i)), out);
    }
  }
  if (!value.is_object()) return;
  for (const auto& [key, inner] : value.as_object()) {
    const std::string place = Child(at, key);
    if (key == "schema") {
      ListUnsupported(inner, place, out);
    } else if (place == "/components/schemas" && inner.is_object()) {
      for (const auto& [name, schema] : inner.as_object()) {
        ListUnsupported(schema, Child(place, name), out);
      }
    } else {
      FindSchemas(inner, place, out);
    }
  }
}

// A count (items, properties, characters) against the schema's bounds for it; `subject` says
// what was counted ("3 items").
void CheckCount(const json::object& schema, std::int64_t count, std::string_view least_keyword,
                std::string_view most_keyword, const std::string& subject, const std::string& at,
                Problems& out) {
  if (const json::value* least = schema.if_contains(least_keyword);
      least != nullptr && least->is_int64() && count < least->as_int64()) {
    out.push_back(Where(at) + subject + ", fewer than " + std::string(least_keyword) + " " +
                  json::serialize(*least));
  }
  if (const json::value* most = schema.if_contains(most_keyword);
      most != nullptr && most->is_int64() && count > most->as_int64()) {
    out.push_back(Where(at) + subject + ", more than " + std::string(most_keyword) + " " +
                  json::serialize(*most));
  }
}

// What the schemas applied at one place of a value said about the object there, for the
// closed-object default (json_schema.h).
struct Evaluated {
  std::set<std::string> names;    // properties some schema named
  bool all = false;               // every property was judged (additionalProperties given)
  bool describes_object = false;  // some schema had `properties` or `type: object`

  void Merge(const Evaluated& other) {
    names.insert(other.names.begin(), other.names.end());
    all = all || other.all;
    describes_object = describes_object || other.describes_object;
  }
};

class Walker {
 public:
  explicit Walker(const SchemaValidator& validator) : validator_(validator) {}

  // Checks `value`, at a place of its own, against `schema`, then closes the object there.
  void CheckPlace(const json::value& schema, const json::value& value, const std::string& at,
                  Problems& out, int depth) const {
    const Evaluated evaluated = Apply(schema, value, at, out, depth);
    if (!value.is_object() || !evaluated.describes_object || evaluated.all) return;
    for (const auto& [key, unused] : value.as_object()) {
      if (!evaluated.names.contains(std::string(key))) {
        out.push_back(Where(Child(at, key)) +
                      "undocumented property (the schema does not name it and does not allow "
                      "additional properties)");
      }
    }
  }

 private:
  // Applies one schema at the current place; returns what it said about the object's properties.
  Evaluated Apply(const json::value& schema_value, const json::value& value, const std::string& at,
                  Problems& out, int depth) const {
    Evaluated evaluated;
    if (depth > kMaxDepth) {
      out.push_back(Where(at) + "schemas nested deeper than 64 levels (a $ref loop?)");
      return evaluated;
    }
    if (schema_value.is_bool()) {
      if (!schema_value.as_bool()) out.push_back(Where(at) + "no value is allowed here");
      evaluated.all = true;
      return evaluated;
    }
    if (!schema_value.is_object()) {
      out.push_back(Where(at) + "the schema is not an object: " + json::serialize(schema_value));
      return evaluated;
    }
    const json::object& schema = schema_value.as_object();
    for (const auto& [keyword, unused] : schema) {
      if (!Known(keyword)) {
        out.push_back(Where(at) + "the schema keyword \"" + std::string(keyword) +
                      "\" is not supported by the validator (tests/support/json_schema.h)");
      }
    }
    if (value.is_null() && schema.contains("nullable") && schema.at("nullable") == true) {
      return evaluated;
    }
    if (!CheckType(schema, value, at, out)) return evaluated;
    CheckValues(schema, value, at, out);
    CheckNumber(schema, value, at, out);
    CheckString(schema, value, at, out);
    CheckArray(schema, value, at, out, depth);
    evaluated.Merge(CheckObject(schema, value, at, out, depth));
    evaluated.Merge(CheckComposition(schema, value, at, out, depth));
    return evaluated;
  }

  // False when the value has none of the types allowed: the other keywords would only repeat it.
  bool CheckType(const json::object& schema, const json::value& value, const std::string& at,
                 Problems& out) const {
    const json::value* type = schema.if_contains("type");
    if (type == nullptr) return true;
    std::vector<std::string_view> allowed;
    if (type->is_string()) allowed.push_back(type->as_string());
    if (type->is_array()) {
      for (const auto& one : type->as_array()) {
        if (one.is_string()) allowed.push_back(one.as_string());
      }
    }
    if (schema.contains("nullable") && schema.at("nullable") == true) allowed.push_back("null");
    std::string expected;
    for (const auto one : allowed) {
      if (HasType(value, one)) return true;
      expected += (expected.empty() ? "" : " or ") + std::string(one);
    }
    out.push_back(Where(at) + "expected " + expected + ", got " + Shown(value));
    return false;
  }

  void CheckValues(const json::object& schema, const json::value& value, const std::string& at,
                   Problems& out) const {
    if (const json::value* expected = schema.if_contains("const");
        expected != nullptr && *expected != value) {
      out.push_back(Where(at) + "expected the constant " + json::serialize(*expected) + ", got " +
                    Shown(value));
    }
    const json::value* choices = schema.if_contains("enum");
    if (choices == nullptr || !choices->is_array()) return;
    for (const auto& choice : choices->as_array()) {
      if (choice == value) return;
    }
    out.push_back(Where(at) + Shown(value) + " is not one of " + json::serialize(*choices));
  }

  void CheckNumber(const json::object& schema, const json::value& value, const std::string& at,
                   Problems& out) const {
    if (!value.is_number()) return;
    const double number = AsDouble(value);
    const auto bound = [&](std::string_view keyword, auto breaks) {
      const json::value* limit = schema.if_contains(keyword);
      if (limit == nullptr || !limit->is_number() || !breaks(number, AsDouble(*limit))) return;
      out.push_back(Where(at) + Shown(value) + " breaks " + std::string(keyword) + " " +
                    json::serialize(*limit));
    };
    bound("minimum", [](double v, double limit) { return v < limit; });
    bound("maximum", [](double v, double limit) { return v > limit; });
    bound("exclusiveMinimum", [](double v, double limit) { return v <= limit; });
    bound("exclusiveMaximum", [](double v, double limit) { return v >= limit; });
    const json::value* format = schema.if_contains("format");
    if (format == nullptr || !format->is_string()) return;
    const std::string_view name = format->as_string();
    if (name == "int64") {
      if (!value.is_int64()) out.push_back(Where(at) + Shown(value) + " is not an int64");
    } else if (name == "int32") {
      const bool fits = value.is_int64() && value.as_int64() >= std::numeric_limits<int>::min() &&
                        value.as_int64() <= std::numeric_limits<int>::max();
      if (!fits) out.push_back(Where(at) + Shown(value) + " is not an int32");
    } else if (name != "double" && name != "float") {
      out.push_back(Where(at) + "the number format \"" + std::string(name) +
                    "\" is not checked by the validator");
    }
  }

  void CheckString(const json::object& schema, const json::value& value, const std::string& at,
                   Problems& out) const {
    if (!value.is_string()) return;
    const std::string_view text = value.as_string();
    // Characters, not bytes: JSON Schema counts code points.
    const auto length = static_cast<std::int64_t>(CountCodePoints(text));
    CheckCount(schema, length, "minLength", "maxLength",
               Shown(value) + " has " + std::to_string(length) + " characters", at, out);
    if (const json::value* pattern = schema.if_contains("pattern");
        pattern != nullptr && pattern->is_string()) {
      // JSON Schema's pattern is unanchored: a search, not a full match.
      const std::regex* expression = validator_.Pattern(std::string(pattern->as_string()));
      if (expression == nullptr) {
        out.push_back(Where(at) + "the pattern " + json::serialize(*pattern) +
                      " is not an ECMAScript regular expression");
      } else if (!std::regex_search(text.begin(), text.end(), *expression)) {
        out.push_back(Where(at) + Shown(value) + " does not match the pattern " +
                      json::serialize(*pattern));
      }
    }
    const json::value* format = schema.if_contains("format");
    if (format == nullptr || !format->is_string()) return;
    const std::string_view name = format->as_string();
    if (name == "date-time") {
      if (!IsDateTime(text))
        out.push_back(Where(at) + Shown(value) + " is not an RFC 3339 date-time");
    } else if (name == "date") {
      if (!IsDate(text)) out.push_back(Where(at) + Shown(value) + " is not an RFC 3339 date");
    } else {
      out.push_back(Where(at) + "the string format \"" + std::string(name) +
                    "\" is not checked by the validator");
    }
  }

  void CheckArray(const json::object& schema, const json::value& value, const std::string& at,
                  Problems& out, int depth) const {
    if (!value.is_array()) return;
    const json::array& items = value.as_array();
    const auto count = static_cast<std::int64_t>(items.size());
    CheckCount(schema, count, "minItems", "maxItems", std::to_string(count) + " items", at, out);
    if (schema.contains("uniqueItems") && schema.at("uniqueItems") == true) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (items[i] == items[j]) {
            out.push_back(Where(Child(at, std::to_string(i))) + Shown(items[i]) + " repeats item " +
                          std::to_string(j) + " (uniqueItems)");
          }
        }
      }
    }
    if (const json::value* each = schema.if_contains("items")) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        CheckPlace(*each, items[i], Child(at, std::to_string(i)), out, depth + 1);
      }
    }
  }

  Evaluated CheckObject(const json::object& schema, const json::value& value, const std::string& at,
                        Problems& out, int depth) const {
    Evaluated evaluated;
    const json::value* type = schema.if_contains("type");
    evaluated.describes_object = schema.contains("properties") ||
                                 (type != nullptr && *type == "object") ||
                                 (type != nullptr && type->is_array() &&
                                  std::find(type->as_array().begin(), type->as_array().end(),
                                            json::value("object")) != type->as_array().end());
    if (!value.is_object()) return evaluated;
    const json::object& object = value.as_object();
    const json::value* properties_value = schema.if_contains("properties");
    static const json::object kNone;
    const json::object& properties = properties_value != nullptr && properties_value->is_object()
                                         ? properties_value->as_object()
                                         : kNone;
    for (const auto& [key, property_schema] : properties) {
      if (const json::value* property = object.if_contains(key)) {
        evaluated.names.emplace(key);
        CheckPlace(property_schema, *property, Child(at, key), out, depth + 1);
      }
    }
    if (const json::value* required = schema.if_contains("required");
        required != nullptr && required->is_array()) {
      for (const auto& name : required->as_array()) {
        if (name.is_string() && !object.contains(name.as_string())) {
          out.push_back(Where(at) + "misses the required property " + json::serialize(name));
        }
      }
    }
    if (const json::value* additional = schema.if_contains("additionalProperties")) {
      // Every property is judged here: named, checked against this schema, or refused.
      evaluated.all = true;
      for (const auto& [key, property] : object) {
        if (properties.contains(key)) continue;
        if (*additional == false) {
          out.push_back(Where(Child(at, key)) +
                        "undocumented property (additionalProperties is false)");
        } else {
          CheckPlace(*additional, property, Child(at, key), out, depth + 1);
        }
      }
    }
    if (const json::value* names = schema.if_contains("propertyNames")) {
      for (const auto& [key, unused] : object) {
        CheckPlace(*names, json::value(key), Child(at, key), out, depth + 1);
      }
    }
    const auto count = static_cast<std::int64_t>(object.size());
    CheckCount(schema, count, "minProperties", "maxProperties",
               std::to_string(count) + " properties", at, out);
    return evaluated;
  }

  // $ref, allOf, anyOf, oneOf, not: schemas applied at the same place.
  Evaluated CheckComposition(const json::object& schema, const json::value& value,
                             const std::string& at, Problems& out, int depth) const {
    Evaluated evaluated;
    if (const json::value* ref = schema.if_contains("$ref"); ref != nullptr && ref->is_string()) {
      const std::string_view target = ref->as_string();
      const json::value* resolved =
          target.starts_with('#') ? validator_.Resolve(target.substr(1)) : nullptr;
      if (resolved == nullptr) {
        out.push_back(Where(at) + "the $ref " + json::serialize(*ref) + " resolves to nothing");
      } else {
        evaluated.Merge(Apply(*resolved, value, at, out, depth + 1));
      }
    }
    if (const json::value* all = schema.if_contains("allOf"); all != nullptr && all->is_array()) {
      for (const auto& part : all->as_array()) {
        evaluated.Merge(Apply(part, value, at, out, depth + 1));
      }
    }
    for (const std::string_view keyword : {"anyOf", "oneOf"}) {
      const json::value* choices = schema.if_contains(keyword);
      if (choices == nullptr || !choices->is_array()) continue;
      std::size_t matched = 0;
      std::string reasons;
      for (std::size_t i = 0; i < choices->as_array().size(); ++i) {
        Problems problems;
        const Evaluated branch = Apply(choices->as_array()[i], value, at, problems, depth + 1);
        if (problems.empty()) {
          ++matched;
          evaluated.Merge(branch);
        } else {
          reasons += " [" + std::to_string(i) + "] " + Joined(problems);
        }
      }
      const std::string count = std::to_string(choices->as_array().size());
      if (matched == 0) {
        out.push_back(Where(at) + Shown(value) + " matches none of the " + count + " schemas of " +
                      std::string(keyword) + ":" + reasons);
      } else if (keyword == "oneOf" && matched > 1) {
        out.push_back(Where(at) + Shown(value) + " matches " + std::to_string(matched) +
                      " of the " + count + " schemas of oneOf, which wants exactly one");
      }
    }
    if (const json::value* excluded = schema.if_contains("not")) {
      Problems problems;
      Apply(*excluded, value, at, problems, depth + 1);
      if (problems.empty()) {
        out.push_back(Where(at) + Shown(value) + " matches the schema of not " +
                      json::serialize(*excluded));
      }
    }
    return evaluated;
  }

  const SchemaValidator& validator_;
};

}  // namespace

std::vector<std::string> SchemaValidator::Validate(const json::value& schema,
                                                   const json::value& value) const {
  Problems problems;
  Walker(*this).CheckPlace(schema, value, "", problems, 0);
  return problems;
}

std::vector<std::string> UnsupportedSchemaKeywords(const json::value& document) {
  Problems problems;
  FindSchemas(document, "", problems);
  return problems;
}

const json::value* SchemaValidator::Resolve(std::string_view pointer) const {
  const json::value* at = &document_;
  while (!pointer.empty()) {
    if (!pointer.starts_with('/')) return nullptr;
    pointer.remove_prefix(1);
    const auto end = pointer.find('/');
    std::string token(pointer.substr(0, end));
    pointer = end == std::string_view::npos ? std::string_view{} : pointer.substr(end);
    for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      token.replace(i, 2, token.compare(i, 2, "~1") == 0 ? "/" : "~");
    }
    if (at->is_object()) {
      at = at->as_object().if_contains(token);
    } else if (at->is_array()) {
      std::size_t index = 0;
      const auto [rest, error] = std::from_chars(token.data(), token.data() + token.size(), index);
      const bool valid = error == std::errc{} && rest == token.data() + token.size();
      at = valid && index < at->as_array().size() ? &at->as_array()[index] : nullptr;
    } else {
      return nullptr;
    }
    if (at == nullptr) return nullptr;
  }
  return at;
}

const std::regex* SchemaValidator::Pattern(const std::string& pattern) const {
  const std::lock_guard lock(patterns_mutex_);
  const auto known = patterns_.find(pattern);
  if (known != patterns_.end()) return known->second.get();
  std::unique_ptr<std::regex> compiled;
  try {
    compiled = std::make_unique<std::regex>(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    // Kept as nullptr: the schema's fault, reported where it is used.
  }
  return patterns_.emplace(pattern, std::move(compiled)).first->second.get();
}

}  // namespace ensemble::test_support
