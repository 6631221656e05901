// Shared positions over HTTP (src/http/api/staffing/), on both backends, on the demo network:
// who of the parties reads and does what, the officer's own view across sites, and bad input
// answered precisely with nothing stored changed. The authorisation matrix covers the outsiders.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "documents/format.h"
#include "documents/test_support.h"
#include "tests/api/api_fixture.h"
#include "tests/api/demo_people.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

using documents::test_support::RunCommand;
using documents::test_support::ScratchDir;

// What poppler reads in the PDF, no-break spaces made plain (poppler versions differ).
std::string PdfText(const std::string& pdf) {
  ScratchDir dir;
  auto text = RunCommand("pdftotext " + dir.Write("agreement.pdf", pdf) + " -").out;
  for (const std::string space : {"\u202F", "\u00A0"}) {
    for (auto at = text.find(space); at != std::string::npos; at = text.find(space, at)) {
      text.replace(at, space.size(), " ");
    }
  }
  // pdftotext breaks lines where the page does; the checks read words, not lines.
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text;
}

bool PdfFirstPageRenders(const std::string& pdf) {
  ScratchDir dir;
  const auto render = RunCommand("pdftoppm -r 50 -png -f 1 -l 1 " +
                                 dir.Write("agreement.pdf", pdf) + " " + dir.File("page"));
  if (render.exit_code != 0) return false;
  for (const auto& entry : std::filesystem::directory_iterator(dir.File(""))) {
    if (entry.path().extension() == ".png" && entry.file_size() > 1000) return true;
  }
  return false;
}

// coreutils' sha256sum of the bytes, as a person checking a signed file would run it.
std::string Sha256OfForTest(const std::string& bytes) {
  ScratchDir dir;
  return RunCommand("sha256sum " + dir.Write("file", bytes)).out.substr(0, 64);
}

constexpr const char* kKarim = "karim.haddad@alma.example.org";
constexpr const char* kHelene = "helene.roussel@fresnoy.example.org";
constexpr const char* kThomas = "thomas.vandenberghe@bassemasure.example.org";

class StaffingApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    alma_ = StructureId("Centre social Alma");
    fresnoy_ = StructureId("Centre social Fresnoy Mackellerie");
    basse_ = StructureId("Centre social Basse Masure");
    iciela_ = StructureId("Association Iciela");
  }

  // The demo's officer position, as Claire reads it.
  json::object OfficersPosition(const Session& who) {
    const Reply list = Get(who, "/api/v1/staffing/positions");
    EXPECT_EQ(list.status, 200) << list.body;
    for (const auto& item : list.json.at("items").as_array()) {
      if (item.at("kind").as_string() == "lending") return item.as_object();
    }
    ADD_FAILURE() << "no lending position in " << list.body;
    return {};
  }

  static std::string Id(const json::value& value) { return json::serialize(value.at("id")); }

  json::array Shares(std::initializer_list<std::pair<std::int64_t, int>> shares) {
    json::array out;
    for (const auto& [structure, bp] : shares) {
      out.push_back(json::object{{"structure_id", structure}, {"share_bp", bp}});
    }
    return out;
  }

  json::object Terms(const std::string& year, json::array shares) {
    return json::object{{"starts_on", year + "-01-01"},
                        {"ends_on", year + "-12-31"},
                        {"shares", std::move(shares)}};
  }

  json::object SignatureBy(const std::string& name, std::int64_t version,
                           std::string digest = std::string(64, 'b')) {
    return json::object{{"signer_name", name},
                        {"signer_role", "Direction"},
                        {"signed_on", "2026-09-01"},
                        {"document_sha256", std::move(digest)},
                        {"version", version}};
  }

  // The agreement's document as `who` downloads it, and the digest the server states for it.
  std::pair<std::string, std::string> Document(const Session& who, const std::string& agreement) {
    const Reply pdf = Get(who, "/api/v1/staffing/agreements/" + agreement + "/document.pdf");
    EXPECT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
    EXPECT_EQ(pdf.headers.at("content-type"), "application/pdf");
    return {pdf.body, pdf.headers.at("x-document-sha256")};
  }

  std::int64_t alma_ = 0, fresnoy_ = 0, basse_ = 0, iciela_ = 0;
};

TEST_F(StaffingApi, EachPartyReadsTheLentPositionAndItsAgreementsInTheirStates) {
  for (const char* director : {demo::kClaire, kHelene, kThomas}) {
    const Session session = SignIn(director);
    const json::object position = OfficersPosition(session);
    ASSERT_FALSE(position.empty()) << director;
    EXPECT_EQ(position.at("person_name").as_string(), "Karim Haddad");
    const auto& agreements = position.at("agreements").as_array();
    ASSERT_EQ(agreements.size(), 2u);
    EXPECT_EQ(agreements[0].at("state").as_string(), "in_force");
    EXPECT_EQ(agreements[0].at("signatures").as_array().size(), 3u);
    EXPECT_EQ(agreements[1].at("state").as_string(), "draft");
    const Reply one = Get(session, "/api/v1/staffing/positions/" + Id(position));
    EXPECT_EQ(one.status, 200) << director << ": " << one.body;
  }
  // Only the carrier's people change the terms; each party's director signs.
  const auto actions = [&](const char* who) {
    return json::serialize(OfficersPosition(SignIn(who)).at("agreements").at(1).at("actions"));
  };
  EXPECT_EQ(actions(demo::kClaire), R"(["update_agreement","sign_agreement","end_agreement"])");
  EXPECT_EQ(actions(kHelene), R"(["sign_agreement"])");
}

