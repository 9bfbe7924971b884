# OpenSSL's BIGNUM is the reference the random bignum tests compare with.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)

# A "_w32" twin: the same test against the bignum code built with 32-bit
# words (TERN_CONFIG_WORD_BITS=32), the variant Cortex-M runs (generic
# Montgomery loop, squaring by multiplication), so that it is tested on
# the host too. Only the files the test reaches are compiled: src/common,
# the bignum layer and the RFC 7919 group constants. Not in the sanitizer
# build (as ec_w32.cmake): the -O1 32-bit code with 128-word numbers is
# slow there; the plain build runs the twin.
if(TERN_SANITIZE)
  return()
endif()
if(NOT TARGET tern_bn_w32)
  file(GLOB tern_bn_w32_sources CONFIGURE_DEPENDS
    "${PROJECT_SOURCE_DIR}/src/common/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/bignum/*.c")
  add_library(tern_bn_w32 STATIC ${tern_bn_w32_sources}
    "${PROJECT_SOURCE_DIR}/src/crypto/dh/dh_ffdhe_groups.c")
  target_include_directories(tern_bn_w32 PUBLIC
    "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/src"
    "${PROJECT_SOURCE_DIR}/tests/harness")
  target_compile_definitions(tern_bn_w32 PUBLIC TERN_CONFIG_WORD_BITS=32)
  target_link_libraries(tern_bn_w32 PRIVATE tern_warnings)
endif()
add_executable(${TEST_TARGET}_w32 "${CMAKE_CURRENT_LIST_DIR}/test_bignum.c")
target_link_libraries(${TEST_TARGET}_w32 PRIVATE tern_bn_w32 OpenSSL::Crypto tern_warnings)
set_target_properties(${TEST_TARGET}_w32 PROPERTIES
  OUTPUT_NAME test_bignum_w32
  RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/crypto)
add_test(NAME ${TEST_NAME}_w32 COMMAND ${TEST_TARGET}_w32)
set_tests_properties(${TEST_NAME}_w32 PROPERTIES LABELS "crypto" SKIP_RETURN_CODE 77)
