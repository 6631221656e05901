// The tenancy vocabulary: structures, collectives, people, the roles a person holds in a
// structure (her hats), and what a structure shares with a collective. Plain values, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/language.h"

namespace ensemble::tenancy {

using StructureId = std::int64_t;
using CollectiveId = std::int64_t;
using PersonId = std::int64_t;

enum class StructureKind { kSocialCentre, kManagingAssociation, kFederation, kPartner, kFunder };

enum class Role {
  kDirector,
  kCoordinator,
  kReferent,
  kStaff,
  kHrFinance,
  kMediator,
  kFunderViewer,
  kFederationAdmin,
};

// How far a kind of record travels beyond its owner, from most to least private.
enum class SharingLevel { kPrivate, kAggregates, kFull, kPublic };

// The kinds of record a structure decides to share, one setting per collective. Personnel
// files are deliberately absent: they never leave their structure.
enum class RecordKind {
  kPartners,       // its partner directory entries
  kServices,       // its service offer (activities)
  kSurveyAnswers,  // its answers to the collective's questionnaires
  kActivity,       // digital mediation and outreach figures
  kBudget,         // its budget lines in joint projects
  kStaffing,       // shared positions: plans, time records, costs
  kMeetings,       // its minutes and practice sheets
};

std::string_view ToString(StructureKind kind);
std::string_view ToString(Role role);
std::string_view ToString(SharingLevel level);
std::string_view ToString(RecordKind kind);
std::optional<StructureKind> ParseStructureKind(std::string_view text);
std::optional<Role> ParseRole(std::string_view text);
std::optional<SharingLevel> ParseSharingLevel(std::string_view text);
std::optional<RecordKind> ParseRecordKind(std::string_view text);
const std::vector<RecordKind>& AllRecordKinds();
const std::vector<Role>& AllRoles();

struct Structure {
  StructureId id = 0;
  StructureKind kind = StructureKind::kSocialCentre;
  std::string name;
  std::optional<std::string> siret;
  std::string address;
  std::string commune_insee;  // five characters, "59512" for Roubaix; empty when unknown
  std::string territory;      // free text: the neighbourhood or area it serves
  std::optional<StructureId> managed_by;
};

struct Person {
  PersonId id = 0;
  std::string display_name;
  std::string email;
  bool platform_admin = false;
  // The language of her pages, messages and mails (PUT /api/v1/me/language).
  Language language = Language::kFrench;
};

struct RoleGrant {
  PersonId person_id = 0;
  StructureId structure_id = 0;
  Role role = Role::kStaff;
};

struct Collective {
  CollectiveId id = 0;
  std::string name;
  std::string purpose;
  StructureId coordinating_structure_id = 0;
  // Published counts below it are suppressed (disclosure control); 3 to 50.
  std::int64_t disclosure_threshold = 5;
};

struct Membership {
  CollectiveId collective_id = 0;
  StructureId structure_id = 0;
  std::optional<PersonId> referent_person_id;
};

struct SharingRule {
  StructureId structure_id = 0;
  CollectiveId collective_id = 0;
  RecordKind record_kind = RecordKind::kPartners;
  SharingLevel level = SharingLevel::kPrivate;
};

// A confidential HR record of one employer (dossier du personnel): never shared, every read
// is audited. It is the record that proves the multi-employer hats stay apart.
struct PersonnelFile {
  std::int64_t id = 0;
  StructureId structure_id = 0;
  std::string employee_name;
  std::string job_title;
  std::string contract;  // "CDI", "CDD", ...
  std::string notes;
  std::int64_t version = 1;
};

// Views of the tenancy records that listings return.
struct NamedRef {
  std::int64_t id = 0;
  std::string name;
};

struct StructureFilter {
  std::string text;  // matched against the folded name
  std::optional<StructureKind> kind;
};

// A line of the structures directory: the structure and, when it has one, its manager's name.
struct DirectoryEntry {
  Structure structure;
  std::optional<NamedRef> managed_by;
};

struct Hat {
  StructureId structure_id = 0;
  std::string structure_name;
  StructureKind structure_kind = StructureKind::kSocialCentre;
  std::vector<Role> roles;
};

struct StaffMember {
  Person person;
  std::vector<Role> roles;
};

struct MemberView {
  StructureId structure_id = 0;
  std::string structure_name;
  StructureKind structure_kind = StructureKind::kSocialCentre;
  std::optional<PersonId> referent_id;
  std::string referent_name;
  std::vector<std::string> actions{};  // what the acting person may do on this member's settings
  std::string commune_insee{};         // the structure's, empty when unknown
};

}  // namespace ensemble::tenancy
