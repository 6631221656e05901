#include "domain/staffing/validation.h"

#include <gtest/gtest.h>

namespace ensemble::staffing {
namespace {

using namespace std::chrono;

constexpr StructureId kAlma = 1, kFresnoy = 2, kBasseMasure = 3, kIciela = 4;

Position Officer() {
  Position position;
  position.id = 7;
  position.title = "Chargé de transition numérique";
  position.kind = PositionKind::kLending;
  position.carrier = kAlma;
  position.person_id = 50;
  position.person_name = "Karim Benali";
  position.employments = {{kAlma, 35 * 60}};
  return position;
}

Agreement Terms() {
  Agreement agreement;
  agreement.starts_on = 2026y / January / 1;
  agreement.ends_on = 2026y / December / 31;
  agreement.shares = {{kAlma, 4000}, {kFresnoy, 3000}, {kBasseMasure, 3000}};
  return agreement;
}

std::string FieldOf(const Status& status) { return status ? "" : status.error().field; }

template <typename T>
std::string MessageOf(const Result<T>& result) {
  return result ? "" : result.error().message.id;
}

TEST(StaffingValidation, TheOfficersPositionAndAgreementPass) {
  const auto position = CheckPosition(Officer());
  ASSERT_TRUE(position) << position.error().message.id;
  const auto agreement = CheckAgreementTerms(Terms(), *position);
  ASSERT_TRUE(agreement) << agreement.error().message.id;
  EXPECT_EQ(agreement->carrier, kAlma);
  EXPECT_EQ(agreement->position_id, 7);
}

TEST(StaffingValidation, SharesMustSumToExactlyAHundredPercent) {
  Agreement terms = Terms();
  terms.shares[2].share_bp = 2950;  // 99.5 % in all
  const auto checked = CheckAgreementTerms(terms, Officer());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(checked.error().field, "shares");
  EXPECT_EQ(checked.error().message.id, "staffing.agreement.shares_not_whole");
  ASSERT_EQ(checked.error().message.params.size(), 1u);
  EXPECT_EQ(std::get<double>(checked.error().message.params[0].value), 99.5);
}

TEST(StaffingValidation, SharesAreRefusedWhenZeroDuplicatedOrWithoutTheCarrier) {
  Agreement zero = Terms();
  zero.shares = {{kAlma, 10000}, {kFresnoy, 0}};
  EXPECT_EQ(MessageOf(CheckAgreementTerms(zero, Officer())), "staffing.agreement.bad_share");
  Agreement twice = Terms();
  twice.shares = {{kAlma, 5000}, {kAlma, 5000}};
  EXPECT_EQ(MessageOf(CheckAgreementTerms(twice, Officer())), "staffing.agreement.party_twice");
  Agreement without = Terms();
  without.shares = {{kFresnoy, 5000}, {kBasseMasure, 5000}};
  EXPECT_EQ(MessageOf(CheckAgreementTerms(without, Officer())),
            "staffing.agreement.carrier_not_party");
  Agreement alone = Terms();
  alone.shares = {{kAlma, 10000}};
  EXPECT_EQ(MessageOf(CheckAgreementTerms(alone, Officer())), "staffing.agreement.party_count");
}

TEST(StaffingValidation, APeriodEndingBeforeItStartsOrAnImpossibleDateIsRefused) {
  Agreement backwards = Terms();
  backwards.ends_on = 2025y / December / 31;
  EXPECT_EQ(MessageOf(CheckAgreementTerms(backwards, Officer())),
            "staffing.agreement.ends_before_start");
  Agreement impossible = Terms();
  impossible.starts_on = 2026y / February / 30;
  const auto checked = CheckAgreementTerms(impossible, Officer());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().field, "starts_on");
}

TEST(StaffingValidation, AMultiEmployerPostHasNoAgreement) {
  Position post = Officer();
  post.kind = PositionKind::kMultiEmployer;
  post.employments = {{kAlma, 21 * 60}, {kIciela, 14 * 60}};
  ASSERT_TRUE(CheckPosition(post));
  EXPECT_EQ(MessageOf(CheckAgreementTerms(Terms(), post)),
            "staffing.agreement.not_a_lending_position");
}

TEST(StaffingValidation, ContractHoursStayWithinTheLegalWeek) {
  Position post = Officer();
  post.kind = PositionKind::kMultiEmployer;
  post.employments = {{kAlma, 30 * 60}, {kIciela, 20 * 60}};  // 50 h in all
  EXPECT_EQ(MessageOf(CheckPosition(post)), "staffing.position.weekly_hours_over_limit");
  post.employments = {{kAlma, 30 * 60}};
  EXPECT_EQ(MessageOf(CheckPosition(post)), "staffing.position.multi_employer_needs_two");
  Position lending = Officer();
  lending.employments = {{kAlma, 0}};
  EXPECT_EQ(MessageOf(CheckPosition(lending)), "staffing.position.bad_weekly_hours");
  lending.employments = {{kIciela, 35 * 60}};
  EXPECT_EQ(MessageOf(CheckPosition(lending)), "staffing.position.lending_one_employer");
  lending = Officer();
  lending.working_days = 0;
  EXPECT_EQ(MessageOf(CheckPosition(lending)), "staffing.position.no_working_day");
}

TEST(StaffingValidation, ATitleWithInvisibleCharactersIsRefused) {
  Position position = Officer();
  position.title = "Charg\u00e9\u200b";
  const auto checked = CheckPosition(position);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().field, "title");
}

