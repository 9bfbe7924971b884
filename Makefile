# tern: common commands. CMake does the building; this file only wraps it.
#
#   make            build the library, tools and examples (build/)
#   make check      install what the tests need, then run every test twice:
#                   with ASan+UBSan (clang, build-asan/) and plain (gcc, build/),
#                   then every fuzz target briefly (build-fuzz/)
#   make test T=common/test_reader   run one test (build/)
#   make demo       build and run the demo
#   make bench      run the benchmarks (side by side with peer libraries)
#   make size       Cortex-M4 code/data size table per source folder
#   make fuzz       build the libFuzzer targets and run each briefly
#   make clean      remove the build directories

BUILD      ?= build
ASAN_BUILD ?= build-asan
M4_BUILD   ?= build-m4
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
FUZZ_SECONDS ?= 10
FUZZ_CHECK_SECONDS ?= 5

.PHONY: all build check check-asan check-plain check-fuzz fuzz-build test demo bench size fuzz deps clean

all: build

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

deps:
	@sh tools/ensure-deps.sh

check: deps check-asan check-plain check-fuzz

check-asan:
	@echo "== sanitizer build (clang, -fsanitize=address,undefined) in $(ASAN_BUILD)"
	@CC=clang cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTERN_SANITIZE=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest -j $(JOBS) --output-on-failure

check-plain:
	@echo "== plain build (gcc) in $(BUILD)"
	@CC=gcc cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@cd $(BUILD) && ctest -j $(JOBS) --output-on-failure

test: build
	@test -n "$(T)" || { echo "usage: make test T=<area>/test_<unit>"; exit 2; }
	@cd $(BUILD) && ctest --output-on-failure -R "^$(T)$$"

demo: build
	@sh tools/demo.sh $(BUILD)

bench: deps build
	@sh tools/bench.sh $(BUILD)

size:
	@sh tools/size-table.sh $(M4_BUILD)

fuzz: deps fuzz-build
	@sh tools/fuzz-run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# part of `make check`: every fuzz target briefly, from its seed corpus
check-fuzz: fuzz-build
	@echo "== fuzz targets, $(FUZZ_CHECK_SECONDS)s each (clang, libFuzzer+ASan+UBSan) in $(FUZZ_BUILD)"
	@sh tools/fuzz-run.sh $(FUZZ_BUILD) $(FUZZ_CHECK_SECONDS)

fuzz-build:
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DTERN_BUILD_FUZZ=ON -DTERN_BUILD_TESTS=OFF -DTERN_BUILD_PROGRAMS=OFF \
		-DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" $(CMAKE_ARGS) >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(M4_BUILD) $(FUZZ_BUILD)
