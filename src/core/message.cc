#include "core/message.h"

#include <ostream>

namespace ensemble {
namespace {

std::string ValueText(const MessageValue& value) {
  struct Visitor {
    std::string operator()(std::int64_t number) const { return std::to_string(number); }
    std::string operator()(double number) const { return fmt::format("{}", number); }
    std::string operator()(const std::string& text) const { return text; }
    std::string operator()(MessageDate date) const { return fmt::format("@{}", date.unix_millis); }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace

const MessageValue* Message::Find(std::string_view name) const {
  for (const MessageParam& param : params) {
    if (param.name == name) return &param.value;
  }
  return nullptr;
}

std::string Describe(const Message& message) {
  std::string text = message.id;
  if (message.params.empty()) return text;
  text += " {";
  for (std::size_t i = 0; i < message.params.size(); ++i) {
    if (i > 0) text += ", ";
    text += message.params[i].name + "=" + ValueText(message.params[i].value);
  }
  return text + "}";
}

std::ostream& operator<<(std::ostream& out, const Message& message) {
  return out << Describe(message);
}

}  // namespace ensemble
