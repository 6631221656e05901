#include "core/clock.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

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

}  // namespace ensemble
