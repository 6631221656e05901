#include "components/solver/mip.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

namespace ensemble::solver {
namespace {

// max 5a + 4b + 3c subject to 2a + 3b + c <= 5, 4a + b + 2c <= 11, 3a + 4b + 2c <= 8, integers:
// the classic small example whose optimum (a=2, b=0, c=1, value 13) is checked by hand.
Model SmallKnapsack() {
  Model model;
  const int a = model.AddColumn({.lower = 0, .upper = 10, .cost = -5, .integer = true});
  const int b = model.AddColumn({.lower = 0, .upper = 10, .cost = -4, .integer = true});
  const int c = model.AddColumn({.lower = 0, .upper = 10, .cost = -3, .integer = true});
  model.AddRow({{a, 2}, {b, 3}, {c, 1}}, -kInfinity, 5);
  model.AddRow({{a, 4}, {b, 1}, {c, 2}}, -kInfinity, 11);
  model.AddRow({{a, 3}, {b, 4}, {c, 2}}, -kInfinity, 8);
  return model;
}

class Mip : public ::testing::TestWithParam<Effort> {};

TEST_P(Mip, FindsTheOptimumOfASmallIntegerProgram) {
  const auto solution = Solve(SmallKnapsack(), Limits{.effort = GetParam()});
  ASSERT_TRUE(solution) << solution.error().context;
  EXPECT_EQ(solution->outcome, Outcome::kOptimal);
  EXPECT_DOUBLE_EQ(solution->objective, -13);
  EXPECT_DOUBLE_EQ(solution->gap, 0);
  EXPECT_EQ(solution->values, (std::vector<double>{2, 0, 1}));
}

TEST_P(Mip, IntegralityChangesTheAnswer) {
  // max x subject to 2x <= 3: 1 as an integer, 1.5 as a real.
  Model model;
  const int x = model.AddColumn({.lower = 0, .upper = kInfinity, .cost = -1, .integer = true});
  model.AddRow({{x, 2}}, -kInfinity, 3);
  EXPECT_DOUBLE_EQ(Solve(model, Limits{.effort = GetParam()})->values[0], 1);
  model.columns[0].integer = false;
  EXPECT_DOUBLE_EQ(Solve(model, Limits{.effort = GetParam()})->values[0], 1.5);
}

TEST_P(Mip, ReportsAnInfeasibleModel) {
  Model model;
  const int x = model.AddBinary(1);
  const int y = model.AddBinary(1);
  model.AddRow({{x, 1}, {y, 1}}, 3, kInfinity);  // two binaries cannot sum to 3
  const auto solution = Solve(model, Limits{.effort = GetParam()});
  ASSERT_TRUE(solution);
  EXPECT_EQ(solution->outcome, Outcome::kInfeasible);
  EXPECT_FALSE(solution->HasValues());
}

TEST_P(Mip, EqualityRowsAndATermNamedTwiceAreSummed) {
  Model model;
  const int x = model.AddColumn({.lower = 0, .upper = 10, .cost = 1, .integer = true});
  model.AddRow({{x, 1}, {x, 1}}, 6, 6);  // 2x = 6
  const auto solution = Solve(model, Limits{.effort = GetParam()});
  ASSERT_TRUE(solution);
  EXPECT_DOUBLE_EQ(solution->values[0], 3);
}

TEST_P(Mip, AStartIsAccepted) {
  Model model = SmallKnapsack();
  model.start = {1, 1, 0};  // feasible, value 9
  const auto solution = Solve(model, Limits{.effort = GetParam()});
  ASSERT_TRUE(solution);
  EXPECT_EQ(solution->outcome, Outcome::kOptimal);
  EXPECT_DOUBLE_EQ(solution->objective, -13);
}

// A model too big to prove within a millisecond still answers with the start it was given, and
// says how far from proven it is.
TEST_P(Mip, ATimeLimitGivesTheIncumbentAndItsGap) {
  Model model;
  std::vector<Term> weight;
  constexpr int kItems = 60;
  for (int i = 0; i < kItems; ++i) {
    const int column = model.AddBinary(-(100 + (i * 37) % 53));
    weight.push_back({column, static_cast<double>(50 + (i * 91) % 47)});
  }
  model.AddRow(weight, -kInfinity, 1500.5);
  model.start.assign(kItems, 0);
  const auto solution = Solve(model, {.time = std::chrono::milliseconds(1), .effort = GetParam()});
  ASSERT_TRUE(solution);
  ASSERT_TRUE(solution->HasValues()) << ToString(solution->outcome);
  EXPECT_LE(solution->best_bound, solution->objective);
  EXPECT_GE(solution->gap, 0);
  if (solution->outcome == Outcome::kFeasible) {
    EXPECT_GT(solution->gap, 0);
  }
}

TEST_P(Mip, RefusesAMalformedModelNamingThePart) {
  Model crossed;
  crossed.AddColumn({.lower = 2, .upper = 1});
  EXPECT_EQ(Solve(crossed, Limits{.effort = GetParam()}).error().field, "columns[0]");

  Model dangling;
  dangling.AddBinary(0);
  dangling.AddRow({{3, 1}}, 0, 1);
  EXPECT_EQ(Solve(dangling, Limits{.effort = GetParam()}).error().field, "rows[0]");

  Model short_start = SmallKnapsack();
  short_start.start = {1};
  const auto refused = Solve(short_start, Limits{.effort = GetParam()});
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_EQ(refused.error().field, "start");
}

TEST_P(Mip, AnEmptyModelIsOptimalWithNothing) {
  const auto solution = Solve(Model{}, Limits{.effort = GetParam()});
  ASSERT_TRUE(solution);
  EXPECT_TRUE(solution->values.empty());
}

// Many solves on several threads at once give each the answer it gives alone (CBC's command
// reader is static: the C interface garbled the options of two threads solving together).
TEST_P(Mip, SolvesOnSeveralThreadsAtOnce) {
  constexpr int kThreads = 4;
  constexpr int kSolvesEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> wrong = 0;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kSolvesEach; ++i) {
        const auto solution = Solve(SmallKnapsack(), Limits{.effort = GetParam()});
        if (!solution || solution->objective != -13 ||
            solution->values != std::vector<double>{2, 0, 1})
          ++wrong;
      }
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong, 0);
}

