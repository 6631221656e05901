// Storage of structures, people, roles, collectives, sharing rules and personnel files, in
// portable SQL over a Connection. These functions check nothing about who asks: the use cases
// in app/ authorise first, then call here inside their transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "domain/tenancy/types.h"
#include "storage/database.h"
#include "storage/page.h"

namespace ensemble::storage {

using tenancy::CollectiveId;
using tenancy::PersonId;
using tenancy::StructureId;

struct NamedRef {
  std::int64_t id = 0;
  std::string name;
};

// Structures.
Result<StructureId> InsertStructure(Connection& db, const tenancy::Structure& structure,
                                    UnixMillis now);
Result<bool> UpdateStructure(Connection& db, const tenancy::Structure& structure, UnixMillis now);
Result<std::optional<tenancy::Structure>> FindStructure(Connection& db, StructureId id);
struct StructureFilter {
  std::string text;  // matched against the folded name
  std::optional<tenancy::StructureKind> kind;
};
// A line of the structures directory: the structure and, when it has one, its manager's name.
struct DirectoryEntry {
  tenancy::Structure structure;
  std::optional<NamedRef> managed_by;
};
Result<Page<DirectoryEntry>> ListStructures(Connection& db, const StructureFilter& filter,
                                            PageRequest page);
Result<std::vector<NamedRef>> StructuresManagedBy(Connection& db, StructureId manager);
Result<std::optional<StructureId>> FindStructureByName(Connection& db, const std::string& name);

// People and roles.
struct Credentials {
  tenancy::Person person;
  std::string password_hash;
};
Result<PersonId> InsertPerson(Connection& db, const tenancy::Person& person,
                              const std::string& password_hash, UnixMillis now);
Result<std::optional<tenancy::Person>> FindPerson(Connection& db, PersonId id);
Result<std::optional<Credentials>> FindCredentialsByEmail(Connection& db, const std::string& email);
Result<std::optional<Credentials>> FindCredentials(Connection& db, PersonId id);
Status UpdatePasswordHash(Connection& db, PersonId id, const std::string& password_hash,
                          UnixMillis now);
Status GrantRole(Connection& db, const tenancy::RoleGrant& grant);
Result<std::vector<tenancy::Role>> RolesIn(Connection& db, PersonId person, StructureId structure);
struct Hat {
  StructureId structure_id = 0;
  std::string structure_name;
  tenancy::StructureKind structure_kind = tenancy::StructureKind::kSocialCentre;
  std::vector<tenancy::Role> roles;
};
Result<std::vector<Hat>> HatsOf(Connection& db, PersonId person);
struct StaffMember {
  tenancy::Person person;
  std::vector<tenancy::Role> roles;
};
Result<std::vector<StaffMember>> StaffOf(Connection& db, StructureId structure);

// Collectives and membership.
Result<CollectiveId> InsertCollective(Connection& db, const tenancy::Collective& collective,
                                      UnixMillis now);
Status AddMember(Connection& db, CollectiveId collective, StructureId structure, UnixMillis now);
Result<std::optional<tenancy::Collective>> FindCollective(Connection& db, CollectiveId id);
Result<std::vector<tenancy::Collective>> CollectivesOf(Connection& db, StructureId structure);
Result<std::vector<CollectiveId>> CollectiveIdsOf(Connection& db, StructureId structure);
struct MemberView {
  StructureId structure_id = 0;
  std::string structure_name;
  tenancy::StructureKind structure_kind = tenancy::StructureKind::kSocialCentre;
  std::optional<PersonId> referent_id;
  std::string referent_name;
};
Result<std::vector<MemberView>> MembersOf(Connection& db, CollectiveId collective);
Result<bool> IsMember(Connection& db, CollectiveId collective, StructureId structure);
Status SetReferent(Connection& db, CollectiveId collective, StructureId structure,
                   std::optional<PersonId> referent);

// Sharing rules. A missing rule means private. `by` 0 records no author (loaders).
Result<std::vector<tenancy::SharingRule>> SharingRulesOfCollective(Connection& db,
                                                                   CollectiveId collective);
Result<std::vector<tenancy::SharingRule>> SharingRulesOf(Connection& db, StructureId owner,
                                                         tenancy::RecordKind kind);
Status UpsertSharingRule(Connection& db, const tenancy::SharingRule& rule, PersonId by,
                         UnixMillis now);

// Personnel files.
Result<std::int64_t> InsertPersonnelFile(Connection& db, const tenancy::PersonnelFile& file,
                                         UnixMillis now);
Result<std::optional<tenancy::PersonnelFile>> FindPersonnelFile(Connection& db, std::int64_t id);
Result<std::vector<tenancy::PersonnelFile>> PersonnelFilesOf(Connection& db, StructureId structure);
// Writes only if the stored version is still `file.version`; returns false when it moved on.
Result<bool> UpdatePersonnelFile(Connection& db, const tenancy::PersonnelFile& file,
                                 UnixMillis now);

}  // namespace ensemble::storage
