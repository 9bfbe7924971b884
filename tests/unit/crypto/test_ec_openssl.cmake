# Cross-checks P-256 / P-384 against OpenSSL's libcrypto (test opponent
# only; never linked into libtern).
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)
