// What the audit log records: a line's codes and parameters, the catalogue of action codes,
// and the filters of its reads. Plain values; storage/audit/ keeps the lines and their chains.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "domain/tenancy/types.h"

namespace ensemble::audit {

// A parameter or field value of an audit line: a JSON null, integer or string.
using AuditValue = std::variant<std::monostate, std::int64_t, std::string>;

struct AuditParam {
  std::string name;
  AuditValue value;
};

// One field a change touched. A redacted change says that the field changed without keeping
// either text (a personnel file's confidential notes): old and new are then left out.
struct AuditChange {
  std::string field;
  AuditValue old_value;
  AuditValue new_value;
  bool redacted = false;
};

// What a line says beyond who, what and which record.
struct AuditDetails {
  std::vector<AuditParam> params{};
  std::vector<AuditChange> changes{};
};

struct AuditEntry {
  std::int64_t id = 0;
  UnixMillis at = 0;
  std::optional<tenancy::PersonId> person_id;
  std::optional<tenancy::StructureId> acting_structure_id;
  std::optional<tenancy::StructureId> owner_structure_id;
  std::string action;       // a code of kAuditActions
  std::string record_kind;  // "personnel_file", "sharing_rule", ...
  std::string record_id;
  std::string params = "{}";   // JSON object (EncodeParams)
  std::string changes = "[]";  // JSON array (EncodeChanges)
  // Set when the sealing job has placed the line in its chain (audit_chain.h).
  std::optional<std::int64_t> chain_seq;
  std::optional<std::string> hash;
  // Filled by the listings for display.
  std::string person_name;
  std::string acting_structure_name;
};

// Every action code a line may carry. The filters accept these only; a new code goes here and in
// the web catalogue (web/src/labels.ts).
inline constexpr std::array<std::string_view, 16> kAuditActions = {"sign_in",
                                                                   "sign_out",
                                                                   "sign_in_failed",
                                                                   "act_for",
                                                                   "read",
                                                                   "create",
                                                                   "update",
                                                                   "export",
                                                                   "change_password",
                                                                   "change_password_failed",
                                                                   "end_session",
                                                                   "end_all_sessions",
                                                                   "refused",
                                                                   "password_reset_requested",
                                                                   "password_reset",
                                                                   "password_reset_refused"};
bool IsAuditAction(std::string_view code);

// The actions about a person's own account, in the chain no structure owns: shown to her on her
// account page and to the platform administrator.
inline constexpr std::array<std::string_view, 10> kAccountActions = {"sign_in",
                                                                     "sign_out",
                                                                     "sign_in_failed",
                                                                     "change_password",
                                                                     "change_password_failed",
                                                                     "end_session",
                                                                     "end_all_sessions",
                                                                     "password_reset_requested",
                                                                     "password_reset",
                                                                     "password_reset_refused"};
bool IsAccountAction(std::string_view code);

struct AuditFilter {
  tenancy::StructureId owner = 0;
  std::string action;  // empty: any
  std::optional<tenancy::PersonId> person_id;
  std::optional<UnixMillis> from;  // inclusive
  std::optional<UnixMillis> to;    // exclusive
  // Leaves out this person's reads (and exports) of the log: a director hiding her own reads from
  // her view. Her changes stay.
  std::optional<tenancy::PersonId> hide_reads_of;
};

// Lines of the chain no structure owns with an account action (kAccountActions), newest first.
struct AccountActivityFilter {
  std::optional<tenancy::PersonId> person_id;  // empty: everybody's (platform administrator)
  std::string action;                          // empty: every account action
};

}  // namespace ensemble::audit
