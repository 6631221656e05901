// The libFuzzer entry point of one fuzz target: it calls the body that ensemble_fuzz_target
// names in ENSEMBLE_FUZZ_FUNCTION.
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ensemble::fuzz::ENSEMBLE_FUZZ_FUNCTION(data, size);
  return 0;
}
