#include "components/companies/company_ids.h"

#include <algorithm>
#include <cctype>

namespace ensemble::companies {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text, std::size_t count) {
  return text.size() == count && std::all_of(text.begin(), text.end(), IsDigit);
}

// The Luhn sum: from the right, every second digit doubled (its digits added).
bool PassesLuhn(std::string_view digits) {
  int sum = 0;
  bool doubled = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (doubled) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

constexpr std::string_view kLaPosteSiren = "356000000";

}  // namespace

std::optional<std::string> DigitsOf(std::string_view text, std::size_t digits) {
  std::string out;
  for (const char c : text) {
    if (IsDigit(c)) {
      out.push_back(c);
    } else if (c != ' ' && c != '.' && c != '-') {
      return std::nullopt;
    }
  }
  if (out.size() != digits) return std::nullopt;
  return out;
}

bool IsValidSiren(std::string_view digits) { return AllDigits(digits, 9) && PassesLuhn(digits); }

bool IsValidSiret(std::string_view digits) {
  if (!AllDigits(digits, 14)) return false;
  if (digits.starts_with(kLaPosteSiren)) {
    int sum = 0;
    for (const char c : digits) sum += c - '0';
    return sum % 5 == 0;
  }
  return PassesLuhn(digits);
}

const NafCode* FindNafCode(std::string_view text) {
  // "8899B" and "88.99b" are the same code as "88.99B".
  std::string code;
  for (const char c : text) {
    if (c != '.') code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (code.size() != 5) return nullptr;
  code.insert(2, ".");
  const NafCode* end = kNafCodes + kNafCodeCount;
  const NafCode* found =
      std::lower_bound(kNafCodes, end, code,
                       [](const NafCode& naf, const std::string& key) { return naf.code < key; });
  return found != end && found->code == code ? found : nullptr;
}

}  // namespace ensemble::companies
