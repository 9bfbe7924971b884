# OpenSSL libcrypto is the opponent of the RSA / DH cross-check (test only).
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)
