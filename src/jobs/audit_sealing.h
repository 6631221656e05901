// The audit sealing job: seals the lines written since its last run into their structure's hash
// chain, in id order (storage/audit/audit_chain.h says why sealing is a job rather than the
// writer's work), then queues its next run. Every server queues one at start when none waits, like
// housekeeping, so lines wait at most about `interval` to be sealed.
#pragma once

#include <string_view>

#include "core/clock.h"
#include "jobs/job_runner.h"
#include "storage/database.h"

namespace ensemble::jobs {

inline constexpr std::string_view kAuditSealingKind = "audit_sealing";

struct AuditSealingOptions {
  UnixMillis interval = 60LL * 1000;  // between runs
  std::int64_t batch = 500;           // lines sealed per transaction
  // The succeeded runs of this job are removed once this old: a run a minute would otherwise
  // leave tens of thousands of rows in the queue before housekeeping's month is up.
  UnixMillis succeeded_runs_kept = 60LL * 60 * 1000;
};

// Seals every unsealed line, a batch per transaction; returns how many. What the job does, and
// what `ensemble audit verify` and the tests call directly.
Result<std::int64_t> SealAllAuditLines(storage::Database& database, std::int64_t batch = 500);

// Queues a run due at `at` unless one is queued already.
Status ScheduleAuditSealing(storage::Database& database, UnixMillis at, UnixMillis now);

JobHandler AuditSealingHandler(storage::Database& database, const Clock& clock,
                               AuditSealingOptions options);

}  // namespace ensemble::jobs
