// The monthly allocation of shared positions at a federation's size (issue 11's benchmark): 500
// lent positions across 2,300 structures, each lent by its carrier to two others, a year of
// working days recorded (absences among them) and the trips between sites; for each position and
// month, the cost estimated from the salary history and rates, the trips priced, the month
// allocated by largest remainder and a statement drafted for each billed structure. Prints the
// time, the peak memory, and checks that every month's statements and the carrier's part sum to
// the cost to the cent. --quick runs a tenth (50 positions, 230 structures).
//
// The plans (the solver of issue 11, item 3) are not built yet; their half of the benchmark waits
// for them.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "domain/staffing/allocation.h"
#include "domain/staffing/holidays.h"
#include "domain/staffing/statements.h"

namespace {

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

long PeakKilobytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
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
  return mismatches == 0 ? 0 : 1;
}
