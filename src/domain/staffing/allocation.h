// The monthly cost of a shared position and its allocation between the structures of a lending
// agreement (issue 11, items 2 and 5). Pure functions over integer cents; thread-safe.
//
// The cost of a month is the carrier's real cost (L8241-1: at cost, never a margin): the gross
// salary and the employer contributions, less the sick-pay refunds the employer received and the
// subsidies for the post (aides à l'emploi, FONJEP, the federation's funding). It comes from the
// month's payroll when the carrier entered it (kActual), else it is estimated from the salary
// history and the carrier's contribution rate, each change applying from its own day (kEstimate).
//
// The allocation apportions each of those figures between the agreement's structures by the
// month's weights: the minutes worked for each, plus the minutes of absence shared by the agreed
// shares (an absence on a day outside the agreement is the carrier's); with nothing recorded, the
// agreed shares alone. Every figure is apportioned by the largest-remainder rule (Apportion), so
// each column of a statement sums, to the cent, to the carrier's figure. Travel between two sites
// on one day is a professional expense at the carrier's rate per kilometre: billed to the
// structure travelled to when the agreement says the visited structure pays, else the carrier's.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/staffing/holidays.h"
#include "domain/staffing/time_records.h"
#include "domain/staffing/types.h"

namespace ensemble::staffing {

// Money is integer cents (alisfa.h declares the same alias).
using Cents = std::int64_t;

// Splits `total` cents into parts proportional to `weights`, summing to `total` exactly, by the
// largest-remainder (Hamilton) rule: each part gets the floor of its exact quota, and the cents
// left go one each to the parts with the largest remainders, a tie to the earlier part. A negative
// total is split as its opposite, then negated. Weights must be non-negative with a positive sum
// (kInvalidArgument on "weights"); a zero weight gets zero.
Result<std::vector<Cents>> Apportion(Cents total, std::span<const std::int64_t> weights);

// a × b / c rounded half away from zero, without overflow for the magnitudes of payroll (a × b
// computed in 128 bits); c > 0.
Cents MultiplyDivideRounded(std::int64_t a, std::int64_t b, std::int64_t c);

struct SubsidyLine {
  std::string label;  // « FONJEP », « Aide à l'emploi (PEC) », « Fédération : poste numérique »
  Cents amount = 0;  // for the month, positive

  bool operator==(const SubsidyLine&) const = default;
};

enum class CostSource { kActual, kEstimate };
std::string_view ToString(CostSource source);

// The carrier's cost of one position for one month.
struct MonthCost {
  CostSource source = CostSource::kEstimate;
  Cents gross_salary = 0;
  Cents employer_contributions = 0;
  Cents sick_pay_refunds = 0;  // daily allowances the employer received in her place (subrogation)
  std::vector<SubsidyLine> subsidies;

  Cents Subsidies() const;
  // gross + contributions − refunds − subsidies: what the structures share.
  Cents Net() const;
  bool operator==(const MonthCost&) const = default;
};

// The payroll of one month as the carrier entered it.
struct PayrollMonth {
  PositionId position_id = 0;
  std::chrono::year_month month{};
  Cents gross_salary = 0;
  Cents employer_contributions = 0;
  Cents sick_pay_refunds = 0;
  std::vector<SubsidyLine> subsidies;
};

// One change of the position's salary, from `effective_from` until the next: the monthly gross
// (entered, or computed by the ALISFA rules when the caller has them) and the monthly subsidies.
struct SalaryChange {
  Date effective_from{};
  Cents monthly_gross_salary = 0;
  std::vector<SubsidyLine> monthly_subsidies;

  bool operator==(const SalaryChange&) const = default;
};

// One change of the carrier's rates, from `effective_from` until the next.
struct CarrierRates {
  Date effective_from{};
  int employer_contribution_bp = 0;  // 4300 = 43 % of the gross
  // What a kilometre of travel between sites costs, in thousandths of a euro (636 = 0,636 €).
  std::int64_t km_rate_millieuros = 0;

