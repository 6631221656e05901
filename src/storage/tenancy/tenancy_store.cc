#include "storage/tenancy/tenancy_store.h"

#include <map>

#include "core/text.h"

namespace ensemble::storage {
namespace {

using tenancy::Role;
using tenancy::Structure;

Error Corrupt(std::string_view what) {
  return Error{ErrorCode::kInternal, Message{"core.internal"}, {}, std::string(what)};
}

constexpr const char* kStructureColumns =
    "id, kind, name, siret, address, commune_insee, territory, managed_by";

Result<Structure> ReadStructure(const Row& row) {
  Structure structure;
  structure.id = row.Int(0);
  const auto kind = tenancy::ParseStructureKind(row.Text(1));
  if (!kind) return std::unexpected(Corrupt("structure kind"));
  structure.kind = *kind;
  structure.name = row.Text(2);
  structure.siret = row.OptionalText(3);
  structure.address = row.Text(4);
  structure.commune_insee = row.Text(5);
  structure.territory = row.Text(6);
  structure.managed_by = row.OptionalInt(7);
  return structure;
}

Result<std::vector<Role>> ReadRoles(const std::string& joined) {
  std::vector<Role> roles;
  std::size_t start = 0;
  while (start < joined.size()) {
    auto end = joined.find(',', start);
    if (end == std::string::npos) end = joined.size();
    const auto role = tenancy::ParseRole(joined.substr(start, end - start));
    if (!role) return std::unexpected(Corrupt("role"));
    roles.push_back(*role);
    start = end + 1;
  }
  return roles;
}

tenancy::Person ReadPerson(const Row& row, std::size_t first) {
  tenancy::Person person;
  person.id = row.Int(first);
  person.display_name = row.Text(first + 1);
  person.email = row.Text(first + 2);
  person.platform_admin = row.Int(first + 3) != 0;
  return person;
}

Result<tenancy::SharingRule> ReadRule(const Row& row) {
  tenancy::SharingRule rule;
  rule.structure_id = row.Int(0);
  rule.collective_id = row.Int(1);
  const auto kind = tenancy::ParseRecordKind(row.Text(2));
  const auto level = tenancy::ParseSharingLevel(row.Text(3));
  if (!kind || !level) return std::unexpected(Corrupt("sharing rule"));
  rule.record_kind = *kind;
  rule.level = *level;
  return rule;
}

tenancy::PersonnelFile ReadPersonnelFile(const Row& row) {
  tenancy::PersonnelFile file;
  file.id = row.Int(0);
  file.structure_id = row.Int(1);
  file.employee_name = row.Text(2);
  file.job_title = row.Text(3);
  file.contract = row.Text(4);
  file.notes = row.Text(5);
  file.version = row.Int(6);
  return file;
}

std::string EscapeLike(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  return escaped;
}

}  // namespace

Result<StructureId> TenancyStore::InsertStructure(const Structure& s, UnixMillis now) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO structures (kind, name, search_name, siret, address, commune_insee, territory, "
      "managed_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {std::string(tenancy::ToString(s.kind)), s.name, FoldForSearch(s.name), Nullable(s.siret),
       s.address, s.commune_insee, s.territory, Nullable(s.managed_by), now, now}));
  return row->Int(0);
}

Result<bool> TenancyStore::UpdateStructure(const Structure& s, UnixMillis now) {
  const auto changed = ENSEMBLE_TRY(db_.Execute(
      "UPDATE structures SET name = ?, search_name = ?, siret = ?, address = ?, commune_insee = ?, "
      "territory = ?, updated_at = ? WHERE id = ?",
      {s.name, FoldForSearch(s.name), Nullable(s.siret), s.address, s.commune_insee, s.territory,
       now, s.id}));
  return changed == 1;
}

Result<std::optional<Structure>> TenancyStore::FindStructure(StructureId id) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      std::string("SELECT ") + kStructureColumns + " FROM structures WHERE id = ?", {id}));
  if (!row) return std::optional<Structure>{};
  return std::optional<Structure>(ENSEMBLE_TRY(ReadStructure(*row)));
}

Result<std::optional<StructureId>> TenancyStore::FindStructureByName(const std::string& name) {
  auto row = ENSEMBLE_TRY(db_.QueryOne("SELECT id FROM structures WHERE name = ?", {name}));
  if (!row) return std::optional<StructureId>{};
  return std::optional<StructureId>(row->Int(0));
}

