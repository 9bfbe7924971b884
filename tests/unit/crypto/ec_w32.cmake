# Included by the P-256 / P-384 tests' .cmake files: builds the ECC code a
# second time as Cortex-M runs it (TERN_CONFIG_WORD_BITS=32, hence
# TERN_CONFIG_EC_SMALL=1: 32-bit limbs, generic loops, Fermat inversion,
# no k * G table) with the other public-key algorithms compiled out, and
# registers a "_w32" twin of the including test, so the size-optimised
# variant is tested on the host too. The including file sets
# tern_ec_w32_test_src (its .c).
#
# Not in the sanitizer build (TERN_SANITIZE): there the -O0 32-bit code
# runs for minutes per test, and `make check` has a time budget; the plain
# build runs the twins.
if(TERN_SANITIZE)
  return()
endif()
if(NOT TARGET tern_ecc_w32)
  file(GLOB tern_ecc_w32_sources CONFIGURE_DEPENDS
    "${PROJECT_SOURCE_DIR}/src/common/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/ecc/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/hash/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/mac/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/pk/*.c")
  add_library(tern_ecc_w32 STATIC ${tern_ecc_w32_sources}
    "${PROJECT_SOURCE_DIR}/tests/support/tv.c")
  target_include_directories(tern_ecc_w32 PUBLIC
    "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/src"
    "${PROJECT_SOURCE_DIR}/tests/support" "${PROJECT_SOURCE_DIR}/tests/harness"
    ${CJSON_INCLUDE_DIR})
  target_compile_definitions(tern_ecc_w32 PUBLIC TERN_CONFIG_WORD_BITS=32
    TERN_CONFIG_RSA=0 TERN_CONFIG_FFDH=0 TERN_CONFIG_X25519=0 TERN_CONFIG_ED25519=0)
  target_compile_definitions(tern_ecc_w32 PRIVATE
    "TERN_VECTORS_DIR_DEFAULT=\"${TERN_VECTORS_DIR}\"")
  target_link_libraries(tern_ecc_w32 PUBLIC ${CJSON_LIBRARY} PRIVATE tern_warnings)
endif()

get_filename_component(tern_ec_w32_exe "${tern_ec_w32_test_src}" NAME_WE)
add_executable(${TEST_TARGET}_w32 "${tern_ec_w32_test_src}")
target_link_libraries(${TEST_TARGET}_w32 PRIVATE tern_ecc_w32 tern_warnings)
# lets a test sample its slowest loops in this slower variant
target_compile_definitions(${TEST_TARGET}_w32 PRIVATE TERN_EC_TEST_W32=1)
set_target_properties(${TEST_TARGET}_w32 PROPERTIES
  OUTPUT_NAME ${tern_ec_w32_exe}_w32
  RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/crypto)
add_test(NAME ${TEST_NAME}_w32 COMMAND ${TEST_TARGET}_w32)
set_tests_properties(${TEST_NAME}_w32 PROPERTIES
  LABELS "crypto" SKIP_RETURN_CODE 77
  ENVIRONMENT "TERN_VECTORS_DIR=${TERN_VECTORS_DIR}")
