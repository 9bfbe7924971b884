# The examples run against each other and against openssl s_server /
# s_client, on loopback, each step within a time limit
# (tests/examples/run.sh). Registered only when the examples are built.
if(NOT TERN_BUILD_PROGRAMS)
  return()
endif()

set(ex_run sh ${PROJECT_SOURCE_DIR}/tests/examples/run.sh)
set(B ${PROJECT_BINARY_DIR}/bin)
set(C ${PROJECT_SOURCE_DIR}/tests/data/certs)
set(D ${PROJECT_SOURCE_DIR}/tests/unit/compat/data)
set(SRV "--cert ${C}/chain-server-p256.pem --key ${C}/server-p256.key.pem")
set(SRV_RSA "--cert ${C}/chain-server-rsa2048.pem --key ${C}/server-rsa2048.key.pem")
set(CLI "--cert ${C}/chain-client-p256.pem --key ${C}/client-p256.key.pem")
set(OSRV "openssl s_server -accept 127.0.0.1:0 -cert ${C}/server-p256.pem -key ${C}/server-p256.key.pem -cert_chain ${C}/int-ca.pem")
set(OCLI "openssl s_client -connect 127.0.0.1:@PORT@ -CAfile ${C}/root-ca.pem -servername localhost -verify_return_error -quiet -no_ign_eof")

function(tern_example_test name)
  add_test(NAME examples/${name} COMMAND ${ex_run} ${ARGN})
  set_tests_properties(examples/${name} PROPERTIES LABELS examples SKIP_RETURN_CODE 77 TIMEOUT 120)
endfunction()

# ---- the guide's four samples against each other --------------------------------
tern_example_test(guide-sockets
  --server "${B}/tls-server-sockets ${SRV} --count 2"
  --client "${B}/tls-client-sockets --port @PORT@ --ca ${C}/root-ca.pem --resume"
  --expect "^handshake: version TLS 1.2, suite TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, group x25519, chain verified"
  --expect "^resumed handshake: .*resumed yes"
  --expect "bytes received: hello from the seed API"
  --expect-server "bytes received: hello from the seed API")
tern_example_test(guide-sockets-nonblocking
  --server "${B}/tls-server-sockets ${SRV} --count 2 --nonblocking"
  --client "${B}/tls-client-sockets --port @PORT@ --ca ${C}/root-ca.pem --resume --nonblocking"
  --expect "^resumed handshake: .*resumed yes" --expect "bytes received: hello")
tern_example_test(guide-native
  --server "${B}/tls-server-native ${SRV} --count 2"
  --client "${B}/tls-client-native --port @PORT@ --ca ${C}/root-ca.pem --resume"
  --expect "^handshake: .*chain verified" --expect "^resumed handshake: .*resumed yes"
  --expect "bytes received: hello from the native interface")
tern_example_test(guide-native-client-to-sockets-server
  --server "${B}/tls-server-sockets ${SRV_RSA} --verify --ca ${C}/root-ca.pem"
  --client "${B}/tls-client-native --port @PORT@ --ca ${C}/root-ca.pem ${CLI}"
  --expect "suite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" --expect "bytes received: hello"
  --expect-server "chain verified \\(2 certificates\\)")
tern_example_test(guide-sockets-client-to-native-server
  --server "${B}/tls-server-native ${SRV} --verify --ca ${C}/root-ca.pem"
  --client "${B}/tls-client-sockets --port @PORT@ --ca ${C}/root-ca.pem ${CLI}"
  --expect "bytes received: hello" --expect-server "chain verified \\(2 certificates\\)")
tern_example_test(guide-wrong-name
  --server "${B}/tls-server-sockets ${SRV}"
  --client "${B}/tls-client-sockets --port @PORT@ --ca ${C}/root-ca.pem --name other.example"
  --client-rc 1 --expect "handshake: TLS_CERTIFICATE_ERR")
tern_example_test(guide-untrusted-server
  --server "${B}/tls-server-native --cert ${C}/server-untrusted.pem --key ${C}/server-untrusted.key.pem"
  --client "${B}/tls-client-native --port @PORT@ --ca ${C}/root-ca.pem"
  --client-rc 1 --expect "handshake failed: TLS_CERTIFICATE_ERR")

# ---- against OpenSSL ------------------------------------------------------------------
tern_example_test(openssl-server-sockets-client --needs openssl
  --server "${OSRV} -naccept 2 -rev"
  --client "${B}/tls-client-sockets --port @PORT@ --ca ${C}/root-ca.pem --resume"
  --expect "bytes received: IPA dees eht morf olleh" --expect "^resumed handshake: .*resumed yes")
tern_example_test(openssl-server-native-client --needs openssl
  --server "${OSRV} -naccept 2 -rev"
  --client "${B}/tls-client-native --port @PORT@ --ca ${C}/root-ca.pem --resume"
  --expect "bytes received: ecafretni evitan eht morf olleh" --expect "resumed yes")
tern_example_test(openssl-server-rsa-client-auth --needs openssl
  --server "openssl s_server -accept 127.0.0.1:0 -cert ${C}/server-rsa2048.pem -key ${C}/server-rsa2048.key.pem -cert_chain ${C}/int-ca.pem -Verify 2 -CAfile ${C}/root-ca.pem -verify_return_error -naccept 1 -rev"
  --client "${B}/tls-client-sockets --port @PORT@ --ca ${C}/root-ca.pem ${CLI}"
  --expect "suite TLS_ECDHE_RSA_WITH" --expect "bytes received: IPA dees")
