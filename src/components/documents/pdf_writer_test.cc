#include "documents/pdf_writer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "documents/test_support.h"

namespace ensemble::documents {
namespace {

using test_support::CountOccurrences;
using test_support::RunCommand;
using test_support::ScratchDir;

Document Report(int rows) {
  Document document;
  document.title = "Bilan « Élisabeth »";
  document.subtitle = "Répartition des coûts salariés";
  document.author = "Centre social Fresnoy–Mackellerie";
  document.created = "2026-12-02";
  Table costs;
  costs.caption = "Coûts par action";
  costs.columns = {
      {"Action", ColumnKind::kText}, {"Coût", ColumnKind::kMoney}, {"Part", ColumnKind::kPercent}};
  costs.rows = {{Cell::Text("Accueil de « Élisabeth »"), Cell::Money(123456), Cell::Percent(1250)},
                {Cell::Text("Atelier"), Cell::Money(5), Cell::Percent(8750)}};
  costs.totals = Row{Cell::Text("Total"), Cell::Money(123461), Cell::Percent(10000)};
  Table participants;
  participants.caption = "Participants";
  participants.columns = {{"Référence", ColumnKind::kText},
                          {"Quartier", ColumnKind::kText},
                          {"Séances", ColumnKind::kInteger},
                          {"Montant", ColumnKind::kMoney},
                          {"Date", ColumnKind::kDate}};
  for (int i = 1; i <= rows; ++i) {
    participants.rows.push_back({Cell::Text(fmt::format("ligne-{:03}", i)), Cell::Text("Centre"),
                                 i % 7 == 0 ? Cell::Suppressed("< 5") : Cell::Integer(i),
                                 Cell::Money(i * 12345), Cell::Date("2026-03-05")});
  }
  document.blocks = {
      Heading{1, "Synthèse"},
      Paragraph{"Le centre social Fresnoy–Mackellerie a accueilli cette année des habitants de "
                "tous les quartiers ; ce paragraphe est assez long pour passer à la ligne, "
                "une fois, deux fois, et montrer que les mots ne sortent pas de la marge."},
      KeyValueList{{{"Structure", "Fresnoy–Mackellerie"}, {"Exercice", "2026"}}},
      costs,
      Heading{2, "Participants"},
      participants,
  };
  return document;
}

// pdftotext's text with the no-break spaces made plain, since poppler versions differ in
// whether they keep them.
std::string PlainText(const std::string& pdf_path) {
  auto text = RunCommand("pdftotext -layout " + pdf_path + " -").out;
  for (const std::string space : {"\u202F", "\u00A0"}) {
    for (auto at = text.find(space); at != std::string::npos; at = text.find(space, at)) {
      text.replace(at, space.size(), " ");
    }
  }
  return text;
}

int PageCount(const std::string& pdf_path) {
  const auto info = RunCommand("pdfinfo " + pdf_path).out;
  const auto at = info.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::stoi(info.substr(at + 6));
}

std::vector<std::string> Pages(const std::string& text) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (auto at = text.find('\f'); at != std::string::npos; at = text.find('\f', start)) {
    pages.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  return pages;
}

TEST(WritePdf, PrintsFrenchTextWithAccents) {
  ScratchDir dir;
  const auto pdf = WritePdf(Report(3));
  ASSERT_TRUE(pdf) << pdf.error().message;
  ASSERT_TRUE(pdf->starts_with("%PDF-"));
  const std::string path = dir.Write("report.pdf", *pdf);
  const std::string text = PlainText(path);
  for (const char* expected :
       {"Bilan « Élisabeth »", "Centre social Fresnoy–Mackellerie — 02/12/2026", "Synthèse",
        "Accueil de « Élisabeth »", "1 234,56 €", "12,50 %", "1 234,61 €", "100,00 %",
        "Fresnoy–Mackellerie", "05/03/2026", "Page 1 / 1"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(PageCount(path), 1);
}

TEST(WritePdf, WrapsParagraphsWithinTheMargins) {
  ScratchDir dir;
  const auto pdf = WritePdf(Report(0));
  ASSERT_TRUE(pdf);
  const std::string text = PlainText(dir.Write("report.pdf", *pdf));
  // The paragraph's start and end sit on different lines.
  const auto start = text.find("Le centre social");
  const auto end = text.find("marge.");
  ASSERT_NE(start, std::string::npos) << text;
  ASSERT_NE(end, std::string::npos) << text;
  EXPECT_NE(text.substr(start, end - start).find('\n'), std::string::npos);
}

TEST(WritePdf, BreaksALongTableAcrossPagesRepeatingItsHeader) {
  ScratchDir dir;
  const auto pdf = WritePdf(Report(300));
  ASSERT_TRUE(pdf) << pdf.error().message;
  const std::string path = dir.Write("long.pdf", *pdf);
  const int pages = PageCount(path);
  EXPECT_GE(pages, 5);
  const std::string text = PlainText(path);
  const auto page_texts = Pages(text);
  ASSERT_EQ(static_cast<int>(page_texts.size()), pages);
  int pages_with_rows = 0;
  for (int i = 0; i < pages; ++i) {
    const std::string& page = page_texts[static_cast<std::size_t>(i)];
    EXPECT_NE(page.find(fmt::format("Page {} / {}", i + 1, pages)), std::string::npos) << page;
    EXPECT_NE(page.find("Bilan « Élisabeth » — 02/12/2026"), std::string::npos) << page;
    if (page.find("ligne-") == std::string::npos) continue;
    ++pages_with_rows;
    EXPECT_NE(page.find("Référence"), std::string::npos) << "page " << i + 1 << "\n" << page;
  }
  EXPECT_EQ(pages_with_rows, pages);
  EXPECT_EQ(static_cast<int>(CountOccurrences(text, "Référence")), pages);
  for (const char* row : {"ligne-001", "ligne-150", "ligne-300"}) {
    EXPECT_EQ(CountOccurrences(text, row), 1u) << row;
  }
}

TEST(WritePdf, RightAlignsFigures) {
  ScratchDir dir;
  const auto pdf = WritePdf(Report(40));
  ASSERT_TRUE(pdf);
  const std::string text = PlainText(dir.Write("aligned.pdf", *pdf));
  // Rows are ASCII up to the euro sign, so its byte offset is its column. pdftotext lays out
  // each page on its own grid, so the columns are compared within a page.
  std::size_t rows = 0;
  for (const std::string& page : Pages(text)) {
    std::set<std::size_t> euro_columns;
    std::size_t start = 0;
    while (start < page.size()) {
      auto end = page.find('\n', start);
      if (end == std::string::npos) end = page.size();
      const std::string line = page.substr(start, end - start);
      if (line.find("ligne-") != std::string::npos) {
        ++rows;
        euro_columns.insert(line.find("€"));
      }
      start = end + 1;
    }
    EXPECT_LE(euro_columns.size(), 1u) << page;
  }
  EXPECT_EQ(rows, 40u);
}

TEST(WritePdf, StoresMetadataAndRenders) {
  ScratchDir dir;
  const auto pdf = WritePdf(Report(300));
  ASSERT_TRUE(pdf);
  const std::string path = dir.Write("meta.pdf", *pdf);
  const auto info = RunCommand("pdfinfo -isodates " + path);
  ASSERT_EQ(info.exit_code, 0);
  EXPECT_NE(info.out.find("Title:           Bilan « Élisabeth »\n"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("Author:          Centre social Fresnoy–Mackellerie\n"),
            std::string::npos)
      << info.out;
  EXPECT_NE(info.out.find("CreationDate:    2026-12-02T00:00:00Z\n"), std::string::npos)
      << info.out;
  EXPECT_NE(info.out.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos)
      << info.out;

  const auto render =
      RunCommand("pdftoppm -r 50 -png -f 1 -l 1 " + path + " " + dir.File("page") + " 2>&1");
  EXPECT_EQ(render.exit_code, 0) << render.out;
  bool found = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir.File(""))) {
    if (entry.path().extension() == ".png") {
      found = true;
      EXPECT_GT(entry.file_size(), 1000u);
    }
  }
  EXPECT_TRUE(found);
}

// How many pixels of page 1, rendered by pdftoppm, are near each colour (r, g, b).
std::vector<int> PixelsNear(const std::string& pdf_path, const ScratchDir& dir,
                            const std::vector<std::array<int, 3>>& colours) {
  const auto render = RunCommand("pdftoppm -r 72 -f 1 -l 1 -singlefile " + pdf_path + " " +
                                 dir.File("chart") + " 2>&1");
  EXPECT_EQ(render.exit_code, 0) << render.out;
  std::ifstream in(dir.File("chart.ppm"), std::ios::binary);
  std::string magic;
  int width = 0, height = 0, depth = 0;
  in >> magic >> width >> height >> depth;
  in.get();
  EXPECT_EQ(magic, "P6");
  std::vector<int> counts(colours.size(), 0);
  std::vector<unsigned char> pixel(3);
  for (int i = 0; i < width * height && in.read(reinterpret_cast<char*>(pixel.data()), 3); ++i) {
    for (std::size_t c = 0; c < colours.size(); ++c) {
      bool near = true;
      for (std::size_t k = 0; k < 3; ++k) near = near && std::abs(pixel[k] - colours[c][k]) <= 6;
      counts[c] += near ? 1 : 0;
    }
  }
  return counts;
}

TEST(WritePdf, DrawsABarChartOfSharesAsPopplerRendersIt) {
  Document document = Report(0);
  BarChart chart;
  chart.caption = "Vivez-vous seul·e ? par structure";
  chart.categories = {"Alma", "ECHO"};
  chart.series = {"Oui", "Non"};
  // Alma: 6 and 3 of 10 (1 in a suppressed cell); ECHO: 2 of 8, its « non » suppressed.
  chart.values = {{6.0, 3.0}, {2.0, std::nullopt}};
  chart.totals = {10, 8};
  document.blocks = {Heading{1, "Résultats"}, chart};
  ScratchDir dir;
  const auto pdf = WritePdf(document);
  ASSERT_TRUE(pdf) << pdf.error().context;
  const std::string path = dir.Write("chart.pdf", *pdf);
  const std::string text = PlainText(path);
  EXPECT_NE(text.find("Vivez-vous seul·e ? par structure"), std::string::npos) << text;
  for (const char* label : {"Alma", "ECHO", "Oui", "Non"}) {
    EXPECT_NE(text.find(label), std::string::npos) << label;
  }
  // The first two colours of the palette (#0072B2, #E69F00), and the pale remainder.
  const std::vector<int> pixels = PixelsNear(path, dir, {{0, 115, 178}, {230, 158, 0}});
  // « Oui »: 6 + 2 tenths of a bar; « non »: 3 tenths (and ECHO's hidden one drawn pale).
  ASSERT_GT(pixels[1], 100);
  EXPECT_NEAR(static_cast<double>(pixels[0]) / pixels[1], (0.6 + 0.25) / 0.3, 0.3);
}

TEST(WritePdf, DrawsBarsOfValuesAgainstTheLargest) {
  Document document = Report(0);
  BarChart chart;
  chart.kind = BarChart::Kind::kValues;
  chart.caption = "Âge moyen";
  chart.categories = {"Alma", "ECHO", "Autres"};
  chart.series = {"Moyenne"};
  chart.values = {{80.0}, {40.0}, {std::nullopt}};
  document.blocks = {chart};
  ScratchDir dir;
  const auto pdf = WritePdf(document);
  ASSERT_TRUE(pdf);
  const std::string path = dir.Write("values.pdf", *pdf);
  const std::vector<int> pixels = PixelsNear(path, dir, {{0, 115, 178}});
  // Two bars, the second half the first: 1.5 bars' worth of the full width.
  ASSERT_GT(pixels[0], 100);
  const double full_bar = pixels[0] / 1.5;
  EXPECT_GT(full_bar, 200);
}

TEST(WritePdf, RefusesAChartWhoseValuesDoNotFit) {
  BarChart chart;
  chart.categories = {"Alma"};
  chart.series = {"Oui", "Non"};
  chart.values = {{6.0, 5.0}};
  chart.totals = {10};  // 11 published of 10
  Document document = Report(0);
  document.blocks = {chart};
  const auto refused = WritePdf(document);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "blocks[0].values");
  chart.values = {{6.0}};
  document.blocks = {chart};
  EXPECT_EQ(WritePdf(document).error().field, "blocks[0].values");
  chart.values = {{-1.0, 2.0}};
  document.blocks = {chart};
  EXPECT_EQ(WritePdf(document).error().message.id, "documents.chart_value");
}

TEST(WritePdf, NumbersPagesInEnglish) {
  Document document = Report(300);
  document.language = Language::kEnglish;
  ScratchDir dir;
  const auto pdf = WritePdf(document);
  ASSERT_TRUE(pdf);
  const std::string path = dir.Write("english.pdf", *pdf);
  const int pages = PageCount(path);
  const std::string text = PlainText(path);
  EXPECT_NE(text.find(fmt::format("Page 2 of {}", pages)), std::string::npos) << text;
  EXPECT_NE(text.find("€1,234.56"), std::string::npos);
  EXPECT_NE(text.find("5 March 2026"), std::string::npos);
  EXPECT_NE(text.find("Centre social Fresnoy–Mackellerie — 2 December 2026"), std::string::npos);
}

TEST(WritePdf, ReportsFontsItCannotUse) {
  PdfOptions missing;
  missing.regular_font = "/nonexistent/font.ttf";
  auto pdf = WritePdf(Report(1), missing);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(pdf.error().field, "regular_font");

  // A file that is not a font: libharu's error handler reports it and the writer returns it.
  ScratchDir dir;
  PdfOptions junk;
  junk.bold_font = dir.Write("junk.ttf", std::string(4096, 'x'));
  pdf = WritePdf(Report(1), junk);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(pdf.error().field, "bold_font");
}

TEST(WritePdf, RefusesAMalformedDocument) {
  Document document = Report(2);
  std::get<Table>(document.blocks[5]).rows[1][2] = Cell::Money(1);
  const auto pdf = WritePdf(document);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(pdf.error().field, "blocks[5].rows[1][2]");
}

TEST(WritePdfFile, NamesThePathItCannotWrite) {
  const auto status = WritePdfFile(Report(1), "/nonexistent-directory/report.pdf");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(status.error().field, "path");
}

}  // namespace
}  // namespace ensemble::documents

