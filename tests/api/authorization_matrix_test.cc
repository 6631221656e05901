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
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "tests/api/api_fixture.h"
#include "tests/api/demo_people.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

using demo::kAdmin;
using demo::kAnne;
using demo::kClaire;
using demo::kMarc;
using demo::kSophie;
constexpr const char* kDemoPassword = demo::kPassword;
constexpr const char* kUnknownPath = "chemin inconnu de l'API";
constexpr const char* kMissingId = "999999";

// The people who try every route on Alma's records.
enum class Who { kAnonymous, kOtherStructure, kOtherHat, kFunder };

std::string_view Name(Who who) {
  switch (who) {
    case Who::kAnonymous:
      return "nobody signed in";
    case Who::kOtherStructure:
      return "Marc, director of ECHO";
    case Who::kOtherHat:
      return "Sophie wearing her Iciela hat";
    case Who::kFunder:
      return "Anne, Département du Nord";
  }
  return "?";
}

// What one person gets: the status, the error code ("" on success), and for a 404 the exact
// message, which tells the use case's answer from the router's unknown path.
struct Outcome {
  int status = 0;
  std::string code;
  std::string message;  // checked when not empty
};

Outcome Succeeds(int status = 200) { return {status, "", ""}; }
Outcome Unauthenticated() { return {401, "unauthenticated", ""}; }
Outcome Forbidden() { return {403, "permission_denied", ""}; }
Outcome Invalid() { return {400, "invalid_argument", ""}; }
Outcome Hidden(std::string message) { return {404, "not_found", std::move(message)}; }

// Whose session runs the positive control.
enum class Owner { kAlmasDirector, kPlatformAdmin };

struct MatrixCase {
  std::string method;
  std::string pattern;       // as in the routing table
  std::string path;          // the request, aimed at Alma's records
  std::string missing_path;  // the same request on ids that do not exist; "" without ids
  json::value body;
  // One outcome per Who, in the order of its values.
  std::array<Outcome, 4> expected;
  int owner_status = 200;
  // A member of the owner's reply that must be there and not empty (a list's items).
  std::string owner_shows;
  Owner owner = Owner::kAlmasDirector;
  // The owner's body when her request must differ (signing in with the right password).
  std::optional<json::value> owner_body;
  // Text none of the others' replies may contain (a record they must not learn of).
  std::string never_shown;
  // The request ends or changes the session it runs in: it gets one of its own.
  bool own_session = false;

  MatrixCase&& By(Owner who) && {
    owner = who;
    return std::move(*this);
  }
  MatrixCase&& WithOwnerBody(json::value value) && {
    owner_body = std::move(value);
    return std::move(*this);
  }
  MatrixCase&& NeverShowing(std::string text) && {
    never_shown = std::move(text);
    return std::move(*this);
  }
  // The owner's answer is not JSON (a CSV file): it must hold at least so many lines.
  std::size_t owner_lines = 0;
  MatrixCase&& AnsweringLines(std::size_t lines) && {
    owner_lines = lines;
    return std::move(*this);
  }
  MatrixCase&& InItsOwnSession() && {
    own_session = true;
    return std::move(*this);
  }
};

MatrixCase Row(std::string method, std::string pattern, std::string path, std::string missing_path,
               json::value body, std::array<Outcome, 4> expected, int owner_status,
               std::string owner_shows) {
  MatrixCase c;
  c.method = std::move(method);
  c.pattern = std::move(pattern);
  c.path = std::move(path);
  c.missing_path = std::move(missing_path);
  c.body = std::move(body);
  c.expected = std::move(expected);
  c.owner_status = owner_status;
  c.owner_shows = std::move(owner_shows);
  return c;
}

class AuthorizationMatrix : public ApiTest {
 protected:
  std::int64_t FirstPersonnelFileOf(std::int64_t structure) {
    auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
    auto row =
        tx->QueryOne("SELECT min(id) FROM personnel_files WHERE structure_id = ?", {structure})
            .value();
    EXPECT_TRUE(row.has_value() && !row->IsNull(0));
    return row ? row->Int(0) : 0;
  }

  // The public id of a session opened for `email` alone (not the one a test runs in).
  std::string ASessionOf(const std::string& email) {
    const Session opened = SignIn(email);
    const Reply listed = Get(opened, "/api/v1/me/sessions");
    for (const auto& item : listed.json.at("items").as_array()) {
      if (item.at("current").as_bool()) return std::string(item.at("id").as_string());
    }
    ADD_FAILURE() << "no current session in " << listed.body;
    return "";
  }

