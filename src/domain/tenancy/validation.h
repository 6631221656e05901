// Input rules for tenancy records: each returns the cleaned value or the error naming the field.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "domain/tenancy/types.h"

namespace ensemble::tenancy {

inline constexpr std::size_t kMaxNameChars = 200;
inline constexpr std::size_t kMaxAddressChars = 300;
inline constexpr std::size_t kMaxNotesChars = 4000;
inline constexpr std::size_t kMinPasswordChars = 12;
inline constexpr std::size_t kMaxPasswordChars = 256;

// INSEE commune codes: five characters, digits except Corsica's 2A/2B.
Result<std::string> CheckCommuneInsee(std::string_view field, std::string_view text);

// Cleans every field of a structure profile; the id and kind are left as given.
Result<Structure> CheckStructure(Structure structure);

Result<PersonnelFile> CheckPersonnelFile(PersonnelFile file);

}  // namespace ensemble::tenancy
