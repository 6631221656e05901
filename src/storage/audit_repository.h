// The append-only audit log: every read of personal data and every change, with who did it,
// acting for which structure, on whose record. The schema refuses updates and deletions.
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

struct AuditEntry {
  std::int64_t id = 0;
  UnixMillis at = 0;
  std::optional<tenancy::PersonId> person_id;
  std::optional<tenancy::StructureId> acting_structure_id;
  std::optional<tenancy::StructureId> owner_structure_id;
  std::string action;       // "read", "create", "update", "sign_in", ...
  std::string record_kind;  // "personnel_file", "sharing_rule", ...
  std::string record_id;
  std::string detail;
  // Filled by ListAudit for display.
  std::string person_name;
  std::string acting_structure_name;
};

Status AppendAudit(Connection& db, const AuditEntry& entry);

struct AuditFilter {
  tenancy::StructureId owner = 0;
  std::string action;  // empty: any
  std::optional<tenancy::PersonId> person_id;
  std::optional<UnixMillis> from;  // inclusive
  std::optional<UnixMillis> to;    // exclusive
};
Result<Page<AuditEntry>> ListAudit(Connection& db, const AuditFilter& filter, PageRequest page);

}  // namespace ensemble::storage
