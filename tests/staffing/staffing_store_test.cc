// The staffing store on both backends: positions, agreements, shares and signatures round-trip;
// the parties follow the terms; versions guard concurrent changes; signatures are append-only;
// and, on PostgreSQL, row-level security lets a transaction reach a position only through one of
// its parties or as its person.
#include <gtest/gtest.h>

#include "storage/database.h"
#include "storage/sql/database.h"
#include "tests/support/store_test.h"

namespace ensemble::storage {
namespace {

using namespace std::chrono;
using staffing::Agreement;
using staffing::Position;

class StaffingStoreTest : public test_support::StoreTest {
 protected:
  Position Officer() const {
    Position p;
    p.title = "Chargé de transition numérique";
    p.carrier = alma_;
    p.person_id = officer_;
    p.person_name = "Karim Benali";
    p.qualification = "Animateur multimédia";
    p.employments = {{alma_, 35 * 60}};
    return p;
  }

  Agreement Terms(staffing::PositionId position) const {
    Agreement a;
    a.position_id = position;
    a.carrier = alma_;
    a.starts_on = 2026y / January / 1;
    a.ends_on = 2026y / December / 31;
    a.drafted_on = 2025y / December / 1;
    a.shares = {{alma_, 4000}, {fresnoy_, 3000}, {basse_masure_, 3000}};
    return a;
  }

  std::vector<staffing::PositionId> SeenBy(Scope scope, StructureId structure) {
    auto tx = db_->Begin(TransactionMode::kRead, scope).value();
    Transaction typed(*tx);
    const std::vector<Position> positions =
        typed.Staffing().PositionsOfStructure(structure).value();
    std::vector<staffing::PositionId> ids;
    for (const Position& p : positions) {
      ids.push_back(p.id);
    }
    return ids;
  }

  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    alma_ = AddStructure("Centre social Alma");
    fresnoy_ = AddStructure("Centres sociaux Fresnoy Mackellerie");
    basse_masure_ = AddStructure("Centre social Basse Masure");
    iciela_ = AddStructure("Association Iciela");
    officer_ = Write([&](Transaction& tx) {
                 return tx.Tenancy().InsertPerson({0, "Karim Benali", "karim@example.org"}, "h", 1);
               }).value();
  }

  StructureId alma_ = 0, fresnoy_ = 0, basse_masure_ = 0, iciela_ = 0;
  tenancy::PersonId officer_ = 0;
};

TEST_P(StaffingStoreTest, APositionAndItsAgreementRoundTrip) {
  const auto position =
      Write([&](Transaction& tx) { return tx.Staffing().InsertPosition(Officer(), 5); }).value();
  const auto agreement = Write([&](Transaction& tx) {
                           return tx.Staffing().InsertAgreement(Terms(position), 6);
                         }).value();
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  auto store = Transaction(*tx).Staffing();
  const auto found = store.FindPosition(position).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->title, "Chargé de transition numérique");
  EXPECT_EQ(found->employments, (std::vector<staffing::Employment>{{alma_, 2100}}));
  EXPECT_EQ(found->working_days, staffing::kMondayToFriday);
  const auto agreements = store.AgreementsOf(position).value();
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_EQ(agreements[0].id, agreement);
  EXPECT_EQ(agreements[0].starts_on, 2026y / January / 1);
  EXPECT_EQ(agreements[0].ends_on, 2026y / December / 31);
  EXPECT_EQ(agreements[0].shares, Terms(position).shares);
  EXPECT_EQ(agreements[0].version, 1);
  // Every party, and only the parties, find it in their list.
  for (const StructureId party : {alma_, fresnoy_, basse_masure_}) {
    EXPECT_EQ(store.PositionsOfStructure(party).value().size(), 1u) << party;
  }
  EXPECT_TRUE(store.PositionsOfStructure(iciela_).value().empty());
  EXPECT_EQ(store.PositionsOfPerson(officer_).value().size(), 1u);
}

