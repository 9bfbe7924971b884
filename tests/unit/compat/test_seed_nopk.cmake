# The seed API over the PSK-only library (every public-key switch off):
# compat/test_seed_nopk runs against libtern (suites built), and
# compat/test_seed_nopk_nopk against tern_psk_only (suites compiled out).
# The library is the one of tests/unit/engine/test_kx_psk_only.cmake
# (same definition, whichever file CMake reads first makes it; keep the
# two in step). Plain build only, as there.
set(COMPAT_OPTIONS TLS_MAX_CONN_SIZE=2 TLS_MAX_MKEY_LEN=32 TLS_MAX_BULK_ALG_SIZE=3
    TLS_MAX_CIPHER_SUITES=8)
include(${CMAKE_CURRENT_LIST_DIR}/compat_build.cmake)
if(TERN_SANITIZE)
  return()
endif()
if(NOT TARGET tern_psk_only)
  file(GLOB_RECURSE tern_psk_only_sources CONFIGURE_DEPENDS
    "${PROJECT_SOURCE_DIR}/src/common/*.c" "${PROJECT_SOURCE_DIR}/src/crypto/*.c"
    "${PROJECT_SOURCE_DIR}/src/asn1/*.c" "${PROJECT_SOURCE_DIR}/src/x509/*.c"
    "${PROJECT_SOURCE_DIR}/src/record/*.c" "${PROJECT_SOURCE_DIR}/src/handshake/*.c"
    "${PROJECT_SOURCE_DIR}/src/engine/*.c" "${PROJECT_SOURCE_DIR}/src/platform/*.c")
  add_library(tern_psk_only STATIC ${tern_psk_only_sources})
  target_include_directories(tern_psk_only PUBLIC
    "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/src")
  target_compile_definitions(tern_psk_only PUBLIC TERN_CONFIG_RSA=0 TERN_CONFIG_FFDH=0
    TERN_CONFIG_X25519=0 TERN_CONFIG_ED25519=0 TERN_CONFIG_ECC_P256=0 TERN_CONFIG_ECC_P384=0)
  find_package(Threads)
  if(Threads_FOUND)
    target_link_libraries(tern_psk_only PUBLIC Threads::Threads)
  endif()
endif()
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