Result<Page<DirectoryEntry>> TenancyStore::ListStructures(const StructureFilter& filter,
                                                          PageRequest page) {
  const std::string pattern = "%" + EscapeLike(FoldForSearch(filter.text)) + "%";
  const std::string kind = filter.kind ? std::string(tenancy::ToString(*filter.kind)) : "";
  const std::string where = " WHERE search_name LIKE ? ESCAPE '\\' AND (? = '' OR kind = ?)";
  // The manager's name comes in the same query, so a directory page is one round trip.
  auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT s.id, s.kind, s.name, s.siret, s.address, s.commune_insee, s.territory, "
      "s.managed_by, m.name FROM structures s LEFT JOIN structures m ON m.id = s.managed_by "
      "WHERE s.search_name LIKE ? ESCAPE '\\' AND (? = '' OR s.kind = ?) "
      "ORDER BY s.search_name, s.id LIMIT ? OFFSET ?",
      {pattern, kind, kind, page.limit, page.offset}));
  auto count =
      ENSEMBLE_TRY(db_.QueryOne("SELECT count(*) FROM structures" + where, {pattern, kind, kind}));
  Page<DirectoryEntry> result;
  result.total = count->Int(0);
  for (const Row& row : rows) {
    DirectoryEntry entry{ENSEMBLE_TRY(ReadStructure(row)), std::nullopt};
    if (entry.structure.managed_by) {
      entry.managed_by = NamedRef{*entry.structure.managed_by, row.Text(8)};
    }
    result.items.push_back(std::move(entry));
  }
  return result;
}

Result<std::vector<NamedRef>> TenancyStore::StructuresManagedBy(StructureId manager) {
  auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT id, name FROM structures WHERE managed_by = ? ORDER BY search_name", {manager}));
  std::vector<NamedRef> refs;
  for (const Row& row : rows) refs.push_back({row.Int(0), row.Text(1)});
  return refs;
}

Result<PersonId> TenancyStore::InsertPerson(const tenancy::Person& person,
                                            const std::string& password_hash, UnixMillis now) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO people (display_name, email, password_hash, platform_admin, created_at, "
      "password_changed_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {person.display_name, person.email, password_hash,
       std::int64_t{person.platform_admin ? 1 : 0}, now, now}));
  return row->Int(0);
}

Result<std::int64_t> TenancyStore::CountPeople() {
  const auto row = ENSEMBLE_TRY(db_.QueryOne("SELECT count(*) FROM people", {}));
  return row ? row->Int(0) : 0;
}

Result<std::optional<tenancy::Person>> TenancyStore::FindPerson(PersonId id) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT id, display_name, email, platform_admin, language FROM people WHERE id = ?", {id}));
  if (!row) return std::optional<tenancy::Person>{};
  tenancy::Person person = ReadPerson(*row, 0);
  person.language = ParseLanguage(row->Text(4)).value_or(Language::kFrench);
  return std::optional<tenancy::Person>(std::move(person));
}

Result<std::optional<Credentials>> TenancyStore::FindCredentialsByEmail(const std::string& email) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT id, display_name, email, platform_admin, password_hash FROM people WHERE email = ?",
      {email}));
  if (!row) return std::optional<Credentials>{};
  return std::optional<Credentials>(Credentials{ReadPerson(*row, 0), row->Text(4)});
}

Result<std::optional<Credentials>> TenancyStore::FindCredentials(PersonId id) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT id, display_name, email, platform_admin, password_hash FROM people WHERE id = ?",
      {id}));
  if (!row) return std::optional<Credentials>{};
  return std::optional<Credentials>(Credentials{ReadPerson(*row, 0), row->Text(4)});
}

Status TenancyStore::SetLanguage(PersonId id, Language language) {
  ENSEMBLE_TRY(db_.Execute("UPDATE people SET language = ? WHERE id = ?",
                           {std::string(ToString(language)), id}));
  return Ok();
}

Status TenancyStore::UpdatePasswordHash(PersonId id, const std::string& password_hash,
                                        UnixMillis now) {
  ENSEMBLE_TRY(
      db_.Execute("UPDATE people SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                  {password_hash, now, id}));
  return Ok();
}

Status TenancyStore::GrantRole(const tenancy::RoleGrant& grant) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO role_grants (person_id, structure_id, role) VALUES (?, ?, ?) "
      "ON CONFLICT DO NOTHING",
      {grant.person_id, grant.structure_id, std::string(tenancy::ToString(grant.role))}));
  return Ok();
}

Result<std::vector<Role>> TenancyStore::RolesIn(PersonId person, StructureId structure) {
  auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT role FROM role_grants WHERE person_id = ? AND structure_id = ? ORDER BY role",
      {person, structure}));
  std::vector<Role> roles;
  for (const Row& row : rows) {
    const auto role = tenancy::ParseRole(row.Text(0));
    if (!role) return std::unexpected(Corrupt("role"));
    roles.push_back(*role);
  }
  return roles;
}

