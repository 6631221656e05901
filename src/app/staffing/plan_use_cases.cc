// Plans: the carrier sets the rules and asks for a period to be planned; a background job solves
// it one month at a time (planner.h) and stores the half-days; each party reads what concerns
// it, the person her plan across every site.
#include <algorithm>
#include <set>

#include "app/staffing/loading.h"
#include "app/staffing/planner.h"
#include "app/staffing/staffing_use_cases.h"

namespace ensemble::app {
namespace {

using staffing::Action;
using staffing::PlanRun;
using staffing::PlanState;
using staffing::StoredHalfDay;
using storage::TransactionMode;
using namespace staffing_detail;

std::unexpected<Error> Refused(ErrorCode code, std::string_view message, std::string field = {}) {
  return Fail(code, Message{std::string(message)}, std::move(field));
}

// The position, checked for `action` after kReadPosition (outsiders: hidden).
Result<Loaded> Checked(storage::Transaction& tx, Gate& gate, staffing::PositionId id,
                       Action action) {
  auto loaded = ENSEMBLE_TRY(Load(tx, id));
  const access::Target target = TargetOf(loaded);
  const std::string record = std::to_string(id);
  ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadPosition), target, record));
  ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(action), target, record));
  return std::move(*loaded);
}

bool InShares(std::span<const staffing::AgreementShare> shares, StructureId structure) {
  return std::any_of(shares.begin(), shares.end(),
                     [&](const staffing::AgreementShare& s) { return s.structure == structure; });
}

std::vector<StructureId> PartiesOfPosition(const Loaded& loaded) {
  return staffing::PositionTarget(loaded.position, loaded.agreements).parties;
}

// The planner's request from what is stored: the shares on plan_from, the contract, the
// absences recorded, the parties' opening hours, the rules, the travel from the carrier's
// distances, and the days before plan_from as worked (else as planned).
Result<staffing::PlanRequest> RequestOf(storage::Transaction& tx, const Loaded& loaded,
                                        const PlanRun& run) {
  auto store = tx.Staffing();
  const staffing::Position& position = loaded.position;
  staffing::PlanRequest request;
  request.first = run.first;
  request.last = run.last;
  request.plan_from = run.plan_from;
  request.shares = staffing::PlanSharesOn(position, loaded.agreements, run.plan_from);
  request.working_days = position.working_days;
  request.day_minutes = staffing::ContractDayMinutes(position);
  const std::vector<StructureId> parties = PartiesOfPosition(loaded);
  request.opening = ENSEMBLE_TRY(store.OpeningHoursOf(parties));
  const staffing::PlanRules rules = ENSEMBLE_TRY(store.PlanRulesOf(position.id));
  for (const staffing::Commitment& commitment : rules.commitments) {
    if (run.plan_from <= commitment.day && commitment.day <= run.last) {
      request.commitments.push_back(commitment);
    }
  }
  request.preferences = rules.preferences;
  for (const staffing::SiteDistance& distance : ENSEMBLE_TRY(store.SiteDistancesOf(run.carrier))) {
    request.travel.push_back({distance.a, distance.b, staffing::TravelMinutesFor(distance.metres)});
  }
  const int day_minutes = request.day_minutes;
  std::set<staffing::Date> worked;
  for (const staffing::DayRecord& day :
       ENSEMBLE_TRY(store.DaysOf(position.id, run.first, run.last))) {
    if (day.absence && day.absence->minutes >= day_minutes) request.absent_days.push_back(day.day);
    if (day.day < run.plan_from) {
      for (const auto& half : staffing::KeptHalfDays(day)) {
        // Worked for a structure outside the shares: not part of this plan.
        if (!InShares(request.shares, half.structure)) continue;
        request.kept.push_back(half);
        worked.insert(half.day);
      }
    }
  }
  if (run.first < run.plan_from) {
    const staffing::Date before{std::chrono::sys_days{run.plan_from} - std::chrono::days{1}};
    for (const StoredHalfDay& half :
         ENSEMBLE_TRY(store.PlannedHalfDays(position.id, run.first, before))) {
      if (worked.contains(half.day) || !InShares(request.shares, half.structure)) continue;
      request.kept.push_back({half.day, half.half, half.structure});
    }
  }
  std::sort(request.kept.begin(), request.kept.end(), [](const auto& a, const auto& b) {
    return a.day != b.day ? a.day < b.day : a.half < b.half;
  });
  return request;
}

