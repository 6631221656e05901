// The staffing store on both backends: positions, agreements, shares and signatures round-trip;
// the parties follow the terms; versions guard concurrent changes; signatures are append-only;
// and, on PostgreSQL, row-level security lets a transaction reach a position only through one of
// its parties or as its person.
#include <gtest/gtest.h>

#include "storage/database.h"
#include "storage/sql/database.h"
#include "tests/support/test_database.h"

namespace ensemble::storage {
namespace {

using namespace std::chrono;
using staffing::Agreement;
using staffing::Position;

class StaffingStoreTest : public testing::TestWithParam<std::string> {
 protected:
  template <typename Work>
  auto Write(Work&& work, Scope scope = Scope::WholeDatabase()) {
    return db_->InTransaction(TransactionMode::kWrite, scope, std::forward<Work>(work));
  }

  StructureId AddStructure(const std::string& name) {
    tenancy::Structure structure;
    structure.name = name;
    return Write([&](Transaction& tx) { return tx.Tenancy().InsertStructure(structure, 1); })
        .value();
  }

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
    auto created = test_support::TestDatabase::Create(GetParam());
    ASSERT_TRUE(created.has_value()) << created.error().message.id << created.error().context;
    database_ = std::move(*created);
    db_ = database_->OpenAgain().value();
    alma_ = AddStructure("Centre social Alma");
    fresnoy_ = AddStructure("Centres sociaux Fresnoy Mackellerie");
    basse_masure_ = AddStructure("Centre social Basse Masure");
    iciela_ = AddStructure("Association Iciela");
    officer_ = Write([&](Transaction& tx) {
                 return tx.Tenancy().InsertPerson({0, "Karim Benali", "karim@example.org"}, "h", 1);
               }).value();
  }

  std::unique_ptr<test_support::TestDatabase> database_;
  std::unique_ptr<Database> db_;
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

INSTANTIATE_TEST_SUITE_P(Backends, StaffingStoreTest, testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace ensemble::storage
