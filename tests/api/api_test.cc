// The JSON API over HTTP: sign-in, sessions, CSRF, structures, collectives, sharing, personnel
// files and the audit log, with the bad input of each endpoint and the refusals of the wrong hat.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/api/api_fixture.h"
#include "tests/support/openapi_contract.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

constexpr const char* kClaire = "claire.dumont@alma.example.org";
constexpr const char* kSophie = "sophie.lambert@rh.example.org";
constexpr const char* kMarc = "marc.lefebvre@echo.example.org";
constexpr const char* kAdmin = "admin@ensemble.example.org";
constexpr const char* kAlma = "Centre social Alma";
constexpr const char* kIciela = "Association Iciela";

std::string Path(std::string_view prefix, std::int64_t id, std::string_view suffix = "") {
  return std::string(prefix) + std::to_string(id) + std::string(suffix);
}

TEST_F(ApiTest, HealthReportsTheBackendAndSchema) {
  const Reply reply = Call(nullptr, "GET", "/healthz");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json.at("database").as_string(), TestBackend());
  EXPECT_EQ(reply.json.at("schema_version").as_int64(), db_->LatestSchemaVersion());
}

TEST_F(ApiTest, MapSettingsSayThatNoTileServerIsSet) {
  // Public, like the pages that show a map before anybody signs in. With --map-tiles the
  // browser tests (web/e2e/chart-map.test.mjs) see the URL and the policy allowing it.
  const Reply reply = Call(nullptr, "GET", "/api/v1/map-settings");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.json.at("tile_url").is_null());
  EXPECT_EQ(reply.json.at("attribution").as_string(), "");
  EXPECT_FALSE(reply.json.at("configured").as_bool());
}

TEST_F(ApiTest, SignInSetsAProtectedCookieAndChoosesTheOnlyHat) {
  const Reply reply =
      Call(nullptr, "POST", "/api/v1/session",
           R"({"email":"Claire.Dumont@alma.example.org","password":"ensemble-demo-2026"})",
           {{"Content-Type", "application/json"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string cookie = reply.headers.at("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // no TLS in this test
  EXPECT_EQ(reply.json.at("acting_structure_id").as_int64(), StructureId(kAlma));
  EXPECT_EQ(reply.json.at("acting_roles").as_array().at(0).as_string(), "director");
  EXPECT_FALSE(reply.json.at("csrf_token").as_string().empty());
}

TEST_F(ApiTest, SignInRefusesBadInputWithThePreciseField) {
  const std::map<std::string, std::string> json_type{{"Content-Type", "application/json"}};
  struct Case {
    std::string body;
    int status;
    std::string code;
    std::string field;
  };
  const Case cases[] = {
      {R"({"email":"claire.dumont@alma.example.org","password":"wrong-password"})", 401,
       "unauthenticated", ""},
      {R"({"email":"nobody@alma.example.org","password":"ensemble-demo-2026"})", 401,
       "unauthenticated", ""},
      {R"({"email":"claire.dumont@alma.example.org"})", 400, "invalid_argument", "password"},
      {R"({"email":42,"password":"x"})", 400, "invalid_argument", "email"},
      {R"({"email":"not-an-email","password":"x"})", 400, "invalid_argument", "email"},
      {R"({"email":"a@b.org","password":"x","remember":true})", 400, "invalid_argument",
       "remember"},
      {R"({"email": )", 400, "invalid_argument", ""},
      {R"(["email"])", 400, "invalid_argument", ""},
  };
  for (const Case& c : cases) {
    const Reply reply = Call(nullptr, "POST", "/api/v1/session", c.body, json_type);
    EXPECT_EQ(reply.status, c.status) << c.body;
    EXPECT_EQ(reply.ErrorCode(), c.code) << c.body;
    EXPECT_EQ(reply.ErrorField(), c.field) << c.body;
    EXPECT_FALSE(reply.json.at("error").at("message").as_string().empty());
  }
  const Reply form = Call(nullptr, "POST", "/api/v1/session", "email=a", {});
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(form.ErrorCode(), "unsupported_media_type");
}

TEST_F(ApiTest, SignInFromAnotherOriginIsRefused) {
  const Reply reply =
      Call(nullptr, "POST", "/api/v1/session",
           R"({"email":"claire.dumont@alma.example.org","password":"ensemble-demo-2026"})",
           {{"Content-Type", "application/json"}, {"Origin", "https://evil.example.org"}});
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.ErrorCode(), "csrf_failed");
}

TEST_F(ApiTest, RepeatedFailuresThrottleTheAccountUntilTheWindowPasses) {
  const std::string wrong = R"({"email":"claire.dumont@alma.example.org","password":"nope-nope"})";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        Call(nullptr, "POST", "/api/v1/session", wrong, {{"Content-Type", "application/json"}})
            .status,
        401);
  }
  const std::string right =
      R"({"email":"claire.dumont@alma.example.org","password":"ensemble-demo-2026"})";
  const Reply throttled =
      Call(nullptr, "POST", "/api/v1/session", right, {{"Content-Type", "application/json"}});
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.ErrorCode(), "too_many_requests");
  // Another account from the same address is not locked by Claire's failures.
  EXPECT_EQ(SignIn(kMarc).acting, StructureId("Centre social ECHO"));
  clock_.Advance(16LL * 60 * 1000);
  EXPECT_EQ(Call(nullptr, "POST", "/api/v1/session", right, {{"Content-Type", "application/json"}})
                .status,
            200);
}

