# Interop over loopback: tern-client and tern-server against OpenSSL,
# GnuTLS, and test peers built here against Mbed TLS and wolfSSL (each only
# when its library is found). tests/interop/interop.py runs the matrix and
# prints it; tools/ensure-deps.sh installs the peers.
#
# Both builds run the whole matrix (the heartbeat and renegotiation cases
# only with the peers whose tools speak them: about 15 s plain, 35 s
# under ASan+UBSan on the 2-core test machine); `interop.py --quick` runs
# a subset (three suites plus client auth and both resumptions per peer
# and role) should the sanitizer build ever need it.

find_package(Python3 COMPONENTS Interpreter)

set(tern_interop_peer_dir ${PROJECT_BINARY_DIR}/tests/interop)

find_path(MBEDTLS_INCLUDE_DIR mbedtls/ssl.h)
find_library(MBEDTLS_LIBRARY mbedtls)
find_library(MBEDX509_LIBRARY mbedx509)
find_library(MBEDCRYPTO_LIBRARY mbedcrypto)
if(MBEDTLS_INCLUDE_DIR AND MBEDTLS_LIBRARY AND MBEDX509_LIBRARY AND MBEDCRYPTO_LIBRARY)
  add_executable(interop_mbedtls_peer ${PROJECT_SOURCE_DIR}/tests/interop/peers/mbedtls_peer.c)
  target_include_directories(interop_mbedtls_peer SYSTEM PRIVATE ${MBEDTLS_INCLUDE_DIR})
  target_link_libraries(interop_mbedtls_peer PRIVATE
    ${MBEDTLS_LIBRARY} ${MBEDX509_LIBRARY} ${MBEDCRYPTO_LIBRARY} tern_warnings)
  set_target_properties(interop_mbedtls_peer PROPERTIES
    OUTPUT_NAME mbedtls-peer RUNTIME_OUTPUT_DIRECTORY ${tern_interop_peer_dir})
else()
  message(STATUS "interop: Mbed TLS not found, its peer is skipped (apt-get install libmbedtls-dev)")
endif()

find_path(WOLFSSL_INCLUDE_DIR wolfssl/ssl.h)
find_library(WOLFSSL_LIBRARY wolfssl)
if(WOLFSSL_INCLUDE_DIR AND WOLFSSL_LIBRARY)
  add_executable(interop_wolfssl_peer ${PROJECT_SOURCE_DIR}/tests/interop/peers/wolfssl_peer.c)
  target_include_directories(interop_wolfssl_peer SYSTEM PRIVATE ${WOLFSSL_INCLUDE_DIR})
  target_link_libraries(interop_wolfssl_peer PRIVATE ${WOLFSSL_LIBRARY} tern_warnings)
  set_target_properties(interop_wolfssl_peer PROPERTIES
    OUTPUT_NAME wolfssl-peer RUNTIME_OUTPUT_DIRECTORY ${tern_interop_peer_dir})
else()
  message(STATUS "interop: wolfSSL not found, its peer is skipped (apt-get install libwolfssl-dev)")
endif()

if(NOT Python3_Interpreter_FOUND)
  # visible as a skipped test rather than silently missing
  message(WARNING "interop: python3 not found; interop/matrix and interop/tools are skipped")
  foreach(t matrix tools)
    add_test(NAME interop/${t}
      COMMAND sh -c "echo 'interop: python3 is needed (apt-get install python3)'; exit 77")
    set_tests_properties(interop/${t} PROPERTIES LABELS "interop" SKIP_RETURN_CODE 77)
  endforeach()
elseif(NOT TERN_BUILD_PROGRAMS)
  message(STATUS "interop: tern-client / tern-server not built (TERN_BUILD_PROGRAMS=OFF); "
                 "the interop/matrix test is not registered")
else()
  set(tern_interop_args
    --bin $<TARGET_FILE_DIR:tern-client>
    --certs ${PROJECT_SOURCE_DIR}/tests/data/certs
    --peer-bin ${tern_interop_peer_dir}
    --log ${tern_interop_peer_dir}/interop.log
    --jobs 2)
  add_test(NAME interop/matrix
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/interop/interop.py ${tern_interop_args})
  set_tests_properties(interop/matrix PROPERTIES LABELS "interop" TIMEOUT 240 RUN_SERIAL ON)
endif()

# The tools' own checks: error messages for bad flags and files, and the
# flags the matrix does not use (-echo, -alpn, -msg, -keylogfile,
# -reconnect, -verify_hostname, -no_verify, -Verify, -dcert, -groups).
if(Python3_Interpreter_FOUND AND TERN_BUILD_PROGRAMS)
  add_test(NAME interop/tools
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/interop/tools_check.py
            --bin $<TARGET_FILE_DIR:tern-client> --certs ${PROJECT_SOURCE_DIR}/tests/data/certs)
  set_tests_properties(interop/tools PROPERTIES LABELS "interop" TIMEOUT 120)
endif()