  // Every route, in the order the tests run them: those that end or change sessions last.
  std::vector<MatrixCase> Cases() {
    const auto alma = std::to_string(StructureId("Centre social Alma"));
    const auto bien_vieillir = std::to_string(CollectiveId("Bien Vieillir"));
    const auto connectes = std::to_string(CollectiveId("Centres sociaux connectés"));
    const auto alma_file = std::to_string(FirstPersonnelFileOf(StructureId("Centre social Alma")));
    const std::string claires_session = ASessionOf(kClaire);
    const auto u = Unauthenticated();
    const auto f = Forbidden();
    const auto structure_hidden = Hidden("structure introuvable");
    const auto file_hidden = Hidden("dossier introuvable");
    const auto collective_hidden = Hidden("collectif introuvable");
    const auto member_hidden = Hidden("collectif ou membre introuvable");
    const auto session_hidden = Hidden("session inconnue");
    const json::value none = nullptr;
    const std::string s = "/api/v1/structures/";
    const std::string c = "/api/v1/collectives/";
    const std::string p = "/api/v1/personnel/";
    return {
        Row("GET", "/healthz", "/healthz", "", none,
            {Succeeds(), Succeeds(), Succeeds(), Succeeds()}, 200, "database"),
        // Each sees her own session, never Claire's.
        Row("GET", "/api/v1/session", "/api/v1/session", "", none,
            {u, Succeeds(), Succeeds(), Succeeds()}, 200, "person")
            .NeverShowing(kClaire),
        // The directory of public cards: every signed-in person.
        Row("GET", "/api/v1/structures", "/api/v1/structures", "", none,
            {u, Succeeds(), Succeeds(), Succeeds()}, 200, "items"),
        Row("POST", "/api/v1/structures", "/api/v1/structures", "",
            json::object{{"kind", "partner"}, {"name", "Pharmacie du Pile"}}, {u, f, f, f}, 201,
            "name")
            .By(Owner::kPlatformAdmin),
        Row("GET", "/api/v1/structures/{id}", s + alma, s + kMissingId, none,
            {u, Succeeds(), Succeeds(), Succeeds()}, 200, "name"),
        // The card is public, so changing it is forbidden rather than hidden.
        Row("PATCH", "/api/v1/structures/{id}", s + alma, s + kMissingId,
            json::object{{"territory", "Alma-Gare – Roubaix"}}, {u, f, f, f}, 200, "territory"),
        Row("GET", "/api/v1/structures/{id}/staff", s + alma + "/staff", s + kMissingId + "/staff",
            none, {u, structure_hidden, structure_hidden, structure_hidden}, 200, "items"),
        Row("GET", "/api/v1/structures/{id}/audit", s + alma + "/audit", s + kMissingId + "/audit",
            none, {u, structure_hidden, structure_hidden, structure_hidden}, 200, "items"),
        Row("GET", "/api/v1/structures/{id}/personnel", s + alma + "/personnel",
            s + kMissingId + "/personnel", none,
            {u, structure_hidden, structure_hidden, structure_hidden}, 200, "items"),
        // The export of the same log: the same decision, so the same answers.
        Row("GET", "/api/v1/structures/{id}/audit.csv", s + alma + "/audit.csv",
            s + kMissingId + "/audit.csv", none,
            {u, structure_hidden, structure_hidden, structure_hidden}, 200, "")
            .AnsweringLines(2),
        // Everybody's sign-ins: the platform administrator's alone.
        Row("GET", "/api/v1/admin/sign-ins", "/api/v1/admin/sign-ins", "", none, {u, f, f, f}, 200,
            "items")
            .By(Owner::kPlatformAdmin),
        // One's own sign-ins and account lines.
        Row("GET", "/api/v1/me/activity", "/api/v1/me/activity", "", none,
            {u, Succeeds(), Succeeds(), Succeeds()}, 200, "items"),
        Row("POST", "/api/v1/structures/{id}/personnel", s + alma + "/personnel",
            s + kMissingId + "/personnel",
            json::object{{"employee_name", "Inès Carré"},
                         {"job_title", "Médiatrice numérique"},
                         {"contract", "CDD"}},
            {u, structure_hidden, structure_hidden, structure_hidden}, 201, "employee_name"),
        Row("GET", "/api/v1/personnel/{id}", p + alma_file, p + kMissingId, none,
            {u, file_hidden, file_hidden, file_hidden}, 200, "employee_name"),
        Row("PATCH", "/api/v1/personnel/{id}", p + alma_file, p + kMissingId,
            json::object{{"notes", "Entretien annuel fait"}, {"version", 1}},
            {u, file_hidden, file_hidden, file_hidden}, 200, "notes"),
        // Each lists her own structure's collectives, never one Alma belongs to without her.
        Row("GET", "/api/v1/collectives", "/api/v1/collectives", "", none,
            {u, Succeeds(), Succeeds(), Succeeds()}, 200, "items")
            .NeverShowing("Centres sociaux connectés"),
        // Alma is a member of « Centres sociaux connectés »; none of the others' structures is.
        Row("GET", "/api/v1/collectives/{id}", c + connectes, c + kMissingId, none,
            {u, collective_hidden, collective_hidden, collective_hidden}, 200, "members"),
        Row("GET", "/api/v1/collectives/{id}/sharing", c + connectes + "/sharing",
            c + kMissingId + "/sharing", none,
            {u, collective_hidden, collective_hidden, collective_hidden}, 200, "members"),
        // ECHO is a member of « Bien Vieillir » and sees Alma's sharing there: forbidden.
        // Iciela and the Département are not members: hidden.
        Row("PUT", "/api/v1/collectives/{id}/sharing/{structure_id}",
            c + bien_vieillir + "/sharing/" + alma, c + kMissingId + "/sharing/" + alma,
            json::object{{"levels", json::object{{"partners", "full"}}}},
            {u, f, member_hidden, member_hidden}, 200, "levels"),
        Row("PUT", "/api/v1/collectives/{id}/members/{structure_id}/referent",
            c + bien_vieillir + "/members/" + alma + "/referent",
            c + kMissingId + "/members/" + alma + "/referent", json::object{{"person_id", nullptr}},
            {u, f, member_hidden, member_hidden}, 200, "structure_name"),
        // One's own session: choosing Alma is refused to whoever has no role there; Sophie has
        // one, so her request succeeds and switches her own session.
        Row("PUT", "/api/v1/session/acting-structure", "/api/v1/session/acting-structure", "",
            json::object{{"structure_id", StructureId("Centre social Alma")}},
            {u, f, Succeeds(), f}, 200, "acting_roles")
            .InItsOwnSession(),
        // Signing in as Claire needs her password: the others try a wrong one.
        Row("POST", "/api/v1/session", "/api/v1/session", "",
            json::object{{"email", kClaire}, {"password", "not-her-password"}}, {u, u, u, u}, 200,
            "csrf_token")
            .WithOwnerBody(json::object{{"email", kClaire}, {"password", kDemoPassword}})
            .InItsOwnSession(),
        Row("DELETE", "/api/v1/session", "/api/v1/session", "", none,
            {u, Succeeds(204), Succeeds(204), Succeeds(204)}, 204, "")
            .InItsOwnSession(),
        // Each lists her own sessions. Ending one of Claire's by its id answers exactly as an
        // unknown id (decided by the session use cases).
        Row("GET", "/api/v1/me/sessions", "/api/v1/me/sessions", "", none,
            {u, Succeeds(), Succeeds(), Succeeds()}, 200, "items")
            .NeverShowing(claires_session),
        Row("DELETE", "/api/v1/me/sessions/{session_id}", "/api/v1/me/sessions/" + claires_session,
            "/api/v1/me/sessions/unknown", none,
            {u, session_hidden, session_hidden, session_hidden}, 204, ""),
        // Ends every session of the caller, the others too: after every route that needs them.
        Row("DELETE", "/api/v1/me/sessions", "/api/v1/me/sessions", "", none,
            {u, Succeeds(), Succeeds(), Succeeds()}, 200, "ended")
            .InItsOwnSession(),
        // A session alone does not change a password: the current one is needed. Last, since
        // the owner's change ends her other sessions.
        Row("PUT", "/api/v1/me/password", "/api/v1/me/password", "",
            json::object{{"current_password", "not-her-password"},
                         {"new_password", "un-nouveau-mot-de-passe"}},
            {u, Invalid(), Invalid(), Invalid()}, 204, "")
            .WithOwnerBody(json::object{{"current_password", kDemoPassword},
                                        {"new_password", "un-nouveau-mot-de-passe"}})
            .InItsOwnSession(),
    };
  }
  Session Open(Who who) {
    switch (who) {
      case Who::kAnonymous:
        return Session{};
      case Who::kOtherStructure:
        return SignIn(kMarc);
      case Who::kOtherHat:
        return SignInActingFor(kSophie, "Association Iciela");
      case Who::kFunder: {
        Session anne = SignIn(kAnne);
        EXPECT_EQ(anne.acting, StructureId("Département du Nord"));
        return anne;
      }
    }
    return Session{};
  }

