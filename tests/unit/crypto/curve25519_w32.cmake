# Included by the curve25519 tests' .cmake files: builds the curve25519
# code a second time with the 32-bit field arithmetic (radix 2^25.5,
# TERN_CONFIG_WORD_BITS=32, what Cortex-M runs) and registers a "_w32"
# twin of the including test, so both representations are tested on the
# host. The including file sets tern_w32_test_src (its .c) and, if needed,
# tern_w32_test_libs.
if(NOT TARGET tern_c25519_w32)
  file(GLOB tern_c25519_w32_sources CONFIGURE_DEPENDS
    "${PROJECT_SOURCE_DIR}/src/common/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/curve25519/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/hash/*.c")
  add_library(tern_c25519_w32 STATIC ${tern_c25519_w32_sources}
    "${PROJECT_SOURCE_DIR}/tests/support/tv.c")
  target_include_directories(tern_c25519_w32 PUBLIC
    "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/src"
    "${PROJECT_SOURCE_DIR}/tests/support" "${PROJECT_SOURCE_DIR}/tests/harness"
    ${CJSON_INCLUDE_DIR})
  target_compile_definitions(tern_c25519_w32 PUBLIC TERN_CONFIG_WORD_BITS=32)
  target_compile_definitions(tern_c25519_w32 PRIVATE
    "TERN_VECTORS_DIR_DEFAULT=\"${TERN_VECTORS_DIR}\"")
  target_link_libraries(tern_c25519_w32 PUBLIC ${CJSON_LIBRARY} PRIVATE tern_warnings)
endif()

get_filename_component(tern_w32_exe "${tern_w32_test_src}" NAME_WE)
add_executable(${TEST_TARGET}_w32 "${tern_w32_test_src}")
target_link_libraries(${TEST_TARGET}_w32 PRIVATE tern_c25519_w32 ${tern_w32_test_libs} tern_warnings)
set_target_properties(${TEST_TARGET}_w32 PROPERTIES
  OUTPUT_NAME ${tern_w32_exe}_w32
  RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/crypto)
add_test(NAME ${TEST_NAME}_w32 COMMAND ${TEST_TARGET}_w32)
set_tests_properties(${TEST_NAME}_w32 PROPERTIES
  LABELS "crypto" SKIP_RETURN_CODE 77
  ENVIRONMENT "TERN_VECTORS_DIR=${TERN_VECTORS_DIR}")
set(tern_w32_test_libs "")
