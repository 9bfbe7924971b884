# Cross-checks tern's Hash_DRBG byte for byte against OpenSSL's HASH-DRBG
# (libcrypto is a test opponent only: linked into this test, never into
# libtern).
find_package(OpenSSL 3.0 COMPONENTS Crypto)
if(OPENSSL_FOUND)
  target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)
  target_compile_definitions(${TEST_TARGET} PRIVATE TERN_TEST_HAVE_OPENSSL=1)
else()
  # The test then fails (the cross-check is the DRBG's only known-answer
  # test), rather than passing without it.
  message(WARNING "OpenSSL 3 (libssl-dev) not found: ${TEST_NAME} will fail")
endif()
