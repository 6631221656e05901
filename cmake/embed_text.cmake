# Writes a C++ source that returns the text of INPUT: the common-password list that the build
# installs from the npm registry (web/package-lock.json) rather than copying it into the repo.
# The text is split into raw string literals under the 64 KiB that ISO C++ guarantees (and that
# -Wpedantic checks), joined at run time.
file(READ "${INPUT}" content)
string(LENGTH "${content}" length)
set(chunk 30000)
set(body "")
set(offset 0)
while(offset LESS length)
  string(SUBSTRING "${content}" ${offset} ${chunk} piece)
  string(FIND "${piece}" ")text\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )text\"")
  endif()
  string(APPEND body "    R\"text(${piece})text\",\n")
  math(EXPR offset "${offset} + ${chunk}")
endwhile()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.
#include <string>
#include <string_view>

namespace ensemble::app {

std::string ${FUNCTION}() {
  static constexpr std::string_view kPieces[] = {
${body}  };
  std::string text;
  for (const std::string_view piece : kPieces) text += piece;
  return text;
}

}  // namespace ensemble::app
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
