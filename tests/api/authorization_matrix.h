// The authorisation matrix's vocabulary, shared by its test
// (tests/api/authorization_matrix_test.cc) and each module's rows
// (tests/<module>/authorization_matrix_rows.cc).
#pragma once

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

namespace json = boost::json;

using demo::kAdmin;
using demo::kAnne;
using demo::kClaire;
using demo::kMarc;
using demo::kSophie;
inline constexpr const char* kDemoPassword = demo::kPassword;
inline constexpr const char* kUnknownPath = "chemin inconnu de l'API";
inline constexpr const char* kMissingId = "999999";

// The people who try every route on Alma's records.
enum class Who { kAnonymous, kOtherStructure, kOtherHat, kFunder };

inline std::string_view Name(Who who) {
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

inline Outcome Succeeds(int status = 200) { return {status, "", ""}; }
inline Outcome Unauthenticated() { return {401, "unauthenticated", ""}; }
inline Outcome Forbidden() { return {403, "permission_denied", ""}; }
inline Outcome Invalid() { return {400, "invalid_argument", ""}; }
inline Outcome Hidden(std::string message) { return {404, "not_found", std::move(message)}; }

// Whose session runs the positive control.
// kLentOfficer: Karim Haddad, Alma's digital-transition officer, for his own days.
enum class Owner { kAlmasDirector, kPlatformAdmin, kLentOfficer };
inline constexpr const char* kKarim = "karim.haddad@alma.example.org";

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
  // A body that is not JSON (an uploaded file), with its Content-Type: the others send
  // `raw_body`, the owner `owner_raw_body` (the same when empty).
  std::optional<std::string> raw_body;
  std::string raw_type;
  std::optional<std::string> owner_raw_body;
  MatrixCase&& WithRawBody(std::string type, std::string others, std::string owners) && {
    raw_type = std::move(type);
    raw_body = std::move(others);
    owner_raw_body = std::move(owners);
    return std::move(*this);
  }
};

inline MatrixCase Row(std::string method, std::string pattern, std::string path,
                      std::string missing_path, json::value body, std::array<Outcome, 4> expected,
                      int owner_status, std::string owner_shows) {
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

  // Every route, in the order the tests run them: each module's rows (one line per module in
  // authorization_matrix_test.cc), those that end or change sessions last.
  std::vector<MatrixCase> Cases();
  // The tenancy module's rows (tests/tenancy/authorization_matrix_rows.cc).
  std::vector<MatrixCase> TenancyRows();
  // The staffing module's rows (tests/staffing/authorization_matrix_rows.cc).
  std::vector<MatrixCase> StaffingRows();
  // The notifications' rows (tests/notifications/authorization_matrix_rows.cc).
  std::vector<MatrixCase> NotificationRows();
  // The calendar feeds' rows (tests/calendarfeeds/authorization_matrix_rows.cc).
  std::vector<MatrixCase> CalendarFeedRows();
  // The surveys module's rows (tests/surveys/authorization_matrix_rows.cc).
  std::vector<MatrixCase> SurveysRows();

  // A notification for `email`'s person with that link, as a module would send it; its id.
  std::int64_t ANotificationOf(const std::string& email, const std::string& link) {
    const Session session = SignIn(email);
    const std::int64_t person = session.json.at("person").at("id").as_int64();
    auto id = db_->InTransaction(storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
                                 [&](storage::Transaction& tx) -> Result<std::int64_t> {
                                   ENSEMBLE_TRY(router_->modules().notifications.Notify(
                                       tx, person, "deadline_soon", {}, link, std::nullopt));
                                   const auto page = ENSEMBLE_TRY(
                                       tx.Notifications().ListNotifications(person, true, {0, 1}));
                                   if (page.items.empty())
                                     return Fail(ErrorCode::kInternal, "no notification written");
                                   return page.items.front().id;
                                 });
    EXPECT_TRUE(id.has_value()) << id.error().message;
    return id.value_or(0);
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
    if ((method == "GET" || method == "HEAD") && body.is_null()) return Call(&who, method, path);
    return Send(who, method, path, body);
  }
  // The case's request as `who` sends it; `owner` says whether it is the positive control.
  Reply Request(const Session& who, const MatrixCase& c, const std::string& path, bool owner) {
    if (c.raw_body) {
      const std::string& body = owner && c.owner_raw_body ? *c.owner_raw_body : *c.raw_body;
      return Call(&who, c.method, path, body,
                  {{"X-CSRF-Token", who.csrf}, {"Content-Type", c.raw_type}});
    }
    return Request(who, c.method, path, owner ? c.owner_body.value_or(c.body) : c.body);
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
    Session karim = SignIn(kKarim);
    for (const MatrixCase& c : Cases()) {
      const std::string what = Describe(who, c);
      const Outcome& want = c.expected[index];
      const Session session = c.own_session ? Open(who) : actor;
      const std::string before = SnapshotData();
      const Reply reply = Request(session, c, c.path, false);
      ExpectOutcome(reply, want, what);
      EXPECT_EQ(SnapshotData(), before) << what << " changed stored data";
      if (!c.never_shown.empty()) {
        EXPECT_EQ(reply.body.find(c.never_shown), std::string::npos)
            << what << " shows " << c.never_shown;
      }
      // A hidden record answers exactly as a missing one: same status, same body.
      if (want.status == 404 && !c.missing_path.empty()) {
        const Reply missing = Request(session, c, c.missing_path, false);
        EXPECT_EQ(missing.status, reply.status) << what << " vs " << c.missing_path;
        EXPECT_EQ(missing.body, reply.body) << what << " vs " << c.missing_path;
      }

      // The positive control: the same path, by its owner, succeeds.
      Session owner = c.owner == Owner::kPlatformAdmin ? admin : claire;
      if (c.owner == Owner::kLentOfficer) owner = karim;
      if (c.own_session) owner = SignIn(c.owner == Owner::kPlatformAdmin ? kAdmin : kClaire);
      const Reply control = Request(owner, c, c.path, true);
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

}  // namespace ensemble::testing_support
