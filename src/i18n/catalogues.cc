#include "i18n/i18n.h"

namespace ensemble::i18n {

// Generated from messages/<module>/ (cmake/embed_messages.cmake).
ModuleCatalogue CoreMessages();
ModuleCatalogue TenancyMessages();
ModuleCatalogue NotificationsMessages();
ModuleCatalogue CalendarMessages();
ModuleCatalogue MailMessages();
ModuleCatalogue DocumentsMessages();
ModuleCatalogue SearchMessages();
ModuleCatalogue DisclosureMessages();
ModuleCatalogue StaffingMessages();
ModuleCatalogue SurveysMessages();
ModuleCatalogue SpreadsheetMessages();

const std::vector<ModuleCatalogue>& AllCatalogues() {
  // One line per module.
  static const std::vector<ModuleCatalogue> all = {
      CoreMessages(),     TenancyMessages(),     NotificationsMessages(), CalendarMessages(),
      MailMessages(),     DocumentsMessages(),   SearchMessages(),        DisclosureMessages(),
      StaffingMessages(), SpreadsheetMessages(), SurveysMessages(),
  };
  return all;
}

}  // namespace ensemble::i18n
