// Boost.JSON compiled from source for the fuzz build (see CMakeLists.txt): one translation unit
// that holds the whole library.
#include <boost/json/src.hpp>
