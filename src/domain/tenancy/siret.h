// SIRET numbers (14 digits: SIREN + NIC). The check is the Luhn algorithm, except for La
// Poste (SIREN 356000000), whose establishments have digits summing to a multiple of 5.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace ensemble::tenancy {

bool IsValidSiret(std::string_view digits);

// Accepts spaces between digit groups ("423 456 789 00012"); returns the 14 digits.
Result<std::string> NormaliseSiret(std::string_view field, std::string_view text);

}  // namespace ensemble::tenancy
