// Plans of shared positions over HTTP, on both backends, on the demo network (its autumn 2026
// plans of Karim's and Sophie's positions): what each party sees of them, a run queued and solved
// by the real job runner with the real solver, and bad input answered precisely with nothing
// stored changed. The authorisation matrix covers the outsiders.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <thread>

#include "app/staffing/staffing_use_cases.h"
#include "documents/test_support.h"
#include "jobs/job_runner.h"
#include "jobs/staffing/plan_job.h"
#include "tests/api/api_fixture.h"
#include "tests/api/demo_people.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

constexpr const char* kKarim = "karim.haddad@alma.example.org";
constexpr const char* kHelene = "helene.roussel@fresnoy.example.org";
constexpr const char* kIsabelle = "isabelle.moreau@iciela.example.org";
const std::string kAutumn = "from=2026-09-01&to=2026-12-31";

class StaffingPlansApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    alma_ = StructureId("Centre social Alma");
    fresnoy_ = StructureId("Centre social Fresnoy Mackellerie");
    basse_ = StructureId("Centre social Basse Masure");
    iciela_ = StructureId("Association Iciela");
  }

  std::string PositionOf(const Session& who, const std::string& kind) {
    const Reply list = Get(who, "/api/v1/me/positions");
    EXPECT_EQ(list.status, 200) << list.body;
    for (const auto& item : list.json.at("items").as_array()) {
      if (item.at("kind").as_string() == kind) return json::serialize(item.at("id"));
    }
    ADD_FAILURE() << "no " << kind << " position in " << list.body;
    return "0";
  }

  // Half-days per structure id (0: withheld) in a plan answer.
  static std::map<std::int64_t, int> Counts(const Reply& plan) {
    std::map<std::int64_t, int> counts;
    for (const auto& half : plan.json.at("half_days").as_array()) {
      const auto& structure = half.at("structure_id");
      ++counts[structure.is_null() ? 0 : structure.as_int64()];
    }
    return counts;
  }

  std::int64_t alma_ = 0, fresnoy_ = 0, basse_ = 0, iciela_ = 0;
};

TEST_F(StaffingPlansApi, TheCarrierSeesTheWholePlanWhichMeetsTheSharesToAHalfDay) {
  const std::string karim = PositionOf(SignIn(kKarim), "lending");
  const Reply plan =
      Get(SignIn(demo::kClaire), "/api/v1/staffing/positions/" + karim + "/plan?" + kAutumn);
  ASSERT_EQ(plan.status, 200) << plan.body;
  auto counts = Counts(plan);
  EXPECT_EQ(counts.count(0), 0u) << "the carrier sees where every half-day goes";
  const int total = counts[alma_] + counts[fresnoy_] + counts[basse_];
  EXPECT_GT(total, 150) << plan.body.substr(0, 300);
  // 40/30/30 over the whole period, within one half-day each.
  EXPECT_NEAR(counts[alma_], 0.4 * total, 1.0);
  EXPECT_NEAR(counts[fresnoy_], 0.3 * total, 1.0);
  EXPECT_NEAR(counts[basse_], 0.3 * total, 1.0);
  ASSERT_EQ(plan.json.at("runs").as_array().size(), 1u);
  const auto& run = plan.json.at("runs").at(0);
  EXPECT_EQ(run.at("state").as_string(), "done");
  EXPECT_EQ(run.at("months").as_array().size(), 4u);
  EXPECT_LT(run.at("distance").as_double(), 1.0);
}

TEST_F(StaffingPlansApi, ALentToPartySeesItsOwnHalfDaysAndTheRestAsBusyElsewhere) {
  const std::string karim = PositionOf(SignIn(kKarim), "lending");
  const std::string path = "/api/v1/staffing/positions/" + karim + "/plan?" + kAutumn;
  const auto whole = Counts(Get(SignIn(demo::kClaire), path));
  const Reply fresnoy = Get(SignIn(kHelene), path);
  ASSERT_EQ(fresnoy.status, 200) << fresnoy.body;
  const auto seen = Counts(fresnoy);
  EXPECT_EQ(seen.at(fresnoy_), whole.at(fresnoy_));
  EXPECT_EQ(seen.at(0), whole.at(alma_) + whole.at(basse_));
  EXPECT_EQ(seen.count(alma_) + seen.count(basse_), 0u);
  EXPECT_TRUE(fresnoy.json.at("runs").as_array().empty()) << "the runs are the carrier's";
  EXPECT_TRUE(fresnoy.json.at("actions").as_array().empty());
}

