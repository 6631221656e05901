// Micro-benchmarks of the work every request does: the authorisation decision, the search fold,
// and a session lookup on a real SQLite file. Run from scripts/bench on the release build.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/text.h"
#include "domain/tenancy/policy.h"
#include "storage/database.h"
#include "storage/tenancy/session_store.h"

namespace {

using namespace ensemble;

void BM_Authorize(benchmark::State& state) {
  const tenancy::Actor actor{1, 2, {tenancy::Role::kHrFinance}, false};
  tenancy::Target target;
  target.owner = 2;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        tenancy::Authorize(actor, tenancy::Action::kReadPersonnelFile, target));
  }
}
BENCHMARK(BM_Authorize);

void BM_FoldForSearch(benchmark::State& state) {
  const std::string name = "Fédération des centres sociaux du Nord Pas-de-Calais";
  for (auto _ : state) benchmark::DoNotOptimize(FoldForSearch(name));
}
BENCHMARK(BM_FoldForSearch);

void BM_SessionLookup(benchmark::State& state) {
  const auto path = std::filesystem::temp_directory_path() / "ensemble-bench-session.db";
  std::filesystem::remove(path);
  storage::DatabaseOptions options;
  options.url = path.string();
  auto db = storage::OpenDatabase(options).value();
  (void)db->Migrate();
  (void)db->InTransaction(
      storage::TransactionMode::kWrite, [&](storage::Transaction& tx) -> Status {
        ENSEMBLE_TRY(storage::RawSql(tx).Execute(
            "INSERT INTO people (id, display_name, email, password_hash, "
            "created_at, password_changed_at) VALUES (1, 'p', 'p@x.org', 'h', 0, 0)",
            {}));
        return tx.Sessions().InsertSession({"hash", 1, std::nullopt, "csrf", 0, 0}, "127.0.0.1");
      });
  for (auto _ : state) {
    auto tx = db->Begin(storage::TransactionMode::kRead).value();
    benchmark::DoNotOptimize(storage::Transaction(*tx).Sessions().FindSession("hash"));
  }
  db.reset();
  std::filesystem::remove(path);
}
BENCHMARK(BM_SessionLookup);

}  // namespace

BENCHMARK_MAIN();
