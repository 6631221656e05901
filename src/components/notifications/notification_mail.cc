#include "components/notifications/notification_mail.h"

#include <fmt/format.h>

#include "core/paris_time.h"
#include "i18n/i18n.h"

namespace ensemble::notifications {
namespace {

std::string LabelOf(const NotificationKindRegistry& kinds, Language language,
                    const std::string& code) {
  const NotificationKind* kind = kinds.Find(code);
  if (kind == nullptr) return code;
  return language == Language::kEnglish ? kind->label_en : kind->label_fr;
}

std::string Greeting(const mail::Mailbox& to, Language language) {
  if (to.name.empty()) return i18n::Render(ensemble::Message{"notifications.mail.hello"}, language);
  return i18n::Render(ensemble::Message{"notifications.mail.hello_name", {{"name", to.name}}},
                      language);
}

std::string Line(const MailSettings& settings, const NotificationKindRegistry& kinds,
                 Language language, const MailItem& item) {
  const bool english = language == Language::kEnglish;
  std::string line = fmt::format("- {} ({})\n", LabelOf(kinds, language, item.kind),
                                 FormatParisTime(item.created_at, english));
  if (!item.link.empty()) line += fmt::format("  {}{}\n", settings.base_url, item.link);
  return line;
}

std::string Footer(Language language) {
  return "\n" + i18n::Render(ensemble::Message{"notifications.mail.footer"}, language) + "\n";
}

}  // namespace

mail::Message ImmediateMail(const MailSettings& settings, const mail::Mailbox& to,
                            Language language, const NotificationKindRegistry& kinds,
                            const MailItem& item) {
  mail::Message message;
  message.from = settings.from;
  message.to = {to};
  message.subject =
      i18n::Render(ensemble::Message{"notifications.mail.subject",
                                     {{"label", LabelOf(kinds, language, item.kind)}}},
                   language);
  message.text = Greeting(to, language) + "\n\n" +
                 i18n::Render(ensemble::Message{"notifications.mail.new"}, language) + "\n\n" +
                 Line(settings, kinds, language, item) + Footer(language);
  return message;
}

mail::Message DigestMail(const MailSettings& settings, const mail::Mailbox& to, Language language,
                         const NotificationKindRegistry& kinds,
                         const std::vector<MailItem>& items) {
  mail::Message message;
  message.from = settings.from;
  message.to = {to};
  message.subject = i18n::Render(
      ensemble::Message{"notifications.mail.digest_subject", {{"count", items.size()}}}, language);
  std::string text = Greeting(to, language) + "\n\n" +
                     i18n::Render(ensemble::Message{"notifications.mail.digest_intro"}, language) +
                     "\n\n";
  for (const MailItem& item : items) text += Line(settings, kinds, language, item);
  message.text = text + Footer(language);
  return message;
}

}  // namespace ensemble::notifications
