#include "storage/audit/audit_store.h"

#include <algorithm>
#include <boost/json.hpp>

namespace ensemble::storage {
namespace {

using audit::kAccountActions;

namespace json = boost::json;

json::value ToJson(const AuditValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* text = std::get_if<std::string>(&value)) return json::string(*text);
  return nullptr;
}

constexpr const char* kColumns =
    "a.id, a.at, a.person_id, a.acting_structure_id, a.owner_structure_id, a.action, "
    "a.record_kind, a.record_id, a.params, a.changes, a.chain_seq, a.hash, "
    "coalesce(p.display_name, ''), coalesce(s.name, '') FROM audit_log a "
    "LEFT JOIN people p ON p.id = a.person_id LEFT JOIN structures s ON s.id = "
    "a.acting_structure_id";

AuditEntry EntryOf(const Row& row) {
  AuditEntry e = AuditLineOf(row);
  e.person_name = row.Text(12);
  e.acting_structure_name = row.Text(13);
  return e;
}

// The account actions as a SQL list, from the one constant.
std::string AccountActionsSql() {
  std::string list;
  for (const auto action : kAccountActions) {
    list += (list.empty() ? "'" : ", '") + std::string(action) + "'";
  }
  return "(" + list + ")";
}

}  // namespace

std::string EncodeParams(const std::vector<AuditParam>& params) {
  json::object object;
  for (const auto& param : params) object[param.name] = ToJson(param.value);
  return json::serialize(object);
}

std::string EncodeChanges(const std::vector<AuditChange>& changes) {
  json::array array;
  for (const auto& change : changes) {
    json::object item{{"field", change.field}};
    if (change.redacted) {
      item["redacted"] = true;
    } else {
      item["old"] = ToJson(change.old_value);
      item["new"] = ToJson(change.new_value);
    }
    array.push_back(std::move(item));
  }
  return json::serialize(array);
}

AuditEntry AuditLineOf(const Row& row) {
  AuditEntry e;
  e.id = row.Int(0);
  e.at = row.Int(1);
  e.person_id = row.OptionalInt(2);
  e.acting_structure_id = row.OptionalInt(3);
  e.owner_structure_id = row.OptionalInt(4);
  e.action = row.Text(5);
  e.record_kind = row.Text(6);
  e.record_id = row.Text(7);
  e.params = row.Text(8);
  e.changes = row.Text(9);
  e.chain_seq = row.OptionalInt(10);
  e.hash = row.OptionalText(11);
  return e;
}

Status AuditStore::AppendAudit(const AuditEntry& e) {
  // Lines go in unsealed: the sealing job places them in their chain (audit_chain.h), so that
  // writing a line never waits for the head of its structure's chain. Appended, so that an
  // audited read on SQLite commits it with the lines of concurrent reads (database.h).
  return db_.Append(
      "INSERT INTO audit_log (at, person_id, acting_structure_id, owner_structure_id, action, "
      "record_kind, record_id, params, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.at, Nullable(e.person_id), Nullable(e.acting_structure_id), Nullable(e.owner_structure_id),
       e.action, e.record_kind, e.record_id, e.params, e.changes});
}

Result<Page<AuditEntry>> AuditStore::ListAudit(const AuditFilter& f, PageRequest page) {
  // Absent filters are passed as NULL and neutralised in SQL, so one prepared statement serves.
  const std::string where =
      " WHERE a.owner_structure_id = ? AND (? = '' OR a.action = ?) AND (? IS NULL OR "
      "a.person_id = ?) AND (? IS NULL OR a.at >= ?) AND (? IS NULL OR a.at < ?) AND (? IS NULL "
      "OR a.action NOT IN ('read', 'export') OR a.person_id IS NULL OR a.person_id <> ?)";
  const Value person = Nullable(f.person_id);
  const Value from = Nullable(f.from);
  const Value to = Nullable(f.to);
  const Value hidden = Nullable(f.hide_reads_of);
  auto rows = ENSEMBLE_TRY(db_.Query(
      std::string("SELECT ") + kColumns + where + " ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?",
      {f.owner, f.action, f.action, person, person, from, from, to, to, hidden, hidden, page.limit,
       page.offset}));
  auto count = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT count(*) FROM audit_log a" + where,
      {f.owner, f.action, f.action, person, person, from, from, to, to, hidden, hidden}));
  Page<AuditEntry> result;
  result.total = count->Int(0);
  for (const Row& row : rows) result.items.push_back(EntryOf(row));
  return result;
}

Result<Page<AuditEntry>> AuditStore::ListAccountActivity(const AccountActivityFilter& f,
                                                         PageRequest page) {
  const std::string where = " WHERE a.owner_structure_id IS NULL AND a.action IN " +
                            AccountActionsSql() +
                            " AND (? IS NULL OR a.person_id = ?) AND (? = '' OR a.action = ?)";
  const Value person = Nullable(f.person_id);
  auto rows = ENSEMBLE_TRY(db_.Query(
      std::string("SELECT ") + kColumns + where + " ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?",
      {person, person, f.action, f.action, page.limit, page.offset}));
  auto count = ENSEMBLE_TRY(db_.QueryOne("SELECT count(*) FROM audit_log a" + where,
                                         {person, person, f.action, f.action}));
  Page<AuditEntry> result;
  result.total = count->Int(0);
  for (const Row& row : rows) result.items.push_back(EntryOf(row));
  return result;
}

}  // namespace ensemble::storage
