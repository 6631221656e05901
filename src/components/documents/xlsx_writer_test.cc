#include "documents/xlsx_writer.h"

#include <gtest/gtest.h>

#include <fstream>

#include "documents/test_support.h"

namespace ensemble::documents {
namespace {

using test_support::HasProgram;
using test_support::kPython;
using test_support::RunCommand;
using test_support::ScratchDir;

Table Costs() {
  Table table;
  table.caption = "Coûts salariés : 2026/2027 [prévision]";
  table.columns = {{"Salarié", ColumnKind::kText},
                   {"Heures", ColumnKind::kInteger},
                   {"Coût", ColumnKind::kMoney},
                   {"Part", ColumnKind::kPercent},
                   {"Embauche", ColumnKind::kDate}};
  table.rows = {{Cell::Text("Élisabeth Fresnoy–Mackellerie"), Cell::Integer(1607),
                 Cell::Money(123456), Cell::Percent(1250), Cell::Date("2024-02-29")},
                {Cell::Text("=1+2"), Cell::Suppressed("< 5"), Cell::Money(-5), Cell::Empty(),
                 Cell::Date("2026-12-31")}};
  table.totals = Row{Cell::Text("Total"), Cell::Integer(1607), Cell::Money(123451),
                     Cell::Percent(1250), Cell::Empty()};
  return table;
}

Document Report() {
  Document document;
  document.title = "Répartition des coûts";
  document.subtitle = "Exercice 2026";
  document.author = "Centre social Fresnoy–Mackellerie";
  document.created = "2026-12-02";
  Table second = Costs();
  Table third;
  third.caption = "Coûts salariés : 2026/2027 [prévision]";  // the same once cleaned
  third.columns = {{"Mois", ColumnKind::kText}};
  third.rows = {{Cell::Text("janvier")}};
  Table unnamed = third;
  unnamed.caption = "";
  document.blocks = {Heading{1, "Coûts"}, Paragraph{"Ignored in spreadsheets."}, Costs(), third,
                     unnamed};
  return document;
}

// What openpyxl sees, one fact a line.
std::string Inspect(const std::string& path) {
  const std::string script = R"PY(
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print('title', wb.properties.title)
print('creator', wb.properties.creator)
print('created', wb.properties.created.date().isoformat())
print('sheets', '|'.join(wb.sheetnames))
ws = wb.worksheets[0]
print('freeze', ws.freeze_panes)
print('filter', ws.auto_filter.ref)
for ref in ['A1', 'B1', 'A2', 'B2', 'C2', 'D2', 'E2', 'A3', 'B3', 'C3', 'D3', 'A4', 'C4']:
    c = ws[ref]
    v = c.value
    if isinstance(v, datetime.datetime):
        v = v.date().isoformat()
    print(ref, type(c.value).__name__, repr(v), c.number_format, 'bold' if c.font.b else 'plain',
          c.alignment.horizontal)
print('width', ws.column_dimensions['A'].width > ws.column_dimensions['B'].width)
)PY";
  ScratchDir scripts;
  const auto result = RunCommand(std::string(kPython) + " " +
                                 scripts.Write("read_xlsx.py", script) + " " + path + " 2>&1");
  EXPECT_EQ(result.exit_code, 0) << result.out;
  return result.out;
}

TEST(XlsxSheetNames, FollowExcelsRules) {
  const auto names = XlsxSheetNames(Report());
  ASSERT_EQ(names.size(), 3u);
  // 31 characters at most, no : / [ ], unique whatever the case and accents.
  EXPECT_EQ(names[0], "Coûts salariés - 2026-2027 -pré");
  EXPECT_EQ(names[1], "Coûts salariés - 2026-2027 (2)");
  EXPECT_EQ(names[2], "Tableau 3");

  Document more;
  more.language = Language::kEnglish;
  for (const char* caption : {"'Quoted'", "history", "Été", "ete", "", "a*b?c\\d"}) {
    Table table;
    table.caption = caption;
    more.blocks.push_back(table);
  }
  EXPECT_EQ(XlsxSheetNames(more), (std::vector<std::string>{"Quoted", "history (2)", "Été",
                                                            "ete (2)", "Table 5", "a-b-c-d"}));
}

TEST(WriteXlsx, OpenpyxlReadsValuesTypesAndFormats) {
  ScratchDir dir;
  const auto bytes = WriteXlsx(Report());
  ASSERT_TRUE(bytes) << bytes.error().message;
  ASSERT_TRUE(bytes->starts_with("PK"));
  const std::string out = Inspect(dir.Write("report.xlsx", *bytes));
  const char* expected[] = {
      "title Répartition des coûts\n",
      "creator Centre social Fresnoy–Mackellerie\n",
      "created 2026-12-02\n",
      "sheets Coûts salariés - 2026-2027 -pré|Coûts salariés - 2026-2027 (2)|Tableau 3\n",
      "freeze A2\n",
      "filter A1:E3\n",
      "A1 str 'Salarié' General bold None\n",
      "B1 str 'Heures' General bold right\n",
      "A2 str 'Élisabeth Fresnoy–Mackellerie' General plain None\n",
      "B2 int 1607 #,##0 plain right\n",
      "C2 float 1234.56 #,##0.00\\ \"€\" plain right\n",
      "D2 float 0.125 0.00% plain right\n",
      "E2 datetime '2024-02-29' dd/mm/yyyy plain None\n",
      // Text starting with = is stored as text: a spreadsheet never runs it.
      "A3 str '=1+2' General plain None\n",
      "B3 str '< 5' General plain right\n",
      "C3 float -0.05 #,##0.00\\ \"€\" plain right\n",
      "D3 NoneType None 0.00% plain right\n",
      "A4 str 'Total' General bold None\n",
      "C4 float 1234.51 #,##0.00\\ \"€\" bold right\n",
      "width True\n",
  };
  for (const char* line : expected) EXPECT_NE(out.find(line), std::string::npos) << line << out;
}

TEST(WriteXlsx, EnglishFormatsMoneyWithTheSignFirst) {
  Document document = Report();
  document.language = Language::kEnglish;
  ScratchDir dir;
  const auto bytes = WriteXlsx(document);
  ASSERT_TRUE(bytes);
  const std::string out = Inspect(dir.Write("report.xlsx", *bytes));
  EXPECT_NE(out.find("C2 float 1234.56 \"€\"#,##0.00 plain right\n"), std::string::npos) << out;
  EXPECT_NE(out.find("E2 datetime '2024-02-29' d mmmm yyyy plain None\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("|Table 3\n"), std::string::npos) << out;
}

TEST(WriteXlsx, RefusesWhatExcelCannotHold) {
  Document none = Report();
  none.blocks = {Paragraph{"Pas de tableau."}};
  auto result = WriteXlsx(none);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().field, "blocks");

  Document long_text = Report();
  std::get<Table>(long_text.blocks[2]).rows[1][0] = Cell::Text(std::string(32768, 'x'));
  result = WriteXlsx(long_text);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().field, "blocks[2].rows[1][0]");

  Document bad = Report();
  std::get<Table>(bad.blocks[2]).rows[0][4] = Cell::Date("2025-02-29");
  result = WriteXlsx(bad);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().field, "blocks[2].rows[0][4]");
}

TEST(WriteXlsxFile, NamesThePathItCannotWrite) {
  const auto status = WriteXlsxFile(Report(), "/nonexistent-directory/report.xlsx");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(status.error().field, "path");
}

TEST(WriteXlsx, LibreOfficeConvertsIt) {
  if (!HasProgram("soffice")) GTEST_SKIP() << "soffice is not installed: LibreOffice check skipped";
  ScratchDir dir;
  const auto bytes = WriteXlsx(Report());
  ASSERT_TRUE(bytes);
  const std::string path = dir.Write("report.xlsx", *bytes);
  const auto result = RunCommand("cd " + dir.File("") + " && soffice --headless --convert-to csv " +
                                 path + " >/dev/null 2>&1 && cat report.csv");
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("1607"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace ensemble::documents
