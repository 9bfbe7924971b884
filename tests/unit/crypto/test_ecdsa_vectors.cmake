# Also run against the 32-bit, size-optimised ECC build (see ec_w32.cmake).
set(tern_ec_w32_test_src "${CMAKE_CURRENT_LIST_DIR}/test_ecdsa_vectors.c")
include("${CMAKE_CURRENT_LIST_DIR}/ec_w32.cmake")