TEST_P(StaffingStoreTest, TermsChangeOnlyAtTheVersionReadAndThePartiesFollow) {
  const auto position =
      Write([&](Transaction& tx) { return tx.Staffing().InsertPosition(Officer(), 5); }).value();
  Agreement terms = Terms(position);
  terms.id =
      Write([&](Transaction& tx) { return tx.Staffing().InsertAgreement(terms, 6); }).value();
  terms.shares = {{alma_, 5000}, {iciela_, 5000}};
  EXPECT_TRUE(
      Write([&](Transaction& tx) { return tx.Staffing().UpdateAgreementTerms(terms); }).value());
  // A second change naming the version it read before is refused.
  EXPECT_FALSE(
      Write([&](Transaction& tx) { return tx.Staffing().UpdateAgreementTerms(terms); }).value());
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  auto store = Transaction(*tx).Staffing();
  const auto stored = store.FindAgreement(terms.id).value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->shares,
            (std::vector<staffing::AgreementShare>{{alma_, 5000}, {iciela_, 5000}}));
  EXPECT_TRUE(store.PositionsOfStructure(fresnoy_).value().empty());
  EXPECT_EQ(store.PositionsOfStructure(iciela_).value().size(), 1u);
}

TEST_P(StaffingStoreTest, SignaturesAreRecordedOnceAndNeverChanged) {
  const auto position =
      Write([&](Transaction& tx) { return tx.Staffing().InsertPosition(Officer(), 5); }).value();
  Agreement terms = Terms(position);
  terms.id =
      Write([&](Transaction& tx) { return tx.Staffing().InsertAgreement(terms, 6); }).value();
  const staffing::Signature signature{
      fresnoy_, "Nadia Haddad", "Directrice", 2026y / January / 3, std::string(64, 'c'), officer_};
  ASSERT_TRUE(Write([&](Transaction& tx) {
                return tx.Staffing().InsertSignature(terms, signature, 7);
              }).value());
  const auto twice = Write([&](Transaction& tx) -> Result<bool> {
    Agreement again = terms;
    again.version = 2;
    return tx.Staffing().InsertSignature(again, signature, 8);
  });
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().storage.kind, StorageFailure::kUniqueViolation);
  const auto changed = Write([&](Transaction& tx) {
    return RawSql(tx).Execute("UPDATE staffing_agreement_signatures SET signer_name = 'X'", {});
  });
  EXPECT_FALSE(changed.has_value());
  const auto removed = Write([&](Transaction& tx) {
    return RawSql(tx).Execute("DELETE FROM staffing_agreement_signatures", {});
  });
  EXPECT_FALSE(removed.has_value());
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  const auto stored = Transaction(*tx).Staffing().FindAgreement(terms.id).value();
  ASSERT_EQ(stored->signatures.size(), 1u);
  EXPECT_EQ(stored->signatures[0], signature);
  EXPECT_EQ(stored->version, 2);
}

TEST_P(StaffingStoreTest, OnPostgresqlOnlyThePartiesAndThePersonReachAPosition) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "SQLite has no row-level security";
  const auto position =
      Write([&](Transaction& tx) { return tx.Staffing().InsertPosition(Officer(), 5); },
            Scope::ActingFor(alma_))
          .value();
  ASSERT_TRUE(
      Write([&](Transaction& tx) { return tx.Staffing().InsertAgreement(Terms(position), 6); },
            Scope::ActingFor(alma_))
          .has_value());
  using Ids = std::vector<staffing::PositionId>;
  EXPECT_EQ(SeenBy(Scope::ActingFor(fresnoy_), fresnoy_), Ids{position});
  EXPECT_EQ(SeenBy(Scope::ActingFor(alma_), alma_), Ids{position});
  // Iciela asking for Fresnoy's list reaches nothing, nor does a transaction acting for nobody.
  EXPECT_EQ(SeenBy(Scope::ActingFor(iciela_), fresnoy_), Ids{});
  EXPECT_EQ(SeenBy(Scope::Nobody(), fresnoy_), Ids{});
  // Unscoped reads of every table, acting for Iciela: nothing of the position.
  for (const char* table : {"staffing_positions", "staffing_employments", "staffing_agreements",
                            "staffing_agreement_shares", "staffing_position_parties"}) {
    auto tx = db_->Begin(TransactionMode::kRead, Scope::ActingFor(iciela_)).value();
    const auto rows = tx->Query(std::string("SELECT * FROM ") + table, {});
    ASSERT_TRUE(rows.has_value()) << table;
    EXPECT_TRUE(rows->empty()) << table;
  }
  {
    auto tx = db_->Begin(TransactionMode::kRead, Scope::OwnPlatformLines(officer_)).value();
    auto store = Transaction(*tx).Staffing();
    EXPECT_EQ(store.PositionsOfPerson(officer_).value().size(), 1u);
    EXPECT_EQ(store.AgreementsOf(position).value().size(), 1u);
  }
  // Fresnoy may not write a position carried by Alma, nor its terms.
  Position forged = Officer();
  EXPECT_FALSE(Write([&](Transaction& tx) { return tx.Staffing().InsertPosition(forged, 7); },
                     Scope::ActingFor(fresnoy_))
                   .has_value());
  EXPECT_FALSE(
      Write([&](Transaction& tx) { return tx.Staffing().InsertAgreement(Terms(position), 7); },
            Scope::ActingFor(fresnoy_))
          .has_value());
}

