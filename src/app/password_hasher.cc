#include "app/password_hasher.h"

#include <sys/resource.h>
#include <unistd.h>

#include <future>

namespace ensemble::app {
namespace {

constexpr int kHashingNiceness = 10;

}  // namespace

PasswordHasher::PasswordHasher(PasswordCost cost, PasswordHasherOptions options)
    : cost_(cost), options_(options) {
  for (int i = 0; i < std::max(1, options_.threads); ++i) threads_.emplace_back([this] { Work(); });
}

PasswordHasher::~PasswordHasher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void PasswordHasher::Work() {
  // Hashing yields to the threads that answer requests: a storm of sign-ins keeps this core
  // busy, and at a lower priority it does so only with time the other requests leave free.
  // (Linux gives each thread its own nice value; failing to lower it changes nothing else.)
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kHashingNiceness);
  while (true) {
    std::function<void()> work;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work();
  }
}

namespace {

Status Busy() {
  Error busy{ErrorCode::kTooManyRequests, Message{"tenancy.sign_in.busy"}, {}, "password hashing"};
  busy.retry_after_seconds = 1;
  return std::unexpected(std::move(busy));
}

}  // namespace

Status PasswordHasher::CheckRoom() {
  std::lock_guard lock(mutex_);
  if (queue_.size() >= options_.max_waiting) return Busy();
  return Ok();
}

Status PasswordHasher::RunOnPool(std::function<void()> work) {
  std::packaged_task<void()> task(std::move(work));
  std::future<void> done = task.get_future();
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= options_.max_waiting) return Busy();
    // packaged_task is move-only and std::function wants a copyable callable: share it.
    queue_.emplace_back(
        [shared = std::make_shared<std::packaged_task<void()>>(std::move(task))] { (*shared)(); });
  }
  changed_.notify_one();
  done.get();
  return Ok();
}

std::size_t PasswordHasher::waiting() {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  Result<std::string> hash = Internal("not hashed");
  ENSEMBLE_TRY_STATUS(RunOnPool([&] { hash = HashPassword(password, cost_); }));
  return hash;
}

Result<bool> PasswordHasher::Verify(std::string_view password, std::string_view stored_hash) {
  bool matches = false;
  const std::string hash(stored_hash);
  ENSEMBLE_TRY_STATUS(RunOnPool([&] { matches = VerifyPassword(password, hash); }));
  return matches;
}

}  // namespace ensemble::app
