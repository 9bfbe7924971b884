# The PSK-only library (tern compiled a second time with every public-key
# switch off) that engine/test_kx_psk_only_nopk and compat/test_seed_nopk_nopk
# link against; defined once, by whichever test file CMake reads first.
if(NOT TARGET tern_psk_only)
  file(GLOB_RECURSE tern_psk_only_sources CONFIGURE_DEPENDS
    "${PROJECT_SOURCE_DIR}/src/common/*.c" "${PROJECT_SOURCE_DIR}/src/crypto/*.c"
    "${PROJECT_SOURCE_DIR}/src/asn1/*.c" "${PROJECT_SOURCE_DIR}/src/x509/*.c"
    "${PROJECT_SOURCE_DIR}/src/record/*.c" "${PROJECT_SOURCE_DIR}/src/handshake/*.c"
    "${PROJECT_SOURCE_DIR}/src/engine/*.c" "${PROJECT_SOURCE_DIR}/src/platform/*.c")
  add_library(tern_psk_only STATIC ${tern_psk_only_sources})
  target_include_directories(tern_psk_only PUBLIC
    "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/src")
  target_compile_definitions(tern_psk_only PUBLIC TERN_CONFIG_RSA=0 TERN_CONFIG_FFDH=0
    TERN_CONFIG_X25519=0 TERN_CONFIG_ED25519=0 TERN_CONFIG_ECC_P256=0 TERN_CONFIG_ECC_P384=0)
  # no -Werror here: files of other areas may warn about parameters
  # that only their public-key branches use
  find_package(Threads)
  if(Threads_FOUND)
    target_link_libraries(tern_psk_only PUBLIC Threads::Threads)
  endif()
endif()
