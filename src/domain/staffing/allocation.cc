#include "domain/staffing/allocation.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "domain/staffing/holidays.h"

namespace ensemble::staffing {
namespace {

using std::chrono::year_month;
using std::chrono::year_month_day;

// 128-bit products: cents × basis points × days overflow nothing here. (__extension__: GCC's
// and clang's type, outside ISO C++.)
__extension__ typedef __int128 Wide;

// A cost nobody pays in one month: ten million euros. Checked inputs stay far below, so that
// products of cents, minutes and basis points never approach 2^63.
constexpr Cents kMaxMonthlyCents = 1'000'000'000;

Status Refuse(std::string_view message, std::string field) {
  return Fail(ErrorCode::kInvalidArgument, Message{std::string(message)}, std::move(field));
}

Status CheckAmount(Cents amount, std::string field) {
  if (amount < 0 || amount > kMaxMonthlyCents) {
    return Refuse("staffing.cost.amount_out_of_range", std::move(field));
  }
  return Ok();
}

Status CheckSubsidies(std::span<const SubsidyLine> subsidies, std::string_view field) {
  if (subsidies.size() > 20) return Refuse("staffing.cost.too_many_subsidies", std::string(field));
  for (std::size_t i = 0; i < subsidies.size(); ++i) {
    const std::string at = std::string(field) + "[" + std::to_string(i) + "]";
    if (subsidies[i].label.empty() || subsidies[i].label.size() > 200) {
      return Refuse("staffing.cost.subsidy_label", at + ".label");
    }
    ENSEMBLE_TRY_STATUS(CheckAmount(subsidies[i].amount, at + ".amount_cents"));
  }
  return Ok();
}

unsigned DaysIn(year_month month) {
  return static_cast<unsigned>((month / std::chrono::last).day());
}

year_month_day DayOf(year_month month, unsigned day) { return month / std::chrono::day{day}; }

// The entry of `history` in force on `day`: the last whose effective_from is not after it.
// History is sorted by effective_from.
template <typename Change>
const Change* InForceOn(std::span<const Change> history, year_month_day day) {
  const Change* found = nullptr;
  for (const Change& change : history) {
    if (change.effective_from <= day) found = &change;
  }
  return found;
}

template <typename Change>
std::vector<Change> SortedByDate(std::span<const Change> history) {
  std::vector<Change> sorted(history.begin(), history.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const Change& a, const Change& b) {
    return a.effective_from < b.effective_from;
  });
  return sorted;
}

// The distance of a pair of sites, either way; nullptr when not entered.
const SiteDistance* DistanceOf(std::span<const SiteDistance> distances, StructureId a,
                               StructureId b) {
  for (const SiteDistance& distance : distances) {
    if ((distance.a == a && distance.b == b) || (distance.a == b && distance.b == a)) {
      return &distance;
    }
  }
  return nullptr;
}

// Whether `agreement` governs `day`: within its period, not ended by then.
bool Governs(const Agreement& agreement, year_month_day day) {
  return agreement.starts_on <= day && day <= agreement.ends_on &&
         !(agreement.ended_on && *agreement.ended_on <= day);
}

// Apportions one non-negative figure of the month by the structures' weights.
std::vector<Cents> Split(Cents total, const std::vector<std::int64_t>& weights) {
  // Weights are checked positive in sum by the caller: Apportion cannot fail here.
  return Apportion(total, weights).value();
}

}  // namespace

Cents MultiplyDivideRounded(std::int64_t a, std::int64_t b, std::int64_t c) {
  const Wide product = static_cast<Wide>(a) * b;
  const bool negative = product < 0;
  const Wide magnitude = negative ? -product : product;
  const Wide rounded = (magnitude + c / 2) / c;
  return static_cast<Cents>(negative ? -rounded : rounded);
}

