// The audit log over HTTP: codes and parameters instead of prose, before/after of changes, a
// director hiding her own reads, the CSV export (read back with Python's csv module), a person's
// own account activity and the platform administrator's sign-ins. Each feature is tried by a
// person of another structure, who is refused with the exact status, beside the owner succeeding
// with the same request; each endpoint gets its bad input, which stores nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "storage/audit/audit_chain.h"
#include "storage/audit/audit_store.h"
#include "tests/api/api_fixture.h"
#include "tests/support/process.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

constexpr const char* kClaire = "claire.dumont@alma.example.org";
constexpr const char* kSophie = "sophie.lambert@rh.example.org";
constexpr const char* kMarc = "marc.lefebvre@echo.example.org";
constexpr const char* kAdmin = "admin@ensemble.example.org";
constexpr const char* kAlma = "Centre social Alma";

std::string AuditPath(std::int64_t structure, std::string_view rest = "") {
  return "/api/v1/structures/" + std::to_string(structure) + "/audit" + std::string(rest);
}

class AuditApi : public ApiTest {
 protected:
  std::int64_t PersonId(const Session& session) {
    return session.json.at("person").at("id").as_int64();
  }

  std::int64_t QueryInt(const std::string& sql, std::initializer_list<storage::Value> params) {
    auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
    auto row = tx->QueryOne(sql, params).value();
    return row ? row->Int(0) : -1;
  }

  void Execute(const std::string& sql, std::initializer_list<storage::Value> params) {
    ASSERT_TRUE(db_->InTransaction(storage::TransactionMode::kWrite,
                                   storage::Scope::WholeDatabase(),
                                   [&](storage::Transaction& tx) -> Status {
                                     ENSEMBLE_TRY(storage::RawSql(tx).Execute(sql, params));
                                     return Ok();
                                   })
                    .has_value());
  }

  // Each page's items, newest first, whose action is `action`.
  std::vector<json::value> LinesOf(const Reply& reply, std::string_view action) {
    std::vector<json::value> lines;
    for (const auto& item : reply.json.at("items").as_array()) {
      if (item.at("action").as_string() == action) lines.push_back(item);
    }
    return lines;
  }

  // The CSV read by Python's csv module, as a JSON array of rows (arrays of strings): what a
  // program that follows RFC 4180 sees, quoting and all. The BOM is checked and removed first.
  json::value ReadCsvWithPython(const std::string& body) {
    const auto file = database_->dir() / "export.csv";
    std::ofstream(file, std::ios::binary) << body;
    const auto result =
        test_support::RunCommand({"/usr/bin/python3", "-c",
                                  "import csv, io, json, sys\n"
                                  "raw = open(sys.argv[1], 'rb').read()\n"
                                  "assert raw.startswith(b'\\xef\\xbb\\xbf'), 'no BOM'\n"
                                  "text = io.StringIO(raw[3:].decode('utf-8'), newline='')\n"
                                  "rows = list(csv.reader(text, strict=True))\n"
                                  "print(json.dumps(rows))\n",
                                  file.string()});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    boost::system::error_code error;
    auto rows = json::parse(result.output, error);
    EXPECT_FALSE(error) << result.output;
    return rows;
  }
};

