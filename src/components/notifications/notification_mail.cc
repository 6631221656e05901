#include "components/notifications/notification_mail.h"

#include <fmt/format.h>

#include "core/paris_time.h"

namespace ensemble::notifications {
namespace {

std::string LabelOf(const NotificationKindRegistry& kinds, Language language,
                    const std::string& code) {
  const NotificationKind* kind = kinds.Find(code);
  if (kind == nullptr) return code;
  return language == Language::kEnglish ? kind->label_en : kind->label_fr;
}

std::string Greeting(const mail::Mailbox& to, bool english) {
  if (to.name.empty()) return english ? "Hello," : "Bonjour,";
  return english ? fmt::format("Hello {},", to.name) : fmt::format("Bonjour {},", to.name);
}

std::string Line(const MailSettings& settings, const NotificationKindRegistry& kinds,
                 Language language, const MailItem& item) {
  const bool english = language == Language::kEnglish;
  std::string line = fmt::format("- {} ({})\n", LabelOf(kinds, language, item.kind),
                                 FormatParisTime(item.created_at, english));
  if (!item.link.empty()) line += fmt::format("  {}{}\n", settings.base_url, item.link);
  return line;
}

std::string Footer(bool english) {
  return english ? "\nYou choose what you receive, and how, in your notification settings.\n"
                 : "\nVous choisissez ce que vous recevez, et comment, dans vos réglages de "
                   "notifications.\n";
}

}  // namespace

mail::Message ImmediateMail(const MailSettings& settings, const mail::Mailbox& to,
                            Language language, const NotificationKindRegistry& kinds,
                            const MailItem& item) {
  const bool english = language == Language::kEnglish;
  mail::Message message;
  message.from = settings.from;
  message.to = {to};
  message.subject =
      fmt::format("Ensemble{} {}", english ? ":" : " :", LabelOf(kinds, language, item.kind));
  message.text =
      Greeting(to, english) + "\n\n" +
      (english ? "You have a new notification:\n\n" : "Vous avez une nouvelle notification :\n\n") +
      Line(settings, kinds, language, item) + Footer(english);
  return message;
}

mail::Message DigestMail(const MailSettings& settings, const mail::Mailbox& to, Language language,
                         const NotificationKindRegistry& kinds,
                         const std::vector<MailItem>& items) {
  const bool english = language == Language::kEnglish;
  const std::size_t n = items.size();
  mail::Message message;
  message.from = settings.from;
  message.to = {to};
  if (english) {
    message.subject = fmt::format("Ensemble: {} unread notification{}", n, n == 1 ? "" : "s");
  } else {
    message.subject = fmt::format("Ensemble : {} notification{} non lue{}", n, n == 1 ? "" : "s",
                                  n == 1 ? "" : "s");
  }
  std::string text = Greeting(to, english) + "\n\n" +
                     (english ? "Here is what you have not read yet:\n\n"
                              : "Voici ce que vous n'avez pas encore lu :\n\n");
  for (const MailItem& item : items) text += Line(settings, kinds, language, item);
  message.text = text + Footer(english);
  return message;
}

}  // namespace ensemble::notifications
