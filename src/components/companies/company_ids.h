// The identifiers INSEE gives French organisations, as the directory's partners carry them: the
// SIREN of a legal unit (9 digits), the SIRET of one of its establishments (its SIREN and 5
// digits), both closed by a Luhn check digit, and the establishment's activity code in the NAF
// nomenclature (rév. 2, "88.99B"), read at build from @socialgouv/codes-naf
// (cmake/naf_codes.mjs writes the table).
//
// Thread-safety: pure functions and constant data.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ensemble::companies {

// The digits of a SIREN or SIRET as people write it ("732 829 320 00074", with spaces, dots or
// dashes between groups), or nullopt when anything else is in it or the count is not `digits`.
std::optional<std::string> DigitsOf(std::string_view text, std::size_t digits);

// Whether 9 digits are a SIREN: the Luhn check holds.
bool IsValidSiren(std::string_view digits);
// Whether 14 digits are a SIRET: the Luhn check over the 14, except for La Poste's
// establishments (SIREN 356000000), numbered by INSEE so that their digits add up to a multiple
// of 5.
bool IsValidSiret(std::string_view digits);

struct NafCode {
  std::string_view code;   // "88.99B"
  std::string_view label;  // "Action sociale sans hébergement n.c.a."
};

// The 732 sub-classes, by code.
extern const NafCode kNafCodes[];
extern const std::size_t kNafCodeCount;
extern const std::string_view kNafSource;  // the package and version read

// The sub-class a code names, written "88.99B", "8899B" or "88.99b"; nullptr for anything else.
const NafCode* FindNafCode(std::string_view text);

}  // namespace ensemble::companies
