#include "core/worker_pool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace ensemble {
namespace {

// Polls, without a deadline of its own (ctest's timeout ends a test that would hang).
template <typename Condition>
void WaitUntil(Condition condition) {
  while (!condition()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// Holds `count` threads of the pool until released; gone only once its tasks have returned.
class Blockers {
 public:
  Blockers(WorkerPool& pool, int count) : pool_(pool), started_(count), finished_(count) {
    for (int i = 0; i < count; ++i) {
      WorkerPool::Task task = [this] {
        started_.count_down();
        release_.wait();
        finished_.count_down();
      };
      EXPECT_TRUE(pool_.TrySubmit(task));
    }
    started_.wait();
  }
  ~Blockers() {
    Release();
    finished_.wait();
  }
  void Release() {
    if (!released_.exchange(true)) release_.count_down();
  }

 private:
  WorkerPool& pool_;
  std::latch started_;
  std::latch finished_;
  std::latch release_{1};
  std::atomic<bool> released_ = false;
};

TEST(WorkerPoolTest, RunsAtMostItsThreadsAndQueuesAtMostMaxWaitingThenRefusesAtOnce) {
  WorkerPool pool({.threads = 2, .max_waiting = 3});
  std::atomic<int> ran = 0;
  Blockers blockers(pool, 2);
  EXPECT_EQ(pool.running(), 2u);
  for (int i = 0; i < 3; ++i) {
    WorkerPool::Task task = [&ran] { ++ran; };
    EXPECT_TRUE(pool.TrySubmit(task)) << i;
  }
  EXPECT_EQ(pool.waiting(), 3u);

  bool refused_ran = false;
  WorkerPool::Task refused = [&refused_ran] { refused_ran = true; };
  EXPECT_FALSE(pool.TrySubmit(refused));
  EXPECT_EQ(pool.waiting(), 3u);
  // The refused task is left to its caller, whole: it can still answer through it.
  ASSERT_TRUE(refused);
  refused();
  EXPECT_TRUE(refused_ran);

  blockers.Release();
  WaitUntil([&] { return ran == 3; });
  // Room again once the queue has drained.
  WaitUntil([&] { return pool.running() == 0; });
  WorkerPool::Task later = [&ran] { ++ran; };
  EXPECT_TRUE(pool.TrySubmit(later));
  pool.Stop();
  EXPECT_EQ(ran, 4);
}

TEST(WorkerPoolTest, WithNoWaitingRoomTakesATaskOnlyWhileAThreadIsFree) {
  WorkerPool pool({.threads = 1, .max_waiting = 0});
  std::atomic<int> ran = 0;
  WorkerPool::Task first = [&ran] { ++ran; };
  EXPECT_TRUE(pool.TrySubmit(first));
  WaitUntil([&] { return ran == 1 && pool.running() == 0; });
  {
    Blockers blocker(pool, 1);
    WorkerPool::Task refused = [&ran] { ++ran; };
    EXPECT_FALSE(pool.TrySubmit(refused));
  }
  pool.Stop();
  EXPECT_EQ(ran, 1);
}

TEST(WorkerPoolTest, StopRunsTheWaitingTasksThenRefusesNewOnes) {
  WorkerPool pool({.threads = 1, .max_waiting = 100});
  std::atomic<int> accepted = 0;
  std::atomic<int> ran = 0;
  Blockers blocker(pool, 1);
  for (int i = 0; i < 10; ++i) {
    WorkerPool::Task task = [&ran] { ++ran; };
    ASSERT_TRUE(pool.TrySubmit(task));
    ++accepted;
  }
  auto stopped = std::async(std::launch::async, [&pool] { pool.Stop(); });
  // Until Stop has begun, more tasks may still be accepted; each of them must run as well.
  while (true) {
    WorkerPool::Task task = [&ran] { ++ran; };
    if (!pool.TrySubmit(task)) break;
    ++accepted;
  }
  EXPECT_EQ(ran, 0);  // the only thread is still held: nothing ran yet
  blocker.Release();
  stopped.get();
  EXPECT_EQ(ran, accepted.load());
  EXPECT_GE(accepted, 10);
  WorkerPool::Task after = [&ran] { ++ran; };
  EXPECT_FALSE(pool.TrySubmit(after));
  pool.Stop();  // a second Stop is harmless
}

TEST(WorkerPoolTest, EveryAcceptedTaskRunsExactlyOnceUnderConcurrentSubmitters) {
  constexpr int kSubmitters = 4;
  constexpr int kTasksEach = 2000;
  std::mutex mutex;
  std::vector<int> ran;
  std::vector<std::vector<int>> accepted(kSubmitters);
  {
    WorkerPool pool({.threads = 3, .max_waiting = 8});
    std::vector<std::thread> submitters;
    for (int s = 0; s < kSubmitters; ++s) {
      submitters.emplace_back([&, s] {
        for (int i = 0; i < kTasksEach; ++i) {
          const int id = s * kTasksEach + i;
          WorkerPool::Task task = [&mutex, &ran, id] {
            std::lock_guard lock(mutex);
            ran.push_back(id);
          };
          if (pool.TrySubmit(task)) accepted[static_cast<std::size_t>(s)].push_back(id);
        }
      });
    }
    for (auto& submitter : submitters) submitter.join();
  }  // the destructor stops: what waits runs first
  std::vector<int> expected;
  for (const auto& ids : accepted) expected.insert(expected.end(), ids.begin(), ids.end());
  std::sort(expected.begin(), expected.end());
  std::sort(ran.begin(), ran.end());
  EXPECT_EQ(ran, expected);
  EXPECT_FALSE(expected.empty());
}

}  // namespace
}  // namespace ensemble
