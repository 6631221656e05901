#include "jobs/job_runner.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <exception>

#include "i18n/i18n.h"

namespace ensemble::jobs {

namespace {

using storage::Scope;
using storage::Transaction;
using storage::TransactionMode;

std::string DefaultWorkerName() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return fmt::format("{}:{}", host[0] != '\0' ? host.data() : "localhost", ::getpid());
}

}  // namespace

Status JobContext::Progress(std::int64_t done, std::int64_t total) {
  return runner_.database_.InTransaction(
      TransactionMode::kQueue, Scope::WholeDatabase(), [&](Transaction& tx) {
        return tx.Jobs().ReportProgress(job_.id, runner_.options_.worker_name, done, total,
                                        runner_.clock_.Now(), runner_.options_.lease);
      });
}

bool JobContext::StopRequested() const { return runner_.stopping_.load(); }

JobRunner::JobRunner(storage::Database& database, const Clock& clock, JobRunnerOptions options)
    : database_(database), clock_(clock), options_(std::move(options)) {
  if (options_.worker_name.empty()) options_.worker_name = DefaultWorkerName();
}

JobRunner::~JobRunner() { Stop(); }

void JobRunner::Register(std::string kind, JobHandler handler) {
  handlers_[std::move(kind)] = std::move(handler);
}

Result<int> JobRunner::RunDueJobs() {
  int ran = 0;
  while (!stopping_.load()) {
    if (!ENSEMBLE_TRY(RunOne())) break;
    ++ran;
  }
  return ran;
}

// Claims one due job and runs it to an outcome; false when none was due.
Result<bool> JobRunner::RunOne() {
  auto claimed = ENSEMBLE_TRY(database_.InTransaction(
      TransactionMode::kQueue, Scope::WholeDatabase(), [&](Transaction& tx) {
        return tx.Jobs().ClaimNextJob(options_.worker_name, clock_.Now(), options_.lease);
      }));
  if (!claimed) return false;
  const storage::Job& job = *claimed;
  spdlog::info("job {} ({}) started, attempt {} of {}", job.id, job.kind, job.attempts,
               job.max_attempts);
  Status outcome;
  JobContext context(*this, job);
  if (auto handler = handlers_.find(job.kind); handler == handlers_.end()) {
    // Another server (a newer version during an upgrade) may know it: retry, do not drop.
    outcome =
        Fail(ErrorCode::kInvalidArgument, Message{"core.jobs.no_handler", {{"kind", job.kind}}});
  } else {
    try {
      outcome = handler->second(context);
    } catch (const std::exception& thrown) {
      outcome = Internal(fmt::format("the job threw: {}", thrown.what()));
    }
  }
  ENSEMBLE_TRY_STATUS(Finish(job, outcome, context));
  return true;
}

Status JobRunner::Finish(const storage::Job& job, const Status& outcome,
                         const JobContext& context) {
  const UnixMillis now = clock_.Now();
  const auto asked = context.outcome_;
  if (outcome && asked == JobContext::Outcome::kPostpone) {
    spdlog::debug("job {} ({}) postponed: {}", job.id, job.kind, context.postpone_reason_);
  } else if (outcome) {
    spdlog::info("job {} ({}) succeeded", job.id, job.kind);
  } else {
    spdlog::warn("job {} ({}) failed on attempt {} of {}: {} {}", job.id, job.kind, job.attempts,
                 job.max_attempts, outcome.error().message, outcome.error().context);
  }
  auto recorded = database_.InTransaction(
      TransactionMode::kQueue, Scope::WholeDatabase(), [&](Transaction& tx) -> Status {
        if (outcome && asked == JobContext::Outcome::kPostpone) {
          return tx.Jobs().PostponeJob(job.id, options_.worker_name, context.postpone_reason_,
                                       context.postpone_until_, now);
        }
        if (outcome) return tx.Jobs().CompleteJob(job.id, options_.worker_name, now);
        // Kept for the operator, in English like the log, with the context.
        const std::string said = i18n::Render(outcome.error().message, Language::kEnglish);
        const std::string error =
            outcome.error().context.empty() ? said : said + " (" + outcome.error().context + ")";
        if (asked == JobContext::Outcome::kFailForGood) {
          return tx.Jobs().FailJobForGood(job.id, options_.worker_name, error, now);
        }
        return tx.Jobs().FailJob(job.id, options_.worker_name, error, now,
                                 options_.retry_delay * job.attempts);
      });
  if (!recorded && recorded.error().code == ErrorCode::kConflict) {
    // The lease ran out while the handler worked and another worker has the job now.
    spdlog::warn("job {} ({}) was taken over by another worker: its outcome here is dropped",
                 job.id, job.kind);
    return Ok();
  }
  return recorded;
}

void JobRunner::Start() {
  if (worker_.joinable()) return;
  stopping_ = false;
  worker_ = std::thread([this] { WorkerLoop(); });
}

void JobRunner::Stop() {
  stopping_ = true;
  Wake();
  if (worker_.joinable()) worker_.join();
}

void JobRunner::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void JobRunner::WorkerLoop() {
  while (!stopping_.load()) {
    if (auto ran = RunDueJobs(); !ran) {
      // The database is away (a restart, a failover): try again at the next poll.
      spdlog::warn("the job worker could not reach the queue: {} {}", ran.error().message,
                   ran.error().context);
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.idle_poll, [this] { return woken_ || stopping_.load(); });
    woken_ = false;
  }
}

}  // namespace ensemble::jobs
