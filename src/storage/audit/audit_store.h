// The append-only audit log: every read of personal data and every change, with who did it,
// acting for which structure, on whose record. A line stores codes and parameters, never prose
// (the web pages word it from the codes), and for a change the before and after of each field it
// touched. The schema refuses updates and deletions, except the sealing of a line into its
// chain and the purge behind a checkpoint (storage/audit/audit_chain.h).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/page.h"
#include "domain/audit/audit_line.h"
#include "domain/tenancy/types.h"
#include "storage/audit/audit_chain.h"
#include "storage/sql/database.h"

namespace ensemble::storage {

using audit::AccountActivityFilter;
using audit::AuditChange;
using audit::AuditDetails;
using audit::AuditEntry;
using audit::AuditFilter;
using audit::AuditParam;
using audit::AuditValue;

// {"name": value, ...} and [{"field", "old", "new"} or {"field", "redacted": true}, ...], as
// stored in the params and changes columns.
std::string EncodeParams(const std::vector<AuditParam>& params);
std::string EncodeChanges(const std::vector<AuditChange>& changes);

// A stored line from a row whose first columns are, in order: id, at, person_id,
// acting_structure_id, owner_structure_id, action, record_kind, record_id, params, changes,
// chain_seq, hash.
AuditEntry AuditLineOf(const Row& row);

class AuditStore {
 public:
  explicit AuditStore(Connection& db) : db_(db) {}

  Status AppendAudit(const AuditEntry& entry);
  Result<Page<AuditEntry>> ListAudit(const AuditFilter& filter, PageRequest page);
  Result<Page<AuditEntry>> ListAccountActivity(const AccountActivityFilter& filter,
                                               PageRequest page);

  // Seals up to `limit` unsealed lines, oldest id first, each after the head of its chain; returns
  // how many. Run it in a write transaction.
  Result<std::int64_t> SealAuditLines(std::int64_t limit);
  // Walks every chain from its checkpoint (or its start) in sequence order and recomputes each
  // hash; stops at the first line whose sequence number or hash is not what the chain says. Run it
  // in a read transaction over the whole database.
  Result<VerifyReport> VerifyAuditChains();
  // Removes, from each chain, the longest prefix of sealed lines written before `before`, after
  // storing the checkpoint of that prefix. Unsealed lines stay. Run it in a write transaction.
  Result<PurgeReport> PurgeAuditLines(UnixMillis before, UnixMillis now);

 private:
  Connection& db_;
};

}  // namespace ensemble::storage
