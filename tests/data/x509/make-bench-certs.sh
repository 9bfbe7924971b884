#!/bin/sh
# Generates the chains of bench-x509 (bench/x509_bench.c): for each of
# EC P-256 (ecdsa-with-SHA256) and RSA-2048 (sha256WithRSAEncryption), a
# root (the anchor), an intermediate and a leaf with SAN bench.example,
# valid for 100 years from the day they were made. Files land next to
# this script: bench-<ec|rsa>-<root|int|leaf>.der. Needs the openssl tool.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/x.cnf" <<CNF
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ leaf ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:bench.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

for kind in ec rsa; do
  if [ $kind = ec ]; then
    alg="-algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve"
  else
    alg="-algorithm RSA -pkeyopt rsa_keygen_bits:2048"
  fi
  for n in root int leaf; do
    # shellcheck disable=SC2086
    openssl genpkey $alg -out "$work/$n.key" 2>/dev/null
  done
  openssl req -x509 -new -config "$work/x.cnf" -extensions ca -key "$work/root.key" \
    -subj "/O=tern bench/CN=bench $kind root" -days 36500 -sha256 -set_serial 1 -out "$work/root.pem"
  openssl req -new -config "$work/x.cnf" -key "$work/int.key" \
    -subj "/O=tern bench/CN=bench $kind intermediate" -out "$work/int.csr"
  openssl x509 -req -in "$work/int.csr" -CA "$work/root.pem" -CAkey "$work/root.key" \
    -set_serial 2 -days 36500 -sha256 -extfile "$work/x.cnf" -extensions ca \
    -out "$work/int.pem" 2>/dev/null
  openssl req -new -config "$work/x.cnf" -key "$work/leaf.key" \
    -subj "/O=tern bench/CN=bench.example" -out "$work/leaf.csr"
  openssl x509 -req -in "$work/leaf.csr" -CA "$work/int.pem" -CAkey "$work/int.key" \
    -set_serial 3 -days 36500 -sha256 -extfile "$work/x.cnf" -extensions leaf \
    -out "$work/leaf.pem" 2>/dev/null
  openssl verify -CAfile "$work/root.pem" -untrusted "$work/int.pem" "$work/leaf.pem" >/dev/null
  for n in root int leaf; do
    openssl x509 -in "$work/$n.pem" -outform DER -out "bench-$kind-$n.der"
  done
done
echo "bench chains written to $(pwd)"
