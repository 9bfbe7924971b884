# A PSK-only build: libtern compiled a second time with every public-key
# switch off (no RSA, no finite-field DH, no X25519 / Ed25519, no P-256 /
# P-384), this test linked against it as engine/test_kx_psk_only_nopk,
# and engine/psk_only_link, which lists the program's symbols with nm and
# fails if any public-key arithmetic (big numbers, RSA, elliptic curves,
# Curve25519, DH, their key-exchange and signature classes) got in.
#
# Not in the sanitizer build (a second library costs its build time;
# the plain build covers it).
if(TERN_SANITIZE)
  return()
endif()
include("${PROJECT_SOURCE_DIR}/cmake/tern_psk_only.cmake")

add_executable(${TEST_TARGET}_nopk "${PROJECT_SOURCE_DIR}/tests/unit/engine/test_kx_psk_only.c")
target_include_directories(${TEST_TARGET}_nopk PRIVATE "${PROJECT_SOURCE_DIR}/tests/harness")
target_link_libraries(${TEST_TARGET}_nopk PRIVATE tern_psk_only tern_warnings)
set_target_properties(${TEST_TARGET}_nopk PROPERTIES
  OUTPUT_NAME test_kx_psk_only_nopk RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/engine)
add_test(NAME ${TEST_NAME}_nopk COMMAND ${TEST_TARGET}_nopk)
set_tests_properties(${TEST_NAME}_nopk PROPERTIES LABELS "engine")

find_program(TERN_NM NAMES nm)
if(TERN_NM)
  add_test(NAME engine/psk_only_link
    COMMAND sh -c "all=$(\"$0\" \"$1\") || exit 1; syms=$(echo \"$all\" | grep -E ' [TtDdRrBb] tern_(bn|rsa|ec|ecdsa|f25519|ge25519|x25519|ed25519|dh|kex_(x25519|secp|ffdhe)|sig_(rsa|ecdsa|ed25519))' ); if [ -n \"$syms\" ]; then echo \"public-key code linked into a PSK-only program:\"; echo \"$syms\" | head -20; exit 1; fi; echo 'psk-only: no public-key arithmetic linked'"
            ${TERN_NM} $<TARGET_FILE:${TEST_TARGET}_nopk>)
  set_tests_properties(engine/psk_only_link PROPERTIES LABELS "engine")
endif()
