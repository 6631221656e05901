// The calendar feeds' rows of the authorisation matrix (tests/api/authorization_matrix.h). A
// person's own feed is hers whoever asks; a structure's is its director's (manage_calendar_feed),
// hidden from everybody acting for another; the ICS is public to whoever holds its secret URL.
#include "tests/api/authorization_matrix.h"

namespace ensemble::testing_support {

std::vector<MatrixCase> AuthorizationMatrix::CalendarFeedRows() {
  const auto alma = std::to_string(StructureId("Centre social Alma"));
  const Session claire = SignIn(kClaire);
  // Made over HTTP, before the rows that rotate or revoke them run.
  const Reply claires_feed = Send(claire, "POST", "/api/v1/me/calendar-feed", json::object{});
  const Reply almas_feed =
      Send(claire, "POST", "/api/v1/structures/" + alma + "/calendar-feed", json::object{});
  EXPECT_EQ(claires_feed.status, 201) << claires_feed.body;
  EXPECT_EQ(almas_feed.status, 201) << almas_feed.body;
  const std::string claires_url = claires_feed.json.is_object()
                                      ? std::string(claires_feed.json.at("url").as_string())
                                      : "/feeds/x.ics";
  const std::string claires_id =
      claires_feed.json.is_object() ? json::serialize(claires_feed.json.at("id")) : "1";
  const std::string almas_id =
      almas_feed.json.is_object() ? json::serialize(almas_feed.json.at("id")) : "1";

  const auto u = Unauthenticated();
  const auto ok = Succeeds();
  const auto made = Succeeds(201);
  const auto structure_hidden = Hidden("structure introuvable");
  const auto feed_hidden = Hidden("aucun flux d'agenda actif");
  const json::value none = nullptr;
  const std::string me = "/api/v1/me/calendar-feed";
  const std::string s = "/api/v1/structures/";
  const std::string missing_structure = s + kMissingId;
  return {
      // The URL is the capability: whoever holds it reads the feed, signed in or not.
      Row("GET", "/feeds/{token}.ics", claires_url, "/feeds/" + std::string(43, 'A') + ".ics", none,
          {ok, ok, ok, ok}, 200, "")
          .AnsweringLines(3),
      // Claire's feed by its id answers the others as an id that does not exist.
      Row("DELETE", "/api/v1/me/calendar-feeds/{id}", "/api/v1/me/calendar-feeds/" + claires_id,
          "/api/v1/me/calendar-feeds/" + std::string(kMissingId), none,
          {u, feed_hidden, feed_hidden, feed_hidden}, 204, ""),
      Row("POST", me, me, "", json::object{}, {u, made, made, made}, 201, "url"),
      Row("GET", me, me, "", none, {u, ok, ok, ok}, 200, "feed"),
      Row("DELETE", "/api/v1/structures/{id}/calendar-feeds/{feed_id}",
          s + alma + "/calendar-feeds/" + almas_id,
          missing_structure + "/calendar-feeds/" + almas_id, none,
          {u, structure_hidden, structure_hidden, structure_hidden}, 204, ""),
      Row("POST", "/api/v1/structures/{id}/calendar-feed", s + alma + "/calendar-feed",
          missing_structure + "/calendar-feed", json::object{},
          {u, structure_hidden, structure_hidden, structure_hidden}, 201, "url"),
      Row("GET", "/api/v1/structures/{id}/calendar-feed", s + alma + "/calendar-feed",
          missing_structure + "/calendar-feed", none,
          {u, structure_hidden, structure_hidden, structure_hidden}, 200, "feed"),
  };
}

}  // namespace ensemble::testing_support
