// The authorisation matrix: every route of the routing table, tried by every kind of person who
// does not own the record (nobody signed in, the director of another structure, the
// multi-employer HR manager wearing her other hat, a funder) on Alma's records, with the exact
// status and error code each gets; then the owner's same request, which must succeed, and with
// something in it where a list is expected, so that no check passes on an empty answer.
//
// Three more things keep a case from passing by accident: a refused request changes no stored
// data; a hidden record answers exactly as a missing one (the same request on ids that do not
// exist gets the same status and body); and a 404 carries the use case's own message, never the
// router's "unknown path" one. A route of the routing table without a row here fails the test.
#include "tests/api/authorization_matrix.h"

namespace ensemble::testing_support {

std::vector<MatrixCase> AuthorizationMatrix::Cases() {
  std::vector<MatrixCase> cases;
  // One line per module and per shared component; tenancy's last, since its rows end with
  // those that end or change the sessions the others run in.
  for (auto& row : StaffingRows()) cases.push_back(std::move(row));
  for (auto& row : SurveysRows()) cases.push_back(std::move(row));
  for (auto& row : NotificationRows()) cases.push_back(std::move(row));
  for (auto& row : CalendarFeedRows()) cases.push_back(std::move(row));
  for (auto& row : TenancyRows()) cases.push_back(std::move(row));
  return cases;
}

namespace {

TEST_F(AuthorizationMatrix, CoversEveryRouteOfTheRoutingTable) {
  std::set<std::pair<std::string, std::string>> in_router;
  for (const auto& route : router_->routes()) in_router.emplace(route.method, route.pattern);
  std::set<std::pair<std::string, std::string>> in_matrix;
  for (const auto& c : Cases()) {
    EXPECT_TRUE(in_matrix.emplace(c.method, c.pattern).second)
        << c.method << " " << c.pattern << " twice";
    // Every route that takes an id says what its missing twin is.
    EXPECT_EQ(c.pattern.find('{') != std::string::npos, !c.missing_path.empty()) << c.pattern;
  }
  EXPECT_EQ(in_router, in_matrix);
}

TEST_F(AuthorizationMatrix, NobodySignedIn) { RunAs(Who::kAnonymous); }

TEST_F(AuthorizationMatrix, TheDirectorOfAnotherStructure) { RunAs(Who::kOtherStructure); }

TEST_F(AuthorizationMatrix, TheMultiEmployerHrManagerWearingHerOtherHat) { RunAs(Who::kOtherHat); }

TEST_F(AuthorizationMatrix, AFunder) { RunAs(Who::kFunder); }

// docs/openapi.json documents every status the matrix expects of each route.
TEST_F(AuthorizationMatrix, EveryStatusItStatesIsDocumented) {
  std::ifstream file(std::string(ENSEMBLE_SOURCE_DIR) + "/docs/openapi.json");
  std::stringstream text;
  text << file.rdbuf();
  const json::value spec = json::parse(text.str());
  for (const MatrixCase& c : Cases()) {
    std::string method = c.method;
    for (char& letter : method) letter = static_cast<char>(std::tolower(letter));
    const auto& responses = spec.at("paths").at(c.pattern).at(method).at("responses").as_object();
    std::set<int> statuses{c.owner_status};
    for (const Outcome& outcome : c.expected) statuses.insert(outcome.status);
    for (const int status : statuses) {
      EXPECT_TRUE(responses.contains(std::to_string(status)))
          << c.method << " " << c.pattern << " does not document " << status;
    }
  }
}

// The control must be able to fail: the router's own 404 is not taken for a hidden record.
TEST_F(AuthorizationMatrix, AnUnknownPathIsNotAHiddenRecord) {
  Session marc = SignIn(kMarc);
  const Reply reply =
      CallOutsideApi("a path no route serves", &marc, "GET", "/api/v1/structures/1/staf");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.json.at("error").at("message").as_string(), kUnknownPath);
}

}  // namespace
}  // namespace ensemble::testing_support
