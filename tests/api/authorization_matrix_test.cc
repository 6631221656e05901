// The authorisation matrix: for every route of the API, a person of a structure that does not
// own the record (Marc, director of ECHO) and the multi-employer HR manager acting for her other
// employer (Sophie, wearing the Iciela hat) try it on Alma's records, are refused, and no
// stored data changes. A route added to the router without a line here fails the test.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "tests/api/api_fixture.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

enum class Expect {
  kRefused,       // 403 or 404, and nothing changes
  kNotOwnedData,  // the route serves no record of Alma's (own session, public directory card)
};

struct MatrixCase {
  std::string method;
  std::string pattern;  // as in the routing table
  std::string path;     // the concrete request, aimed at Alma's records
  json::value body;
  Expect expect;
  std::string why;  // for kNotOwnedData: why there is nothing to refuse
};

class AuthorizationMatrix : public ApiTest {
 protected:
  std::vector<MatrixCase> Cases() {
    const auto alma = std::to_string(StructureId("Centre social Alma"));
    const auto bien_vieillir = std::to_string(CollectiveId("Bien Vieillir"));
    const auto connectes = std::to_string(CollectiveId("Centres sociaux connectés"));
    Session claire = SignIn("claire.dumont@alma.example.org");
    const Reply files = Get(claire, "/api/v1/structures/" + alma + "/personnel");
    const auto alma_file =
        std::to_string(files.json.at("items").as_array().at(0).at("id").as_int64());
    const json::value no_body = nullptr;
    return {
        {"GET", "/healthz", "/healthz", no_body, Expect::kNotOwnedData, "public health check"},
        {"POST", "/api/v1/session", "/api/v1/session", no_body, Expect::kNotOwnedData,
         "signing in opens one's own session"},
        {"GET", "/api/v1/session", "/api/v1/session", no_body, Expect::kNotOwnedData,
         "one's own session"},
        {"DELETE", "/api/v1/session", "/api/v1/session", no_body, Expect::kNotOwnedData,
         "one's own session"},
        {"PUT", "/api/v1/session/acting-structure", "/api/v1/session/acting-structure",
         json::object{{"structure_id", StructureId("Centre social ECHO")}}, Expect::kNotOwnedData,
         "choosing a hat among one's own roles; refusals tested in api_test"},
        {"PUT", "/api/v1/me/password", "/api/v1/me/password",
         json::object{{"current_password", "wrong"}, {"new_password", "long-enough-password"}},
         Expect::kNotOwnedData, "one's own password"},
        {"GET", "/api/v1/me/sessions", "/api/v1/me/sessions", no_body, Expect::kNotOwnedData,
         "one's own sessions"},
        {"DELETE", "/api/v1/me/sessions", "/api/v1/me/sessions", no_body, Expect::kNotOwnedData,
         "one's own sessions"},
        {"DELETE", "/api/v1/me/sessions/{session_id}", "/api/v1/me/sessions/unknown", no_body,
         Expect::kNotOwnedData,
         "one's own sessions; another person's session id is tested in sign_in_test"},
        {"GET", "/api/v1/me/activity", "/api/v1/me/activity", no_body, Expect::kNotOwnedData,
         "one's own sign-ins; scoped to the person in audit_api_test"},
        {"GET", "/api/v1/admin/sign-ins", "/api/v1/admin/sign-ins", no_body, Expect::kRefused, ""},
        {"GET", "/api/v1/structures", "/api/v1/structures", no_body, Expect::kNotOwnedData,
         "the directory of public profiles"},
        {"POST", "/api/v1/structures", "/api/v1/structures",
         json::object{{"kind", "partner"}, {"name", "Forged"}}, Expect::kRefused, ""},
        {"GET", "/api/v1/structures/{id}", "/api/v1/structures/" + alma, no_body,
         Expect::kNotOwnedData, "a public directory card"},
        {"PATCH", "/api/v1/structures/{id}", "/api/v1/structures/" + alma,
         json::object{{"territory", "Forged"}}, Expect::kRefused, ""},
        {"GET", "/api/v1/structures/{id}/staff", "/api/v1/structures/" + alma + "/staff", no_body,
         Expect::kRefused, ""},
        {"GET", "/api/v1/structures/{id}/audit", "/api/v1/structures/" + alma + "/audit", no_body,
         Expect::kRefused, ""},
        {"GET", "/api/v1/structures/{id}/audit.csv", "/api/v1/structures/" + alma + "/audit.csv",
         no_body, Expect::kRefused, ""},
        {"GET", "/api/v1/structures/{id}/personnel", "/api/v1/structures/" + alma + "/personnel",
         no_body, Expect::kRefused, ""},
        {"POST", "/api/v1/structures/{id}/personnel", "/api/v1/structures/" + alma + "/personnel",
         json::object{{"employee_name", "Forged"}, {"job_title", "x"}, {"contract", "CDI"}},
         Expect::kRefused, ""},
        {"GET", "/api/v1/personnel/{id}", "/api/v1/personnel/" + alma_file, no_body,
         Expect::kRefused, ""},
        {"PATCH", "/api/v1/personnel/{id}", "/api/v1/personnel/" + alma_file,
         json::object{{"notes", "Forged"}, {"version", 1}}, Expect::kRefused, ""},
        {"GET", "/api/v1/collectives", "/api/v1/collectives", no_body, Expect::kNotOwnedData,
         "lists the acting structure's own collectives; scoped in api_test"},
        {"GET", "/api/v1/collectives/{id}", "/api/v1/collectives/" + connectes, no_body,
         Expect::kRefused, ""},
        {"GET", "/api/v1/collectives/{id}/sharing", "/api/v1/collectives/" + connectes + "/sharing",
         no_body, Expect::kRefused, ""},
        {"PUT", "/api/v1/collectives/{id}/sharing/{structure_id}",
         "/api/v1/collectives/" + bien_vieillir + "/sharing/" + alma,
         json::object{{"levels", json::object{{"partners", "public"}}}}, Expect::kRefused, ""},
        {"PUT", "/api/v1/collectives/{id}/members/{structure_id}/referent",
         "/api/v1/collectives/" + bien_vieillir + "/members/" + alma + "/referent",
         json::object{{"person_id", nullptr}}, Expect::kRefused, ""},
    };
  }