std::vector<StoredHalfDay> HalfDaysOf(const staffing::PlanProblem& problem,
                                      const staffing::Assignment& assignment,
                                      staffing::PositionId position, staffing::PlanId plan) {
  std::vector<StoredHalfDay> half_days;
  for (std::size_t i = 0; i < problem.slots.size() && i < assignment.size(); ++i) {
    const staffing::PlanSlot& slot = problem.slots[i];
    StoredHalfDay half{position,          slot.day,        slot.half, assignment[i],
                       slot.start_minute, slot.end_minute, {},        plan};
    if (slot.IsCommitment()) {
      const staffing::Commitment& commitment =
          problem.commitments[static_cast<std::size_t>(slot.commitment)];
      half.commitment = commitment.label;
      half.start_minute = commitment.start_minute;
      half.end_minute = commitment.end_minute;
    }
    half_days.push_back(std::move(half));
  }
  return half_days;
}

void Report(PlanRun& run, const SolvedPlan& solved) {
  run.distance = solved.distance.largest_gap;
  run.proven_optimal = solved.proven_optimal;
  run.worst_gap = solved.worst_gap;
  run.shortfalls = solved.shortfalls;
  for (const MonthSolve& month : solved.months) {
    run.months.push_back({month.month, month.outcome == solver::Outcome::kOptimal, month.gap,
                          month.largest_gap, month.gap_proven, month.half_days,
                          month.elapsed.count()});
  }
}

// Solves the run's request and fills its report; returns the half-days to store.
Result<std::vector<StoredHalfDay>> Solve(PlanRun& run, const staffing::PlanRequest& request,
                                         PlanLimits limits, const PlanProgress& progress) {
  const auto problem = ENSEMBLE_TRY(staffing::PreparePlan(request));
  const auto solved = ENSEMBLE_TRY(SolvePlan(problem, limits, progress));
  Report(run, solved);
  return HalfDaysOf(problem, solved.assignment, run.position_id, run.id);
}

}  // namespace

namespace staffing_detail {

Result<staffing::PlanId> PlanInTransaction(storage::Transaction& tx, PlanRun run, UnixMillis now,
                                           PlanLimits limits) {
  auto loaded = ENSEMBLE_TRY(Load(tx, run.position_id));
  if (!loaded) return Internal("planning a missing position");
  run.carrier = loaded->position.carrier;
  run.requested_at = now;
  run.id = ENSEMBLE_TRY(tx.Staffing().InsertPlanRun(run));
  const auto request = ENSEMBLE_TRY(RequestOf(tx, *loaded, run));
  const auto half_days = ENSEMBLE_TRY(Solve(run, request, limits, {}));
  ENSEMBLE_TRY_STATUS(tx.Staffing().CompletePlanRun(run, loaded->position, half_days, now));
  return run.id;
}

}  // namespace staffing_detail

Result<CarrierSettings> StaffingUseCases::PutOpeningHours(const Actor& actor,
                                                          staffing::HalfDayMask open) {
  return Decided(TransactionMode::kWrite, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<CarrierSettings> {
                   ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kManageCarrierSettings),
                                                  OwnStructure(actor), {}));
                   if (open > staffing::kEveryHalfDay) {
                     return Refused(ErrorCode::kInvalidArgument, "staffing.plan.opening", "open");
                   }
                   const StructureId structure = *actor.acting_structure_id;
                   ENSEMBLE_TRY_STATUS(tx.Staffing().PutOpeningHours(
                       structure, open, actor.person_id, app_.clock().Now()));
                   ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, structure, "update",
                                                  "staffing_settings", std::to_string(structure)));
                   return SettingsIn(tx, structure);
                 });
}

Result<staffing::PlanRules> StaffingUseCases::GetPlanRules(const Actor& actor,
                                                           staffing::PositionId id) {
  return Decided(TransactionMode::kRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<staffing::PlanRules> {
                   ENSEMBLE_TRY(Checked(tx, gate, id, Action::kManagePlan));
                   return tx.Staffing().PlanRulesOf(id);
                 });
}

