#!/bin/sh
# Installs the Debian packages the build, tests, interop and benchmarks
# need, non-interactively, and says what it installs. Does nothing when
# everything is present.
set -eu

packages="cmake make gcc clang libclang-rt-14-dev valgrind libcjson-dev zlib1g-dev pkg-config python3
gcc-arm-none-eabi libnewlib-arm-none-eabi
openssl libssl-dev gnutls-bin libgnutls28-dev libmbedtls-dev libwolfssl-dev libbearssl-dev"

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "ensure-deps: not a Debian system; make sure these are installed: $packages" >&2
  exit 0
fi

missing=""
for pkg in $packages; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $pkg"
  fi
done
[ -n "$missing" ] || exit 0

echo "ensure-deps: installing:$missing"
if [ "$(id -u)" = "0" ]; then
  SUDO=
elif command -v sudo >/dev/null 2>&1; then
  SUDO=sudo
else
  echo "ensure-deps: not root and no sudo; install first:$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
echo "ensure-deps: done"
