#!/bin/sh
# make demo: runs what exists end to end. Until the TLS engine lands this
# is the self-test of the foundation (it says so; it does not pretend).
set -eu
build=${1:-build}
exec "$build/bin/tern-selftest"