// A collective reaches the terms of a position once one of its parties shares its staffing with
// it, and the half-days planned at a structure that shares; never the hours worked, nor what a
// party that does not share planned, nor anything from a collective it shares nothing with.
TEST_P(StaffingStoreTest, OnPostgresqlACollectiveReachesOnlyWhatItsMembersShare) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "SQLite has no row-level security";
  const StructureId federation = AddStructure("Fédération des centres sociaux");
  const auto position =
      Write([&](Transaction& tx) { return tx.Staffing().InsertPosition(Officer(), 5); },
            Scope::ActingFor(alma_))
          .value();
  ASSERT_TRUE(
      Write([&](Transaction& tx) { return tx.Staffing().InsertAgreement(Terms(position), 6); },
            Scope::ActingFor(alma_))
          .has_value());
  const auto collective = Write([&](Transaction& tx) -> Result<CollectiveId> {
                            const auto id = ENSEMBLE_TRY(
                                tx.Tenancy().InsertCollective({0, "Connectés", "", federation}, 1));
                            for (const StructureId member : {federation, alma_, fresnoy_}) {
                              ENSEMBLE_TRY_STATUS(tx.Tenancy().AddMember(id, member, 1));
                            }
                            return id;
                          }).value();
  // A half-day planned at each of the three parties, and an hour worked at Fresnoy.
  ASSERT_TRUE(Write([&](Transaction& tx) -> Status {
                staffing::PlanRun run;
                run.position_id = position;
                run.carrier = alma_;
                run.first = run.last = run.plan_from = 2026y / March / 2;
                run.requested_by = officer_;
                const auto plan = ENSEMBLE_TRY(tx.Staffing().InsertPlanRun(run));
                for (const auto& [half, structure] :
                     std::vector<std::pair<const char*, StructureId>>{{"morning", alma_},
                                                                      {"afternoon", fresnoy_}}) {
                  ENSEMBLE_TRY(RawSql(tx).Execute(
                      "INSERT INTO staffing_planned_half_days (position_id, day, half, "
                      "structure_id, start_minute, end_minute, commitment, plan_id, person_id, "
                      "carrier_reads) VALUES (?, '2026-03-02', ?, ?, 540, 750, '', ?, ?, ?)",
                      {position, std::string(half), structure, plan, officer_, alma_}));
                }
                ENSEMBLE_TRY(RawSql(tx).Execute(
                    "INSERT INTO staffing_planned_half_days (position_id, day, half, "
                    "structure_id, start_minute, end_minute, commitment, plan_id, person_id, "
                    "carrier_reads) VALUES (?, '2026-03-03', 'morning', ?, 540, 750, '', ?, ?, ?)",
                    {position, basse_masure_, plan, officer_, alma_}));
                return Ok();
              }).has_value());
  auto count = [&](const std::string& sql) {
    auto tx = db_->Begin(TransactionMode::kRead, Scope::ActingFor(federation)).value();
    return tx->QueryOne("SELECT count(*) FROM " + sql, {}).value()->Int(0);
  };
  auto share = [&](StructureId structure, tenancy::SharingLevel level) {
    ASSERT_TRUE(Write([&](Transaction& tx) {
                  return tx.Tenancy().UpsertSharingRule(
                      {structure, collective, tenancy::RecordKind::kStaffing, level}, officer_, 2);
                }).has_value());
  };
  using Ids = std::vector<staffing::PositionId>;
  // Nobody shares: nothing of it.
  EXPECT_EQ(SeenBy(Scope::ActingFor(federation), alma_), Ids{});
  EXPECT_EQ(count("staffing_planned_half_days"), 0);
  // Fresnoy shares another kind only: still nothing.
  ASSERT_TRUE(
      Write([&](Transaction& tx) {
        return tx.Tenancy().UpsertSharingRule(
            {fresnoy_, collective, tenancy::RecordKind::kPartners, tenancy::SharingLevel::kFull},
            officer_, 3);
      }).has_value());
  EXPECT_EQ(count("staffing_positions"), 0);
  // Fresnoy shares its staffing as aggregates: the terms, and the half-day planned at Fresnoy.
  share(fresnoy_, tenancy::SharingLevel::kAggregates);
  EXPECT_EQ(SeenBy(Scope::ActingFor(federation), fresnoy_), Ids{position});
  EXPECT_EQ(count("staffing_positions"), 1);
  EXPECT_EQ(count("staffing_employments"), 1);
  EXPECT_EQ(count("staffing_agreement_shares"), 3);
  EXPECT_EQ(count("staffing_planned_half_days"), 1);
  EXPECT_EQ(count("staffing_planned_half_days WHERE structure_id = " + std::to_string(fresnoy_)),
            1);
  // Alma too: its half-day joins; Basse Masure's, which shares nothing, never does.
  share(alma_, tenancy::SharingLevel::kFull);
  EXPECT_EQ(count("staffing_planned_half_days"), 2);
  EXPECT_EQ(
      count("staffing_planned_half_days WHERE structure_id = " + std::to_string(basse_masure_)), 0);
  // Never the rules, the runs, the hours or the absences; nor anything for a non-member.
  for (const char* table : {"staffing_plans", "staffing_time_entries", "staffing_absences",
                            "staffing_commitments", "staffing_preferences"}) {
    EXPECT_EQ(count(table), 0) << table;
  }
  auto tx = db_->Begin(TransactionMode::kRead, Scope::ActingFor(iciela_)).value();
  EXPECT_EQ(tx->QueryOne("SELECT count(*) FROM staffing_positions", {}).value()->Int(0), 0);
}