TEST_F(ApiTest, SessionsExpireWhenIdleAndAfterTwelveHours) {
  Session claire = SignIn(kClaire);
  clock_.Advance(29LL * 60 * 1000);
  EXPECT_EQ(Get(claire, "/api/v1/session").status, 200);
  clock_.Advance(31LL * 60 * 1000);
  const Reply idle = Get(claire, "/api/v1/session");
  EXPECT_EQ(idle.status, 401);
  EXPECT_EQ(idle.ErrorCode(), "unauthenticated");
  EXPECT_NE(idle.headers.at("set-cookie").find("Max-Age=0"), std::string::npos);

  Session active = SignIn(kClaire);
  for (int i = 0; i < 25; ++i) {  // active every 29 minutes for 12 h 5 min
    clock_.Advance(29LL * 60 * 1000);
    const int status = Get(active, "/api/v1/session").status;
    if (i < 24) {
      ASSERT_EQ(status, 200) << i;
    } else {
      EXPECT_EQ(status, 401);
    }
  }
}

TEST_F(ApiTest, StateChangesNeedTheSessionsCsrfToken) {
  Session claire = SignIn(kClaire);
  const std::string before = SnapshotData();
  const std::string target = Path("/api/v1/structures/", claire.acting);
  const std::string body = R"({"territory":"Forged"})";
  const Reply missing =
      Call(&claire, "PATCH", target, body, {{"Content-Type", "application/json"}});
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.ErrorCode(), "csrf_failed");
  const Session old = SignIn(kClaire);
  ASSERT_EQ(Send(old, "DELETE", "/api/v1/session", nullptr).status, 204);
  const Reply stale = Call(&claire, "PATCH", target, body,
                           {{"Content-Type", "application/json"}, {"X-CSRF-Token", old.csrf}});
  EXPECT_EQ(stale.status, 403);
  EXPECT_EQ(stale.ErrorCode(), "csrf_failed");
  EXPECT_EQ(SnapshotData(), before);
}

TEST_F(ApiTest, SignOutEndsTheSession) {
  Session claire = SignIn(kClaire);
  EXPECT_EQ(Send(claire, "DELETE", "/api/v1/session", nullptr).status, 204);
  EXPECT_EQ(Get(claire, "/api/v1/session").status, 401);
  EXPECT_EQ(Call(nullptr, "GET", "/api/v1/structures").status, 401);
}