TEST_F(AuditApi, ChangesCarryEveryTouchedFieldBeforeAndAfter) {
  Session claire = SignIn(kClaire);
  const auto alma = claire.acting;
  const Reply before = Get(claire, "/api/v1/structures/" + std::to_string(alma));
  ASSERT_EQ(before.status, 200);
  const Reply patched =
      Send(claire, "PATCH", "/api/v1/structures/" + std::to_string(alma),
           json::object{{"territory", "Alma-Gare – Roubaix"}, {"siret", nullptr}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  const Reply log = Get(claire, AuditPath(alma, "?action=update"));
  ASSERT_EQ(log.status, 200);
  const auto& line = log.json.at("items").at(0);
  EXPECT_EQ(line.at("record_kind").as_string(), "structure");
  EXPECT_EQ(
      line.at("changes"),
      (json::array{
          json::object{{"field", "siret"}, {"old", before.json.at("siret")}, {"new", nullptr}},
          json::object{{"field", "territory"},
                       {"old", before.json.at("territory")},
                       {"new", "Alma-Gare – Roubaix"}}}));
  EXPECT_FALSE(line.as_object().contains("detail")) << "no prose";

  // A personnel file: the title's before and after, the confidential notes only as changed.
  Session sophie = SignInActingFor(kSophie, kAlma);
  const Reply files = Get(sophie, "/api/v1/structures/" + std::to_string(alma) + "/personnel");
  const auto& file = files.json.at("items").at(0);
  const std::string file_path = "/api/v1/personnel/" + std::to_string(file.at("id").as_int64());
  const std::string secret = "Arrêt maladie du 3 au 14 novembre";
  const Reply edited =
      Send(sophie, "PATCH", file_path,
           json::object{
               {"notes", secret}, {"job_title", "Coordinatrice"}, {"version", file.at("version")}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  const Reply file_log = Get(claire, AuditPath(alma, "?action=update"));
  const auto& file_line = file_log.json.at("items").at(0);
  EXPECT_EQ(file_line.at("record_kind").as_string(), "personnel_file");
  EXPECT_EQ(file_line.at("changes"),
            (json::array{json::object{{"field", "job_title"},
                                      {"old", file.at("job_title")},
                                      {"new", "Coordinatrice"}},
                         json::object{{"field", "notes"}, {"redacted", true}}}));
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log WHERE params LIKE ? OR changes LIKE ?",
                     {"%maladie%", "%maladie%"}),
            0)
      << "the notes' text is nowhere in the log";

  // The referent: the person before and after.
  const auto bien_vieillir = CollectiveId("Bien Vieillir");
  const Reply collective = Get(claire, "/api/v1/collectives/" + std::to_string(bien_vieillir));
  std::int64_t previous_referent = 0;
  for (const auto& member : collective.json.at("members").as_array()) {
    if (member.at("structure_id").as_int64() == alma) {
      previous_referent = member.at("referent").at("person_id").as_int64();
    }
  }
  const Reply referent = Send(claire, "PUT",
                              "/api/v1/collectives/" + std::to_string(bien_vieillir) + "/members/" +
                                  std::to_string(alma) + "/referent",
                              json::object{{"person_id", PersonId(claire)}});
  ASSERT_EQ(referent.status, 200) << referent.body;
  const Reply referent_log = Get(claire, AuditPath(alma, "?action=update"));
  const auto& referent_line = referent_log.json.at("items").at(0);
  EXPECT_EQ(referent_line.at("record_kind").as_string(), "referent");
  EXPECT_EQ(referent_line.at("params").at("collective_id").as_int64(), bien_vieillir);
  EXPECT_EQ(referent_line.at("changes"), (json::array{json::object{{"field", "referent_person_id"},
                                                                   {"old", previous_referent},
                                                                   {"new", PersonId(claire)}}}));
}

TEST_F(AuditApi, LinesAreCodesAndParametersAndAreSealedIntoTheChain) {
  Session claire = SignIn(kClaire);
  ASSERT_EQ(Get(claire, "/api/v1/structures/" + std::to_string(claire.acting) + "/staff").status,
            200);
  const Reply log = Get(claire, AuditPath(claire.acting, "?action=read"));
  ASSERT_EQ(log.status, 200);
  const auto reads = LinesOf(log, "read");
  ASSERT_FALSE(reads.empty());
  EXPECT_EQ(reads.front().at("record_kind").as_string(), "staff");
  EXPECT_GT(reads.front().at("params").at("count").as_int64(), 0);
  EXPECT_EQ(reads.front().at("sequence"), nullptr) << "not sealed yet";

  ASSERT_TRUE(db_->InTransaction(
                     storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
                     [](storage::Transaction& tx) { return tx.Audit().SealAuditLines(100'000); })
                  .has_value());
  const Reply sealed = Get(claire, AuditPath(claire.acting, "?action=read"));
  EXPECT_GE(LinesOf(sealed, "read").back().at("sequence").as_int64(), 1);
  const auto report =
      db_->InTransaction(storage::TransactionMode::kRead, storage::Scope::WholeDatabase(),
                         [](storage::Transaction& tx) { return tx.Audit().VerifyAuditChains(); })
          .value();
  EXPECT_FALSE(report.broken.has_value()) << report.broken->reason;
  EXPECT_GE(report.chains.size(), 2U) << "the platform chain and Alma's";
}

TEST_F(AuditApi, ADirectorHidesHerOwnReadsAndOthersAreRefusedTheSameRequest) {
  Session claire = SignIn(kClaire);
  const auto alma = claire.acting;
  ASSERT_EQ(Get(claire, "/api/v1/structures/" + std::to_string(alma) + "/staff").status, 200);
  Session sophie = SignInActingFor(kSophie, kAlma);
  ASSERT_EQ(Get(sophie, "/api/v1/structures/" + std::to_string(alma) + "/personnel").status, 200);

  const std::string request = AuditPath(alma, "?action=read&hide_own_reads=true&page_size=200");
  const Reply hidden = Get(claire, request);
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  ASSERT_FALSE(hidden.json.at("items").as_array().empty());
  for (const auto& item : hidden.json.at("items").as_array()) {
    EXPECT_NE(item.at("person_id"), json::value(PersonId(claire))) << json::serialize(item);
  }
  const Reply shown = Get(claire, AuditPath(alma, "?action=read&page_size=200"));
  std::int64_t claires = 0;
  for (const auto& item : shown.json.at("items").as_array()) {
    if (item.at("person_id") == json::value(PersonId(claire))) ++claires;
  }
  EXPECT_GE(claires, 2) << "without the filter, her staff read and her read of the log are there";
  EXPECT_EQ(shown.json.at("total").as_int64(), hidden.json.at("total").as_int64() + claires);
  // Her changes stay in view: only reads are hidden.
  EXPECT_EQ(Get(claire, AuditPath(alma, "?hide_own_reads=true&action=act_for")).status, 200);

  Session marc = SignIn(kMarc);
  const Reply refused = Get(marc, request);
  EXPECT_EQ(refused.status, 404);  // another structure's log is hidden
  EXPECT_EQ(refused.ErrorCode(), "not_found");
  EXPECT_EQ(Call(nullptr, "GET", request).status, 401);
}

TEST_F(AuditApi, TheLogsFiltersRefuseBadInputAndStoreNothing) {
  Session claire = SignIn(kClaire);
  const std::string before = SnapshotData();
  const auto lines_before = QueryInt("SELECT count(*) FROM audit_log", {});
  struct Case {
    std::string query;
    std::string field;
  };
  const Case cases[] = {
      {"?hide_own_reads=yes", "hide_own_reads"},
      {"?hide_own_reads=1", "hide_own_reads"},
      {"?action=delete", "action"},
      {"?action=READ", "action"},
      {"?person_id=-3", "person_id"},
      {"?person_id=1.5", "person_id"},
      {"?from=2026-02-30", "from"},
      {"?page=0", "page"},
      {"?page=x", "page"},
      {"?page_size=201", "page_size"},
  };
  for (const auto& path : {AuditPath(claire.acting), AuditPath(claire.acting, ".csv")}) {
    for (const Case& c : cases) {
      if (path.ends_with(".csv") && c.field.starts_with("page")) continue;  // no paging in CSV
      const Reply reply = Get(claire, path + c.query);
      EXPECT_EQ(reply.status, 400) << path << c.query;
      EXPECT_EQ(reply.ErrorCode(), "invalid_argument") << path << c.query;
      EXPECT_EQ(reply.ErrorField(), c.field) << path << c.query;
    }
  }
  EXPECT_EQ(Get(claire, "/api/v1/structures/abc/audit.csv").ErrorField(), "id");
  EXPECT_EQ(Get(claire, "/api/v1/structures/999999/audit.csv").status, 404);
  EXPECT_EQ(SnapshotData(), before);
  // Bad input writes nothing; the refused read of a structure that does not exist writes its
  // refusal, owned by nobody, as a hidden one would (so that both cost the same).
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log", {}), lines_before + 1);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log WHERE action = 'refused' AND "
                     "owner_structure_id IS NULL",
                     {}),
            1);
}

TEST_F(AuditApi, TheLogExportsAsCsvThatSpreadsheetsReadSafely) {
  Session claire = SignIn(kClaire);
  const auto alma = claire.acting;
  // A name a spreadsheet would run as a formula, and a change whose JSON needs quoting.
  const std::string formula = "=1+2, \"dite\"\nSophie";
  Execute("UPDATE people SET display_name = ? WHERE email = ?", {formula, kSophie});
  Session sophie = SignInActingFor(kSophie, kAlma);
  ASSERT_EQ(Get(sophie, "/api/v1/structures/" + std::to_string(alma) + "/personnel").status, 200);
  ASSERT_EQ(Send(claire, "PATCH", "/api/v1/structures/" + std::to_string(alma),
                 json::object{{"territory", "@Roubaix, \"Alma-Gare\""}})
                .status,
            200);

  const Reply listed = Get(claire, AuditPath(alma, "?page_size=200"));
  ASSERT_EQ(listed.status, 200);
  const Reply exported = Get(claire, AuditPath(alma, ".csv"));
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.headers.at("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(exported.headers.at("content-disposition").find("attachment"), std::string::npos);
  EXPECT_TRUE(exported.body.starts_with("\xEF\xBB\xBF"));
  EXPECT_NE(exported.body.find("\r\n"), std::string::npos) << "CRLF between records";

  const json::value rows = ReadCsvWithPython(exported.body);
  ASSERT_TRUE(rows.is_array());
  const auto& table = rows.as_array();
  ASSERT_GE(table.size(), 2U);
  EXPECT_EQ(table.at(0),
            (json::array{"id", "date", "personne_id", "personne", "agissant_pour_id",
                         "agissant_pour", "action", "donnee", "donnee_id", "parametres",
                         "modifications", "sequence", "empreinte", "action_libelle",
                         "donnee_libelle", "parametres_libelles", "modifications_libelles"}));
  // Every line of the JSON answer, and the line that records that JSON read.
  EXPECT_EQ(static_cast<std::int64_t>(table.size()) - 1, listed.json.at("total").as_int64() + 1);
  bool guarded = false;
  bool change_found = false;
  for (std::size_t i = 1; i < table.size(); ++i) {
    const auto& row = table.at(i).as_array();
    ASSERT_EQ(row.size(), 17U);
    for (const auto& cell : row) {
      const auto text = cell.as_string();
      EXPECT_FALSE(!text.empty() &&
                   std::string_view("=+-@").find(text.front()) != std::string::npos)
          << "a cell a spreadsheet would run: " << text;
    }
    if (row.at(3).as_string() == "'" + formula) guarded = true;
    if (row.at(6).as_string() == "update" && row.at(7).as_string() == "structure") {
      change_found = true;
      const auto changes = json::parse(row.at(10).as_string());
      EXPECT_EQ(changes.at(0).at("new").as_string(), "@Roubaix, \"Alma-Gare\"");
      // Beside the codes, the same line worded in the reader's language (French here).
      EXPECT_EQ(row.at(13).as_string(), "Modification");
      EXPECT_EQ(row.at(14).as_string(), "Fiche de la structure");
      EXPECT_TRUE(std::string_view(row.at(16).as_string()).starts_with("Territoire "));
    }
  }
  EXPECT_TRUE(guarded) << "the formula-like name is kept, behind an apostrophe";
  EXPECT_TRUE(change_found);

  // The filters apply, and the export is itself logged.
  const Reply updates = Get(claire, AuditPath(alma, ".csv?action=update"));
  const auto update_rows = ReadCsvWithPython(updates.body).as_array();
  ASSERT_EQ(update_rows.size(), 2U);
  EXPECT_EQ(update_rows.at(1).at(6).as_string(), "update");
  EXPECT_EQ(LinesOf(Get(claire, AuditPath(alma, "?action=export")), "export").size(), 2U);

  // Someone else, the wrong hat, and nobody: refused with the exact status.
  Session marc = SignIn(kMarc);
  const Reply refused = Get(marc, AuditPath(alma, ".csv"));
  EXPECT_EQ(refused.status, 404);  // another structure's log is hidden
  EXPECT_EQ(refused.ErrorCode(), "not_found");
  EXPECT_EQ(Get(sophie, AuditPath(alma, ".csv")).status, 403) << "HR, not director";
  EXPECT_EQ(Call(nullptr, "GET", AuditPath(alma, ".csv")).status, 401);
}

TEST_F(AuditApi, APersonSeesHerOwnSignInsSignOutsAndFailures) {
  Session claire = SignIn(kClaire);
  const auto claire_id = PersonId(claire);
  Session second = SignIn(kClaire);
  ASSERT_EQ(Send(second, "DELETE", "/api/v1/session", nullptr).status, 204);
  SignIn(kMarc);
  // A failed sign-in as the sign-in use case records it (action sign_in_failed, the account's
  // person, the address as a parameter).
  ASSERT_TRUE(db_->InTransaction(storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
                                 [&](storage::Transaction& tx) {
                                   audit::AuditEntry line;
                                   line.at = clock_.Now();
                                   line.person_id = claire_id;
                                   line.action = "sign_in_failed";
                                   line.record_kind = "session";
                                   line.params = storage::EncodeParams({{"address", "192.0.2.9"}});
                                   return tx.Audit().AppendAudit(line);
                                 })
                  .has_value());

  const Reply mine = Get(claire, "/api/v1/me/activity");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json.at("total").as_int64(), 4);
  for (const auto& item : mine.json.at("items").as_array()) {
    EXPECT_EQ(item.at("person_id").as_int64(), claire_id) << "nobody else's";
    EXPECT_EQ(item.at("owner_structure_id"), nullptr);
  }
  ASSERT_EQ(LinesOf(mine, "sign_in").size(), 2U);
  EXPECT_EQ(LinesOf(mine, "sign_in").front().at("params").at("address").as_string(), "127.0.0.1");
  EXPECT_EQ(LinesOf(mine, "sign_out").size(), 1U);
  EXPECT_EQ(LinesOf(mine, "sign_in_failed").front().at("params").at("address").as_string(),
            "192.0.2.9");
  const Reply failures = Get(claire, "/api/v1/me/activity?action=sign_in_failed&page_size=1");
  EXPECT_EQ(failures.json.at("total").as_int64(), 1);

  const std::string before = SnapshotData();
  const auto lines_before = QueryInt("SELECT count(*) FROM audit_log", {});
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"?page=0", "page"},
                                                        {"?page=abc", "page"},
                                                        {"?page_size=0", "page_size"},
                                                        {"?page_size=1000", "page_size"},
                                                        {"?action=read", "action"},
                                                        {"?action=sign_in,sign_out", "action"}}) {
    const Reply bad = Get(claire, "/api/v1/me/activity" + query);
    EXPECT_EQ(bad.status, 400) << query;
    EXPECT_EQ(bad.ErrorCode(), "invalid_argument") << query;
    EXPECT_EQ(bad.ErrorField(), field) << query;
  }
  EXPECT_EQ(SnapshotData(), before);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log", {}), lines_before);
  EXPECT_EQ(Call(nullptr, "GET", "/api/v1/me/activity").status, 401);
}

