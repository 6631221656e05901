#include "storage/jobs/job_store.h"

#include <fmt/format.h>

namespace ensemble::storage {

namespace {

constexpr const char* kJobColumns =
    "id, kind, payload, owner_structure_id, state, attempts, max_attempts, run_after, locked_by, "
    "locked_until, progress_done, progress_total, last_error, created_at, updated_at";

// The condition under which `worker` still holds a job's lease; its parameters are the worker
// and the current instant.
constexpr const char* kHeldBy = "state = 'running' AND locked_by = ? AND locked_until > ?";

Result<JobState> ParseState(std::string_view text) {
  if (text == "queued") return JobState::kQueued;
  if (text == "running") return JobState::kRunning;
  if (text == "succeeded") return JobState::kSucceeded;
  if (text == "failed") return JobState::kFailed;
  return Internal(fmt::format("unknown job state '{}' in the database", text));
}

Result<Job> ToJob(const Row& row) {
  Job job;
  job.id = row.Int(0);
  job.kind = row.Text(1);
  job.payload = row.Text(2);
  job.owner_structure_id = row.OptionalInt(3);
  job.state = ENSEMBLE_TRY(ParseState(row.Text(4)));
  job.attempts = row.Int(5);
  job.max_attempts = row.Int(6);
  job.run_after = row.Int(7);
  job.locked_by = row.OptionalText(8);
  job.locked_until = row.OptionalInt(9);
  job.progress_done = row.Int(10);
  job.progress_total = row.Int(11);
  job.last_error = row.Text(12);
  job.created_at = row.Int(13);
  job.updated_at = row.Int(14);
  return job;
}

// Called when an update guarded by kHeldBy changed nothing: says why, as precisely as it can.
// The worker no longer holds the job: people read that the job was taken over; how, for the
// log, stays in the context.
std::unexpected<Error> LeaseLost(JobId id, std::string detail) {
  return std::unexpected(Error{ErrorCode::kConflict,
                               Message{"core.jobs.lease_lost", {{"job", std::to_string(id)}}},
                               "job", std::move(detail)});
}

Status RefuseWithoutLease(Connection& db, JobId id, std::string_view worker, UnixMillis now) {
  const auto job = ENSEMBLE_TRY(JobStore(db).FindJob(id));
  if (!job)
    return Fail(ErrorCode::kNotFound, Message{"core.jobs.not_found", {{"job", std::to_string(id)}}},
                "job");
  if (job->state != JobState::kRunning) {
    return LeaseLost(id, fmt::format("job {} is {}, not running: worker {} no longer holds it", id,
                                     ToString(job->state), worker));
  }
  if (job->locked_by != worker) {
    return LeaseLost(id, fmt::format("job {} is now held by worker {}, not {}: the lease was lost",
                                     id, job->locked_by.value_or("(none)"), worker));
  }
  return LeaseLost(id, fmt::format("the lease of worker {} on job {} expired at {} (now {})",
                                   worker, id, job->locked_until.value_or(0), now));
}

// Runs `sql` (an UPDATE of one job ending in "WHERE id = ? AND <kHeldBy>"), refusing when the
// worker no longer holds the lease.
Status UpdateHeldJob(Connection& db, const std::string& sql, std::vector<Value> params, JobId id,
                     std::string_view worker, UnixMillis now) {
  params.insert(params.end(), {Value(id), Value(std::string(worker)), Value(now)});
  const auto changed = ENSEMBLE_TRY(db.Execute(sql, std::span<const Value>(params)));
  if (changed == 0) return RefuseWithoutLease(db, id, worker, now);
  return Ok();
}

}  // namespace

std::string_view ToString(JobState state) {
  switch (state) {
    case JobState::kQueued:
      return "queued";
    case JobState::kRunning:
      return "running";
    case JobState::kSucceeded:
      return "succeeded";
    case JobState::kFailed:
      return "failed";
  }
  return "unknown";
}

Result<JobId> JobStore::EnqueueJob(const NewJob& job, UnixMillis now) {
  if (job.kind.empty()) return Fail(ErrorCode::kInvalidArgument, "core.jobs.no_kind", "kind");
  if (job.max_attempts < 1) {
    return Fail(ErrorCode::kInvalidArgument, "core.jobs.no_attempt", "max_attempts");
  }
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "INSERT INTO jobs (kind, payload, owner_structure_id, state, attempts, max_attempts, "
      "run_after, progress_done, progress_total, last_error, created_at, updated_at, "
      "for_person_id) VALUES (?, ?, ?, 'queued', 0, ?, ?, 0, 0, '', ?, ?, ?) RETURNING id",
      {job.kind, job.payload, Nullable(job.owner_structure_id), job.max_attempts,
       job.run_after == 0 ? now : job.run_after, now, now, Nullable(job.for_person)}));
  return row->Int(0);
}

