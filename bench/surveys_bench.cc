// Issue 12's figures that need no server (plain figures, no Google Benchmark):
//   1. A large XLSForm converted: a 1.6 MB one-file CSV (pyxform's layout) of 6,500 questions in
//      groups, each a single choice from its own list of five, every tenth relevant on the one
//      before and every integer with a constraint; read (components/spreadsheet), checked
//      (domain/surveys ReadXlsForm) and written as an ODK XForm. ODK's converter takes minutes on
//      such forms; the issue aims under a second.
//   2. A questionnaire's results across 2,300 structures: each structure's counts for a question
//      of six choices (a few answers for some, hundreds for others), the table built and
//      protected with the same question by commune (ten structures to a commune on average) as
//      one linked table (app/surveys/results.h: small structures pooled, row totals published,
//      cells under 5 kept free from 0 to their value plus 5, with their complements), then the
//      attack: disclosure::Audit on the published pattern by structure with the true values must
//      pin no suppressed cell.
//   3. The cross table of two questions (two choices by six) across a collective's structures,
//      made of each structure's pair counts and protected with both questions' tables by
//      structure and commune (app/surveys/results.h, disclosure::ProtectCross: the attacker's
//      linear programmes over every structure's cube, CLP, until none is short).
// Prints each time and the peak memory; exits 1 when the conversion refuses its form or the audit
// pins a cell. --quick runs a hundredth (65 questions, 23 structures, 23 for the cross table).

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "app/surveys/results.h"
#include "bench_support.h"
#include "components/spreadsheet/spreadsheet.h"
#include "domain/surveys/counts.h"
#include "domain/surveys/xform.h"
#include "domain/surveys/xlsform.h"

