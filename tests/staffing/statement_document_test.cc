// The monthly staff-lending statement as its readers see it: the PDF through poppler (pdftotext,
// pdftoppm), the spreadsheet through openpyxl, on a hand-made statement.
#include "app/staffing/statement_document.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "documents/test_support.h"

namespace ensemble::app {
namespace {

using documents::Language;
using documents::test_support::kPython;
using documents::test_support::RunCommand;
using documents::test_support::ScratchDir;
using namespace std::chrono;

// March 2026 at the Hauts: the carrier's payroll, and the Europe centre's part of it.
staffing::Statement MarchStatement() {
  staffing::Statement statement;
  statement.id = 3;
  statement.carrier = 1;
  statement.year = 2026;
  statement.sequence = 3;
  statement.number = "MAD-2026-0003";
  statement.agreement_id = 17;
  statement.position_id = 5;
  statement.billed = 2;
  statement.month = 2026y / March;
  statement.issued_on = 2026y / April / 5d;
  statement.issued_by = 9;
  statement.vat = {staffing::VatTreatment::kFranchise293B, 0};

  statement.cost.source = staffing::CostSource::kActual;
  statement.cost.gross_salary = 250000;
  statement.cost.employer_contributions = 107500;
  statement.cost.sick_pay_refunds = 12000;
  statement.cost.subsidies = {{"FONJEP", 60000}, {"Aide à l'emploi (PEC)", 30000}};
  statement.month_worked_minutes = 9000;
  statement.month_absence_minutes = 1050;
  statement.month_weight = 9000LL * 10000 + 1050LL * 10000;
  statement.time_recorded = true;

  statement.part.structure = 2;
  statement.part.share_bp = 4000;
  statement.part.worked_minutes = 4500;
  statement.part.absence_minutes = 420;
  statement.part.weight = 4500LL * 10000 + 420LL * 4000;
  statement.part.gross_salary = 116179;
  statement.part.employer_contributions = 49937;
  statement.part.sick_pay_refunds = 5573;
  statement.part.subsidies = 41803;
  statement.part.travel = 785 + 512;
  statement.part.trips = 2;
  statement.trips = {{2026y / March / 10d, 1, 2, 12345, 785},
                     {2026y / March / 24d, 1, 2, 8050, 512}};

  statement.previously_billed = 0;
  statement.amount = statement.part.Due();
  statement.vat_amount = 0;
  statement.total = statement.amount;
  return statement;
}

// The same month corrected: MAD-2026-0002 billed 1 180,00 € of it.
staffing::Statement Correction() {
  staffing::Statement statement = MarchStatement();
  statement.sequence = 4;
  statement.number = "MAD-2026-0004";
  statement.corrects = 2;
  statement.corrects_number = "MAD-2026-0002";
  statement.previously_billed = 118000;
  statement.amount = statement.part.Due() - statement.previously_billed;
  statement.total = statement.amount;
  return statement;
}

StatementParties Parties() {
  StatementParties parties;
  parties.carrier.id = 1;
  parties.carrier.name = "Centre social Les Hauts";
  parties.carrier.address = "12 rue de la Paix, 59100 Roubaix";
  parties.carrier.siret = "12345678900011";
  parties.billed.id = 2;
  parties.billed.name = "Maison de quartier Europe";
  parties.billed.address = "3 place de l'Europe, 59100 Roubaix";
  parties.person_name = "Nadia Benali";
  parties.position_title = "Chargée de transition numérique";
  return parties;
}

// pdftotext's text with the no-break spaces made plain and every run of white space one space,
// so that a figure or a wrapped paragraph reads as one string.
std::string PlainText(const std::string& pdf) {
  ScratchDir dir;
  const auto result =
      RunCommand("pdftotext -layout " + dir.Write("statement.pdf", pdf) + " - 2>/dev/null");
  EXPECT_EQ(result.exit_code, 0);
  std::string text = result.out;
  for (const std::string space : {"\u202F", "\u00A0"}) {
    for (auto at = text.find(space); at != std::string::npos; at = text.find(space, at)) {
      text.replace(at, space.size(), " ");
    }
  }
  std::string plain;
  for (const char c : text) {
    const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (blank) {
      if (!plain.empty() && plain.back() != ' ') plain += ' ';
    } else {
      plain += c;
    }
  }
  return plain;
}

std::string Pdf(const staffing::Statement& statement, Language language) {
  auto pdf = RenderStatementPdf(statement, Parties(), language);
  EXPECT_TRUE(pdf.has_value()) << (pdf ? "" : pdf.error().field);
  return pdf.value_or("");
}

const documents::Table* TableNamed(const documents::Document& doc, const std::string& caption) {
  for (const documents::Table* table : documents::TablesOf(doc)) {
    if (table->caption == caption) return table;
  }
  return nullptr;
}

TEST(StatementDocument, PdfShowsTheNumberThePartiesEveryFigureAndTheClauses) {
  const std::string text = PlainText(Pdf(MarchStatement(), Language::kFrench));
  for (const std::string expected : {
           "Relevé de mise à disposition de personnel",
           "n° MAD-2026-0003 — mars 2026",
           "Centre social Les Hauts, 12 rue de la Paix, 59100 Roubaix (SIRET 12345678900011)",
           "Maison de quartier Europe",
           "Nadia Benali",
           "Chargée de transition numérique",
           "n° 17",
           "5 avril 2026",
           // The carrier's month.
           "Salaire brut 2 500,00 €",
           "Cotisations patronales 1 075,00 €",
           "-120,00 €",
           "FONJEP -600,00 €",
           "Aide à l'emploi (PEC) -300,00 €",
           "Coût réel net 2 555,00 €",
           "Le coût est celui de la paie du mois",
           // The key: 75 h of 150 h, 7 h of 17 h 30 of absences, 46,45 % of the month's weight.
           "75 h",
           "150 h",
           "7 h",
           "17 h 30",
           "40,00 %",
           "46,45 %",
           // Its part.
           "Salaire brut 2 500,00 € 1 161,79 €",
           "Cotisations patronales 1 075,00 € 499,37 €",
           "-120,00 € -55,73 €",
           "-900,00 € -418,03 €",
           "Déplacement du 10/03/2026 (12,3 km) 7,85 €",
           "Déplacement du 24/03/2026 (8,1 km) 5,12 €",
           "Total de votre part 2 555,00 € 1 200,37 €",
           "Montant hors TVA 1 200,37 €",
           "TVA 0,00 €",
           "Total à payer 1 200,37 €",
           "TVA non applicable, article 293 B du Code général des impôts",
           "Refacturation au coût réel, sans marge ni frais de gestion (article L8241-1 du Code du "
           "travail). Les montants sont arrondis au centime par la méthode du plus fort reste : la "
           "somme des parts de toutes les structures égale le coût réel.",
       }) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n in: " << text;
  }
  EXPECT_EQ(text.find("Rectifie"), std::string::npos);
  EXPECT_EQ(text.find("Déjà facturé"), std::string::npos);
  EXPECT_EQ(text.find("Aucun temps"), std::string::npos);
}

TEST(StatementDocument, FirstPageRendersAsAnImage) {
  ScratchDir dir;
  const std::string path = dir.Write("statement.pdf", Pdf(MarchStatement(), Language::kFrench));
  const auto render =
      RunCommand("pdftoppm -png -r 50 -f 1 -l 1 " + path + " " + dir.File("page") + " 2>&1");
  ASSERT_EQ(render.exit_code, 0) << render.out;
  int images = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.File(""))) {
    if (entry.path().extension() != ".png") continue;
    ++images;
    EXPECT_GT(entry.file_size(), 1000u);
  }
  EXPECT_EQ(images, 1);
}

