target_compile_definitions(${TEST_TARGET} PRIVATE
  "TERN_TEST_CERTS_DIR=\"${PROJECT_SOURCE_DIR}/tests/data/certs\"")
