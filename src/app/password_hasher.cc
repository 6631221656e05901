#include "app/password_hasher.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace ensemble::app {
namespace {

constexpr int kHashingNiceness = 10;

int NicenessOfThisThread() {
  errno = 0;
  const int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
  return errno == 0 ? nice : 0;
}

bool SetNicenessOfThisThread(int nice) {
  return setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), nice) == 0;
}

// Whether a thread may lower its priority for a hash and take it back after: raising a nice
// value back needs CAP_SYS_NICE or an RLIMIT_NICE that allows it (systemd's LimitNICE=+0, as
// docs/deploy/ensemble.service sets). Tried once, on a thread that ends with the probe.
bool MayYieldWhileHashing() {
  static const bool may = [] {
    bool restored = false;
    std::thread probe([&restored] {
      const int nice = NicenessOfThisThread();
      restored = SetNicenessOfThisThread(nice + kHashingNiceness) && SetNicenessOfThisThread(nice);
    });
    probe.join();
    return restored;
  }();
  return may;
}

// For the time of one hash, the worker yields to the threads that answer other requests: a storm
// of sign-ins keeps its slots' cores busy only with the time the rest leaves free. (Linux gives
// each thread its own nice value.) Where the process may not take the priority back, the hash
// runs at the worker's priority: a worker left at a lower one would slow every later request.
class YieldingWhileHashing {
 public:
  YieldingWhileHashing() : nice_(NicenessOfThisThread()) {
    lowered_ = MayYieldWhileHashing() && SetNicenessOfThisThread(nice_ + kHashingNiceness);
  }
  ~YieldingWhileHashing() {
    if (lowered_) (void)SetNicenessOfThisThread(nice_);
  }
  YieldingWhileHashing(const YieldingWhileHashing&) = delete;
  YieldingWhileHashing& operator=(const YieldingWhileHashing&) = delete;

 private:
  const int nice_;
  bool lowered_ = false;
};

Status Busy() {
  Error busy{ErrorCode::kTooManyRequests, Message{"tenancy.sign_in.busy"}, {}, "password hashing"};
  busy.retry_after_seconds = 1;
  return std::unexpected(std::move(busy));
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordCost cost, PasswordHasherOptions options)
    : cost_(cost), options_{std::max(1, options.slots), options.max_waiting} {}

bool PasswordHasher::Full() const {
  return running_ >= options_.slots && waiting_ >= options_.max_waiting;
}

Status PasswordHasher::CheckRoom() {
  std::lock_guard lock(mutex_);
  if (Full()) return Busy();
  return Ok();
}

Status PasswordHasher::RunInSlot(const std::function<void()>& work) {
  {
    std::unique_lock lock(mutex_);
    if (Full()) return Busy();
    ++waiting_;
    freed_.wait(lock, [this] { return running_ < options_.slots; });
    --waiting_;
    ++running_;
  }
  {
    const YieldingWhileHashing yielding;
    work();
  }
  {
    std::lock_guard lock(mutex_);
    --running_;
  }
  freed_.notify_one();
  return Ok();
}

bool PasswordHasher::YieldsWhileHashing() { return MayYieldWhileHashing(); }

std::size_t PasswordHasher::waiting() {
  std::lock_guard lock(mutex_);
  return waiting_;
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  Result<std::string> hash = Internal("not hashed");
  ENSEMBLE_TRY_STATUS(RunInSlot([&] { hash = HashPassword(password, cost_); }));
  return hash;
}

Result<bool> PasswordHasher::Verify(std::string_view password, std::string_view stored_hash) {
  bool matches = false;
  const std::string hash(stored_hash);
  ENSEMBLE_TRY_STATUS(RunInSlot([&] { matches = VerifyPassword(password, hash); }));
  return matches;
}

}  // namespace ensemble::app
