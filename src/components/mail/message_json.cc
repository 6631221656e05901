#include "components/mail/message_json.h"

#include <fmt/format.h>

#include <array>
#include <boost/json.hpp>
#include <initializer_list>

#include "components/mail/mime.h"

namespace ensemble::mail {
namespace {

namespace json = boost::json;

std::unexpected<Error> Invalid(std::string field, ensemble::Message message) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

std::string Join(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

json::value MailboxJson(const Mailbox& mailbox) {
  return json::object{{"address", mailbox.address}, {"name", mailbox.name}};
}

json::array MailboxesJson(const std::vector<Mailbox>& mailboxes) {
  json::array out;
  for (const auto& mailbox : mailboxes) out.push_back(MailboxJson(mailbox));
  return out;
}

Result<std::string> DecodeBase64(std::string_view field, std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (text.size() % 4 != 0) return Invalid(std::string(field), "mail.json.bad_base64");
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=') {
      // Padding only closes the text: at most two, and nothing after them.
      if (i + 2 < text.size() || (i + 2 == text.size() && text[i + 1] != '=')) {
        return Invalid(std::string(field), "mail.json.bad_base64");
      }
      break;
    }
    const auto value = kAlphabet.find(c);
    if (value == std::string_view::npos) return Invalid(std::string(field), "mail.json.bad_base64");
    bits = bits << 6 | static_cast<std::uint32_t>(value);
    if (++count == 4) {
      out += static_cast<char>(bits >> 16 & 0xff);
      out += static_cast<char>(bits >> 8 & 0xff);
      out += static_cast<char>(bits & 0xff);
      bits = 0;
      count = 0;
    }
  }
  if (count == 2) {
    out += static_cast<char>(bits >> 4 & 0xff);
  } else if (count == 3) {
    out += static_cast<char>(bits >> 10 & 0xff);
    out += static_cast<char>(bits >> 2 & 0xff);
  }
  return out;
}

// Reads the keys of one object, refusing the ones it was not told about.
class Fields {
 public:
  static Result<Fields> Of(const json::value& value, std::string field,
                           std::initializer_list<std::string_view> known) {
    const json::object* object = value.if_object();
    if (object == nullptr) return Invalid(field, "mail.json.object_expected");
    for (const auto& entry : *object) {
      bool listed = false;
      for (const auto key : known) listed = listed || entry.key() == key;
      if (!listed) {
        return Invalid(Join(field, entry.key()), "mail.json.unknown_field");
      }
    }
    return Fields(*object, std::move(field));
  }

  Result<std::string> String(std::string_view key) const {
    const json::value* value = object_->if_contains(key);
    if (value == nullptr) return Invalid(Join(field_, key), "mail.json.required");
    const json::string* text = value->if_string();
    if (text == nullptr) return Invalid(Join(field_, key), "mail.json.string_expected");
    return std::string(*text);
  }

  // Null or absent as nullptr.
  const json::value* Optional(std::string_view key) const {
    const json::value* value = object_->if_contains(key);
    return value == nullptr || value->is_null() ? nullptr : value;
  }

  const std::string& field() const { return field_; }

 private:
  Fields(const json::object& object, std::string field)
      : object_(&object), field_(std::move(field)) {}
  const json::object* object_;
  std::string field_;
};

Result<Mailbox> MailboxFrom(const json::value& value, std::string field) {
  const Fields fields = ENSEMBLE_TRY(Fields::Of(value, std::move(field), {"address", "name"}));
  Mailbox mailbox;
  mailbox.address = ENSEMBLE_TRY(fields.String("address"));
  mailbox.name = ENSEMBLE_TRY(fields.String("name"));
  return mailbox;
}

Result<std::vector<Mailbox>> MailboxesFrom(const Fields& fields, std::string_view key) {
  std::vector<Mailbox> mailboxes;
  const json::value* value = fields.Optional(key);
  if (value == nullptr) return mailboxes;
  const json::array* array = value->if_array();
  if (array == nullptr) return Invalid(std::string(key), "mail.json.array_expected");
  for (std::size_t i = 0; i < array->size(); ++i) {
    mailboxes.push_back(ENSEMBLE_TRY(MailboxFrom((*array)[i], fmt::format("{}[{}]", key, i))));
  }
  return mailboxes;
}

}  // namespace

std::string ToJson(const Message& message) {
  json::array attachments;
  for (const auto& attachment : message.attachments) {
    attachments.push_back(json::object{{"filename", attachment.filename},
                                       {"content_type", attachment.content_type},
                                       {"content_base64", Base64(attachment.content)}});
  }
  json::object out{
      {"from", MailboxJson(message.from)},
      {"to", MailboxesJson(message.to)},
      {"cc", MailboxesJson(message.cc)},
      {"bcc", MailboxesJson(message.bcc)},
      {"reply_to", message.reply_to ? MailboxJson(*message.reply_to) : json::value(nullptr)},
      {"subject", message.subject},
      {"text", message.text},
      {"html", message.html ? json::value(*message.html) : json::value(nullptr)},
      {"attachments", std::move(attachments)},
      {"message_id", message.message_id},
  };
  return json::serialize(out);
}

Result<Message> FromJson(std::string_view text) {
  boost::system::error_code error;
  json::parse_options options;
  options.max_depth = 8;
  const json::value value = json::parse(text, error, {}, options);
  if (error)
    return Invalid("", ensemble::Message{"core.json.malformed", {{"detail", error.message()}}});

  const Fields fields = ENSEMBLE_TRY(Fields::Of(value, "",
                                                {"from", "to", "cc", "bcc", "reply_to", "subject",
                                                 "text", "html", "attachments", "message_id"}));
  Message message;
  const json::value* from = fields.Optional("from");
  if (from == nullptr) return Invalid("from", "mail.json.required");
  message.from = ENSEMBLE_TRY(MailboxFrom(*from, "from"));
  message.to = ENSEMBLE_TRY(MailboxesFrom(fields, "to"));
  message.cc = ENSEMBLE_TRY(MailboxesFrom(fields, "cc"));
  message.bcc = ENSEMBLE_TRY(MailboxesFrom(fields, "bcc"));
  if (const json::value* reply_to = fields.Optional("reply_to")) {
    message.reply_to = ENSEMBLE_TRY(MailboxFrom(*reply_to, "reply_to"));
  }
  message.subject = ENSEMBLE_TRY(fields.String("subject"));
  message.text = ENSEMBLE_TRY(fields.String("text"));
  if (fields.Optional("html") != nullptr) message.html = ENSEMBLE_TRY(fields.String("html"));
  if (const json::value* attachments = fields.Optional("attachments")) {
    const json::array* array = attachments->if_array();
    if (array == nullptr) return Invalid("attachments", "mail.json.array_expected");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const Fields item = ENSEMBLE_TRY(Fields::Of((*array)[i], fmt::format("attachments[{}]", i),
                                                  {"filename", "content_type", "content_base64"}));
      Attachment attachment;
      attachment.filename = ENSEMBLE_TRY(item.String("filename"));
      attachment.content_type = ENSEMBLE_TRY(item.String("content_type"));
      const std::string encoded = ENSEMBLE_TRY(item.String("content_base64"));
      attachment.content =
          ENSEMBLE_TRY(DecodeBase64(Join(item.field(), "content_base64"), encoded));
      message.attachments.push_back(std::move(attachment));
    }
  }
  if (fields.Optional("message_id") != nullptr) {
    message.message_id = ENSEMBLE_TRY(fields.String("message_id"));
  }
  return message;
}

}  // namespace ensemble::mail