TEST_F(StaffingApi, TheOfficerSeesHisOwnPositionWhateverHatHeWears) {
  const Session karim = SignIn(kKarim);
  const Reply mine = Get(karim, "/api/v1/me/positions");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(mine.json.at("items").at(0).at("title").as_string(), "Chargé de transition numérique");
  // Sophie's own list holds her multi-employer post, from either hat.
  for (const char* hat : {"Centre social Alma", "Association Iciela"}) {
    const Reply hers = Get(SignInActingFor(demo::kSophie, hat), "/api/v1/me/positions");
    ASSERT_EQ(hers.status, 200) << hers.body;
    ASSERT_EQ(hers.json.at("items").as_array().size(), 1u) << hat;
    EXPECT_EQ(hers.json.at("items").at(0).at("kind").as_string(), "multi_employer");
  }
}

TEST_F(StaffingApi, AnAgreementIsDraftedSignedByEachPartyAndThenInForce) {
  const Session claire = SignIn(demo::kClaire);
  const json::object position = OfficersPosition(claire);
  const Reply drafted =
      Send(claire, "POST", "/api/v1/staffing/positions/" + Id(position) + "/agreements",
           Terms("2028", Shares({{alma_, 4000}, {fresnoy_, 3000}, {basse_, 3000}})));
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  const json::value agreement = drafted.json.at("agreements").at(2);
  EXPECT_EQ(agreement.at("state").as_string(), "draft");
  const std::string path = "/api/v1/staffing/agreements/" + Id(agreement) + "/signatures";
  std::int64_t version = agreement.at("version").as_int64();
  // Every party downloads the same bytes, before and after the others sign.
  const auto [bytes, digest] = Document(claire, Id(agreement));
  for (const auto& [who, name] :
       {std::pair{kHelene, "Hélène Roussel"}, std::pair{kThomas, "Thomas Vandenberghe"},
        std::pair{demo::kClaire, "Claire Dumont"}}) {
    const Session session = SignIn(who);
    EXPECT_EQ(Document(session, Id(agreement)).first, bytes) << who;
    const Reply signed_ = Send(session, "POST", path, SignatureBy(name, version++, digest));
    ASSERT_EQ(signed_.status, 201) << who << ": " << signed_.body;
  }
  const json::object after = OfficersPosition(claire);
  EXPECT_EQ(after.at("agreements").at(2).at("state").as_string(), "in_force");
  EXPECT_EQ(after.at("agreements").at(2).at("signatures").as_array().size(), 3u);
}

TEST_F(StaffingApi, BadTermsAreRefusedPreciselyAndNothingChanges) {
  const Session claire = SignIn(demo::kClaire);
  const json::object position = OfficersPosition(claire);
  const std::string agreements = "/api/v1/staffing/positions/" + Id(position) + "/agreements";
  ExpectRefused(claire, "POST", agreements,
                Terms("2028", Shares({{alma_, 4000}, {fresnoy_, 3000}, {basse_, 2950}})), 400,
                "invalid_argument", "shares");
  // The same hours promised twice: 2026 is covered already.
  ExpectRefused(claire, "POST", agreements,
                Terms("2026", Shares({{alma_, 5000}, {fresnoy_, 5000}})), 409, "conflict",
                "starts_on");
  json::object impossible = Terms("2028", Shares({{alma_, 5000}, {fresnoy_, 5000}}));
  impossible["starts_on"] = "2028-02-30";
  ExpectRefused(claire, "POST", agreements, impossible, 400, "invalid_argument", "starts_on");
  json::object unknown = Terms("2028", Shares({{alma_, 5000}, {fresnoy_, 5000}}));
  unknown["margin_percent"] = 5;
  ExpectRefused(claire, "POST", agreements, unknown, 400, "invalid_argument", "margin_percent");
  json::object bad_item = Terms("2028", Shares({{alma_, 5000}, {fresnoy_, 5000}}));
  bad_item["shares"].as_array()[1].as_object()["share_bp"] = "cinquante";
  ExpectRefused(claire, "POST", agreements, bad_item, 400, "invalid_argument", "shares.share_bp");
  json::array eleven;
  for (int i = 0; i < 11; ++i) {
    eleven.push_back(json::object{{"structure_id", alma_}, {"share_bp", 900}});
  }
  ExpectRefused(claire, "POST", agreements, Terms("2028", eleven), 400, "invalid_argument",
                "shares");
  ExpectRefused(claire, "POST", agreements, Terms("2028", Shares({{alma_, 5000}, {999999, 5000}})),
                400, "invalid_argument", "shares.structure_id");
}

