# Also run this test against the 32-bit field arithmetic.
string(REGEX REPLACE "\\.cmake$" ".c" tern_w32_test_src "${CMAKE_CURRENT_LIST_FILE}")
include("${CMAKE_CURRENT_LIST_DIR}/curve25519_w32.cmake")
