// Shared positions and their lending agreements (domain/staffing/types.h), with the shares and
// the signatures. The store keeps staffing_position_parties in step with the employments and the
// agreements' shares in the same transaction: PostgreSQL's row-level policies read it to know who
// reaches a position (0001_positions.pg.sql), and the lists by structure read it too.
//
// Writes to a position or its terms run in a transaction acting for the carrier; a signature in
// one acting for the party that signs. Run each call inside a transaction; thread-safety is the
// Connection's.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "domain/staffing/allocation.h"
#include "domain/staffing/plans.h"
#include "domain/staffing/statements.h"
#include "domain/staffing/time_records.h"
#include "domain/staffing/types.h"
#include "storage/sql/database.h"

namespace ensemble::storage {

class StaffingStore {
 public:
  explicit StaffingStore(Connection& db) : db_(db) {}

  // Stores a checked position (its id is ignored) with its employments; returns its id.
  Result<staffing::PositionId> InsertPosition(const staffing::Position& position, UnixMillis now);
  Result<std::optional<staffing::Position>> FindPosition(staffing::PositionId id);
  // The positions `structure` is party to (employer, or lent to by an agreement), by title.
  Result<std::vector<staffing::Position>> PositionsOfStructure(tenancy::StructureId structure);
  // The positions a person holds, across every structure.
  Result<std::vector<staffing::Position>> PositionsOfPerson(tenancy::PersonId person);

  // Stores checked terms (id, signatures and version ignored); returns the agreement's id.
  Result<staffing::AgreementId> InsertAgreement(const staffing::Agreement& agreement,
                                                UnixMillis now);
  // The position's agreements, by start date, with their shares and signatures.
  Result<std::vector<staffing::Agreement>> AgreementsOf(staffing::PositionId position);
  Result<std::optional<staffing::Agreement>> FindAgreement(staffing::AgreementId id);
  // Replaces the terms (period, shares, billing, travel) if the stored version is
  // `agreement.version`, and bumps it; false when it is not (changed meanwhile).
  Result<bool> UpdateAgreementTerms(const staffing::Agreement& agreement);
  // Records a party's signature and bumps the agreement's version if it is `expected_version`;
  // false when it is not.
  Result<bool> InsertSignature(const staffing::Agreement& agreement,
                               const staffing::Signature& signature, UnixMillis now);
  // Replaces the person's record of one day (her entries and her absence) with `record`; an
  // empty record removes the day. Runs in a transaction scoped to her.
  Status ReplaceDay(const staffing::Position& position, const staffing::DayRecord& record,
                    UnixMillis now);
  // The position's days from `from` to `to` inclusive, in date order, as far as the transaction
  // reaches them (on PostgreSQL, row-level security keeps out another structure's hours).
  Result<std::vector<staffing::DayRecord>> DaysOf(staffing::PositionId position,
                                                  staffing::Date from, staffing::Date to);

  // Ends the agreement on `ended_on` if its version is `expected_version`.
  Result<bool> EndAgreement(staffing::AgreementId id, int expected_version,
                            staffing::Date ended_on);

  // Costs (0003_costs, cost_store.cc): the carrier's, in a transaction acting for it. Each Put
  // replaces the row of the same key (position and day, position and month, structure and day).
  Status PutSalaryChange(const staffing::Position& position, const staffing::SalaryChange& change,
                         tenancy::PersonId by, UnixMillis now);
  // By effective date.
  Result<std::vector<staffing::SalaryChange>> SalaryHistory(staffing::PositionId position);
  Status PutPayroll(const staffing::Position& position, const staffing::PayrollMonth& payroll,
                    tenancy::PersonId by, UnixMillis now);
  Result<std::optional<staffing::PayrollMonth>> PayrollOf(staffing::PositionId position,
                                                          std::chrono::year_month month);
  Status PutCarrierRates(tenancy::StructureId carrier, const staffing::CarrierRates& rates,
                         tenancy::PersonId by, UnixMillis now);
  Result<std::vector<staffing::CarrierRates>> CarrierRatesOf(tenancy::StructureId carrier);
  Status PutVatSetting(tenancy::StructureId carrier, const staffing::VatSetting& vat,
                       tenancy::PersonId by, UnixMillis now);
  Result<std::optional<staffing::VatSetting>> VatSettingOf(tenancy::StructureId carrier);
  // The pair is stored in order (a < b), whichever way it is given.
  Status PutSiteDistance(tenancy::StructureId carrier, const staffing::SiteDistance& distance);
  Result<std::vector<staffing::SiteDistance>> SiteDistancesOf(tenancy::StructureId carrier);