TEST_F(StaffingPlansApi, TheHrManagersEmployersEachSeeTheirOwnAndSheSeesBoth) {
  const Session sophie = SignInActingFor(demo::kSophie, "Centre social Alma");
  const std::string post = PositionOf(sophie, "multi_employer");
  const std::string path = "/api/v1/staffing/positions/" + post + "/plan?" + kAutumn;
  const auto alma = Counts(Get(SignIn(demo::kClaire), path));
  const auto iciela = Counts(Get(SignIn(kIsabelle), path));
  EXPECT_EQ(alma.count(iciela_), 0u) << "even the employer who created the post";
  EXPECT_EQ(iciela.count(alma_), 0u);
  const Reply hers = Get(sophie, "/api/v1/me/plan?" + kAutumn);
  ASSERT_EQ(hers.status, 200) << hers.body;
  const auto mine = Counts(hers);
  EXPECT_EQ(mine.at(alma_), alma.at(alma_));
  EXPECT_EQ(mine.at(iciela_), iciela.at(iciela_));
  // Her contracts are 21 h and 14 h: 60/40.
  const int total = mine.at(alma_) + mine.at(iciela_);
  EXPECT_NEAR(mine.at(alma_), 0.6 * total, 1.0);
}

TEST_F(StaffingPlansApi, ARunIsSolvedByTheJobAndReplanningKeepsThePast) {
  jobs::JobRunnerOptions options;
  options.idle_poll = std::chrono::milliseconds{50};
  jobs::JobRunner runner(*db_, clock_, options);
  auto staffing = std::make_shared<app::StaffingUseCases>(*app_);
  runner.Register(std::string(app::kPlanJobKind),
                  jobs::PlanJobHandler([staffing](std::int64_t plan, const auto& progress) {
                    return staffing->RunPlan(plan, progress);
                  }));
  const Session claire = SignIn(demo::kClaire);
  const std::string karim = PositionOf(SignIn(kKarim), "lending");
  const std::string base = "/api/v1/staffing/positions/" + karim;
  const Reply before = Get(claire, base + "/plan?" + kAutumn);
  const Reply rules = Send(
      claire, "PUT", base + "/plan-rules",
      json::object{
          {"version", 0},
          {"commitments", json::array{}},
          {"preferences", json::array{json::object{{"weekday", 3}, {"structure_id", fresnoy_}}}}});
  ASSERT_EQ(rules.status, 200) << rules.body;
  EXPECT_EQ(rules.json.at("version").as_int64(), 1);
  const Reply queued = Send(
      claire, "POST", base + "/plans",
      json::object{{"first", "2026-09-01"}, {"last", "2026-12-31"}, {"plan_from", "2026-11-01"}});
  ASSERT_EQ(queued.status, 202) << queued.body;
  EXPECT_EQ(queued.json.at("state").as_string(), "queued");
  const std::string run = "/api/v1/staffing/plans/" + json::serialize(queued.json.at("id"));
  runner.Start();
  Reply done;
  for (int i = 0; i < 1200; ++i) {
    done = Get(claire, run);
    if (done.json.is_object() && done.json.at("state").as_string() != "queued" &&
        done.json.at("state").as_string() != "solving") {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
  }
  runner.Stop();
  ASSERT_EQ(done.json.at("state").as_string(), "done") << done.body;
  EXPECT_EQ(done.json.at("progress").at("done").as_int64(), 2);
  EXPECT_EQ(done.json.at("progress").at("total").as_int64(), 2);
  EXPECT_EQ(done.json.at("months").as_array().size(), 2u) << "November and December only";
  const Reply after = Get(claire, base + "/plan?" + kAutumn);
  // September and October are kept as they were.
  const auto& old_days = before.json.at("half_days").as_array();
  const auto& new_days = after.json.at("half_days").as_array();
  ASSERT_EQ(old_days.size(), new_days.size());
  int wednesdays_at_fresnoy = 0, wednesdays = 0;
  for (std::size_t i = 0; i < new_days.size(); ++i) {
    const std::string day(new_days[i].at("day").as_string());
    if (day < "2026-11-01") {
      EXPECT_EQ(new_days[i], old_days[i]) << day;
      continue;
    }
    const auto date = staffing::ParseIsoDate(day).value();
    if (std::chrono::weekday{std::chrono::sys_days{date}}.iso_encoding() == 3) {
      ++wednesdays;
      if (new_days[i].at("structure_id").as_int64() == fresnoy_) ++wednesdays_at_fresnoy;
    }
  }
  // The wish is honoured where it costs the shares nothing: the shares are spread evenly first
  // (the largest gap is minimised before the wishes count), yet Fresnoy has more of the
  // Wednesdays than its 30 % of the days.
  EXPECT_GT(wednesdays_at_fresnoy * 10, wednesdays * 3)
      << wednesdays_at_fresnoy << " of " << wednesdays;
}

// What ical.js (the library of web calendars such as Thunderbird's) reads of a feed's ICS.
json::value ReadWithIcalJs(const std::string& ics) {
  documents::test_support::ScratchDir dir;
  const auto run = documents::test_support::RunCommand(
      "node '" ENSEMBLE_SOURCE_DIR "/src/components/calendar/read_ics.mjs' '" ENSEMBLE_SOURCE_DIR
      "/web/node_modules/ical.js/dist/ical.js' '" +
      dir.Write("feed.ics", ics) + "'");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  return json::parse(run.out);
}

TEST_F(StaffingPlansApi, HerFeedAndEachStructuresFeedCarryThePlanAsCalendarsReadIt) {
  const Session karim = SignIn(kKarim);
  const Reply plan = Get(karim, "/api/v1/me/plan?from=2026-08-22&to=2027-08-22");
  ASSERT_EQ(plan.status, 200) << plan.body;
  const auto& half_days = plan.json.at("half_days").as_array();
  ASSERT_FALSE(half_days.empty());
  const Reply created = Send(karim, "POST", "/api/v1/me/calendar-feed", json::object{});
  ASSERT_EQ(created.status, 201) << created.body;
  const Reply feed = Call(nullptr, "GET", std::string(created.json.at("url").as_string()));
  ASSERT_EQ(feed.status, 200) << feed.body;
  const json::value read = ReadWithIcalJs(feed.body);
  const auto& events = read.at("events").as_array();
  ASSERT_EQ(events.size(), half_days.size()) << "one event per planned half-day";
  std::map<std::string, const json::value*> by_uid;
  for (const auto& event : events) by_uid[std::string(event.at("uid").as_string())] = &event;
  for (const auto& half : half_days) {
    const std::string uid = "staffing-plan-" + json::serialize(half.at("position_id")) + "-" +
                            std::string(half.at("day").as_string()) + "-" +
                            std::string(half.at("half").as_string()) + "@ensemble.invalid";
    ASSERT_TRUE(by_uid.contains(uid)) << uid;
    const json::value& event = *by_uid.at(uid);
    EXPECT_EQ(event.at("start").at("tzid").as_string(), "Europe/Paris") << uid;
    const int start = static_cast<int>(half.at("start_minute").as_int64());
    char expected[32];
    std::snprintf(expected, sizeof expected, "%sT%02d:%02d:00",
                  std::string(half.at("day").as_string()).c_str(), start / 60, start % 60);
    EXPECT_EQ(event.at("start").at("local").as_string(), expected) << uid;
  }
  // Fresnoy's shared calendar: only the half-days planned for Fresnoy, named after Karim.
  const Session helene = SignIn(kHelene);
  const Reply made =
      Send(helene, "POST", "/api/v1/structures/" + std::to_string(fresnoy_) + "/calendar-feed",
           json::object{});
  ASSERT_EQ(made.status, 201) << made.body;
  const json::value fresnoy =
      ReadWithIcalJs(Call(nullptr, "GET", std::string(made.json.at("url").as_string())).body);
  std::size_t planned_for_fresnoy = 0;
  for (const auto& half : half_days) {
    if (half.at("structure_id") == json::value(fresnoy_)) ++planned_for_fresnoy;
  }
  ASSERT_EQ(fresnoy.at("events").as_array().size(), planned_for_fresnoy);
  for (const auto& event : fresnoy.at("events").as_array()) {
    EXPECT_NE(std::string(event.at("summary").as_string()).find("Karim Haddad"), std::string::npos);
  }
}

TEST_F(StaffingPlansApi, BadRequestsAreRefusedPreciselyAndNothingChanges) {
  const Session claire = SignIn(demo::kClaire);
  const std::string karim = PositionOf(SignIn(kKarim), "lending");
  const std::string plans = "/api/v1/staffing/positions/" + karim + "/plans";
  const std::string rules = "/api/v1/staffing/positions/" + karim + "/plan-rules";
  const auto period = [](std::string first, std::string last, std::string from) {
    return json::object{{"first", first}, {"last", last}, {"plan_from", from}};
  };
  ExpectRefused(claire, "POST", plans, period("2026-10-02", "2026-10-01", "2026-10-02"), 400,
                "invalid_argument", "last");
  ExpectRefused(claire, "POST", plans, period("2026-01-01", "2027-01-02", "2026-01-01"), 400,
                "invalid_argument", "last");
  ExpectRefused(claire, "POST", plans, period("2026-10-01", "2026-10-31", "2026-11-01"), 400,
                "invalid_argument", "plan_from");
  ExpectRefused(claire, "POST", plans, period("2026-02-30", "2026-10-31", "2026-10-01"), 400,
                "invalid_argument", "first");
  // 2025: no agreement in force gives shares to meet.
  ExpectRefused(claire, "POST", plans, period("2025-10-01", "2025-10-31", "2025-10-01"), 409,
                "conflict", "plan_from");
  ExpectRefused(claire, "POST", plans, json::object{{"first", "2026-10-01"}, {"days", 3}}, 400,
                "invalid_argument", "days");
  // A lent-to party's director may read the plan, not make it.
  ExpectRefused(SignIn(kHelene), "POST", plans, period("2026-10-01", "2026-10-31", "2026-10-01"),
                403, "permission_denied", "");
  const auto commitment = [&](std::int64_t structure, std::string half, int start) {
    return json::object{{"day", "2026-10-06"},       {"half", std::move(half)},
                        {"structure_id", structure}, {"label", "Réunion des référents"},
                        {"place", "ECHO"},           {"start_minute", start},
                        {"end_minute", 16 * 60}};
  };
  const auto rules_with = [](json::array commitments, std::int64_t version = 0) {
    return json::object{{"version", version},
                        {"commitments", std::move(commitments)},
                        {"preferences", json::array{}}};
  };
  ExpectRefused(claire, "PUT", rules, rules_with({commitment(iciela_, "afternoon", 14 * 60)}), 400,
                "invalid_argument", "commitments[0]");
  ExpectRefused(claire, "PUT", rules, rules_with({commitment(fresnoy_, "evening", 14 * 60)}), 400,
                "invalid_argument", "commitments[0].half");
  ExpectRefused(claire, "PUT", rules, rules_with({commitment(fresnoy_, "afternoon", 17 * 60)}), 400,
                "invalid_argument", "commitments[0]");
  ExpectRefused(claire, "PUT", rules,
                rules_with({commitment(fresnoy_, "afternoon", 14 * 60),
                            commitment(basse_, "afternoon", 14 * 60)}),
                400, "invalid_argument", "commitments[1]");
  ExpectRefused(claire, "PUT", rules, rules_with({}, 7), 409, "conflict", "version");
  ExpectRefused(SignIn(kHelene), "PUT", rules, rules_with({}), 403, "permission_denied", "");
  ExpectRefused(
      claire, "PUT", "/api/v1/staffing/settings/opening-hours",
      json::object{{"half_days", json::array{json::object{{"weekday", 8}, {"half", "morning"}}}}},
      400, "invalid_argument", "half_days[0].weekday");
  ExpectRefused(
      claire, "PUT", "/api/v1/staffing/settings/opening-hours",
      json::object{{"half_days", json::array{json::object{{"weekday", 1}, {"half", "morning"}},
                                             json::object{{"weekday", 1}, {"half", "morning"}}}}},
      400, "invalid_argument", "half_days[1]");
  const Reply range = Get(claire, "/api/v1/staffing/positions/" + karim + "/plan?from=2026-09-01");
  EXPECT_EQ(range.status, 400);
  EXPECT_EQ(range.ErrorField(), "to");
}

}  // namespace
}  // namespace ensemble::testing_support
