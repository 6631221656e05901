#include "jobs/audit_sealing.h"

#include <spdlog/spdlog.h>

#include "storage/audit/audit_chain.h"
#include "storage/jobs/job_store.h"

namespace ensemble::jobs {

namespace {

using storage::Scope;
using storage::Transaction;
using storage::TransactionMode;

}  // namespace

// In kQueue (READ COMMITTED on PostgreSQL): the sealer serialises on its own advisory lock, and
// each statement after it must see what the previous sealer committed; a snapshot taken before
// the lock was granted (REPEATABLE READ, SERIALIZABLE) would show its lines as still unsealed.
Result<std::int64_t> SealAllAuditLines(storage::Database& database, std::int64_t batch) {
  std::int64_t sealed = 0;
  while (true) {
    const auto done = ENSEMBLE_TRY(
        database.InTransaction(TransactionMode::kQueue, Scope::WholeDatabase(),
                               [&](Transaction& tx) { return tx.Audit().SealAuditLines(batch); }));
    sealed += done;
    if (done < batch) return sealed;
  }
}

Status ScheduleAuditSealing(storage::Database& database, UnixMillis at, UnixMillis now) {
  return database.InTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
        if (ENSEMBLE_TRY(tx.Jobs().CountQueuedJobs(kAuditSealingKind)) > 0) return Ok();
        storage::NewJob next;
        next.kind = std::string(kAuditSealingKind);
        next.run_after = at;
        ENSEMBLE_TRY(tx.Jobs().EnqueueJob(next, now));
        return Ok();
      });
}

JobHandler AuditSealingHandler(storage::Database& database, const Clock& clock,
                               AuditSealingOptions options) {
  return [&database, &clock, options](JobContext& context) -> Status {
    const auto sealed = ENSEMBLE_TRY(SealAllAuditLines(database, options.batch));
    if (sealed > 0) spdlog::debug("audit sealing: {} lines sealed", sealed);
    ENSEMBLE_TRY_STATUS(context.Progress(1, 1));
    const UnixMillis now = clock.Now();
    ENSEMBLE_TRY(database.InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                        [&](Transaction& tx) {
                                          return tx.Jobs().DeleteSucceededJobsBefore(
                                              kAuditSealingKind, now - options.succeeded_runs_kept);
                                        }));
    return ScheduleAuditSealing(database, now + options.interval, now);
  };
}

}  // namespace ensemble::jobs
