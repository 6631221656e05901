// The monthly allocation of shared positions at a federation's size (issue 11's benchmark): 500
// lent positions across 2,300 structures, each lent by its carrier to two others, a year of
// working days recorded (absences among them) and the trips between sites; for each position and
// month, the cost estimated from the salary history and rates, the trips priced, the month
// allocated by largest remainder and a statement drafted for each billed structure. Prints the
// time, the peak memory, and checks that every month's statements and the carrier's part sum to
// the cost to the cent. --quick runs a tenth (50 positions, 230 structures).
//
// Then the plans (issue 11, item 3): for each position, its year planned half-day by half-day by
// app/staffing/planner.h (one month at a time over CBC), on two threads, with the sites' opening
// hours (some closed on Monday mornings, some on Wednesdays only in the afternoon), a monthly
// commitment, a wish, the travel times and the year's absences. Prints the time, the peak
// memory, the plans' distance from the agreed shares (mean and worst largest gap, in half-days),
// how many months were proven optimal and the worst optimality gap. --mip plans every month by
// CBC (PlanLimits::max_states = 0), the path the planner keeps for months too large for its
// exact search, to compare.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include "app/staffing/planner.h"
#include "bench_support.h"
#include "domain/staffing/allocation.h"
#include "domain/staffing/holidays.h"
#include "domain/staffing/statements.h"

