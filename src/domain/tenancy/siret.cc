#include "domain/tenancy/siret.h"

#include <algorithm>

namespace ensemble::tenancy {
namespace {

constexpr std::string_view kLaPosteSiren = "356000000";

bool PassesLuhn(std::string_view digits) {
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int digit = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 == 0;
}

bool DigitSumIsMultipleOfFive(std::string_view digits) {
  int sum = 0;
  for (const char c : digits) sum += c - '0';
  return sum % 5 == 0;
}

}  // namespace

bool IsValidSiret(std::string_view digits) {
  if (digits.size() != 14) return false;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  // INSEE numbers no company 000 000 000: an all-zero SIREN passes the Luhn check but is a
  // placeholder typed to get past a form.
  if (digits.substr(0, 9) == "000000000") return false;
  if (digits.substr(0, 9) == kLaPosteSiren) {
    return PassesLuhn(digits) || DigitSumIsMultipleOfFive(digits);
  }
  return PassesLuhn(digits);
}

Result<std::string> NormaliseSiret(std::string_view field, std::string_view text) {
  std::string digits;
  for (const char c : text) {
    if (c == ' ') continue;
    digits.push_back(c);
  }
  if (digits.size() != 14 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Fail(ErrorCode::kInvalidArgument, Message{"tenancy.siret.length", {{"digits", 14}}},
                std::string(field));
  }
  if (!IsValidSiret(digits)) {
    return Fail(ErrorCode::kInvalidArgument, "tenancy.siret.checksum", std::string(field));
  }
  return digits;
}

}  // namespace ensemble::tenancy
