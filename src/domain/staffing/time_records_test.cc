#include "domain/staffing/time_records.h"

#include <gtest/gtest.h>

namespace ensemble::staffing {
namespace {

using namespace std::chrono;

constexpr StructureId kAlma = 1, kFresnoy = 2, kBasse = 3, kIciela = 4;
const Date kToday = 2026y / September / 21;

Position Officer() {
  Position p;
  p.kind = PositionKind::kLending;
  p.carrier = kAlma;
  p.employments = {{kAlma, 35 * 60}};
  return p;
}

Position HrManager() {
  Position p;
  p.kind = PositionKind::kMultiEmployer;
  p.carrier = kAlma;
  p.employments = {{kAlma, 21 * 60}, {kIciela, 14 * 60}};
  return p;
}

std::vector<Agreement> InForce2026() {
  Agreement a;
  a.carrier = kAlma;
  a.starts_on = 2026y / January / 1;
  a.ends_on = 2026y / December / 31;
  a.shares = {{kAlma, 4000}, {kFresnoy, 3000}, {kBasse, 3000}};
  for (const StructureId s : {kAlma, kFresnoy, kBasse}) {
    a.signatures.push_back({s, "x", "y", 2025y / December / 1, std::string(64, 'a'), 1});
  }
  return {a};
}

DayRecord Day(Date day, std::vector<TimeEntry> entries, std::optional<Absence> absence = {}) {
  return DayRecord{7, day, std::move(entries), absence};
}

std::string MessageOf(const Status& status) { return status ? "" : status.error().message.id; }
std::string FieldOf(const Status& status) { return status ? "" : status.error().field; }

TEST(TimeRecords, ADayAcrossTwoSitesUnderTheAgreementInForcePasses) {
  const auto record = Day(2026y / September / 16, {{kFresnoy, 210}, {kAlma, 210}});
  EXPECT_TRUE(CheckDayRecord(record, Officer(), InForce2026(), kToday, 0));
  EXPECT_EQ(record.WorkedMinutes(), 420);
  EXPECT_EQ(ContractDayMinutes(Officer()), 420);
}

TEST(TimeRecords, OnlyTheStructuresOfThatDayMayBeRecorded) {
  // Iciela is not party to the officer's agreement.
  const auto outsider = Day(2026y / September / 16, {{kIciela, 60}});
  EXPECT_EQ(FieldOf(CheckDayRecord(outsider, Officer(), InForce2026(), kToday, 0)),
            "entries.structure_id");
  // Before the agreement (2025), only the carrier.
  const auto before = Day(2025y / December / 15, {{kFresnoy, 60}});
  EXPECT_EQ(MessageOf(CheckDayRecord(before, Officer(), InForce2026(), kToday, 0)),
            "staffing.time.not_a_party_that_day");
  EXPECT_TRUE(CheckDayRecord(Day(2025y / December / 15, {{kAlma, 60}}), Officer(), InForce2026(),
                             kToday, 0));
  // A draft agreement governs nothing.
  auto draft = InForce2026();
  draft[0].signatures.pop_back();
  EXPECT_FALSE(
      CheckDayRecord(Day(2026y / September / 16, {{kBasse, 60}}), Officer(), draft, kToday, 0));
  // Ended early on 1 June: from then on, only the carrier.
  auto ended = InForce2026();
  ended[0].ended_on = 2026y / June / 1;
  EXPECT_FALSE(
      CheckDayRecord(Day(2026y / June / 2, {{kFresnoy, 60}}), Officer(), ended, kToday, 0));
  EXPECT_TRUE(CheckDayRecord(Day(2026y / May / 29, {{kFresnoy, 60}}), Officer(), ended, kToday, 0));
  // The multi-employer post: both employers, any day.
  EXPECT_TRUE(CheckDayRecord(Day(2026y / September / 16, {{kAlma, 240}, {kIciela, 180}}),
                             HrManager(), {}, kToday, 0));
}

TEST(TimeRecords, TheLegalLimitsAndAbsencesAreKept) {
  EXPECT_EQ(MessageOf(CheckDayRecord(Day(2026y / September / 16, {{kAlma, 360}, {kFresnoy, 300}}),
                                     Officer(), InForce2026(), kToday, 0)),
            "staffing.time.over_daily_limit");
  EXPECT_EQ(MessageOf(CheckDayRecord(Day(2026y / September / 18, {{kAlma, 420}}), Officer(),
                                     InForce2026(), kToday, 44 * 60)),
            "staffing.time.over_weekly_limit");
  EXPECT_TRUE(CheckDayRecord(Day(2026y / September / 18, {{kAlma, 240}}), Officer(), InForce2026(),
                             kToday, 44 * 60));
  // A whole day of sickness, and hours on it.
  const Absence sick{AbsenceKind::kSickness, 420};
  EXPECT_TRUE(
      CheckDayRecord(Day(2026y / September / 14, {}, sick), Officer(), InForce2026(), kToday, 0));
  EXPECT_EQ(MessageOf(CheckDayRecord(Day(2026y / September / 14, {{kAlma, 60}}, sick), Officer(),
                                     InForce2026(), kToday, 0)),
            "staffing.time.absent_day");
  // Half a day of training, and the other half worked.
  EXPECT_TRUE(CheckDayRecord(
      Day(2026y / September / 15, {{kBasse, 210}}, Absence{AbsenceKind::kTraining, 210}), Officer(),
      InForce2026(), kToday, 0));
  EXPECT_EQ(
      FieldOf(CheckDayRecord(Day(2026y / September / 15, {}, Absence{AbsenceKind::kLeave, 500}),
                             Officer(), InForce2026(), kToday, 0)),
      "absence.minutes");
  EXPECT_EQ(MessageOf(CheckDayRecord(Day(2026y / September / 22, {{kAlma, 60}}), Officer(),
                                     InForce2026(), kToday, 0)),
            "staffing.time.future_day");
  EXPECT_EQ(MessageOf(CheckDayRecord(Day(2026y / September / 16, {{kAlma, 60}, {kAlma, 60}}),
                                     Officer(), InForce2026(), kToday, 0)),
            "staffing.time.structure_twice");
}

TEST(TimeRecords, EachStructureSeesWhatConcernsItAndNoReasonForAnAbsenceUnlessEmployer) {
  const auto record = Day(2026y / September / 15, {{kBasse, 210}, {kAlma, 60}},
                          Absence{AbsenceKind::kSickness, 150});
  const DayRecord carrier = VisibleTo(record, Officer(), kAlma);
  EXPECT_EQ(carrier.entries.size(), 2u);
  EXPECT_FALSE(carrier.absence->kind_withheld);
  const DayRecord basse = VisibleTo(record, Officer(), kBasse);
  EXPECT_EQ(basse.entries, (std::vector<TimeEntry>{{kBasse, 210}}));
  EXPECT_TRUE(basse.absence->kind_withheld);
  EXPECT_EQ(basse.absence->minutes, 150);
  // Multi-employer: Alma never sees the hours worked for Iciela, nor the reverse.
  const auto hers = Day(2026y / September / 15, {{kAlma, 240}, {kIciela, 180}});
  EXPECT_EQ(VisibleTo(hers, HrManager(), kAlma).entries, (std::vector<TimeEntry>{{kAlma, 240}}));
  EXPECT_EQ(VisibleTo(hers, HrManager(), kIciela).entries,
            (std::vector<TimeEntry>{{kIciela, 180}}));
}

}  // namespace
}  // namespace ensemble::staffing