TEST_F(AuditApi, ThePlatformAdministratorSeesEverybodysSignInsAndNobodyElseDoes) {
  Session claire = SignIn(kClaire);
  Session marc = SignIn(kMarc);
  Session admin = SignIn(kAdmin);
  const Reply all = Get(admin, "/api/v1/admin/sign-ins?page_size=200");
  ASSERT_EQ(all.status, 200) << all.body;
  std::set<std::int64_t> people;
  for (const auto& item : LinesOf(all, "sign_in")) people.insert(item.at("person_id").as_int64());
  EXPECT_TRUE(people.contains(PersonId(claire)));
  EXPECT_TRUE(people.contains(PersonId(marc)));
  const std::string claires =
      "/api/v1/admin/sign-ins?person_id=" + std::to_string(PersonId(claire));
  const Reply one = Get(admin, claires);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json.at("total").as_int64(), 1);
  EXPECT_EQ(one.json.at("items").at(0).at("person_name").as_string(), "Claire Dumont");
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log WHERE action = 'read' AND record_kind = "
                     "'sign_ins' AND person_id = ? AND owner_structure_id IS NULL",
                     {PersonId(admin)}),
            2)
      << "each read of the sign-ins is logged";

  // A director, even of her own people, is refused the same request; so is nobody.
  const Reply refused = Get(claire, claires);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.ErrorCode(), "permission_denied");
  EXPECT_EQ(Get(marc, "/api/v1/admin/sign-ins").status, 403);
  EXPECT_EQ(Call(nullptr, "GET", claires).status, 401);

  const std::string before = SnapshotData();
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"?person_id=abc", "person_id"},
                                                        {"?person_id=0", "person_id"},
                                                        {"?action=update", "action"},
                                                        {"?page=-1", "page"},
                                                        {"?page_size=201", "page_size"}}) {
    const Reply bad = Get(admin, "/api/v1/admin/sign-ins" + query);
    EXPECT_EQ(bad.status, 400) << query;
    EXPECT_EQ(bad.ErrorCode(), "invalid_argument") << query;
    EXPECT_EQ(bad.ErrorField(), field) << query;
  }
  EXPECT_EQ(SnapshotData(), before);
}

}  // namespace
}  // namespace ensemble::testing_support
