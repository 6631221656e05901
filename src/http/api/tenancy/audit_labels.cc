#include "http/api/tenancy/audit_labels.h"

#include <boost/json.hpp>

#include "i18n/i18n.h"

namespace ensemble::http {
namespace {

namespace json = boost::json;

constexpr std::string_view kActions = "tenancy.audit.action.";
constexpr std::string_view kRecords = "tenancy.audit.record.";
constexpr std::string_view kParams = "tenancy.audit.param.";
constexpr std::string_view kFields = "tenancy.audit.field.";

// The catalogue prefix of a parameter's or field's values when they are codes, else empty.
std::string_view ValuePrefix(std::string_view name) {
  if (name == "attempted") return "tenancy.audit.attempted.";
  if (name == "reason") return "tenancy.audit.reason.";
  if (name == "action") return kActions;
  if (name == "level") return "tenancy.audit.level.";
  if (name == "language") return "tenancy.audit.language.";
  if (name == "state") return "tenancy.audit.form_state.";
  return {};
}

json::value Parsed(const std::string& text) {
  boost::system::error_code error;
  json::value value = json::parse(text, error);
  return error ? json::value() : value;
}

// A value as a person reads it: a code's label, a string as it is, a number in her digits.
std::string ValueText(std::string_view name, const json::value& value, Language language) {
  if (value.is_string()) {
    const std::string_view prefix = ValuePrefix(name);
    const std::string_view text = value.as_string();
    return prefix.empty() ? std::string(text) : CodeLabel(prefix, text, language);
  }
  if (value.is_int64()) return std::to_string(value.as_int64());
  if (value.is_null()) return "—";
  return json::serialize(value);
}

// French puts a space before a colon; English does not.
std::string_view Colon(Language language) { return language == Language::kEnglish ? ": " : " : "; }

}  // namespace

std::string CodeLabel(std::string_view prefix, std::string_view code, Language language) {
  std::string id(prefix);
  id += code;
  if (!i18n::Knows(id, language)) return std::string(code);
  return i18n::Render(Message{id}, language);
}

json::object AuditLabels(const audit::AuditEntry& entry, Language language) {
  json::object params;
  json::object param_values;
  const json::value stored_params = Parsed(entry.params);
  if (stored_params.is_object()) {
    for (const auto& [name, value] : stored_params.as_object()) {
      params[name] = CodeLabel(kParams, name, language);
      if (value.is_string() && !ValuePrefix(name).empty()) {
        param_values[name] = ValueText(name, value, language);
      }
    }
  }
  json::object fields;
  json::object field_values;
  const json::value stored_changes = Parsed(entry.changes);
  if (stored_changes.is_array()) {
    for (const json::value& change : stored_changes.as_array()) {
      if (!change.is_object() || !change.as_object().contains("field")) continue;
      const json::object& item = change.as_object();
      if (!item.at("field").is_string()) continue;
      const std::string_view field = item.at("field").as_string();
      fields[field] = CodeLabel(kFields, field, language);
      if (!ValuePrefix(field).empty() && item.contains("old") && item.contains("new")) {
        field_values[field] = json::object{{"old", ValueText(field, item.at("old"), language)},
                                           {"new", ValueText(field, item.at("new"), language)}};
      }
    }
  }
  return json::object{{"action", CodeLabel(kActions, entry.action, language)},
                      {"record_kind", CodeLabel(kRecords, entry.record_kind, language)},
                      {"params", std::move(params)},
                      {"param_values", std::move(param_values)},
                      {"fields", std::move(fields)},
                      {"field_values", std::move(field_values)}};
}

std::string ReadableParams(const audit::AuditEntry& entry, Language language) {
  const json::value stored = Parsed(entry.params);
  if (!stored.is_object()) return {};
  std::string text;
  for (const auto& [name, value] : stored.as_object()) {
    if (!text.empty()) text += "; ";
    text += CodeLabel(kParams, name, language);
    text += Colon(language);
    text += ValueText(name, value, language);
  }
  return text;
}

std::string ReadableChanges(const audit::AuditEntry& entry, Language language) {
  const json::value stored = Parsed(entry.changes);
  if (!stored.is_array()) return {};
  std::string text;
  for (const json::value& change : stored.as_array()) {
    if (!change.is_object() || !change.as_object().contains("field")) continue;
    const json::object& item = change.as_object();
    if (!item.at("field").is_string()) continue;
    const std::string_view field = item.at("field").as_string();
    if (!text.empty()) text += "; ";
    text += CodeLabel(kFields, field, language);
    if (item.contains("old") && item.contains("new")) {
      text += Colon(language);
      text += ValueText(field, item.at("old"), language) + " → " +
              ValueText(field, item.at("new"), language);
    }
  }
  return text;
}

}  // namespace ensemble::http
