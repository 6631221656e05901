#include "domain/tenancy/types.h"

#include <array>
#include <utility>

namespace ensemble::tenancy {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> ParseFrom(const std::array<std::pair<Enum, std::string_view>, N>& names,
                              std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";
}

constexpr std::array<std::pair<StructureKind, std::string_view>, 5> kStructureKinds{{
    {StructureKind::kSocialCentre, "social_centre"},
    {StructureKind::kManagingAssociation, "managing_association"},
    {StructureKind::kFederation, "federation"},
    {StructureKind::kPartner, "partner"},
    {StructureKind::kFunder, "funder"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 8> kRoles{{
    {Role::kDirector, "director"},
    {Role::kCoordinator, "coordinator"},
    {Role::kReferent, "referent"},
    {Role::kStaff, "staff"},
    {Role::kHrFinance, "hr_finance"},
    {Role::kMediator, "mediator"},
    {Role::kFunderViewer, "funder_viewer"},
    {Role::kFederationAdmin, "federation_admin"},
}};

constexpr std::array<std::pair<SharingLevel, std::string_view>, 4> kLevels{{
    {SharingLevel::kPrivate, "private"},
    {SharingLevel::kAggregates, "aggregates"},
    {SharingLevel::kFull, "full"},
    {SharingLevel::kPublic, "public"},
}};

constexpr std::array<std::pair<RecordKind, std::string_view>, 7> kRecordKinds{{
    {RecordKind::kPartners, "partners"},
    {RecordKind::kServices, "services"},
    {RecordKind::kSurveyAnswers, "survey_answers"},
    {RecordKind::kActivity, "activity"},
    {RecordKind::kBudget, "budget"},
    {RecordKind::kStaffing, "staffing"},
    {RecordKind::kMeetings, "meetings"},
}};

}  // namespace

std::string_view ToString(StructureKind kind) { return NameOf(kStructureKinds, kind); }
std::string_view ToString(Role role) { return NameOf(kRoles, role); }
std::string_view ToString(SharingLevel level) { return NameOf(kLevels, level); }
std::string_view ToString(RecordKind kind) { return NameOf(kRecordKinds, kind); }

std::optional<StructureKind> ParseStructureKind(std::string_view text) {
  return ParseFrom(kStructureKinds, text);
}
std::optional<Role> ParseRole(std::string_view text) { return ParseFrom(kRoles, text); }
std::optional<SharingLevel> ParseSharingLevel(std::string_view text) {
  return ParseFrom(kLevels, text);
}
std::optional<RecordKind> ParseRecordKind(std::string_view text) {
  return ParseFrom(kRecordKinds, text);
}

const std::vector<RecordKind>& AllRecordKinds() {
  static const std::vector<RecordKind> kinds = [] {
    std::vector<RecordKind> all;
    for (const auto& entry : kRecordKinds) all.push_back(entry.first);
    return all;
  }();
  return kinds;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> all;
    for (const auto& entry : kRoles) all.push_back(entry.first);
    return all;
  }();
  return roles;
}

}  // namespace ensemble::tenancy