Result<std::vector<Cents>> Apportion(Cents total, std::span<const std::int64_t> weights) {
  if (weights.empty())
    return Fail(ErrorCode::kInvalidArgument, "staffing.allocation.no_weights", "weights");
  Wide weight_sum = 0;
  for (const std::int64_t weight : weights) {
    if (weight < 0) {
      return Fail(ErrorCode::kInvalidArgument, "staffing.allocation.negative_weight", "weights");
    }
    weight_sum += weight;
  }
  if (weight_sum == 0) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.allocation.no_weights", "weights");
  }
  if (total < 0) {
    auto parts = ENSEMBLE_TRY(Apportion(-total, weights));
    for (Cents& part : parts) part = -part;
    return parts;
  }
  std::vector<Cents> parts(weights.size());
  std::vector<Wide> remainders(weights.size());
  Cents given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide exact = static_cast<Wide>(total) * weights[i];
    parts[i] = static_cast<Cents>(exact / weight_sum);
    remainders[i] = exact % weight_sum;
    given += parts[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Largest remainder first; a tie goes to the earlier part (stable).
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (Cents left = total - given, k = 0; left > 0; --left, ++k) {
    ++parts[order[static_cast<std::size_t>(k)]];
  }
  return parts;
}

std::string_view ToString(CostSource source) {
  return source == CostSource::kActual ? "actual" : "estimate";
}

Cents MonthCost::Subsidies() const {
  return std::accumulate(subsidies.begin(), subsidies.end(), Cents{0},
                         [](Cents sum, const SubsidyLine& line) { return sum + line.amount; });
}

Cents MonthCost::Net() const {
  return gross_salary + employer_contributions - sick_pay_refunds - Subsidies();
}

Status CheckPayroll(const PayrollMonth& payroll) {
  if (!payroll.month.ok()) return Refuse("staffing.cost.month", "month");
  ENSEMBLE_TRY_STATUS(CheckAmount(payroll.gross_salary, "gross_salary_cents"));
  ENSEMBLE_TRY_STATUS(CheckAmount(payroll.employer_contributions, "employer_contributions_cents"));
  ENSEMBLE_TRY_STATUS(CheckAmount(payroll.sick_pay_refunds, "sick_pay_refunds_cents"));
  ENSEMBLE_TRY_STATUS(CheckSubsidies(payroll.subsidies, "subsidies"));
  return Ok();
}

Status CheckSalaryChange(const SalaryChange& change) {
  if (!change.effective_from.ok()) return Refuse("staffing.cost.date", "effective_from");
  ENSEMBLE_TRY_STATUS(CheckAmount(change.monthly_gross_salary, "monthly_gross_cents"));
  if (change.monthly_gross_salary == 0) {
    return Refuse("staffing.cost.salary_required", "monthly_gross_cents");
  }
  return CheckSubsidies(change.monthly_subsidies, "monthly_subsidies");
}

Status CheckCarrierRates(const CarrierRates& rates) {
  if (!rates.effective_from.ok()) return Refuse("staffing.cost.date", "effective_from");
  // Employer contributions in France run from some 20 % (reductions) to some 50 %: 0 to 100 %.
  if (rates.employer_contribution_bp < 0 || rates.employer_contribution_bp > kWholeShare) {
    return Refuse("staffing.cost.contribution_rate", "employer_contribution_bp");
  }
  // The official scale tops out near 0,70 €/km: 0 to 5 € a kilometre.
  if (rates.km_rate_millieuros < 0 || rates.km_rate_millieuros > 5000) {
    return Refuse("staffing.cost.km_rate", "km_rate_millieuros");
  }
  return Ok();
}

