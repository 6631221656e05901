// A collective's view of its members' shared positions over HTTP, on both backends, on the demo
// network: « Centres sociaux connectés » (the federation coordinates it; Alma, Fresnoy
// Mackellerie and Basse Masure are members, each sharing its staffing in full). Karim's position
// (Alma lends him to Fresnoy and Basse Masure) crosses in full; Sophie's (Alma and Iciela, which
// is no member) never does, Alma's part of it only counted. One test per sharing level, set by
// Fresnoy's director: exactly what the level promises crosses. Outsiders are refused with the
// same request the members make, and bad input is answered precisely.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "tests/api/api_fixture.h"
#include "tests/api/demo_people.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;
using demo::kOlivier;

constexpr const char* kHelene = "helene.roussel@fresnoy.example.org";
constexpr const char* kKarim = "karim.haddad@alma.example.org";

class StaffingCollectiveApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    connectes_ = std::to_string(CollectiveId("Centres sociaux connectés"));
    alma_ = StructureId("Centre social Alma");
    fresnoy_ = StructureId("Centre social Fresnoy Mackellerie");
    basse_ = StructureId("Centre social Basse Masure");
    iciela_ = StructureId("Association Iciela");
    path_ = "/api/v1/collectives/" + connectes_ + "/staffing/positions?month=2026-11";
  }

  // Fresnoy's director sets what Fresnoy shares of its staffing with the collective.
  void FresnoyShares(const std::string& level) {
    const Reply set =
        Send(SignIn(kHelene), "PUT",
             "/api/v1/collectives/" + connectes_ + "/sharing/" + std::to_string(fresnoy_),
             json::object{{"levels", json::object{{"staffing", level}}}});
    ASSERT_EQ(set.status, 200) << set.body;
  }

  Reply AsCoordinator() {
    const Reply view = Get(SignIn(kOlivier), path_);
    EXPECT_EQ(view.status, 200) << view.body;
    return view;
  }

  static const json::value* PositionTitled(const Reply& view, std::string_view title) {
    for (const auto& position : view.json.at("positions").as_array()) {
      if (position.at("title").as_string() == title) return &position;
    }
    return nullptr;
  }

  static const json::value* RowOf(const Reply& view, std::int64_t structure) {
    for (const auto& row : view.json.at("table").at("rows").as_array()) {
      if (row.at("structure_id").as_int64() == structure) return &row;
    }
    return nullptr;
  }

  // The minutes per structure of Karim's plan over November, as the carrier reads it.
  std::map<std::int64_t, std::int64_t> KarimsNovember() {
    const Reply list = Get(SignIn(kKarim), "/api/v1/me/positions");
    std::string id;
    for (const auto& item : list.json.at("items").as_array()) {
      if (item.at("kind").as_string() == "lending") id = json::serialize(item.at("id"));
    }
    const Reply plan = Get(SignIn(demo::kClaire), "/api/v1/staffing/positions/" + id +
                                                      "/plan?from=2026-11-01&to=2026-11-30");
    EXPECT_EQ(plan.status, 200) << plan.body;
    std::map<std::int64_t, std::int64_t> minutes;
    for (const auto& half : plan.json.at("half_days").as_array()) {
      minutes[half.at("structure_id").as_int64()] +=
          half.at("end_minute").as_int64() - half.at("start_minute").as_int64();
    }
    return minutes;
  }

  std::string connectes_, path_;
  std::int64_t alma_ = 0, fresnoy_ = 0, basse_ = 0, iciela_ = 0;
};

TEST_F(StaffingCollectiveApi, FullSharingShowsThePositionItsSharesAndTheMonthsPlan) {
  const Reply view = AsCoordinator();
  const json::value* karim = PositionTitled(view, "Chargé de transition numérique");
  ASSERT_NE(karim, nullptr) << view.body;
  EXPECT_EQ(karim->at("person_name").as_string(), "Karim Haddad");
  EXPECT_EQ(karim->at("kind").as_string(), "lending");
  std::map<std::int64_t, std::int64_t> shares;
  for (const auto& share : karim->at("shares").as_array()) {
    shares[share.at("structure_id").as_int64()] = share.at("share_bp").as_int64();
  }
  EXPECT_EQ(shares, (std::map<std::int64_t, std::int64_t>{
                        {alma_, 4000}, {fresnoy_, 3000}, {basse_, 3000}}));
  EXPECT_EQ(karim->at("agreement").at("state").as_string(), "in_force");
  std::map<std::int64_t, std::int64_t> planned;
  for (const auto& part : karim->at("planned").as_array()) {
    planned[part.at("structure_id").as_int64()] = part.at("minutes").as_int64();
  }
  EXPECT_EQ(planned, KarimsNovember());
  EXPECT_GT(planned[fresnoy_], 0);
  // Nothing of the hours worked, the absences or the money crosses, nor Sophie's position,
  // which Iciela (no member) shares with nobody.
  for (const char* never : {"worked", "absence", "cents", "salary", "Sophie", "Responsable RH"}) {
    EXPECT_EQ(view.body.find(never), std::string::npos) << never;
  }
  EXPECT_EQ(view.json.at("positions").as_array().size(), 1u) << view.body;
}