namespace {

using namespace std::chrono;
namespace surveys = ensemble::surveys;

using ensemble::bench::PeakKilobytes;
using ensemble::bench::SecondsSince;

// The one-file CSV of `questions` questions, ten to a group.
std::string LargeXlsForm(int questions) {
  std::string csv = "survey,type,name,label,relevant,constraint\n";
  std::string choices = "choices,list_name,name,label\n";
  for (int q = 0; q < questions; ++q) {
    if (q % 10 == 0)
      csv += ",begin group,groupe_" + std::to_string(q / 10) + ",Partie " +
             std::to_string(q / 10 + 1) + ",,\n";
    const std::string name = "q" + std::to_string(q);
    const std::string relevant =
        q % 10 == 9 ? "${q" + std::to_string(q - 1) + "} != 'c0'" : std::string();
    if (q % 7 == 3) {
      csv += ",integer," + name + ",Combien de fois par mois sortez-vous ? (" + name + ")," +
             relevant + ",. >= 0 and . <= 100\n";
    } else {
      csv += ",select_one l" + std::to_string(q) + "," + name +
             ",Que pensez-vous de ce service de proximité ? (" + name + ")," + relevant + ",\n";
      for (int c = 0; c < 5; ++c) {
        choices += ",l" + std::to_string(q) + ",c" + std::to_string(c) +
                   ",Réponse possible numéro " + std::to_string(c + 1) + "\n";
      }
    }
    if (q % 10 == 9 || q == questions - 1) csv += ",end group,,,,\n";
  }
  return csv + choices +
         "settings,form_title,form_id,version\n,Grand questionnaire,grand_questionnaire,1\n";
}

bool ConvertLargeXlsForm(int questions) {
  const std::string csv = LargeXlsForm(questions);
  const auto start = steady_clock::now();
  auto workbook = ensemble::spreadsheet::ReadCsvWorkbook(csv);
  if (!workbook) {
    std::printf("the spreadsheet reader refused the form: %s\n",
                workbook.error().message.id.c_str());
    return false;
  }
  const double read = SecondsSince(start);
  surveys::XlsFormReading reading = surveys::ReadXlsForm(*workbook);
  if (!reading.form) {
    std::printf("the XLSForm was refused: %s at row %zu\n",
                reading.errors.front().message.id.c_str(), reading.errors.front().row);
    return false;
  }
  const double checked = SecondsSince(start);
  const std::string xform = surveys::WriteXForm(*reading.form);
  const double written = SecondsSince(start);
  std::printf(
      "XLSForm of %d questions, %.2f MB of CSV: read %.3f s, checked %.3f s, XForm of %.2f MB "
      "written, %.3f s in all; peak memory %ld MB\n",
      questions, static_cast<double>(csv.size()) / 1e6, read, checked - read,
      static_cast<double>(xform.size()) / 1e6, written, PeakKilobytes() / 1024);
  return true;
}

// « Quel est votre premier besoin ? », six choices.
surveys::CountedQuestion Besoin() {
  return {"/data/besoin",
          "besoin",
          "Quel est votre premier besoin ?",
          surveys::CountedKind::kSingle,
          {{"lien_social", "Voir du monde"},
           {"mobilite", "Se déplacer"},
           {"numerique", "Internet"},
           {"sante", "Se soigner"},
           {"logement", "Logement"},
           {"demarches", "Démarches"}}};
}

// Structure s of `structures`, without counts yet, and its number of answers: most a few dozen,
// some a handful, some hundreds (up to `most`); ten structures to a commune on average.
ensemble::app::StructureCounts DrawStructure(std::mt19937& random, int s, int structures, int most,
                                             int& answers) {
  const int kind = std::uniform_int_distribution<int>(0, 9)(random);
  answers = kind == 0   ? std::uniform_int_distribution<int>(0, 6)(random)
            : kind == 9 ? std::uniform_int_distribution<int>(100, most)(random)
                        : std::uniform_int_distribution<int>(8, 60)(random);
  const std::string commune =
      std::to_string(std::uniform_int_distribution<int>(0, structures / 10)(random));
  return {s + 1, "centre " + std::to_string(s + 1), {}, {}, commune, "commune " + commune};
}

bool ProtectResults(int structures) {
  std::mt19937 random(20261207);
  const surveys::CountedQuestion question = Besoin();
  std::vector<ensemble::app::StructureCounts> counted;
  std::vector<std::vector<std::int64_t>> by_structure;
  std::int64_t answers_in_all = 0;
  for (int s = 0; s < structures; ++s) {
    int answers = 0;
    ensemble::app::StructureCounts structure = DrawStructure(random, s, structures, 400, answers);
    structure.counts.push_back({"", "", answers});
    std::vector<std::int64_t> choices(question.choices.size(), 0);
    std::discrete_distribution<int> pick({5, 2, 3, 3, 1, 2});
    for (int a = 0; a < answers; ++a) ++choices[static_cast<std::size_t>(pick(random))];
    for (std::size_t c = 0; c < choices.size(); ++c) {
      structure.counts.push_back({question.path, question.choices[c].name, choices[c]});
    }
    answers_in_all += answers;
    counted.push_back(std::move(structure));
    by_structure.push_back(std::move(choices));
  }
  const auto start = steady_clock::now();
  const auto results = ensemble::app::ComputeResults(std::span(&question, 1), counted,
                                                     ensemble::disclosure::Options{});
  if (!results) {
    std::printf("the results were refused: %s\n", results.error().context.c_str());
    return false;
  }
  const double protect = SecondsSince(start);
  if (results->questions.empty()) {
    std::printf("no structure had enough answers\n");
    return false;
  }
  // The attack, on the true values of the published table (its rows are the structures with
  // enough answers, then the pooled ones together).
  const ensemble::app::QuestionResult& table = results->questions.front();
  const std::size_t rows = results->rows.size(), columns = table.columns.size();
  std::vector<std::vector<std::int64_t>> values(rows + 1, std::vector<std::int64_t>(columns + 1));
  std::vector<std::vector<bool>> hidden(rows + 1, std::vector<bool>(columns + 1));
  std::size_t suppressed = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    for (const ensemble::tenancy::StructureId id : results->rows[r].structures) {
      const auto& choices = by_structure[static_cast<std::size_t>(id - 1)];
      for (std::size_t c = 0; c < columns && c < choices.size(); ++c) values[r][c] += choices[c];
    }
    for (std::size_t c = 0; c < columns; ++c) {
      values[r][columns] += values[r][c];
      values[rows][c] += values[r][c];
      hidden[r][c] = table.table.cells[r][c].Suppressed();
    }
    values[rows][columns] += values[r][columns];
    hidden[r][columns] = table.table.row_totals[r].Suppressed();
  }
  for (std::size_t c = 0; c < columns; ++c)
    hidden[rows][c] = table.table.column_totals[c].Suppressed();
  hidden[rows][columns] = table.table.grand_total.Suppressed();
  for (const auto& line : hidden) {
    for (const bool cell : line) suppressed += cell ? 1 : 0;
  }
  std::size_t by_commune = 0;
  for (const auto& line : table.table.group_cells) {
    for (const auto& cell : line) by_commune += cell.Suppressed() ? 1u : 0u;
  }
  const auto audit_start = steady_clock::now();
  const auto pinned = ensemble::disclosure::Audit(values, hidden);
  const double audit = SecondsSince(audit_start);
  std::printf(
      "results across %d structures (%lld answers): %zu rows (%zu structures pooled, %zu left "
      "out), %zu of %zu cells suppressed, %zu of %zu by commune; protected in %.3f s; the audit "
      "in %.3f s pins %zu; peak memory %ld MB\n",
      structures, static_cast<long long>(answers_in_all), rows, results->pooled.size(),
      results->left_out.size(), suppressed, (rows + 1) * (columns + 1), by_commune,
      results->territories.size() * columns, protect, audit, pinned ? pinned->size() : 0,
      PeakKilobytes() / 1024);
  return pinned && pinned->empty();
}