Result<std::optional<Job>> JobStore::ClaimNextJob(std::string_view worker, UnixMillis now,
                                                  UnixMillis lease) {
  // PostgreSQL: lock the candidate and pass over rows another transaction is claiming, so
  // concurrent servers take different jobs. SQLite: the write transaction already holds the
  // database's only write lock.
  const std::string select = fmt::format(
      "SELECT id, state, attempts, max_attempts FROM jobs "
      "WHERE (state = 'queued' AND run_after <= ?) OR (state = 'running' AND locked_until <= ?) "
      "ORDER BY id LIMIT 1{}",
      db_.Dialect() == "postgresql" ? " FOR UPDATE SKIP LOCKED" : "");
  while (true) {
    const auto candidate = ENSEMBLE_TRY(db_.QueryOne(select, {now, now}));
    if (!candidate) return std::optional<Job>{};
    const JobId id = candidate->Int(0);
    const bool abandoned = candidate->Text(1) == "running";
    if (abandoned && candidate->Int(2) >= candidate->Int(3)) {
      // The worker died on the last attempt: the job will not be tried again.
      ENSEMBLE_TRY(
          db_.Execute("UPDATE jobs SET state = 'failed', locked_by = NULL, locked_until = NULL, "
                      "last_error = ?, updated_at = ? WHERE id = ?",
                      {fmt::format("the worker's lease expired on attempt {} of {}",
                                   candidate->Int(2), candidate->Int(3)),
                       now, id}));
      continue;
    }
    const auto claimed = ENSEMBLE_TRY(db_.QueryOne(
        fmt::format("UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = ?, "
                    "locked_until = ?, updated_at = ? WHERE id = ? RETURNING {}",
                    kJobColumns),
        {std::string(worker), now + lease, now, id}));
    if (!claimed) return Internal(fmt::format("job {} vanished", id), "job");
    return std::optional<Job>(ENSEMBLE_TRY(ToJob(*claimed)));
  }
}

Status JobStore::ReportProgress(JobId id, std::string_view worker, std::int64_t done,
                                std::int64_t total, UnixMillis now, UnixMillis lease) {
  if (done < 0 || total < 0) {
    return Fail(ErrorCode::kInvalidArgument, "core.jobs.negative_progress", "progress");
  }
  return UpdateHeldJob(db_,
                       fmt::format("UPDATE jobs SET progress_done = ?, progress_total = ?, "
                                   "locked_until = ?, updated_at = ? WHERE id = ? AND {}",
                                   kHeldBy),
                       {done, total, now + lease, now}, id, worker, now);
}

Status JobStore::CompleteJob(JobId id, std::string_view worker, UnixMillis now) {
  return UpdateHeldJob(db_,
                       fmt::format("UPDATE jobs SET state = 'succeeded', locked_by = NULL, "
                                   "locked_until = NULL, updated_at = ? WHERE id = ? AND {}",
                                   kHeldBy),
                       {now}, id, worker, now);
}

Status JobStore::FailJob(JobId id, std::string_view worker, std::string_view error, UnixMillis now,
                         UnixMillis retry_delay) {
  return UpdateHeldJob(
      db_,
      fmt::format("UPDATE jobs SET "
                  "state = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END, "
                  "run_after = CASE WHEN attempts < max_attempts THEN ? ELSE run_after END, "
                  "locked_by = NULL, locked_until = NULL, last_error = ?, updated_at = ? "
                  "WHERE id = ? AND {}",
                  kHeldBy),
      {now + retry_delay, std::string(error), now}, id, worker, now);
}

Status JobStore::FailJobForGood(JobId id, std::string_view worker, std::string_view error,
                                UnixMillis now) {
  return UpdateHeldJob(db_,
                       fmt::format("UPDATE jobs SET state = 'failed', locked_by = NULL, "
                                   "locked_until = NULL, last_error = ?, updated_at = ? "
                                   "WHERE id = ? AND {}",
                                   kHeldBy),
                       {std::string(error), now}, id, worker, now);
}

Status JobStore::PostponeJob(JobId id, std::string_view worker, std::string_view reason,
                             UnixMillis run_after, UnixMillis now) {
  return UpdateHeldJob(db_,
                       fmt::format("UPDATE jobs SET state = 'queued', attempts = attempts - 1, "
                                   "run_after = ?, locked_by = NULL, locked_until = NULL, "
                                   "last_error = ?, updated_at = ? WHERE id = ? AND {}",
                                   kHeldBy),
                       {run_after, std::string(reason), now}, id, worker, now);
}

Result<std::optional<Job>> JobStore::FindJob(JobId id) {
  const auto row = ENSEMBLE_TRY(
      db_.QueryOne(fmt::format("SELECT {} FROM jobs WHERE id = ?", kJobColumns), {id}));
  if (!row) return std::optional<Job>{};
  return std::optional<Job>(ENSEMBLE_TRY(ToJob(*row)));
}

Result<std::int64_t> JobStore::CountQueuedJobs(std::string_view kind) {
  const auto row = ENSEMBLE_TRY(db_.QueryOne(
      "SELECT count(*) FROM jobs WHERE kind = ? AND state = 'queued'", {std::string(kind)}));
  return row ? row->Int(0) : 0;
}

Result<std::int64_t> JobStore::DeleteFinishedJobsBefore(UnixMillis before) {
  return db_.Execute("DELETE FROM jobs WHERE state IN ('succeeded', 'failed') AND updated_at < ?",
                     {before});
}

Result<std::int64_t> JobStore::DeleteSucceededJobsBefore(std::string_view kind, UnixMillis before) {
  return db_.Execute("DELETE FROM jobs WHERE kind = ? AND state = 'succeeded' AND updated_at < ?",
                     {std::string(kind), before});
}

}  // namespace ensemble::storage
