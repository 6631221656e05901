// The staffing module's rows of the authorisation matrix (tests/api/authorization_matrix.h), on
// the demo's shared positions: Karim Haddad's, carried by Alma and lent to Fresnoy Mackellerie
// and Basse Masure. The director of ECHO, Sophie wearing her Iciela hat and the funder are party
// to none of it: the position and its agreements are hidden from them (404), exactly as missing
// ones. Their own lists answer them with their own positions, never Karim's.
//
// The owner's controls run in order and change what they touch, so the bodies are written for
// what they will meet: Alma signs the 2027 draft (version 1, the digest of its document as it is
// now); a 2028 draft, made over HTTP here, has its terms changed (version 1); the 2026 agreement,
// signed by its three parties (version 4), is ended; a 2029 one is drafted.
#include "tests/api/authorization_matrix.h"

namespace ensemble::testing_support {
namespace {

// The id of the first row of `sql`'s answer (run over the whole database).
std::int64_t IdOf(storage::Database& db, const std::string& sql) {
  auto tx = db.Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
  const auto row = tx->QueryOne(sql, {}).value();
  EXPECT_TRUE(row.has_value()) << sql;
  return row ? row->Int(0) : 0;
}

}  // namespace

std::vector<MatrixCase> AuthorizationMatrix::StaffingRows() {
  const auto alma = StructureId("Centre social Alma");
  const auto fresnoy = StructureId("Centre social Fresnoy Mackellerie");
  const auto position = std::to_string(IdOf(
      *db_, "SELECT id FROM staffing_positions WHERE title = 'Chargé de transition numérique'"));
  const auto year = std::to_string(
      IdOf(*db_, "SELECT id FROM staffing_agreements WHERE starts_on = '2026-01-01'"));
  const auto renewal = std::to_string(
      IdOf(*db_, "SELECT id FROM staffing_agreements WHERE starts_on = '2027-01-01'"));
  const auto karim =
      IdOf(*db_, "SELECT id FROM people WHERE email = 'karim.haddad@alma.example.org'");

  const Session claire = SignIn(kClaire);
  const Reply document = Get(claire, "/api/v1/staffing/agreements/" + renewal + "/document.pdf");
  EXPECT_EQ(document.status, 200) << document.body.substr(0, 200);
  const std::string digest = document.headers.contains("x-document-sha256")
                                 ? document.headers.at("x-document-sha256")
                                 : "";
  const Reply drafted = Send(
      claire, "POST", "/api/v1/staffing/positions/" + position + "/agreements",
      json::object{
          {"starts_on", "2028-01-01"},
          {"ends_on", "2028-12-31"},
          {"shares", json::array{json::object{{"structure_id", alma}, {"share_bp", 5000}},
                                 json::object{{"structure_id", fresnoy}, {"share_bp", 5000}}}}});
  EXPECT_EQ(drafted.status, 201) << drafted.body;
  const std::string draft = drafted.json.is_object()
                                ? json::serialize(drafted.json.at("agreements").at(2).at("id"))
                                : "1";

  const auto u = Unauthenticated();
  const auto ok = Succeeds();
  const auto hidden = Hidden("Ce poste partagé est introuvable.");
  const json::value none = nullptr;
  const std::string p = "/api/v1/staffing/positions/";
  const std::string a = "/api/v1/staffing/agreements/";
  const std::string missing = kMissingId;
  const auto shares = [&](std::int64_t alma_bp) {
    return json::array{json::object{{"structure_id", alma}, {"share_bp", alma_bp}},
                       json::object{{"structure_id", fresnoy}, {"share_bp", 10000 - alma_bp}}};
  };
  const json::object new_position{
      {"title", "Chargé de transition numérique"},
      {"kind", "lending"},
      {"person_id", karim},
      {"employments", json::array{json::object{{"structure_id", alma}, {"weekly_minutes", 2100}}}}};
  const json::object draft_terms{{"starts_on", "2028-01-01"},
                                 {"ends_on", "2028-12-31"},
                                 {"shares", shares(6000)},
                                 {"version", 1}};
  const json::object new_terms{
      {"starts_on", "2029-01-01"}, {"ends_on", "2029-12-31"}, {"shares", shares(5000)}};
  const json::object signature{{"signer_name", "Claire Dumont"},
                               {"signer_role", "Directrice"},
                               {"signed_on", "2026-01-02"},
                               {"document_sha256", digest},
                               {"version", 1}};
  const json::object day{
      {"entries", json::array{json::object{{"structure_id", alma}, {"minutes", 420}}}},
      {"absence", nullptr}};
  const json::object end{{"ended_on", "2026-10-01"}, {"version", 4}};
  return {
      // Their own lists: Marc's and Anne's structures have no position, Iciela has Sophie's.
      Row("GET", "/api/v1/staffing/positions", "/api/v1/staffing/positions", "", none,
          {u, ok, ok, ok}, 200, "items")
          .NeverShowing("Karim Haddad"),
      Row("GET", "/api/v1/me/positions", "/api/v1/me/positions", "", none, {u, ok, ok, ok}, 200, "")
          .NeverShowing("Karim Haddad"),
      // Creating one for Karim elsewhere: he holds no role at ECHO nor at Iciela (400); the
      // funder's role may not create one (403).
      Row("POST", "/api/v1/staffing/positions", "/api/v1/staffing/positions", "", new_position,
          {u, Invalid(), Invalid(), Forbidden()}, 201, "employments"),
      Row("GET", "/api/v1/staffing/positions/{id}", p + position, p + missing, none,
          {u, hidden, hidden, hidden}, 200, "agreements")
          .NeverShowing("Karim Haddad"),
      Row("GET", "/api/v1/staffing/agreements/{id}/document.pdf", a + renewal + "/document.pdf",
          a + missing + "/document.pdf", none, {u, hidden, hidden, hidden}, 200, "")
          .AnsweringLines(10)
          .NeverShowing("Karim Haddad"),
      Row("POST", "/api/v1/staffing/agreements/{id}/signatures", a + renewal + "/signatures",
          a + missing + "/signatures", signature, {u, hidden, hidden, hidden}, 201, "agreements"),
      Row("PUT", "/api/v1/staffing/agreements/{id}", a + draft, a + missing, draft_terms,
          {u, hidden, hidden, hidden}, 200, "agreements"),
      Row("POST", "/api/v1/staffing/agreements/{id}/end", a + year + "/end", a + missing + "/end",
          end, {u, hidden, hidden, hidden}, 200, "agreements"),
      // Karim's own days: hidden from everybody else, his own to read and confirm.
      Row("GET", "/api/v1/me/positions/{id}/days",
          "/api/v1/me/positions/" + position + "/days?month=2026-03",
          "/api/v1/me/positions/" + missing + "/days?month=2026-03", none,
          {u, hidden, hidden, hidden}, 200, "items")
          .By(Owner::kLentOfficer),
      Row("PUT", "/api/v1/me/positions/{id}/days/{day}",
          "/api/v1/me/positions/" + position + "/days/2026-09-14",
          "/api/v1/me/positions/" + missing + "/days/2026-09-14", day, {u, hidden, hidden, hidden},
          200, "entries")
          .By(Owner::kLentOfficer),
      Row("GET", "/api/v1/staffing/positions/{id}/time", p + position + "/time?month=2026-03",
          p + missing + "/time?month=2026-03", none, {u, hidden, hidden, hidden}, 200, "days")
          .NeverShowing("Karim Haddad"),
      Row("POST", "/api/v1/staffing/positions/{id}/agreements", p + position + "/agreements",
          p + missing + "/agreements", new_terms, {u, hidden, hidden, hidden}, 201, "agreements"),
  };
}

}  // namespace ensemble::testing_support
