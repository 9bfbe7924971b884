# TLS 1.0 and 1.1 (TERN_CONFIG_TLS10 / TERN_CONFIG_TLS11) are off by
# default, so the default library never negotiates them. This builds the
# library a second time with both on (without the seed API, which nothing
# here needs) and runs the legacy-version handshakes against it:
# legacy/test_legacy_versions (versions, suites, downgrade),
# legacy/test_legacy_auth (client authentication), legacy/test_legacy_resume
# (resumption by ID and ticket).
#
# Only in the sanitizer build (`make check` runs both builds): a second
# library costs its build time, and under ASan+UBSan the legacy paths get
# the memory checks too. The plain build has the PSK-only library instead
# (tests/unit/engine/test_kx_psk_only.cmake).
if(NOT TERN_SANITIZE)
  return()
endif()
file(GLOB_RECURSE tern_legacy_sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/*.c")
list(FILTER tern_legacy_sources EXCLUDE REGEX "/src/compat/")
add_library(tern_legacy STATIC ${tern_legacy_sources})
target_include_directories(tern_legacy PUBLIC "${PROJECT_SOURCE_DIR}/include"
  PRIVATE "${PROJECT_SOURCE_DIR}/src")
target_compile_definitions(tern_legacy PUBLIC TERN_CONFIG_TLS10=1 TERN_CONFIG_TLS11=1)
target_link_libraries(tern_legacy PRIVATE tern_warnings)
find_package(Threads)
if(Threads_FOUND)
  target_link_libraries(tern_legacy PUBLIC Threads::Threads)
endif()

# versions and suites; client authentication; resumption
foreach(t test_legacy_versions test_legacy_auth test_legacy_resume)
  add_executable(legacy_${t} "${PROJECT_SOURCE_DIR}/tests/legacy/${t}.c")
  target_include_directories(legacy_${t} PRIVATE
    "${PROJECT_SOURCE_DIR}/src" "${PROJECT_SOURCE_DIR}/tests/harness"
    "${PROJECT_SOURCE_DIR}/tests/unit/engine")
  target_compile_definitions(legacy_${t} PRIVATE
    "TERN_TEST_CERTS_DIR=\"${PROJECT_SOURCE_DIR}/tests/data/certs\"")
  target_link_libraries(legacy_${t} PRIVATE tern_legacy tern_warnings)
  set_target_properties(legacy_${t} PROPERTIES
    OUTPUT_NAME ${t} RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/legacy)
  add_test(NAME legacy/${t} COMMAND legacy_${t})
  set_tests_properties(legacy/${t} PROPERTIES LABELS "legacy")
endforeach()

# The tools against the legacy library, for the TLS 1.0/1.1 interop cases:
# tests/legacy/interop/legacy_interop.py runs tests/interop/interop.py's
# matrix with its legacy cases plus client authentication and resumption
# at TLS 1.0/1.1.
if(TERN_BUILD_PROGRAMS)
  set(tern_legacy_bin ${PROJECT_BINARY_DIR}/tests/legacy/bin)
  add_library(tern_tool_common_legacy STATIC
    ${PROJECT_SOURCE_DIR}/tools/common/extras.c
    ${PROJECT_SOURCE_DIR}/tools/common/keep.c ${PROJECT_SOURCE_DIR}/tools/common/load.c
    ${PROJECT_SOURCE_DIR}/tools/common/net.c ${PROJECT_SOURCE_DIR}/tools/common/opts.c
    ${PROJECT_SOURCE_DIR}/tools/common/report.c)
  target_include_directories(tern_tool_common_legacy PUBLIC ${PROJECT_SOURCE_DIR}/tools/common)
  target_link_libraries(tern_tool_common_legacy PUBLIC tern_legacy PRIVATE tern_warnings)
  add_executable(tern-client-legacy ${PROJECT_SOURCE_DIR}/tools/tern-client/tern-client.c)
  add_executable(tern-server-legacy ${PROJECT_SOURCE_DIR}/tools/tern-server/tern-server.c
    ${PROJECT_SOURCE_DIR}/tools/tern-server/http.c)
  foreach(t tern-client tern-server)
    target_link_libraries(${t}-legacy PRIVATE tern_tool_common_legacy tern_warnings)
    set_target_properties(${t}-legacy PROPERTIES OUTPUT_NAME ${t}
      RUNTIME_OUTPUT_DIRECTORY ${tern_legacy_bin})
  endforeach()
  find_package(Python3 COMPONENTS Interpreter)
  if(Python3_Interpreter_FOUND)
    add_test(NAME legacy/interop
      COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/legacy/interop/legacy_interop.py
              --bin ${tern_legacy_bin} --certs ${PROJECT_SOURCE_DIR}/tests/data/certs
              --peers openssl,gnutls
              --cases tls1.0,tls1.1,tls1.0-mte,tls1.0-auth-ec,tls1.0-auth-rsa,tls1.1-auth-ec,tls1.1-auth-rsa,tls1.0-resume-id,tls1.0-resume-tkt,tls1.1-resume-id,tls1.1-resume-tkt
              --log ${PROJECT_BINARY_DIR}/tests/legacy/interop.log --jobs 2)
    set_tests_properties(legacy/interop PROPERTIES LABELS "legacy;interop" TIMEOUT 240
      RUN_SERIAL ON DEPENDS legacy/test_legacy_versions)
  endif()
endif()
