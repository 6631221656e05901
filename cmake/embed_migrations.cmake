# Writes a C++ source holding one module's migrations: every NNNN_<name>.sqlite.sql in DIR with
# its NNNN_<name>.pg.sql beside it, as raw string literals, returned by FUNCTION() in version
# order. A migration missing in one dialect stops the build.
file(GLOB sqlite_files "${DIR}/*.sqlite.sql")
list(SORT sqlite_files)
set(body "")
set(expected 1)
foreach(sqlite_file IN LISTS sqlite_files)
  get_filename_component(base "${sqlite_file}" NAME)
  string(REGEX MATCH "^([0-9]+)_([a-z0-9_]+)\\.sqlite\\.sql$" matched "${base}")
  if(NOT matched)
    message(FATAL_ERROR "${sqlite_file}: a migration is named NNNN_<name>.sqlite.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "${DIR}: migration ${expected} is missing (found ${base})")
  endif()
  string(REGEX REPLACE "\\.sqlite\\.sql$" ".pg.sql" pg_file "${sqlite_file}")
  if(NOT EXISTS "${pg_file}")
    message(FATAL_ERROR "${sqlite_file} has no PostgreSQL twin ${pg_file}")
  endif()
  file(READ "${sqlite_file}" sqlite_sql)
  file(READ "${pg_file}" pg_sql)
  foreach(text IN ITEMS "${sqlite_sql}" "${pg_sql}")
    string(FIND "${text}" ")ensemble_sql\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${DIR}: a migration contains the delimiter )ensemble_sql\"")
    endif()
    string(LENGTH "${text}" length)
    if(length GREATER 60000)
      message(FATAL_ERROR "${DIR}: a migration over 60000 bytes: split it")
    endif()
  endforeach()
  string(APPEND body "      {${version}, \"${name}\", R\"ensemble_sql(${sqlite_sql})ensemble_sql\",\n"
    "       R\"ensemble_sql(${pg_sql})ensemble_sql\"},\n")
  math(EXPR expected "${expected} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${DIR} by cmake/embed_migrations.cmake; do not edit.
#include <span>

#include \"storage/sql/migration.h\"

namespace ensemble::storage {

std::span<const Migration> ${FUNCTION}() {
  static constexpr Migration kMigrations[] = {
${body}  };
  return kMigrations;
}

}  // namespace ensemble::storage
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