tern_example_test(openssl-client-sockets-server --needs openssl
  --server "${B}/tls-server-sockets ${SRV}"
  --client "(echo hello-openssl && sleep 1) | ${OCLI}"
  --expect "^hello-openssl" --expect-server "bytes received: hello-openssl")
tern_example_test(openssl-client-native-server --needs openssl
  --server "${B}/tls-server-native ${SRV} --verify --ca ${C}/root-ca.pem"
  --client "(echo hello-native && sleep 1) | ${OCLI} -cert ${C}/client-p256.pem -key ${C}/client-p256.key.pem -cert_chain ${C}/int-ca.pem"
  --expect "^hello-native" --expect-server "chain verified \\(2 certificates\\)")

# ---- WICED style ------------------------------------------------------------------------
# A root CA bundle with another root, comments and a key around the real one.
set(BUNDLE "@TMP@/bundle.pem")
# (No ';' in test commands: CMake would split them into lists.)
set(MKBUNDLE "(echo 'Bag Attributes: a comment' && cat ${C}/other-root.pem && echo junk between blocks && cat ${C}/other-root.key.pem ${C}/root-ca.pem && echo trailing text) > ${BUNDLE}")
tern_example_test(wiced
  --setup "${MKBUNDLE}"
  --server "${B}/wiced-server ${SRV}"
  --client "${B}/wiced-client --port @PORT@ --ca ${BUNDLE} --message WWEP-hello"
  --expect "root CA certificates: 2" --expect "secure reply: WWEP-hello"
  --expect-server "request: WWEP-hello")
tern_example_test(wiced-verify-client
  --setup "${MKBUNDLE}"
  --server "${B}/wiced-server ${SRV} --client-ca ${BUNDLE}"
  --client "${B}/wiced-client --port @PORT@ --ca ${BUNDLE} --cert ${C}/chain-client-p256.pem --key ${C}/client-p256.key.pem"
  --expect "secure reply: WWEP request" --expect-server "chain verified \\(2 certificates\\)")
tern_example_test(wiced-verify-client-refused
  --server "${B}/wiced-server ${SRV} --client-ca ${C}/root-ca.pem"
  --client "${B}/wiced-client --port @PORT@ --ca ${C}/root-ca.pem"
  --client-rc 1 --expect "secure (connection|exchange) failed"
  --expect-server "secure accept failed")
tern_example_test(wiced-dual
  --server "${B}/wiced-dual-server ${SRV} --count 2"
  --client "${B}/wiced-client --port @PORT@ --ca ${C}/root-ca.pem --message secure-hi"
  --client "${B}/wiced-client --port @PORT2@ --plain --message plain-hi"
  --expect "secure reply: secure-hi" --expect "insecure reply: plain-hi"
  --expect-server "secure request: secure-hi" --expect-server "insecure request: plain-hi")
tern_example_test(wiced-client-openssl-server --needs openssl
  --server "${OSRV} -naccept 1 -rev"
  --client "${B}/wiced-client --port @PORT@ --ca ${C}/root-ca.pem --message abc"
  --expect "secure reply: cba")
tern_example_test(wiced-server-openssl-client --needs openssl
  --server "${B}/wiced-server ${SRV_RSA}"
  --client "(echo wiced-rsa && sleep 1) | ${OCLI}"
  --expect "^wiced-rsa" --expect-server "suite TLS_ECDHE_RSA_WITH")

# ---- Tibbo style ---------------------------------------------------------------------------
tern_example_test(tibbo
  --server "${B}/tls-server-sockets ${SRV} --count 2"
  --client "${B}/tibbo-client --port @PORT@ --ca ${C}/root-ca.pem --no-name --second"
  --expect "tlshandshake\\(\"\"\\): TLS_OK" --expect "state: PL_SST_EST_TLS"
  --expect "second socket tlshandshake: TLS_FULL_ERR" --expect "reply: tibbo says hi")
tern_example_test(tibbo-openssl-server --needs openssl
  --server "${OSRV} -naccept 1 -rev"
  --client "${B}/tibbo-client --port @PORT@ --ca ${C}/root-ca.pem --name localhost --message xyz"
  --expect "reply: zyx")

# ---- 001 style (tern's own API) ---------------------------------------------------------------
tern_example_test(nb001
  --server "${B}/wiced-server ${SRV}"
  --client "${B}/tls001-client --port @PORT@ --ca ${C}/root-ca.pem"
  --expect "status WAIT_READ" --expect "getPeerCertChain: [0-9]+ bytes of PEM, starts with a certificate"
  --expect "verifyCertificate: OK" --expect "reply: net.TLS says hello")
tern_example_test(nb001-untrusted
  --server "${B}/wiced-server ${SRV}"
  --client "${B}/tls001-client --port @PORT@ --ca ${C}/other-root.pem"
  --client-rc 1 --expect "verifyCertificate: certificate not trusted")
tern_example_test(nb001-openssl-server --needs openssl
  --server "${OSRV} -naccept 1 -rev"
  --client "${B}/tls001-client --port @PORT@ --ca ${C}/root-ca.pem --message 001"
  --expect "verifyCertificate: OK" --expect "reply: 100")

# ---- make demo ----------------------------------------------------------------------------
add_test(NAME examples/demo COMMAND sh ${PROJECT_SOURCE_DIR}/tools/demo.sh ${PROJECT_BINARY_DIR})
set_tests_properties(examples/demo PROPERTIES LABELS examples TIMEOUT 120
  PASS_REGULAR_EXPRESSION "demo OK: full and resumed")
