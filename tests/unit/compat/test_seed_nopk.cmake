# The seed API over the PSK-only library (every public-key switch off):
# compat/test_seed_nopk runs against libtern (suites built), and
# compat/test_seed_nopk_nopk against tern_psk_only (suites compiled out).
# The library: cmake/tern_psk_only.cmake. Plain build only.
set(COMPAT_OPTIONS TLS_MAX_CONN_SIZE=2 TLS_MAX_MKEY_LEN=32 TLS_MAX_BULK_ALG_SIZE=3
    TLS_MAX_CIPHER_SUITES=8)
include(${CMAKE_CURRENT_LIST_DIR}/compat_build.cmake)
if(TERN_SANITIZE)
  return()
endif()
include("${PROJECT_SOURCE_DIR}/cmake/tern_psk_only.cmake")
# src/compat, the frontend's socket code and the test, against that library
file(GLOB compat_nopk_srcs CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/compat/*.c"
     "${PROJECT_SOURCE_DIR}/src/frontend/socket/*.c")
add_executable(${TEST_TARGET}_nopk "${PROJECT_SOURCE_DIR}/tests/unit/compat/test_seed_nopk.c"
               ${compat_nopk_srcs})
target_include_directories(${TEST_TARGET}_nopk PRIVATE "${PROJECT_SOURCE_DIR}/tests/harness")
target_compile_definitions(${TEST_TARGET}_nopk PRIVATE ${COMPAT_OPTIONS} TERN_TEST_NOPK
  "TERN_TEST_CERTS_DIR=\"${PROJECT_SOURCE_DIR}/tests/data/certs\""
  "TERN_COMPAT_DATA_DIR=\"${TERN_COMPAT_DATA_DIR}\"")
target_link_libraries(${TEST_TARGET}_nopk PRIVATE tern_psk_only tern_warnings)
set_target_properties(${TEST_TARGET}_nopk PROPERTIES
  OUTPUT_NAME test_seed_nopk_nopk RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/compat)
add_test(NAME ${TEST_NAME}_nopk COMMAND ${TEST_TARGET}_nopk)
set_tests_properties(${TEST_NAME}_nopk PROPERTIES LABELS "compat")
