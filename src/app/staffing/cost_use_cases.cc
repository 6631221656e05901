// Costs and statements: the carrier enters the salary, the payroll and its rates; each month it
// issues a statement to each structure it lends the person to; a correction bills the difference.
#include <algorithm>

#include "app/staffing/loading.h"
#include "app/staffing/staffing_use_cases.h"
#include "app/staffing/statement_document.h"

namespace ensemble::app {
namespace {

using namespace staffing_detail;
using staffing::Action;
using staffing::Agreement;
using staffing::Date;
using staffing::Statement;
using std::chrono::year_month;
using storage::TransactionMode;

year_month MonthOf(Date day) { return day.year() / day.month(); }

// The agreement that governs part of `month`, if exactly one does; a conflict when two do (each
// would bill the whole month's cost).
Result<const Agreement*> GoverningAgreement(std::span<const Agreement> agreements,
                                            year_month month) {
  const Agreement* found = nullptr;
  for (const Agreement& agreement : agreements) {
    if (agreement.StateOn(LastDay(month)) == staffing::AgreementState::kDraft) continue;
    if (!staffing::GovernsPartOf(agreement, month)) continue;
    if (found != nullptr) return ConflictOnMonth("staffing.statement.two_agreements", month);
    found = &agreement;
  }
  return found;
}

access::Target MissingStatement() {
  access::Target missing;
  missing.exists = false;
  return missing;
}

// A lent position whose money the acting person may enter: hidden from outsiders, refused to the
// other parties, and a multi-employer post is nobody's to re-invoice.
Result<Loaded> LentPositionForCosts(storage::Transaction& tx, Gate& gate, staffing::PositionId id) {
  auto loaded = ENSEMBLE_TRY(Load(tx, id));
  const std::string record = std::to_string(id);
  ENSEMBLE_TRY_STATUS(
      gate.Check(staffing::SpecOf(Action::kReadPosition), TargetOf(loaded), record));
  ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kManageCosts), TargetOf(loaded), record));
  if (loaded->position.kind != staffing::PositionKind::kLending) {
    return Conflict("staffing.cost.not_lending");
  }
  return std::move(*loaded);
}

}  // namespace

Result<CostView> StaffingUseCases::CostViewIn(storage::Transaction& tx,
                                              const staffing::Position& position,
                                              std::span<const Agreement> agreements,
                                              year_month month) {
  auto store = tx.Staffing();
  CostView view;
  view.position = position;
  view.month = month;
  view.salary_history = ENSEMBLE_TRY(store.SalaryHistory(position.id));
  view.payroll = ENSEMBLE_TRY(store.PayrollOf(position.id, month));
  const auto rates = ENSEMBLE_TRY(store.CarrierRatesOf(position.carrier));
  auto cost = staffing::CostOfMonth(month, view.payroll ? &*view.payroll : nullptr,
                                    view.salary_history, rates);
  if (cost) {
    view.cost = std::move(*cost);
  } else {
    view.cost_problem = AsConflict(cost.error());
  }
  const auto governing = GoverningAgreement(agreements, month);
  if (!governing) {
    view.allocation_problem = governing.error();
  } else if (*governing == nullptr) {
    view.allocation_problem =
        ConflictOnMonth("staffing.statement.outside_agreement", month).error();
  } else if (view.cost) {
    auto prepared = PrepareMonth(tx, position, **governing, month);
    if (prepared) {
      view.allocation = std::move(prepared->allocation);
      view.unrecorded_days = static_cast<int>(prepared->unrecorded.size());
    } else {
      view.allocation_problem = prepared.error();
    }
    view.statements = ENSEMBLE_TRY(store.StatementsOfMonth((*governing)->id, month));
  }
  return view;
}

Result<CostView> StaffingUseCases::PositionCosts(const Actor& actor, staffing::PositionId id,
                                                 year_month month) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<CostView> {
        const auto loaded = ENSEMBLE_TRY(Load(tx, id));
        const std::string record = std::to_string(id);
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kReadPosition), TargetOf(loaded), record));
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kManageCosts), TargetOf(loaded), record));
        auto view = ENSEMBLE_TRY(CostViewIn(tx, loaded->position, loaded->agreements, month));
        // The salary is personal data: its every read is written down.
        ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, loaded->position.carrier, "read", "position_cost",
                                       record + ":" + staffing::IsoMonth(month)));
        return view;
      });
}

