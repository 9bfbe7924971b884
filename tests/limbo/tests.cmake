# x509-limbo (C2SP/x509-limbo): every test case of
# shared/vectors/x509-limbo/limbo.json.gz through tern_x509_verify_chain.
# The file is decompressed on the fly with zlib and parsed with cJSON.
find_package(ZLIB)
if(NOT ZLIB_FOUND)
  message(WARNING "x509/limbo needs zlib (Debian: zlib1g-dev); the test is not built")
  return()
endif()
add_executable(x509_limbo ${CMAKE_CURRENT_LIST_DIR}/limbo.c)
target_link_libraries(x509_limbo PRIVATE tern_testsupport tern_warnings ZLIB::ZLIB)
set_target_properties(x509_limbo PROPERTIES
  OUTPUT_NAME limbo RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/x509)
add_test(NAME x509/limbo COMMAND x509_limbo)
set_tests_properties(x509/limbo PROPERTIES
  LABELS "x509;vectors" ENVIRONMENT "TERN_VECTORS_DIR=${TERN_VECTORS_DIR}")