// A statement of March for `billed`, as the use case drafts it.
staffing::Statement MarchStatement(StructureId carrier, StructureId billed,
                                   staffing::AgreementId agreement, staffing::PositionId position,
                                   PersonId by) {
  staffing::Statement s;
  s.carrier = carrier;
  s.billed = billed;
  s.agreement_id = agreement;
  s.position_id = position;
  s.month = 2026y / March;
  s.issued_on = 2026y / April / 2;
  s.issued_by = by;
  s.vat = {staffing::VatTreatment::kSubject, 2000};
  s.cost = {staffing::CostSource::kActual, 240000, 103200, 1234, {{"FONJEP", 59700}}};
  s.month_worked_minutes = 9000;
  s.month_absence_minutes = 420;
  s.month_weight = 94200000;
  s.time_recorded = true;
  s.part = {billed, 3000, 2700, 126, 28260000, 72000, 30960, 370, 17910, 219, 1};
  s.trips = {{2026y / March / 2, carrier, billed, 3450, 219}};
  s.amount = 85269 - 370;
  s.vat_amount = staffing::VatOn(s.amount, s.vat);
  s.total = s.amount + s.vat_amount;
  return s;
}

TEST_P(StaffingStoreTest, CostsRoundTripAndReplaceTheRowOfTheSameKey) {
  const auto position =
      Write([&](Transaction& tx) { return tx.Staffing().InsertPosition(Officer(), 5); }).value();
  Position officer = Officer();
  officer.id = position;
  ASSERT_TRUE(Write([&](Transaction& tx) -> Status {
                auto store = tx.Staffing();
                ENSEMBLE_TRY_STATUS(store.PutSalaryChange(
                    officer, {2026y / April / 16, 250000, {{"FONJEP", 59700}}}, officer_, 1));
                ENSEMBLE_TRY_STATUS(
                    store.PutSalaryChange(officer, {2026y / January / 1, 1, {}}, officer_, 1));
                // The same day again replaces it.
                ENSEMBLE_TRY_STATUS(store.PutSalaryChange(
                    officer, {2026y / January / 1, 240000, {{"FONJEP", 59700}}}, officer_, 2));
                ENSEMBLE_TRY_STATUS(store.PutPayroll(
                    officer, {position, 2026y / March, 241357, 103784, 12345, {{"FONJEP", 59700}}},
                    officer_, 3));
                ENSEMBLE_TRY_STATUS(
                    store.PutCarrierRates(alma_, {2026y / January / 1, 4300, 636}, officer_, 4));
                ENSEMBLE_TRY_STATUS(store.PutVatSetting(
                    alma_, {staffing::VatTreatment::kExempt261B, 0}, officer_, 5));
                ENSEMBLE_TRY_STATUS(store.PutSiteDistance(alma_, {fresnoy_, alma_, 3400}));
                return store.PutSiteDistance(alma_, {alma_, fresnoy_, 3450});
              }).has_value());
  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  auto store = Transaction(*tx).Staffing();
  const auto history = store.SalaryHistory(position).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0], (staffing::SalaryChange{2026y / January / 1, 240000, {{"FONJEP", 59700}}}));
  EXPECT_EQ(history[1].effective_from, 2026y / April / 16);
  const auto payroll = store.PayrollOf(position, 2026y / March).value();
  ASSERT_TRUE(payroll.has_value());
  EXPECT_EQ(payroll->sick_pay_refunds, 12345);
  EXPECT_EQ(payroll->subsidies, (std::vector<staffing::SubsidyLine>{{"FONJEP", 59700}}));
  EXPECT_FALSE(store.PayrollOf(position, 2026y / April).value().has_value());
  EXPECT_EQ(store.CarrierRatesOf(alma_).value(),
            (std::vector<staffing::CarrierRates>{{2026y / January / 1, 4300, 636}}));
  EXPECT_EQ(store.VatSettingOf(alma_).value(),
            (staffing::VatSetting{staffing::VatTreatment::kExempt261B, 0}));
  EXPECT_FALSE(store.VatSettingOf(fresnoy_).value().has_value());
  const auto distances = store.SiteDistancesOf(alma_).value();
  ASSERT_EQ(distances.size(), 1u);
  EXPECT_EQ(distances[0].metres, 3450);
}

