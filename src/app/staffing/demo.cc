// The staffing part of the demo network: the two cases of the founding article. Karim Haddad,
// Alma's digital-transition officer, lent to Fresnoy Mackellerie and Basse Masure (40/30/30)
// under an agreement in force for 2026, signed by the three directors, and its 2027 renewal
// still a draft; Sophie Lambert, the HR manager with one contract at Alma and one at the
// Association Iciela, nobody re-invoiced. The signatures record the SHA-256 of the agreement's
// document as the server renders it (agreement_document.h).
#include "app/demo.h"

#include "app/staffing/agreement_document.h"
#include "domain/staffing/validation.h"

namespace ensemble::app {
namespace {

using namespace std::chrono;
using staffing::Agreement;
using staffing::Position;

Result<Position> Checked(storage::Transaction& tx, Position position, UnixMillis now) {
  position = ENSEMBLE_TRY(staffing::CheckPosition(std::move(position)));
  position.id = ENSEMBLE_TRY(tx.Staffing().InsertPosition(position, now));
  return position;
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
  return Ok();
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
  ENSEMBLE_TRY(Checked(tx, std::move(hr), demo.now));
  return Ok();
}

}  // namespace

Status LoadStaffingDemo(storage::Transaction& tx, DemoNetwork& demo) {
  ENSEMBLE_TRY_STATUS(LendTheOfficer(tx, demo));
  ENSEMBLE_TRY_STATUS(ShareTheHrManager(tx, demo));
  return Ok();
}

}  // namespace ensemble::app