Result<CostView> StaffingUseCases::PutSalaryChange(const Actor& actor, staffing::PositionId id,
                                                   staffing::SalaryChange change) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<CostView> {
        const std::string record = std::to_string(id);
        const auto loaded = ENSEMBLE_TRY(LentPositionForCosts(tx, gate, id));
        ENSEMBLE_TRY_STATUS(staffing::CheckSalaryChange(change));
        const auto issued = ENSEMBLE_TRY(tx.Staffing().LastIssuedMonthOfPosition(id));
        if (issued && MonthOf(change.effective_from) <= *issued) {
          return ConflictOnMonth("staffing.cost.month_issued", *issued);
        }
        ENSEMBLE_TRY_STATUS(tx.Staffing().PutSalaryChange(loaded.position, change, actor.person_id,
                                                          app_.clock().Now()));
        ENSEMBLE_TRY_STATUS(
            app_.Audit(tx, actor, loaded.position.carrier, "update", "salary",
                       record + ":" + staffing::IsoDate(change.effective_from),
                       {.params = {{"monthly_gross_cents", change.monthly_gross_salary}}}));
        return CostViewIn(tx, loaded.position, loaded.agreements, MonthOf(change.effective_from));
      });
}

Result<CostView> StaffingUseCases::PutPayroll(const Actor& actor, staffing::PositionId id,
                                              staffing::PayrollMonth payroll) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<CostView> {
        const std::string record = std::to_string(id);
        const auto loaded = ENSEMBLE_TRY(LentPositionForCosts(tx, gate, id));
        payroll.position_id = id;
        ENSEMBLE_TRY_STATUS(staffing::CheckPayroll(payroll));
        if (MonthOf(Today()) < payroll.month) {
          return Fail(ErrorCode::kInvalidArgument, "staffing.cost.future_month", "month");
        }
        ENSEMBLE_TRY_STATUS(tx.Staffing().PutPayroll(loaded.position, payroll, actor.person_id,
                                                     app_.clock().Now()));
        ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, loaded.position.carrier, "update", "payroll",
                                       record + ":" + staffing::IsoMonth(payroll.month),
                                       {.params = {{"gross_salary_cents", payroll.gross_salary}}}));
        return CostViewIn(tx, loaded.position, loaded.agreements, payroll.month);
      });
}

Result<CarrierSettings> StaffingUseCases::SettingsIn(storage::Transaction& tx,
                                                     StructureId carrier) {
  auto store = tx.Staffing();
  CarrierSettings settings;
  settings.rates = ENSEMBLE_TRY(store.CarrierRatesOf(carrier));
  settings.vat = ENSEMBLE_TRY(store.VatSettingOf(carrier));
  settings.distances = ENSEMBLE_TRY(store.SiteDistancesOf(carrier));
  const StructureId self[] = {carrier};
  for (const staffing::SiteHours& hours : ENSEMBLE_TRY(store.OpeningHoursOf(self))) {
    settings.opening = hours.open;
  }
  return settings;
}

Result<CarrierSettings> StaffingUseCases::GetCarrierSettings(const Actor& actor) {
  return Decided(TransactionMode::kRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<CarrierSettings> {
                   ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kManageCarrierSettings),
                                                  OwnStructure(actor), {}));
                   return SettingsIn(tx, *actor.acting_structure_id);
                 });
}