  Reply Request(const Session& who, const std::string& method, const std::string& path,
                const json::value& body) {
    if (method == "GET" && body.is_null()) return Get(who, path);
    return Send(who, method, path, body);
  }

  static std::string Describe(Who who, const MatrixCase& c) {
    return fmt::format("{}: {} {}", Name(who), c.method, c.path);
  }

  void ExpectOutcome(const Reply& reply, const Outcome& want, const std::string& what) {
    EXPECT_EQ(reply.status, want.status) << what << " answered " << reply.body;
    EXPECT_EQ(reply.ErrorCode(), want.code) << what << " answered " << reply.body;
    if (reply.json.is_object() && reply.json.as_object().contains("error")) {
      const std::string message(reply.json.at("error").at("message").as_string());
      EXPECT_NE(message, kUnknownPath) << what << ": the router's own 404";
      if (!want.message.empty()) {
        EXPECT_EQ(message, want.message) << what;
      }
    }
  }

  // The member the owner's reply must show, not empty: a list with items, a text, an object.
  static void ExpectShown(const Reply& reply, const std::string& member, const std::string& what) {
    ASSERT_TRUE(reply.json.is_object()) << what << ": " << reply.body;
    const auto* value = reply.json.as_object().if_contains(member);
    ASSERT_NE(value, nullptr) << what << " has no " << member << ": " << reply.body;
    if (value->is_array()) {
      EXPECT_FALSE(value->as_array().empty()) << what << ": empty " << member;
    } else if (value->is_string()) {
      EXPECT_FALSE(value->as_string().empty()) << what << ": empty " << member;
    } else if (value->is_object()) {
      EXPECT_FALSE(value->as_object().empty()) << what << ": empty " << member;
    } else {
      EXPECT_FALSE(value->is_null()) << what << ": null " << member;
    }
  }

