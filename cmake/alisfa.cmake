# The salary rules of the ALISFA agreement (IDCC 1261), read at build from its text in
# @socialgouv/kali-data (installed with the web packages: scripts/setup runs `npm ci`) by
# cmake/alisfa_rules.mjs, which writes them as a C++ table (alisfa_rules.cc, compiled into
# ensemble_domain) and as JSON beside it for people to read. The script fails the build when the
# articles it reads are missing or no longer read as expected.
find_program(ENSEMBLE_NODE node REQUIRED)
set(ENSEMBLE_KALI_DATA "${PROJECT_SOURCE_DIR}/web/node_modules/@socialgouv/kali-data")
set(ENSEMBLE_ALISFA_TEXT "${ENSEMBLE_KALI_DATA}/data/KALICONT000005635384.json")
if(NOT EXISTS "${ENSEMBLE_ALISFA_TEXT}")
  message(FATAL_ERROR "${ENSEMBLE_ALISFA_TEXT} is missing: run ./scripts/setup (it installs the "
    "web packages, among them @socialgouv/kali-data)")
endif()
set(ENSEMBLE_ALISFA_RULES_CC "${CMAKE_CURRENT_BINARY_DIR}/staffing/alisfa_rules.cc")
add_custom_command(
  OUTPUT "${ENSEMBLE_ALISFA_RULES_CC}" "${CMAKE_CURRENT_BINARY_DIR}/staffing/alisfa_rules.json"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/staffing"
  COMMAND "${ENSEMBLE_NODE}" "${PROJECT_SOURCE_DIR}/cmake/alisfa_rules.mjs" "${ENSEMBLE_KALI_DATA}"
    "${CMAKE_CURRENT_BINARY_DIR}/staffing/alisfa_rules.json" "${ENSEMBLE_ALISFA_RULES_CC}"
  DEPENDS "${ENSEMBLE_ALISFA_TEXT}" "${ENSEMBLE_KALI_DATA}/package.json"
    "${PROJECT_SOURCE_DIR}/cmake/alisfa_rules.mjs"
  COMMENT "Reading the ALISFA salary rules from @socialgouv/kali-data")
