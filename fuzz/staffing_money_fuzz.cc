// The staffing module's money on any bytes: months as the API takes them (ParseIsoMonth:
// '2026-09' in a path or a query) and the largest-remainder split (Apportion) of a total and
// weights read from the bytes. Beside not crashing: an accepted month prints back as the same
// text, and a split sums to its total to the cent, each part within one cent of its exact quota.
#include <string>

#include "domain/staffing/allocation.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {

__extension__ typedef __int128 Wide;  // GCC's and clang's, outside ISO C++

void FuzzStaffingMoney(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (const auto month = staffing::ParseIsoMonth(text)) {
    ENSEMBLE_FUZZ_CHECK(staffing::IsoMonth(*month) == text);
    ENSEMBLE_FUZZ_CHECK(month->ok());
  }
  if (size < 4) return;
  // The total from the first four bytes (signed, up to ±2^31 cents), weights from the rest.
  const auto total = static_cast<staffing::Cents>(static_cast<std::int32_t>(
      static_cast<std::uint32_t>(data[0]) | static_cast<std::uint32_t>(data[1]) << 8 |
      static_cast<std::uint32_t>(data[2]) << 16 | static_cast<std::uint32_t>(data[3]) << 24));
  std::vector<std::int64_t> weights;
  std::int64_t weight_sum = 0;
  for (std::size_t i = 4; i + 1 < size && weights.size() < 64; i += 2) {
    weights.push_back(static_cast<std::int64_t>(data[i]) << 8 | data[i + 1]);
    weight_sum += weights.back();
  }
  const auto parts = staffing::Apportion(total, weights);
  if (weight_sum == 0) {
    ENSEMBLE_FUZZ_CHECK(!parts.has_value());
    return;
  }
  ENSEMBLE_FUZZ_CHECK(parts.has_value());
  staffing::Cents sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const staffing::Cents part = (*parts)[i];
    sum += part;
    // |part × weight_sum − total × weight| < weight_sum: within one cent of the exact quota.
    const Wide gap = static_cast<Wide>(part) * weight_sum - static_cast<Wide>(total) * weights[i];
    ENSEMBLE_FUZZ_CHECK(gap < weight_sum && -gap < weight_sum);
  }
  ENSEMBLE_FUZZ_CHECK(sum == total);
}

}  // namespace ensemble::fuzz