Result<staffing::PlanRules> StaffingUseCases::PutPlanRules(const Actor& actor,
                                                           staffing::PositionId id,
                                                           staffing::PlanRules rules) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<staffing::PlanRules> {
        const Loaded loaded = ENSEMBLE_TRY(Checked(tx, gate, id, Action::kManagePlan));
        ENSEMBLE_TRY_STATUS(staffing::CheckPlanRules(rules, PartiesOfPosition(loaded)));
        if (!ENSEMBLE_TRY(tx.Staffing().ReplacePlanRules(loaded.position, rules))) {
          return Refused(ErrorCode::kConflict, "staffing.plan.rules_changed", "version");
        }
        ENSEMBLE_TRY_STATUS(app_.Audit(
            tx, actor, loaded.position.carrier, "update", "plan_rules", std::to_string(id),
            {.params = {{"commitments", static_cast<std::int64_t>(rules.commitments.size())}}}));
        return tx.Staffing().PlanRulesOf(id);
      });
}

Result<PlanRunView> StaffingUseCases::RequestPlan(const Actor& actor, staffing::PositionId id,
                                                  staffing::Date first, staffing::Date last,
                                                  staffing::Date plan_from) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<PlanRunView> {
        const Loaded loaded = ENSEMBLE_TRY(Checked(tx, gate, id, Action::kManagePlan));
        ENSEMBLE_TRY_STATUS(staffing::CheckPlanPeriod(first, last, plan_from));
        if (staffing::PlanSharesOn(loaded.position, loaded.agreements, plan_from).empty()) {
          return Refused(ErrorCode::kConflict, "staffing.plan.no_shares", "plan_from");
        }
        for (const PlanRun& other : ENSEMBLE_TRY(tx.Staffing().PlanRunsOf(id))) {
          if (other.state != PlanState::kQueued && other.state != PlanState::kSolving) continue;
          // A run whose job ended (its attempts spent on lost leases) is not running any more.
          const auto job = ENSEMBLE_TRY(tx.Jobs().FindJob(other.job_id));
          if (job && (job->state == storage::JobState::kQueued ||
                      job->state == storage::JobState::kRunning)) {
            return Refused(ErrorCode::kConflict, "staffing.plan.running");
          }
        }
        PlanRun run;
        run.position_id = id;
        run.carrier = loaded.position.carrier;
        run.first = first;
        run.last = last;
        run.plan_from = plan_from;
        run.requested_by = actor.person_id;
        run.requested_at = app_.clock().Now();
        run.id = ENSEMBLE_TRY(tx.Staffing().InsertPlanRun(run));
        storage::NewJob job;
        job.kind = std::string(kPlanJobKind);
        job.payload = "{\"plan_id\":" + std::to_string(run.id) + "}";
        job.owner_structure_id = run.carrier;
        job.max_attempts = 2;
        run.job_id = ENSEMBLE_TRY(tx.Jobs().EnqueueJob(job, run.requested_at));
        ENSEMBLE_TRY_STATUS(tx.Staffing().SetPlanJob(run.id, run.job_id));
        ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, run.carrier, "create", "plan",
                                       std::to_string(run.id),
                                       {.params = {{"position", std::to_string(id)},
                                                   {"first", staffing::IsoDate(first)},
                                                   {"last", staffing::IsoDate(last)}}}));
        return PlanRunView{std::move(run), 0, 0};
      });
}

Result<PlanRunView> StaffingUseCases::GetPlanRun(const Actor& actor, staffing::PlanId id) {
  return Decided(TransactionMode::kRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<PlanRunView> {
                   auto run = ENSEMBLE_TRY(tx.Staffing().FindPlanRun(id));
                   // A missing run answers as its position would when hidden: a run's id tells
                   // no more than its position's.
                   ENSEMBLE_TRY(Checked(tx, gate, run ? run->position_id : 0, Action::kManagePlan));
                   PlanRunView view{std::move(*run), 0, 0};
                   if (const auto job = ENSEMBLE_TRY(tx.Jobs().FindJob(view.run.job_id))) {
                     view.progress_done = job->progress_done;
                     view.progress_total = job->progress_total;
                   }
                   return view;
                 });
}

