// Issue 12's figures that need the database (plain figures, embedded SQLite, release build):
//   1. Ingestion of a million submissions to the demo's diagnostic from 2,300 structures: each
//      answer written as ODK writes its instance, read back (domain/surveys ReadInstance), its
//      choices and pairs of choices counted (CountedChoices, CountedPairs), stored in batches of
//      100,000 (SurveysStore::InsertSubmissions) with each structure's counts and pair counts added
//      once per batch (AddCounts, AddPairCounts: what answers add one by one, summed).
//   2. The cross table of two questions across the 2,300 structures, as the use case makes it:
//      each structure's counts and pair counts read (AnswerCountsOf, PairCountsOf), then
//      ComputeCrossResult (both questions' tables protected; the cross table itself withheld at
//      this size, see bench/README.md).
//   3. Beside it, the same GROUP BY in the sqlite3 shell over the same answers as a flat table
//      (structure, seul, besoin) in the same file: what a program reading the answers themselves
//      would do, and what the issue compares against (aim: within 2x of it).
//   4. With --export csv|xlsx|whole N: N answers of one structure (Alma, to the diagnostic)
//      exported by its director through the use case, as written while they are read (csv, xlsx:
//      documents::XlsxStream at constant memory), or, as the baseline beside it, the whole list
//      held and written as one Document by WriteXlsx (whole). One export a process, so that each
//      peak is its own (scripts/bench runs the three).
// Prints each time and the peak memory. --quick runs a hundredth (10,000 answers, 23
// structures).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/demo.h"
#include "app/passwords.h"
#include "app/surveys/answers_export.h"
#include "app/surveys/results.h"
#include "app/surveys/surveys_use_cases.h"
#include "bench_support.h"
#include "components/spreadsheet/spreadsheet.h"
#include "core/clock.h"
#include "documents/xlsx_writer.h"
#include "domain/surveys/counts.h"
#include "domain/surveys/submission.h"
#include "domain/surveys/xlsform.h"
#include "storage/database.h"

