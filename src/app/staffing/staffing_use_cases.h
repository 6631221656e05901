// The staffing module's use cases: shared positions and their lending agreements (issue 11).
// Each public method is one thing a person does, over the platform's App (app/app.h): one
// transaction, the decision from domain/staffing/policy.h through the Gate, an audit line for
// every read of the position's personal data and every change.
//
// Thread-safety: as App's; no state of its own.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/staffing/agreement_document.h"
#include "disclosure/disclosure.h"
#include "documents/document.h"
#include "domain/staffing/allocation.h"
#include "domain/staffing/plans.h"
#include "domain/staffing/policy.h"
#include "domain/staffing/statements.h"
#include "domain/staffing/time_records.h"
#include "domain/staffing/types.h"

namespace ensemble::app {

struct AgreementView {
  staffing::Agreement agreement;
  staffing::AgreementState state = staffing::AgreementState::kDraft;  // on today's Paris date
  std::vector<std::string> actions;  // what the acting person may do with it now
};

struct PositionDetail {
  staffing::Position position;
  std::vector<AgreementView> agreements;
  std::vector<std::string> actions;
};

// What a party records when its director signs: the signer, the date, and the SHA-256 of the
// exact document signed. `version` is the agreement's, as she read it.
struct SignatureInput {
  std::string signer_name;
  std::string signer_role;
  staffing::Date signed_on{};
  std::string document_sha256;
  int version = 0;
};

// A month of a position's days as one structure may see them (time_records.h, VisibleTo), with
// the minutes worked for each structure it may see.
struct TimeView {
  std::vector<staffing::DayRecord> days;
  std::vector<staffing::TimeEntry> totals;  // minutes worked per structure over the month
  int absence_minutes = 0;
};

// A calendar month: its first and last days.
struct Month {
  staffing::Date first{};
  staffing::Date last{};
};
// "2026-09"; kInvalidArgument on `field` otherwise.
Result<Month> ParseMonth(std::string_view text, std::string_view field);

// A position's month of money, as its carrier sees it: the salary history, the payroll if entered,
// the month's cost (or why it cannot be computed yet), the allocation under the agreement that
// governs the month (or why not), how many working days still lack a time record, and the
// statements issued for the month.
struct CostView {
  staffing::Position position;
  std::chrono::year_month month{};
  std::vector<staffing::SalaryChange> salary_history;
  std::optional<staffing::PayrollMonth> payroll;
  std::optional<staffing::MonthCost> cost;
  std::optional<Error> cost_problem;
  std::optional<staffing::Allocation> allocation;
  std::optional<Error> allocation_problem;
  int unrecorded_days = 0;
  std::vector<staffing::Statement> statements;
};

// The acting structure's settings as a carrier: its rates over time, its VAT treatment, the
// distances between the sites of its agreements.
struct CarrierSettings {
  staffing::HalfDayMask opening = staffing::kWeekdaysOpen;  // the structure's opening hours
  std::vector<staffing::CarrierRates> rates;
  std::optional<staffing::VatSetting> vat;
  std::vector<staffing::SiteDistance> distances;
};

// A statement, with what its documents name besides its figures.
struct StatementView {
  staffing::Statement statement;
  std::string carrier_name;
  std::string billed_name;
  std::string person_name;
  std::string position_title;
  std::vector<std::string> actions;  // "correct" for the carrier's director or HR/finance
};

// A rendered statement document.
struct StatementFile {
  std::string bytes;
  std::string number;
};

// The job kind that solves a plan run; its payload is {"plan_id": N}.
inline constexpr std::string_view kPlanJobKind = "staffing_plan";

// A position's plan as the acting structure may see it (plans.h, VisiblePlan), with the runs and
// rules when it is the carrier's to manage.
struct PlanView {
  staffing::PositionId position_id = 0;
  std::vector<staffing::StoredHalfDay> half_days;
  std::vector<staffing::PlanRun> runs;  // the carrier's only
  std::vector<std::string> actions;
};

// A plan run's progress, with its job's.
struct PlanRunView {
  staffing::PlanRun run;
  std::int64_t progress_done = 0;
  std::int64_t progress_total = 0;
};

// One position a collective reads in full (domain/staffing/collective.h): its terms on the
// month's first day and the minutes planned at each structure over the month.
struct CollectivePosition {
  staffing::Position position;
  std::vector<StructureId> parties;
  std::optional<staffing::Agreement> agreement;  // lending: the one governing the month's first day
  std::map<StructureId, int> planned_minutes;
};

// What a member shares of its staffing with the collective, and its name.
struct MemberLevel {
  StructureId structure = 0;
  std::string name;
  tenancy::SharingLevel level = tenancy::SharingLevel::kPrivate;
};

// The columns of the aggregates table, in order.
inline constexpr staffing::PositionKind kCollectiveColumns[] = {
    staffing::PositionKind::kLending, staffing::PositionKind::kMultiEmployer};

// A collective's view of its members' shared positions over one month: the positions it reads
// in full, and the table of positions counted per member and kind, with the minutes planned at
// that member, each cell under disclosure control (components/disclosure).
struct CollectivePositionsView {
  tenancy::Collective collective;
  Month month;
  std::vector<MemberLevel> members;
  std::vector<CollectivePosition> positions;
  std::vector<StructureId> table_rows;  // the members counted, in the members' order
  disclosure::ProtectedTable table;     // empty when no member is counted
  disclosure::Options options;
};

// Called by the plan job after each month; an error stops the solve.
using PlanRunProgress = std::function<Status(int done, int total)>;

class StaffingUseCases {
 public:
  explicit StaffingUseCases(App& app) : app_(app) {}

