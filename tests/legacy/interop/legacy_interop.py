#!/usr/bin/env python3
"""TLS 1.0 / 1.1 interop: the matrix of tests/interop/interop.py with the
tools of the legacy build (tests/legacy/tests.cmake), plus client
authentication and resumption at those versions.

It runs interop.py's own harness (same options, same output, same last line
"interop: N passed, N failed, N skipped") and adds these cases to its
TLS 1.0 / 1.1 ones (tls1.0, tls1.1, tls1.0-mte):

  tls1.0-auth-ec / -auth-rsa, tls1.1-auth-ec / -auth-rsa
      the server requires a client certificate (P-256 / RSA-2048 chain);
      both sides check it was sent, verified and signed for
  tls1.0-resume-id / -resume-tkt, tls1.1-resume-id / -resume-tkt
      a second connection resumes by session ID / by RFC 5077 ticket, at
      the version of the first (tern-client keeps the session with
      -sess_out / -sess_in, s_client likewise, gnutls-cli with --resume)

Each runs with the suite of its base case (tls1.0: ECDHE_RSA with
AES_128_CBC_SHA, tls1.1: ECDHE_ECDSA with AES_256_CBC_SHA) against every
peer that speaks TLS 1.0 / 1.1 (OpenSSL at @SECLEVEL=0, GnuTLS with
+VERS-TLS1.x); the other peers skip with their reason.
"""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "interop", os.path.join(HERE, "..", "..", "interop", "interop.py"))
io = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(io)

# case -> (base legacy case, client certificate, resumption), legend
CASES = {
    "tls1.0-auth-ec": ("tls1.0", "client-p256", None),
    "tls1.0-auth-rsa": ("tls1.0", "client-rsa2048", None),
    "tls1.1-auth-ec": ("tls1.1", "client-p256", None),
    "tls1.1-auth-rsa": ("tls1.1", "client-rsa2048", None),
    "tls1.0-resume-id": ("tls1.0", None, "id"),
    "tls1.0-resume-tkt": ("tls1.0", None, "ticket"),
    "tls1.1-resume-id": ("tls1.1", None, "id"),
    "tls1.1-resume-tkt": ("tls1.1", None, "ticket"),
}
LEGEND = {
    "auth-ec": "client certificate chain (P-256) required",
    "auth-rsa": "client certificate chain (RSA-2048) required",
    "resume-id": "a second connection resumes by session ID",
    "resume-tkt": "a second connection resumes by RFC 5077 ticket",
}

_BaseParams = io.Params


class Params(_BaseParams):
    """interop.Params of the base legacy case, with client
    authentication or resumption on top."""

    def __init__(self, case):
        if case not in CASES:
            _BaseParams.__init__(self, case)
            return
        base, auth, resume = CASES[case]
        _BaseParams.__init__(self, base)
        self.auth = auth
        self.resume = resume
        self.conns = 2 if resume else 1


_base_server_case = io.tern_server_case


def tern_server_case(ctx):
    """interop.tern_server_case, except for client authentication below
    TLS 1.2: the CertificateVerify there names no signature scheme (RFC
    4346 7.4.8), so tern-server reports sig=none where the TLS 1.2 case
    expects the scheme; what it checks instead is the verified chain."""
    k = Params(ctx.case)
    if ctx.case not in CASES or not k.auth:
        return _base_server_case(ctx)
    server, port = io.start_tern_server(ctx, k)
    outs = io.run_peer_clients(ctx, port, k)
    rc = server.wait(io.SERVER_TIMEOUT)
    err = server.err()
    io.expect(rc == 0, "tern-server exited with %d: %s" % (rc, io.last_line(err)))
    sums = io.summaries(err, "tern-server")
    io.expect(len(sums) == 1, "tern-server printed %d handshake summaries" % len(sums))
    s = sums[0]
    io.check_tern_summary(s, "tern-server", k, 0)
    io.check_etm(ctx, s, "tern-server", k)
    io.expect(s.get("peer_certs") == "2" and s.get("verified") == "yes",
              "tern-server did not verify a two-certificate client chain (peer_certs=%s "
              "verified=%s)" % (s.get("peer_certs"), s.get("verified")))
    io.expect(s.get("sig") == "none",
              "tern-server: a TLS %s client signature reported as %s" % (k.version, s.get("sig")))
    io.expect(any(("Cipher is %s" % k.suite[0]).encode() in o for o in outs),
              "no status page naming %s came back from tern-server" % k.suite[0])


def main():
    io.Params = Params
    io.tern_server_case = tern_server_case
    io.ALL_CASES = io.ALL_CASES + list(CASES)
    # the new columns, before interop.py's matrix (its last line stays last)
    asked = []
    for i, a in enumerate(sys.argv):
        if a == "--cases" and i + 1 < len(sys.argv):
            asked = sys.argv[i + 1].split(",")
        elif a.startswith("--cases="):
            asked = a.split("=", 1)[1].split(",")
    shown = [c for c in CASES if c in asked]
    if shown:
        print("TLS 1.0 / 1.1 client authentication and resumption columns:")
        for c in shown:
            base = CASES[c][0]
            extra = c[len(base) + 1:]
            print("  %-18s TLS %s, %s, %s" % (c, base[3:], LEGEND[extra],
                                             io.SUITE_BY_COL["R-A128CBC" if base == "tls1.0"
                                                             else "E-A256CBC"][0]))
        sys.stdout.flush()
    return io.main()


if __name__ == "__main__":
    sys.exit(main())
