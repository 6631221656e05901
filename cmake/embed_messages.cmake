# Writes a C++ source holding one module's catalogues, messages/<MODULE>/fr.json and en.json,
# returned by FUNCTION() as an i18n::ModuleCatalogue. A missing language stops the build. Each
# text is split into raw string literals under the 64 KiB that ISO C++ guarantees, joined once.
set(body "")
foreach(language IN ITEMS fr en)
  set(file "${DIR}/${language}.json")
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "${DIR} has no ${language}.json: every module speaks French and English")
  endif()
  file(READ "${file}" content)
  string(FIND "${content}" ")ensemble_text\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw-string delimiter )ensemble_text\"")
  endif()
  string(LENGTH "${content}" length)
  set(pieces "")
  set(offset 0)
  # CMake counts bytes: a piece ends after a line break, never inside a UTF-8 sequence (clang
  # refuses a literal that ends or starts in the middle of « é »).
  while(offset LESS length)
    string(SUBSTRING "${content}" ${offset} 30000 piece)
    string(LENGTH "${piece}" piece_length)
    math(EXPR rest "${length} - ${offset}")
    if(piece_length LESS rest)
      string(FIND "${piece}" "\n" last_break REVERSE)
      if(last_break EQUAL -1)
        message(FATAL_ERROR "${file} has a line longer than 30000 bytes")
      endif()
      math(EXPR piece_length "${last_break} + 1")
      string(SUBSTRING "${piece}" 0 ${piece_length} piece)
    endif()
    string(APPEND pieces "      R\"ensemble_text(${piece})ensemble_text\",\n")
    math(EXPR offset "${offset} + ${piece_length}")
  endwhile()
  string(APPEND body "  static const std::string k_${language} = Join({\n${pieces}  });\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${DIR} by cmake/embed_messages.cmake; do not edit.
#include <initializer_list>
#include <string>
#include <string_view>

#include \"i18n/i18n.h\"

namespace ensemble::i18n {
namespace {

std::string Join(std::initializer_list<std::string_view> pieces) {
  std::string text;
  for (const std::string_view piece : pieces) text += piece;
  return text;
}

}  // namespace

ModuleCatalogue ${FUNCTION}() {
${body}  return {\"${MODULE}\", k_fr, k_en};
}

}  // namespace ensemble::i18n
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