// What openpyxl reads in the sheet "Votre part": a line a row, the label then each amount as
// "num:<cents>" (or its type and value when it is no number), then the number format of the
// last amount.
std::string YourShareSheet(const std::string& xlsx) {
  const std::string script = R"PY(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print('sheets', '|'.join(wb.sheetnames))
ws = wb['Votre part']
def show(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return 'num:%d' % round(v * 100)
    return '%s:%r' % (type(v).__name__, v)
for row in ws.iter_rows(min_row=1):
    if all(c.value is None for c in row):
        continue
    print('\t'.join([str(row[0].value)] + [show(c.value) for c in row[1:3]] +
                    [row[2].number_format]))
)PY";
  ScratchDir dir;
  const auto result = RunCommand(std::string(kPython) + " " + dir.Write("read.py", script) + " " +
                                 dir.Write("statement.xlsx", xlsx) + " 2>&1");
  EXPECT_EQ(result.exit_code, 0) << result.out;
  return result.out;
}

TEST(StatementDocument, SpreadsheetHoldsTheFiguresAsNumbers) {
  const staffing::Statement statement = MarchStatement();
  const auto xlsx = RenderStatementXlsx(statement, Parties(), Language::kFrench);
  ASSERT_TRUE(xlsx.has_value());
  const std::string sheet = YourShareSheet(*xlsx);
  const auto has_row = [&](const std::string& row) {
    EXPECT_NE(sheet.find("\n" + row + "\t"), std::string::npos) << row << "\n in:\n" << sheet;
  };
  has_row("Salaire brut\tnum:250000\tnum:116179");
  has_row("Cotisations patronales\tnum:107500\tnum:49937");
  has_row("Indemnités journalières perçues (subrogation)\tnum:-12000\tnum:-5573");
  has_row("Aides au poste\tnum:-90000\tnum:-41803");
  has_row("Déplacement du 10/03/2026 (12,3 km)\tNoneType:None\tnum:785");
  has_row("Déplacement du 24/03/2026 (8,1 km)\tNoneType:None\tnum:512");
  ASSERT_EQ(statement.part.Due(), 120037);
  has_row("Total de votre part\tnum:255500\tnum:" + std::to_string(statement.part.Due()));
  EXPECT_NE(sheet.find("€"), std::string::npos) << sheet;  // a euro number format
  EXPECT_NE(sheet.find("|Votre part|"), std::string::npos) << sheet;
}

