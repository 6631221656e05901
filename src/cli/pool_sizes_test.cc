#include "cli/pool_sizes.h"

#include <gtest/gtest.h>

namespace ensemble::cli {
namespace {

struct Case {
  int threads;
  unsigned cores;
  int io, workers;
  std::size_t queued;
  int connections, slots;
  std::size_t hashes_waiting;
};

// The rule of the header's table, by hand, for the sizes people run.
TEST(PoolSizesTest, FollowFromTheConfiguredThreads) {
  const Case cases[] = {
      {1, 8, 1, 8, 128, 9, 1, 4},    // one thread: the floor of 8 workers
      {2, 8, 2, 8, 128, 9, 1, 4},    // the benchmark's machine
      {0, 2, 2, 8, 128, 9, 1, 4},    // 0: one per core
      {0, 0, 1, 8, 128, 9, 1, 4},    // cores unknown: one
      {3, 1, 3, 12, 192, 13, 1, 4},  // odd: hashing takes the lower half
      {4, 1, 4, 16, 256, 17, 2, 8},  // --threads wins over the cores
      {16, 1, 16, 64, 1024, 65, 8, 32},
  };
  for (const Case& c : cases) {
    const PoolSizes sizes = PoolSizesFor(c.threads, c.cores);
    SCOPED_TRACE(testing::Message() << "threads " << c.threads << ", cores " << c.cores);
    EXPECT_EQ(sizes.io_threads, c.io);
    EXPECT_EQ(sizes.workers, c.workers);
    EXPECT_EQ(sizes.max_waiting, c.queued);
    EXPECT_EQ(sizes.database_connections, c.connections);
    EXPECT_EQ(sizes.hashing_slots, c.slots);
    EXPECT_EQ(sizes.hashing_waiting, c.hashes_waiting);
  }
}

// What the rule promises: a worker never waits for a connection, and hashing (running and
// waiting) never holds more than 5 of every 8 workers.
TEST(PoolSizesTest, LeaveAConnectionPerWorkerAndWorkersBesideHashing) {
  for (int threads = 1; threads <= 256; ++threads) {
    const PoolSizes sizes = PoolSizesFor(threads, 1);
    EXPECT_GT(sizes.database_connections, sizes.workers) << threads;
    const auto hashing = static_cast<std::size_t>(sizes.hashing_slots) + sizes.hashing_waiting;
    EXPECT_LE(8 * hashing, 5 * static_cast<std::size_t>(sizes.workers)) << threads;
  }
}

}  // namespace
}  // namespace ensemble::cli