TEST_F(StaffingApi, SignedTermsAreFrozenAndStaleVersionsRefused) {
  const Session claire = SignIn(demo::kClaire);
  const json::object position = OfficersPosition(claire);
  const json::value year = position.at("agreements").at(0);
  const json::value renewal = position.at("agreements").at(1);
  json::object change = Terms("2027", Shares({{alma_, 6000}, {fresnoy_, 4000}}));
  change["version"] = year.at("version");
  ExpectRefused(claire, "PUT", "/api/v1/staffing/agreements/" + Id(year), change, 409, "conflict",
                "");
  change["version"] = 7;
  ExpectRefused(claire, "PUT", "/api/v1/staffing/agreements/" + Id(renewal), change, 409,
                "conflict", "version");
  // Signing twice, and a party's HR who is not its director.
  const std::string sign = "/api/v1/staffing/agreements/" + Id(year) + "/signatures";
  ExpectRefused(claire, "POST", sign, SignatureBy("Claire Dumont", year.at("version").as_int64()),
                409, "conflict", "structure_id");
  const Session sophie = SignInActingFor(demo::kSophie, "Centre social Alma");
  ExpectRefused(sophie, "POST", "/api/v1/staffing/agreements/" + Id(renewal) + "/signatures",
                SignatureBy("Sophie Lambert", 1), 403, "permission_denied", "");
  // A lent-to director may read the terms, never change them.
  ExpectRefused(SignIn(kHelene), "PUT", "/api/v1/staffing/agreements/" + Id(renewal),
                json::object{{"starts_on", "2027-01-01"},
                             {"ends_on", "2027-12-31"},
                             {"shares", Shares({{alma_, 1000}, {fresnoy_, 9000}})},
                             {"version", 1}},
                403, "permission_denied", "");
  // A well-formed digest of other bytes: not the document as it is.
  ExpectRefused(claire, "POST", "/api/v1/staffing/agreements/" + Id(renewal) + "/signatures",
                SignatureBy("Claire Dumont", 1, std::string(64, 'c')), 409, "conflict",
                "document_sha256");
  json::object bad_hash = SignatureBy("Claire Dumont", 1);
  bad_hash["document_sha256"] = "not-a-digest";
  ExpectRefused(claire, "POST", "/api/v1/staffing/agreements/" + Id(renewal) + "/signatures",
                bad_hash, 400, "invalid_argument", "document_sha256");
}

TEST_F(StaffingApi, TheAgreementsPdfSaysWhatTheLawRequiresAndItsDigestIsOfItsBytes) {
  const Session helene = SignIn(kHelene);
  const json::object position = OfficersPosition(helene);
  const std::string year = Id(position.at("agreements").at(0));
  const auto [pdf, digest] = Document(helene, year);
  EXPECT_EQ(Sha256OfForTest(pdf), digest);
  // Its signatures record that same digest: they signed these bytes.
  for (const auto& signature : position.at("agreements").at(0).at("signatures").as_array()) {
    EXPECT_EQ(signature.at("document_sha256").as_string(), digest);
  }
  const std::string text = PdfText(pdf);
  for (const char* needed :
       {"Convention de mise à disposition de personnel à but non lucratif", "Karim Haddad",
        "Animateur multimédia", "1er janvier 2026", "31 décembre 2026", "L8241-1", "L8241-2",
        "Centre social Fresnoy Mackellerie", "Centre social Basse Masure", "40,00 %",
        "aucun but lucratif", "FONJEP", "cotisations sociales"}) {
    EXPECT_NE(text.find(needed), std::string::npos) << needed << " not in:\n" << text;
  }
  EXPECT_TRUE(PdfFirstPageRenders(pdf));
}

TEST_F(StaffingApi, AMultiEmployerPostHasNoAgreementAndContractsStayWithinTheLegalWeek) {
  const Session sophie = SignInActingFor(demo::kSophie, "Centre social Alma");
  const Reply list = Get(sophie, "/api/v1/staffing/positions");
  std::string post;
  for (const auto& item : list.json.at("items").as_array()) {
    if (item.at("kind").as_string() == "multi_employer") post = Id(item);
  }
  ASSERT_FALSE(post.empty()) << list.body;
  ExpectRefused(sophie, "POST", "/api/v1/staffing/positions/" + post + "/agreements",
                Terms("2027", Shares({{alma_, 5000}, {iciela_, 5000}})), 400, "invalid_argument",
                "position_id");
  const std::int64_t sophies_id =
      Get(sophie, "/api/v1/session").json.at("person").at("id").as_int64();
  ExpectRefused(
      sophie, "POST", "/api/v1/staffing/positions",
      json::object{
          {"title", "Responsable RH"},
          {"kind", "multi_employer"},
          {"person_id", sophies_id},
          {"employments",
           json::array{json::object{{"structure_id", alma_}, {"weekly_minutes", 30 * 60}},
                       json::object{{"structure_id", iciela_}, {"weekly_minutes", 20 * 60}}}}},
      400, "invalid_argument", "employments");
  ExpectRefused(sophie, "POST", "/api/v1/staffing/positions",
                json::object{{"title", "Responsable RH"},
                             {"kind", "multi_employer"},
                             {"person_id", sophies_id},
                             {"working_days", json::array{"monday", "monday"}},
                             {"employments", json::array{}}},
                400, "invalid_argument", "working_days");
}

