#include "components/spreadsheet/xlsx_text.h"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <system_error>

namespace ensemble::spreadsheet::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// A double (17 significant digits) holds any decimal of up to 15 exactly enough to read back.
constexpr std::size_t kExactDigits = 15;

struct PlainDecimal {
  bool negative = false;
  std::string_view whole;     // digits before the point
  std::string_view fraction;  // digits after it, maybe none
};

// "-12.50" as its parts; nullopt for anything else (an exponent, a sign '+', spaces).
std::optional<PlainDecimal> ParsePlainDecimal(std::string_view text) {
  PlainDecimal number;
  if (text.starts_with('-')) {
    number.negative = true;
    text.remove_prefix(1);
  }
  const std::size_t point = text.find('.');
  number.whole = text.substr(0, point);
  if (point != std::string_view::npos) number.fraction = text.substr(point + 1);
  const auto all_digits = [](std::string_view digits) {
    for (const char c : digits) {
      if (!IsDigit(c)) return false;
    }
    return true;
  };
  if (number.whole.empty() || !all_digits(number.whole) || !all_digits(number.fraction) ||
      (point != std::string_view::npos && number.fraction.empty())) {
    return std::nullopt;
  }
  return number;
}

// The digits that carry the value: "0.00120" has 2.
std::size_t SignificantDigits(const PlainDecimal& number) {
  const std::string digits = std::string(number.whole) + std::string(number.fraction);
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 0;
  return digits.find_last_not_of('0') - first + 1;
}

// The plain decimal without its padding zeros: "007.50" -> "7.5", "-0.0" -> "0".
std::string Normalised(PlainDecimal number) {
  while (number.whole.size() > 1 && number.whole.front() == '0') number.whole.remove_prefix(1);
  while (!number.fraction.empty() && number.fraction.back() == '0')
    number.fraction.remove_suffix(1);
  std::string text;
  if (number.negative && (number.whole != "0" || !number.fraction.empty())) text += '-';
  text += number.whole;
  if (!number.fraction.empty()) {
    text += '.';
    text += number.fraction;
  }
  return text;
}

// The digits d1 d2 ... of d1.d2... × 10^exponent written without an exponent.
std::string PlaceDecimalPoint(bool negative, const std::string& digits, int exponent) {
  std::string text = negative ? "-" : "";
  const auto point = static_cast<std::ptrdiff_t>(exponent) + 1;  // digits before the point
  const auto count = static_cast<std::ptrdiff_t>(digits.size());
  if (point <= 0) {
    text += "0.";
    text.append(static_cast<std::size_t>(-point), '0');
    text += digits;
  } else if (point >= count) {
    text += digits;
    text.append(static_cast<std::size_t>(point - count), '0');
  } else {
    text += digits.substr(0, static_cast<std::size_t>(point));
    text += '.';
    text += digits.substr(static_cast<std::size_t>(point));
  }
  return text;
}

// The shortest decimal that reads back as `value`, in plain digits where people read them so
// (as JavaScript writes numbers): 1e20 as "100000000000000000000", 1e-10 as "1e-10". Fixed
// notation alone would print a large double's exact binary value ("12345678901234567168")
// where its shortest digits are "12345678901234567" and the rest zeros.
std::string ShortestText(double value) {
  if (value == 0) return "0";  // and -0
  char buffer[64];
  const auto written =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  if (written.ec != std::errc{}) return {};
  const std::string_view scientific(buffer, static_cast<std::size_t>(written.ptr - buffer));
  const double magnitude = std::fabs(value);
  if (magnitude < 1e-7 || magnitude >= 1e21) return std::string(scientific);
  // "-1.2345e+19": the sign, the digits without the point, the exponent.
  const std::size_t e = scientific.find('e');
  const bool negative = scientific.front() == '-';
  std::string digits;
  for (const char c : scientific.substr(0, e)) {
    if (IsDigit(c)) digits += c;
  }
  int exponent = 0;
  std::from_chars(scientific.data() + e + 1 + (scientific[e + 1] == '+' ? 1 : 0),
                  scientific.data() + scientific.size(), exponent);
  return PlaceDecimalPoint(negative, digits, exponent);
}

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code point of "_xHHHH_" at the start of `text`, or nullopt.
std::optional<char32_t> EscapeAt(std::string_view text) {
  if (text.size() < 7 || !text.starts_with("_x") || text[6] != '_') return std::nullopt;
  char32_t code = 0;
  for (std::size_t i = 2; i < 6; ++i) {
    const int digit = HexValue(text[i]);
    if (digit < 0) return std::nullopt;
    code = code * 16 + static_cast<char32_t>(digit);
  }
  if (code >= 0xD800 && code <= 0xDFFF) return std::nullopt;
  return code;
}

void AppendUtf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

}  // namespace

std::optional<std::size_t> ParseRowNumber(std::string_view number) {
  if (number.empty() || number.size() > 7 || number.front() == '0') return std::nullopt;
  std::size_t row = 0;
  for (const char c : number) {
    if (!IsDigit(c)) return std::nullopt;
    row = row * 10 + static_cast<std::size_t>(c - '0');
  }
  if (row > kMaxRows) return std::nullopt;
  return row - 1;
}

std::optional<CellPosition> ParseCellReference(std::string_view reference) {
  std::size_t letters = 0;
  std::size_t column = 0;
  while (letters < reference.size() && IsUpper(reference[letters])) {
    column = column * 26 + static_cast<std::size_t>(reference[letters] - 'A' + 1);
    ++letters;
  }
  if (letters == 0 || letters > 3 || column > kMaxColumns) return std::nullopt;
  const auto row = ParseRowNumber(reference.substr(letters));
  if (!row) return std::nullopt;
  return CellPosition{*row, column - 1};
}

std::string NumberText(std::string_view value) {
  if (const auto plain = ParsePlainDecimal(value)) {
    if (SignificantDigits(*plain) <= kExactDigits) return Normalised(*plain);
  }
  double number = 0;
  const auto parsed = std::from_chars(value.data(), value.data() + value.size(), number);
  if (parsed.ec != std::errc{} || parsed.ptr != value.data() + value.size() ||
      !std::isfinite(number)) {
    return std::string(value);
  }
  return ShortestText(number);
}

std::string DecodeEscapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    if (const auto code = EscapeAt(text)) {
      AppendUtf8(out, *code);
      text.remove_prefix(7);
    } else {
      out += text.front();
      text.remove_prefix(1);
    }
  }
  return out;
}

}  // namespace ensemble::spreadsheet::internal
