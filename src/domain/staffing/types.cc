#include "domain/staffing/types.h"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace ensemble::staffing {

int Position::WeeklyMinutes() const {
  return std::accumulate(employments.begin(), employments.end(), 0,
                         [](int sum, const Employment& e) { return sum + e.weekly_minutes; });
}

std::vector<StructureId> Position::Employers() const {
  std::vector<StructureId> employers;
  for (const Employment& employment : employments) employers.push_back(employment.employer);
  return employers;
}

std::vector<StructureId> Agreement::Parties() const {
  std::vector<StructureId> parties;
  for (const AgreementShare& share : shares) parties.push_back(share.structure);
  return parties;
}

const Signature* Agreement::SignatureOf(StructureId structure) const {
  const auto found = std::find_if(signatures.begin(), signatures.end(),
                                  [&](const Signature& s) { return s.structure == structure; });
  return found == signatures.end() ? nullptr : &*found;
}

AgreementState Agreement::StateOn(Date today) const {
  if (ended_on && *ended_on <= today) return AgreementState::kEnded;
  if (signatures.empty()) return AgreementState::kDraft;
  const bool all_signed = std::all_of(shares.begin(), shares.end(), [&](const AgreementShare& s) {
    return SignatureOf(s.structure) != nullptr;
  });
  if (!all_signed) return AgreementState::kPartiallySigned;
  if (ends_on < today) return AgreementState::kEnded;
  return AgreementState::kInForce;
}

std::string_view ToString(PositionKind kind) {
  return kind == PositionKind::kLending ? "lending" : "multi_employer";
}

std::string_view ToString(BillingPeriod period) {
  return period == BillingPeriod::kMonthly ? "monthly" : "quarterly";
}

std::string_view ToString(TravelPaidBy paid_by) {
  return paid_by == TravelPaidBy::kVisitedStructure ? "visited_structure" : "carrier";
}

std::string_view ToString(AgreementState state) {
  switch (state) {
    case AgreementState::kDraft:
      return "draft";
    case AgreementState::kPartiallySigned:
      return "partially_signed";
    case AgreementState::kInForce:
      return "in_force";
    case AgreementState::kEnded:
      return "ended";
  }
  return "draft";
}

std::optional<PositionKind> PositionKindFrom(std::string_view text) {
  if (text == "lending") return PositionKind::kLending;
  if (text == "multi_employer") return PositionKind::kMultiEmployer;
  return std::nullopt;
}

std::optional<BillingPeriod> BillingPeriodFrom(std::string_view text) {
  if (text == "monthly") return BillingPeriod::kMonthly;
  if (text == "quarterly") return BillingPeriod::kQuarterly;
  return std::nullopt;
}

std::optional<TravelPaidBy> TravelPaidByFrom(std::string_view text) {
  if (text == "visited_structure") return TravelPaidBy::kVisitedStructure;
  if (text == "carrier") return TravelPaidBy::kCarrier;
  return std::nullopt;
}

std::string IsoDate(Date date) {
  const auto digits = [](unsigned value, std::size_t width) {
    std::string text = std::to_string(value);
    return std::string(width > text.size() ? width - text.size() : 0, '0') + text;
  };
  return digits(static_cast<unsigned>(static_cast<int>(date.year())), 4) + "-" +
         digits(static_cast<unsigned>(date.month()), 2) + "-" +
         digits(static_cast<unsigned>(date.day()), 2);
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto number = [&](std::string_view part) -> std::optional<unsigned> {
    unsigned out = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), out);
    if (error != std::errc{} || end != part.data() + part.size()) return std::nullopt;
    return out;
  };
  const auto year = number(text.substr(0, 4));
  const auto month = number(text.substr(5, 2));
  const auto day = number(text.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  const Date date{std::chrono::year{static_cast<int>(*year)}, std::chrono::month{*month},
                  std::chrono::day{*day}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string IsoMonth(std::chrono::year_month month) {
  return IsoDate(month / std::chrono::day{1}).substr(0, 7);
}

std::optional<std::chrono::year_month> ParseIsoMonth(std::string_view text) {
  if (text.size() != 7) return std::nullopt;
  const auto first = ParseIsoDate(std::string(text) + "-01");
  if (!first) return std::nullopt;
  return first->year() / first->month();
}

}  // namespace ensemble::staffing
