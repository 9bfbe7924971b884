# Cross-checks tern's HMAC_DRBG byte for byte against Mbed TLS's
# (Debian libmbedtls-dev, installed by tools/ensure-deps.sh). Mbed TLS is
# a test opponent only: it is linked into this test, never into libtern.
find_path(MBEDTLS_INCLUDE_DIR mbedtls/hmac_drbg.h)
find_library(MBEDCRYPTO_LIBRARY mbedcrypto)
if(MBEDTLS_INCLUDE_DIR AND MBEDCRYPTO_LIBRARY)
  target_include_directories(${TEST_TARGET} PRIVATE ${MBEDTLS_INCLUDE_DIR})
  target_link_libraries(${TEST_TARGET} PRIVATE ${MBEDCRYPTO_LIBRARY})
  target_compile_definitions(${TEST_TARGET} PRIVATE TERN_TEST_HAVE_MBEDTLS=1)
else()
  # The test then fails (the cross-check is the DRBG's only known-answer
  # test), rather than passing without it.
  message(WARNING "Mbed TLS (libmbedtls-dev) not found: ${TEST_NAME} will fail")
endif()