Result<MonthCost> CostOfMonth(year_month month, const PayrollMonth* payroll,
                              std::span<const SalaryChange> salary_history,
                              std::span<const CarrierRates> carrier_rates) {
  if (!month.ok()) return Fail(ErrorCode::kInvalidArgument, "staffing.cost.month", "month");
  if (payroll != nullptr) {
    return MonthCost{CostSource::kActual, payroll->gross_salary, payroll->employer_contributions,
                     payroll->sick_pay_refunds, payroll->subsidies};
  }
  const auto salaries = SortedByDate(salary_history);
  const auto rates = SortedByDate(carrier_rates);
  const unsigned days = DaysIn(month);
  // Sums of amount × days, divided by the month's days once at the end.
  Wide salary_days = 0;
  Wide contribution_day_bp = 0;
  for (unsigned d = 1; d <= days; ++d) {
    const year_month_day day = DayOf(month, d);
    const SalaryChange* salary = InForceOn<SalaryChange>(salaries, day);
    if (salary == nullptr) {
      return Fail(ErrorCode::kNotFound, Message{"staffing.cost.no_salary", {{"day", IsoDate(day)}}},
                  "salary_history");
    }
    const CarrierRates* rate = InForceOn<CarrierRates>(rates, day);
    if (rate == nullptr) {
      return Fail(ErrorCode::kNotFound, Message{"staffing.cost.no_rates", {{"day", IsoDate(day)}}},
                  "carrier_rates");
    }
    salary_days += salary->monthly_gross_salary;
    contribution_day_bp +=
        static_cast<Wide>(salary->monthly_gross_salary) * rate->employer_contribution_bp;
  }
  const auto rounded = [](Wide numerator, Wide denominator) {
    return static_cast<Cents>((numerator + denominator / 2) / denominator);
  };
  MonthCost cost;
  cost.source = CostSource::kEstimate;
  cost.gross_salary = rounded(salary_days, days);
  cost.employer_contributions = rounded(contribution_day_bp, static_cast<Wide>(days) * kWholeShare);
  cost.subsidies = InForceOn<SalaryChange>(salaries, DayOf(month, 1))->monthly_subsidies;
  return cost;
}

