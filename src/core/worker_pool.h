// The threads that run blocking work (database transactions, Argon2id, document generation:
// everything a request's handler does), apart from the threads that read and write sockets, with
// a bounded queue. At most `threads` tasks run and `max_waiting` wait; a task submitted beyond
// that is refused at once, so that an overload is answered (the server's 503 and Retry-After)
// instead of queued without bound while every client waits longer.
//
// Thread-safety: TrySubmit, Stop and the counters may be called from any thread, also from a task.
// Every task accepted runs exactly once, on one of the pool's threads, Stop included: Stop refuses
// new tasks, runs those that wait, then joins. The destructor stops. A task must not throw (that
// ends the program): it returns its errors as values.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ensemble {

struct WorkerPoolOptions {
  int threads = 1;              // at least 1
  std::size_t max_waiting = 0;  // tasks accepted while every thread is busy
};

class WorkerPool {
 public:
  using Task = std::move_only_function<void()>;

  explicit WorkerPool(WorkerPoolOptions options);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task` (moved from) and returns true; or returns false at once, leaving `task` as it
  // was so that the caller can still answer through it, when `threads` tasks run and
  // `max_waiting` wait already, or the pool is stopping.
  bool TrySubmit(Task& task);
  // Refuses new tasks, lets the waiting ones run, and joins the threads. Idempotent; not from a
  // task of this pool (it would join itself).
  void Stop();

  int threads() const { return static_cast<int>(threads_.size()); }
  std::size_t max_waiting() const { return options_.max_waiting; }
  std::size_t running();  // tasks on a thread now
  std::size_t waiting();  // tasks accepted and not started yet

 private:
  void Work();

  const WorkerPoolOptions options_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Task> queue_;  // accepted, not started
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::once_flag joined_;  // a second Stop waits for the first to have joined
};

}  // namespace ensemble
