#include "app/staffing/agreement_document.h"

#include <array>

#include "documents/pdf_writer.h"

namespace ensemble::app {
namespace {

using documents::Cell;
using documents::Heading;
using documents::KeyValueList;
using documents::Paragraph;
using staffing::Agreement;
using staffing::Position;

std::string NameOf(const std::map<staffing::StructureId, tenancy::Structure>& parties,
                   staffing::StructureId id) {
  const auto found = parties.find(id);
  return found == parties.end() ? std::to_string(id) : found->second.name;
}

std::string CardOf(const tenancy::Structure& structure) {
  std::string card = structure.name;
  if (!structure.address.empty()) card += ", " + structure.address;
  if (structure.siret) card += " (SIRET " + *structure.siret + ")";
  return card;
}

std::string FrenchDate(staffing::Date date) {
  static constexpr std::array<const char*, 12> kMonths = {
      "janvier", "février", "mars",      "avril",   "mai",      "juin",
      "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  const unsigned day = static_cast<unsigned>(date.day());
  return (day == 1 ? std::string("1er") : std::to_string(day)) + " " +
         kMonths[static_cast<unsigned>(date.month()) - 1] + " " +
         std::to_string(static_cast<int>(date.year()));
}

std::string Hours(int minutes) {
  const int hours = minutes / 60;
  const int rest = minutes % 60;
  return std::to_string(hours) + " h" +
         (rest == 0 ? "" : (rest < 10 ? " 0" : " ") + std::to_string(rest));
}

documents::Table SharesTable(const Position& position, const Agreement& agreement,
                             const std::map<staffing::StructureId, tenancy::Structure>& parties) {
  documents::Table table;
  table.caption = "Répartition convenue du temps de travail";
  table.columns = {{"Structure", documents::ColumnKind::kText},
                   {"Part convenue", documents::ColumnKind::kPercent},
                   {"Soit, par semaine", documents::ColumnKind::kText}};
  for (const staffing::AgreementShare& share : agreement.shares) {
    const int minutes = static_cast<int>(static_cast<std::int64_t>(position.WeeklyMinutes()) *
                                         share.share_bp / staffing::kWholeShare);
    table.rows.push_back({Cell::Text(NameOf(parties, share.structure)),
                          Cell::Percent(share.share_bp), Cell::Text("environ " + Hours(minutes))});
  }
  table.totals = documents::Row{Cell::Text("Total"), Cell::Percent(staffing::kWholeShare),
                                Cell::Text(Hours(position.WeeklyMinutes()))};
  return table;
}

documents::Table SignatureTable(
    const Agreement& agreement,
    const std::map<staffing::StructureId, tenancy::Structure>& parties) {
  documents::Table table;
  table.caption = "Signatures";
  table.columns = {{"Pour la structure", documents::ColumnKind::kText},
                   {"Nom et qualité du signataire", documents::ColumnKind::kText},
                   {"Date", documents::ColumnKind::kText},
                   {"Signature", documents::ColumnKind::kText}};
  for (const staffing::AgreementShare& share : agreement.shares) {
    table.rows.push_back({Cell::Text(NameOf(parties, share.structure)), Cell::Empty(),
                          Cell::Empty(), Cell::Empty()});
  }
  return table;
}

std::string BillingText(const Agreement& agreement) {
  const std::string period =
      agreement.billing == staffing::BillingPeriod::kMonthly ? "chaque mois" : "chaque trimestre";
  const std::string travel =
      agreement.travel == staffing::TravelPaidBy::kVisitedStructure
          ? "Les frais de déplacement entre les sites sont facturés à la structure visitée, au "
            "barème kilométrique convenu et sur la distance entre les sites."
          : "Les frais de déplacement entre les sites restent à la charge de la structure "
            "prêteuse.";
  return "La structure prêteuse facture " + period +
         " à chaque structure utilisatrice la part du coût réel du poste qui la concerne : le "
         "salaire brut versé, les cotisations sociales patronales afférentes et les frais "
         "professionnels remboursés au salarié, au prorata des heures effectuées pour elle, les "
         "absences (congés, maladie, formation) étant réparties selon les parts convenues. Sont "
         "déduites au même prorata les aides reçues pour le poste (aides à l’emploi, FONJEP, "
         "financement fédéral des postes de transition numérique) et les indemnités journalières "
         "perçues. Chaque relevé détaille ces éléments ; les montants sont arrondis au centime "
         "selon la méthode du plus fort reste, de sorte que leur total égale le coût réel. " +
         travel;
}

}  // namespace

documents::Document AgreementDocument(
    const Position& position, const Agreement& agreement,
    const std::map<staffing::StructureId, tenancy::Structure>& parties) {
  documents::Document doc;
  doc.title = "Convention de mise à disposition de personnel à but non lucratif";
  doc.subtitle = position.title + " — convention n° " + std::to_string(agreement.id);
  doc.author = NameOf(parties, agreement.carrier);
  doc.created = staffing::IsoDate(agreement.drafted_on);
  doc.language = documents::Language::kFrench;

  KeyValueList who;
  const auto carrier = parties.find(agreement.carrier);
  who.items.push_back({"Structure prêteuse, employeur", carrier == parties.end()
                                                            ? NameOf(parties, agreement.carrier)
                                                            : CardOf(carrier->second)});
  for (const staffing::AgreementShare& share : agreement.shares) {
    if (share.structure == agreement.carrier) continue;
    const auto party = parties.find(share.structure);
    who.items.push_back({"Structure utilisatrice", party == parties.end()
                                                       ? NameOf(parties, share.structure)
                                                       : CardOf(party->second)});
  }
  doc.blocks.push_back(Heading{1, "Entre les parties"});
  doc.blocks.push_back(who);

  doc.blocks.push_back(Heading{2, "Article 1 — Objet"});
  doc.blocks.push_back(Paragraph{
      "La structure prêteuse met le salarié désigné ci-dessous à la disposition des structures "
      "utilisatrices, dans le cadre d’un prêt de main-d’œuvre à but non lucratif (articles "
      "L8241-1 et L8241-2 du Code du travail). Le salarié reste lié à la structure prêteuse par "
      "son contrat de travail, qui n’est ni rompu ni suspendu ; un avenant à ce contrat, qu’il "
      "signe, précise le travail confié et les lieux où il s’exécute."});

  doc.blocks.push_back(Heading{2, "Article 2 — Salarié mis à disposition"});
  doc.blocks.push_back(KeyValueList{{
      {"Nom", position.person_name},
      {"Poste", position.title},
      {"Qualification", position.qualification.empty() ? "—" : position.qualification},
      {"Durée contractuelle", Hours(position.WeeklyMinutes()) + " par semaine"},
  }});

  doc.blocks.push_back(Heading{2, "Article 3 — Missions"});
  doc.blocks.push_back(Paragraph{position.tasks.empty() ? "—" : position.tasks});

  doc.blocks.push_back(Heading{2, "Article 4 — Durée"});
  doc.blocks.push_back(Paragraph{"La présente convention prend effet le " +
                                 FrenchDate(agreement.starts_on) + " et prend fin le " +
                                 FrenchDate(agreement.ends_on) + " inclus."});

  doc.blocks.push_back(Heading{2, "Article 5 — Répartition du temps de travail"});
  doc.blocks.push_back(SharesTable(position, agreement, parties));

  doc.blocks.push_back(Heading{2, "Article 6 — Facturation au coût réel"});
  doc.blocks.push_back(Paragraph{BillingText(agreement)});

  doc.blocks.push_back(Heading{2, "Article 7 — Absence de marge"});
  doc.blocks.push_back(Paragraph{
      "La mise à disposition ne poursuit aucun but lucratif : la structure prêteuse ne facture "
      "que les salaires versés au salarié, les charges sociales afférentes et les frais "
      "professionnels remboursés au titre de la mise à disposition, à l’exclusion de toute marge, "
      "commission ou frais de gestion (article L8241-1 du Code du travail)."});

  doc.blocks.push_back(Heading{2, "Article 8 — Conditions de travail"});
  doc.blocks.push_back(Paragraph{
      "Pendant le temps passé dans chaque structure utilisatrice, celle-ci est responsable des "
      "conditions d’exécution du travail (durée du travail, repos, santé et sécurité). La "
      "structure prêteuse reste l’employeur : elle verse le salaire et exerce le pouvoir "
      "disciplinaire. Le planning du salarié respecte la répartition de l’article 5 et les "
      "durées maximales du travail."});

  doc.blocks.push_back(Heading{1, "Signatures"});
  doc.blocks.push_back(Paragraph{"Fait en " + std::to_string(agreement.shares.size()) +
                                 " exemplaires originaux, un pour chaque partie."});
  doc.blocks.push_back(SignatureTable(agreement, parties));
  return doc;
}

Result<AgreementPdf> RenderAgreementPdf(
    const Position& position, const Agreement& agreement,
    const std::map<staffing::StructureId, tenancy::Structure>& parties) {
  AgreementPdf pdf;
  pdf.bytes = ENSEMBLE_TRY(documents::WritePdf(AgreementDocument(position, agreement, parties)));
  pdf.sha256 = Sha256Hex(pdf.bytes);
  return pdf;
}

}  // namespace ensemble::app
