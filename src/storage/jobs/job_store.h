// The background job queue: one table that every app server shares. A worker claims a job by
// taking a lease (its name and an instant until which the job is its own); a worker that dies
// leaves a lease that expires, and the job is then claimed again. On PostgreSQL the claim locks
// the row with FOR UPDATE SKIP LOCKED so that two servers never take the same job; on SQLite the
// single writer serialises claims. Every change made on behalf of a worker first checks that the
// worker still holds the lease, and answers kConflict when it does not.
//
// Run each call inside a write transaction: the claim and the change it guards must commit
// together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"
#include "domain/tenancy/types.h"
#include "storage/sql/database.h"

namespace ensemble::storage {

using JobId = std::int64_t;

enum class JobState { kQueued, kRunning, kSucceeded, kFailed };

std::string_view ToString(JobState state);

struct NewJob {
  std::string kind;
  std::string payload = "{}";  // JSON, read only by the job's own code
  std::optional<tenancy::StructureId> owner_structure_id;
  std::int64_t max_attempts = 3;
  UnixMillis run_after = 0;  // 0: as soon as a worker is free
  // A job no structure owns that belongs to one person (her reset link's mail): her own
  // transaction may queue it (Scope::OwnPlatformLines); nobody else's reaches it.
  std::optional<tenancy::PersonId> for_person;
};

struct Job {
  JobId id = 0;
  std::string kind;
  std::string payload;
  std::optional<tenancy::StructureId> owner_structure_id;
  JobState state = JobState::kQueued;
  std::int64_t attempts = 0;  // claims so far, this one included while running
  std::int64_t max_attempts = 0;
  UnixMillis run_after = 0;
  std::optional<std::string> locked_by;
  std::optional<UnixMillis> locked_until;
  std::int64_t progress_done = 0;
  std::int64_t progress_total = 0;
  std::string last_error;  // kept after a retry and after the final failure
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
};

class JobStore {
 public:
  explicit JobStore(Connection& db) : db_(db) {}

  Result<JobId> EnqueueJob(const NewJob& job, UnixMillis now);
  // Claims the oldest job that is due: queued with run_after passed, or running with an expired
  // lease. A job whose lease expired on its last attempt is marked failed instead of claimed.
  // Returns nothing when no job is due.
  Result<std::optional<Job>> ClaimNextJob(std::string_view worker, UnixMillis now,
                                          UnixMillis lease);
  // Records progress and renews the lease until now + lease, so that a long job that keeps
  // reporting is not taken for dead.
  Status ReportProgress(JobId id, std::string_view worker, std::int64_t done, std::int64_t total,
                        UnixMillis now, UnixMillis lease);
  Status CompleteJob(JobId id, std::string_view worker, UnixMillis now);
  // Queues the job again at now + retry_delay while it has attempts left, fails it otherwise;
  // the error is kept in last_error either way.
  Status FailJob(JobId id, std::string_view worker, std::string_view error, UnixMillis now,
                 UnixMillis retry_delay);
  // Fails the job for good, whatever attempts it has left: another attempt would fail the same
  // way (a mail refused with a 5xx reply). The error is kept in last_error.
  Status FailJobForGood(JobId id, std::string_view worker, std::string_view error, UnixMillis now);
  // Queues the job again at `run_after` without counting the attempt: the worker could not start
  // it (the service it needs is not configured on this server). The reason is kept in last_error.
  Status PostponeJob(JobId id, std::string_view worker, std::string_view reason,
                     UnixMillis run_after, UnixMillis now);
  Result<std::optional<Job>> FindJob(JobId id);
  // Jobs of `kind` waiting to run: a recurring job queues its next run only when none waits.
  Result<std::int64_t> CountQueuedJobs(std::string_view kind);
  // Removes succeeded and failed jobs last changed before `before`; returns how many.
  Result<std::int64_t> DeleteFinishedJobsBefore(UnixMillis before);
  // Removes the succeeded runs of one frequent kind last changed before `before` (failures stay
  // for housekeeping's month); returns how many.
  Result<std::int64_t> DeleteSucceededJobsBefore(std::string_view kind, UnixMillis before);

 private:
  Connection& db_;
};

}  // namespace ensemble::storage
