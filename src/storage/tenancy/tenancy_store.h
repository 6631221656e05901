// Storage of structures, people, roles, collectives, sharing rules and personnel files, in
// portable SQL over a Connection. These functions check nothing about who asks: the use cases
// in app/ authorise first, then call here inside their transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/page.h"
#include "domain/tenancy/types.h"
#include "storage/sql/database.h"

namespace ensemble::storage {

using tenancy::CollectiveId;
using tenancy::DirectoryEntry;
using tenancy::Hat;
using tenancy::MemberView;
using tenancy::NamedRef;
using tenancy::PersonId;
using tenancy::StaffMember;
using tenancy::StructureFilter;
using tenancy::StructureId;

// People and roles.
struct Credentials {
  tenancy::Person person;
  std::string password_hash;
};

class TenancyStore {
 public:
  explicit TenancyStore(Connection& db) : db_(db) {}

  // Structures.
  Result<StructureId> InsertStructure(const tenancy::Structure& structure, UnixMillis now);
  Result<bool> UpdateStructure(const tenancy::Structure& structure, UnixMillis now);
  Result<std::optional<tenancy::Structure>> FindStructure(StructureId id);
  Result<Page<DirectoryEntry>> ListStructures(const StructureFilter& filter, PageRequest page);
  Result<std::vector<NamedRef>> StructuresManagedBy(StructureId manager);
  Result<std::optional<StructureId>> FindStructureByName(const std::string& name);
  Result<PersonId> InsertPerson(const tenancy::Person& person, const std::string& password_hash,
                                UnixMillis now);
  Result<std::optional<tenancy::Person>> FindPerson(PersonId id);
  // How many accounts exist (an empty database has none: `ensemble init` offers to create one).
  Result<std::int64_t> CountPeople();
  Result<std::optional<Credentials>> FindCredentialsByEmail(const std::string& email);
  Result<std::optional<Credentials>> FindCredentials(PersonId id);
  Status UpdatePasswordHash(PersonId id, const std::string& password_hash, UnixMillis now);
  Status SetLanguage(PersonId id, Language language);
  Status GrantRole(const tenancy::RoleGrant& grant);
  Result<std::vector<tenancy::Role>> RolesIn(PersonId person, StructureId structure);
  Result<std::vector<Hat>> HatsOf(PersonId person);
  Result<std::vector<StaffMember>> StaffOf(StructureId structure);
  // Collectives and membership.
  Result<CollectiveId> InsertCollective(const tenancy::Collective& collective, UnixMillis now);
  Status AddMember(CollectiveId collective, StructureId structure, UnixMillis now);
  Status SetDisclosureThreshold(CollectiveId collective, std::int64_t threshold);
  Result<std::optional<tenancy::Collective>> FindCollective(CollectiveId id);
  Result<std::vector<tenancy::Collective>> CollectivesOf(StructureId structure);
  Result<std::vector<CollectiveId>> CollectiveIdsOf(StructureId structure);
  Result<std::vector<MemberView>> MembersOf(CollectiveId collective);
  Result<bool> IsMember(CollectiveId collective, StructureId structure);
  Status SetReferent(CollectiveId collective, StructureId structure,
                     std::optional<PersonId> referent);
  // Sharing rules. A missing rule means private. `by` 0 records no author (loaders).
  Result<std::vector<tenancy::SharingRule>> SharingRulesOfCollective(CollectiveId collective);
  Result<std::vector<tenancy::SharingRule>> SharingRulesOf(StructureId owner,
                                                           tenancy::RecordKind kind);
  Status UpsertSharingRule(const tenancy::SharingRule& rule, PersonId by, UnixMillis now);
  // Personnel files.
  Result<std::int64_t> InsertPersonnelFile(const tenancy::PersonnelFile& file, UnixMillis now);
  Result<std::optional<tenancy::PersonnelFile>> FindPersonnelFile(std::int64_t id);
  Result<std::vector<tenancy::PersonnelFile>> PersonnelFilesOf(StructureId structure);
  // Writes only if the stored version is still `file.version`; returns false when it moved on.
  Result<bool> UpdatePersonnelFile(const tenancy::PersonnelFile& file, UnixMillis now);

 private:
  Connection& db_;
};

}  // namespace ensemble::storage
