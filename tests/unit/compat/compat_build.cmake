include(${PROJECT_SOURCE_DIR}/tests/unit/compat/compat_data.cmake)
# Builds the seed API (src/compat) into the test program itself with the
# config_tls.h options in COMPAT_OPTIONS, as an application compiles its
# own configuration; the library's copy (default options) is then not
# linked. Include with TEST_TARGET set.
file(GLOB compat_test_srcs CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/compat/*.c")
target_sources(${TEST_TARGET} PRIVATE ${compat_test_srcs})
target_compile_definitions(${TEST_TARGET} PRIVATE ${COMPAT_OPTIONS}
  "TERN_TEST_CERTS_DIR=\"${PROJECT_SOURCE_DIR}/tests/data/certs\""
  "TERN_COMPAT_DATA_DIR=\"${TERN_COMPAT_DATA_DIR}\"")
