// Refused attempts are in the audit log: every 403 and 404 the authorisation module decides for
// a signed-in person writes a line naming who, acting for which structure, the attempted action,
// the record and the reason, in a transaction of its own (the use case's one rolls back). The
// line belongs to the structure whose record it was, so that its director reads it in her log.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>

#include "tests/api/api_fixture.h"
#include "tests/api/demo_people.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;

using demo::kClaire;
using demo::kMarc;
using demo::kSophie;
constexpr const char* kAlma = "Centre social Alma";

class RefusedAttempts : public ApiTest {
 protected:
  // The refusals in Alma's log, as its director reads them.
  json::array RefusalsInAlmasLog() {
    Session claire = SignIn(kClaire);
    const Reply log =
        Get(claire, fmt::format("/api/v1/structures/{}/audit?action=refused", StructureId(kAlma)));
    EXPECT_EQ(log.status, 200) << log.body;
    return log.json.at("items").as_array();
  }

  // The refused lines of one person, whoever owns them, read behind the API.
  std::int64_t RefusalsBy(std::int64_t person) {
    auto tx = db_->Begin(storage::TransactionMode::kRead, storage::Scope::WholeDatabase()).value();
    auto row =
        tx->QueryOne("SELECT count(*) FROM audit_log WHERE action = 'refused' AND person_id = ?",
                     {person})
            .value();
    return row->Int(0);
  }

  static std::int64_t PersonId(const Session& session) {
    return session.json.at("person").at("id").as_int64();
  }

  // A parameter of a refusal line: the attempted action's code or the reason's.
  static std::string Parameter(const json::object& entry, std::string_view name) {
    return std::string(entry.at("params").at(name).as_string());
  }

  // The line of `person`'s refused `attempted` action, copied out of the log's page.
  static std::optional<json::object> Find(const json::array& entries, std::string_view person,
                                          std::string_view attempted) {
    for (const auto& entry : entries) {
      const auto& e = entry.as_object();
      if (e.at("person_name").as_string() != person) continue;
      if (Parameter(e, "attempted") == attempted) return e;
    }
    return std::nullopt;
  }

  static std::string Reason(const json::object& entry) { return Parameter(entry, "reason"); }
};

TEST_F(RefusedAttempts, AnOutsidersHiddenReadIsInTheOwnersLog) {
  Session marc = SignIn(kMarc);
  const auto alma = StructureId(kAlma);
  const Reply refused = Get(marc, fmt::format("/api/v1/structures/{}/staff", alma));
  ASSERT_EQ(refused.status, 404);
  EXPECT_EQ(refused.ErrorCode(), "not_found");

  const json::array refusals = RefusalsInAlmasLog();
  const auto line = Find(refusals, "Marc Lefebvre", "read_staff");
  ASSERT_TRUE(line.has_value()) << json::serialize(refusals);
  EXPECT_EQ(line->at("action").as_string(), "refused");
  EXPECT_EQ(line->at("acting_structure_name").as_string(), "Centre social ECHO");
  EXPECT_EQ(line->at("record_kind").as_string(), "structure");
  EXPECT_EQ(line->at("record_id").as_string(), std::to_string(alma));
  EXPECT_EQ(Reason(*line), "other_structure");
}

TEST_F(RefusedAttempts, AForbiddenChangeIsInTheOwnersLog) {
  Session marc = SignIn(kMarc);
  const Reply refused =
      Send(marc, "PATCH", fmt::format("/api/v1/structures/{}", StructureId(kAlma)),
           json::object{{"territory", "Ailleurs"}});
  ASSERT_EQ(refused.status, 403);
  const auto line = Find(RefusalsInAlmasLog(), "Marc Lefebvre", "update_structure");
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(Reason(*line), "other_structure");
}

TEST_F(RefusedAttempts, TheOtherHatIsNamedInTheRefusal) {
  Session sophie = SignInActingFor(kSophie, "Association Iciela");
  ASSERT_EQ(Get(sophie, fmt::format("/api/v1/structures/{}/personnel", StructureId(kAlma))).status,
            404);
  const auto line = Find(RefusalsInAlmasLog(), "Sophie Lambert", "list_personnel_files");
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->at("acting_structure_name").as_string(), "Association Iciela");
  EXPECT_EQ(Reason(*line), "other_structure");
}

