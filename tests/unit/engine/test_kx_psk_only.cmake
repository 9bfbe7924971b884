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
if(NOT TARGET tern_psk_only)
  file(GLOB_RECURSE tern_psk_only_sources CONFIGURE_DEPENDS
    "${PROJECT_SOURCE_DIR}/src/common/*.c" "${PROJECT_SOURCE_DIR}/src/crypto/*.c"
    "${PROJECT_SOURCE_DIR}/src/asn1/*.c" "${PROJECT_SOURCE_DIR}/src/x509/*.c"
    "${PROJECT_SOURCE_DIR}/src/record/*.c" "${PROJECT_SOURCE_DIR}/src/handshake/*.c"
    "${PROJECT_SOURCE_DIR}/src/engine/*.c" "${PROJECT_SOURCE_DIR}/src/platform/*.c")
  add_library(tern_psk_only STATIC ${tern_psk_only_sources})
  target_include_directories(tern_psk_only PUBLIC
    "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/src")
  target_compile_definitions(tern_psk_only PUBLIC TERN_CONFIG_RSA=0 TERN_CONFIG_FFDH=0
    TERN_CONFIG_X25519=0 TERN_CONFIG_ED25519=0 TERN_CONFIG_ECC_P256=0 TERN_CONFIG_ECC_P384=0)
  # no -Werror here: files of other areas may warn about parameters
  # that only their public-key branches use
  find_package(Threads)
  if(Threads_FOUND)
    target_link_libraries(tern_psk_only PUBLIC Threads::Threads)
  endif()
endif()

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