TEST_F(ApiTest, PasswordChangeChecksTheCurrentOneAndClosesOtherSessions) {
  Session here = SignIn(kClaire);
  Session elsewhere = SignIn(kClaire);
  Reply wrong =
      Send(here, "PUT", "/api/v1/me/password",
           json::object{{"current_password", "nope"}, {"new_password", "a-new-password-1"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.ErrorField(), "current_password");
  Reply short_one =
      Send(here, "PUT", "/api/v1/me/password",
           json::object{{"current_password", "ensemble-demo-2026"}, {"new_password", "short"}});
  EXPECT_EQ(short_one.status, 400);
  EXPECT_EQ(short_one.ErrorField(), "new_password");
  EXPECT_EQ(Send(here, "PUT", "/api/v1/me/password",
                 json::object{{"current_password", "ensemble-demo-2026"},
                              {"new_password", "a-new-password-1"}})
                .status,
            204);
  EXPECT_EQ(Get(here, "/api/v1/session").status, 200);
  EXPECT_EQ(Get(elsewhere, "/api/v1/session").status, 401);
  EXPECT_EQ(SignIn(kClaire, "a-new-password-1").acting, StructureId(kAlma));
}

TEST_F(ApiTest, TheMultiEmployerHrManagerSeesOnlyTheEmployerSheActsFor) {
  Session sophie = SignIn(kSophie);
  EXPECT_EQ(sophie.json.at("acting_structure_id"), nullptr);
  EXPECT_EQ(sophie.json.at("hats").as_array().size(), 2u);
  const auto alma = StructureId(kAlma);
  const auto iciela = StructureId(kIciela);
  // No hat chosen yet: no personnel file at all.
  EXPECT_EQ(Get(sophie, Path("/api/v1/structures/", alma, "/personnel")).status, 403);

  ASSERT_EQ(
      Send(sophie, "PUT", "/api/v1/session/acting-structure", json::object{{"structure_id", alma}})
          .status,
      200);
  const Reply alma_files = Get(sophie, Path("/api/v1/structures/", alma, "/personnel"));
  ASSERT_EQ(alma_files.status, 200);
  for (const auto& file : alma_files.json.at("items").as_array()) {
    EXPECT_EQ(file.at("structure_id").as_int64(), alma);
  }
  // Iciela's personnel, while wearing the Alma hat: hidden, as if Iciela had none.
  const Reply other_hat = Get(sophie, Path("/api/v1/structures/", iciela, "/personnel"));
  EXPECT_EQ(other_hat.status, 404);
  EXPECT_EQ(other_hat.ErrorCode(), "not_found");

  ASSERT_EQ(Send(sophie, "PUT", "/api/v1/session/acting-structure",
                 json::object{{"structure_id", iciela}})
                .status,
            200);
  const Reply iciela_files = Get(sophie, Path("/api/v1/structures/", iciela, "/personnel"));
  ASSERT_EQ(iciela_files.status, 200);
  bool saw_leila = false;
  for (const auto& file : iciela_files.json.at("items").as_array()) {
    EXPECT_EQ(file.at("structure_id").as_int64(), iciela);
    saw_leila = saw_leila || file.at("employee_name").as_string() == "Leïla Mansouri";
  }
  EXPECT_TRUE(saw_leila);
  // An Alma file by its id, while wearing the Iciela hat: as if it did not exist.
  const auto alma_file = alma_files.json.at("items").as_array().at(0).at("id").as_int64();
  const Reply crossed = Get(sophie, Path("/api/v1/personnel/", alma_file));
  EXPECT_EQ(crossed.status, 404);
  const std::string before = SnapshotData();
  const Reply crossed_write =
      Send(sophie, "PATCH", Path("/api/v1/personnel/", alma_file),
           json::object{{"notes", "written from the wrong hat"}, {"version", 1}});
  EXPECT_EQ(crossed_write.status, 404);
  EXPECT_EQ(SnapshotData(), before);

  const Reply no_role = Send(sophie, "PUT", "/api/v1/session/acting-structure",
                             json::object{{"structure_id", StructureId("Centre social ECHO")}});
  EXPECT_EQ(no_role.status, 403);
  EXPECT_EQ(no_role.ErrorField(), "structure_id");
}

TEST_F(ApiTest, PersonnelFilesAreAuditedAndVersioned) {
  Session sophie = SignInActingFor(kSophie, kAlma);
  const auto alma = StructureId(kAlma);
  const Reply created = Send(sophie, "POST", Path("/api/v1/structures/", alma, "/personnel"),
                             json::object{{"employee_name", "Inès Carré"},
                                          {"job_title", "Médiatrice numérique"},
                                          {"contract", "CDD"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json.at("id").as_int64();
  EXPECT_EQ(created.json.at("version").as_int64(), 1);
  const Reply missing = Send(sophie, "POST", Path("/api/v1/structures/", alma, "/personnel"),
                             json::object{{"employee_name", "X"}, {"contract", "CDD"}});
  EXPECT_EQ(missing.ErrorField(), "job_title");
  const Reply long_notes = Send(sophie, "PATCH", Path("/api/v1/personnel/", id),
                                json::object{{"notes", std::string(4001, 'n')}, {"version", 1}});
  EXPECT_EQ(long_notes.status, 400);
  EXPECT_EQ(long_notes.ErrorField(), "notes");
  const Reply no_version =
      Send(sophie, "PATCH", Path("/api/v1/personnel/", id), json::object{{"notes", "ok"}});
  EXPECT_EQ(no_version.ErrorField(), "version");
  ASSERT_EQ(Send(sophie, "PATCH", Path("/api/v1/personnel/", id),
                 json::object{{"notes", "Période d'essai validée"}, {"version", 1}})
                .status,
            200);
  const Reply stale = Send(sophie, "PATCH", Path("/api/v1/personnel/", id),
                           json::object{{"notes", "écrasement"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "conflict");
  EXPECT_EQ(Get(sophie, Path("/api/v1/personnel/", id)).json.at("notes").as_string(),
            "Période d'essai validée");

  // Claire, Alma's director, reads in the log that Sophie, acting for Alma, read that file.
  Session claire = SignIn(kClaire);
  const Reply log =
      Get(claire, Path("/api/v1/structures/", alma, "/audit?action=read&page_size=200"));
  ASSERT_EQ(log.status, 200);
  bool found = false;
  for (const auto& entry : log.json.at("items").as_array()) {
    if (entry.at("record_kind").as_string() == "personnel_file" &&
        entry.at("record_id").as_string() == std::to_string(id)) {
      found = true;
      EXPECT_EQ(entry.at("person_name").as_string(), "Sophie Lambert");
      EXPECT_EQ(entry.at("acting_structure_name").as_string(), kAlma);
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(ApiTest, DirectoryIsSearchableInFrenchAndPaged) {
  Session marc = SignIn(kMarc);
  const Reply search = Get(marc, "/api/v1/structures?q=elisabeth");
  ASSERT_EQ(search.status, 200);
  ASSERT_EQ(search.json.at("total").as_int64(), 1);
  EXPECT_EQ(search.json.at("items").at(0).at("name").as_string(),
            "Centre social Pile Sainte-Élisabeth");
  // The directory names the managing association, not just its id.
  EXPECT_EQ(search.json.at("items").at(0).at("managed_by").at("name").as_string(),
            "Association Iciela");
  const Reply funders = Get(marc, "/api/v1/structures?kind=funder&page_size=1&page=2");
  ASSERT_EQ(funders.status, 200);
  EXPECT_EQ(funders.json.at("total").as_int64(), 2);
  EXPECT_EQ(funders.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Get(marc, "/api/v1/structures?kind=castle").ErrorField(), "kind");
  EXPECT_EQ(Get(marc, "/api/v1/structures?page_size=500").ErrorField(), "page_size");
  EXPECT_EQ(Get(marc, "/api/v1/structures?page=0").ErrorField(), "page");
  EXPECT_EQ(Get(marc, "/api/v1/structures/abc").ErrorField(), "id");
  EXPECT_EQ(Get(marc, "/api/v1/structures/999999").status, 404);
  const Reply iciela = Get(marc, Path("/api/v1/structures/", StructureId(kIciela)));
  EXPECT_EQ(iciela.json.at("manages").as_array().size(), 2u);
}

TEST_F(ApiTest, DirectorEditsHerStructureWithValidation) {
  Session claire = SignIn(kClaire);
  const std::string target = Path("/api/v1/structures/", claire.acting);
  const std::string before = SnapshotData();
  struct Case {
    json::object body;
    std::string field;
  };
  const Case cases[] = {
      {{{"siret", "77512345600012"}}, "siret"},
      {{{"name", std::string(201, 'x')}}, "name"},
      {{{"name", ""}}, "name"},
      {{{"commune_insee", "ROUBAIX"}}, "commune_insee"},
      {{{"territory", 12}}, "territory"},
      {{{"kind", "funder"}}, "kind"},
  };
  for (const Case& c : cases) {
    const Reply reply = Send(claire, "PATCH", target, c.body);
    EXPECT_EQ(reply.status, 400) << json::serialize(c.body);
    EXPECT_EQ(reply.ErrorField(), c.field) << json::serialize(c.body);
  }
  const Reply taken = Send(claire, "PATCH", target, json::object{{"siret", "77523456700011"}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.ErrorField(), "siret");
  EXPECT_EQ(SnapshotData(), before);

  const Reply ok = Send(claire, "PATCH", target,
                        json::object{{"territory", "Alma-Gare – Roubaix"}, {"siret", nullptr}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json.at("territory").as_string(), "Alma-Gare – Roubaix");
  EXPECT_EQ(ok.json.at("siret"), nullptr);
}

TEST_F(ApiTest, OnlyPlatformAdministratorsCreateStructures) {
  const json::object body{{"kind", "partner"},
                          {"name", "Pharmacie du Pile"},
                          {"siret", "73282932000074"},
                          {"commune_insee", "59512"}};
  Session claire = SignIn(kClaire);
  EXPECT_EQ(Send(claire, "POST", "/api/v1/structures", body).status, 403);
  Session admin = SignIn(kAdmin);
  const Reply created = Send(admin, "POST", "/api/v1/structures", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json.at("siret").as_string(), "73282932000074");
  EXPECT_EQ(Send(admin, "POST", "/api/v1/structures", body).status, 409);
  json::object bad_kind = body;
  bad_kind["kind"] = "castle";
  EXPECT_EQ(Send(admin, "POST", "/api/v1/structures", bad_kind).ErrorField(), "kind");
  json::object bad_manager = body;
  bad_manager["siret"] = nullptr;
  bad_manager["managed_by"] = 999999;
  EXPECT_EQ(Send(admin, "POST", "/api/v1/structures", bad_manager).ErrorField(), "managed_by");
}

TEST_F(ApiTest, CollectivePagesShowMembersReferentsAndSharing) {
  Session claire = SignIn(kClaire);
  const Reply mine = Get(claire, "/api/v1/collectives");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.json.at("items").as_array().size(), 3u);
  const auto bien_vieillir = CollectiveId("Bien Vieillir");
  const Reply detail = Get(claire, Path("/api/v1/collectives/", bien_vieillir));
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.json.at("members").as_array().size(), 8u);
  EXPECT_EQ(detail.json.at("coordinating_structure").at("name").as_string(), "Centre social ECHO");
  for (const auto& member : detail.json.at("members").as_array()) {
    EXPECT_NE(member.at("referent"), nullptr);
  }
  const Reply sharing = Get(claire, Path("/api/v1/collectives/", bien_vieillir, "/sharing"));
  ASSERT_EQ(sharing.status, 200);
  EXPECT_EQ(sharing.json.at("record_kinds").as_array().size(), 7u);
  EXPECT_EQ(sharing.json.at("members").at(0).at("levels").at("survey_answers").as_string(),
            "aggregates");
  EXPECT_EQ(Get(claire, "/api/v1/collectives/999999").status, 404);
  // ECHO is not in the HR partnership of Alma and Iciela.
  Session marc = SignIn(kMarc);
  const Reply outsider =
      Get(marc, Path("/api/v1/collectives/", CollectiveId("Partenariat RH Alma – Iciela")));
  EXPECT_EQ(outsider.status, 404);
  EXPECT_EQ(outsider.ErrorCode(), "not_found");
  // It answered 403 once while a missing id answered 404: an oracle of which ids exist.
  EXPECT_EQ(Get(marc, "/api/v1/collectives/999999").body, outsider.body);
}

TEST_F(ApiTest, DirectorDecidesWhatHerStructureSharesAndTheLogSaysSo) {
  Session claire = SignIn(kClaire);
  const auto bien_vieillir = CollectiveId("Bien Vieillir");
  const std::string alma_sharing =
      Path(Path("/api/v1/collectives/", bien_vieillir, "/sharing/"), claire.acting);
  const std::string before = SnapshotData();
  EXPECT_EQ(Send(claire, "PUT", alma_sharing,
                 json::object{{"levels", json::object{{"partners", "everything"}}}})
                .ErrorField(),
            "levels.partners");
  EXPECT_EQ(Send(claire, "PUT", alma_sharing,
                 json::object{{"levels", json::object{{"salaries", "full"}}}})
                .ErrorField(),
            "levels.salaries");
  EXPECT_EQ(
      Send(claire, "PUT", alma_sharing, json::object{{"levels", json::object{}}}).ErrorField(),
      "levels");
  EXPECT_EQ(Send(claire, "PUT", alma_sharing, json::object{{"levels", "full"}}).ErrorField(),
            "levels");
  // Claire may not decide for ECHO.
  const std::string echo_sharing = Path(Path("/api/v1/collectives/", bien_vieillir, "/sharing/"),
                                        StructureId("Centre social ECHO"));
  EXPECT_EQ(Send(claire, "PUT", echo_sharing,
                 json::object{{"levels", json::object{{"partners", "full"}}}})
                .status,
            403);
  EXPECT_EQ(SnapshotData(), before);

  const Reply changed = Send(claire, "PUT", alma_sharing,
                             json::object{{"levels", json::object{{"partners", "full"}}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json.at("levels").at("partners").as_string(), "full");
  const Reply log = Get(claire, Path("/api/v1/structures/", claire.acting, "/audit?action=update"));
  ASSERT_EQ(log.status, 200);
  ASSERT_GE(log.json.at("total").as_int64(), 1);
  EXPECT_EQ(log.json.at("items").at(0).at("record_kind").as_string(), "sharing_rule");
  const auto& line = log.json.at("items").at(0);
  EXPECT_EQ(line.at("params").at("record_kind").as_string(), "partners");
  EXPECT_EQ(line.at("params").at("collective_id").as_int64(), bien_vieillir);
  EXPECT_EQ(line.at("changes"), json::parse(R"([{"field":"level","old":"private","new":"full"}])"));
}

TEST_F(ApiTest, ReferentMustBelongToTheMemberStructure) {
  Session claire = SignIn(kClaire);
  const auto bien_vieillir = CollectiveId("Bien Vieillir");
  const std::string target =
      Path(Path("/api/v1/collectives/", bien_vieillir, "/members/"), claire.acting, "/referent");
  const auto marc_id = SignIn(kMarc).json.at("person").at("id").as_int64();
  const Reply outsider = Send(claire, "PUT", target, json::object{{"person_id", marc_id}});
  EXPECT_EQ(outsider.status, 400);
  EXPECT_EQ(outsider.ErrorField(), "person_id");
  const auto claire_id = claire.json.at("person").at("id").as_int64();
  const Reply ok = Send(claire, "PUT", target, json::object{{"person_id", claire_id}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json.at("referent").at("display_name").as_string(), "Claire Dumont");
}

TEST_F(ApiTest, AuditLogFiltersAndPages) {
  Session claire = SignIn(kClaire);
  const std::string base = Path("/api/v1/structures/", claire.acting, "/audit");
  ASSERT_EQ(Get(claire, Path("/api/v1/structures/", claire.acting, "/staff")).status, 200);
  const Reply page = Get(claire, base + "?page_size=1");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Get(claire, base + "?from=2026-13-01").ErrorField(), "from");
  EXPECT_EQ(Get(claire, base + "?from=2026-11-02&to=2026-11-01").ErrorField(), "to");
  EXPECT_EQ(Get(claire, base + "?person_id=x").ErrorField(), "person_id");
  const Reply far_past = Get(claire, base + "?to=2000-01-01");
  EXPECT_EQ(far_past.json.at("total").as_int64(), 0);
  Session sophie = SignInActingFor(kSophie, kAlma);
  EXPECT_EQ(Get(sophie, base).status, 403);  // HR of Alma: she sees Alma, not its log
  Session marc = SignIn(kMarc);
  EXPECT_EQ(Get(marc, base).status, 404);  // another structure's log is hidden
}

TEST_F(ApiTest, UnknownPathsAndMethodsAnswerInTheErrorShape) {
  Session claire = SignIn(kClaire);
  const Reply unknown = CallOutsideApi("a path no route serves", &claire, "GET", "/api/v1/nothing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.ErrorCode(), "not_found");
  EXPECT_EQ(test_support::EnsembleApiContract().CheckSchema("Error", unknown.json),
            std::vector<std::string>{});
  const Reply method = CallOutsideApi("a method the path does not have", &claire, "DELETE",
                                      "/api/v1/structures", {}, {{"X-CSRF-Token", claire.csrf}});
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.ErrorCode(), "method_not_allowed");
  EXPECT_EQ(test_support::EnsembleApiContract().CheckSchema("Error", method.json),
            std::vector<std::string>{});
}

TEST_F(ApiTest, OversizedBodiesAreRefusedAndStoreNothing) {
  Session claire = SignIn(kClaire);
  const std::string before = SnapshotData();
  const std::string huge = R"({"territory":")" + std::string(2 * 1024 * 1024, 'a') + R"("})";
  const Reply reply = Call(&claire, "PATCH", Path("/api/v1/structures/", claire.acting), huge,
                           {{"Content-Type", "application/json"}, {"X-CSRF-Token", claire.csrf}});
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(SnapshotData(), before);
}

}  // namespace
}  // namespace ensemble::testing_support

namespace ensemble::testing_support {
namespace {

// Duplicate keys, content types that merely start like JSON's, and charsets other than UTF-8 are
// refused naming what is wrong; nothing stored changes.
TEST_F(ApiTest, RefusesDuplicateKeysAndContentTypesThatAreNotExactlyJson) {
  Session claire = SignIn("claire.dumont@alma.example.org");
  const std::string before = SnapshotData();
  const std::string target = "/api/v1/structures/" + std::to_string(claire.acting);
  const auto patch = [&](const std::string& body, const std::string& type) {
    return Call(&claire, "PATCH", target, body,
                {{"Content-Type", type}, {"X-CSRF-Token", claire.csrf}});
  };
  const Reply duplicate =
      patch(R"({"territory":"Roubaix Est","territory":"Ailleurs"})", "application/json");
  EXPECT_EQ(duplicate.status, 400);
  EXPECT_EQ(duplicate.ErrorCode(), "invalid_argument");
  EXPECT_EQ(duplicate.ErrorField(), "territory");
  const Reply nested_duplicate = Call(nullptr, "POST", "/api/v1/session",
                                      R"({"email":"a@b.org","email":"c@d.org","password":"x"})",
                                      {{"Content-Type", "application/json"}});
  EXPECT_EQ(nested_duplicate.status, 400);
  EXPECT_EQ(nested_duplicate.ErrorField(), "email");
  for (const char* type : {"application/jsonfoo", "application/json-patch+json", "text/plain",
                           "application/json; charset=latin1", ""}) {
    const Reply refused = patch(R"({"territory":"Ailleurs"})", type);
    EXPECT_EQ(refused.status, 415) << type;
    EXPECT_EQ(refused.ErrorCode(), "unsupported_media_type") << type;
  }
  EXPECT_EQ(SnapshotData(), before);
  for (const char* type : {"application/json; charset=utf-8", "Application/JSON",
                           "application/json;charset=\"UTF-8\""}) {
    EXPECT_EQ(patch(R"({"territory":"Roubaix"})", type).status, 200) << type;
  }
}

// Sign-in has no session to carry a CSRF token: the browser's Origin must be ours exactly,
// scheme, host and port.
TEST_F(ApiTest, SignInRefusesAnOriginOfAnotherSchemeHostOrPort) {
  const std::string ours = "127.0.0.1:" + std::to_string(port_);
  const std::string body =
      R"({"email":"claire.dumont@alma.example.org","password":"ensemble-demo-2026"})";
  const std::vector<std::string> others = {"https://" + ours,
                                           ours,
                                           "null",
                                           "http://127.0.0.1:1",
                                           "http://evil.example",
                                           "http://" + ours + "/path",
                                           "http://user@" + ours,
                                           ""};  // none at all
  for (const std::string& origin : others) {
    const Reply refused = Call(nullptr, "POST", "/api/v1/session", body,
                               {{"Content-Type", "application/json"}, {"Origin", origin}});
    EXPECT_EQ(refused.status, 403) << origin;
    EXPECT_EQ(refused.ErrorCode(), "csrf_failed") << origin;
  }
  EXPECT_EQ(Call(nullptr, "POST", "/api/v1/session", body,
                 {{"Content-Type", "application/json"}, {"Origin", "http://" + ours}})
                .status,
            200);
  // A browser's same-origin fetch that says so through Fetch Metadata may omit Origin.
  EXPECT_EQ(
      Call(
          nullptr, "POST", "/api/v1/session", body,
          {{"Content-Type", "application/json"}, {"Origin", ""}, {"Sec-Fetch-Site", "same-origin"}})
          .status,
      200);
  EXPECT_EQ(Call(nullptr, "POST", "/api/v1/session", body,
                 {{"Content-Type", "application/json"}, {"Origin", "HTTP://" + ours}})
                .status,
            403);
}

TEST(SessionCookie, BehindTlsIsSecureAndCarriesTheHostPrefix) {
  const std::string secure = http::SessionCookie("token", /*secure=*/true, 43200);
  EXPECT_TRUE(secure.starts_with("__Host-ensemble_session=token; Path=/;")) << secure;
  EXPECT_NE(secure.find("; Secure"), std::string::npos);
  EXPECT_EQ(secure.find("Domain"), std::string::npos);
  EXPECT_TRUE(http::ClearedSessionCookie(true).starts_with("__Host-ensemble_session=;"));
  const std::string plain = http::SessionCookie("token", /*secure=*/false, 600);
  EXPECT_TRUE(plain.starts_with("ensemble_session=token;")) << plain;
  EXPECT_NE(plain.find("; Max-Age=600"), std::string::npos) << plain;
  EXPECT_EQ(plain.find("Secure"), std::string::npos);
}

}  // namespace
}  // namespace ensemble::testing_support

namespace ensemble::testing_support {
namespace {

// Names and labels: invisible and control characters are refused naming the field, nothing
// changes; text is stored in NFC.
TEST_F(ApiTest, RefusesInvisibleCharactersAndPlaceholderSiretsAndStoresNfc) {
  Session claire = SignIn("claire.dumont@alma.example.org");
  const std::string target = "/api/v1/structures/" + std::to_string(claire.acting);
  const std::string before = SnapshotData();
  const std::vector<std::pair<json::object, std::string>> refused = {
      {{{"name",
         "\u202e"
         "evil\u200b"}},
       "name"},
      {{{"name", "Alma\u007f\u0085"}}, "name"},
      {{{"territory", "Roubaix\nEst"}}, "territory"},
      {{{"siret", "00000000000000"}}, "siret"},
  };
  for (const auto& [body, field] : refused) {
    const Reply reply = Send(claire, "PATCH", target, body);
    EXPECT_EQ(reply.status, 400) << json::serialize(body);
    EXPECT_EQ(reply.ErrorCode(), "invalid_argument");
    EXPECT_EQ(reply.ErrorField(), field) << reply.body;
  }
  const Reply file = Send(claire, "POST", target + "/personnel",
                          json::object{{"employee_name",
                                        "Zo\u200d"
                                        "e"},
                                       {"job_title", "Animatrice"},
                                       {"contract", "CDI"}});
  EXPECT_EQ(file.status, 400);
  EXPECT_EQ(file.ErrorField(), "employee_name");
  EXPECT_EQ(SnapshotData(), before);

  const Reply decomposed =
      Send(claire, "PATCH", target, json::object{{"territory", "Roubaix Fe\u0301lix"}});
  ASSERT_EQ(decomposed.status, 200) << decomposed.body;
  EXPECT_EQ(decomposed.json.at("territory").as_string(), "Roubaix F\u00e9lix");
}

}  // namespace
}  // namespace ensemble::testing_support
