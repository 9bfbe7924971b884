# tests/unit/engine/test_rsa_psk.c a second time, linked against the
# TLS 1.0/1.1 library of tests/legacy/tests.cmake (sanitizer build only):
# the RFC 4279 RSA_PSK CBC-SHA suites in TLS 1.0 and 1.1, whose PRF takes
# the pre-master secret whole. Registered as rsa_psk/test_rsa_psk_legacy.
if(NOT TARGET tern_legacy)
  return()
endif()
add_executable(rsa_psk_test_rsa_psk_legacy
  "${PROJECT_SOURCE_DIR}/tests/unit/engine/test_rsa_psk.c")
target_include_directories(rsa_psk_test_rsa_psk_legacy PRIVATE
  "${PROJECT_SOURCE_DIR}/src" "${PROJECT_SOURCE_DIR}/tests/harness"
  "${PROJECT_SOURCE_DIR}/tests/unit/engine")
target_compile_definitions(rsa_psk_test_rsa_psk_legacy PRIVATE
  "TERN_TEST_CERTS_DIR=\"${PROJECT_SOURCE_DIR}/tests/data/certs\"")
target_link_libraries(rsa_psk_test_rsa_psk_legacy PRIVATE tern_legacy tern_warnings)
set_target_properties(rsa_psk_test_rsa_psk_legacy PROPERTIES
  OUTPUT_NAME test_rsa_psk_legacy RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/rsa_psk)
add_test(NAME rsa_psk/test_rsa_psk_legacy COMMAND rsa_psk_test_rsa_psk_legacy)
set_tests_properties(rsa_psk/test_rsa_psk_legacy PROPERTIES LABELS "legacy" SKIP_RETURN_CODE 77)

# The same against real peers: the interop matrix's tls1.0-rpsk and
# tls1.1-rpsk cases with the legacy tools of tests/legacy/tests.cmake
# (OpenSSL and GnuTLS; the Mbed TLS and wolfSSL peers speak TLS 1.2 only).
find_package(Python3 COMPONENTS Interpreter)
if(TERN_BUILD_PROGRAMS AND Python3_Interpreter_FOUND AND DEFINED tern_legacy_bin)
  add_test(NAME rsa_psk/interop_legacy
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/interop/interop.py
            --bin ${tern_legacy_bin} --certs ${PROJECT_SOURCE_DIR}/tests/data/certs
            --peers openssl,gnutls --cases tls1.0-rpsk,tls1.1-rpsk
            --log ${PROJECT_BINARY_DIR}/tests/rsa_psk/interop.log --jobs 2)
  set_tests_properties(rsa_psk/interop_legacy PROPERTIES LABELS "legacy;interop" TIMEOUT 120
    RUN_SERIAL ON DEPENDS rsa_psk/test_rsa_psk_legacy)
endif()