Result<std::vector<Hat>> TenancyStore::HatsOf(PersonId person) {
  auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT s.id, s.name, s.kind, r.role FROM role_grants r JOIN structures s ON s.id = "
      "r.structure_id WHERE r.person_id = ? ORDER BY s.search_name, s.id, r.role",
      {person}));
  std::vector<Hat> hats;
  for (const Row& row : rows) {
    if (hats.empty() || hats.back().structure_id != row.Int(0)) {
      const auto kind = tenancy::ParseStructureKind(row.Text(2));
      if (!kind) return std::unexpected(Corrupt("structure kind"));
      hats.push_back(Hat{row.Int(0), row.Text(1), *kind, {}});
    }
    const auto role = tenancy::ParseRole(row.Text(3));
    if (!role) return std::unexpected(Corrupt("role"));
    hats.back().roles.push_back(*role);
  }
  return hats;
}

Result<std::vector<StaffMember>> TenancyStore::StaffOf(StructureId structure) {
  auto rows = ENSEMBLE_TRY(
      db_.Query("SELECT p.id, p.display_name, p.email, p.platform_admin, "
                "group_concat(r.role, ',') FROM role_grants r JOIN people p ON p.id = r.person_id "
                "WHERE r.structure_id = ? GROUP BY p.id, p.display_name, p.email, p.platform_admin "
                "ORDER BY p.display_name, p.id",
                {structure}));
  std::vector<StaffMember> staff;
  for (const Row& row : rows) {
    staff.push_back(StaffMember{ReadPerson(row, 0), ENSEMBLE_TRY(ReadRoles(row.Text(4)))});
  }
  return staff;
}

Result<CollectiveId> TenancyStore::InsertCollective(const tenancy::Collective& collective,
                                                    UnixMillis now) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO collectives (name, purpose, coordinating_structure_id, created_at) "
      "VALUES (?, ?, ?, ?) RETURNING id",
      {collective.name, collective.purpose, collective.coordinating_structure_id, now}));
  return row->Int(0);
}

Status TenancyStore::SetDisclosureThreshold(CollectiveId collective, std::int64_t threshold) {
  ENSEMBLE_TRY(db_.Execute("UPDATE collectives SET disclosure_threshold = ? WHERE id = ?",
                           {threshold, collective}));
  return Ok();
}

Status TenancyStore::AddMember(CollectiveId collective, StructureId structure, UnixMillis now) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO collective_members (collective_id, structure_id, joined_at) VALUES (?, ?, ?)",
      {collective, structure, now}));
  return Ok();
}

Result<std::optional<tenancy::Collective>> TenancyStore::FindCollective(CollectiveId id) {
  auto row = ENSEMBLE_TRY(
      db_.QueryOne("SELECT id, name, purpose, coordinating_structure_id, disclosure_threshold FROM "
                   "collectives WHERE id = ?",
                   {id}));
  if (!row) return std::optional<tenancy::Collective>{};
  return std::optional<tenancy::Collective>(
      tenancy::Collective{row->Int(0), row->Text(1), row->Text(2), row->Int(3), row->Int(4)});
}

Result<std::vector<tenancy::Collective>> TenancyStore::CollectivesOf(StructureId structure) {
  auto rows = ENSEMBLE_TRY(
      db_.Query("SELECT c.id, c.name, c.purpose, c.coordinating_structure_id, "
                "c.disclosure_threshold FROM collectives c "
                "JOIN collective_members m ON m.collective_id = c.id WHERE m.structure_id = ? "
                "ORDER BY c.name",
                {structure}));
  std::vector<tenancy::Collective> collectives;
  for (const Row& row : rows) {
    collectives.push_back({row.Int(0), row.Text(1), row.Text(2), row.Int(3), row.Int(4)});
  }
  return collectives;
}

Result<std::vector<CollectiveId>> TenancyStore::CollectiveIdsOf(StructureId structure) {
  auto rows = ENSEMBLE_TRY(db_.Query(
      "SELECT collective_id FROM collective_members WHERE structure_id = ?", {structure}));
  std::vector<CollectiveId> ids;
  for (const Row& row : rows) ids.push_back(row.Int(0));
  return ids;
}

Result<std::vector<MemberView>> TenancyStore::MembersOf(CollectiveId collective) {
  auto rows = ENSEMBLE_TRY(
      db_.Query("SELECT s.id, s.name, s.kind, m.referent_person_id, coalesce(p.display_name, ''), "
                "s.commune_insee "
                "FROM collective_members m JOIN structures s ON s.id = m.structure_id "
                "LEFT JOIN people p ON p.id = m.referent_person_id WHERE m.collective_id = ? "
                "ORDER BY s.search_name, s.id",
                {collective}));
  std::vector<MemberView> members;
  for (const Row& row : rows) {
    const auto kind = tenancy::ParseStructureKind(row.Text(2));
    if (!kind) return std::unexpected(Corrupt("structure kind"));
    members.push_back({row.Int(0), row.Text(1), *kind, row.OptionalInt(3), row.Text(4)});
    members.back().commune_insee = row.Text(5);
  }
  return members;
}