TEST_P(StaffingStoreTest, StatementsAreNumberedWithoutGapsPerCarrierAndYearAndNeverChange) {
  const auto position =
      Write([&](Transaction& tx) { return tx.Staffing().InsertPosition(Officer(), 5); }).value();
  const auto agreement = Write([&](Transaction& tx) {
                           return tx.Staffing().InsertAgreement(Terms(position), 6);
                         }).value();
  const auto issue = [&](staffing::Statement draft) {
    return Write([&](Transaction& tx) { return tx.Staffing().IssueStatement(draft); }).value();
  };
  const auto first = issue(MarchStatement(alma_, fresnoy_, agreement, position, officer_));
  EXPECT_EQ(first.number, "MAD-2026-0001");
  // An issue that rolls back takes no number.
  const auto rolled_back = Write([&](Transaction& tx) -> Status {
    ENSEMBLE_TRY(tx.Staffing().IssueStatement(
        MarchStatement(alma_, basse_masure_, agreement, position, officer_)));
    return Fail(ErrorCode::kConflict, "core.internal");
  });
  EXPECT_FALSE(rolled_back.has_value());
  const auto second = issue(MarchStatement(alma_, basse_masure_, agreement, position, officer_));
  EXPECT_EQ(second.number, "MAD-2026-0002");
  auto next_year = MarchStatement(alma_, fresnoy_, agreement, position, officer_);
  next_year.issued_on = 2027y / January / 4;
  next_year.corrects = first.id;
  next_year.corrects_number = first.number;
  next_year.previously_billed = first.amount;
  EXPECT_EQ(issue(next_year).number, "MAD-2027-0001");

  auto tx = db_->Begin(TransactionMode::kRead, Scope::WholeDatabase()).value();
  auto store = Transaction(*tx).Staffing();
  const auto stored = store.FindStatement(first.id).value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(*stored, first);  // every figure reads back as issued
  EXPECT_EQ(store.StatementsOfMonth(agreement, 2026y / March).value().size(), 3u);
  EXPECT_EQ(store.StatementsOfStructure(basse_masure_, std::nullopt).value().size(), 1u);
  EXPECT_EQ(store.StatementsOfStructure(alma_, 2026y / March).value().size(), 3u);
  EXPECT_EQ(store.LastIssuedMonthOfPosition(position).value(), 2026y / March);
  EXPECT_EQ(store.LastIssuedMonthOfCarrier(fresnoy_).value(), std::nullopt);
  tx.reset();
  for (const char* change :
       {"UPDATE staffing_statements SET amount_cents = 0", "DELETE FROM staffing_statements"}) {
    EXPECT_FALSE(Write([&](Transaction& t) { return RawSql(t).Execute(change, {}); }).has_value())
        << change;
  }
}