json::object DayBody(std::initializer_list<std::pair<std::int64_t, int>> entries,
                     json::value absence = nullptr) {
  json::array list;
  for (const auto& [structure, minutes] : entries) {
    list.push_back(json::object{{"structure_id", structure}, {"minutes", minutes}});
  }
  return json::object{{"entries", std::move(list)}, {"absence", std::move(absence)}};
}

// The entries a reader sees on one day of a month's view, as "structure:minutes" pairs.
std::string EntriesOn(const Reply& view, const std::string& day) {
  for (const auto& item : view.json.at("days").as_array()) {
    if (item.at("day").as_string() == day) return json::serialize(item.at("entries"));
  }
  return "no such day";
}

TEST_F(StaffingApi, EachStructureSeesTheHoursWorkedForItAndOnlyHerEmployerWhySheWasAbsent) {
  const Session karim = SignIn(kKarim);
  const std::string position = Id(Get(karim, "/api/v1/me/positions").json.at("items").at(0));
  const Reply recorded = Send(karim, "PUT", "/api/v1/me/positions/" + position + "/days/2026-09-16",
                              DayBody({{fresnoy_, 180}, {alma_, 90}},
                                      json::object{{"kind", "sickness"}, {"minutes", 150}}));
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  const std::string path = "/api/v1/staffing/positions/" + position + "/time?month=2026-09";
  const Reply carrier = Get(SignIn(demo::kClaire), path);
  ASSERT_EQ(carrier.status, 200) << carrier.body;
  EXPECT_EQ(EntriesOn(carrier, "2026-09-16"),
            json::serialize(DayBody({{alma_, 90}, {fresnoy_, 180}}).at("entries")));
  const Reply fresnoy = Get(SignIn(kHelene), path);
  ASSERT_EQ(fresnoy.status, 200) << fresnoy.body;
  EXPECT_EQ(EntriesOn(fresnoy, "2026-09-16"),
            json::serialize(DayBody({{fresnoy_, 180}}).at("entries")));
  const Reply basse = Get(SignIn(kThomas), path);
  EXPECT_EQ(EntriesOn(basse, "2026-09-16"), "[]");
  for (const auto& [reply, kind] :
       {std::pair{&carrier, std::string("\"sickness\"")}, std::pair{&fresnoy, std::string("null")},
        std::pair{&basse, std::string("null")}}) {
    for (const auto& item : reply->json.at("days").as_array()) {
      if (item.at("day").as_string() == "2026-09-16") {
        EXPECT_EQ(json::serialize(item.at("absence").at("kind")), kind);
      }
    }
  }
  // Karim reads all of his day, reason included.
  const Reply mine = Get(karim, "/api/v1/me/positions/" + position + "/days?month=2026-09");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_NE(mine.body.find("sickness"), std::string::npos);
  // The audit line of his record says the minutes, never the reason.
  auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
  const auto lines = tx->Query(
                           "SELECT params, changes, record_id FROM audit_log WHERE record_kind = "
                           "'time_record' AND "
                           "action = 'update'",
                           {})
                         .value();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].Text(2), position + ":2026-09-16");
  EXPECT_EQ(lines[0].Text(0).find("sick"), std::string::npos) << lines[0].Text(0);
  EXPECT_NE(lines[0].Text(0).find("270"), std::string::npos) << lines[0].Text(0);
}

TEST_F(StaffingApi, TheHrManagersTwoEmployersNeverSeeEachOthersDays) {
  const Session sophie_alma = SignInActingFor(demo::kSophie, "Centre social Alma");
  std::string post;
  const Reply hers = Get(sophie_alma, "/api/v1/me/positions");
  for (const auto& item : hers.json.at("items").as_array()) post = Id(item);
  const std::string path = "/api/v1/staffing/positions/" + post + "/time?month=2026-03";
  const Reply alma = Get(SignIn(demo::kClaire), path);
  ASSERT_EQ(alma.status, 200) << alma.body;
  EXPECT_EQ(json::serialize(alma.json.at("totals")).find(std::to_string(iciela_) + ","),
            std::string::npos);
  ASSERT_EQ(alma.json.at("totals").as_array().size(), 1u) << alma.body;
  EXPECT_EQ(alma.json.at("totals").at(0).at("structure_id").as_int64(), alma_);
  const Reply iciela = Get(SignIn("isabelle.moreau@iciela.example.org"), path);
  ASSERT_EQ(iciela.status, 200) << iciela.body;
  ASSERT_EQ(iciela.json.at("totals").as_array().size(), 1u) << iciela.body;
  EXPECT_EQ(iciela.json.at("totals").at(0).at("structure_id").as_int64(), iciela_);
  // March 2026 (the 1st a Sunday, no holiday): 22 working days; its 4 Thursdays and 4 Fridays at
  // Iciela, its 5 Mondays, 5 Tuesdays and 4 Wednesdays at Alma.
  EXPECT_EQ(iciela.json.at("totals").at(0).at("minutes").as_int64(), 8 * 420);
  EXPECT_EQ(alma.json.at("totals").at(0).at("minutes").as_int64(), 14 * 420);
}

