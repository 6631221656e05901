// A page of a listing: the items of the requested window and the total that matched.
#pragma once

#include <cstdint>
#include <vector>

namespace ensemble {

struct PageRequest {
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

}  // namespace ensemble
