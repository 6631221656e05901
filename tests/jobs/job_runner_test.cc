// The job runner on both backends: queued jobs run with progress, failures are retried and then
// kept with their error, a job whose worker died is taken over when its lease runs out, a
// stopping server leaves its job for another, two runners never run one job twice, and the
// housekeeping job clears expired sessions, old sign-in failures, old finished jobs and audit
// lines past the retention; the audit sealing job seals what waits and queues its next run.
#include "jobs/job_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "jobs/audit_sealing.h"
#include "jobs/housekeeping.h"
#include "storage/audit/audit_chain.h"
#include "storage/audit/audit_store.h"
#include "storage/jobs/job_store.h"
#include "storage/tenancy/session_store.h"
#include "storage/tenancy/tenancy_store.h"
#include "tests/support/test_database.h"

namespace ensemble::jobs {
namespace {

using storage::Job;
using storage::JobId;
using storage::JobState;
using storage::Scope;
using storage::Transaction;
using storage::TransactionMode;

constexpr UnixMillis kStart = 1'790'000'000'000;

class JobRunnerTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto created = test_support::TestDatabase::Create(GetParam());
    ASSERT_TRUE(created.has_value()) << created.error().message << " " << created.error().context;
    database_ = std::move(*created);
  }

  storage::Database& db() { return database_->db(); }

  JobRunnerOptions Options(std::string name = "worker-1") {
    JobRunnerOptions options;
    options.worker_name = std::move(name);
    options.lease = 60'000;
    options.retry_delay = 10'000;
    options.idle_poll = std::chrono::milliseconds(20);
    return options;
  }

  JobId Enqueue(const std::string& kind, std::int64_t max_attempts = 3,
                std::optional<UnixMillis> at = std::nullopt) {
    storage::NewJob job;
    job.kind = kind;
    job.max_attempts = max_attempts;
    return db()
        .InTransaction(
            TransactionMode::kWrite, Scope::WholeDatabase(),
            [&](Transaction& tx) { return tx.Jobs().EnqueueJob(job, at.value_or(clock_.Now())); })
        .value();
  }

  Job Find(JobId id) {
    auto tx = db().Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
    return storage::Transaction(*tx).Jobs().FindJob(id).value().value();
  }