Result<std::vector<Trip>> TripsOf(std::span<const DayRecord> days,
                                  std::span<const SiteDistance> distances,
                                  std::int64_t km_rate_millieuros) {
  std::vector<Trip> trips;
  for (const DayRecord& record : days) {
    for (std::size_t i = 1; i < record.entries.size(); ++i) {
      const StructureId from = record.entries[i - 1].structure;
      const StructureId to = record.entries[i].structure;
      if (from == to) continue;
      const SiteDistance* distance = DistanceOf(distances, from, to);
      if (distance == nullptr) {
        return Fail(ErrorCode::kConflict,
                    Message{"staffing.allocation.distance_missing",
                            {{"from", std::to_string(from)}, {"to", std::to_string(to)}}},
                    "distances");
      }
      // metres × millieuros per km / 1000 (km) / 10 (millieuros in a cent).
      trips.push_back(Trip{record.day, from, to, distance->metres,
                           MultiplyDivideRounded(distance->metres, km_rate_millieuros, 10'000)});
    }
  }
  return trips;
}

Cents StructureAllocation::Due() const {
  return gross_salary + employer_contributions - sick_pay_refunds - subsidies + travel;
}

Cents Allocation::TravelTotal() const {
  return std::accumulate(trips.begin(), trips.end(), Cents{0},
                         [](Cents sum, const Trip& trip) { return sum + trip.cost; });
}

Cents Allocation::Total() const {
  return std::accumulate(
      structures.begin(), structures.end(), Cents{0},
      [](Cents sum, const StructureAllocation& part) { return sum + part.Due(); });
}

const StructureAllocation* Allocation::Of(StructureId structure) const {
  for (const StructureAllocation& part : structures) {
    if (part.structure == structure) return &part;
  }
  return nullptr;
}

bool GovernsPartOf(const Agreement& agreement, year_month month) {
  for (unsigned d = 1; d <= DaysIn(month); ++d) {
    if (Governs(agreement, DayOf(month, d))) return true;
  }
  return false;
}

std::vector<Date> UnrecordedDays(const Position& position, const Agreement& agreement,
                                 year_month month, std::span<const DayRecord> days,
                                 HolidayZone zone) {
  std::set<Date> recorded;
  for (const DayRecord& record : days) recorded.insert(record.day);
  std::vector<Date> missing;
  for (unsigned d = 1; d <= DaysIn(month); ++d) {
    const Date day = DayOf(month, d);
    const unsigned iso_weekday = std::chrono::weekday{std::chrono::sys_days{day}}.iso_encoding();
    const bool working = (position.working_days >> (iso_weekday - 1)) & 1U;
    if (!working || !Governs(agreement, day) || recorded.contains(day)) continue;
    if (IsFrenchHoliday(day, zone).value_or(false)) continue;
    missing.push_back(day);
  }
  return missing;
}

Result<Allocation> AllocateMonth(const Agreement& agreement, year_month month,
                                 const MonthCost& cost, std::span<const DayRecord> days,
                                 std::span<const Trip> trips) {
  if (!month.ok()) return Fail(ErrorCode::kInvalidArgument, "staffing.cost.month", "month");
  Allocation allocation;
  allocation.agreement_id = agreement.id;
  allocation.month = month;
  allocation.cost = cost;
  allocation.trips.assign(trips.begin(), trips.end());
  for (const AgreementShare& share : agreement.shares) {
    StructureAllocation part;
    part.structure = share.structure;
    part.share_bp = share.share_bp;
    allocation.structures.push_back(part);
  }
  const auto part_of = [&](StructureId structure) -> StructureAllocation* {
    for (StructureAllocation& part : allocation.structures) {
      if (part.structure == structure) return &part;
    }
    return nullptr;
  };
  StructureAllocation* carrier = part_of(agreement.carrier);
  if (carrier == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.allocation.carrier_not_party", "agreement");
  }

  // Absence minutes on days the agreement governs are shared by the agreed shares, the rest is the
  // carrier's; kept as basis-point minutes until the end, so that nothing is rounded twice.
  std::vector<std::int64_t> absence_bp_minutes(allocation.structures.size(), 0);
  for (const DayRecord& record : days) {
    if (record.position_id != agreement.position_id ||
        year_month(record.day.year(), record.day.month()) != month) {
      return Fail(ErrorCode::kInvalidArgument, "staffing.allocation.foreign_record", "days");
    }
    for (const TimeEntry& entry : record.entries) {
      StructureAllocation* part = part_of(entry.structure);
      if (part == nullptr) {
        return Fail(ErrorCode::kInvalidArgument, "staffing.allocation.foreign_record", "days");
      }
      part->worked_minutes += entry.minutes;
      allocation.worked_minutes += entry.minutes;
    }
    if (!record.absence) continue;
    const int minutes = record.absence->minutes;
    allocation.absence_minutes += minutes;
    for (std::size_t i = 0; i < allocation.structures.size(); ++i) {
      const bool shared = Governs(agreement, record.day);
      const bool is_carrier = allocation.structures[i].structure == agreement.carrier;
      absence_bp_minutes[i] +=
          shared ? static_cast<std::int64_t>(minutes) * allocation.structures[i].share_bp
                 : (is_carrier ? std::int64_t{minutes} * kWholeShare : 0);
    }
  }

  std::vector<std::int64_t> weights;
  for (std::size_t i = 0; i < allocation.structures.size(); ++i) {
    StructureAllocation& part = allocation.structures[i];
    part.weight = std::int64_t{part.worked_minutes} * kWholeShare + absence_bp_minutes[i];
    weights.push_back(part.weight);
  }
  allocation.time_recorded = std::accumulate(weights.begin(), weights.end(), std::int64_t{0}) > 0;
  if (!allocation.time_recorded) {
    for (std::size_t i = 0; i < allocation.structures.size(); ++i) {
      weights[i] = allocation.structures[i].weight = allocation.structures[i].share_bp;
    }
  }
  // The absence minutes shown per structure: the whole absence minutes apportioned by the same
  // rule, so that they too sum to the month's.
  const auto absence_parts = allocation.absence_minutes > 0
                                 ? Split(allocation.absence_minutes, absence_bp_minutes)
                                 : std::vector<Cents>(allocation.structures.size(), 0);
  const auto gross = Split(cost.gross_salary, weights);
  const auto contributions = Split(cost.employer_contributions, weights);
  const auto refunds = Split(cost.sick_pay_refunds, weights);
  const auto subsidies = Split(cost.Subsidies(), weights);
  for (std::size_t i = 0; i < allocation.structures.size(); ++i) {
    StructureAllocation& part = allocation.structures[i];
    part.absence_minutes = static_cast<int>(absence_parts[i]);
    part.gross_salary = gross[i];
    part.employer_contributions = contributions[i];
    part.sick_pay_refunds = refunds[i];
    part.subsidies = subsidies[i];
  }
  for (const Trip& trip : trips) {
    StructureAllocation* visited = part_of(trip.to);
    StructureAllocation* payer =
        agreement.travel == TravelPaidBy::kVisitedStructure && visited != nullptr ? visited
                                                                                  : carrier;
    payer->travel += trip.cost;
    ++payer->trips;
  }
  return allocation;
}

}  // namespace ensemble::staffing
