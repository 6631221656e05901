// Argon2id on a small pool of threads of its own, apart from the threads that serve requests:
// a storm of sign-ins keeps at most `threads` cores busy hashing, and when more attempts wait
// than the queue holds, the next one is refused at once (kTooManyRequests, retry after a second)
// instead of piling up. The caller waits for its own answer only.
//
// Thread-safety: every method may be called from any thread; the destructor finishes the
// queued work, then joins.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app/passwords.h"
#include "core/error.h"

namespace ensemble::app {

struct PasswordHasherOptions {
  int threads = 1;  // Argon2id at the interactive cost takes a core for ~50 ms
  // Attempts queued behind the running ones. Each holds a handler thread while it waits, so it
  // stays well under the handler pool (http/server.h: at least 8) and other requests keep theirs.
  std::size_t max_waiting = 4;
};

class PasswordHasher {
 public:
  PasswordHasher(PasswordCost cost, PasswordHasherOptions options);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  Result<std::string> Hash(std::string_view password);
  // True when `password` matches `stored_hash`.
  Result<bool> Verify(std::string_view password, std::string_view stored_hash);

  PasswordCost cost() const { return cost_; }

  // Runs `work` on the pool and waits for it; refuses (kTooManyRequests, retry after 1 s) when
  // `max_waiting` tasks wait already. Public for the tests, which fill the pool on purpose.
  Status RunOnPool(std::function<void()> work);
  // How many tasks wait for a thread now.
  std::size_t waiting();
  // Refuses at once, as RunOnPool would, when the queue is full: lets a caller skip the work it
  // would do before hashing (a storm of sign-ins then costs the server little).
  Status CheckRoom();

 private:
  void Work();

  const PasswordCost cost_;
  const PasswordHasherOptions options_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ensemble::app