  // Numbers and stores `draft` (id, year, sequence and number ignored): the next number of the
  // carrier's series for the year of `draft.issued_on`, raised in this transaction so that
  // numbers run without gaps. Returns the statement as stored.
  Result<staffing::Statement> IssueStatement(staffing::Statement draft);
  Result<std::optional<staffing::Statement>> FindStatement(staffing::StatementId id);
  // The statements of an agreement's month, by number.
  Result<std::vector<staffing::Statement>> StatementsOfMonth(staffing::AgreementId agreement,
                                                             std::chrono::year_month month);
  // The statements a structure issued or was billed, newest first; `month` narrows them.
  Result<std::vector<staffing::Statement>> StatementsOfStructure(
      tenancy::StructureId structure, std::optional<std::chrono::year_month> month);
  // The latest month of a statement of the position's (or the carrier's), if any: costs may not
  // change what an issued month was built on.
  Result<std::optional<std::chrono::year_month>> LastIssuedMonthOfPosition(
      staffing::PositionId position);
  Result<std::optional<std::chrono::year_month>> LastIssuedMonthOfCarrier(
      tenancy::StructureId carrier);

  // Plans (plan_store.cc). The opening hours of those of `structures` that set theirs.
  Result<std::vector<staffing::SiteHours>> OpeningHoursOf(
      std::span<const tenancy::StructureId> structures);
  Status PutOpeningHours(tenancy::StructureId structure, staffing::HalfDayMask open,
                         tenancy::PersonId by, UnixMillis now);
  Result<staffing::PlanRules> PlanRulesOf(staffing::PositionId position);
  // Replaces the rules when `rules.version` is the stored one (false otherwise), raising it.
  Result<bool> ReplacePlanRules(const staffing::Position& position,
                                const staffing::PlanRules& rules);
  Result<staffing::PlanId> InsertPlanRun(const staffing::PlanRun& run);
  Status SetPlanJob(staffing::PlanId plan, std::int64_t job);
  Result<std::optional<staffing::PlanRun>> FindPlanRun(staffing::PlanId id);
  // The position's latest runs, newest first (20 at most).
  Result<std::vector<staffing::PlanRun>> PlanRunsOf(staffing::PositionId position);
  Status MarkPlanSolving(staffing::PlanId plan);
  Status FailPlanRun(staffing::PlanId plan, std::string_view message_id, UnixMillis now);
  // Stores the run's report and makes its half-days from plan_from on the live plan.
  Status CompletePlanRun(const staffing::PlanRun& run, const staffing::Position& position,
                         std::span<const staffing::StoredHalfDay> half_days, UnixMillis now);
  // The live plan's half-days from `from` to `to`, in time order.
  Result<std::vector<staffing::StoredHalfDay>> PlannedHalfDays(staffing::PositionId position,
                                                               staffing::Date from,
                                                               staffing::Date to);

 private:
  Result<std::vector<staffing::Position>> PositionsWhere(std::string_view condition,
                                                         std::int64_t value);
  Status LoadEmployments(staffing::Position& position);
  Status LoadSharesAndSignatures(staffing::Agreement& agreement);
  // Rewrites the position's parties from its employments and its agreements' shares.
  Status RefreshParties(staffing::PositionId position, tenancy::StructureId carrier);
  // A plan run's months and shortfalls.
  Status LoadPlanReport(staffing::PlanRun& run);

  Connection& db_;
};

}  // namespace ensemble::storage
