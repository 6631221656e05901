# One place for the warning set: every target of ours gets it, and warnings are errors.
add_library(ensemble_warnings INTERFACE)
target_compile_options(ensemble_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wimplicit-fallthrough
  -Wsuggest-override -Wnon-virtual-dtor -Werror)
