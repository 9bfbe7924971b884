# Cross-check against libcrypto (test opponent only; libtern does not link it).
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)
