# OpenSSL's libcrypto is the opponent the X25519 / Ed25519 results are
# cross-checked against (never linked into libtern).
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)