TEST_F(StaffingApi, BadDaysAreRefusedPreciselyAndNothingChanges) {
  const Session karim = SignIn(kKarim);
  const std::string position = Id(Get(karim, "/api/v1/me/positions").json.at("items").at(0));
  const std::string day = "/api/v1/me/positions/" + position + "/days/";
  ExpectRefused(karim, "PUT", day + "2026-09-15",
                DayBody({{alma_, 60}}, json::object{{"kind", "sickness"}, {"minutes", 420}}), 400,
                "invalid_argument", "entries");
  ExpectRefused(karim, "PUT", day + "2026-09-15", DayBody({{alma_, 400}, {fresnoy_, 240}}), 400,
                "invalid_argument", "entries");
  ExpectRefused(karim, "PUT", day + "2026-09-22", DayBody({{alma_, 60}}), 400, "invalid_argument",
                "day");
  ExpectRefused(karim, "PUT", day + "2026-09-31", DayBody({{alma_, 60}}), 400, "invalid_argument",
                "day");
  ExpectRefused(karim, "PUT", day + "2026-09-15", DayBody({{iciela_, 60}}), 400, "invalid_argument",
                "entries.structure_id");
  ExpectRefused(karim, "PUT", day + "2026-09-15",
                DayBody({}, json::object{{"kind", "vacances"}, {"minutes", 60}}), 400,
                "invalid_argument", "absence.kind");
  ExpectRefused(karim, "PUT", day + "2026-09-15",
                DayBody({}, json::object{{"kind", "leave"}, {"minutes", 60}, {"why", "x"}}), 400,
                "invalid_argument", "absence.why");
  // Claire is his director, not him: his days are his to confirm.
  ExpectRefused(SignIn(demo::kClaire), "PUT", day + "2026-09-15", DayBody({{alma_, 60}}), 404,
                "not_found", "");
  const Reply bad_month = Get(karim, "/api/v1/me/positions/" + position + "/days?month=2026-13");
  EXPECT_EQ(bad_month.status, 400);
  EXPECT_EQ(bad_month.ErrorField(), "month");
  // A staff member of a party does not read the time.
  const Reply staff = Get(SignIn("martine.lemaire@alma.example.org"),
                          "/api/v1/staffing/positions/" + position + "/time?month=2026-09");
  EXPECT_EQ(staff.status, 403) << staff.body;
}

// --- The money: the carrier's costs, the statements it issues, and what each party reads. ---

// Money as the documents print it, with plain spaces (PdfText makes them plain too).
std::string Euros(std::int64_t cents) {
  std::string text = documents::FormatMoney(cents, documents::Language::kFrench);
  for (const std::string space : {"\u202F", "\u00A0"}) {
    for (auto at = text.find(space); at != std::string::npos; at = text.find(space, at)) {
      text.replace(at, space.size(), " ");
    }
  }
  return text;
}

// Every number of the sheet "Votre part" as openpyxl reads it, in cents, one a line.
std::string NumbersOfYourShare(const std::string& xlsx) {
  const std::string script = R"PY(
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['Votre part']
for row in ws.iter_rows():
    for cell in row:
        if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
            print(round(cell.value * 100))
)PY";
  ScratchDir dir;
  const auto result =
      RunCommand(std::string(documents::test_support::kPython) + " " +
                 dir.Write("read.py", script) + " " + dir.Write("statement.xlsx", xlsx) + " 2>&1");
  EXPECT_EQ(result.exit_code, 0) << result.out;
  return "\n" + result.out;
}

std::int64_t Sum(const json::array& parts, std::string_view field) {
  std::int64_t sum = 0;
  for (const auto& part : parts) sum += part.at(field).as_int64();
  return sum;
}

TEST_F(StaffingApi, TheCarrierSeesTheMonthsCostAndEachFigureSplitsToTheCent) {
  const Session claire = SignIn(demo::kClaire);
  const std::string position = Id(OfficersPosition(claire));
  const Reply march =
      Get(claire, "/api/v1/staffing/positions/" + position + "/costs?month=2026-03");
  ASSERT_EQ(march.status, 200) << march.body;
  const auto& cost = march.json.at("cost");
  EXPECT_EQ(cost.at("source").as_string(), "actual");
  EXPECT_EQ(cost.at("sick_pay_refunds_cents").as_int64(), 4823);
  const auto& allocation = march.json.at("allocation");
  const auto& parts = allocation.at("structures").as_array();
  ASSERT_EQ(parts.size(), 3u);
  for (const char* field : {"gross_salary_cents", "employer_contributions_cents",
                            "sick_pay_refunds_cents", "travel_cents"}) {
    const std::string whole = std::string(field) == "travel_cents" ? "travel_cents" : field;
    if (whole == "travel_cents") {
      EXPECT_EQ(Sum(parts, field), allocation.at("travel_cents").as_int64());
    } else {
      EXPECT_EQ(Sum(parts, field), cost.at(field).as_int64()) << field;
    }
  }
  EXPECT_EQ(Sum(parts, "due_cents"), allocation.at("total_cents").as_int64());
  EXPECT_EQ(allocation.at("total_cents").as_int64(),
            cost.at("net_cents").as_int64() + allocation.at("travel_cents").as_int64());
  EXPECT_EQ(march.json.at("unrecorded_days").as_int64(), 0);
  EXPECT_EQ(march.json.at("statements").as_array().size(), 2u);
  // August has no payroll yet: estimated from the July raise.
  const Reply august =
      Get(claire, "/api/v1/staffing/positions/" + position + "/costs?month=2026-08");
  ASSERT_EQ(august.status, 200) << august.body;
  EXPECT_EQ(august.json.at("cost").at("source").as_string(), "estimate");
  EXPECT_EQ(august.json.at("cost").at("gross_salary_cents").as_int64(), 224000);
  // A party billed for the officer does not read his salary, nor does he through Alma's hat.
  const Reply helene =
      Get(SignIn(kHelene), "/api/v1/staffing/positions/" + position + "/costs?month=2026-03");
  EXPECT_EQ(helene.status, 403) << helene.body;
  EXPECT_EQ(helene.body.find("218000"), std::string::npos);
  EXPECT_EQ(
      Get(SignIn(kKarim), "/api/v1/staffing/positions/" + position + "/costs?month=2026-03").status,
      403);
}