  // Polls until `done` holds; the tests assert outcomes, never durations.
  template <typename Condition>
  bool Eventually(Condition done) {
    for (int i = 0; i < 3000 && !done(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
  }

  std::unique_ptr<test_support::TestDatabase> database_;
  FakeClock clock_{kStart};
};

TEST_P(JobRunnerTest, RunsAQueuedJobAndRecordsItsProgress) {
  JobRunner runner(db(), clock_, Options());
  std::vector<std::int64_t> seen_attempts;
  runner.Register("count", [&](JobContext& context) -> Status {
    seen_attempts.push_back(context.job().attempts);
    ENSEMBLE_TRY_STATUS(context.Progress(1, 2));
    return context.Progress(2, 2);
  });
  const JobId id = Enqueue("count");
  EXPECT_EQ(runner.RunDueJobs().value(), 1);
  EXPECT_EQ(runner.RunDueJobs().value(), 0) << "nothing left to run";
  const Job job = Find(id);
  EXPECT_EQ(job.state, JobState::kSucceeded);
  EXPECT_EQ(job.progress_done, 2);
  EXPECT_EQ(job.progress_total, 2);
  EXPECT_EQ(seen_attempts, std::vector<std::int64_t>{1});
}

TEST_P(JobRunnerTest, AFailingJobIsRetriedLaterThenFailsKeepingItsError) {
  JobRunner runner(db(), clock_, Options());
  int runs = 0;
  runner.Register("flaky", [&](JobContext&) -> Status {
    ++runs;
    return Fail(ErrorCode::kUnavailable, "the mail server did not answer");
  });
  const JobId id = Enqueue("flaky", /*max_attempts=*/2);
  EXPECT_EQ(runner.RunDueJobs().value(), 1);
  Job job = Find(id);
  EXPECT_EQ(job.state, JobState::kQueued);
  EXPECT_EQ(job.run_after, kStart + 10'000) << "retried after the delay";
  EXPECT_NE(job.last_error.find("the mail server did not answer"), std::string::npos);
  EXPECT_EQ(runner.RunDueJobs().value(), 0) << "not due yet";

  clock_.Advance(10'000);
  EXPECT_EQ(runner.RunDueJobs().value(), 1);
  job = Find(id);
  EXPECT_EQ(job.state, JobState::kFailed);
  EXPECT_EQ(job.attempts, 2);
  EXPECT_NE(job.last_error.find("the mail server did not answer"), std::string::npos);
  EXPECT_EQ(runs, 2);
}

TEST_P(JobRunnerTest, AJobOfAKindThisServerDoesNotKnowIsLeftToRetry) {
  JobRunner runner(db(), clock_, Options());
  const JobId id = Enqueue("solve_plan");
  EXPECT_EQ(runner.RunDueJobs().value(), 1);
  const Job job = Find(id);
  EXPECT_EQ(job.state, JobState::kQueued);
  EXPECT_NE(job.last_error.find("no handler for job kind “solve_plan”"), std::string::npos)
      << job.last_error;
}

TEST_P(JobRunnerTest, AHandlerThatThrowsFailsItsJobAndTheRunnerGoesOn) {
  JobRunner runner(db(), clock_, Options());
  runner.Register("throws", [](JobContext&) -> Status { throw std::runtime_error("bad payload"); });
  runner.Register("fine", [](JobContext&) -> Status { return Ok(); });
  const JobId thrown = Enqueue("throws", 1);
  const JobId fine = Enqueue("fine");
  EXPECT_EQ(runner.RunDueJobs().value(), 2);
  EXPECT_EQ(Find(thrown).state, JobState::kFailed);
  EXPECT_NE(Find(thrown).last_error.find("bad payload"), std::string::npos);
  EXPECT_EQ(Find(fine).state, JobState::kSucceeded);
}

TEST_P(JobRunnerTest, AJobWhoseWorkerDiedIsTakenOverWhenItsLeaseRunsOut) {
  const JobId id = Enqueue("count");
  ASSERT_TRUE(db().InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                 [&](Transaction& tx) {
                                   return tx.Jobs().ClaimNextJob("dead-worker", clock_.Now(),
                                                                 60'000);
                                 })
                  .has_value());
  JobRunner runner(db(), clock_, Options());
  runner.Register("count", [](JobContext&) -> Status { return Ok(); });
  EXPECT_EQ(runner.RunDueJobs().value(), 0) << "the dead worker's lease still holds";
  clock_.Advance(60'001);
  EXPECT_EQ(runner.RunDueJobs().value(), 1);
  const Job job = Find(id);
  EXPECT_EQ(job.state, JobState::kSucceeded);
  EXPECT_EQ(job.attempts, 2);
}

TEST_P(JobRunnerTest, TheWorkerThreadRunsJobsQueuedAfterItStarted) {
  JobRunner runner(db(), clock_, Options());
  runner.Register("count", [](JobContext& context) { return context.Progress(1, 1); });
  runner.Start();
  const JobId id = Enqueue("count");
  runner.Wake();
  EXPECT_TRUE(Eventually([&] { return Find(id).state == JobState::kSucceeded; }));
  runner.Stop();
}

TEST_P(JobRunnerTest, StoppingAsksTheRunningHandlerToStopAndLeavesItsJobToRetry) {
  JobRunner runner(db(), clock_, Options());
  std::atomic<bool> started{false};
  runner.Register("long", [&](JobContext& context) -> Status {
    started = true;
    while (!context.StopRequested()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return Fail(ErrorCode::kUnavailable, "the server is stopping");
  });
  const JobId id = Enqueue("long");
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return started.load(); }));
  runner.Stop();
  const Job job = Find(id);
  EXPECT_EQ(job.state, JobState::kQueued) << "another server will take it";
  EXPECT_EQ(job.attempts, 1);
  EXPECT_NE(job.last_error.find("stopping"), std::string::npos);
}

TEST_P(JobRunnerTest, TwoServersShareTheQueueAndNoJobRunsTwice) {
  auto other_handle = database_->OpenAgain();
  ASSERT_TRUE(other_handle.has_value()) << other_handle.error().message;
  std::mutex mutex;
  std::map<JobId, int> runs;
  std::map<std::string, int> by_worker;
  const auto count = [&](JobContext& context) -> Status {
    std::lock_guard lock(mutex);
    ++runs[context.job().id];
    ++by_worker[context.job().locked_by.value_or("?")];
    return Ok();
  };
  std::vector<JobId> ids;
  for (int i = 0; i < 40; ++i) ids.push_back(Enqueue("count"));
  JobRunner first(db(), clock_, Options("server-1"));
  JobRunner second(**other_handle, clock_, Options("server-2"));
  first.Register("count", count);
  second.Register("count", count);
  first.Start();
  second.Start();
  EXPECT_TRUE(Eventually([&] {
    std::lock_guard lock(mutex);
    return runs.size() == ids.size();
  }));
  first.Stop();
  second.Stop();
  for (const JobId id : ids) {
    EXPECT_EQ(runs[id], 1) << "job " << id;
    EXPECT_EQ(Find(id).state, JobState::kSucceeded);
  }
}

TEST_P(JobRunnerTest, HousekeepingClearsWhatIsPastItsTimeAndQueuesItsNextRun) {
  HousekeepingOptions options;
  const UnixMillis now = clock_.Now();
  ASSERT_TRUE(
      db().InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                         [&](Transaction& tx) -> Status {
                           const auto person = ENSEMBLE_TRY(tx.Tenancy().InsertPerson(
                               {0, "Claire", "claire@example.org", false}, "hash", now));
                           storage::SessionRecord fresh{"fresh", person, {}, "c", now, now};
                           storage::SessionRecord idle{
                               "idle", person,       {},
                               "c",    now - 60'000, now - options.session_idle_timeout - 1};
                           ENSEMBLE_TRY_STATUS(tx.Sessions().InsertSession(fresh, ""));
                           ENSEMBLE_TRY_STATUS(tx.Sessions().InsertSession(idle, ""));
                           ENSEMBLE_TRY_STATUS(tx.Sessions().RecordSignInFailure(
                               "a@b.org", "10.0.0.1", now - options.throttle_window - 1));
                           ENSEMBLE_TRY_STATUS(tx.Sessions().RecordPasswordResetRefusal(
                               "old", "10.0.0.1", now - options.password_resets_kept - 1));
                           ENSEMBLE_TRY_STATUS(
                               tx.Sessions().RecordPasswordResetRefusal("new", "10.0.0.1", now));
                           return tx.Sessions().RecordSignInFailure("a@b.org", "10.0.0.2", now);
                         })
          .has_value());
  // A job that finished longer ago than finished jobs are kept.
  FakeClock long_ago{now - options.finished_jobs_kept - 1};
  JobRunner past_runner(db(), long_ago, Options("worker-past"));
  past_runner.Register("count", [](JobContext&) -> Status { return Ok(); });
  const JobId old_job = Enqueue("count", 3, long_ago.Now());
  EXPECT_EQ(past_runner.RunDueJobs().value(), 1);
  ASSERT_EQ(Find(old_job).state, JobState::kSucceeded);

  ASSERT_TRUE(ScheduleHousekeeping(db(), now, now).has_value());
  ASSERT_TRUE(ScheduleHousekeeping(db(), now, now).has_value()) << "a second call adds none";
  JobRunner runner(db(), clock_, Options());
  runner.Register(std::string(kHousekeepingKind), HousekeepingHandler(db(), clock_, options));
  EXPECT_EQ(runner.RunDueJobs().value(), 1);

  auto tx = db().Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_TRUE(storage::Transaction(*tx).Sessions().FindSession("fresh").value().has_value());
  EXPECT_FALSE(storage::Transaction(*tx).Sessions().FindSession("idle").value().has_value());
  EXPECT_EQ(storage::Transaction(*tx)
                .Sessions()
                .CountSignIns("a@b.org", "", 0, 0)
                .value()
                .account_failures,
            1);
  EXPECT_FALSE(storage::Transaction(*tx).Jobs().FindJob(old_job).value().has_value());
  EXPECT_EQ(storage::Transaction(*tx)
                .Sessions()
                .CountPasswordResets("new", "10.0.0.1", 0)
                .value()
                .from_client,
            1);
  const auto next = tx->QueryOne(
      "SELECT count(*), max(run_after) FROM jobs WHERE kind = 'housekeeping' AND state = 'queued'",
      {});
  EXPECT_EQ(next.value()->Int(0), 1);
  EXPECT_EQ(next.value()->Int(1), now + options.interval);
  const auto done = tx->QueryOne(
      "SELECT progress_done, progress_total FROM jobs WHERE kind = 'housekeeping' AND state = "
      "'succeeded'",
      {});
  EXPECT_EQ(done.value()->Int(0), 8);
  EXPECT_EQ(done.value()->Int(1), 8);
}

// An audit line of `owner` at `at`, unsealed.
void AppendLine(storage::Database& db, std::optional<std::int64_t> owner, UnixMillis at) {
  audit::AuditEntry line;
  line.at = at;
  line.owner_structure_id = owner;
  line.action = "read";
  line.record_kind = "staff";
  ASSERT_TRUE(
      db.InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(), [&](Transaction& tx) {
          return tx.Audit().AppendAudit(line);
        }).has_value());
}

storage::VerifyReport VerifyChains(storage::Database& db) {
  return db
      .InTransaction(TransactionMode::kRead, Scope::WholeDatabase(),
                     [](Transaction& tx) { return tx.Audit().VerifyAuditChains(); })
      .value();
}

TEST_P(JobRunnerTest, AuditSealingSealsWhatWaitsAndQueuesItsNextRun) {
  const UnixMillis now = clock_.Now();
  for (int i = 0; i < 7; ++i) AppendLine(db(), std::nullopt, now + i);
  // A sealing run that succeeded long ago goes; the queue keeps no trail of a run a minute.
  FakeClock long_ago{now - 2 * 60 * 60 * 1000};
  JobRunner past_runner(db(), long_ago, Options("worker-past"));
  past_runner.Register(std::string(kAuditSealingKind), [](JobContext&) -> Status { return Ok(); });
  const JobId old_run = Enqueue(std::string(kAuditSealingKind), 3, long_ago.Now());
  EXPECT_EQ(past_runner.RunDueJobs().value(), 1);

  ASSERT_TRUE(ScheduleAuditSealing(db(), now, now).has_value());
  ASSERT_TRUE(ScheduleAuditSealing(db(), now, now).has_value()) << "a second call adds none";
  AuditSealingOptions options;
  options.batch = 3;  // three transactions for seven lines
  JobRunner runner(db(), clock_, Options());
  runner.Register(std::string(kAuditSealingKind), AuditSealingHandler(db(), clock_, options));
  EXPECT_EQ(runner.RunDueJobs().value(), 1);

  const auto report = VerifyChains(db());
  EXPECT_EQ(report.unsealed, 0);
  ASSERT_EQ(report.chains.size(), 1U);
  EXPECT_EQ(report.chains[0].lines, 7);
  EXPECT_FALSE(report.broken.has_value());
  auto tx = db().Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  EXPECT_FALSE(storage::Transaction(*tx).Jobs().FindJob(old_run).value().has_value());
  const auto next =
      tx->QueryOne("SELECT count(*), max(run_after) FROM jobs WHERE kind = ? AND state = 'queued'",
                   {std::string(kAuditSealingKind)});
  EXPECT_EQ(next.value()->Int(0), 1);
  EXPECT_EQ(next.value()->Int(1), now + options.interval);
}

TEST_P(JobRunnerTest, HousekeepingPurgesAuditLinesPastTheRetentionBehindACheckpoint) {
  const UnixMillis now = clock_.Now();
  constexpr UnixMillis kDay = 24LL * 60 * 60 * 1000;
  const auto alma = db().InTransaction(TransactionMode::kWrite, Scope::WholeDatabase(),
                                       [&](Transaction& tx) {
                                         tenancy::Structure structure;
                                         structure.name = "Alma";
                                         return tx.Tenancy().InsertStructure(structure, now);
                                       })
                        .value();
  AppendLine(db(), alma, now - 400 * kDay);  // past twelve months
  AppendLine(db(), alma, now - 380 * kDay);
  AppendLine(db(), alma, now - 200 * kDay);  // within twelve, past six
  AppendLine(db(), alma, now - kDay);
  HousekeepingOptions options;
  ASSERT_TRUE(ScheduleHousekeeping(db(), now, now).has_value());
  JobRunner runner(db(), clock_, Options());
  runner.Register(std::string(kHousekeepingKind), HousekeepingHandler(db(), clock_, options));
  EXPECT_EQ(runner.RunDueJobs().value(), 1);
  auto report = VerifyChains(db());
  ASSERT_EQ(report.chains.size(), 1U);
  EXPECT_EQ(report.chains[0].checkpoint_seq, 2);
  EXPECT_EQ(report.chains[0].lines, 2);
  EXPECT_FALSE(report.broken.has_value());

  // A shorter retention (the setting) purges more at the next run, and the rest still verifies.
  options.audit_retention_months = 6;
  JobRunner shorter(db(), clock_, Options("worker-2"));
  shorter.Register(std::string(kHousekeepingKind), HousekeepingHandler(db(), clock_, options));
  clock_.Advance(options.interval);
  EXPECT_EQ(shorter.RunDueJobs().value(), 1);
  report = VerifyChains(db());
  EXPECT_EQ(report.chains[0].checkpoint_seq, 3);
  EXPECT_EQ(report.chains[0].lines, 1);
  EXPECT_FALSE(report.broken.has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, JobRunnerTest, testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace ensemble::jobs
