include(${PROJECT_SOURCE_DIR}/tests/unit/compat/compat_data.cmake)
target_compile_definitions(${TEST_TARGET} PRIVATE
  "TERN_TEST_CERTS_DIR=\"${PROJECT_SOURCE_DIR}/tests/data/certs\""
  "TERN_COMPAT_DATA_DIR=\"${TERN_COMPAT_DATA_DIR}\"")
