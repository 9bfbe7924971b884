# Cross-checks the TLS 1.2 AEAD record protection against OpenSSL's
# libcrypto EVP AEADs (test opponent only; never linked into libtern).
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)