TEST_F(StaffingApi, EachBilledStructureReadsItsOwnStatementsAndTheirDocumentsAgree) {
  const Session helene = SignIn(kHelene);
  const Reply list = Get(helene, "/api/v1/staffing/statements");
  ASSERT_EQ(list.status, 200) << list.body;
  const auto& items = list.json.at("items").as_array();
  ASSERT_EQ(items.size(), 8u);  // January, its correction, February to July
  for (const auto& item : items) {
    EXPECT_EQ(item.at("billed_structure_id").as_int64(), fresnoy_) << item;
    EXPECT_TRUE(item.at("actions").as_array().empty());
  }
  // The January correction: the payroll, entered after, billed the difference.
  const Reply january = Get(helene, "/api/v1/staffing/statements?month=2026-01");
  ASSERT_EQ(january.json.at("items").as_array().size(), 2u);
  const auto& correction = january.json.at("items").at(0);
  const auto& original = january.json.at("items").at(1);
  EXPECT_EQ(correction.at("corrects_id"), original.at("id"));
  EXPECT_EQ(correction.at("previously_billed_cents"), original.at("amount_cents"));
  EXPECT_EQ(
      correction.at("amount_cents").as_int64(),
      correction.at("part").at("due_cents").as_int64() - original.at("amount_cents").as_int64());

  const std::string id = Id(original);
  const Reply one = Get(helene, "/api/v1/staffing/statements/" + id);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json.at("number").as_string(), "MAD-2026-0001");
  EXPECT_EQ(one.json.at("vat").at("treatment").as_string(), "franchise_293b");
  const std::int64_t total = one.json.at("total_cents").as_int64();
  const Reply pdf = Get(helene, "/api/v1/staffing/statements/" + id + "/document.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.headers.at("content-type"), "application/pdf");
  const std::string text = PdfText(pdf.body);
  for (const std::string& expected :
       {std::string("MAD-2026-0001"), std::string("Centre social Alma"),
        std::string("Centre social Fresnoy Mackellerie"), std::string("Karim Haddad"), Euros(total),
        std::string("article 293 B"), std::string("L8241-1")}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " not in:\n" << text;
  }
  EXPECT_TRUE(PdfFirstPageRenders(pdf.body));
  const Reply xlsx = Get(helene, "/api/v1/staffing/statements/" + id + "/document.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  const std::string numbers = NumbersOfYourShare(xlsx.body);
  for (const char* field : {"gross_salary_cents", "employer_contributions_cents", "due_cents"}) {
    const std::int64_t cents = one.json.at("part").at(field).as_int64();
    EXPECT_NE(numbers.find("\n" + std::to_string(cents) + "\n"), std::string::npos)
        << field << " " << cents << " not in" << numbers;
  }
  // Basse Masure, billed too, never reads Fresnoy's; the officer, Alma's staff, not the money.
  EXPECT_EQ(Get(SignIn(kThomas), "/api/v1/staffing/statements/" + id).status, 404);
  EXPECT_EQ(Get(SignIn(kThomas), "/api/v1/staffing/statements/" + id + "/document.pdf").status,
            404);
  EXPECT_EQ(Get(SignIn(kKarim), "/api/v1/staffing/statements/" + id).status, 403);
  // The carrier's director reads it, and may correct it.
  const Reply claire = Get(SignIn(demo::kClaire), "/api/v1/staffing/statements/" + id);
  ASSERT_EQ(claire.status, 200);
  EXPECT_EQ(json::serialize(claire.json.at("actions")), R"(["correct"])");
}

TEST_F(StaffingApi, AMonthIsIssuedOnceNumberedWithoutGapsAndOnlyWhenItIsOver) {
  const Session claire = SignIn(demo::kClaire);
  const json::object position = OfficersPosition(claire);
  const std::string year = Id(position.at("agreements").at(0));
  const std::string issue = "/api/v1/staffing/agreements/" + year + "/statements";
  const Reply august = Send(claire, "POST", issue, json::object{{"month", "2026-08"}});
  ASSERT_EQ(august.status, 201) << august.body;
  const auto& items = august.json.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("number").as_string(), "MAD-2026-0017");
  EXPECT_EQ(items[1].at("number").as_string(), "MAD-2026-0018");
  EXPECT_EQ(items[0].at("issued_on").as_string(), "2026-09-21");
  // What the two billed and what Alma keeps is the month's whole cost, to the cent.
  const Reply costs =
      Get(claire, "/api/v1/staffing/positions/" + Id(position) + "/costs?month=2026-08");
  const auto& allocation = costs.json.at("allocation");
  std::int64_t carrier_part = 0;
  for (const auto& part : allocation.at("structures").as_array()) {
    if (part.at("structure_id").as_int64() == alma_) carrier_part = part.at("due_cents").as_int64();
  }
  EXPECT_EQ(items[0].at("amount_cents").as_int64() + items[1].at("amount_cents").as_int64() +
                carrier_part,
            allocation.at("total_cents").as_int64());
  ExpectRefused(claire, "POST", issue, json::object{{"month", "2026-08"}}, 409, "conflict", "");
  // September is not over (the clock says 21 September); 2027 is another agreement's, a draft.
  ExpectRefused(claire, "POST", issue, json::object{{"month", "2026-09"}}, 409, "conflict", "");
  ExpectRefused(claire, "POST", issue, json::object{{"month", "2027-01"}}, 409, "conflict", "");
  ExpectRefused(claire, "POST", issue, json::object{{"month", "2026-8"}}, 400, "invalid_argument",
                "month");
  ExpectRefused(claire, "POST", issue, json::object{{"month", "2026-08"}, {"draft", true}}, 400,
                "invalid_argument", "draft");
  // Billed parties do not issue in the carrier's name.
  ExpectRefused(SignIn(kHelene), "POST", issue, json::object{{"month", "2026-08"}}, 403,
                "permission_denied", "");
}

