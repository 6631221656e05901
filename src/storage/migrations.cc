#include "storage/migrations.h"

namespace ensemble::storage {

// Generated from storage/<module>/migrations/ (cmake/embed_migrations.cmake).
std::span<const Migration> TenancyMigrations();
std::span<const Migration> NotificationsMigrations();
std::span<const Migration> CalendarMigrations();
std::span<const Migration> StaffingMigrations();
std::span<const Migration> SurveysMigrations();

const std::vector<ModuleMigrations>& AllMigrations() {
  // One line per module, in dependency order: a module's tables may refer to those above it.
  // clang-format off
  static const std::vector<ModuleMigrations> all = {
      {"tenancy", TenancyMigrations()},
      {"notifications", NotificationsMigrations()},
      {"calendar", CalendarMigrations()},
      {"staffing", StaffingMigrations()},
      {"surveys", SurveysMigrations()},
  };
  // clang-format on
  return all;
}

}  // namespace ensemble::storage
