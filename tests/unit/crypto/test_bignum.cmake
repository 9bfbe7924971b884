# OpenSSL's BIGNUM is the reference the random bignum tests compare with.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)