Result<CarrierSettings> StaffingUseCases::PutCarrierRates(const Actor& actor,
                                                          staffing::CarrierRates rates) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<CarrierSettings> {
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kManageCarrierSettings), OwnStructure(actor), {}));
        ENSEMBLE_TRY_STATUS(staffing::CheckCarrierRates(rates));
        const StructureId carrier = *actor.acting_structure_id;
        const auto issued = ENSEMBLE_TRY(tx.Staffing().LastIssuedMonthOfCarrier(carrier));
        if (issued && MonthOf(rates.effective_from) <= *issued) {
          return ConflictOnMonth("staffing.cost.month_issued", *issued);
        }
        ENSEMBLE_TRY_STATUS(
            tx.Staffing().PutCarrierRates(carrier, rates, actor.person_id, app_.clock().Now()));
        ENSEMBLE_TRY_STATUS(app_.Audit(
            tx, actor, carrier, "update", "carrier_rates", staffing::IsoDate(rates.effective_from),
            {.params = {{"employer_contribution_bp",
                         static_cast<std::int64_t>(rates.employer_contribution_bp)},
                        {"km_rate_millieuros", rates.km_rate_millieuros}}}));
        return SettingsIn(tx, carrier);
      });
}

Result<CarrierSettings> StaffingUseCases::PutVatSetting(const Actor& actor,
                                                        staffing::VatSetting vat) {
  return Decided(TransactionMode::kWrite, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<CarrierSettings> {
                   ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kManageCarrierSettings),
                                                  OwnStructure(actor), {}));
                   ENSEMBLE_TRY_STATUS(staffing::CheckVatSetting(vat));
                   const StructureId carrier = *actor.acting_structure_id;
                   ENSEMBLE_TRY_STATUS(tx.Staffing().PutVatSetting(carrier, vat, actor.person_id,
                                                                   app_.clock().Now()));
                   ENSEMBLE_TRY_STATUS(app_.Audit(
                       tx, actor, carrier, "update", "vat_setting", std::to_string(carrier),
                       {.params = {{"treatment", std::string(staffing::ToString(vat.treatment))},
                                   {"rate_bp", static_cast<std::int64_t>(vat.rate_bp)}}}));
                   return SettingsIn(tx, carrier);
                 });
}

Result<CarrierSettings> StaffingUseCases::PutSiteDistance(const Actor& actor,
                                                          staffing::SiteDistance distance) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<CarrierSettings> {
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kManageCarrierSettings), OwnStructure(actor), {}));
        if (distance.a == distance.b) {
          return Fail(ErrorCode::kInvalidArgument, "staffing.cost.same_site", "site_b");
        }
        if (distance.metres < 1 || distance.metres > 1'000'000) {
          return Fail(ErrorCode::kInvalidArgument, "staffing.cost.distance_out_of_range", "metres");
        }
        for (const auto& [site, field] :
             {std::pair{distance.a, "site_a"}, {distance.b, "site_b"}}) {
          if (!ENSEMBLE_TRY(tx.Tenancy().FindStructure(site))) {
            return Fail(ErrorCode::kNotFound, "tenancy.structure.not_found", field);
          }
        }
        const StructureId carrier = *actor.acting_structure_id;
        ENSEMBLE_TRY_STATUS(tx.Staffing().PutSiteDistance(carrier, distance));
        ENSEMBLE_TRY_STATUS(
            app_.Audit(tx, actor, carrier, "update", "site_distance",
                       std::to_string(std::min(distance.a, distance.b)) + "-" +
                           std::to_string(std::max(distance.a, distance.b)),
                       {.params = {{"metres", static_cast<std::int64_t>(distance.metres)}}}));
        return SettingsIn(tx, carrier);
      });
}

Result<StatementView> StaffingUseCases::ViewOf(storage::Transaction& tx, const Actor& actor,
                                               Statement statement) {
  StatementView view;
  const auto name_of = [&](StructureId id) -> Result<std::string> {
    const auto structure = ENSEMBLE_TRY(tx.Tenancy().FindStructure(id));
    return structure ? structure->name : std::to_string(id);
  };
  view.carrier_name = ENSEMBLE_TRY(name_of(statement.carrier));
  view.billed_name = ENSEMBLE_TRY(name_of(statement.billed));
  if (const auto position = ENSEMBLE_TRY(tx.Staffing().FindPosition(statement.position_id))) {
    view.person_name = position->person_name;
    view.position_title = position->title;
  }
  access::Target carrier;
  carrier.owner = statement.carrier;
  carrier.parties = {statement.carrier};
  if (!staffing::AllowedActions(actor, {Action::kManageCosts}, carrier).empty()) {
    view.actions.push_back("correct");
  }
  view.statement = std::move(statement);
  return view;
}

