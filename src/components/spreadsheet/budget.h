// What the readers of this component share to keep within Limits: the count of a workbook's
// slots (rows and cell positions) and the units the messages give limits in. Internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"

namespace ensemble::spreadsheet::internal {

// A limit in bytes as people read it in a message: whole mebibytes, rounded up.
inline std::int64_t Mebibytes(std::size_t bytes) {
  return static_cast<std::int64_t>((bytes + (std::size_t{1} << 20) - 1) >> 20);
}

inline Status CheckFileSize(std::size_t size, std::size_t max_file_bytes) {
  if (size <= max_file_bytes) return Ok();
  return Fail(ErrorCode::kPayloadTooLarge,
              Message{"spreadsheet.too_large", {{"max_mib", Mebibytes(max_file_bytes)}}});
}

// Counts the slots a workbook holds (Limits::max_cells) before they are allocated, so that a
// small file cannot make a reader build a huge grid.
class SlotBudget {
 public:
  explicit SlotBudget(std::size_t max) : left_(max), max_(max) {}

  Status Take(std::size_t slots) {
    if (slots > left_) {
      return Fail(ErrorCode::kPayloadTooLarge,
                  Message{"spreadsheet.too_many_cells", {{"max", max_}}});
    }
    left_ -= slots;
    return Ok();
  }

 private:
  std::size_t left_;
  std::size_t max_;
};

// Drops the empty cells at the end of a row and the empty rows at the end of a sheet: they hold
// nothing a person sees (Sheet allows them to be absent).
inline void TrimTrailingEmpty(std::vector<std::string>& row) {
  while (!row.empty() && row.back().empty()) row.pop_back();
}
inline void TrimTrailingEmpty(std::vector<std::vector<std::string>>& rows) {
  while (!rows.empty() && rows.back().empty()) rows.pop_back();
}

}  // namespace ensemble::spreadsheet::internal
