# The CBC record tests cross-check against a reference record built from
# OpenSSL's libcrypto primitives (EVP ciphers without padding, EVP digests
# for a hand-made HMAC): a test opponent only, never linked into libtern.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)

# TLS 1.0 (TERN_CONFIG_TLS10) is off by default, so the default build never
# runs the implicit-IV and 1/n-1 splitting code. Build the record layer and
# the symmetric crypto it uses a second time with the switch on and run
# this test against it as record/test_cbc_tls10 (the same tests in the
# TLS 1.0 modes, plus splitting).
if(NOT TARGET tern_record_tls10)
  file(GLOB tern_record_tls10_sources CONFIGURE_DEPENDS
    "${PROJECT_SOURCE_DIR}/src/common/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/cipher/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/hash/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/mac/*.c"
    "${PROJECT_SOURCE_DIR}/src/crypto/rand/*.c"
    "${PROJECT_SOURCE_DIR}/src/platform/*.c"
    "${PROJECT_SOURCE_DIR}/src/record/*.c")
  add_library(tern_record_tls10 STATIC ${tern_record_tls10_sources}
    "${PROJECT_SOURCE_DIR}/tests/support/tv.c")
  target_include_directories(tern_record_tls10 PUBLIC
    "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/src"
    "${PROJECT_SOURCE_DIR}/tests/support" "${PROJECT_SOURCE_DIR}/tests/harness"
    ${CJSON_INCLUDE_DIR})
  target_compile_definitions(tern_record_tls10 PUBLIC TERN_CONFIG_TLS10=1)
  target_compile_definitions(tern_record_tls10 PRIVATE
    "TERN_VECTORS_DIR_DEFAULT=\"${TERN_VECTORS_DIR}\"")
  target_link_libraries(tern_record_tls10 PUBLIC ${CJSON_LIBRARY} PRIVATE tern_warnings)
  find_package(Threads)
  if(Threads_FOUND)
    target_link_libraries(tern_record_tls10 PUBLIC Threads::Threads)
  endif()
endif()
add_executable(${TEST_TARGET}_tls10 "${CMAKE_CURRENT_LIST_DIR}/test_cbc.c")
target_link_libraries(${TEST_TARGET}_tls10 PRIVATE tern_record_tls10 OpenSSL::Crypto tern_warnings)
set_target_properties(${TEST_TARGET}_tls10 PROPERTIES
  OUTPUT_NAME test_cbc_tls10
  RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/record)
add_test(NAME ${TEST_NAME}_tls10 COMMAND ${TEST_TARGET}_tls10)
set_tests_properties(${TEST_NAME}_tls10 PROPERTIES
  LABELS "record" SKIP_RETURN_CODE 77
  ENVIRONMENT "TERN_VECTORS_DIR=${TERN_VECTORS_DIR}")
