#include "documents/format.h"

#include <fmt/format.h>

#include <array>

namespace ensemble::documents {
namespace {

// The magnitude as unsigned, so that INT64_MIN has one too.
std::uint64_t Magnitude(std::int64_t value) {
  return value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
}

std::string Grouped(std::uint64_t value, std::string_view separator) {
  const std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

std::string GroupSeparator(Language language) {
  return language == Language::kFrench ? std::string(kNarrowNoBreakSpace) : ",";
}

char DecimalMark(Language language) { return language == Language::kFrench ? ',' : '.'; }

// Hundredths (cents, basis points) as "1 234,56" without a sign.
std::string GroupedHundredths(std::uint64_t hundredths, Language language) {
  return fmt::format("{}{}{:02}", Grouped(hundredths / 100, GroupSeparator(language)),
                     DecimalMark(language), hundredths % 100);
}

}  // namespace

std::string FormatInteger(std::int64_t value, Language language) {
  return (value < 0 ? "-" : "") + Grouped(Magnitude(value), GroupSeparator(language));
}

std::string FormatMoney(std::int64_t cents, Language language) {
  const std::string sign = cents < 0 ? "-" : "";
  const std::string amount = GroupedHundredths(Magnitude(cents), language);
  if (language == Language::kFrench) {
    return sign + amount + std::string(kNoBreakSpace) + "€";
  }
  return sign + "€" + amount;
}

std::string FormatPercent(std::int64_t basis_points, Language language) {
  const std::string sign = basis_points < 0 ? "-" : "";
  const std::string amount = GroupedHundredths(Magnitude(basis_points), language);
  if (language == Language::kFrench) return sign + amount + std::string(kNoBreakSpace) + "%";
  return sign + amount + "%";
}

std::string FormatDecimal(std::int64_t hundredths, Language language) {
  return (hundredths < 0 ? "-" : "") + GroupedHundredths(Magnitude(hundredths), language);
}

std::string FormatDate(std::string_view iso_date, Language language) {
  const auto date = ParseIsoDate(iso_date, "date");
  if (!date) return std::string(iso_date);
  if (language == Language::kFrench) {
    return fmt::format("{:02}/{:02}/{:04}", date->day, date->month, date->year);
  }
  static constexpr std::array<std::string_view, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return fmt::format("{} {} {}", date->day, kMonths[static_cast<std::size_t>(date->month - 1)],
                     date->year);
}

std::string PlainDecimal(std::int64_t hundredths, char decimal_mark) {
  const std::uint64_t magnitude = Magnitude(hundredths);
  return fmt::format("{}{}{}{:02}", hundredths < 0 ? "-" : "", magnitude / 100, decimal_mark,
                     magnitude % 100);
}

std::string FormatCell(const Cell& cell, Language language) {
  switch (cell.kind()) {
    case Cell::Kind::kEmpty:
      return {};
    case Cell::Kind::kText:
    case Cell::Kind::kSuppressed:
      return cell.text();
    case Cell::Kind::kInteger:
      return FormatInteger(cell.number(), language);
    case Cell::Kind::kMoney:
      return FormatMoney(cell.number(), language);
    case Cell::Kind::kPercent:
      return FormatPercent(cell.number(), language);
    case Cell::Kind::kDecimal:
      return FormatDecimal(cell.number(), language);
    case Cell::Kind::kDate:
      return FormatDate(cell.text(), language);
  }
  return {};
}

}  // namespace ensemble::documents