Result<bool> TenancyStore::IsMember(CollectiveId collective, StructureId structure) {
  auto row = ENSEMBLE_TRY(
      db_.QueryOne("SELECT 1 FROM collective_members WHERE collective_id = ? AND structure_id = ?",
                   {collective, structure}));
  return row.has_value();
}

Status TenancyStore::SetReferent(CollectiveId collective, StructureId structure,
                                 std::optional<PersonId> referent) {
  ENSEMBLE_TRY(db_.Execute(
      "UPDATE collective_members SET referent_person_id = ? WHERE collective_id = ? AND "
      "structure_id = ?",
      {Nullable(referent), collective, structure}));
  return Ok();
}

Result<std::vector<tenancy::SharingRule>> TenancyStore::SharingRulesOfCollective(
    CollectiveId collective) {
  auto rows = ENSEMBLE_TRY(
      db_.Query("SELECT structure_id, collective_id, record_kind, level FROM sharing_rules "
                "WHERE collective_id = ?",
                {collective}));
  std::vector<tenancy::SharingRule> rules;
  for (const Row& row : rows) rules.push_back(ENSEMBLE_TRY(ReadRule(row)));
  return rules;
}

Result<std::vector<tenancy::SharingRule>> TenancyStore::SharingRulesOf(StructureId owner,
                                                                       tenancy::RecordKind kind) {
  auto rows = ENSEMBLE_TRY(
      db_.Query("SELECT structure_id, collective_id, record_kind, level FROM sharing_rules "
                "WHERE structure_id = ? AND record_kind = ?",
                {owner, std::string(tenancy::ToString(kind))}));
  std::vector<tenancy::SharingRule> rules;
  for (const Row& row : rows) rules.push_back(ENSEMBLE_TRY(ReadRule(row)));
  return rules;
}

Status TenancyStore::UpsertSharingRule(const tenancy::SharingRule& rule, PersonId by,
                                       UnixMillis now) {
  ENSEMBLE_TRY(db_.Execute(
      "INSERT INTO sharing_rules (structure_id, collective_id, record_kind, level, updated_at, "
      "updated_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (structure_id, collective_id, "
      "record_kind) DO UPDATE SET level = excluded.level, updated_at = excluded.updated_at, "
      "updated_by = excluded.updated_by",
      {rule.structure_id, rule.collective_id, std::string(tenancy::ToString(rule.record_kind)),
       std::string(tenancy::ToString(rule.level)), now, by == 0 ? Value{} : Value{by}}));
  return Ok();
}

Result<std::int64_t> TenancyStore::InsertPersonnelFile(const tenancy::PersonnelFile& file,
                                                       UnixMillis now) {
  auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO personnel_files (structure_id, employee_name, job_title, contract, notes, "
      "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
      {file.structure_id, file.employee_name, file.job_title, file.contract, file.notes, now,
       now}));
  return row->Int(0);
}

Result<std::optional<tenancy::PersonnelFile>> TenancyStore::FindPersonnelFile(std::int64_t id) {
  auto row = ENSEMBLE_TRY(
      db_.QueryOne("SELECT id, structure_id, employee_name, job_title, contract, notes, version "
                   "FROM personnel_files WHERE id = ?",
                   {id}));
  if (!row) return std::optional<tenancy::PersonnelFile>{};
  return std::optional<tenancy::PersonnelFile>(ReadPersonnelFile(*row));
}

Result<std::vector<tenancy::PersonnelFile>> TenancyStore::PersonnelFilesOf(StructureId structure) {
  auto rows = ENSEMBLE_TRY(
      db_.Query("SELECT id, structure_id, employee_name, job_title, contract, notes, version "
                "FROM personnel_files WHERE structure_id = ? ORDER BY employee_name, id",
                {structure}));
  std::vector<tenancy::PersonnelFile> files;
  for (const Row& row : rows) files.push_back(ReadPersonnelFile(row));
  return files;
}

Result<bool> TenancyStore::UpdatePersonnelFile(const tenancy::PersonnelFile& file, UnixMillis now) {
  const auto changed = ENSEMBLE_TRY(db_.Execute(
      "UPDATE personnel_files SET employee_name = ?, job_title = ?, contract = ?, notes = ?, "
      "version = version + 1, updated_at = ? WHERE id = ? AND structure_id = ? AND version = ?",
      {file.employee_name, file.job_title, file.contract, file.notes, now, file.id,
       file.structure_id, file.version}));
  return changed == 1;
}

}  // namespace ensemble::storage