namespace {

using ensemble::bench::PeakKilobytes;
using namespace std::chrono;
using ensemble::staffing::Agreement;
using ensemble::staffing::Cents;
using ensemble::staffing::DayRecord;
using ensemble::staffing::Position;

struct Case {
  Position position;
  Agreement agreement;
  std::vector<ensemble::staffing::SalaryChange> salaries;
  std::vector<ensemble::staffing::CarrierRates> rates;
  std::vector<ensemble::staffing::SiteDistance> distances;
  std::vector<DayRecord> days;  // the year's, in date order
};

Case MakeCase(int index, int structures, std::mt19937& random) {
  std::uniform_int_distribution<int> structure(1, structures);
  Case c;
  const int carrier = structure(random);
  int second = structure(random);
  while (second == carrier) second = structure(random);
  int third = structure(random);
  while (third == carrier || third == second) third = structure(random);
  c.position.id = index + 1;
  c.position.carrier = carrier;
  c.position.employments = {{carrier, 35 * 60}};
  c.agreement.id = index + 1;
  c.agreement.position_id = c.position.id;
  c.agreement.carrier = carrier;
  c.agreement.starts_on = 2026y / January / 1;
  c.agreement.ends_on = 2026y / December / 31;
  const int own = 3000 + 1000 * (index % 4);
  c.agreement.shares = {{carrier, own}, {second, (10000 - own) / 2}, {third, (10000 - own) / 2}};
  c.salaries = {{2026y / January / 1, 180000 + 100 * (index % 800), {{"FONJEP", 59700}}},
                {2026y / July / 1, 190000 + 100 * (index % 800), {{"FONJEP", 59700}}}};
  c.rates = {{2026y / January / 1, 4200, 636}};
  c.distances = {{carrier, second, 2000 + index % 5000},
                 {carrier, third, 3000 + index % 7000},
                 {second, third, 4000 + index % 3000}};
  const std::array<int, 3> sites = {carrier, second, third};
  std::uniform_int_distribution<std::size_t> site(0, 2);
  std::uniform_int_distribution<int> percent(0, 99);
  for (sys_days day = sys_days{2026y / January / 1}; day <= sys_days{2026y / December / 31};
       day += days{1}) {
    const year_month_day date{day};
    if (weekday{day}.iso_encoding() > 5 ||
        ensemble::staffing::IsFrenchHoliday(date, ensemble::staffing::HolidayZone::kMetropolitan)
            .value_or(false)) {
      continue;
    }
    DayRecord record{c.position.id, date, {}, std::nullopt};
    const int roll = percent(random);
    if (roll < 4) {
      record.absence = ensemble::staffing::Absence{ensemble::staffing::AbsenceKind::kLeave, 420};
    } else if (roll < 30) {
      const std::size_t a = site(random);
      const std::size_t b = (a + 1 + site(random) % 2) % 3;
      record.entries = {{sites[a], 210}, {sites[b], 210}};
    } else {
      record.entries = {{sites[site(random)], 420}};
    }
    c.days.push_back(std::move(record));
  }
  return c;
}

ensemble::staffing::PlanRequest PlanOf(const Case& c, int index) {
  using namespace ensemble::staffing;
  PlanRequest request;
  request.first = request.plan_from = 2026y / January / 1;
  request.last = 2026y / December / 31;
  request.shares = c.agreement.shares;
  for (const DayRecord& record : c.days) {
    if (record.absence) request.absent_days.push_back(record.day);
  }
  const StructureId second = c.agreement.shares[1].structure;
  const StructureId third = c.agreement.shares[2].structure;
  if (index % 3 == 0) request.opening.push_back({second, kWeekdaysOpen & ~HalfDayMask{1}});
  if (index % 5 == 0) request.opening.push_back({third, kWeekdaysOpen & ~HalfDayMask{0b010000}});
  request.preferences = {{.iso_weekday = 3, .structure = second}};
  request.travel = {{c.agreement.carrier, second, 15 + index % 40},
                    {c.agreement.carrier, third, 20 + index % 50},
                    {second, third, 25 + index % 30}};
  // The monthly meeting: the third Thursday afternoon, for the carrier.
  for (unsigned m = 1; m <= 12; ++m) {
    const Date day{year_month_day{sys_days{2026y / std::chrono::month{m} / Thursday[3]}}};
    if (std::find(request.absent_days.begin(), request.absent_days.end(), day) !=
        request.absent_days.end()) {
      continue;
    }
    request.commitments.push_back({.day = day,
                                   .half = HalfDay::kAfternoon,
                                   .structure = c.agreement.carrier,
                                   .label = "Réunion",
                                   .place = "ECHO",
                                   .start_minute = 14 * 60,
                                   .end_minute = 16 * 60 + 30});
  }
  return request;
}

// The bench's limits on the CBC path: each test of the gap search up to 100 ms (the app allows
// 500 ms), the refinement at the gap 10 ms (the app 500 ms: a person's plan is one job, the
// federation's are 6,000 months). A test that runs out counts as "no plan that close": the
// month's gap is then not proven smallest, which the figures count. The exact search has no
// limit but its states.
const ensemble::app::PlanLimits kLimits{.per_test = std::chrono::milliseconds(100),
                                        .per_month = std::chrono::milliseconds(10)};

struct PlanFigures {
  double distance_sum = 0;
  double distance_worst = 0;
  long months = 0;
  long proven = 0;
  long gap_proven = 0;
  double worst_gap = 0;
  long failures = 0;
  long searched = 0;  // months solved by the exact search
  long tests = 0;
  double tests_ms = 0;
  double final_ms = 0;
};

PlanFigures PlanAll(const std::vector<Case>& cases, int threads, ensemble::app::PlanLimits limits) {
  std::vector<PlanFigures> parts(static_cast<std::size_t>(threads));
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      PlanFigures& part = parts[static_cast<std::size_t>(t)];
      for (std::size_t i = next++; i < cases.size(); i = next++) {
        const auto problem = ensemble::staffing::PreparePlan(PlanOf(cases[i], static_cast<int>(i)));
        if (!problem) {
          ++part.failures;
          continue;
        }
        const auto solved = ensemble::app::SolvePlan(*problem, limits);
        if (!solved) {
          ++part.failures;
          continue;
        }
        part.distance_sum += solved->distance.largest_gap;
        part.distance_worst = std::max(part.distance_worst, solved->distance.largest_gap);
        for (const auto& month : solved->months) {
          ++part.months;
          if (month.gap_proven && month.outcome == ensemble::solver::Outcome::kOptimal) {
            ++part.proven;
          }
          part.worst_gap = std::max(part.worst_gap, month.gap);
          part.tests += month.tests;
          part.searched += month.by_search ? 1 : 0;
          part.gap_proven += month.gap_proven ? 1 : 0;
          part.tests_ms += static_cast<double>(month.tests_elapsed.count()) / 1000.0;
          part.final_ms +=
              static_cast<double>((month.elapsed - month.tests_elapsed).count()) / 1000.0;
        }
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  PlanFigures all;
  for (const PlanFigures& part : parts) {
    all.distance_sum += part.distance_sum;
    all.distance_worst = std::max(all.distance_worst, part.distance_worst);
    all.months += part.months;
    all.proven += part.proven;
    all.worst_gap = std::max(all.worst_gap, part.worst_gap);
    all.failures += part.failures;
    all.tests += part.tests;
    all.searched += part.searched;
    all.gap_proven += part.gap_proven;
    all.tests_ms += part.tests_ms;
    all.final_ms += part.final_ms;
  }
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  bool mip_only = false;
  for (int a = 1; a < argc; ++a) {
    quick = quick || std::strcmp(argv[a], "--quick") == 0;
    mip_only = mip_only || std::strcmp(argv[a], "--mip") == 0;
  }
  const int positions = quick ? 50 : 500;
  const int structures = quick ? 230 : 2300;
  std::mt19937 random(20261203);
  const auto built_at = steady_clock::now();
  std::vector<Case> cases;
  cases.reserve(static_cast<std::size_t>(positions));
  for (int i = 0; i < positions; ++i) cases.push_back(MakeCase(i, structures, random));
  const auto allocated_at = steady_clock::now();

  long statements = 0;
  long mismatches = 0;
  Cents billed = 0;
  for (const Case& c : cases) {
    auto day = c.days.begin();
    for (unsigned m = 1; m <= 12; ++m) {
      const year_month month = 2026y / std::chrono::month{m};
      const auto first = day;
      while (day != c.days.end() && year_month{day->day.year(), day->day.month()} == month) ++day;
      const std::span<const DayRecord> days(&*first, static_cast<std::size_t>(day - first));
      const auto cost = ensemble::staffing::CostOfMonth(month, nullptr, c.salaries, c.rates);
      const auto trips = ensemble::staffing::TripsOf(days, c.distances, 636);
      if (!cost || !trips) {
        ++mismatches;
        continue;
      }
      const auto allocation =
          ensemble::staffing::AllocateMonth(c.agreement, month, *cost, days, *trips);
      if (!allocation) {
        ++mismatches;
        continue;
      }
      Cents sum = allocation->Of(c.agreement.carrier)->Due();
      for (const auto& share : c.agreement.shares) {
        if (share.structure == c.agreement.carrier) continue;
        const auto statement = ensemble::staffing::DraftStatement(
            *allocation, c.agreement, share.structure,
            {ensemble::staffing::VatTreatment::kFranchise293B, 0}, 0);
        if (!statement) {
          ++mismatches;
          continue;
        }
        sum += statement->amount;
        billed += statement->total;
        ++statements;
      }
      if (sum != cost->Net() + allocation->TravelTotal()) ++mismatches;
    }
  }
  const auto done_at = steady_clock::now();
  const auto ms = [](auto d) { return duration_cast<duration<double, std::milli>>(d).count(); };
  std::printf(
      "staffing allocation%s: %d lent positions across %d structures, 12 months, %zu days "
      "recorded per position\n",
      quick ? " (--quick: a tenth)" : "", positions, structures, cases.front().days.size());
  std::printf("%-44s %12.1f ms\n", "building the year's records", ms(allocated_at - built_at));
  std::printf("%-44s %12.1f ms\n", "cost, trips, allocation and statements",
              ms(done_at - allocated_at));
  std::printf("%-44s %12.2f µs\n", "per position-month",
              1000.0 * ms(done_at - allocated_at) / (positions * 12.0));
  std::printf("%-44s %12ld\n", "statements drafted", statements);
  std::printf("%-44s %12.2f €\n", "billed in all", static_cast<double>(billed) / 100.0);
  std::printf("%-44s %12ld KiB\n", "peak memory (max RSS)", PeakKilobytes());
  std::printf("%-44s %12ld\n", "months whose parts missed the cost by a cent", mismatches);

  const int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const auto planned_from = steady_clock::now();
  ensemble::app::PlanLimits limits = kLimits;
  if (mip_only) limits.max_states = 0;
  const PlanFigures plans = PlanAll(cases, threads, limits);
  const auto planned_at = steady_clock::now();
  std::printf(
      "staffing plans%s: the same %d positions, a year each, one month at a time, %d threads; "
      "CBC's limits %lld ms per test and %lld ms at the gap\n",
      mip_only ? " (--mip: every month by CBC)" : "", positions, threads,
      static_cast<long long>(kLimits.per_test.count()),
      static_cast<long long>(kLimits.per_month.count()));
  std::printf("%-44s %12.1f ms\n", "solving every plan", ms(planned_at - planned_from));
  std::printf("%-44s %12.2f ms\n", "per position-month (wall clock)",
              ms(planned_at - planned_from) / (positions * 12.0));
  std::printf("%-44s %12.3f half-days\n", "distance from the shares: mean",
              plans.distance_sum / positions);
  std::printf("%-44s %12.3f half-days\n", "distance from the shares: worst", plans.distance_worst);
  std::printf("%-44s %8ld / %ld\n", "months whose largest gap is proven smallest", plans.gap_proven,
              plans.months);
  std::printf("%-44s %8ld / %ld\n", "months proven optimal in every respect", plans.proven,
              plans.months);
  std::printf("%-44s %12.4f\n", "worst optimality gap of a month", plans.worst_gap);
  std::printf("%-44s %8ld / %ld\n", "months solved by the exact search", plans.searched,
              plans.months);
  std::printf("%-44s %12ld\n", "feasibility tests (finding the gap)", plans.tests);
  std::printf("%-44s %12.1f ms\n", "time in them (all threads)", plans.tests_ms);
  std::printf("%-44s %12.1f ms\n", "time at the gap (all threads)", plans.final_ms);
  std::printf("%-44s %12ld KiB\n", "peak memory (max RSS)", PeakKilobytes());
  std::printf("%-44s %12ld\n", "plans that failed", plans.failures);
  return mismatches == 0 && plans.failures == 0 ? 0 : 1;
}
