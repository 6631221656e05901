// The staffing part of the demo network: the two cases of the founding article. Karim Haddad,
// Alma's digital-transition officer, lent to Fresnoy Mackellerie and Basse Masure (40/30/30)
// under an agreement in force for 2026, signed by the three directors, and its 2027 renewal
// still a draft; Sophie Lambert, the HR manager with one contract at Alma and one at the
// Association Iciela, nobody re-invoiced. The signatures record the SHA-256 of the agreement's
// document as the server renders it (agreement_document.h).
#include "app/demo.h"

#include "app/staffing/agreement_document.h"
#include "app/staffing/loading.h"
#include "domain/staffing/holidays.h"
#include "domain/staffing/time_records.h"
#include "domain/staffing/validation.h"

namespace ensemble::app {
namespace {

using namespace std::chrono;
using staffing::Agreement;
using staffing::Cents;
using staffing::Position;

Result<Position> Checked(storage::Transaction& tx, Position position, UnixMillis now) {
  position = ENSEMBLE_TRY(staffing::CheckPosition(std::move(position)));
  position.id = ENSEMBLE_TRY(tx.Staffing().InsertPosition(position, now));
  return position;
}

// One demo day's record: who gets the day's hours, by weekday (Monday first), in minutes.
using WeekPattern = std::array<std::vector<staffing::TimeEntry>, 5>;

// Records the working days of January to August 2026 by `pattern`, with the absences given;
// holidays and weekends are left empty.
Status RecordDays(storage::Transaction& tx, const Position& position, const WeekPattern& pattern,
                  const std::map<staffing::Date, staffing::Absence>& absences, UnixMillis now) {
  for (sys_days day = sys_days{2026y / January / 1}; day <= sys_days{2026y / August / 31};
       day += days{1}) {
    const unsigned weekday = std::chrono::weekday{day}.iso_encoding();
    const staffing::Date date{day};
    if (weekday > 5 ||
        ENSEMBLE_TRY(staffing::IsFrenchHoliday(date, staffing::HolidayZone::kMetropolitan))) {
      continue;
    }
    staffing::DayRecord record{position.id, date, pattern[weekday - 1], std::nullopt};
    if (const auto absent = absences.find(date); absent != absences.end()) {
      record.absence = absent->second;
      if (absent->second.minutes >= staffing::ContractDayMinutes(position)) {
        record.entries.clear();
      } else {
        record.entries.resize(1);
        record.entries[0].minutes -= absent->second.minutes;
      }
    }
    ENSEMBLE_TRY_STATUS(tx.Staffing().ReplaceDay(position, record, now));
  }
  return Ok();
}

// Issues the statements of `month` under `agreement` on `issued_on`, as Alma's director would.
Status IssueMonth(storage::Transaction& tx, const Position& officer, const Agreement& agreement,
                  year_month month, staffing::Date issued_on, PersonId director) {
  const auto prepared = ENSEMBLE_TRY(staffing_detail::PrepareMonth(tx, officer, agreement, month));
  ENSEMBLE_TRY_STATUS(staffing_detail::CheckBillable(agreement, month, issued_on, prepared));
  const auto vat = ENSEMBLE_TRY(tx.Staffing().VatSettingOf(agreement.carrier));
  for (const staffing::AgreementShare& share : agreement.shares) {
    if (share.structure == agreement.carrier) continue;
    auto draft = ENSEMBLE_TRY(
        staffing::DraftStatement(prepared.allocation, agreement, share.structure, *vat, 0));
    draft.issued_on = issued_on;
    draft.issued_by = director;
    ENSEMBLE_TRY(tx.Staffing().IssueStatement(std::move(draft)));
  }
  return Ok();
}

// Corrects the month's statements on `issued_on` (the payroll entered after they were issued).
Status CorrectMonth(storage::Transaction& tx, const Position& officer, const Agreement& agreement,
                    year_month month, staffing::Date issued_on, PersonId director) {
  const auto prepared = ENSEMBLE_TRY(staffing_detail::PrepareMonth(tx, officer, agreement, month));
  const auto vat = ENSEMBLE_TRY(tx.Staffing().VatSettingOf(agreement.carrier));
  for (const staffing::Statement& original :
       ENSEMBLE_TRY(tx.Staffing().StatementsOfMonth(agreement.id, month))) {
    const auto billed = ENSEMBLE_TRY(staffing_detail::BilledByChain(tx, original));
    auto draft = ENSEMBLE_TRY(
        staffing::DraftStatement(prepared.allocation, agreement, original.billed, *vat, billed));
    draft.issued_on = issued_on;
    draft.issued_by = director;
    draft.corrects = original.id;
    draft.corrects_number = original.number;
    ENSEMBLE_TRY(tx.Staffing().IssueStatement(std::move(draft)));
  }
  return Ok();
}

// The officer's money: Alma's rates, VAT treatment and distances; his salary (a raise in July)
// and the subsidies of the post; January billed on the estimate and corrected once its payroll
// was entered; February to July billed on the payroll. August is left for Alma to issue.
Status BillTheOfficer(storage::Transaction& tx, const DemoNetwork& demo, const Position& officer,
                      const Agreement& agreement) {
  const auto& s = demo.structures;
  const StructureId alma = s.at("alma");
  const PersonId claire = demo.people.at("claire.dumont@alma.example.org");
  auto store = tx.Staffing();
  ENSEMBLE_TRY_STATUS(
      store.PutCarrierRates(alma, {2026y / January / 1, 4200, 636}, claire, demo.now));
  ENSEMBLE_TRY_STATUS(
      store.PutVatSetting(alma, {staffing::VatTreatment::kFranchise293B, 0}, claire, demo.now));
  ENSEMBLE_TRY_STATUS(store.PutSiteDistance(alma, {alma, s.at("fresnoy"), 3400}));
  ENSEMBLE_TRY_STATUS(store.PutSiteDistance(alma, {alma, s.at("basse"), 2600}));
  ENSEMBLE_TRY_STATUS(store.PutSiteDistance(alma, {s.at("fresnoy"), s.at("basse"), 4100}));
  const std::vector<staffing::SubsidyLine> subsidies = {
      {"FONJEP", 59700}, {"Fédération : poste de transition numérique", 50000}};
  ENSEMBLE_TRY_STATUS(
      store.PutSalaryChange(officer, {2026y / January / 1, 218000, subsidies}, claire, demo.now));
  ENSEMBLE_TRY_STATUS(
      store.PutSalaryChange(officer, {2026y / July / 1, 224000, subsidies}, claire, demo.now));

  ENSEMBLE_TRY_STATUS(
      IssueMonth(tx, officer, agreement, 2026y / January, 2026y / February / 2, claire));
  // The payroll as Alma's accountant entered it: a bonus in January, the sick-pay refund of
  // March.
  const std::array<std::tuple<unsigned, Cents, Cents, Cents>, 6> payroll = {{
      {1, 226000, 95130, 0},
      {2, 218000, 91560, 0},
      {3, 218000, 91560, 4823},
      {4, 218000, 91560, 0},
      {5, 218000, 91560, 0},
      {6, 218000, 91560, 0},
  }};
  for (const auto& [month, gross, contributions, refunds] : payroll) {
    const year_month ym = 2026y / std::chrono::month{month};
    ENSEMBLE_TRY_STATUS(store.PutPayroll(
        officer, {officer.id, ym, gross, contributions, refunds, subsidies}, claire, demo.now));
  }
  ENSEMBLE_TRY_STATUS(
      CorrectMonth(tx, officer, agreement, 2026y / January, 2026y / March / 2, claire));
  for (unsigned month = 2; month <= 7; ++month) {
    const year_month next = 2026y / std::chrono::month{month + 1};
    ENSEMBLE_TRY_STATUS(IssueMonth(tx, officer, agreement, 2026y / std::chrono::month{month},
                                   next / std::chrono::day{2}, claire));
  }
  return Ok();
}

// September to December 2026 planned by the solver, as the carrier's job would, with short
// limits: the demo loads at every start.
Status PlanTheAutumn(storage::Transaction& tx, const DemoNetwork& demo, staffing::PositionId id,
                     const std::string& requester) {
  staffing::PlanRun run;
  run.position_id = id;
  run.first = 2026y / September / 1;
  run.last = 2026y / December / 31;
  run.plan_from = run.first;
  run.requested_by = demo.people.at(requester);
  PlanLimits limits;
  limits.per_test = std::chrono::milliseconds{200};
  limits.per_month = std::chrono::milliseconds{200};
  ENSEMBLE_TRY(staffing_detail::PlanInTransaction(tx, run, demo.now, limits));
  return Ok();
}

Status LendTheOfficer(storage::Transaction& tx, const DemoNetwork& demo) {
  const auto& s = demo.structures;
  Position officer;
  officer.title = "Chargé de transition numérique";
  officer.kind = staffing::PositionKind::kLending;
  officer.carrier = s.at("alma");
  officer.person_id = demo.people.at("karim.haddad@alma.example.org");
  officer.person_name = "Karim Haddad";
  officer.qualification = "Animateur multimédia, niveau 4";
  officer.tasks =
      "Accompagner les équipes et les habitants dans les usages numériques ; animer les ateliers "
      "de médiation numérique ; conseiller les structures sur leurs outils.";
  officer.employments = {{s.at("alma"), 35 * 60}};
  officer = ENSEMBLE_TRY(Checked(tx, std::move(officer), demo.now));

  Agreement year;
  year.starts_on = 2026y / January / 1;
  year.ends_on = 2026y / December / 31;
  year.drafted_on = 2025y / December / 1;
  year.shares = {{s.at("alma"), 4000}, {s.at("fresnoy"), 3000}, {s.at("basse"), 3000}};
  year = ENSEMBLE_TRY(staffing::CheckAgreementTerms(std::move(year), officer));
  year.id = ENSEMBLE_TRY(tx.Staffing().InsertAgreement(year, demo.now));
  std::map<staffing::StructureId, tenancy::Structure> parties;
  for (const staffing::AgreementShare& share : year.shares) {
    parties.emplace(share.structure, *ENSEMBLE_TRY(tx.Tenancy().FindStructure(share.structure)));
  }
  const std::string digest = ENSEMBLE_TRY(RenderAgreementPdf(officer, year, parties)).sha256;
  const std::array<std::tuple<const char*, const char*, const char*>, 3> signers = {{
      {"alma", "Claire Dumont", "claire.dumont@alma.example.org"},
      {"fresnoy", "Hélène Roussel", "helene.roussel@fresnoy.example.org"},
      {"basse", "Thomas Vandenberghe", "thomas.vandenberghe@bassemasure.example.org"},
  }};
  unsigned day = 8;
  for (const auto& [key, name, email] : signers) {
    const staffing::Signature signature{s.at(key),
                                        name,
                                        "Directrice ou directeur",
                                        2025y / December / std::chrono::day{day++},
                                        digest,
                                        demo.people.at(email)};
    ENSEMBLE_TRY_STATUS(staffing::CheckSignature(year, signature, year.starts_on));
    if (!ENSEMBLE_TRY(tx.Staffing().InsertSignature(year, signature, demo.now))) {
      return Fail(ErrorCode::kInternal, Message{"core.internal"});
    }
    ++year.version;
    year.signatures.push_back(signature);
  }

  // Karim's weeks: Alma 14 h, Fresnoy (on Wednesdays, as it prefers) and Basse Masure 10 h 30
  // each, which is 40/30/30; a sick day in March, a morning of training in April, leave in
  // August.
  const StructureId alma = s.at("alma"), fresnoy = s.at("fresnoy"), basse = s.at("basse");
  const WeekPattern weeks = {{{{alma, 420}},
                              {{basse, 420}},
                              {{fresnoy, 420}},
                              {{alma, 210}, {basse, 210}},
                              {{fresnoy, 210}, {alma, 210}}}};
  std::map<staffing::Date, staffing::Absence> absences = {
      {2026y / March / 10, {staffing::AbsenceKind::kSickness, 420}},
      {2026y / April / 15, {staffing::AbsenceKind::kTraining, 210}}};
  for (unsigned d = 3; d <= 14; ++d) {
    absences[2026y / August / std::chrono::day{d}] = {staffing::AbsenceKind::kLeave, 420};
  }
  ENSEMBLE_TRY_STATUS(RecordDays(tx, officer, weeks, absences, demo.now));
  ENSEMBLE_TRY_STATUS(BillTheOfficer(tx, demo, officer, year));

  Agreement renewal = year;
  renewal.id = 0;
  renewal.signatures.clear();
  renewal.version = 1;
  renewal.starts_on = 2027y / January / 1;
  renewal.ends_on = 2027y / December / 31;
  renewal.drafted_on = 2026y / September / 1;
  renewal.shares = {{s.at("alma"), 5000}, {s.at("fresnoy"), 2500}, {s.at("basse"), 2500}};
  const std::vector<Agreement> existing = {year};
  ENSEMBLE_TRY_STATUS(staffing::CheckNoOverlap(renewal, existing));
  ENSEMBLE_TRY(tx.Staffing().InsertAgreement(renewal, demo.now));
  return PlanTheAutumn(tx, demo, officer.id, "claire.dumont@alma.example.org");
}

Status ShareTheHrManager(storage::Transaction& tx, const DemoNetwork& demo) {
  const auto& s = demo.structures;
  Position hr;
  hr.title = "Responsable des ressources humaines";
  hr.kind = staffing::PositionKind::kMultiEmployer;
  hr.carrier = s.at("alma");
  hr.person_id = demo.people.at("sophie.lambert@rh.example.org");
  hr.person_name = "Sophie Lambert";
  hr.qualification = "Responsable RH";
  hr.tasks = "Paie, contrats et accompagnement des équipes de chaque employeur.";
  hr.employments = {{s.at("alma"), 21 * 60}, {s.at("iciela"), 14 * 60}};
  hr = ENSEMBLE_TRY(Checked(tx, std::move(hr), demo.now));
  // Monday to Wednesday at Alma, Thursday and Friday at Iciela: neither sees the other's days.
  const StructureId alma = s.at("alma"), iciela = s.at("iciela");
  const WeekPattern weeks = {
      {{{alma, 420}}, {{alma, 420}}, {{alma, 420}}, {{iciela, 420}}, {{iciela, 420}}}};
  ENSEMBLE_TRY_STATUS(RecordDays(tx, hr, weeks, {}, demo.now));
  return PlanTheAutumn(tx, demo, hr.id, "claire.dumont@alma.example.org");
}

}  // namespace

Status LoadStaffingDemo(storage::Transaction& tx, DemoNetwork& demo) {
  ENSEMBLE_TRY_STATUS(LendTheOfficer(tx, demo));
  ENSEMBLE_TRY_STATUS(ShareTheHrManager(tx, demo));
  return Ok();
}

}  // namespace ensemble::app