  // Runs every route as `who`, then the owner's same request as the positive control.
  void RunAs(Who who) {
    const std::size_t index = static_cast<std::size_t>(who);
    Session actor = Open(who);
    Session claire = SignIn(kClaire);
    Session admin = SignIn(kAdmin);
    for (const MatrixCase& c : Cases()) {
      const std::string what = Describe(who, c);
      const Outcome& want = c.expected[index];
      const Session session = c.own_session ? Open(who) : actor;
      const std::string before = SnapshotData();
      const Reply reply = Request(session, c.method, c.path, c.body);
      ExpectOutcome(reply, want, what);
      EXPECT_EQ(SnapshotData(), before) << what << " changed stored data";
      if (!c.never_shown.empty()) {
        EXPECT_EQ(reply.body.find(c.never_shown), std::string::npos)
            << what << " shows " << c.never_shown;
      }
      // A hidden record answers exactly as a missing one: same status, same body.
      if (want.status == 404 && !c.missing_path.empty()) {
        const Reply missing = Request(session, c.method, c.missing_path, c.body);
        EXPECT_EQ(missing.status, reply.status) << what << " vs " << c.missing_path;
        EXPECT_EQ(missing.body, reply.body) << what << " vs " << c.missing_path;
      }

      // The positive control: the same path, by its owner, succeeds.
      Session owner = c.owner == Owner::kPlatformAdmin ? admin : claire;
      if (c.own_session) owner = SignIn(c.owner == Owner::kPlatformAdmin ? kAdmin : kClaire);
      const Reply control = Request(owner, c.method, c.path, c.owner_body.value_or(c.body));
      const std::string control_what = fmt::format("the owner's {} {}", c.method, c.path);
      EXPECT_EQ(control.status, c.owner_status) << control_what << " answered " << control.body;
      if (!c.owner_shows.empty()) ExpectShown(control, c.owner_shows, control_what);
      if (c.owner_lines > 0) {
        const auto lines =
            static_cast<std::size_t>(std::count(control.body.begin(), control.body.end(), '\n'));
        EXPECT_GE(lines, c.owner_lines) << control_what << " answered " << control.body;
      }
    }
  }
};

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
  const Reply reply = Get(marc, "/api/v1/structures/1/staf");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.json.at("error").at("message").as_string(), kUnknownPath);
}

}  // namespace
}  // namespace ensemble::testing_support
