#include "app/staffing/statement_document.h"

#include <array>
#include <cstdint>

#include "documents/format.h"
#include "documents/pdf_writer.h"
#include "documents/xlsx_writer.h"

namespace ensemble::app {
namespace {

using documents::Cell;
using documents::ColumnKind;
using documents::KeyValueList;
using documents::Language;
using documents::Paragraph;
using documents::Row;
using staffing::Cents;
using staffing::Statement;

// Every label of the statement, in one language.
struct Labels {
  const char* title;
  const char* number_prefix;  // before the statement's number in the subtitle
  std::array<const char*, 12> months;
  const char* carrier;
  const char* billed;
  const char* employee;
  const char* position;
  const char* agreement;
  const char* agreement_prefix;
  const char* month;
  const char* issued_on;
  const char* corrects;
  const char* corrects_prefix;
  const char* cost_caption;
  const char* label_column;
  const char* amount_column;
  const char* gross;
  const char* contributions;
  const char* refunds;
  const char* net_cost;
  const char* subsidies;  // all the subsidy lines together
  const char* source_actual;
  const char* source_estimate;
  const char* key_caption;
  const char* duration_column;
  const char* share_column;
  const char* worked_for_billed;
  const char* absences_of_billed;
  const char* month_worked;
  const char* month_absences;
  const char* agreed_share;
  const char* weight_share;
  const char* no_time;
  const char* part_caption;
  const char* carrier_total_column;
  const char* your_part_column;
  const char* trip_prefix;  // before the trip's date
  const char* travel;
  const char* due;
  const char* amount_caption;
  const char* your_month_part;
  const char* already_billed;
  const char* correction_amount;
  const char* amount_excluding_vat;
  const char* vat;
  const char* total;
  const char* vat_franchise;
  const char* vat_exempt;
  const char* vat_subject_prefix;
  const char* no_margin;
};

constexpr Labels kFrench = {
    .title = "Relevé de mise à disposition de personnel",
    .number_prefix = "n° ",
    .months = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre"},
    .carrier = "Structure prêteuse",
    .billed = "Structure facturée",
    .employee = "Salarié mis à disposition",
    .position = "Poste",
    .agreement = "Convention",
    .agreement_prefix = "n° ",
    .month = "Mois",
    .issued_on = "Émis le",
    .corrects = "Rectification",
    .corrects_prefix = "Rectifie le relevé n° ",
    .cost_caption = "Coût réel du mois pour la structure prêteuse",
    .label_column = "Élément",
    .amount_column = "Montant",
    .gross = "Salaire brut",
    .contributions = "Cotisations patronales",
    .refunds = "Indemnités journalières perçues (subrogation)",
    .net_cost = "Coût réel net",
    .subsidies = "Aides au poste",
    .source_actual = "Le coût est celui de la paie du mois, saisie par la structure prêteuse.",
    .source_estimate =
        "Le coût est une estimation, faite d’après l’historique des salaires et le "
        "taux de cotisations patronales de la structure prêteuse ; la paie du mois "
        "n’a pas été saisie.",
    .key_caption = "Clé de répartition",
    .duration_column = "Durée",
    .share_column = "Part",
    .worked_for_billed = "Temps travaillé pour la structure facturée",
    .absences_of_billed = "Sa part des absences",
    .month_worked = "Temps travaillé du mois, toutes structures",
    .month_absences = "Absences du mois",
    .agreed_share = "Part convenue",
    .weight_share = "Part du mois retenue",
    .no_time =
        "Aucun temps n’a été enregistré pour ce mois : les parts convenues ont été "
        "appliquées.",
    .part_caption = "Votre part",
    .carrier_total_column = "Total de la structure prêteuse",
    .your_part_column = "Votre part",
    .trip_prefix = "Déplacement du ",
    .travel = "Frais de déplacement",
    .due = "Total de votre part",
    .amount_caption = "Montant facturé",
    .your_month_part = "Votre part du mois",
    .already_billed = "Déjà facturé",
    .correction_amount = "Montant de la rectification",
    .amount_excluding_vat = "Montant hors TVA",
    .vat = "TVA",
    .total = "Total à payer",
    .vat_franchise = "TVA non applicable, article 293 B du Code général des impôts",
    .vat_exempt = "Exonération de TVA, article 261 B du Code général des impôts",
    .vat_subject_prefix = "TVA au taux de ",
    .no_margin =
        "Refacturation au coût réel, sans marge ni frais de gestion (article L8241-1 du "
        "Code du travail). Les montants sont arrondis au centime par la méthode du plus "
        "fort reste : la somme des parts de toutes les structures égale le coût réel.",
};

constexpr Labels kEnglish = {
    .title = "Staff-lending statement",
    .number_prefix = "No. ",
    .months = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"},
    .carrier = "Lending structure",
    .billed = "Structure billed",
    .employee = "Employee lent",
    .position = "Position",
    .agreement = "Agreement",
    .agreement_prefix = "No. ",
    .month = "Month",
    .issued_on = "Issued on",
    .corrects = "Correction",
    .corrects_prefix = "Corrects statement ",
    .cost_caption = "The lending structure's real cost for the month",
    .label_column = "Item",
    .amount_column = "Amount",
    .gross = "Gross salary",
    .contributions = "Employer contributions",
    .refunds = "Sick-pay refunds received (subrogation)",
    .net_cost = "Net real cost",
    .subsidies = "Subsidies for the post",
    .source_actual = "The cost is the month's payroll, as the lending structure entered it.",
    .source_estimate =
        "The cost is an estimate, from the salary history and the lending "
        "structure's employer contribution rate; the month's payroll was not "
        "entered.",
    .key_caption = "Allocation key",
    .duration_column = "Duration",
    .share_column = "Share",
    .worked_for_billed = "Time worked for the structure billed",
    .absences_of_billed = "Its part of the absences",
    .month_worked = "Time worked in the month, all structures",
    .month_absences = "Absences in the month",
    .agreed_share = "Agreed share",
    .weight_share = "Share of the month applied",
    .no_time = "No time was recorded for the month: the agreed shares were applied.",
    .part_caption = "Your share",
    .carrier_total_column = "Lending structure's total",
    .your_part_column = "Your share",
    .trip_prefix = "Travel on ",
    .travel = "Travel expenses",
    .due = "Your share in total",
    .amount_caption = "Amount billed",
    .your_month_part = "Your share of the month",
    .already_billed = "Already billed",
    .correction_amount = "Amount of the correction",
    .amount_excluding_vat = "Amount excluding VAT",
    .vat = "VAT",
    .total = "Total due",
    .vat_franchise = "VAT not applicable, article 293 B of the French General Tax Code",
    .vat_exempt = "Exempt from VAT, article 261 B of the French General Tax Code",
    .vat_subject_prefix = "VAT at ",
    .no_margin =
        "Re-invoiced at real cost, with no margin or management fee (article L8241-1 of "
        "the French Labour Code). Amounts are rounded to the cent by the "
        "largest-remainder method: the parts of all the structures add up to the real "
        "cost.",
};

const Labels& LabelsOf(Language language) {
  return language == Language::kEnglish ? kEnglish : kFrench;
}

std::string CardOf(const tenancy::Structure& structure) {
  std::string card = structure.name;
  if (!structure.address.empty()) card += ", " + structure.address;
  if (structure.siret) card += " (SIRET " + *structure.siret + ")";
  return card;
}

std::string MonthName(std::chrono::year_month month, const Labels& labels) {
  return std::string(labels.months[static_cast<unsigned>(month.month()) - 1]) + " " +
         std::to_string(static_cast<int>(month.year()));
}

// « 5 avril 2026 » (1er for the first), "5 April 2026".
std::string LongDate(staffing::Date date, Language language) {
  if (language == Language::kEnglish) {
    return documents::FormatDate(staffing::IsoDate(date), language);
  }
  const unsigned day = static_cast<unsigned>(date.day());
  return (day == 1 ? std::string("1er") : std::to_string(day)) + " " +
         kFrench.months[static_cast<unsigned>(date.month()) - 1] + " " +
         std::to_string(static_cast<int>(date.year()));
}

// 750 -> "12 h 30", 720 -> "12 h", 725 -> "12 h 05".
std::string Hours(int minutes) {
  const int hours = minutes / 60;
  const int rest = minutes % 60;
  return std::to_string(hours) + " h" +
         (rest == 0 ? "" : (rest < 10 ? " 0" : " ") + std::to_string(rest));
}

char DecimalMark(Language language) { return language == Language::kEnglish ? '.' : ','; }

// Metres as kilometres with one decimal, rounded half up: 12345 -> "12,3 km".
std::string Kilometres(int metres, Language language) {
  const std::int64_t tenths = (static_cast<std::int64_t>(metres) + 50) / 100;
  return std::to_string(tenths / 10) + DecimalMark(language) + std::to_string(tenths % 10) + " km";
}

// A VAT rate without needless decimals: 2000 -> "20 %", 550 -> "5,5 %" (fr) or "5.5 %" (en).
std::string Rate(int rate_bp, Language language) {
  std::string text = std::to_string(rate_bp / 100);
  const int fraction = rate_bp % 100;
  if (fraction != 0) {
    std::string decimals =
        fraction < 10 ? "0" + std::to_string(fraction) : std::to_string(fraction);
    if (decimals.back() == '0') decimals.pop_back();
    text += DecimalMark(language) + decimals;
  }
  const std::string space =
      language == Language::kFrench ? std::string(documents::kNoBreakSpace) : " ";
  return text + space + "%";
}

std::string VatText(const staffing::VatSetting& vat, const Labels& labels, Language language) {
  switch (vat.treatment) {
    case staffing::VatTreatment::kFranchise293B:
      return labels.vat_franchise;
    case staffing::VatTreatment::kExempt261B:
      return labels.vat_exempt;
    case staffing::VatTreatment::kSubject:
      return labels.vat_subject_prefix + Rate(vat.rate_bp, language);
  }
  return labels.vat_franchise;
}

documents::Table CostTable(const Statement& statement, const Labels& labels) {
  const staffing::MonthCost& cost = statement.cost;
  documents::Table table;
  table.caption = labels.cost_caption;
  table.columns = {{labels.label_column, ColumnKind::kText},
                   {labels.amount_column, ColumnKind::kMoney}};
  table.rows.push_back({Cell::Text(labels.gross), Cell::Money(cost.gross_salary)});
  table.rows.push_back(
      {Cell::Text(labels.contributions), Cell::Money(cost.employer_contributions)});
  table.rows.push_back({Cell::Text(labels.refunds), Cell::Money(-cost.sick_pay_refunds)});
  for (const staffing::SubsidyLine& line : cost.subsidies) {
    table.rows.push_back({Cell::Text(line.label), Cell::Money(-line.amount)});
  }
  table.totals = Row{Cell::Text(labels.net_cost), Cell::Money(cost.Net())};
  return table;
}

documents::Table KeyTable(const Statement& statement, const Labels& labels) {
  const staffing::StructureAllocation& part = statement.part;
  documents::Table table;
  table.caption = labels.key_caption;
  table.columns = {{labels.label_column, ColumnKind::kText},
                   {labels.duration_column, ColumnKind::kText},
                   {labels.share_column, ColumnKind::kPercent}};
  table.rows.push_back(
      {Cell::Text(labels.worked_for_billed), Cell::Text(Hours(part.worked_minutes)), Cell()});
  table.rows.push_back(
      {Cell::Text(labels.absences_of_billed), Cell::Text(Hours(part.absence_minutes)), Cell()});
  table.rows.push_back(
      {Cell::Text(labels.month_worked), Cell::Text(Hours(statement.month_worked_minutes)), Cell()});
  table.rows.push_back({Cell::Text(labels.month_absences),
                        Cell::Text(Hours(statement.month_absence_minutes)), Cell()});
  table.rows.push_back({Cell::Text(labels.agreed_share), Cell(), Cell::Percent(part.share_bp)});
  const std::int64_t weight_bp =
      statement.month_weight == 0 ? part.share_bp
                                  : staffing::MultiplyDivideRounded(
                                        part.weight, staffing::kWholeShare, statement.month_weight);
  table.rows.push_back({Cell::Text(labels.weight_share), Cell(), Cell::Percent(weight_bp)});
  return table;
}

documents::Table PartTable(const Statement& statement, const Labels& labels, Language language) {
  const staffing::MonthCost& cost = statement.cost;
  const staffing::StructureAllocation& part = statement.part;
  documents::Table table;
  table.caption = labels.part_caption;
  table.columns = {{labels.label_column, ColumnKind::kText},
                   {labels.carrier_total_column, ColumnKind::kMoney},
                   {labels.your_part_column, ColumnKind::kMoney}};
  const auto add = [&](const char* label, Cents carrier, Cents billed) {
    table.rows.push_back({Cell::Text(label), Cell::Money(carrier), Cell::Money(billed)});
  };
  add(labels.gross, cost.gross_salary, part.gross_salary);
  add(labels.contributions, cost.employer_contributions, part.employer_contributions);
  add(labels.refunds, -cost.sick_pay_refunds, -part.sick_pay_refunds);
  add(labels.subsidies, -cost.Subsidies(), -part.subsidies);
  if (statement.trips.empty()) {
    table.rows.push_back({Cell::Text(labels.travel), Cell(), Cell::Money(part.travel)});
  } else {
    for (const staffing::Trip& trip : statement.trips) {
      table.rows.push_back(
          {Cell::Text(labels.trip_prefix +
                      documents::FormatDate(staffing::IsoDate(trip.day), language) + " (" +
                      Kilometres(trip.metres, language) + ")"),
           Cell(), Cell::Money(trip.cost)});
    }
  }
  table.totals = Row{Cell::Text(labels.due), Cell::Money(cost.Net()), Cell::Money(part.Due())};
  return table;
}

documents::Table AmountTable(const Statement& statement, const Labels& labels) {
  documents::Table table;
  table.caption = labels.amount_caption;
  table.columns = {{labels.label_column, ColumnKind::kText},
                   {labels.amount_column, ColumnKind::kMoney}};
  if (statement.previously_billed != 0) {
    table.rows.push_back({Cell::Text(labels.your_month_part), Cell::Money(statement.part.Due())});
    table.rows.push_back(
        {Cell::Text(labels.already_billed), Cell::Money(-statement.previously_billed)});
    table.rows.push_back({Cell::Text(labels.correction_amount), Cell::Money(statement.amount)});
  } else {
    table.rows.push_back({Cell::Text(labels.amount_excluding_vat), Cell::Money(statement.amount)});
  }
  table.rows.push_back({Cell::Text(labels.vat), Cell::Money(statement.vat_amount)});
  table.totals = Row{Cell::Text(labels.total), Cell::Money(statement.total)};
  return table;
}

}  // namespace

documents::Document StatementDocument(const Statement& statement, const StatementParties& parties,
                                      Language language) {
  const Labels& labels = LabelsOf(language);
  documents::Document doc;
  doc.title = labels.title;
  doc.subtitle =
      labels.number_prefix + statement.number + " — " + MonthName(statement.month, labels);
  doc.author = parties.carrier.name;
  doc.created = staffing::IsoDate(statement.issued_on);
  doc.language = language;

  KeyValueList who;
  who.items.push_back({labels.carrier, CardOf(parties.carrier)});
  who.items.push_back({labels.billed, CardOf(parties.billed)});
  who.items.push_back({labels.employee, parties.person_name});
  who.items.push_back({labels.position, parties.position_title});
  who.items.push_back(
      {labels.agreement, labels.agreement_prefix + std::to_string(statement.agreement_id)});
  who.items.push_back({labels.month, MonthName(statement.month, labels)});
  who.items.push_back({labels.issued_on, LongDate(statement.issued_on, language)});
  if (statement.corrects) {
    who.items.push_back({labels.corrects, labels.corrects_prefix + statement.corrects_number});
  }
  doc.blocks.push_back(std::move(who));

  doc.blocks.push_back(CostTable(statement, labels));
  doc.blocks.push_back(Paragraph{statement.cost.source == staffing::CostSource::kActual
                                     ? labels.source_actual
                                     : labels.source_estimate});

  doc.blocks.push_back(KeyTable(statement, labels));
  if (!statement.time_recorded) doc.blocks.push_back(Paragraph{labels.no_time});

  doc.blocks.push_back(PartTable(statement, labels, language));

  doc.blocks.push_back(AmountTable(statement, labels));
  doc.blocks.push_back(Paragraph{VatText(statement.vat, labels, language)});
  doc.blocks.push_back(Paragraph{labels.no_margin});
  return doc;
}

Result<std::string> RenderStatementPdf(const Statement& statement, const StatementParties& parties,
                                       Language language) {
  return documents::WritePdf(StatementDocument(statement, parties, language));
}

Result<std::string> RenderStatementXlsx(const Statement& statement, const StatementParties& parties,
                                        Language language) {
  return documents::WriteXlsx(StatementDocument(statement, parties, language));
}

}  // namespace ensemble::app