Result<std::vector<StatementView>> StaffingUseCases::IssueStatements(const Actor& actor,
                                                                     staffing::AgreementId id,
                                                                     year_month month) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<StatementView>> {
        const auto stored = ENSEMBLE_TRY(tx.Staffing().FindAgreement(id));
        auto loaded = stored ? ENSEMBLE_TRY(Load(tx, stored->position_id)) : std::nullopt;
        const std::string record = std::to_string(id);
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kReadPosition), TargetOf(loaded), record));
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kManageCosts), TargetOf(loaded), record));
        const Agreement* agreement = ENSEMBLE_TRY(AgreementIn(*loaded, id));
        if (!staffing::GovernsPartOf(*agreement, month)) {
          return ConflictOnMonth("staffing.statement.outside_agreement", month);
        }
        const Agreement* governing = ENSEMBLE_TRY(GoverningAgreement(loaded->agreements, month));
        if (governing != nullptr && governing->id != agreement->id) {
          return ConflictOnMonth("staffing.statement.two_agreements", month);
        }
        const auto existing = ENSEMBLE_TRY(tx.Staffing().StatementsOfMonth(id, month));
        if (!existing.empty()) {
          return Fail(ErrorCode::kConflict, Message{"staffing.statement.already_issued",
                                                    {{"number", existing.front().number}}});
        }
        const auto vat = ENSEMBLE_TRY(tx.Staffing().VatSettingOf(agreement->carrier));
        if (!vat) return Conflict("staffing.statement.vat_unset");
        const auto prepared = ENSEMBLE_TRY(PrepareMonth(tx, loaded->position, *agreement, month));
        ENSEMBLE_TRY_STATUS(CheckBillable(*agreement, month, Today(), prepared));
        std::vector<StatementView> issued;
        for (const staffing::AgreementShare& share : agreement->shares) {
          if (share.structure == agreement->carrier) continue;
          Statement draft = ENSEMBLE_TRY(
              staffing::DraftStatement(prepared.allocation, *agreement, share.structure, *vat, 0));
          draft.issued_on = Today();
          draft.issued_by = actor.person_id;
          Statement statement = ENSEMBLE_TRY(tx.Staffing().IssueStatement(std::move(draft)));
          ENSEMBLE_TRY_STATUS(app_.Audit(
              tx, actor, agreement->carrier, "create", "statement", std::to_string(statement.id),
              {.params = {{"number", statement.number}, {"total_cents", statement.total}}}));
          issued.push_back(ENSEMBLE_TRY(ViewOf(tx, actor, std::move(statement))));
        }
        return issued;
      });
}

Result<StatementView> StaffingUseCases::CorrectStatement(const Actor& actor,
                                                         staffing::StatementId id) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<StatementView> {
        const auto original = ENSEMBLE_TRY(tx.Staffing().FindStatement(id));
        const std::string record = std::to_string(id);
        access::Target target = original
                                    ? staffing::StatementTarget(original->carrier, original->billed)
                                    : MissingStatement();
        ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadStatement), target, record));
        auto loaded = ENSEMBLE_TRY(Load(tx, original->position_id));
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kManageCosts), TargetOf(loaded), record));
        for (const Statement& other : ENSEMBLE_TRY(
                 tx.Staffing().StatementsOfMonth(original->agreement_id, original->month))) {
          if (other.corrects == id) {
            return Fail(ErrorCode::kConflict, Message{"staffing.statement.already_corrected",
                                                      {{"number", other.number}}});
          }
        }
        const Agreement* agreement = ENSEMBLE_TRY(AgreementIn(*loaded, original->agreement_id));
        const auto vat = ENSEMBLE_TRY(tx.Staffing().VatSettingOf(agreement->carrier));
        if (!vat) return Conflict("staffing.statement.vat_unset");
        const auto prepared =
            ENSEMBLE_TRY(PrepareMonth(tx, loaded->position, *agreement, original->month));
        ENSEMBLE_TRY_STATUS(CheckBillable(*agreement, original->month, Today(), prepared));
        const staffing::Cents billed = ENSEMBLE_TRY(BilledByChain(tx, *original));
        Statement draft = ENSEMBLE_TRY(staffing::DraftStatement(prepared.allocation, *agreement,
                                                                original->billed, *vat, billed));
        if (draft.amount == 0) return Conflict("staffing.statement.nothing_to_correct");
        draft.issued_on = Today();
        draft.issued_by = actor.person_id;
        draft.corrects = id;
        draft.corrects_number = original->number;
        Statement statement = ENSEMBLE_TRY(tx.Staffing().IssueStatement(std::move(draft)));
        ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, agreement->carrier, "create", "statement",
                                       std::to_string(statement.id),
                                       {.params = {{"number", statement.number},
                                                   {"corrects", original->number},
                                                   {"total_cents", statement.total}}}));
        return ViewOf(tx, actor, std::move(statement));
      });
}

