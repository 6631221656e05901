// How long the document writers take on a staffing-sized table (1,000 rows of five columns), so
// that a module knows whether an export can be made inside a request or belongs in a job.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "documents/csv_writer.h"
#include "documents/pdf_writer.h"
#include "documents/xlsx_writer.h"

namespace ensemble::documents {
namespace {

Document Staffing(int rows) {
  Document document;
  document.title = "Répartition des coûts salariés";
  document.author = "Centre social Fresnoy–Mackellerie";
  document.created = "2026-12-02";
  Table table;
  table.caption = "Coûts par salarié";
  table.columns = {{"Salarié", ColumnKind::kText},
                   {"Heures", ColumnKind::kInteger},
                   {"Coût", ColumnKind::kMoney},
                   {"Part", ColumnKind::kPercent},
                   {"Embauche", ColumnKind::kDate}};
  for (int i = 0; i < rows; ++i) {
    table.rows.push_back({Cell::Text(fmt::format("Élisabeth n°{}", i)), Cell::Integer(i),
                          Cell::Money(i * 12345), Cell::Percent(i % 10000),
                          Cell::Date("2026-03-05")});
  }
  document.blocks = {table};
  return document;
}

void BM_WriteCsv(benchmark::State& state) {
  const Document document = Staffing(static_cast<int>(state.range(0)));
  const Table& table = std::get<Table>(document.blocks[0]);
  for (auto _ : state) benchmark::DoNotOptimize(WriteCsv(table));
}
BENCHMARK(BM_WriteCsv)->Arg(1000);

void BM_WriteXlsx(benchmark::State& state) {
  const Document document = Staffing(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(WriteXlsx(document));
}
BENCHMARK(BM_WriteXlsx)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_WritePdf(benchmark::State& state) {
  const Document document = Staffing(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(WritePdf(document));
}
BENCHMARK(BM_WritePdf)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ensemble::documents

BENCHMARK_MAIN();
