# TLS 1.0 and 1.1 (TERN_CONFIG_TLS10 / TERN_CONFIG_TLS11) are off by
# default, so the default library never negotiates them. This builds the
# library a second time with both on (without the seed API and the socket
# front end, which the engine does not need) and runs the legacy-version
# handshakes against it: legacy/test_legacy_versions.
file(GLOB_RECURSE tern_legacy_sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/*.c")
list(FILTER tern_legacy_sources EXCLUDE REGEX "/src/(compat|frontend)/")
add_library(tern_legacy STATIC ${tern_legacy_sources})
target_include_directories(tern_legacy PUBLIC "${PROJECT_SOURCE_DIR}/include"
  PRIVATE "${PROJECT_SOURCE_DIR}/src")
target_compile_definitions(tern_legacy PUBLIC TERN_CONFIG_TLS10=1 TERN_CONFIG_TLS11=1)
target_link_libraries(tern_legacy PRIVATE tern_warnings)
find_package(Threads)
if(Threads_FOUND)
  target_link_libraries(tern_legacy PUBLIC Threads::Threads)
endif()

add_executable(legacy_test_legacy_versions
  "${PROJECT_SOURCE_DIR}/tests/legacy/test_legacy_versions.c")
target_include_directories(legacy_test_legacy_versions PRIVATE
  "${PROJECT_SOURCE_DIR}/src" "${PROJECT_SOURCE_DIR}/tests/harness"
  "${PROJECT_SOURCE_DIR}/tests/unit/engine")
target_compile_definitions(legacy_test_legacy_versions PRIVATE
  "TERN_TEST_CERTS_DIR=\"${PROJECT_SOURCE_DIR}/tests/data/certs\"")
target_link_libraries(legacy_test_legacy_versions PRIVATE tern_legacy tern_warnings)
set_target_properties(legacy_test_legacy_versions PROPERTIES
  OUTPUT_NAME test_legacy_versions RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/legacy)
add_test(NAME legacy/test_legacy_versions COMMAND legacy_test_legacy_versions)
set_tests_properties(legacy/test_legacy_versions PROPERTIES LABELS "legacy")
