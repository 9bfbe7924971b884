#!/bin/sh
# make demo: a TLS server and client on 127.0.0.1 talking through the seed
# API (include/api_tls.h, the examples tls-server-sockets and
# tls-client-sockets). Demo certificates are made with openssl into
# <build>/demo (a root CA and a "localhost" server certificate); nothing
# leaves loopback. Prints the handshake summary of a full and of a resumed
# connection and the echoed message; exits 0 when all of it worked.
# Usage: demo.sh BUILD_DIR
set -eu
build=${1:-build}
bin=$build/bin
dir=$build/demo

for p in tls-server-sockets tls-client-sockets; do
  [ -x "$bin/$p" ] || { echo "demo: $bin/$p is missing (run make first)" >&2; exit 2; }
done
command -v openssl >/dev/null 2>&1 ||
  { echo "demo: openssl is needed to make the demo certificates (apt-get install openssl)" >&2; exit 2; }

# ---- demo certificates (made once per build directory) -----------------------------
mkdir -p "$dir"
if [ ! -f "$dir/server-chain.pem" ]; then
  echo "== making demo certificates in $dir"
  cat > "$dir/ext.cnf" <<'CNF'
[ ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ server ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/root.key" 2>/dev/null
  openssl req -new -x509 -key "$dir/root.key" -subj "/CN=tern demo root CA/O=tern demo" \
    -days 3650 -sha256 -extensions ca -config "$dir/ext.cnf" -out "$dir/root.pem" 2>/dev/null ||
  openssl req -new -x509 -key "$dir/root.key" -subj "/CN=tern demo root CA/O=tern demo" \
    -days 3650 -sha256 -addext "basicConstraints=critical,CA:true" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$dir/root.pem"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/server.key" 2>/dev/null
  openssl req -new -key "$dir/server.key" -subj "/CN=localhost/O=tern demo" -out "$dir/server.csr"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/root.pem" -CAkey "$dir/root.key" \
    -CAcreateserial -days 825 -sha256 -extfile "$dir/ext.cnf" -extensions server \
    -out "$dir/server.pem" 2>/dev/null
  cat "$dir/server.pem" > "$dir/server-chain.pem"
  rm -f "$dir/server.csr"
fi

# ---- server and client ------------------------------------------------------------
out=$dir/server.out
rm -f "$out"
timeout 60 "$bin/tls-server-sockets" --cert "$dir/server-chain.pem" --key "$dir/server.key" \
  --count 2 > "$out" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null || true' EXIT INT TERM
i=0
port=""
while [ $i -lt 100 ]; do
  port=$(sed -n 's/^listening on \([0-9]*\).*/\1/p' "$out" 2>/dev/null | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
  i=$((i + 1))
done
[ -n "$port" ] || { echo "demo: the server did not start" >&2; cat "$out" >&2; exit 1; }

echo "== server listening on 127.0.0.1:$port (seed API, sockets interface)"
echo "== client: a full handshake, then a resumed one with the first session's ticket"
status=0
timeout 30 "$bin/tls-client-sockets" --port "$port" --ca "$dir/root.pem" --name localhost \
  --message "hello, tern" --resume | sed 's/^/   client| /' || status=1
wait $spid || status=1
trap - EXIT INT TERM
sed 's/^/   server| /' "$out"
if [ $status -eq 0 ] && grep -q "resumed yes" "$out"; then
  echo "== demo OK: full and resumed TLS 1.2 connections, message echoed"
else
  echo "== demo FAILED" >&2
  exit 1
fi
