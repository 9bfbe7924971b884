# OpenSSL's BIGNUM is the reference; the test also runs against the 32-bit
# field arithmetic.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)
string(REGEX REPLACE "\\.cmake$" ".c" tern_w32_test_src "${CMAKE_CURRENT_LIST_FILE}")
set(tern_w32_test_libs OpenSSL::Crypto)
include("${CMAKE_CURRENT_LIST_DIR}/curve25519_w32.cmake")
