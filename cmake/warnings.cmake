# One place for the warning set: every target of ours gets it, and warnings are errors.
add_library(ensemble_warnings INTERFACE)
target_compile_options(ensemble_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wimplicit-fallthrough
  -Wsuggest-override -Wnon-virtual-dtor -Werror)
# GCC 12 at -O3 reports maybe-uninitialized and restrict inside std::optional, std::expected
# and std::string concatenation where nothing is wrong (GCC bugs 105329, 107138). The optimised
# builds leave those two out, so that `scripts/demo` does not greet a person with pages of the
# compiler's false alarms. The Debug build (the `dev` preset the tests run) keeps them as errors,
# though at -O0 GCC finds little for them to say.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(ensemble_warnings INTERFACE
    $<$<NOT:$<CONFIG:Debug>>:-Wno-maybe-uninitialized -Wno-restrict>)
endif()
