#!/bin/sh
# Generates the test PKI used by the engine tests (run from anywhere; the
# files land next to this script). Needs the openssl command-line tool.
#
#   root-ca            EC P-384 trust anchor
#   int-ca             EC P-256 intermediate (signed by root-ca)
#   server-p256        EC P-256 server leaf    } SAN localhost, 127.0.0.1
#   server-p384        EC P-384 server leaf    } EKU serverAuth
#   server-rsa2048     RSA-2048 server leaf    } signed by int-ca
#   client-p256        EC P-256 client leaf    } EKU clientAuth
#   client-rsa2048     RSA-2048 client leaf    }
#   server-expired     P-256, valid 2015..2020 only
#   server-wrongname   P-256, SAN other.example only
#   server-clientonly  P-256, EKU clientAuth only (wrong usage for a server)
#   server-rsa-signonly  server-rsa2048's key, keyUsage digitalSignature only
#   other-root         EC P-256 anchor nobody trusts
#   server-untrusted   P-256 server leaf signed by other-root
#   client-untrusted   P-256 client leaf signed by other-root
#
# Every certificate (except server-expired) is valid from 2024-01-01 to
# 2099-12-31. Outputs per name: <name>.pem / <name>.der (certificate) and
# <name>.key.pem / <name>.key.der (PKCS#8 private key), plus
# chain-<leaf>.pem (leaf + int-ca).
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

START=20240101000000Z
END=20991231235959Z

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
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_int ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_server_ec ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_server_rsa ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_server_rsa_signonly ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_client ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_wrongname ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_clientonly ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
: > "$work/index.txt"
echo 1000 > "$work/serial"

key() { # name algorithm-args...
    name=$1
    shift
    openssl genpkey "$@" -out "$name.key.pem" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$name.key.pem" -outform DER -out "$name.key.der"
}

csr() { # name cn
    openssl req -new -config "$work/ca.cnf" -key "$1.key.pem" -subj "/O=tern test/CN=$2" \
        -out "$work/$1.csr"
}

sign() { # name issuer extensions [start end]
    openssl ca -batch -config "$work/ca.cnf" -cert "$2.pem" -keyfile "$2.key.pem" \
        -extensions "$3" -startdate "${4:-$START}" -enddate "${5:-$END}" -notext \
        -in "$work/$1.csr" -out "$1.pem" 2>/dev/null
    openssl x509 -in "$1.pem" -outform DER -out "$1.der"
}

selfsign() { # name cn
    csr "$1" "$2"
    openssl ca -batch -selfsign -config "$work/ca.cnf" -keyfile "$1.key.pem" \
        -extensions v3_root -startdate "$START" -enddate "$END" -notext \
        -in "$work/$1.csr" -out "$1.pem" 2>/dev/null
    openssl x509 -in "$1.pem" -outform DER -out "$1.der"
}

EC256="-algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve"
EC384="-algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve"
RSA2048="-algorithm RSA -pkeyopt rsa_keygen_bits:2048"

key root-ca $EC384
selfsign root-ca "tern Test Root CA"
key int-ca $EC256
csr int-ca "tern Test Intermediate CA"
sign int-ca root-ca v3_int

for n in server-p256 server-expired server-wrongname server-clientonly client-p256; do
    key $n $EC256
done
key server-p384 $EC384
key server-rsa2048 $RSA2048
key client-rsa2048 $RSA2048

csr server-p256 localhost && sign server-p256 int-ca v3_server_ec
csr server-p384 localhost && sign server-p384 int-ca v3_server_ec
csr server-rsa2048 localhost && sign server-rsa2048 int-ca v3_server_rsa
# the same RSA key, keyUsage digitalSignature only: fine for ECDHE_RSA,
# not for static RSA key exchange (RFC 5246 7.4.2)
cp server-rsa2048.key.pem server-rsa-signonly.key.pem
cp server-rsa2048.key.der server-rsa-signonly.key.der
csr server-rsa-signonly localhost && sign server-rsa-signonly int-ca v3_server_rsa_signonly
csr client-p256 "tern test client p256" && sign client-p256 int-ca v3_client
csr client-rsa2048 "tern test client rsa" && sign client-rsa2048 int-ca v3_client
csr server-expired localhost && sign server-expired int-ca v3_server_ec 20150101000000Z 20200101000000Z
csr server-wrongname other.example && sign server-wrongname int-ca v3_wrongname
csr server-clientonly localhost && sign server-clientonly int-ca v3_clientonly

key other-root $EC256
selfsign other-root "tern Untrusted Root CA"
key server-untrusted $EC256
csr server-untrusted localhost && sign server-untrusted other-root v3_server_ec
key client-untrusted $EC256
csr client-untrusted "tern untrusted client" && sign client-untrusted other-root v3_client

for n in server-p256 server-p384 server-rsa2048 client-p256 client-rsa2048 server-expired \
         server-wrongname server-clientonly; do
    cat $n.pem int-ca.pem > chain-$n.pem
done
cat server-untrusted.pem > chain-server-untrusted.pem

# Sanity: every good chain verifies with the openssl tool.
for n in server-p256 server-p384 server-rsa2048 client-p256 client-rsa2048; do
    openssl verify -CAfile root-ca.pem -untrusted int-ca.pem $n.pem >/dev/null
done
echo "test PKI written to $(pwd)"