  // The positions the acting structure is party to.
  Result<std::vector<PositionDetail>> ListPositions(const Actor& actor);
  // The positions the signed-in person holds, across every structure, whatever her hat.
  Result<std::vector<PositionDetail>> MyPositions(const Actor& actor);
  Result<PositionDetail> GetPosition(const Actor& actor, staffing::PositionId id);
  // A position carried by the acting structure; the person's name is taken from her account,
  // and she must hold a role in each employer.
  Result<PositionDetail> CreatePosition(const Actor& actor, staffing::Position draft);
  // A lending agreement for a position the acting structure carries.
  Result<PositionDetail> CreateAgreement(const Actor& actor, staffing::PositionId position,
                                         staffing::Agreement terms);
  // New terms while nobody has signed (`terms.version` is the one read).
  Result<PositionDetail> UpdateAgreement(const Actor& actor, staffing::AgreementId id,
                                         staffing::Agreement terms);
  // The agreement's document as the parties sign it (any party's people may read it).
  Result<AgreementPdf> AgreementDocumentPdf(const Actor& actor, staffing::AgreementId id);
  // The acting structure's signature, of the document as it is now (its SHA-256).
  Result<PositionDetail> SignAgreement(const Actor& actor, staffing::AgreementId id,
                                       SignatureInput input);
  // The signed-in person confirms or corrects one of her days (an empty record removes it).
  Result<staffing::DayRecord> RecordMyDay(const Actor& actor, staffing::PositionId position,
                                          staffing::DayRecord record);
  // Her days of one month, all of them.
  Result<std::vector<staffing::DayRecord>> MyDays(const Actor& actor, staffing::PositionId id,
                                                  Month month);
  // A month of the position's days as the acting structure may see them.
  Result<TimeView> PositionTime(const Actor& actor, staffing::PositionId id, Month month);
  // Costs (cost_use_cases.cc): the carrier's, for the lent positions it carries.
  Result<CostView> PositionCosts(const Actor& actor, staffing::PositionId id,
                                 std::chrono::year_month month);
  // A salary from a day on; refused into a month already issued.
  Result<CostView> PutSalaryChange(const Actor& actor, staffing::PositionId id,
                                   staffing::SalaryChange change);
  // The month's payroll; accepted for an issued month (a correction then bills the difference).
  Result<CostView> PutPayroll(const Actor& actor, staffing::PositionId id,
                              staffing::PayrollMonth payroll);
  Result<CarrierSettings> GetCarrierSettings(const Actor& actor);
  Result<CarrierSettings> PutCarrierRates(const Actor& actor, staffing::CarrierRates rates);
  Result<CarrierSettings> PutVatSetting(const Actor& actor, staffing::VatSetting vat);
  Result<CarrierSettings> PutSiteDistance(const Actor& actor, staffing::SiteDistance distance);
  // One statement per structure billed under the agreement for a month that is over, every
  // working day recorded.
  Result<std::vector<StatementView>> IssueStatements(const Actor& actor, staffing::AgreementId id,
                                                     std::chrono::year_month month);
  // A new statement billing the difference between the month as it stands now and what the
  // statement (and those it corrected) billed.
  Result<StatementView> CorrectStatement(const Actor& actor, staffing::StatementId id);
  Result<std::vector<StatementView>> ListStatements(const Actor& actor,
                                                    std::optional<std::chrono::year_month> month);
  Result<StatementView> GetStatement(const Actor& actor, staffing::StatementId id);
  // Its PDF or XLSX (`xlsx` false: PDF), in `language`.
  Result<StatementFile> StatementDocumentFile(const Actor& actor, staffing::StatementId id,
                                              bool xlsx, documents::Language language);