Result<std::vector<StatementView>> StaffingUseCases::ListStatements(
    const Actor& actor, std::optional<year_month> month) {
  return Decided(TransactionMode::kAuditedRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<StatementView>> {
                   ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kListStatements),
                                                  OwnStructure(actor), {}));
                   const StructureId structure = *actor.acting_structure_id;
                   std::vector<StatementView> views;
                   for (Statement& statement :
                        ENSEMBLE_TRY(tx.Staffing().StatementsOfStructure(structure, month))) {
                     views.push_back(ENSEMBLE_TRY(ViewOf(tx, actor, std::move(statement))));
                   }
                   return views;
                 });
}

Result<StatementView> StaffingUseCases::GetStatement(const Actor& actor, staffing::StatementId id) {
  return Decided(TransactionMode::kAuditedRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<StatementView> {
                   auto statement = ENSEMBLE_TRY(tx.Staffing().FindStatement(id));
                   access::Target target =
                       statement ? staffing::StatementTarget(statement->carrier, statement->billed)
                                 : MissingStatement();
                   ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadStatement), target,
                                                  std::to_string(id)));
                   ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, *actor.acting_structure_id, "read",
                                                  "statement", std::to_string(id)));
                   return ViewOf(tx, actor, std::move(*statement));
                 });
}

Result<StatementFile> StaffingUseCases::StatementDocumentFile(const Actor& actor,
                                                              staffing::StatementId id, bool xlsx,
                                                              documents::Language language) {
  return Decided(
      TransactionMode::kAuditedRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<StatementFile> {
        const auto statement = ENSEMBLE_TRY(tx.Staffing().FindStatement(id));
        access::Target target =
            statement ? staffing::StatementTarget(statement->carrier, statement->billed)
                      : MissingStatement();
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kReadStatement), target, std::to_string(id)));
        StatementParties parties;
        if (auto carrier = ENSEMBLE_TRY(tx.Tenancy().FindStructure(statement->carrier))) {
          parties.carrier = std::move(*carrier);
        }
        if (auto billed = ENSEMBLE_TRY(tx.Tenancy().FindStructure(statement->billed))) {
          parties.billed = std::move(*billed);
        }
        if (const auto position =
                ENSEMBLE_TRY(tx.Staffing().FindPosition(statement->position_id))) {
          parties.person_name = position->person_name;
          parties.position_title = position->title;
        }
        StatementFile file;
        file.number = statement->number;
        file.bytes = xlsx ? ENSEMBLE_TRY(RenderStatementXlsx(*statement, parties, language))
                          : ENSEMBLE_TRY(RenderStatementPdf(*statement, parties, language));
        ENSEMBLE_TRY_STATUS(app_.Audit(
            tx, actor, *actor.acting_structure_id, "export", "statement", std::to_string(id),
            {.params = {{"format", std::string(xlsx ? "xlsx" : "pdf")}}}));
        return file;
      });
}

}  // namespace ensemble::app
