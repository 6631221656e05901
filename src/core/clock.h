// Time comes from a Clock passed in; only SystemClock reads the real clock, so tests can move
// time forward (session expiry, throttling windows) without sleeping. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace ensemble {

// Milliseconds since the Unix epoch, UTC. One integer type for every stored instant.
using UnixMillis = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixMillis Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixMillis Now() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(UnixMillis start) : now_(start) {}
  UnixMillis Now() const override { return now_.load(); }
  void Advance(UnixMillis millis) { now_ += millis; }

 private:
  std::atomic<UnixMillis> now_;
};

// ISO 8601 in UTC with milliseconds: 2026-11-25T05:44:34.120Z.
std::string FormatIso8601(UnixMillis at);

// The wait after `over` failures past the free ones: 1 s, 2 s, 4 s… up to `cap`. The sign-in
// limits and the limits on a questionnaire key's secrets grow alike.
UnixMillis GrowingDelay(std::int64_t over, UnixMillis cap);

}  // namespace ensemble
