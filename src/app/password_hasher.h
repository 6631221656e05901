// Argon2id with limits and no threads of its own: it runs on the worker thread that asks (the
// server's worker pool, core/worker_pool.h, runs every handler). At most `slots` hashes run at
// once, so that a storm of sign-ins keeps at most that many cores busy hashing, and at most
// `max_waiting` callers wait for a slot; the next one is refused at once (kTooManyRequests, retry
// after a second) instead of holding one more worker while it waits. A hash runs at a lower
// priority (nice 10) where the process may give the worker its priority back after (CAP_SYS_NICE
// or RLIMIT_NICE: docs/deploy/ensemble.service), at the worker's own otherwise.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "app/passwords.h"
#include "core/error.h"

namespace ensemble::app {

struct PasswordHasherOptions {
  // Hashes at once. Argon2id at the interactive cost takes a core for ~50 ms. The ensemble
  // program derives it from --threads (cli/pool_sizes.h): half the server threads, at least one.
  int slots = 1;
  // Callers waiting for a slot. Each holds a worker while it waits, so hashing (slots +
  // max_waiting) stays well under the worker pool and other requests keep theirs
  // (cli/pool_sizes.h: 4 per slot, out of at least 8 workers).
  std::size_t max_waiting = 4;
};

class PasswordHasher {
 public:
  PasswordHasher(PasswordCost cost, PasswordHasherOptions options);
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  Result<std::string> Hash(std::string_view password);
  // True when `password` matches `stored_hash`.
  Result<bool> Verify(std::string_view password, std::string_view stored_hash);

  PasswordCost cost() const { return cost_; }
  const PasswordHasherOptions& options() const { return options_; }

  // Runs `work` on this thread once a slot is free; refuses at once (kTooManyRequests, retry
  // after 1 s) when every slot is taken and `max_waiting` callers wait already. Public for the
  // tests, which fill the slots on purpose.
  Status RunInSlot(const std::function<void()>& work);
  // Whether hashes run at a lower priority than the worker's (see above), in this process.
  static bool YieldsWhileHashing();
  // How many callers wait for a slot now.
  std::size_t waiting();
  // Refuses at once, as RunInSlot would, when it would refuse: lets a caller skip the work it
  // would do before hashing (a storm of sign-ins then costs the server little).
  Status CheckRoom();

 private:
  bool Full() const;  // under mutex_

  const PasswordCost cost_;
  const PasswordHasherOptions options_;
  std::mutex mutex_;
  std::condition_variable freed_;
  int running_ = 0;
  std::size_t waiting_ = 0;
};

}  // namespace ensemble::app
