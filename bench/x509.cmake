# bench-x509: tern_x509_verify_chain beside OpenSSL's X509_verify_cert on
# depth-3 ECDSA P-256 and RSA-2048 chains (tests/data/x509/bench-*.der):
# microseconds, callgrind instructions, tern's peak stack and heap.
find_package(OpenSSL 3.0 COMPONENTS Crypto)
if(NOT OPENSSL_FOUND)
  message(STATUS "bench-x509: OpenSSL libcrypto >= 3.0 not found (Debian: libssl-dev); not built")
  return()
endif()
add_executable(bench-x509 ${CMAKE_CURRENT_LIST_DIR}/x509_bench.c)
target_link_libraries(bench-x509 PRIVATE tern OpenSSL::Crypto tern_warnings)
target_include_directories(bench-x509 PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_compile_definitions(bench-x509 PRIVATE
  "TERN_BENCH_CERTS_DIR=\"${PROJECT_SOURCE_DIR}/tests/data/x509\"")
set_target_properties(bench-x509 PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