TEST(StatementDocument, EnglishDocument) {
  const std::string text = PlainText(Pdf(MarchStatement(), Language::kEnglish));
  for (const std::string expected : {
           "Staff-lending statement",
           "No. MAD-2026-0003 — March 2026",
           "The lending structure's real cost for the month",
           "Allocation key",
           "Your share in total €2,555.00 €1,200.37",
           "Travel on 10 March 2026 (12.3 km) €7.85",
           "VAT not applicable, article 293 B of the French General Tax Code",
           "Re-invoiced at real cost, with no margin or management fee",
       }) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n in: " << text;
  }
  EXPECT_EQ(text.find("Salaire brut"), std::string::npos);
}

TEST(StatementDocument, CorrectionNamesTheStatementItCorrectsAndWhatItBilled) {
  const std::string text = PlainText(Pdf(Correction(), Language::kFrench));
  for (const std::string expected : {
           "Rectifie le relevé n° MAD-2026-0002",
           "Votre part du mois 1 200,37 €",
           "Déjà facturé -1 180,00 €",
           "Montant de la rectification 20,37 €",
           "Total à payer 20,37 €",
       }) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n in: " << text;
  }
  EXPECT_EQ(text.find("Montant hors TVA"), std::string::npos);

  const std::string english = PlainText(Pdf(Correction(), Language::kEnglish));
  EXPECT_NE(english.find("Corrects statement MAD-2026-0002"), std::string::npos) << english;
  EXPECT_NE(english.find("Already billed -€1,180.00"), std::string::npos) << english;
}

