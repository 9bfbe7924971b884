# The seed API tests' own certificates (client-named, public keys) are
# signed by the test PKI's intermediate: made again in the build directory
# whenever tests/data/certs changes, so they always match it. Without
# openssl the committed copies in tests/unit/compat/data are used.
get_property(compat_data_done GLOBAL PROPERTY TERN_COMPAT_DATA_DIR)
if(NOT compat_data_done)
  set(compat_data_dir "${PROJECT_SOURCE_DIR}/tests/unit/compat/data")
  find_program(OPENSSL_EXECUTABLE openssl)
  if(OPENSSL_EXECUTABLE)
    set(out "${PROJECT_BINARY_DIR}/compat-data")
    execute_process(COMMAND sh "${PROJECT_SOURCE_DIR}/tests/unit/compat/data/make-certs.sh" "${out}"
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(rc EQUAL 0)
      set(compat_data_dir "${out}")
    endif()
  endif()
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               "${PROJECT_SOURCE_DIR}/tests/data/certs/int-ca.pem"
               "${PROJECT_SOURCE_DIR}/tests/data/certs/server-p256.pem"
               "${PROJECT_SOURCE_DIR}/tests/data/certs/client-p256.pem")
  set_property(GLOBAL PROPERTY TERN_COMPAT_DATA_DIR "${compat_data_dir}")
endif()
get_property(TERN_COMPAT_DATA_DIR GLOBAL PROPERTY TERN_COMPAT_DATA_DIR)
