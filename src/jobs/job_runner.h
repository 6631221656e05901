// Runs the background jobs of storage/job_repository (exports, imports, plan solving, e-mails,
// housekeeping) on a worker thread of each app server. A job's kind names its handler; handlers
// are registered before Start. Every server runs a worker: PostgreSQL's SKIP LOCKED claim, or
// SQLite's single writer, gives each job to one of them, and a job whose worker died is claimed
// again when its lease runs out, so queued work survives restarts.
//
// A handler reports progress through its JobContext, which renews the lease; a handler that
// learns it lost the lease (kConflict) or that the runner is stopping should return at once.
// A failed handler is retried after retry_delay × attempts, up to the job's max_attempts, and
// its error kept in last_error.
//
// Transactions of the runner cover the whole database (storage::Scope::WholeDatabase): a job
// that works for one structure scopes its own transactions to it.
//
// Thread-safety: Register before Start; Start, Stop and Wake may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/error.h"
#include "storage/database.h"
#include "storage/jobs/job_store.h"

namespace ensemble::jobs {

struct JobRunnerOptions {
  std::string worker_name;                    // empty: host name and process id
  UnixMillis lease = 5LL * 60 * 1000;         // renewed by each progress report
  UnixMillis retry_delay = 30LL * 1000;       // times the attempts made so far
  std::chrono::milliseconds idle_poll{1000};  // how often an idle worker looks for due jobs
};

class JobRunner;

// What a handler sees of its job and of the runner.
class JobContext {
 public:
  const storage::Job& job() const { return job_; }
  // Records progress and renews the lease. kConflict: the lease is lost, stop working.
  Status Progress(std::int64_t done, std::int64_t total);
  // The server is shutting down: finish or give up soon (the job will be retried).
  bool StopRequested() const;
  // The error the handler is about to return is final: the job ends failed now, whatever
  // attempts it has left (a mail refused with a 5xx reply would be refused again).
  void FailForGood() { outcome_ = Outcome::kFailForGood; }
  // The handler cannot start the job on this server (the service it needs is not configured):
  // it returns Ok, and the job is queued again at `at` without counting this attempt.
  void Postpone(UnixMillis at, std::string reason) {
    outcome_ = Outcome::kPostpone;
    postpone_until_ = at;
    postpone_reason_ = std::move(reason);
  }

 private:
  friend class JobRunner;
  enum class Outcome { kAsReturned, kFailForGood, kPostpone };
  JobContext(JobRunner& runner, storage::Job job) : runner_(runner), job_(std::move(job)) {}
  JobRunner& runner_;
  storage::Job job_;
  Outcome outcome_ = Outcome::kAsReturned;
  UnixMillis postpone_until_ = 0;
  std::string postpone_reason_;
};

using JobHandler = std::function<Status(JobContext&)>;

class JobRunner {
 public:
  JobRunner(storage::Database& database, const Clock& clock, JobRunnerOptions options);
  ~JobRunner();  // stops the worker
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  void Register(std::string kind, JobHandler handler);

  // Claims and runs due jobs one after the other until none is due; returns how many ran.
  // What the worker thread does each time it wakes; tests call it directly.
  Result<int> RunDueJobs();

  void Start();  // the worker thread
  void Stop();   // asks the running handler to stop, then waits for the thread
  void Wake();   // a job was just queued: look now rather than at the next poll

  const std::string& worker_name() const { return options_.worker_name; }

 private:
  friend class JobContext;
  Result<bool> RunOne();
  Status Finish(const storage::Job& job, const Status& outcome, const JobContext& context);
  void WorkerLoop();

  storage::Database& database_;
  const Clock& clock_;
  JobRunnerOptions options_;
  std::map<std::string, JobHandler, std::less<>> handlers_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  std::thread worker_;
};

}  // namespace ensemble::jobs