TEST(StaffingValidation, TwoAgreementsOfOnePositionMayNotCoverTheSameDay) {
  Agreement first = *CheckAgreementTerms(Terms(), Officer());
  first.id = 1;
  Agreement second = first;
  second.id = 2;
  second.starts_on = 2026y / December / 31;  // one day in common
  second.ends_on = 2027y / June / 30;
  const std::vector<Agreement> existing = {first};
  const Status overlap = CheckNoOverlap(second, existing);
  ASSERT_FALSE(overlap);
  EXPECT_EQ(overlap.error().code, ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(overlap), "starts_on");
  second.starts_on = 2027y / January / 1;
  EXPECT_TRUE(CheckNoOverlap(second, existing));
  // Ended early on 1 October: the days from then on are free again.
  second.starts_on = 2026y / October / 1;
  std::vector<Agreement> ended = existing;
  ended[0].ended_on = 2026y / October / 1;
  EXPECT_TRUE(CheckNoOverlap(second, ended));
  second.starts_on = 2026y / September / 30;
  EXPECT_FALSE(CheckNoOverlap(second, ended));
}

TEST(StaffingValidation, SignaturesFollowTheAgreementsState) {
  Agreement agreement = *CheckAgreementTerms(Terms(), Officer());
  const Date today = 2026y / January / 5;
  Signature alma{kAlma, "Claire Dumont", "Directrice", today, std::string(64, 'a'), 1};
  EXPECT_EQ(agreement.StateOn(today), AgreementState::kDraft);
  ASSERT_TRUE(CheckSignature(agreement, alma, today));
  agreement.signatures.push_back(alma);
  EXPECT_EQ(agreement.StateOn(today), AgreementState::kPartiallySigned);
  EXPECT_EQ(CheckSignature(agreement, alma, today).error().code, ErrorCode::kConflict);
  Signature outsider = alma;
  outsider.structure = kIciela;
  EXPECT_EQ(FieldOf(CheckSignature(agreement, outsider, today)), "structure_id");
  Signature bad_hash = alma;
  bad_hash.structure = kFresnoy;
  bad_hash.document_sha256 = std::string(64, 'A');
  EXPECT_EQ(FieldOf(CheckSignature(agreement, bad_hash, today)), "document_sha256");
  for (const StructureId other : {kFresnoy, kBasseMasure}) {
    Signature s = alma;
    s.structure = other;
    agreement.signatures.push_back(s);
  }
  EXPECT_EQ(agreement.StateOn(today), AgreementState::kInForce);
  EXPECT_EQ(agreement.StateOn(2027y / January / 1), AgreementState::kEnded);
  agreement.ended_on = 2026y / March / 1;
  EXPECT_EQ(agreement.StateOn(2026y / March / 1), AgreementState::kEnded);
  EXPECT_EQ(agreement.StateOn(2026y / February / 28), AgreementState::kInForce);
}

}  // namespace
}  // namespace ensemble::staffing

namespace ensemble::staffing {
namespace {

TEST(StaffingDates, IsoDatesRoundTripAndImpossibleOnesAreRefused) {
  using namespace std::chrono;
  EXPECT_EQ(IsoDate(2026y / March / 5), "2026-03-05");
  EXPECT_EQ(ParseIsoDate("2026-03-05"), Date(2026y / March / 5));
  EXPECT_EQ(ParseIsoDate("2028-02-29"), Date(2028y / February / 29));
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-1-05", "2026/03/05", "2026-03-5x",
                          "+026-03-05", "", "2026-03-051"}) {
    EXPECT_FALSE(ParseIsoDate(bad).has_value()) << bad;
  }
}

TEST(StaffingDates, IsoMonthsRoundTripAndImpossibleOnesAreRefused) {
  using namespace std::chrono;
  EXPECT_EQ(IsoMonth(2026y / March), "2026-03");
  EXPECT_EQ(ParseIsoMonth("2026-12"), 2026y / December);
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "2026/03", "2026-03-01", "", "+026-03"}) {
    EXPECT_FALSE(ParseIsoMonth(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace ensemble::staffing