  // Ends it early, from `ended_on` (the first day it no longer covers).
  Result<PositionDetail> EndAgreement(const Actor& actor, staffing::AgreementId id,
                                      staffing::Date ended_on, int version);

  // Plans (plan_use_cases.cc). The acting structure's opening hours.
  Result<CarrierSettings> PutOpeningHours(const Actor& actor, staffing::HalfDayMask open);
  Result<staffing::PlanRules> GetPlanRules(const Actor& actor, staffing::PositionId id);
  // `rules.version` is the one read.
  Result<staffing::PlanRules> PutPlanRules(const Actor& actor, staffing::PositionId id,
                                           staffing::PlanRules rules);
  // Queues a run planning first..last, keeping the days before plan_from (re-planning keeps the
  // past as worked, else as planned). 409 when a run of the position is queued or solving, or no
  // agreement in force gives shares on plan_from.
  Result<PlanRunView> RequestPlan(const Actor& actor, staffing::PositionId id, staffing::Date first,
                                  staffing::Date last, staffing::Date plan_from);
  Result<PlanRunView> GetPlanRun(const Actor& actor, staffing::PlanId id);
  Result<PlanView> PositionPlan(const Actor& actor, staffing::PositionId id, staffing::Date from,
                                staffing::Date to);
  // Her half-days across all her positions.
  Result<std::vector<staffing::StoredHalfDay>> MyPlan(const Actor& actor, staffing::Date from,
                                                      staffing::Date to);
  // The positions shared within a collective (collective_use_cases.cc), as far as each party
  // shares its staffing with it; hidden (404) from a structure outside the collective.
  Result<CollectivePositionsView> CollectivePositions(const Actor& actor, CollectiveId id,
                                                      Month month);
  // The job's work (on the whole database, no actor): solves the run and stores it. A problem of
  // the inputs fails the run with its message and returns Ok (another attempt would fail too).
  Status RunPlan(staffing::PlanId id, const PlanRunProgress& progress);

 private:
  template <typename Work>
  auto Decided(storage::TransactionMode mode, const Actor& actor, Work&& work) {
    return app_.Decided(mode, actor, std::forward<Work>(work));
  }
  staffing::Date Today() const;
  Result<CarrierSettings> SettingsIn(storage::Transaction& tx, StructureId carrier);
  Result<CostView> CostViewIn(storage::Transaction& tx, const staffing::Position& position,
                              std::span<const staffing::Agreement> agreements,
                              std::chrono::year_month month);
  Result<StatementView> ViewOf(storage::Transaction& tx, const Actor& actor,
                               staffing::Statement statement);

  App& app_;
};

}  // namespace ensemble::app
