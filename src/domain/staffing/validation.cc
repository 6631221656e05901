#include "domain/staffing/validation.h"

#include <algorithm>
#include <set>

#include "core/text.h"

namespace ensemble::staffing {
namespace {

Status CheckContractHours(const Position& position) {
  for (const Employment& employment : position.employments) {
    if (employment.weekly_minutes <= 0 || employment.weekly_minutes > kMaxWeeklyMinutes) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"staffing.position.bad_weekly_hours", {{"max_hours", 48}}},
                  "employments.weekly_minutes");
    }
  }
  if (position.WeeklyMinutes() > kMaxWeeklyMinutes) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"staffing.position.weekly_hours_over_limit", {{"max_hours", 48}}},
                "employments");
  }
  return Ok();
}

Status CheckEmployers(const Position& position) {
  const std::vector<StructureId> employers = position.Employers();
  const std::set<StructureId> distinct(employers.begin(), employers.end());
  if (distinct.size() != employers.size()) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.position.employer_twice"},
                "employments");
  }
  const bool carrier_employs = distinct.contains(position.carrier);
  if (position.kind == PositionKind::kLending && (employers.size() != 1 || !carrier_employs)) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.position.lending_one_employer"},
                "employments");
  }
  if (position.kind == PositionKind::kMultiEmployer && (employers.size() < 2 || !carrier_employs)) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.position.multi_employer_needs_two"},
                "employments");
  }
  return Ok();
}

Status CheckShares(const Agreement& agreement) {
  if (agreement.shares.size() < 2 || agreement.shares.size() > kMaxAgreementParties) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"staffing.agreement.party_count",
                        {{"max", static_cast<std::int64_t>(kMaxAgreementParties)}}},
                "shares");
  }
  std::set<StructureId> seen;
  std::int64_t sum = 0;
  for (const AgreementShare& share : agreement.shares) {
    if (share.share_bp <= 0 || share.share_bp >= kWholeShare) {
      return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.bad_share"},
                  "shares.share_bp");
    }
    if (!seen.insert(share.structure).second) {
      return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.party_twice"},
                  "shares.structure_id");
    }
    sum += share.share_bp;
  }
  if (sum != kWholeShare) {
    // The sum in percent, as people typed it: 9,950 bp reads « 99,5 % ».
    return Fail(ErrorCode::kInvalidArgument,
                Message{"staffing.agreement.shares_not_whole",
                        {{"sum_percent", static_cast<double>(sum) / 100.0}}},
                "shares");
  }
  if (!seen.contains(agreement.carrier)) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.carrier_not_party"},
                "shares");
  }
  return Ok();
}

bool IsLowerHex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The last day an agreement covers: its end, or the day before it was ended early.
Date LastDay(const Agreement& agreement) {
  if (agreement.ended_on && *agreement.ended_on <= agreement.ends_on) {
    return std::chrono::sys_days{*agreement.ended_on} - std::chrono::days{1};
  }
  return agreement.ends_on;
}

}  // namespace

Result<Position> CheckPosition(Position position) {
  position.title = ENSEMBLE_TRY(CheckText("title", position.title, 1, kMaxTitleChars));
  position.person_name =
      ENSEMBLE_TRY(CheckText("person_name", position.person_name, 1, kMaxTitleChars));
  position.qualification =
      ENSEMBLE_TRY(CheckText("qualification", position.qualification, 0, kMaxTitleChars));
  position.tasks =
      ENSEMBLE_TRY(CheckText("tasks", position.tasks, 0, kMaxTasksChars, TextKind::kParagraphs));
  if ((position.working_days & 0b1111111) == 0 || (position.working_days & 0b10000000) != 0) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.position.no_working_day"},
                "working_days");
  }
  ENSEMBLE_TRY_STATUS(CheckEmployers(position));
  ENSEMBLE_TRY_STATUS(CheckContractHours(position));
  return position;
}

Result<Agreement> CheckAgreementTerms(Agreement agreement, const Position& position) {
  if (position.kind != PositionKind::kLending) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.not_a_lending_position"},
                "position_id");
  }
  if (!agreement.starts_on.ok()) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.bad_date"}, "starts_on");
  }
  if (!agreement.ends_on.ok()) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.bad_date"}, "ends_on");
  }
  if (agreement.ends_on < agreement.starts_on) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.ends_before_start"},
                "ends_on");
  }
  agreement.carrier = position.carrier;
  agreement.position_id = position.id;
  ENSEMBLE_TRY_STATUS(CheckShares(agreement));
  return agreement;
}

Status CheckNoOverlap(const Agreement& agreement, std::span<const Agreement> others) {
  for (const Agreement& other : others) {
    if (other.id == agreement.id || other.position_id != agreement.position_id) continue;
    const bool disjoint =
        LastDay(other) < agreement.starts_on || LastDay(agreement) < other.starts_on;
    if (!disjoint) {
      return Fail(ErrorCode::kConflict,
                  Message{"staffing.agreement.overlaps", {{"other_id", other.id}}}, "starts_on");
    }
  }
  return Ok();
}

Status CheckSignature(const Agreement& agreement, const Signature& signature, Date today) {
  const std::vector<StructureId> parties = agreement.Parties();
  if (std::find(parties.begin(), parties.end(), signature.structure) == parties.end()) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.signer_not_party"},
                "structure_id");
  }
  if (agreement.SignatureOf(signature.structure) != nullptr) {
    return Fail(ErrorCode::kConflict, Message{"staffing.agreement.already_signed"}, "structure_id");
  }
  if (agreement.StateOn(today) == AgreementState::kEnded) {
    return Fail(ErrorCode::kConflict, Message{"staffing.agreement.ended"}, "structure_id");
  }
  if (signature.document_sha256.size() != 64 || !IsLowerHex(signature.document_sha256)) {
    return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.bad_document_hash"},
                "document_sha256");
  }
  return Ok();
}

}  // namespace ensemble::staffing