TEST_F(RefusedAttempts, ARefusalWithoutAStructureChosenIsRecorded) {
  Session sophie = SignIn(kSophie);  // two hats, none chosen yet
  const Reply refused = Get(sophie, fmt::format("/api/v1/structures/{}/staff", StructureId(kAlma)));
  ASSERT_EQ(refused.status, 403);
  EXPECT_EQ(refused.ErrorCode(), "permission_denied");
  const auto line = Find(RefusalsInAlmasLog(), "Sophie Lambert", "read_staff");
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->at("acting_structure_id"), nullptr);
  EXPECT_EQ(Reason(*line), "no_acting_structure");
}

// A collective has no owner of its own: refused attempts on it go to its coordinating structure.
TEST_F(RefusedAttempts, AHiddenCollectiveIsInItsCoordinatorsLog) {
  Session marc = SignIn(kMarc);
  const auto partnership = CollectiveId("Partenariat RH Alma – Iciela");  // coordinated by Alma
  ASSERT_EQ(Get(marc, fmt::format("/api/v1/collectives/{}", partnership)).status, 404);
  const auto line = Find(RefusalsInAlmasLog(), "Marc Lefebvre", "read_collective");
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->at("record_kind").as_string(), "collective");
  EXPECT_EQ(line->at("record_id").as_string(), std::to_string(partnership));
  EXPECT_EQ(Reason(*line), "not_a_member");
}

// The refusal answers exactly as a missing record, and costs the same: both write one line, the
// missing one owned by nobody, so that no structure's log fills with ids that do not exist.
TEST_F(RefusedAttempts, AHiddenRecordAndAMissingOneAnswerAndRecordAlike) {
  Session marc = SignIn(kMarc);
  const auto marc_id = PersonId(marc);
  const Reply hidden = Get(marc, fmt::format("/api/v1/structures/{}/audit", StructureId(kAlma)));
  EXPECT_EQ(RefusalsBy(marc_id), 1);
  const Reply missing = Get(marc, "/api/v1/structures/999999/audit");
  EXPECT_EQ(RefusalsBy(marc_id), 2);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(missing.status, hidden.status);
  EXPECT_EQ(missing.body, hidden.body);
  EXPECT_EQ(missing.headers.at("content-type"), hidden.headers.at("content-type"));
  const json::array refusals = RefusalsInAlmasLog();
  std::size_t marcs = 0;
  for (const auto& entry : refusals) {
    if (entry.at("person_name").as_string() == "Marc Lefebvre") ++marcs;
  }
  EXPECT_EQ(marcs, 1u) << json::serialize(refusals);
}

// A personnel file of another employer: the answer is the same on both backends. On PostgreSQL
// the actor's transaction cannot even reach the file (row-level security), so its refusal is
// recorded as for an id that does not exist, owned by nobody; on SQLite the use case sees whose
// it is and Alma's log shows it.
TEST_F(RefusedAttempts, AnotherEmployersFileIsRefusedAndRecorded) {
  Session claire = SignIn(kClaire);
  const Reply files =
      Get(claire, fmt::format("/api/v1/structures/{}/personnel", StructureId(kAlma)));
  ASSERT_EQ(files.status, 200);
  const auto file = files.json.at("items").as_array().at(0).at("id").as_int64();
  Session sophie = SignInActingFor(kSophie, "Association Iciela");
  const Reply refused = Get(sophie, fmt::format("/api/v1/personnel/{}", file));
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(refused.json.at("error").at("message").as_string(), "dossier introuvable");
  EXPECT_EQ(RefusalsBy(PersonId(sophie)), 1);
  const auto line = Find(RefusalsInAlmasLog(), "Sophie Lambert", "read_personnel_file");
  if (TestBackend() == "postgresql") {
    EXPECT_FALSE(line.has_value());
  } else {
    ASSERT_TRUE(line.has_value());
    EXPECT_EQ(Reason(*line), "other_structure");
  }
}

// What is allowed writes no refusal.
TEST_F(RefusedAttempts, AllowedRequestsWriteNone) {
  Session claire = SignIn(kClaire);
  const auto alma = StructureId(kAlma);
  ASSERT_EQ(Get(claire, fmt::format("/api/v1/structures/{}/staff", alma)).status, 200);
  ASSERT_EQ(Get(claire, fmt::format("/api/v1/structures/{}", alma)).status, 200);
  EXPECT_EQ(RefusalsBy(PersonId(claire)), 0);
}

}  // namespace
}  // namespace ensemble::testing_support
