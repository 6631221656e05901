#include "components/geography/communes.h"

#include <algorithm>

namespace ensemble::geography {

const Commune* FindCommune(std::string_view code) {
  const Commune* end = kCommunes + kCommuneCount;
  const Commune* found = std::lower_bound(
      kCommunes, end, code, [](const Commune& c, std::string_view key) { return c.code < key; });
  return found != end && found->code == code ? found : nullptr;
}

}  // namespace ensemble::geography
