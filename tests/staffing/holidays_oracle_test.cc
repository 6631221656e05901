// Compares domain/staffing/holidays.h with @socialgouv/jours-feries (web/node_modules, read by
// holidays_oracle.mjs under node) for every year from 1990 to 2100, in metropolitan France and
// in Alsace-Moselle: the same holidays, under the same French names (messages/staffing/fr.json),
// on the same dates. The package's Easter is now and then a week off from 2106 on
// (src/domain/staffing/holidays_test.cc), hence the last year.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "domain/staffing/holidays.h"

namespace ensemble::staffing {
namespace {

namespace json = boost::json;

constexpr int kFirstYear = 1990;
constexpr int kLastYear = 2100;

// A holiday's French name -> its date, "2026-04-06".
using NamedDates = std::map<std::string, std::string>;

struct CommandOutput {
  int status = -1;
  std::string out;
};

CommandOutput Run(const std::string& command) {
  CommandOutput result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  std::array<char, 4096> buffer;
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.out.append(buffer.data(), n);
  }
  result.status = pclose(pipe);
  return result;
}

json::object ParseObject(const std::string& text) {
  boost::system::error_code error;
  json::value parsed = json::parse(text, error);
  EXPECT_FALSE(error) << text.substr(0, 200);
  EXPECT_TRUE(parsed.is_object()) << text.substr(0, 200);
  return error || !parsed.is_object() ? json::object{} : parsed.as_object();
}

// What the package says, year by year. Fails the test if node, the package or the script is
// missing: the test must not pass without its oracle.
json::object JoursFeries(std::string_view zone) {
  const CommandOutput output =
      Run("TZ=Europe/Paris node '" ENSEMBLE_HOLIDAYS_ORACLE "' '" ENSEMBLE_JOURS_FERIES "' " +
          std::string(zone) + " " + std::to_string(kFirstYear) + " " + std::to_string(kLastYear));
  EXPECT_EQ(output.status, 0) << "node failed (is web/node_modules installed? cd web && npm ci)";
  return ParseObject(output.out);
}

json::object FrenchLabels() {
  std::ifstream file(ENSEMBLE_STAFFING_MESSAGES_FR, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return ParseObject(text.str());
}

std::string Iso(Date date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

NamedDates Ours(int year, HolidayZone zone, const json::object& labels) {
  NamedDates dates;
  const Result<std::vector<Holiday>> holidays = FrenchHolidays(year, zone);
  EXPECT_TRUE(holidays.has_value()) << year;
  for (const Holiday& holiday : holidays.value_or(std::vector<Holiday>{})) {
    const std::string id = HolidayLabel(holiday).id;
    const json::value* label = labels.if_contains(id);
    const std::string name = label != nullptr && label->is_string()
                                 ? std::string(label->as_string())
                                 : "<no " + id + ">";
    dates[name] = Iso(holiday.date);
  }
  return dates;
}

NamedDates Theirs(const json::value& year) {
  NamedDates dates;
  if (!year.is_object()) {
    return dates;
  }
  for (const auto& [name, date] : year.as_object()) {
    dates[std::string(name)] = date.is_string() ? std::string(date.as_string()) : "<not a date>";
  }
  return dates;
}

void ExpectSameAsJoursFeries(HolidayZone zone, std::string_view zone_name, std::size_t count) {
  const json::object labels = FrenchLabels();
  const json::object theirs = JoursFeries(zone_name);
  ASSERT_EQ(theirs.size(), static_cast<std::size_t>(kLastYear - kFirstYear + 1));
  for (int year = kFirstYear; year <= kLastYear; ++year) {
    const json::value* their_year = theirs.if_contains(std::to_string(year));
    ASSERT_NE(their_year, nullptr) << year;
    const NamedDates expected = Theirs(*their_year);
    EXPECT_EQ(expected.size(), count) << year;
    EXPECT_EQ(Ours(year, zone, labels), expected) << zone_name << " " << year;
  }
}

TEST(HolidaysOracle, MetropolitanSameAsJoursFeriesFrom1990To2100) {
  ExpectSameAsJoursFeries(HolidayZone::kMetropolitan, "metropolitan", 11);
}

TEST(HolidaysOracle, AlsaceMoselleSameAsJoursFeriesFrom1990To2100) {
  ExpectSameAsJoursFeries(HolidayZone::kAlsaceMoselle, "alsace_moselle", 13);
}

}  // namespace
}  // namespace ensemble::staffing
