// Micro-benchmarks of French search (components/search): building an index of 50,000 short
// records like a network's directory (a person's or activity's name, a line of description),
// and the searches the search box sends while one types. Run on the release build.
#include <benchmark/benchmark.h>

#include <array>
#include <random>
#include <string>

#include "components/search/index.h"

namespace {

using namespace ensemble;

constexpr std::array kFirst = {"Élisabeth", "Marie",    "Jean-Pierre", "Chloé",    "Mohamed",
                               "Inès",      "François", "Zoé",         "Léa",      "Hugo",
                               "Œdipe",     "Anaïs",    "Théo",        "Nathalie", "Karim"};
constexpr std::array kLast = {"Martin",   "Bernard",  "Dubois",  "Mackellerie", "Lefèvre",
                              "Moreau",   "Fournier", "Girard",  "Bonnet",      "Lambert",
                              "Rousseau", "Faure",    "Mercier", "Blanc",       "Guérin"};
constexpr std::array kActivity = {"Atelier numérique", "Cours d’informatique", "Jardin partagé",
                                  "Aide aux devoirs",  "Café des parents",     "Sortie au musée",
                                  "Gym douce seniors", "Repair café",          "Accueil jeunes",
                                  "Écrivain public"};
constexpr std::array kWhere = {
    "à Lille",          "à Roubaix",        "à Tourcoing", "à Villeneuve-d’Ascq",
    "au centre social", "à la médiathèque", "le mercredi", "le samedi matin"};

search::Document MakeDocument(std::mt19937& random, std::size_t i) {
  auto pick = [&](const auto& list) { return list[random() % list.size()]; };
  std::string name = i % 2 == 0 ? std::string(pick(kFirst)) + " " + pick(kLast)
                                : std::string(pick(kActivity)) + " " + pick(kWhere);
  std::string description = std::string(pick(kActivity)) + ", " + pick(kWhere) + ", avec " +
                            pick(kFirst) + " " + pick(kLast);
  return {name, {{"name", name}, {"description", description}}};
}

search::Index MakeIndex(std::size_t count) {
  auto index = search::Index::Create({{"name", 3.0}, {"description", 1.0}}).value();
  std::mt19937 random(42);
  for (std::size_t i = 0; i < count; ++i) {
    (void)index.Add(static_cast<std::int64_t>(i), MakeDocument(random, i));
  }
  return index;
}

void BM_BuildIndex50k(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(MakeIndex(50'000).size());
}
BENCHMARK(BM_BuildIndex50k)->Unit(benchmark::kMillisecond);

void BM_Tokens(benchmark::State& state) {
  const std::string text =
      "Cours d’informatique pour seniors, à la médiathèque de Villeneuve-d’Ascq";
  for (auto _ : state) benchmark::DoNotOptimize(search::Tokens(text));
}
BENCHMARK(BM_Tokens);

void BM_Search50k(benchmark::State& state, const char* query) {
  static const search::Index index = MakeIndex(50'000);
  for (auto _ : state) benchmark::DoNotOptimize(index.Search(query, 20));
}
BENCHMARK_CAPTURE(BM_Search50k, rare_word, "mackellerie ")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search50k, common_word, "atelier ")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search50k, two_words, "jardin lille ")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search50k, prefix, "mack")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search50k, short_prefix, "ma")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search50k, phrase, "\"cours d'informatique\" -roubaix ")
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
