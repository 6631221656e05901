#include "app/password_hasher.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <latch>
#include <thread>

namespace ensemble::app {
namespace {

template <typename Condition>
void WaitUntil(Condition condition) {
  while (!condition()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

TEST(PasswordHasherTest, HashesOnTheCallersThread) {
  ASSERT_TRUE(InitCrypto().has_value());
  PasswordHasher hasher(PasswordCost::kMinimum, {.slots = 1, .max_waiting = 0});
  std::thread::id ran_on;
  ASSERT_TRUE(hasher.RunInSlot([&] { ran_on = std::this_thread::get_id(); }).has_value());
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  const auto hash = hasher.Hash("trois chats sur le toit");
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(hasher.Verify("trois chats sur le toit", *hash), true);
  EXPECT_EQ(hasher.Verify("quatre chats sur le toit", *hash), false);
}

int Niceness() { return getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())); }

// A hash yields to the other requests (nice 10) where the worker may take its priority back, and
// the worker always ends the hash at the priority it had.
TEST(PasswordHasherTest, AHashYieldsWhereItMayAndTheWorkerGetsItsPriorityBack) {
  PasswordHasher hasher(PasswordCost::kMinimum, {.slots = 1, .max_waiting = 0});
  const int before = Niceness();
  int during = before;
  ASSERT_TRUE(hasher.RunInSlot([&] { during = Niceness(); }).has_value());
  EXPECT_EQ(during, PasswordHasher::YieldsWhileHashing() ? std::min(before + 10, 19) : before);
  EXPECT_EQ(Niceness(), before);
}

// Two slots: two hashes run at once, a third caller waits for a slot, a fourth is refused at once
// with the code and the delay the sign-in answer carries (429, Retry-After: 1).
TEST(PasswordHasherTest, RunsAtMostItsSlotsLetsMaxWaitingWaitAndRefusesTheNext) {
  PasswordHasher hasher(PasswordCost::kMinimum, {.slots = 2, .max_waiting = 1});
  std::latch both_running(2);
  std::latch release(1);
  const auto hold = [&] {
    return hasher.RunInSlot([&] {
      both_running.count_down();
      release.wait();
    });
  };
  auto first = std::async(std::launch::async, hold);
  auto second = std::async(std::launch::async, hold);
  both_running.wait();  // both slots taken at the same time
  EXPECT_TRUE(hasher.CheckRoom().has_value());
  bool third_ran = false;
  auto third =
      std::async(std::launch::async, [&] { return hasher.RunInSlot([&] { third_ran = true; }); });
  WaitUntil([&] { return hasher.waiting() == 1; });

  const auto refused = hasher.RunInSlot([] { ADD_FAILURE() << "ran although refused"; });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(refused.error().retry_after_seconds, 1);
  const auto no_room = hasher.CheckRoom();
  ASSERT_FALSE(no_room.has_value());
  EXPECT_EQ(no_room.error().code, ErrorCode::kTooManyRequests);

  release.count_down();
  EXPECT_TRUE(first.get().has_value());
  EXPECT_TRUE(second.get().has_value());
  EXPECT_TRUE(third.get().has_value());
  EXPECT_TRUE(third_ran);
  EXPECT_EQ(hasher.waiting(), 0u);
  EXPECT_TRUE(hasher.CheckRoom().has_value());
}

}  // namespace
}  // namespace ensemble::app
