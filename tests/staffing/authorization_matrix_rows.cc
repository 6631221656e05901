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
//
// The money is Alma's: a lent position's costs and statements are hidden from the non-parties
// like the position itself; each structure's settings and statement list are its own, which Marc
// (ECHO's director) and Sophie (Iciela's HR) reach for their own structure, never Alma's, and
// the funder may not. Alma enters July's payroll (billed on the estimate), then corrects July's
// statement to Fresnoy, and issues August.
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
  const auto first_statement = std::to_string(
      IdOf(*db_, "SELECT id FROM staffing_statements WHERE number = 'MAD-2026-0001'"));
  const auto july_to_fresnoy = std::to_string(
      IdOf(*db_,
           "SELECT id FROM staffing_statements WHERE month = '2026-07' AND billed_structure_id = " +
               std::to_string(fresnoy)));

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
  const auto collective_hidden = Hidden("collectif introuvable");
  const auto connectes = std::to_string(CollectiveId("Centres sociaux connectés"));
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
  const std::string st = "/api/v1/staffing/statements/";
  const std::string settings = "/api/v1/staffing/settings";
  const auto forbidden = Forbidden();
  const auto no_statement = Hidden("Relevé introuvable.");
  const json::object salary{{"monthly_gross_cents", 230000}};
  const json::object july_payroll{
      {"gross_salary_cents", 230000},
      {"employer_contributions_cents", 96600},
      {"sick_pay_refunds_cents", 0},
      {"subsidies", json::array{json::object{{"label", "FONJEP"}, {"amount_cents", 59700}}}}};
  const json::object rates{{"employer_contribution_bp", 4200}, {"km_rate_millieuros", 636}};
  const json::object vat{{"treatment", "franchise_293b"}};
  const json::object metres{{"metres", 3400}};
  const json::object august{{"month", "2026-08"}};
  const json::object opening{
      {"half_days", json::array{json::object{{"weekday", 1}, {"half", "morning"}},
                                json::object{{"weekday", 3}, {"half", "afternoon"}}}}};
  const json::object wednesdays{
      {"version", 0},
      {"commitments", json::array{}},
      {"preferences", json::array{json::object{{"weekday", 3}, {"structure_id", fresnoy}}}}};
  const json::object march{{"first", "2026-03-01"}, {"last", "2026-03-31"}};
  const std::string march_range = "from=2026-03-01&to=2026-03-31";
  const auto plan_run =
      std::to_string(IdOf(*db_, "SELECT id FROM staffing_plans ORDER BY id LIMIT 1"));
  const std::string alma_to_fresnoy =
      settings + "/distances/" + std::to_string(alma) + "/" + std::to_string(fresnoy);
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
      // The money of Karim's position: Alma's alone.
      Row("GET", "/api/v1/staffing/positions/{id}/costs", p + position + "/costs?month=2026-03",
          p + missing + "/costs?month=2026-03", none, {u, hidden, hidden, hidden}, 200,
          "salary_history")
          .NeverShowing("218000"),
      Row("PUT", "/api/v1/staffing/positions/{id}/salary/{day}",
          p + position + "/salary/2026-09-01", p + missing + "/salary/2026-09-01", salary,
          {u, hidden, hidden, hidden}, 200, "salary_history"),
      Row("PUT", "/api/v1/staffing/positions/{id}/payroll/{month}",
          p + position + "/payroll/2026-07", p + missing + "/payroll/2026-07", july_payroll,
          {u, hidden, hidden, hidden}, 200, "payroll"),
      // Each structure's own settings and statements; never Alma's.
      Row("GET", "/api/v1/staffing/settings", settings, "", none, {u, ok, ok, forbidden}, 200,
          "rates")
          .NeverShowing("3400"),
      Row("PUT", "/api/v1/staffing/settings/rates/{day}", settings + "/rates/2026-09-01",
          settings + "/rates/2026-09-02", rates, {u, ok, ok, forbidden}, 200, "rates"),
      Row("PUT", "/api/v1/staffing/settings/vat", settings + "/vat", "", vat,
          {u, ok, ok, forbidden}, 200, "vat"),
      Row("PUT", "/api/v1/staffing/settings/distances/{site_a}/{site_b}", alma_to_fresnoy,
          settings + "/distances/" + std::to_string(alma) + "/" + missing, metres,
          {u, ok, ok, forbidden}, 200, "distances"),
      Row("GET", "/api/v1/staffing/statements", "/api/v1/staffing/statements", "", none,
          {u, ok, ok, forbidden}, 200, "items")
          .NeverShowing("MAD-2026"),
      Row("GET", "/api/v1/staffing/statements/{id}", st + first_statement, st + missing, none,
          {u, no_statement, no_statement, no_statement}, 200, "part")
          .NeverShowing("Karim Haddad"),
      Row("GET", "/api/v1/staffing/statements/{id}/document.pdf",
          st + first_statement + "/document.pdf", st + missing + "/document.pdf", none,
          {u, no_statement, no_statement, no_statement}, 200, ""),
      Row("GET", "/api/v1/staffing/statements/{id}/document.xlsx",
          st + first_statement + "/document.xlsx", st + missing + "/document.xlsx", none,
          {u, no_statement, no_statement, no_statement}, 200, ""),
      Row("POST", "/api/v1/staffing/statements/{id}/corrections",
          st + july_to_fresnoy + "/corrections", st + missing + "/corrections", json::object{},
          {u, no_statement, no_statement, no_statement}, 201, "corrects_number"),
      Row("POST", "/api/v1/staffing/agreements/{id}/statements", a + year + "/statements",
          a + missing + "/statements", august, {u, hidden, hidden, hidden}, 201, "items"),
      // Plans: the rules and runs are Alma's; every structure sets its own opening hours; the
      // plan of Karim's position is hidden from the non-parties; each person reads her own.
      Row("PUT", "/api/v1/staffing/settings/opening-hours", settings + "/opening-hours", "",
          opening, {u, ok, ok, forbidden}, 200, "opening_hours"),
      Row("GET", "/api/v1/staffing/positions/{id}/plan-rules", p + position + "/plan-rules",
          p + missing + "/plan-rules", none, {u, hidden, hidden, hidden}, 200, ""),
      Row("PUT", "/api/v1/staffing/positions/{id}/plan-rules", p + position + "/plan-rules",
          p + missing + "/plan-rules", wednesdays, {u, hidden, hidden, hidden}, 200, "preferences"),
      Row("POST", "/api/v1/staffing/positions/{id}/plans", p + position + "/plans",
          p + missing + "/plans", march, {u, hidden, hidden, hidden}, 202, "state"),
      Row("GET", "/api/v1/staffing/positions/{id}/plan", p + position + "/plan?" + march_range,
          p + missing + "/plan?" + march_range, none, {u, hidden, hidden, hidden}, 200, ""),
      Row("GET", "/api/v1/staffing/plans/{id}", "/api/v1/staffing/plans/" + plan_run,
          "/api/v1/staffing/plans/" + missing, none, {u, hidden, hidden, hidden}, 200, "months"),
      Row("GET", "/api/v1/me/plan", "/api/v1/me/plan?" + march_range, "", none, {u, ok, ok, ok},
          200, "")
          .By(Owner::kLentOfficer),
      // Alma reads what the members of « Centres sociaux connectés » share with it of their
      // positions; ECHO, Iciela and the Département are no members: the collective is hidden.
      Row("GET", "/api/v1/collectives/{id}/staffing/positions",
          "/api/v1/collectives/" + connectes + "/staffing/positions?month=2026-11",
          "/api/v1/collectives/" + missing + "/staffing/positions?month=2026-11", none,
          {u, collective_hidden, collective_hidden, collective_hidden}, 200, "positions"),
  };
}

}  // namespace ensemble::testing_support
