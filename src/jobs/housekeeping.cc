#include "jobs/housekeeping.h"

#include <spdlog/spdlog.h>

#include <array>
#include <functional>

#include "storage/audit/audit_chain.h"
#include "storage/jobs/job_store.h"
#include "storage/tenancy/session_store.h"

namespace ensemble::jobs {

namespace {

using storage::Scope;
using storage::Transaction;
using storage::TransactionMode;

using Step = std::function<Result<std::int64_t>(Transaction&, UnixMillis now)>;

struct NamedStep {
  const char* what;
  // The audit steps run in kQueue, as the sealing job does (audit_sealing.cc says why).
  TransactionMode mode;
  Step step;
};

}  // namespace

Status ScheduleHousekeeping(storage::Database& database, UnixMillis at, UnixMillis now) {
  return database.InTransaction(
      TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
        if (ENSEMBLE_TRY(tx.Jobs().CountQueuedJobs(kHousekeepingKind)) > 0) return Ok();
        storage::NewJob next;
        next.kind = std::string(kHousekeepingKind);
        next.run_after = at;
        ENSEMBLE_TRY(tx.Jobs().EnqueueJob(next, now));
        return Ok();
      });
}

JobHandler HousekeepingHandler(storage::Database& database, const Clock& clock,
                               HousekeepingOptions options) {
  return [&database, &clock, options](JobContext& context) -> Status {
    constexpr TransactionMode kWrite = TransactionMode::kWrite;
    constexpr TransactionMode kSealer = TransactionMode::kQueue;
    const std::array<NamedStep, 8> steps{{
        {"expired sessions removed", kWrite,
         [&](Transaction& tx, UnixMillis now) {
           return tx.Sessions().DeleteSessionsBefore(now - options.session_absolute_timeout,
                                                     now - options.session_idle_timeout);
         }},
        {"old sign-in failures removed", kWrite,
         [&](Transaction& tx, UnixMillis now) {
           return tx.Sessions().DeleteSignInFailuresBefore(now - options.throttle_window);
         }},
        {"old successful sign-ins removed", kWrite,
         [&](Transaction& tx, UnixMillis now) {
           return tx.Sessions().DeleteSignInSuccessesBefore(now - options.trusted_address_for);
         }},
        // A day past its window: the limits no longer count it and no link is still valid.
        {"old password reset requests removed", kWrite,
         [&](Transaction& tx, UnixMillis now) {
           return tx.Sessions().DeletePasswordResetsBefore(now - options.password_resets_kept);
         }},
        // The files of the background exports hold a structure's answers: a day, then gone.
        {"old exports of answers removed", kWrite,
         [&](Transaction& tx, UnixMillis now) {
           return tx.Surveys().DeleteExportsBefore(now - options.answer_exports_kept);
         }},
        {"finished jobs removed", kWrite,
         [&](Transaction& tx, UnixMillis now) {
           return tx.Jobs().DeleteFinishedJobsBefore(now - options.finished_jobs_kept);
         }},
        // Only sealed lines are purged: seal what waits first, so that old lines go now.
        {"audit lines sealed", kSealer,
         [&](Transaction& tx, UnixMillis) -> Result<std::int64_t> {
           constexpr std::int64_t kBatch = 5000;
           std::int64_t sealed = 0;
           while (true) {
             const auto batch = ENSEMBLE_TRY(tx.Audit().SealAuditLines(kBatch));
             sealed += batch;
             if (batch < kBatch) return sealed;
           }
         }},
        {"audit lines purged past the retention", kSealer,
         [&](Transaction& tx, UnixMillis now) -> Result<std::int64_t> {
           const auto purged = ENSEMBLE_TRY(tx.Audit().PurgeAuditLines(
               storage::MonthsBefore(now, options.audit_retention_months), now));
           return purged.lines;
         }},
    }};
    const auto total = static_cast<std::int64_t>(steps.size());
    for (std::int64_t done = 0; done < total; ++done) {
      const auto& [what, mode, step] = steps[static_cast<std::size_t>(done)];
      const auto removed = ENSEMBLE_TRY(database.InTransaction(
          mode, Scope::WholeDatabase(), [&](Transaction& tx) { return step(tx, clock.Now()); }));
      if (removed > 0) spdlog::info("housekeeping: {} {}", removed, what);
      ENSEMBLE_TRY_STATUS(context.Progress(done + 1, total));
    }
    const UnixMillis now = clock.Now();
    return ScheduleHousekeeping(database, now + options.interval, now);
  };
}

}  // namespace ensemble::jobs