TEST_F(StaffingCollectiveApi, AggregatesCountEachMembersPartUnderDisclosureControl) {
  FresnoyShares("aggregates");
  const Reply view = AsCoordinator();
  // One party no longer shares in full: the position stays out of the list.
  EXPECT_EQ(PositionTitled(view, "Chargé de transition numérique"), nullptr) << view.body;
  EXPECT_EQ(view.body.find("Karim"), std::string::npos);
  // Fresnoy's row counts its one part of a lent position: a count below 5, suppressed with the
  // minutes planned there.
  const json::value* fresnoy = RowOf(view, fresnoy_);
  ASSERT_NE(fresnoy, nullptr) << view.body;
  const auto& lending = fresnoy->at("cells").at(0);
  EXPECT_TRUE(lending.at("suppressed").as_bool());
  EXPECT_TRUE(lending.at("count").is_null());
  EXPECT_TRUE(lending.at("minutes").is_null());
  EXPECT_EQ(lending.at("label").as_string(), "< 5");
  EXPECT_EQ(view.json.at("table").at("threshold").as_int64(), 5);
  // Alma counts its parts of Karim's and of Sophie's positions; Iciela has no row.
  ASSERT_NE(RowOf(view, alma_), nullptr);
  EXPECT_EQ(RowOf(view, iciela_), nullptr);
  for (const auto& row : view.json.at("table").at("rows").as_array()) {
    for (const auto& cell : row.at("cells").as_array()) {
      // Every count the demo has is below the threshold: nothing is published but zeros.
      if (!cell.at("suppressed").as_bool()) {
        EXPECT_EQ(cell.at("count").as_int64(), 0) << row;
      }
    }
  }
}

TEST_F(StaffingCollectiveApi, PrivateLetsNothingOfTheMemberCross) {
  FresnoyShares("private");
  const Reply view = AsCoordinator();
  EXPECT_EQ(PositionTitled(view, "Chargé de transition numérique"), nullptr) << view.body;
  EXPECT_EQ(RowOf(view, fresnoy_), nullptr) << view.body;
  ASSERT_NE(RowOf(view, basse_), nullptr);
  for (const auto& member : view.json.at("members").as_array()) {
    if (member.at("structure_id").as_int64() == fresnoy_) {
      EXPECT_EQ(member.at("level").as_string(), "private");
    }
  }
  // Fresnoy's own people still read their position in their collective's view.
  const Reply own = Get(SignIn(kHelene), path_);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_NE(PositionTitled(own, "Chargé de transition numérique"), nullptr) << own.body;
}

TEST_F(StaffingCollectiveApi, PublicSharingCountsAsFull) {
  FresnoyShares("public");
  const Reply view = AsCoordinator();
  EXPECT_NE(PositionTitled(view, "Chargé de transition numérique"), nullptr) << view.body;
  ASSERT_NE(RowOf(view, fresnoy_), nullptr);
}

TEST_F(StaffingCollectiveApi, OutsidersAreRefusedTheRequestAMemberMakes) {
  // Alma's director, a member, succeeds with the very request the others make.
  const Reply alma = Get(SignIn(demo::kClaire), path_);
  ASSERT_EQ(alma.status, 200) << alma.body;
  EXPECT_NE(PositionTitled(alma, "Chargé de transition numérique"), nullptr);
  // ECHO, Iciela (Sophie's other hat) and the Département are no members: hidden, as missing.
  ExpectRefused(SignIn(demo::kMarc), "GET", path_, nullptr, 404, "not_found", "");
  ExpectRefused(SignInActingFor(demo::kSophie, "Association Iciela"), "GET", path_, nullptr, 404,
                "not_found", "");
  ExpectRefused(SignIn(demo::kAnne), "GET", path_, nullptr, 404, "not_found", "");
  ExpectRefused(SignIn(demo::kClaire), "GET",
                "/api/v1/collectives/999999/staffing/positions?month=2026-11", nullptr, 404,
                "not_found", "");
  const Reply anonymous = Call(nullptr, "GET", path_);
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
}

TEST_F(StaffingCollectiveApi, BadInputIsAnsweredNamingTheField) {
  const Session claire = SignIn(demo::kClaire);
  const std::string base = "/api/v1/collectives/" + connectes_ + "/staffing/positions";
  ExpectRefused(claire, "GET", base, nullptr, 400, "invalid_argument", "month");
  for (const char* month : {"2026-13", "2026-1", "november", "2026-11-01", "%00", "9999999-01"}) {
    ExpectRefused(claire, "GET", base + "?month=" + month, nullptr, 400, "invalid_argument",
                  "month");
  }
  for (const char* id : {"0", "-1", "abc", "1e3", "99999999999999999999"}) {
    ExpectRefused(claire, "GET",
                  std::string("/api/v1/collectives/") + id + "/staffing/positions?month=2026-11",
                  nullptr, 400, "invalid_argument", "id");
  }
}

}  // namespace
}  // namespace ensemble::testing_support