TEST_F(StaffingApi, AMonthWithAnUnconfirmedDayWaitsForIt) {
  const Session karim = SignIn(kKarim);
  const std::string position = Id(Get(karim, "/api/v1/me/positions").json.at("items").at(0));
  const Reply removed = Send(karim, "PUT", "/api/v1/me/positions/" + position + "/days/2026-08-17",
                             json::object{{"entries", json::array{}}, {"absence", nullptr}});
  ASSERT_EQ(removed.status, 200) << removed.body;
  const Session claire = SignIn(demo::kClaire);
  const std::string year = Id(OfficersPosition(claire).at("agreements").at(0));
  const std::string before = SnapshotData();
  const Reply refused = Send(claire, "POST", "/api/v1/staffing/agreements/" + year + "/statements",
                             json::object{{"month", "2026-08"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json.at("error").at("message_id").as_string(),
            "staffing.statement.days_unrecorded");
  EXPECT_EQ(refused.json.at("error").at("params").at("first").as_string(), "2026-08-17");
  EXPECT_EQ(refused.json.at("error").at("params").at("count").as_int64(), 1);
  EXPECT_EQ(SnapshotData(), before);
}

TEST_F(StaffingApi, ACorrectionBillsTheDifferenceAndWhatWasIssuedNeverChanges) {
  const Session claire = SignIn(demo::kClaire);
  const std::string position = Id(OfficersPosition(claire));
  const Reply july = Get(claire, "/api/v1/staffing/statements?month=2026-07");
  std::string to_fresnoy;
  for (const auto& item : july.json.at("items").as_array()) {
    if (item.at("billed_structure_id").as_int64() == fresnoy_) to_fresnoy = Id(item);
  }
  ASSERT_FALSE(to_fresnoy.empty()) << july.body;
  const std::string statement = "/api/v1/staffing/statements/" + to_fresnoy;
  const Reply issued = Get(claire, statement);
  const std::string pdf_before = Get(claire, statement + "/document.pdf").body;
  // Nothing changed since July was issued: nothing to correct.
  ExpectRefused(claire, "POST", statement + "/corrections", json::object{}, 409, "conflict", "");
  // July's payroll arrives, with a bonus: July was billed on the estimate.
  const Reply payroll =
      Send(claire, "PUT", "/api/v1/staffing/positions/" + position + "/payroll/2026-07",
           json::object{
               {"gross_salary_cents", 234000},
               {"employer_contributions_cents", 98280},
               {"sick_pay_refunds_cents", 0},
               {"subsidies",
                json::array{json::object{{"label", "FONJEP"}, {"amount_cents", 59700}},
                            json::object{{"label", "Fédération : poste de transition numérique"},
                                         {"amount_cents", 50000}}}}});
  ASSERT_EQ(payroll.status, 200) << payroll.body;
  const Reply corrected = Send(claire, "POST", statement + "/corrections", json::object{});
  ASSERT_EQ(corrected.status, 201) << corrected.body;
  EXPECT_EQ(corrected.json.at("corrects_number"), issued.json.at("number"));
  EXPECT_EQ(corrected.json.at("previously_billed_cents"), issued.json.at("amount_cents"));
  EXPECT_EQ(corrected.json.at("amount_cents").as_int64(),
            corrected.json.at("part").at("due_cents").as_int64() -
                issued.json.at("amount_cents").as_int64());
  EXPECT_GT(corrected.json.at("amount_cents").as_int64(), 0);
  // The issued statement reads as it was, its PDF to the byte.
  EXPECT_EQ(Get(claire, statement).json, issued.json);
  EXPECT_EQ(Get(claire, statement + "/document.pdf").body, pdf_before);
  // A statement is corrected once; the correction itself has nothing left to correct.
  ExpectRefused(claire, "POST", statement + "/corrections", json::object{}, 409, "conflict", "");
  ExpectRefused(claire, "POST",
                "/api/v1/staffing/statements/" + Id(corrected.json) + "/corrections",
                json::object{}, 409, "conflict", "");
  // Fresnoy reads the correction; it may not correct anything.
  const Session helene = SignIn(kHelene);
  EXPECT_EQ(Get(helene, "/api/v1/staffing/statements/" + Id(corrected.json)).status, 200);
  ExpectRefused(helene, "POST", statement + "/corrections", json::object{}, 403,
                "permission_denied", "");
}

TEST_F(StaffingApi, BadMoneyIsRefusedPreciselyAndNothingChanges) {
  const Session claire = SignIn(demo::kClaire);
  const std::string p = "/api/v1/staffing/positions/" + Id(OfficersPosition(claire));
  // A raise backdated into a month already issued would change what was billed.
  ExpectRefused(claire, "PUT", p + "/salary/2026-07-15",
                json::object{{"monthly_gross_cents", 250000}}, 409, "conflict", "");
  ExpectRefused(claire, "PUT", p + "/salary/2026-09-01", json::object{{"monthly_gross_cents", -5}},
                400, "invalid_argument", "monthly_gross_cents");
  ExpectRefused(claire, "PUT", p + "/salary/2026-09-31", json::object{{"monthly_gross_cents", 5}},
                400, "invalid_argument", "day");
  ExpectRefused(claire, "PUT", p + "/salary/2026-09-01",
                json::object{{"monthly_gross_cents", 250000}, {"bonus", 1}}, 400,
                "invalid_argument", "bonus");
  ExpectRefused(
      claire, "PUT", p + "/salary/2026-09-01",
      json::object{{"monthly_gross_cents", 250000},
                   {"monthly_subsidies", json::array{json::object{{"label", std::string(201, 'x')},
                                                                  {"amount_cents", 1}}}}},
      400, "invalid_argument", "monthly_subsidies[0].label");
  const json::object payroll{{"gross_salary_cents", 1},
                             {"employer_contributions_cents", 1},
                             {"sick_pay_refunds_cents", 0}};
  ExpectRefused(claire, "PUT", p + "/payroll/2026-10", payroll, 400, "invalid_argument", "month");
  ExpectRefused(claire, "PUT", p + "/payroll/2026-13", payroll, 400, "invalid_argument", "month");
  json::object huge = payroll;
  huge["gross_salary_cents"] = std::int64_t{9'000'000'000'000};
  ExpectRefused(claire, "PUT", p + "/payroll/2026-08", huge, 400, "invalid_argument",
                "gross_salary_cents");
  // The multi-employer post is nobody's to re-invoice.
  std::string hr;
  const Reply positions = Get(claire, "/api/v1/staffing/positions");
  for (const auto& item : positions.json.at("items").as_array()) {
    if (item.at("kind").as_string() == "multi_employer") hr = Id(item);
  }
  ExpectRefused(claire, "PUT", "/api/v1/staffing/positions/" + hr + "/salary/2026-09-01",
                json::object{{"monthly_gross_cents", 180000}}, 409, "conflict", "");
  // The carrier's settings.
  const std::string s = "/api/v1/staffing/settings";
  ExpectRefused(claire, "PUT", s + "/rates/2026-05-01",
                json::object{{"employer_contribution_bp", 4300}, {"km_rate_millieuros", 636}}, 409,
                "conflict", "");
  ExpectRefused(claire, "PUT", s + "/rates/2026-10-01",
                json::object{{"employer_contribution_bp", 10001}, {"km_rate_millieuros", 636}}, 400,
                "invalid_argument", "employer_contribution_bp");
  ExpectRefused(claire, "PUT", s + "/vat", json::object{{"treatment", "subject"}}, 400,
                "invalid_argument", "rate_bp");
  ExpectRefused(claire, "PUT", s + "/vat", json::object{{"treatment", "exempt"}}, 400,
                "invalid_argument", "treatment");
  ExpectRefused(claire, "PUT", s + "/vat",
                json::object{{"treatment", "franchise_293b"}, {"rate_bp", 2000}}, 400,
                "invalid_argument", "rate_bp");
  const std::string a = std::to_string(alma_);
  ExpectRefused(claire, "PUT", s + "/distances/" + a + "/" + a, json::object{{"metres", 10}}, 400,
                "invalid_argument", "site_b");
  ExpectRefused(claire, "PUT", s + "/distances/" + a + "/999999", json::object{{"metres", 10}}, 404,
                "not_found", "site_b");
  ExpectRefused(claire, "PUT", s + "/distances/" + a + "/" + std::to_string(fresnoy_),
                json::object{{"metres", 0}}, 400, "invalid_argument", "metres");
  ExpectRefused(claire, "PUT", s + "/distances/" + a + "/x", json::object{{"metres", 10}}, 400,
                "invalid_argument", "site_b");
  // A staff member of the carrier does not touch its money.
  ExpectRefused(SignIn("martine.lemaire@alma.example.org"), "PUT", s + "/vat",
                json::object{{"treatment", "franchise_293b"}}, 403, "permission_denied", "");
}

}  // namespace
}  // namespace ensemble::testing_support
