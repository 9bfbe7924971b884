# Unit tests: one program per tests/unit/<area>/test_<unit>.c, registered in
# CTest as "<area>/test_<unit>" (run one with `make test T=<area>/test_<unit>`).
# A file tests/unit/<area>/test_<unit>.cmake, if present, is included with
# TEST_TARGET set, for extra libraries or properties.
find_path(CJSON_INCLUDE_DIR cjson/cJSON.h)
find_library(CJSON_LIBRARY cjson)
if(NOT CJSON_INCLUDE_DIR OR NOT CJSON_LIBRARY)
  message(FATAL_ERROR "tests need cJSON (Debian: apt-get install libcjson-dev); "
                      "`make check` installs it, or configure with -DTERN_BUILD_TESTS=OFF")
endif()

if(NOT EXISTS "${TERN_VECTORS_DIR}")
  message(WARNING "TERN_VECTORS_DIR ${TERN_VECTORS_DIR} does not exist: vector tests will fail")
endif()

add_library(tern_testsupport STATIC ${PROJECT_SOURCE_DIR}/tests/support/tv.c)
target_include_directories(tern_testsupport PUBLIC
  ${PROJECT_SOURCE_DIR}/tests/support ${PROJECT_SOURCE_DIR}/tests/harness
  ${PROJECT_SOURCE_DIR}/src ${CJSON_INCLUDE_DIR})
target_compile_definitions(tern_testsupport PRIVATE
  "TERN_VECTORS_DIR_DEFAULT=\"${TERN_VECTORS_DIR}\"")
target_link_libraries(tern_testsupport PUBLIC tern ${CJSON_LIBRARY} PRIVATE tern_warnings)

file(GLOB_RECURSE tern_unit_tests CONFIGURE_DEPENDS
  "${PROJECT_SOURCE_DIR}/tests/unit/*/test_*.c")
foreach(src ${tern_unit_tests})
  file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}/tests/unit" "${src}")
  string(REGEX REPLACE "\\.c$" "" name "${rel}")         # area/test_unit
  string(REPLACE "/" "_" target "${name}")                 # area_test_unit
  get_filename_component(area "${name}" DIRECTORY)
  get_filename_component(exe "${name}" NAME)
  add_executable(${target} ${src})
  target_link_libraries(${target} PRIVATE tern_testsupport tern_warnings)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${exe}
    RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/${area})
  add_test(NAME ${name} COMMAND ${target})
  set_tests_properties(${name} PROPERTIES
    LABELS "${area}" SKIP_RETURN_CODE 77
    ENVIRONMENT "TERN_VECTORS_DIR=${TERN_VECTORS_DIR}")
  string(REGEX REPLACE "\\.c$" ".cmake" extra "${src}")
  if(EXISTS "${extra}")
    set(TEST_TARGET ${target})
    set(TEST_NAME ${name})
    include("${extra}")
  endif()
endforeach()

# Constant-time checks: tests/ct/ct_*.c, each run under valgrind memcheck by
# tools/ct-check.sh, which prints "ct-check: N functions, N reports".
file(GLOB tern_ct_sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/ct/ct_*.c")
set(tern_ct_bins "")
foreach(src ${tern_ct_sources})
  get_filename_component(exe "${src}" NAME_WE)
  add_executable(${exe} ${src})
  target_link_libraries(${exe} PRIVATE tern_testsupport tern_warnings)
  set_target_properties(${exe} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/ct)
  list(APPEND tern_ct_bins $<TARGET_FILE:${exe}>)
endforeach()
find_program(VALGRIND_EXECUTABLE valgrind)
if(tern_ct_bins AND VALGRIND_EXECUTABLE AND NOT TERN_SANITIZE)
  add_test(NAME ct-check
    COMMAND sh ${PROJECT_SOURCE_DIR}/tools/ct-check.sh ${VALGRIND_EXECUTABLE} ${tern_ct_bins})
  set_tests_properties(ct-check PROPERTIES LABELS "ct")
endif()

# Other test suites (interop, x509-limbo, examples, ...): each
# tests/<suite>/tests.cmake is included here and registers its own tests.
file(GLOB tern_suite_files CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/*/tests.cmake")
foreach(f ${tern_suite_files})
  include("${f}")
endforeach()
