# libFuzzer targets: fuzz/fuzz_<name>.c, built with clang -fsanitize=fuzzer.
# `make fuzz` builds them in build-fuzz and runs each briefly.
file(GLOB tern_fuzz_sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/fuzz/fuzz_*.c")
foreach(src ${tern_fuzz_sources})
  get_filename_component(exe "${src}" NAME_WE)
  add_executable(${exe} ${src})
  target_include_directories(${exe} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${exe} PRIVATE -fsanitize=fuzzer)
  target_link_options(${exe} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${exe} PRIVATE tern)
  set_target_properties(${exe} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/fuzz)
endforeach()
