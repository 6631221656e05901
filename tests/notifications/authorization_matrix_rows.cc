// The notifications' rows of the authorisation matrix (tests/api/authorization_matrix.h). Every
// route is a person's own: each signed-in person gets her own answer, and an id of Claire's
// notification answers the others exactly as an id that does not exist.
#include "tests/api/authorization_matrix.h"

namespace ensemble::testing_support {

std::vector<MatrixCase> AuthorizationMatrix::NotificationRows() {
  const std::string claires = std::to_string(ANotificationOf(kClaire, "/claire-only"));
  const auto u = Unauthenticated();
  const auto ok = Succeeds();
  const auto done = Succeeds(204);
  const auto notification_hidden = Hidden("notification introuvable");
  const json::value none = nullptr;
  const std::string n = "/api/v1/me/notifications";
  const std::string settings = "/api/v1/me/notification-settings";
  return {
      Row("GET", n, n, "", none, {u, ok, ok, ok}, 200, "items").NeverShowing("/claire-only"),
      Row("POST", n + "/{id}/read", n + "/" + claires + "/read",
          n + "/" + std::string(kMissingId) + "/read", json::object{},
          {u, notification_hidden, notification_hidden, notification_hidden}, 204, ""),
      Row("POST", n + "/read-all", n + "/read-all", "", json::object{}, {u, ok, ok, ok}, 200,
          "marked"),
      Row("GET", settings, settings, "", none, {u, ok, ok, ok}, 200, "kinds"),
      Row("PUT", settings + "/kinds/{kind}", settings + "/kinds/deadline_soon",
          settings + "/kinds/no_such_kind", json::object{{"channel", "off"}}, {u, done, done, done},
          204, ""),
      Row("PUT", settings + "/language", settings + "/language", "",
          json::object{{"language", "en"}}, {u, done, done, done}, 204, ""),
  };
}

}  // namespace ensemble::testing_support
