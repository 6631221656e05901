#include "core/clock.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace ensemble {

UnixMillis SystemClock::Now() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatIso8601(UnixMillis at) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds{at}};
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", time);
}

UnixMillis GrowingDelay(std::int64_t over, UnixMillis cap) {
  if (over < 0) return 0;
  // Past 2^30 seconds every cap of ours is reached; stopping there keeps the shift defined.
  const UnixMillis delay = over >= 30 ? cap : 1000LL << over;
  return std::min(delay, cap);
}

}  // namespace ensemble