INSTANTIATE_TEST_SUITE_P(BothEfforts, Mip, ::testing::Values(Effort::kFull, Effort::kLight),
                         [](const ::testing::TestParamInfo<Effort>& effort) {
                           return effort.param == Effort::kFull ? std::string("Full")
                                                                : std::string("Light");
                         });

// x + y = 10, x <= 7: x ranges over [0, 7], y over [3, 10], x - y over [-10, 4]; z >= 0 alone
// has no upper bound.
TEST(Ranges, GivesTheLeastAndGreatestValueOfEachExpression) {
  Model model;
  const int x = model.AddColumn({0, 7, 0, true});
  const int y = model.AddColumn({0, kInfinity, 0, false});
  const int z = model.AddColumn({0, kInfinity, 0, false});
  model.AddRow({{x, 1}, {y, 1}}, 10, 10);
  const auto ranges =
      Ranges(model, {{{x, 1}}, {{y, 1}}, {{x, 1}, {y, -1}}, {{z, 1}}, {{x, 2}, {x, 1}}});
  ASSERT_TRUE(ranges.has_value()) << ranges.error().context;
  ASSERT_EQ(ranges->size(), 5u);
  const std::vector<std::pair<double, double>> expected = {
      {0, 7}, {3, 10}, {-10, 4}, {0, kInfinity}, {0, 21}};
  for (std::size_t e = 0; e < expected.size(); ++e) {
    EXPECT_NEAR((*ranges)[e].lower, expected[e].first, 1e-9) << e;
    if (std::isinf(expected[e].second)) {
      EXPECT_EQ((*ranges)[e].upper, kInfinity) << e;
    } else {
      EXPECT_NEAR((*ranges)[e].upper, expected[e].second, 1e-9) << e;
    }
  }
}

TEST(Ranges, RefusesAnInfeasibleModelAndAnExpressionOnNoColumn) {
  Model model;
  const int x = model.AddColumn({0, 1, 0, false});
  model.AddRow({{x, 1}}, 2, 3);
  EXPECT_EQ(Ranges(model, {{{x, 1}}}).error().code, ErrorCode::kInternal);
  Model fine;
  fine.AddColumn({0, 1, 0, false});
  const auto refused = Ranges(fine, {{{0, 1}}, {{3, 1}}});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "expressions[1]");
}

}  // namespace
}  // namespace ensemble::solver
