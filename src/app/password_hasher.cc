#include "app/password_hasher.h"

#include <algorithm>

namespace ensemble::app {
namespace {

Status Busy() {
  Error busy{ErrorCode::kTooManyRequests,
             "trop de connexions en cours : réessayez dans un instant",
             {},
             "password hashing"};
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
  work();
  {
    std::lock_guard lock(mutex_);
    --running_;
  }
  freed_.notify_one();
  return Ok();
}

std::size_t PasswordHasher::waiting() {
  std::lock_guard lock(mutex_);
  return waiting_;
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  Result<std::string> hash = Fail(ErrorCode::kInternal, "not hashed");
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