namespace ensemble::documents {
namespace {

using test_support::RunCommand;
using test_support::ScratchDir;

// Layouts that push the writer to its edges: an empty document, a table of many wide text
// columns, a word longer than a line, a cell and a value taller than a page.
TEST(WritePdf, SurvivesAwkwardLayouts) {
  Document empty;
  empty.created = "2026-12-02";
  ASSERT_TRUE(WritePdf(empty));

  std::string long_text;
  for (int i = 0; i < 1500; ++i) long_text += fmt::format("mot{} ", i);
  Document document;
  document.title = std::string(300, 'T');
  document.created = "2026-12-02";
  Table wide;
  wide.caption = "Large";
  for (int c = 0; c < 12; ++c) {
    wide.columns.push_back({fmt::format("Colonne numéro {}", c), ColumnKind::kText});
  }
  Row row;
  for (int c = 0; c < 12; ++c) row.push_back(Cell::Text(c == 3 ? long_text : "court"));
  row[5] = Cell::Text(std::string(500, 'x'));
  wide.rows = {row, row};
  Table empty_table;
  empty_table.columns = {{"Seule", ColumnKind::kMoney}};
  document.blocks = {Paragraph{std::string(2000, 'y')}, wide, empty_table,
                     KeyValueList{{{"Longue", long_text}}}, Paragraph{"fin du document"}};
  const auto pdf = WritePdf(document);
  ASSERT_TRUE(pdf) << pdf.error().message;
  ScratchDir dir;
  const std::string path = dir.Write("awkward.pdf", *pdf);
  const auto text = RunCommand("pdftotext " + path + " -");
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("fin du document"), std::string::npos);
  EXPECT_NE(text.out.find("mot1499"), std::string::npos);
  EXPECT_NE(text.out.find("Seule"), std::string::npos);
}

}  // namespace
}  // namespace ensemble::documents
