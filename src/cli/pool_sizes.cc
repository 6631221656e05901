#include "cli/pool_sizes.h"

#include <algorithm>

namespace ensemble::cli {
namespace {

constexpr int kMinWorkers = 8;
constexpr int kWorkersPerThread = 4;
constexpr std::size_t kQueuedPerWorker = 16;
constexpr int kJobRunnerConnections = 1;
constexpr std::size_t kHashesWaitingPerSlot = 4;

}  // namespace

PoolSizes PoolSizesFor(int threads, unsigned cores) {
  const int t = threads > 0 ? threads : std::max(1, static_cast<int>(cores));
  PoolSizes sizes;
  sizes.io_threads = t;
  sizes.workers = std::max(kMinWorkers, kWorkersPerThread * t);
  sizes.max_waiting = kQueuedPerWorker * static_cast<std::size_t>(sizes.workers);
  sizes.database_connections = sizes.workers + kJobRunnerConnections;
  sizes.hashing_slots = std::max(1, t / 2);
  sizes.hashing_waiting = kHashesWaitingPerSlot * static_cast<std::size_t>(sizes.hashing_slots);
  return sizes;
}

}  // namespace ensemble::cli
