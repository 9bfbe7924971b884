#!/bin/sh
# Generates the extra test material of the seed API tests into OUT_DIR
# (default: next to this script). Needs the openssl tool and the test PKI
# of tests/data/certs (its int-ca signs here). The build runs it into the
# build directory whenever that PKI changes (tests/unit/compat/
# compat_data.cmake); the copies here serve when openssl is missing.
#
#   client-named       EC P-256 client leaf, SAN DNS:device-1.example,
#                      EKU clientAuth, signed by int-ca, 2024..2099
#   server-p256.spki   the public key of tests/data/certs/server-p256 (DER)
#   client-p256.spki   the public key of tests/data/certs/client-p256 (DER)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pki=$here/../../../data/certs
out=${1:-$here}
mkdir -p "$out"
cd "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = tern
[ tern ]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = supplied
organizationName = optional
[ v3_client ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:device-1.example
CNF
: > "$work/index.txt"
echo 7E57C11E > "$work/serial"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/k.pem"
openssl req -new -key "$work/k.pem" -subj "/CN=device-1/O=tern test" -out "$work/r.csr"
openssl ca -batch -config "$work/ca.cnf" -extensions v3_client -cert $pki/int-ca.pem \
  -keyfile $pki/int-ca.key.pem -startdate 20240101000000Z -enddate 20991231235959Z \
  -in "$work/r.csr" -out "$work/c.pem" 2>/dev/null
openssl x509 -in "$work/c.pem" -out client-named.pem
openssl x509 -in client-named.pem -outform DER -out client-named.der
openssl pkcs8 -topk8 -nocrypt -in "$work/k.pem" -outform DER -out client-named.key.der
openssl x509 -in $pki/server-p256.pem -pubkey -noout | openssl pkey -pubin -outform DER -out server-p256.spki
openssl x509 -in $pki/client-p256.pem -pubkey -noout | openssl pkey -pubin -outform DER -out client-p256.spki
