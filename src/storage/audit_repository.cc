#include "storage/audit_repository.h"

namespace ensemble::storage {

Status AppendAudit(Connection& db, const AuditEntry& e) {
  ENSEMBLE_TRY(db.Execute(
      "INSERT INTO audit_log (at, person_id, acting_structure_id, owner_structure_id, action, "
      "record_kind, record_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {e.at, Nullable(e.person_id), Nullable(e.acting_structure_id), Nullable(e.owner_structure_id),
       e.action, e.record_kind, e.record_id, e.detail}));
  return Ok();
}

Result<Page<AuditEntry>> ListAudit(Connection& db, const AuditFilter& f, PageRequest page) {
  // Absent filters are passed as NULL and neutralised in SQL, so one prepared statement serves.
  const std::string where =
      " WHERE a.owner_structure_id = ? AND (? = '' OR a.action = ?) AND (? IS NULL OR "
      "a.person_id = ?) AND (? IS NULL OR a.at >= ?) AND (? IS NULL OR a.at < ?)";
  const Value person = Nullable(f.person_id);
  const Value from = Nullable(f.from);
  const Value to = Nullable(f.to);
  auto rows = ENSEMBLE_TRY(db.Query(
      "SELECT a.id, a.at, a.person_id, a.acting_structure_id, a.owner_structure_id, a.action, "
      "a.record_kind, a.record_id, a.detail, coalesce(p.display_name, ''), coalesce(s.name, '') "
      "FROM audit_log a LEFT JOIN people p ON p.id = a.person_id "
      "LEFT JOIN structures s ON s.id = a.acting_structure_id" +
          where + " ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?",
      {f.owner, f.action, f.action, person, person, from, from, to, to, page.limit, page.offset}));
  auto count =
      ENSEMBLE_TRY(db.QueryOne("SELECT count(*) FROM audit_log a" + where,
                               {f.owner, f.action, f.action, person, person, from, from, to, to}));
  Page<AuditEntry> result;
  result.total = count->Int(0);
  for (const Row& row : rows) {
    AuditEntry e;
    e.id = row.Int(0);
    e.at = row.Int(1);
    e.person_id = row.OptionalInt(2);
    e.acting_structure_id = row.OptionalInt(3);
    e.owner_structure_id = row.OptionalInt(4);
    e.action = row.Text(5);
    e.record_kind = row.Text(6);
    e.record_id = row.Text(7);
    e.detail = row.Text(8);
    e.person_name = row.Text(9);
    e.acting_structure_name = row.Text(10);
    result.items.push_back(std::move(e));
  }
  return result;
}

}  // namespace ensemble::storage