  void ExpectRefused(const Session& who, const MatrixCase& c) {
    const std::string before = SnapshotData();
    const Reply reply = c.body.is_null() && c.method == "GET" ? Get(who, c.path)
                                                              : Send(who, c.method, c.path, c.body);
    EXPECT_TRUE(reply.status == 403 || reply.status == 404)
        << who.json.at("person").at("display_name").as_string() << " " << c.method << " " << c.path
        << " answered " << reply.status << " " << reply.body;
    EXPECT_TRUE(reply.ErrorCode() == "permission_denied" || reply.ErrorCode() == "not_found")
        << c.method << " " << c.path;
    EXPECT_EQ(SnapshotData(), before) << c.method << " " << c.path << " changed stored data";
  }
};

TEST_F(AuthorizationMatrix, CoversEveryRoute) {
  std::set<std::pair<std::string, std::string>> in_router;
  for (const auto& route : router_->routes()) in_router.emplace(route.method, route.pattern);
  std::set<std::pair<std::string, std::string>> in_matrix;
  for (const auto& c : Cases()) {
    in_matrix.emplace(c.method, c.pattern);
    if (c.expect == Expect::kNotOwnedData) {
      EXPECT_FALSE(c.why.empty()) << c.pattern;
    }
  }
  EXPECT_EQ(in_router, in_matrix);
}

TEST_F(AuthorizationMatrix, AnotherStructuresDirectorIsRefusedEverywhere) {
  Session marc = SignIn("marc.lefebvre@echo.example.org");
  for (const auto& c : Cases()) {
    if (c.expect == Expect::kRefused) ExpectRefused(marc, c);
  }
}

TEST_F(AuthorizationMatrix, TheHrManagerWearingHerOtherHatIsRefusedEverywhere) {
  Session sophie = SignInActingFor("sophie.lambert@rh.example.org", "Association Iciela");
  for (const auto& c : Cases()) {
    if (c.expect == Expect::kRefused) ExpectRefused(sophie, c);
  }
}

TEST_F(AuthorizationMatrix, TheListOfCollectivesIsScopedToTheActingStructure) {
  Session marc = SignIn("marc.lefebvre@echo.example.org");
  const Reply reply = Get(marc, "/api/v1/collectives");
  ASSERT_EQ(reply.status, 200);
  for (const auto& item : reply.json.at("items").as_array()) {
    EXPECT_EQ(item.at("name").as_string(), "Bien Vieillir");
  }
}

}  // namespace
}  // namespace ensemble::testing_support
