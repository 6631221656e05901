#include "core/worker_pool.h"

#include <algorithm>

namespace ensemble {

WorkerPool::WorkerPool(WorkerPoolOptions options) : options_(options) {
  const int count = std::max(1, options_.threads);
  threads_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) threads_.emplace_back([this] { Work(); });
}

WorkerPool::~WorkerPool() { Stop(); }

bool WorkerPool::TrySubmit(Task& task) {
  {
    std::lock_guard lock(mutex_);
    // A task is either waiting or running: counting both, rather than the queue alone, lets a
    // pool with max_waiting 0 still take a task while a thread is free.
    if (stopping_ || queue_.size() + running_ >= threads_.size() + options_.max_waiting) {
      return false;
    }
    queue_.push_back(std::move(task));
  }
  changed_.notify_one();
  return true;
}

void WorkerPool::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  std::call_once(joined_, [this] {
    for (auto& thread : threads_) thread.join();
  });
}

std::size_t WorkerPool::running() {
  std::lock_guard lock(mutex_);
  return running_;
}

std::size_t WorkerPool::waiting() {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void WorkerPool::Work() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing is left to run
    Task task = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    lock.unlock();
    task();
    task = nullptr;  // what it holds goes before the count says the thread is free
    lock.lock();
    --running_;
  }
}

}  // namespace ensemble
