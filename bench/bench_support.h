// What the plain-figure benches share: the process's peak memory and a stopwatch.
#pragma once

#include <sys/resource.h>

#include <chrono>

namespace ensemble::bench {

// The peak resident memory so far, in KiB (getrusage's max RSS).
inline long PeakKilobytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace ensemble::bench
