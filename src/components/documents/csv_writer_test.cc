#include "documents/csv_writer.h"

#include <gtest/gtest.h>

#include "documents/test_support.h"

namespace ensemble::documents {
namespace {

using test_support::kPython;
using test_support::RunCommand;
using test_support::ScratchDir;

Table Awkward() {
  Table table;
  table.caption = "Présences";
  table.columns = {{"Nom", ColumnKind::kText},       {"Commentaire", ColumnKind::kText},
                   {"Heures", ColumnKind::kInteger}, {"Coût", ColumnKind::kMoney},
                   {"Part", ColumnKind::kPercent},   {"Date", ColumnKind::kDate}};
  table.rows = {
      {Cell::Text("Élisabeth"), Cell::Text("Dit « bonjour », puis \"au revoir\""),
       Cell::Integer(35), Cell::Money(123456), Cell::Percent(1250), Cell::Date("2026-03-05")},
      {Cell::Text("Fresnoy–Mackellerie"), Cell::Text("ligne 1\nligne 2; suite, fin"),
       Cell::Suppressed("< 5"), Cell::Money(-5), Cell::Percent(0), Cell::Empty()},
      {Cell::Text("=1+2"), Cell::Text("+33 6 12"), Cell::Integer(-3), Cell::Money(0),
       Cell::Suppressed("s"), Cell::Date("2026-12-31")},
      {Cell::Text("-2+3"), Cell::Text("@SUM(A1)"), Cell::Integer(0), Cell::Money(1),
       Cell::Percent(100), Cell::Empty()},
      {Cell::Text("\tTab"), Cell::Text("\rCR"), Cell::Empty(), Cell::Empty(), Cell::Empty(),
       Cell::Empty()},
  };
  table.totals = Row{Cell::Text("Total"), Cell::Empty(), Cell::Integer(32),
                     Cell::Money(123452), Cell::Empty(), Cell::Empty()};
  return table;
}

// What Python's csv module reads from the file, as compact JSON.
std::string ReadBack(const std::string& path, char delimiter) {
  const std::string script =
      "import csv, json, sys\n"
      "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
      "    rows = list(csv.reader(f, delimiter=sys.argv[2], strict=True))\n"
      "print(json.dumps(rows, ensure_ascii=False, separators=(',', ':')))\n";
  ScratchDir scripts;
  const std::string script_path = scripts.Write("read.py", script);
  const auto result = RunCommand(std::string(kPython) + " " + script_path + " " + path + " '" +
                                 std::string(1, delimiter) + "'");
  EXPECT_EQ(result.exit_code, 0);
  return result.out;
}

TEST(CsvField, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(CsvField("Élisabeth"), "Élisabeth");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("a;b"), "a;b");
  EXPECT_EQ(CsvField("a;b", CsvDialect::kSemicolon), "\"a;b\"");
  EXPECT_EQ(CsvField("a,b", CsvDialect::kSemicolon), "a,b");
  EXPECT_EQ(CsvField("dit \"oui\""), "\"dit \"\"oui\"\"\"");
  EXPECT_EQ(CsvField("deux\nlignes"), "\"deux\nlignes\"");
}

TEST(CsvField, DefusesFormulas) {
  EXPECT_EQ(CsvField("=1+2"), "'=1+2");
  EXPECT_EQ(CsvField("+33"), "'+33");
  EXPECT_EQ(CsvField("-1"), "'-1");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("\tx"), "'\tx");
  EXPECT_EQ(CsvField("\rx"), "\"'\rx\"");
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  EXPECT_EQ(CsvField("a=b"), "a=b");
}

TEST(AppendCsvRecord, EndsWithCrlf) {
  std::string out;
  AppendCsvRecord(out, {"a", "b,c"});
  AppendCsvRecord(out, {"d", "e;f"}, CsvDialect::kSemicolon);
  EXPECT_EQ(out, "a,\"b,c\"\r\nd;\"e;f\"\r\n");
}

TEST(WriteCsv, StartsWithBomAndSeparatesRecordsWithCrlf) {
  const auto csv = WriteCsv(Awkward());
  ASSERT_TRUE(csv) << csv.error().message;
  ASSERT_TRUE(csv->starts_with(kUtf8Bom));
  EXPECT_TRUE(csv->substr(3).starts_with("Nom,Commentaire,Heures,Coût,Part,Date\r\n"));
  EXPECT_TRUE(csv->ends_with("Total,,32,1234.52,,\r\n"));
}

TEST(WriteCsv, ReadsBackThroughPythonsCsvModule) {
  ScratchDir dir;
  const auto csv = WriteCsv(Awkward());
  ASSERT_TRUE(csv);
  const std::string path = dir.Write("comma.csv", *csv);
  EXPECT_EQ(
      ReadBack(path, ','),
      R"j([["Nom","Commentaire","Heures","Coût","Part","Date"],)j"
      R"j(["Élisabeth","Dit « bonjour », puis \"au revoir\"","35","1234.56","12.50","2026-03-05"],)j"
      R"j(["Fresnoy–Mackellerie","ligne 1\nligne 2; suite, fin","< 5","-0.05","0.00",""],)j"
      R"j(["'=1+2","'+33 6 12","-3","0.00","s","2026-12-31"],)j"
      R"j(["'-2+3","'@SUM(A1)","0","0.01","1.00",""],)j"
      R"j(["'\tTab","'\rCR","","","",""],)j"
      R"j(["Total","","32","1234.52","",""]])j"
      "\n");
}

TEST(WriteCsv, SemicolonDialectUsesDecimalCommas) {
  ScratchDir dir;
  const auto csv = WriteCsv(Awkward(), CsvDialect::kSemicolon);
  ASSERT_TRUE(csv);
  EXPECT_TRUE(csv->substr(3).starts_with("Nom;Commentaire;Heures;Coût;Part;Date\r\n"));
  const std::string path = dir.Write("semicolon.csv", *csv);
  EXPECT_EQ(
      ReadBack(path, ';'),
      R"j([["Nom","Commentaire","Heures","Coût","Part","Date"],)j"
      R"j(["Élisabeth","Dit « bonjour », puis \"au revoir\"","35","1234,56","12,50","2026-03-05"],)j"
      R"j(["Fresnoy–Mackellerie","ligne 1\nligne 2; suite, fin","< 5","-0,05","0,00",""],)j"
      R"j(["'=1+2","'+33 6 12","-3","0,00","s","2026-12-31"],)j"
      R"j(["'-2+3","'@SUM(A1)","0","0,01","1,00",""],)j"
      R"j(["'\tTab","'\rCR","","","",""],)j"
      R"j(["Total","","32","1234,52","",""]])j"
      "\n");
}

TEST(WriteCsv, RefusesAMalformedTable) {
  Table table = Awkward();
  table.rows[2][3] = Cell::Percent(5);
  const auto csv = WriteCsv(table);
  ASSERT_FALSE(csv);
  EXPECT_EQ(csv.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(csv.error().field, "rows[2][3]");
}

}  // namespace
}  // namespace ensemble::documents
