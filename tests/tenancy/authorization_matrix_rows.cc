// The tenancy module's rows of the authorisation matrix (tests/api/authorization_matrix.h).
#include "tests/api/authorization_matrix.h"

namespace ensemble::testing_support {

std::vector<MatrixCase> AuthorizationMatrix::TenancyRows() {
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
      Row("GET", "/healthz", "/healthz", "", none, {Succeeds(), Succeeds(), Succeeds(), Succeeds()},
          200, "database"),
      // The maps' tile server: the same public answer for everybody.
      Row("GET", "/api/v1/map-settings", "/api/v1/map-settings", "", none,
          {Succeeds(), Succeeds(), Succeeds(), Succeeds()}, 200, "configured"),
      // Who runs the service: the same public answer for everybody.
      Row("GET", "/api/v1/about", "/api/v1/about", "", none,
          {Succeeds(), Succeeds(), Succeeds(), Succeeds()}, 200, "operator"),
      // « Mot de passe oublié » is public: anybody may ask for her own address's link; a malformed
      // address is refused before anything is stored. The link's use, with a token nobody was
      // sent, is refused to everybody: the full path is in tests/api/password_reset_test.cc.
      Row("POST", "/api/v1/password-reset", "/api/v1/password-reset", "",
          json::object{{"email", "pas-une-adresse"}}, {Invalid(), Invalid(), Invalid(), Invalid()},
          202, "")
          .WithOwnerBody(json::object{{"email", kClaire}}),
      Row("POST", "/api/v1/password-reset/confirm", "/api/v1/password-reset/confirm", "",
          json::object{{"email", "pas-une-adresse"},
                       {"token", "un-jeton-que-personne-n-a-recu"},
                       {"new_password", "un-nouveau-mot-de-passe"}},
          {Invalid(), Invalid(), Invalid(), Invalid()}, 400, "")
          .WithOwnerBody(json::object{{"email", kClaire},
                                      {"token", "un-jeton-que-personne-n-a-recu"},
                                      {"new_password", "un-nouveau-mot-de-passe"}}),
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
      // « Centres sociaux connectés » is coordinated by the federation: Alma, a member, is
      // refused its threshold (the coordinator succeeding is in tenancy_api_test); the others
      // are not members.
      Row("PUT", "/api/v1/collectives/{id}/disclosure", c + connectes + "/disclosure",
          c + kMissingId + "/disclosure", json::object{{"threshold", 10}},
          {u, collective_hidden, collective_hidden, collective_hidden}, 403, ""),
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
          json::object{{"structure_id", StructureId("Centre social Alma")}}, {u, f, Succeeds(), f},
          200, "acting_roles")
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
          "/api/v1/me/sessions/unknown", none, {u, session_hidden, session_hidden, session_hidden},
          204, ""),
      // Ends every session of the caller, the others too: after every route that needs them.
      Row("DELETE", "/api/v1/me/sessions", "/api/v1/me/sessions", "", none,
          {u, Succeeds(), Succeeds(), Succeeds()}, 200, "ended")
          .InItsOwnSession(),
      // Anyone signed in chooses her own language, and only hers; a language we do not speak is
      // refused. The owner keeps French, so that the rows after this one still read French.
      Row("PUT", "/api/v1/me/language", "/api/v1/me/language", "", json::object{{"language", "de"}},
          {u, Invalid(), Invalid(), Invalid()}, 200, "language")
          .WithOwnerBody(json::object{{"language", "fr"}})
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

}  // namespace ensemble::testing_support
