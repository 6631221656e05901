// How numbers, money, percentages and dates read in French and English documents. One named
// function per rule, so that the PDF, the CSV and the spreadsheets' widths agree. French follows
// CLDR: a narrow no-break space (U+202F) groups thousands and a no-break space (U+00A0) precedes
// the euro sign and the percent sign, so a figure never breaks across lines. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "documents/document.h"

namespace ensemble::documents {

inline constexpr std::string_view kNarrowNoBreakSpace = "\u202F";
inline constexpr std::string_view kNoBreakSpace = "\u00A0";

// 1234567 -> "1 234 567" (fr, U+202F) or "1,234,567" (en).
std::string FormatInteger(std::int64_t value, Language language);

// Cents: 123456 -> "1 234,56 €" (fr) or "€1,234.56" (en); -5 -> "-0,05 €" or "-€0.05".
std::string FormatMoney(std::int64_t cents, Language language);

// Basis points, two decimals: 1250 -> "12,50 %" (fr) or "12.50%" (en).
std::string FormatPercent(std::int64_t basis_points, Language language);

// Hundredths, two decimals: 723467 -> "7 234,67" (fr, U+202F) or "7,234.67" (en).
std::string FormatDecimal(std::int64_t hundredths, Language language);

// A valid ISO date: "2026-03-05" -> "05/03/2026" (fr) or "5 March 2026" (en). The caller has
// checked it (ValidateDocument); an unparsable text is returned as it is.
std::string FormatDate(std::string_view iso_date, Language language);

// Plain machine forms for CSV, where a spreadsheet must read a number: no grouping, no symbol,
// two decimals, the given decimal mark. 123456 -> "1234.56"; basis points 1250 -> "12.50".
std::string PlainDecimal(std::int64_t hundredths, char decimal_mark);

// A cell as people read it, in its column's kind and the document's language; suppressed cells
// give their marker, empty cells an empty string.
std::string FormatCell(const Cell& cell, Language language);

}  // namespace ensemble::documents