TEST_P(StaffingStoreTest, OnPostgresqlTheCostsAreTheCarriersAndAStatementItsPartiesAlone) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "SQLite has no row-level security";
  const auto position =
      Write([&](Transaction& tx) { return tx.Staffing().InsertPosition(Officer(), 5); },
            Scope::ActingFor(alma_))
          .value();
  const auto agreement =
      Write([&](Transaction& tx) { return tx.Staffing().InsertAgreement(Terms(position), 6); },
            Scope::ActingFor(alma_))
          .value();
  Position officer = Officer();
  officer.id = position;
  ASSERT_TRUE(Write(
                  [&](Transaction& tx) -> Status {
                    auto store = tx.Staffing();
                    ENSEMBLE_TRY_STATUS(store.PutSalaryChange(
                        officer, {2026y / January / 1, 240000, {}}, officer_, 1));
                    ENSEMBLE_TRY_STATUS(store.PutCarrierRates(
                        alma_, {2026y / January / 1, 4300, 636}, officer_, 1));
                    ENSEMBLE_TRY(store.IssueStatement(
                        MarchStatement(alma_, fresnoy_, agreement, position, officer_)));
                    return Ok();
                  },
                  Scope::ActingFor(alma_))
                  .has_value());
  const auto rows_of = [&](Scope scope, const char* table) {
    auto tx = db_->Begin(TransactionMode::kRead, scope).value();
    return tx->Query(std::string("SELECT * FROM ") + table, {}).value().size();
  };
  for (const char* table :
       {"staffing_salary_changes", "staffing_carrier_rates", "staffing_statement_counters"}) {
    EXPECT_EQ(rows_of(Scope::ActingFor(alma_), table), 1u) << table;
    // The structure the officer is lent to sees neither his salary nor the carrier's rates.
    EXPECT_EQ(rows_of(Scope::ActingFor(fresnoy_), table), 0u) << table;
    EXPECT_EQ(rows_of(Scope::OwnPlatformLines(officer_), table), 0u) << table;
  }
  EXPECT_EQ(rows_of(Scope::ActingFor(fresnoy_), "staffing_statements"), 1u);
  EXPECT_EQ(rows_of(Scope::ActingFor(basse_masure_), "staffing_statements"), 0u);
  EXPECT_EQ(rows_of(Scope::ActingFor(iciela_), "staffing_statements"), 0u);
  // Fresnoy may not issue in Alma's name, nor change Alma's rates.
  EXPECT_FALSE(Write(
                   [&](Transaction& tx) {
                     return tx.Staffing().IssueStatement(
                         MarchStatement(alma_, fresnoy_, agreement, position, officer_));
                   },
                   Scope::ActingFor(fresnoy_))
                   .has_value());
  EXPECT_FALSE(
      Write(
          [&](Transaction& tx) {
            return tx.Staffing().PutCarrierRates(alma_, {2026y / May / 1, 0, 0}, officer_, 2);
          },
          Scope::ActingFor(fresnoy_))
          .has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffingStoreTest, testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace ensemble::storage