TEST(StatementDocument, VatMentionsAndRates) {
  staffing::Statement statement = MarchStatement();
  const auto mention = [&](Language language) {
    const auto doc = StatementDocument(statement, Parties(), language);
    std::string all;
    for (const documents::Block& block : doc.blocks) {
      if (const auto* paragraph = std::get_if<documents::Paragraph>(&block)) {
        all += paragraph->text + "\n";
      }
    }
    return all;
  };
  statement.vat = {staffing::VatTreatment::kExempt261B, 0};
  EXPECT_NE(mention(Language::kFrench)
                .find("Exonération de TVA, article 261 B du Code général des impôts"),
            std::string::npos);
  EXPECT_NE(mention(Language::kEnglish)
                .find("Exempt from VAT, article 261 B of the French General Tax Code"),
            std::string::npos);
  statement.vat = {staffing::VatTreatment::kSubject, 2000};
  EXPECT_NE(mention(Language::kFrench).find("TVA au taux de 20\u00A0%\n"), std::string::npos);
  EXPECT_NE(mention(Language::kEnglish).find("VAT at 20 %\n"), std::string::npos);
  statement.vat = {staffing::VatTreatment::kSubject, 550};
  EXPECT_NE(mention(Language::kFrench).find("TVA au taux de 5,5\u00A0%\n"), std::string::npos);
  EXPECT_NE(mention(Language::kEnglish).find("VAT at 5.5 %\n"), std::string::npos);
}

TEST(StatementDocument, KeyFallsBackOnTheAgreedShareWithoutTime) {
  staffing::Statement statement = MarchStatement();
  auto doc = StatementDocument(statement, Parties(), Language::kFrench);
  const documents::Table* key = TableNamed(doc, "Clé de répartition");
  ASSERT_NE(key, nullptr);
  ASSERT_FALSE(key->rows.empty());
  // 46 680 000 of 100 500 000 basis-point minutes: 46,447… % rounded to 46,45 %.
  EXPECT_EQ(key->rows.back().back().number(), 4645);
  EXPECT_EQ(doc.created, "2026-04-05");
  EXPECT_EQ(doc.author, "Centre social Les Hauts");

  statement.time_recorded = false;
  statement.month_weight = 0;
  statement.part.weight = 0;
  statement.cost.source = staffing::CostSource::kEstimate;
  doc = StatementDocument(statement, Parties(), Language::kFrench);
  key = TableNamed(doc, "Clé de répartition");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->rows.back().back().number(), 4000);
  const std::string text = PlainText(Pdf(statement, Language::kFrench));
  EXPECT_NE(text.find("Aucun temps n’a été enregistré pour ce mois : les parts convenues ont été "
                      "appliquées."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Le coût est une estimation"), std::string::npos) << text;
}

TEST(StatementDocument, RendersTheSameBytesTwice) {
  for (const Language language : {Language::kFrench, Language::kEnglish}) {
    const auto first = RenderStatementPdf(Correction(), Parties(), language);
    const auto second = RenderStatementPdf(Correction(), Parties(), language);
    ASSERT_TRUE(first.has_value() && second.has_value());
    EXPECT_FALSE(first->empty());
    EXPECT_TRUE(*first == *second) << "the PDF differs between two renderings";
    const auto first_xlsx = RenderStatementXlsx(Correction(), Parties(), language);
    const auto second_xlsx = RenderStatementXlsx(Correction(), Parties(), language);
    ASSERT_TRUE(first_xlsx.has_value() && second_xlsx.has_value());
    EXPECT_FALSE(first_xlsx->empty());
    EXPECT_TRUE(*first_xlsx == *second_xlsx) << "the workbook differs between two renderings";
  }
  // And a different statement gives different bytes.
  EXPECT_NE(*RenderStatementPdf(MarchStatement(), Parties(), Language::kFrench),
            *RenderStatementPdf(Correction(), Parties(), Language::kFrench));
}

}  // namespace
}  // namespace ensemble::app
