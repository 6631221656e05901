// The French communes by INSEE code, with their names and départements, read at build from
// @etalab/decoupage-administratif (cmake/communes.mjs writes the table): what pages print for a
// structure's or a partner's commune, and what breakdowns by territory group by.
//
// Thread-safety: constant data.
#pragma once

#include <cstddef>
#include <string_view>

namespace ensemble::geography {

struct Commune {
  std::string_view code;         // five characters: "59512"; Corsica's start "2A"/"2B"
  std::string_view name;         // "Roubaix", "Paris 1er Arrondissement"
  std::string_view departement;  // "59"
};

// Current communes and the municipal arrondissements of Paris, Lyon and Marseille, by code.
extern const Commune kCommunes[];
extern const std::size_t kCommuneCount;
extern const std::string_view kCommunesSource;  // the package and version read

// The commune of the code, or nullptr when no current commune has it.
const Commune* FindCommune(std::string_view code);

}  // namespace ensemble::geography
