// What an error (or a mail, a label) says to people, as a message id and typed parameters
// rather than prose: the id names a text of the catalogues (messages/<module>/{fr,en}.json),
// which i18n/ renders in the reader's language. Ids start with their catalogue's module
// ("tenancy.password.too_short"). Numbers stay numbers so that each language formats them its
// own way; a number that is an identifier or a year goes as text (it is not grouped).
#pragma once

#include <fmt/format.h>

#include <concepts>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ensemble {

// A moment given to a message, rendered as a date in Paris time.
struct MessageDate {
  std::int64_t unix_millis = 0;
  bool operator==(const MessageDate&) const = default;
};

using MessageValue = std::variant<std::int64_t, double, std::string, MessageDate>;

struct MessageParam {
  std::string name;
  MessageValue value;

  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>)
      MessageParam(std::string param, T number)
      : name(std::move(param)), value(static_cast<std::int64_t>(number)) {}
  template <std::floating_point T>
  MessageParam(std::string param, T number)
      : name(std::move(param)), value(static_cast<double>(number)) {}
  MessageParam(std::string param, std::string text)
      : name(std::move(param)), value(std::move(text)) {}
  MessageParam(std::string param, std::string_view text)
      : name(std::move(param)), value(std::string(text)) {}
  MessageParam(std::string param, const char* text)
      : name(std::move(param)), value(std::string(text)) {}
  MessageParam(std::string param, MessageDate date) : name(std::move(param)), value(date) {}

  bool operator==(const MessageParam&) const = default;
};

struct Message {
  std::string id;
  std::vector<MessageParam> params;

  Message() = default;
  // Implicit from an id alone: Fail(code, "tenancy.structure.not_found", "id") reads well, and
  // the catalogue test checks that every such literal is an id of the catalogues.
  Message(const char* message_id) : id(message_id) {}  // NOLINT(google-explicit-constructor)
  Message(std::string message_id, std::vector<MessageParam> message_params = {})
      : id(std::move(message_id)), params(std::move(message_params)) {}

  bool empty() const { return id.empty(); }
  // The parameter's value, or nullptr.
  const MessageValue* Find(std::string_view name) const;
  bool operator==(const Message&) const = default;
};

// For logs and test failures: `id {name=value, …}`, never translated.
std::string Describe(const Message& message);
std::ostream& operator<<(std::ostream& out, const Message& message);

}  // namespace ensemble

template <>
struct fmt::formatter<ensemble::Message> : fmt::formatter<std::string> {
  auto format(const ensemble::Message& message, fmt::format_context& context) const {
    return fmt::formatter<std::string>::format(ensemble::Describe(message), context);
  }
};
