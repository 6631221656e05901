#include "documents/document.h"

#include <gtest/gtest.h>

namespace ensemble::documents {
namespace {

Table SmallTable() {
  Table table;
  table.caption = "Heures";
  table.columns = {{"Nom", ColumnKind::kText},
                   {"Heures", ColumnKind::kInteger},
                   {"Coût", ColumnKind::kMoney},
                   {"Part", ColumnKind::kPercent},
                   {"Date", ColumnKind::kDate}};
  table.rows = {{Cell::Text("Élisabeth"), Cell::Integer(35), Cell::Money(123456),
                 Cell::Percent(2500), Cell::Date("2026-02-28")},
                {Cell::Text("Zoé"), Cell::Suppressed("< 5"), Cell::Empty(), Cell::Percent(0),
                 Cell::Date("2024-02-29")}};
  table.totals = Row{Cell::Text("Total"), Cell::Integer(35), Cell::Money(123456), Cell::Empty(),
                     Cell::Empty()};
  return table;
}

void ExpectInvalid(const Status& status, const std::string& field) {
  ASSERT_FALSE(status.has_value()) << field;
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().field, field);
}

TEST(ParseLanguage, KnowsFrenchAndEnglishOnly) {
  EXPECT_EQ(ParseLanguage("fr").value(), Language::kFrench);
  EXPECT_EQ(ParseLanguage("en").value(), Language::kEnglish);
  const auto other = ParseLanguage("de");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(other.error().field, "language");
}

TEST(AlignmentOf, PutsFiguresRight) {
  EXPECT_EQ(AlignmentOf(ColumnKind::kText), Alignment::kLeft);
  EXPECT_EQ(AlignmentOf(ColumnKind::kDate), Alignment::kLeft);
  EXPECT_EQ(AlignmentOf(ColumnKind::kInteger), Alignment::kRight);
  EXPECT_EQ(AlignmentOf(ColumnKind::kMoney), Alignment::kRight);
  EXPECT_EQ(AlignmentOf(ColumnKind::kPercent), Alignment::kRight);
}

TEST(ParseIsoDate, RefusesImpossibleDates) {
  const auto date = ParseIsoDate("2024-02-29", "d");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->year, 2024);
  EXPECT_EQ(date->month, 2);
  EXPECT_EQ(date->day, 29);
  for (const char* bad : {"2023-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "2026-1-01",
                          "26-01-01", "2026/01/01", "2026-01-0x", ""}) {
    const auto parsed = ParseIsoDate(bad, "when");
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(parsed.error().field, "when");
  }
  EXPECT_TRUE(ParseIsoDate("2000-02-29", "d"));
}

TEST(ValidateTable, AcceptsAWellFormedTable) { EXPECT_TRUE(ValidateTable(SmallTable())); }

TEST(ValidateTable, NamesTheFaultyCell) {
  Table narrow = SmallTable();
  narrow.rows[1].pop_back();
  ExpectInvalid(ValidateTable(narrow), "rows[1]");

  Table wrong_kind = SmallTable();
  wrong_kind.rows[0][3] = Cell::Money(2500);  // cents in a percent column
  ExpectInvalid(ValidateTable(wrong_kind), "rows[0][3]");

  Table bad_date = SmallTable();
  bad_date.rows[1][4] = Cell::Date("2026-02-30");
  ExpectInvalid(ValidateTable(bad_date), "rows[1][4]");

  Table no_marker = SmallTable();
  no_marker.rows[0][1] = Cell::Suppressed("");
  ExpectInvalid(ValidateTable(no_marker), "rows[0][1]");

  Table bad_text = SmallTable();
  bad_text.rows[0][0] = Cell::Text("\xC3(");
  ExpectInvalid(ValidateTable(bad_text), "rows[0][0]");

  Table bad_totals = SmallTable();
  (*bad_totals.totals)[2] = Cell::Text("beaucoup");
  ExpectInvalid(ValidateTable(bad_totals), "totals[2]");

  Table bad_header = SmallTable();
  bad_header.columns[2].header = "\xFF";
  ExpectInvalid(ValidateTable(bad_header), "columns[2].header");

  ExpectInvalid(ValidateTable(Table{}), "columns");
}

TEST(ValidateDocument, PrefixesTheBlock) {
  Document document;
  document.title = "Bilan";
  document.created = "2026-12-02";
  document.blocks = {Heading{1, "Heures"}, Paragraph{"Texte"}, SmallTable()};
  EXPECT_TRUE(ValidateDocument(document));

  std::get<Table>(document.blocks[2]).rows[0][1] = Cell::Text("35");
  ExpectInvalid(ValidateDocument(document), "blocks[2].rows[0][1]");

  document.blocks = {Heading{4, "Trop profond"}};
  ExpectInvalid(ValidateDocument(document), "blocks[0].level");

  document.blocks = {KeyValueList{{{"Clé", "ok"}, {"Autre", "\x80"}}}};
  ExpectInvalid(ValidateDocument(document), "blocks[0].items[1].value");

  document.blocks.clear();
  document.created = "2 décembre";
  ExpectInvalid(ValidateDocument(document), "created");
}

TEST(TablesOf, KeepsTheirOrder) {
  Document document;
  Table first = SmallTable();
  Table second = SmallTable();
  second.caption = "Deuxième";
  document.blocks = {Paragraph{"x"}, first, Heading{1, "y"}, second};
  const auto tables = TablesOf(document);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0]->caption, "Heures");
  EXPECT_EQ(tables[1]->caption, "Deuxième");
}

}  // namespace
}  // namespace ensemble::documents