Result<PlanView> StaffingUseCases::PositionPlan(const Actor& actor, staffing::PositionId id,
                                                staffing::Date from, staffing::Date to) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<PlanView> {
        const Loaded loaded = ENSEMBLE_TRY(Checked(tx, gate, id, Action::kReadPlan));
        ENSEMBLE_TRY_STATUS(staffing::CheckPlanPeriod(from, to, from));
        PlanView view;
        view.position_id = id;
        const auto stored = ENSEMBLE_TRY(tx.Staffing().PlannedHalfDays(id, from, to));
        view.half_days = staffing::VisiblePlan(stored, loaded.position, *actor.acting_structure_id);
        const access::Target target = TargetOf(loaded);
        view.actions = staffing::AllowedActions(actor, {Action::kManagePlan}, target);
        if (!view.actions.empty()) view.runs = ENSEMBLE_TRY(tx.Staffing().PlanRunsOf(id));
        ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, loaded.position.carrier, "read", "plan",
                                       std::to_string(id) + ":" + staffing::IsoDate(from)));
        return view;
      });
}

Result<std::vector<StoredHalfDay>> StaffingUseCases::MyPlan(const Actor& actor, staffing::Date from,
                                                            staffing::Date to) {
  return app_.DecidedIn(
      TransactionMode::kRead, storage::Scope::OwnPlatformLines(actor.person_id), actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<StoredHalfDay>> {
        access::Target self;
        self.person = actor.person_id;
        ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadOwnPositions), self,
                                       std::to_string(actor.person_id)));
        ENSEMBLE_TRY_STATUS(staffing::CheckPlanPeriod(from, to, from));
        std::vector<StoredHalfDay> all;
        for (const staffing::Position& position :
             ENSEMBLE_TRY(tx.Staffing().PositionsOfPerson(actor.person_id))) {
          for (StoredHalfDay& half :
               ENSEMBLE_TRY(tx.Staffing().PlannedHalfDays(position.id, from, to))) {
            all.push_back(std::move(half));
          }
        }
        std::sort(all.begin(), all.end(), [](const StoredHalfDay& a, const StoredHalfDay& b) {
          if (a.day != b.day) return a.day < b.day;
          if (a.half != b.half) return a.half < b.half;
          return a.position_id < b.position_id;
        });
        return all;
      });
}

Status StaffingUseCases::RunPlan(staffing::PlanId id, const PlanRunProgress& progress) {
  storage::Database& db = app_.database();
  const auto whole = storage::Scope::WholeDatabase();
  struct Inputs {
    PlanRun run;
    Loaded loaded;
    staffing::PlanRequest request;
  };
  auto inputs = db.InTransaction(
      TransactionMode::kWrite, whole,
      [&](storage::Transaction& tx) -> Result<std::optional<Inputs>> {
        auto run = ENSEMBLE_TRY(tx.Staffing().FindPlanRun(id));
        if (!run || run->state == PlanState::kDone || run->state == PlanState::kFailed) {
          return std::optional<Inputs>{};
        }
        auto loaded = ENSEMBLE_TRY(Load(tx, run->position_id));
        if (!loaded) return Internal("plan run of a missing position");
        ENSEMBLE_TRY_STATUS(tx.Staffing().MarkPlanSolving(id));
        auto request = ENSEMBLE_TRY(RequestOf(tx, *loaded, *run));
        return std::optional<Inputs>{
            Inputs{std::move(*run), std::move(*loaded), std::move(request)}};
      });
  if (!inputs) return std::unexpected(inputs.error());
  if (!*inputs) return Ok();
  Inputs& in = **inputs;
  const auto fail = [&](const Error& error) -> Status {
    return db.InTransaction(TransactionMode::kWrite, whole, [&](storage::Transaction& tx) {
      return tx.Staffing().FailPlanRun(id, error.message.id, app_.clock().Now());
    });
  };
  PlanLimits limits;
  limits.per_test = std::chrono::milliseconds{2000};
  limits.per_month = std::chrono::milliseconds{2000};
  const auto half_days = Solve(in.run, in.request, limits, progress);
  if (!half_days) {
    // A lost lease stops the solve: the job is claimed again and the run taken up anew.
    if (half_days.error().code == ErrorCode::kConflict) return std::unexpected(half_days.error());
    return fail(half_days.error());
  }
  return db.InTransaction(TransactionMode::kWrite, whole, [&](storage::Transaction& tx) {
    return tx.Staffing().CompletePlanRun(in.run, in.loaded.position, *half_days,
                                         app_.clock().Now());
  });
}

}  // namespace ensemble::app
