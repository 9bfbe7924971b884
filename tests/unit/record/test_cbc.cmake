# The CBC record tests cross-check against a reference record built from
# OpenSSL's libcrypto primitives (EVP ciphers without padding, EVP digests
# for a hand-made HMAC): a test opponent only, never linked into libtern.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(${TEST_TARGET} PRIVATE OpenSSL::Crypto)