namespace {

using namespace std::chrono;
namespace surveys = ensemble::surveys;
namespace storage = ensemble::storage;

using ensemble::bench::PeakKilobytes;
using ensemble::bench::SecondsSince;

constexpr std::array<const char*, 2> kGenre = {"femme", "homme"};
constexpr std::array<const char*, 2> kSeul = {"oui", "non"};
constexpr std::array<const char*, 4> kSorties = {"jour", "semaine", "mois", "rarement"};
constexpr std::array<const char*, 3> kInternet = {"souvent", "parfois", "jamais"};
constexpr std::array<const char*, 6> kBesoin = {"lien_social", "mobilite", "numerique",
                                                "sante",       "logement", "demarches"};

struct Drawn {
  std::string xml;
  std::size_t seul = 0, besoin = 0;
};

Drawn DrawAnswer(std::mt19937& random, long long number) {
  auto pick = [&](std::size_t n) {
    return static_cast<std::size_t>(
        std::uniform_int_distribution<int>(0, static_cast<int>(n) - 1)(random));
  };
  Drawn drawn;
  drawn.seul = pick(kSeul.size());
  drawn.besoin = pick(kBesoin.size());
  char id[64];
  std::snprintf(id, sizeof id, "uuid:00000000-0000-4000-8000-%012lld", number);
  drawn.xml = std::string(R"(<data id="diagnostic_seniors_2026" version="2026-10"><genre>)") +
              kGenre[pick(kGenre.size())] + "</genre><seul>" + kSeul[drawn.seul] +
              "</seul><sorties>" + kSorties[pick(kSorties.size())] + "</sorties><internet>" +
              kInternet[pick(kInternet.size())] + "</internet><besoin>" + kBesoin[drawn.besoin] +
              "</besoin><meta><instanceID>" + id + "</instanceID></meta></data>";
  return drawn;
}

int Run(long long answers, int structures) {
  if (!ensemble::app::InitCrypto()) return 1;
  spdlog::set_level(spdlog::level::warn);  // the migrations' lines are not figures
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("ensemble-surveys-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "bench.db").string();
  storage::DatabaseOptions options;
  options.url = file;
  auto db = storage::OpenDatabase(options);
  if (!db || !(*db)->Migrate()) {
    std::printf("the database did not open\n");
    return 1;
  }
  ensemble::SystemClock clock;
  ensemble::app::AppOptions app_options;
  app_options.password_cost = ensemble::app::PasswordCost::kMinimum;
  ensemble::app::App app(**db, clock, app_options);
  if (!ensemble::app::LoadDemoNetwork(app)) {
    std::printf("the demo did not load\n");
    return 1;
  }

  // The structures, and the diagnostic's form.
  std::vector<ensemble::tenancy::StructureId> ids;
  surveys::SurveyForm form;
  std::optional<surveys::Form> parsed;
  const auto setup = (*db)->InTransaction(
      storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
      [&](storage::Transaction& tx) -> ensemble::Status {
        for (int s = 0; s < structures; ++s) {
          ensemble::tenancy::Structure structure;
          structure.name = "Centre " + std::to_string(s + 1);
          ids.push_back(ENSEMBLE_TRY(tx.Tenancy().InsertStructure(structure, 1)));
        }
        const auto found = ENSEMBLE_TRY(tx.Surveys().FindFormByXformId("diagnostic_seniors_2026"));
        if (!found) return ensemble::Internal("no demo diagnostic");
        form = *found;
        const auto version = ENSEMBLE_TRY(tx.Surveys().FindVersion(form.id, form.current_version));
        if (!version) return ensemble::Internal("no version");
        // The demo's version is a CSV XLSForm, read as the use case reads it.
        const auto workbook = ENSEMBLE_TRY(ensemble::spreadsheet::ReadCsvWorkbook(version->source));
        surveys::XlsFormReading reading = surveys::ReadXlsForm(workbook);
        if (!reading.form) return ensemble::Internal("the demo's form does not read");
        parsed = std::move(*reading.form);
        return ensemble::Ok();
      });
  if (!setup || !parsed) {
    std::printf("set-up failed: %s\n", setup ? "" : setup.error().context.c_str());
    return 1;
  }

  // 1. Ingestion.
  std::mt19937 random(20261207);
  constexpr long long kBatch = 100000;
  std::vector<std::array<std::int64_t, 2 * 6>> flat(static_cast<std::size_t>(structures));
  double parse_seconds = 0;
  const auto ingest_start = steady_clock::now();
  for (long long start = 0; start < answers; start += kBatch) {
    const long long end = std::min(answers, start + kBatch);
    std::vector<surveys::Submission> batch;
    std::map<ensemble::tenancy::StructureId, std::map<std::pair<std::string, std::string>, long>>
        counts;
    std::map<ensemble::tenancy::StructureId, std::map<std::array<std::string, 4>, long>> pairs;
    const auto parse_start = steady_clock::now();
    for (long long n = start; n < end; ++n) {
      const std::size_t s =
          static_cast<std::size_t>(std::uniform_int_distribution<int>(0, structures - 1)(random));
      Drawn drawn = DrawAnswer(random, n + 1);
      ++flat[s][drawn.seul * 6 + drawn.besoin];
      const auto instance = surveys::ReadInstance(drawn.xml);
      if (!instance) {
        std::printf("an answer did not read\n");
        return 1;
      }
      const surveys::AnswerTally tally = surveys::TallyAnswer(*parsed, *instance);
      auto& its_counts = counts[ids[s]];
      ++its_counts[{"", ""}];
      for (const auto& choice : tally.choices) ++its_counts[choice];
      for (const surveys::PairCount& pair : tally.pairs) {
        ++pairs[ids[s]][{pair.first_path, pair.first_choice, pair.second_path, pair.second_choice}];
      }
      surveys::Submission submission;
      submission.form = form.id;
      submission.structure = ids[s];
      submission.instance_id = instance->instance_id;
      submission.submitted_at = 1;
      submission.xml = std::move(drawn.xml);
      batch.push_back(std::move(submission));
    }
    parse_seconds += SecondsSince(parse_start);
    const auto stored = (*db)->InTransaction(
        storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
        [&](storage::Transaction& tx) -> ensemble::Status {
          ENSEMBLE_TRY_STATUS(tx.Surveys().InsertSubmissions(batch));
          for (const auto& [structure, its] : counts) {
            std::vector<surveys::AnswerCount> rows;
            for (const auto& [key, value] : its) rows.push_back({key.first, key.second, value});
            ENSEMBLE_TRY_STATUS(tx.Surveys().AddCounts(form.id, structure, rows));
          }
          for (const auto& [structure, its] : pairs) {
            std::vector<surveys::PairCount> rows;
            for (const auto& [key, value] : its) {
              rows.push_back({key[0], key[1], key[2], key[3], value});
            }
            ENSEMBLE_TRY_STATUS(tx.Surveys().AddPairCounts(form.id, structure, rows));
          }
          return ensemble::Ok();
        });
    if (!stored) {
      std::printf("a batch was refused: %s\n", stored.error().context.c_str());
      return 1;
    }
  }
  const double ingest = SecondsSince(ingest_start);
  std::printf(
      "ingestion: %lld submissions from %d structures in %.1f s (%.0f a second; reading and "
      "counting %.1f s, storing %.1f s); database %.0f MB; peak memory %ld MB\n",
      answers, structures, ingest, static_cast<double>(answers) / ingest, parse_seconds,
      ingest - parse_seconds, static_cast<double>(std::filesystem::file_size(file)) / 1e6,
      PeakKilobytes() / 1024);

  // 2. The cross table, as the use case makes it.
  const surveys::CountedQuestion* seul = nullptr;
  const surveys::CountedQuestion* besoin = nullptr;
  const std::vector<surveys::CountedQuestion> questions = surveys::CountedQuestions(*parsed);
  for (const auto& question : questions) {
    if (question.name == "seul") seul = &question;
    if (question.name == "besoin") besoin = &question;
  }
  if (seul == nullptr || besoin == nullptr) return 1;
  std::vector<ensemble::app::StructureCounts> counted;
  std::vector<std::vector<surveys::PairCount>> pair_counts;
  const auto read_start = steady_clock::now();
  const auto read = (*db)->InTransaction(
      storage::TransactionMode::kRead, storage::Scope::WholeDatabase(),
      [&](storage::Transaction& tx) -> ensemble::Status {
        const auto [first, second] = std::minmax(seul->path, besoin->path);
        for (std::size_t s = 0; s < ids.size(); ++s) {
          counted.push_back({ids[s],
                             "Centre " + std::to_string(s + 1),
                             ENSEMBLE_TRY(tx.Surveys().AnswerCountsOf(form.id, ids[s])),
                             {},
                             "",
                             ""});
          pair_counts.push_back(
              ENSEMBLE_TRY(tx.Surveys().PairCountsOf(form.id, ids[s], first, second)));
        }
        return ensemble::Ok();
      });
  const double read_seconds = SecondsSince(read_start);
  if (!read) return 1;
  const auto compute_start = steady_clock::now();
  const auto cross = ensemble::app::ComputeCrossResult(*seul, *besoin, counted, pair_counts,
                                                       ensemble::disclosure::Options{});
  const double compute_seconds = SecondsSince(compute_start);
  if (!cross) {
    std::printf("the cross table was refused: %s\n", cross.error().context.c_str());
    return 1;
  }
  // The aggregates must be the answers' own: the cross cells' true sums, checked on the
  // published one-way totals.
  std::int64_t total = 0;
  for (const auto& line : flat)
    for (const std::int64_t v : line) total += v;
  const bool agrees = cross->table.grand_total.count == total;
  std::printf(
      "cross table across %d structures: each structure's counts and pair counts read in %.3f s, "
      "the tables made and protected in %.3f s (%s); grand total %lld %s\n",
      structures, read_seconds, compute_seconds,
      cross->table.withheld ? "cross cells withheld: too large to audit" : "audited",
      static_cast<long long>(total), agrees ? "as ingested" : "DIFFERS from the answers");

  // 3. The same GROUP BY over the answers themselves, in the sqlite3 shell.
  db->reset();
  const std::string csv = (dir / "answers.csv").string();
  {
    std::FILE* out = std::fopen(csv.c_str(), "w");
    if (out == nullptr) return 1;
    std::mt19937 order(1);
    for (std::size_t s = 0; s < flat.size(); ++s) {
      for (std::size_t c = 0; c < flat[s].size(); ++c) {
        for (std::int64_t k = 0; k < flat[s][c]; ++k) {
          std::fprintf(out, "%lld,%s,%s\n", static_cast<long long>(ids[s]), kSeul[c / 6],
                       kBesoin[c % 6]);
        }
      }
    }
    std::fclose(out);
  }
  const std::string load = "sqlite3 " + file +
                           " \"CREATE TABLE bench_answers (structure_id INTEGER, seul TEXT, "
                           "besoin TEXT);\" \".mode csv\" \".import " +
                           csv + " bench_answers\"";
  if (std::system(load.c_str()) != 0) {
    std::printf("sqlite3 could not load the flat answers\n");
    return 1;
  }
  const std::string query = "sqlite3 " + file +
                            " \"SELECT structure_id, seul, besoin, count(*) FROM bench_answers "
                            "GROUP BY 1, 2, 3;\" > /dev/null";
  const auto shell_start = steady_clock::now();
  if (std::system(query.c_str()) != 0) return 1;
  const double shell_seconds = SecondsSince(shell_start);
  std::printf(
      "the same GROUP BY in the sqlite3 shell over the %lld answers as a flat table: %.3f s "
      "(ours: the aggregates read in %.3f s, %.2fx the shell's)\n",
      answers, shell_seconds, read_seconds, read_seconds / shell_seconds);
  std::filesystem::remove_all(dir);
  return agrees ? 0 : 1;
}

// 4. One structure's answers exported: see the header.
int RunExport(const std::string& mode, long long answers) {
  if (!ensemble::app::InitCrypto()) return 1;
  spdlog::set_level(spdlog::level::warn);
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("ensemble-export-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  storage::DatabaseOptions options;
  options.url = (dir / "bench.db").string();
  auto db = storage::OpenDatabase(options);
  if (!db || !(*db)->Migrate()) return 1;
  ensemble::SystemClock clock;
  ensemble::app::AppOptions app_options;
  app_options.password_cost = ensemble::app::PasswordCost::kMinimum;
  ensemble::app::App app(**db, clock, app_options);
  if (!ensemble::app::LoadDemoNetwork(app)) return 1;
  ensemble::app::Actor claire;
  surveys::SurveyForm form;
  const auto setup = (*db)->InTransaction(
      storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
      [&](storage::Transaction& tx) -> ensemble::Status {
        const auto found = ENSEMBLE_TRY(tx.Surveys().FindFormByXformId("diagnostic_seniors_2026"));
        const auto who =
            ENSEMBLE_TRY(tx.Tenancy().FindCredentialsByEmail("claire.dumont@alma.example.org"));
        if (!found || !who) return ensemble::Internal("no demo diagnostic or director");
        form = *found;
        claire.person_id = who->person.id;
        claire.acting_structure_id = 1;  // Alma, the demo's first structure
        claire.roles = ENSEMBLE_TRY(tx.Tenancy().RolesIn(claire.person_id, 1));
        std::mt19937 random(20261207);
        std::vector<surveys::Submission> batch;
        for (long long n = 0; n < answers; ++n) {
          surveys::Submission submission;
          Drawn drawn = DrawAnswer(random, 10'000'000 + n);
          submission.form = form.id;
          submission.form_version = form.current_version;
          submission.structure = 1;
          submission.instance_id = ensemble::surveys::ReadInstance(drawn.xml)->instance_id;
          submission.submitted_by = claire.person_id;
          submission.submitted_at = 1'790'000'000'000 + n;
          submission.xml = std::move(drawn.xml);
          batch.push_back(std::move(submission));
          if (batch.size() == 10000 || n + 1 == answers) {
            ENSEMBLE_TRY_STATUS(tx.Surveys().InsertSubmissions(batch));
            batch.clear();
          }
        }
        return ensemble::Ok();
      });
  if (!setup) {
    std::printf("set-up failed: %s\n", setup.error().context.c_str());
    return 1;
  }
  const long before = PeakKilobytes();
  ensemble::app::SurveysUseCases surveys_app(app);
  const auto start = steady_clock::now();
  std::size_t bytes = 0;
  if (mode == "whole") {
    // The baseline: every answer held, then one Document written by WriteXlsx.
    const auto list = surveys_app.ListSubmissions(claire, form.id);
    if (!list) return 1;
    ensemble::app::AnswersTables tables(list->questions, ensemble::app::AnswerHeaders::kLabels,
                                        ensemble::Language::kFrench);
    ensemble::documents::Document document;
    document.created = "2026-12-07";
    for (const auto& table : tables.Tables()) document.blocks.emplace_back(table);
    for (const auto& view : list->items) {
      const auto rows = tables.RowsOf(view);
      for (std::size_t t = 0; t < rows.size(); ++t) {
        auto& table = std::get<ensemble::documents::Table>(document.blocks[t]);
        table.rows.insert(table.rows.end(), rows[t].begin(), rows[t].end());
      }
    }
    const auto written = ensemble::documents::WriteXlsx(document);
    if (!written) {
      std::printf("the whole workbook was refused: %s\n", written.error().message.id.c_str());
      return 1;
    }
    bytes = written->size();
  } else {
    const auto file = surveys_app.ExportAnswers(
        claire, form.id,
        mode == "csv" ? ensemble::app::AnswersFormat::kCsv : ensemble::app::AnswersFormat::kXlsx,
        ensemble::Language::kFrench);
    if (!file) {
      std::printf("the export was refused: %s\n", file.error().message.id.c_str());
      return 1;
    }
    bytes = file->bytes.size();
  }
  const double seconds = SecondsSince(start);
  std::printf(
      "export %-5s %lld answers of one structure: %.2f s (%.0f a second), %.1f MB written; peak "
      "memory %ld MB (%ld MB before the export)\n",
      mode.c_str(), answers, seconds, static_cast<double>(answers) / seconds,
      static_cast<double>(bytes) / 1e6, PeakKilobytes() / 1024, before / 1024);
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  for (int a = 1; a < argc; ++a) {
    if (std::strcmp(argv[a], "--export") == 0 && a + 2 < argc) {
      return RunExport(argv[a + 1], std::atoll(argv[a + 2]));
    }
    quick = quick || std::strcmp(argv[a], "--quick") == 0;
  }
  return quick ? Run(10000, 23) : Run(1000000, 2300);
}