// `structures` structures answer « Vivez-vous seul ? » and « Quel est votre premier besoin ? »
// together.
bool CrossResults(int structures) {
  std::mt19937 random(20261208);
  const surveys::CountedQuestion seul{"/data/seul",
                                      "seul",
                                      "Vivez-vous seul ?",
                                      surveys::CountedKind::kSingle,
                                      {{"oui", "Oui"}, {"non", "Non"}}};
  const surveys::CountedQuestion besoin = Besoin();
  std::vector<ensemble::app::StructureCounts> counted;
  std::vector<std::vector<surveys::PairCount>> pairs;
  std::discrete_distribution<int> pick_besoin({5, 2, 3, 3, 1, 2});
  for (int s = 0; s < structures; ++s) {
    int answers = 0;
    ensemble::app::StructureCounts structure = DrawStructure(random, s, structures, 300, answers);
    std::vector<std::vector<std::int64_t>> both(2, std::vector<std::int64_t>(6, 0));
    for (int a = 0; a < answers; ++a) {
      const int alone = std::uniform_int_distribution<int>(0, 2)(random) == 0 ? 0 : 1;
      ++both[static_cast<std::size_t>(alone)][static_cast<std::size_t>(pick_besoin(random))];
    }
    structure.counts.push_back({"", "", answers});
    std::vector<surveys::PairCount> its_pairs;
    for (std::size_t a = 0; a < 2; ++a) {
      std::int64_t sum = 0;
      for (std::size_t b = 0; b < 6; ++b) {
        sum += both[a][b];
        if (both[a][b] > 0) {
          its_pairs.push_back(
              {besoin.path, besoin.choices[b].name, seul.path, seul.choices[a].name, both[a][b]});
        }
      }
      structure.counts.push_back({seul.path, seul.choices[a].name, sum});
    }
    for (std::size_t b = 0; b < 6; ++b) {
      structure.counts.push_back({besoin.path, besoin.choices[b].name, both[0][b] + both[1][b]});
    }
    counted.push_back(std::move(structure));
    pairs.push_back(std::move(its_pairs));
  }
  const auto start = steady_clock::now();
  const auto cross = ensemble::app::ComputeCrossResult(seul, besoin, counted, pairs,
                                                       ensemble::disclosure::Options{});
  const double seconds = SecondsSince(start);
  if (!cross) {
    std::printf("the cross table was refused: %s\n", cross.error().context.c_str());
    return false;
  }
  std::size_t suppressed = 0, cells = 0;
  for (const auto& line : cross->table.cells) {
    for (const auto& cell : line) {
      ++cells;
      suppressed += cell.Suppressed() ? 1u : 0u;
    }
  }
  std::printf(
      "cross table of two questions across %d structures: %zu of %zu cells suppressed%s, %d "
      "rounds of linear programmes; protected with both questions' tables in %.3f s; peak "
      "memory %ld MB\n",
      structures, suppressed, cells, cross->table.withheld ? " (withheld: too large to audit)" : "",
      cross->table.audits, seconds, PeakKilobytes() / 1024);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // --cross N: the cross table alone, across N structures.
  if (argc > 2 && std::strcmp(argv[1], "--cross") == 0) {
    return CrossResults(std::atoi(argv[2])) ? 0 : 1;
  }
  bool quick = false;
  for (int a = 1; a < argc; ++a) quick = quick || std::strcmp(argv[a], "--quick") == 0;
  const bool converted = ConvertLargeXlsForm(quick ? 65 : 6500);
  const bool protected_results = ProtectResults(quick ? 23 : 2300);
  // A large collective's cross table is audited; a federation's is too large and withheld.
  const bool crossed = CrossResults(quick ? 23 : 200) && (quick || CrossResults(2300));
  return converted && protected_results && crossed ? 0 : 1;
}