  bool operator==(const CarrierRates&) const = default;
};

// Checks the inputs a carrier enters; kInvalidArgument naming the field.
Status CheckPayroll(const PayrollMonth& payroll);
Status CheckSalaryChange(const SalaryChange& change);
Status CheckCarrierRates(const CarrierRates& rates);

// The month's cost: the payroll when there is one, else the estimate. The estimate prorates each
// salary change and each rate by the calendar days it is in force in the month (a raise on the
// 16th of a 30-day month counts for 15 days), the salary and the contributions rounded once each,
// half up; the subsidies of the salary in force on the month's first day. kNotFound on
// "salary_history" (or "carrier_rates") when none is in force on some day of the month.
Result<MonthCost> CostOfMonth(std::chrono::year_month month, const PayrollMonth* payroll,
                              std::span<const SalaryChange> salary_history,
                              std::span<const CarrierRates> carrier_rates);

// The distance by road between two sites, either way.
struct SiteDistance {
  StructureId a = 0;
  StructureId b = 0;
  int metres = 0;

  bool operator==(const SiteDistance&) const = default;
};

struct Trip {
  Date day{};
  StructureId from = 0;
  StructureId to = 0;
  int metres = 0;
  Cents cost = 0;  // metres × rate, rounded half up to the cent, per trip

  bool operator==(const Trip&) const = default;
};

// The trips between sites of the month's records: one between each two structures recorded one
// after the other on a day, in the order the person recorded them (going home is not one).
// kConflict on "distances" naming both sites when a pair's distance is not entered.
Result<std::vector<Trip>> TripsOf(std::span<const DayRecord> days,
                                  std::span<const SiteDistance> distances,
                                  std::int64_t km_rate_millieuros);

struct StructureAllocation {
  StructureId structure = 0;
  int share_bp = 0;         // agreed
  int worked_minutes = 0;   // recorded for it
  int absence_minutes = 0;  // its part of the absences
  std::int64_t weight = 0;  // worked × 10000 + absences × share (basis-point minutes)
  Cents gross_salary = 0;   // its part of each figure
  Cents employer_contributions = 0;
  Cents sick_pay_refunds = 0;
  Cents subsidies = 0;
  Cents travel = 0;  // the trips billed to it
  int trips = 0;

  Cents Due() const;  // gross + contributions − refunds − subsidies + travel
  bool operator==(const StructureAllocation&) const = default;
};

struct Allocation {
  AgreementId agreement_id = 0;
  std::chrono::year_month month{};
  MonthCost cost;
  int worked_minutes = 0;
  int absence_minutes = 0;
  bool time_recorded = false;  // false: nothing recorded, the agreed shares alone
  std::vector<Trip> trips;
  std::vector<StructureAllocation> structures;  // in the agreement's order of shares

  Cents TravelTotal() const;
  // The sum of the structures' dues: the cost's Net plus the travel, to the cent.
  Cents Total() const;
  const StructureAllocation* Of(StructureId structure) const;
};

// Whether `agreement` governs a day of `month` (within its period, before its early end).
bool GovernsPartOf(const Agreement& agreement, std::chrono::year_month month);

// The days of `month` that `agreement` governs, that are working days of the position and not
// public holidays of `zone` (the carrier's: the employer's establishment decides), and that have
// no record in `days`: a month is billed once every such day is confirmed.
std::vector<Date> UnrecordedDays(const Position& position, const Agreement& agreement,
                                 std::chrono::year_month month, std::span<const DayRecord> days,
                                 HolidayZone zone = HolidayZone::kMetropolitan);

// Allocates `cost` and the month's trips between the structures of `agreement` from the month's
// records of its position (`days`: records of other months or positions are refused as
// kInvalidArgument on "days").
Result<Allocation> AllocateMonth(const Agreement& agreement, std::chrono::year_month month,
                                 const MonthCost& cost, std::span<const DayRecord> days,
                                 std::span<const Trip> trips);

}  // namespace ensemble::staffing
