#!/usr/bin/env python3
"""Interop matrix: tern-client and tern-server against real TLS peers over
loopback.

For every peer (OpenSSL's s_server/s_client, GnuTLS's gnutls-serv/gnutls-cli,
and the Mbed TLS and wolfSSL test peers in tests/interop/peers/) and both
roles (tern as the client, tern as the server) it runs one case per cipher
suite, one per group the client offers alone (P-256, P-384), client
authentication with a P-256 and an RSA-2048 chain, resumption by session ID
and by ticket, a 256 KiB download, and a peer that has TLS 1.3 enabled. Each case starts a server, runs the client(s) against it, and checks
both sides: exit status, the handshake summary tern prints (suite, resumed),
and the application data that came back.

Every process runs with a time limit and is killed (with its process group)
when it overruns; a case whose process had to be killed fails. Ports: servers
bind port 0 and print the port they got, except gnutls-serv, which is given
a port found free just before and is retried on another one if it cannot
bind it.

Output: a matrix peer x role x case -> pass / FAIL / skip, the details of each
failure, the reasons of the skips, and the last line
    interop: N passed, N failed, N skipped
Exit status 0 only when nothing failed. A full log of every command and its
output goes to --log.
"""

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

# IANA name, key type of the server certificate, short column name,
# OpenSSL name, GnuTLS cipher and key exchange priority names.
SUITES = [
    ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ecdsa", "E-A128GCM",
     "ECDHE-ECDSA-AES128-GCM-SHA256", "AES-128-GCM"),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ecdsa", "E-A256GCM",
     "ECDHE-ECDSA-AES256-GCM-SHA384", "AES-256-GCM"),
    ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ecdsa", "E-CHACHA",
     "ECDHE-ECDSA-CHACHA20-POLY1305", "CHACHA20-POLY1305"),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CCM", "ecdsa", "E-CCM",
     "ECDHE-ECDSA-AES128-CCM", "AES-128-CCM"),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "ecdsa", "E-CCM8",
     "ECDHE-ECDSA-AES128-CCM8", "AES-128-CCM-8"),
    ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "rsa", "R-A128GCM",
     "ECDHE-RSA-AES128-GCM-SHA256", "AES-128-GCM"),
    ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "rsa", "R-A256GCM",
     "ECDHE-RSA-AES256-GCM-SHA384", "AES-256-GCM"),
    ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "rsa", "R-CHACHA",
     "ECDHE-RSA-CHACHA20-POLY1305", "CHACHA20-POLY1305"),
    # CBC suites (wip/cbc): the GnuTLS entry pins the MAC too; tern-server
    # gets them with -cipher (CBC is off by default); encrypt_then_mac is
    # expected where the peer negotiates it by default (CBC_ETM_PEERS)
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ecdsa", "E-A128CBC",
     "ECDHE-ECDSA-AES128-SHA", "AES-128-CBC:-MAC-ALL:+SHA1"),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ecdsa", "E-A256CBC",
     "ECDHE-ECDSA-AES256-SHA", "AES-256-CBC:-MAC-ALL:+SHA1"),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ecdsa", "E-A128CBC256",
     "ECDHE-ECDSA-AES128-SHA256", "AES-128-CBC:-MAC-ALL:+SHA256"),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ecdsa", "E-A256CBC384",
     "ECDHE-ECDSA-AES256-SHA384", "AES-256-CBC:-MAC-ALL:+SHA384"),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "rsa", "R-A128CBC",
     "ECDHE-RSA-AES128-SHA", "AES-128-CBC:-MAC-ALL:+SHA1"),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "rsa", "R-A256CBC",
     "ECDHE-RSA-AES256-SHA", "AES-256-CBC:-MAC-ALL:+SHA1"),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "rsa", "R-A128CBC256",
     "ECDHE-RSA-AES128-SHA256", "AES-128-CBC:-MAC-ALL:+SHA256"),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "rsa", "R-A256CBC384",
     "ECDHE-RSA-AES256-SHA384", "AES-256-CBC:-MAC-ALL:+SHA384"),
    # key exchanges beyond ECDHE (docs/kx.md): static RSA, DHE_RSA, PSK,
    # ECDHE_PSK, DHE_PSK
    ("TLS_RSA_WITH_AES_128_GCM_SHA256", "rsa", "RSA-A128GCM",
     "AES128-GCM-SHA256", "AES-128-GCM"),
    ("TLS_RSA_WITH_AES_256_GCM_SHA384", "rsa", "RSA-A256GCM",
     "AES256-GCM-SHA384", "AES-256-GCM"),
    ("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "rsa", "DHE-A128GCM",
     "DHE-RSA-AES128-GCM-SHA256", "AES-128-GCM"),
    ("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "rsa", "DHE-A256GCM",
     "DHE-RSA-AES256-GCM-SHA384", "AES-256-GCM"),
    ("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "rsa", "DHE-CHACHA",
     "DHE-RSA-CHACHA20-POLY1305", "CHACHA20-POLY1305"),
    ("TLS_PSK_WITH_AES_128_GCM_SHA256", "psk", "PSK-A128GCM",
     "PSK-AES128-GCM-SHA256", "AES-128-GCM"),
    ("TLS_PSK_WITH_AES_256_GCM_SHA384", "psk", "PSK-A256GCM",
     "PSK-AES256-GCM-SHA384", "AES-256-GCM"),
    ("TLS_PSK_WITH_AES_128_CCM", "psk", "PSK-CCM",
     "PSK-AES128-CCM", "AES-128-CCM"),
    ("TLS_PSK_WITH_AES_128_CCM_8", "psk", "PSK-CCM8",
     "PSK-AES128-CCM8", "AES-128-CCM-8"),
    ("TLS_PSK_WITH_AES_256_CCM_8", "psk", "PSK256-CCM8",
     "PSK-AES256-CCM8", "AES-256-CCM-8"),
    ("TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", "psk", "PSK-CHACHA",
     "PSK-CHACHA20-POLY1305", "CHACHA20-POLY1305"),
    ("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "psk", "EPSK-CHACHA",
     "ECDHE-PSK-CHACHA20-POLY1305", "CHACHA20-POLY1305"),
    ("TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "psk", "DPSK-A128GCM",
     "DHE-PSK-AES128-GCM-SHA256", "AES-128-GCM"),
    # the same key exchanges with CBC and 3DES records (named on both
    # sides; OpenSSL needs @SECLEVEL=0 for static RSA and PSK)
    ("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "rsa", "RSA-3DES",
     "DES-CBC3-SHA", "3DES-CBC:-MAC-ALL:+SHA1"),
    ("TLS_RSA_WITH_AES_128_CBC_SHA", "rsa", "RSA-A128CBC",
     "AES128-SHA", "AES-128-CBC:-MAC-ALL:+SHA1"),
    ("TLS_RSA_WITH_AES_128_CBC_SHA256", "rsa", "RSA-A128CBC256",
     "AES128-SHA256", "AES-128-CBC:-MAC-ALL:+SHA256"),
    ("TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", "rsa", "DHE-3DES",
     "EDH-RSA-DES-CBC3-SHA", "3DES-CBC:-MAC-ALL:+SHA1"),
    ("TLS_PSK_WITH_AES_128_CBC_SHA256", "psk", "PSK-A128CBC256",
     "PSK-AES128-CBC-SHA256", "AES-128-CBC:-MAC-ALL:+SHA256"),
    ("TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", "psk", "EPSK-A128CBC256",
     "ECDHE-PSK-AES128-CBC-SHA256", "AES-128-CBC:-MAC-ALL:+SHA256"),
    # RSA_PSK (RFC 4279 4): the RSA certificate and a PSK, named on both
    # sides (never a default); the columns of RSAPSK_NO_HINT run without
    # an identity hint (no ServerKeyExchange), the others with one
    ("TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", "rsapsk", "RPSK-A128GCM",
     "RSA-PSK-AES128-GCM-SHA256", "AES-128-GCM"),
    ("TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", "rsapsk", "RPSK-A256GCM",
     "RSA-PSK-AES256-GCM-SHA384", "AES-256-GCM"),
    ("TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256", "rsapsk", "RPSK-CHACHA",
     "RSA-PSK-CHACHA20-POLY1305", "CHACHA20-POLY1305"),
    ("TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", "rsapsk", "RPSK-A128CBC256",
     "RSA-PSK-AES128-CBC-SHA256", "AES-128-CBC:-MAC-ALL:+SHA256"),
    ("TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", "rsapsk", "RPSK-A256CBC384",
     "RSA-PSK-AES256-CBC-SHA384", "AES-256-CBC:-MAC-ALL:+SHA384"),
    ("TLS_RSA_PSK_WITH_AES_128_CBC_SHA", "rsapsk", "RPSK-A128CBC",
     "RSA-PSK-AES128-CBC-SHA", "AES-128-CBC:-MAC-ALL:+SHA1"),
    ("TLS_RSA_PSK_WITH_AES_256_CBC_SHA", "rsapsk", "RPSK-A256CBC",
     "RSA-PSK-AES256-CBC-SHA", "AES-256-CBC:-MAC-ALL:+SHA1"),
    ("TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA", "rsapsk", "RPSK-3DES",
     "RSA-PSK-3DES-EDE-CBC-SHA", "3DES-CBC:-MAC-ALL:+SHA1"),
]
RSAPSK_NO_HINT = ("RPSK-A256GCM", "RPSK-A128CBC")
# GnuTLS key exchange priority name by column prefix (the ECDHE columns
# take it from the certificate kind).
GNUTLS_KX = [("RSA-", "RSA"), ("DHE-", "DHE-RSA"), ("PSK", "PSK"), ("EPSK-", "ECDHE-PSK"),
             ("DPSK-", "DHE-PSK"), ("RPSK-", "RSA-PSK")]
# The pre-shared key of the PSK columns (16 bytes, hex) and its identity
# (OpenSSL's default one).
PSK_HEX = "1a2b3c4d5e6f708192a3b4c5d6e7f809"
PSK_ID = "Client_identity"


def gnutls_kx(k):
    for prefix, kx in GNUTLS_KX:
        if k.suite[2].startswith(prefix):
            return kx
    return "ECDHE-ECDSA" if k.suite[1] == "ecdsa" else "ECDHE-RSA"
CBC_ETM_PEERS = ("openssl", "gnutls", "mbedtls", "wolfssl")
SUITE_BY_COL = {s[2]: s for s in SUITES}
EXTRA_CASES = ["P-256", "P-384", "clientauth", "auth-rsa", "resume-id", "resume-ticket", "bulk",
               "maxfrag-1k", "tls13-peer", "heartbeat", "reneg", "reneg-refused", "cbc-mte"]
ALL_CASES = [s[2] for s in SUITES] + EXTRA_CASES
# TLS 1.0 / 1.1 with CBC suites: only for tools built with TERN_CONFIG_TLS10
# and TERN_CONFIG_TLS11 (tests/legacy/tests.cmake runs them with --cases)
LEGACY_CASES = ["tls1.0", "tls1.1", "tls1.0-mte", "tls1.0-rpsk", "tls1.1-rpsk"]
# --quick: a subset for slow builds (one suite per AEAD family and key
# type, client auth and both resumptions); tests.cmake runs the whole
# matrix in both the plain and the sanitizer build.
QUICK_CASES = ["E-A128GCM", "E-CCM8", "R-CHACHA", "clientauth", "resume-id", "resume-ticket"]
PEERS = ["openssl", "gnutls", "mbedtls", "wolfssl"]
ROLES = ["tern-client", "tern-server"]

# Time limits (seconds).
READY_TIMEOUT = 5.0    # a server must be listening by then
CLIENT_TIMEOUT = 10.0  # one client run
SERVER_TIMEOUT = 5.0   # a server with a connection count must exit by then

REQUEST = b"GET / HTTP/1.0\r\n\r\n"
BULK_SIZE = 1 << 18  # the "bulk" case: a 256 KiB file, 16 full records (gnutls-cli
#                      writes what it receives a byte at a time: keep it small)


class CaseError(Exception):
    pass


class Skip(Exception):
    pass


class Proc:
    """A process in its own process group, output to files, killed on
    overrun."""

    def __init__(self, ctx, name, argv, stdin_data=None):
        self.ctx = ctx
        self.name = name
        self.argv = argv
        self.out_path = os.path.join(ctx.dir, name + ".out")
        self.err_path = os.path.join(ctx.dir, name + ".err")
        self.killed = False
        stdin = subprocess.DEVNULL
        if stdin_data is not None:
            in_path = os.path.join(ctx.dir, name + ".in")
            with open(in_path, "wb") as f:
                f.write(stdin_data)
            stdin = open(in_path, "rb")
        ctx.log("$ " + " ".join(argv))
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.p = subprocess.Popen(argv, stdin=stdin, stdout=out, stderr=err,
                                      cwd=ctx.dir, start_new_session=True)
        if stdin is not subprocess.DEVNULL:
            stdin.close()
        ctx.procs.append(self)

    def out(self):
        return self.out_bytes().decode("utf-8", "replace")

    def out_bytes(self):
        with open(self.out_path, "rb") as f:
            return f.read()

    def err(self):
        with open(self.err_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def kill(self):
        if self.p.poll() is None:
            self.killed = True
            try:
                os.killpg(self.p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.p.wait()

    def stop(self):
        """Ends a server that runs until told (gnutls-serv)."""
        if self.p.poll() is None:
            try:
                os.killpg(self.p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.p.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.kill()

    def wait(self, timeout):
        try:
            return self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise CaseError("%s did not finish within %.0f s (killed)" % (self.name, timeout))

    def wait_for(self, pattern, timeout):
        """Waits until stdout or stderr matches pattern; returns the match."""
        deadline = time.monotonic() + timeout
        rx = re.compile(pattern)
        while True:
            m = rx.search(self.out()) or rx.search(self.err())
            if m:
                return m
            if self.p.poll() is not None:
                m = rx.search(self.out()) or rx.search(self.err())
                if m:
                    return m
                raise CaseError("%s exited (status %d) before it was ready"
                                % (self.name, self.p.returncode))
            if time.monotonic() > deadline:
                self.kill()
                raise CaseError("%s not ready within %.0f s (killed)" % (self.name, timeout))
            time.sleep(0.01)


class Ctx:
    """What one case owns: a directory, its processes, its log."""

    def __init__(self, cfg, peer, role, case):
        self.cfg = cfg
        self.peer, self.role, self.case = peer, role, case
        self.dir = tempfile.mkdtemp(prefix="%s-%s-%s-" % (peer, role, case), dir=cfg.workdir)
        self.procs = []
        self.lines = []

    def log(self, line):
        self.lines.append(line)

    def cert(self, name):
        return os.path.join(self.cfg.certs, name)

    def cleanup(self):
        for p in self.procs:
            p.kill()
        for p in self.procs:
            self.log("--- %s: exit %s%s" % (p.name, p.p.returncode,
                                           " (killed)" if p.killed else ""))
            out, err = p.out(), p.err()
            if out.strip():
                self.log("stdout:\n" + out.rstrip())
            if err.strip():
                self.log("stderr:\n" + err.rstrip())


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def summaries(text, prog):
    """The key=value fields of every handshake summary line of prog."""
    found = []
    for line in text.splitlines():
        if line.startswith(prog + ": handshake "):
            found.append(dict(kv.split("=", 1) for kv in line.split()[2:] if "=" in kv))
    return found


def expect(cond, what):
    if not cond:
        raise CaseError(what)


# ---- what each case asks for ------------------------------------------------

class Params:
    """What a case asks for: the suite, the server's certificate, the
    client's certificate (client authentication), the one group the
    client offers, the kind of resumption."""

    def __init__(self, case):
        self.suite = SUITE_BY_COL.get(case, SUITES[0])
        self.leaf = "server-p256" if self.suite[1] == "ecdsa" else "server-rsa2048"
        self.psk = self.suite[1] == "psk"  # no certificates at all
        self.rsapsk = self.suite[1] == "rsapsk"  # the RSA certificate and a PSK
        # the server sends an identity hint (PSK suites; RSA_PSK but for
        # the RSAPSK_NO_HINT columns)
        self.hint = self.psk or (self.rsapsk and self.suite[2] not in RSAPSK_NO_HINT)
        self.auth = None    # client certificate name
        self.group = None   # IANA group name the client offers alone
        self.resume = None  # "id" / "ticket"
        self.bulk = None    # bytes the server sends (-WWW and the like)
        self.request = REQUEST
        self.any_version = False  # the peer may speak TLS 1.3 as well
        self.maxfrag = None       # the client asks for records this small
        self.heartbeat = case == "heartbeat"  # tern sends a request, the peer answers
        self.reneg = {"reneg": "yes", "reneg-refused": "refused"}.get(case)
        self.no_etm = False       # the peer refuses encrypt_then_mac (CBC)
        self.version = "1.2"      # the only version both sides allow
        if case == "clientauth":
            self.auth = "client-p256"
        elif case == "auth-rsa":
            # RSA on both sides: wolfSSL's server behind an ECDSA key asks
            # for ECDSA client certificates only
            self.auth = "client-rsa2048"
            self.suite = SUITE_BY_COL["R-A128GCM"]
            self.leaf = "server-rsa2048"
        elif case == "P-256":
            self.group = "secp256r1"
        elif case == "P-384":
            # a client offering only P-384 takes no P-256 certificate
            # (RFC 8422 5.1)
            self.group, self.leaf = "secp384r1", "server-p384"
        elif case.startswith("resume-"):
            self.resume = case.split("-")[1]
        elif case == "tls13-peer":
            self.any_version = True
        elif case in LEGACY_CASES:
            self.version = case[3:6]
            self.no_etm = case.endswith("-mte")
            self.suite = SUITE_BY_COL["R-A128CBC" if case == "tls1.0" else "E-A256CBC"]
            if case.endswith("-rpsk"):
                # RSA_PSK: the PRF of these versions takes the longer
                # pre-master secret whole (tests/rsa_psk/tests.cmake)
                self.suite = SUITE_BY_COL["RPSK-A128CBC" if case == "tls1.0-rpsk"
                                          else "RPSK-A256CBC"]
                self.rsapsk = True
                self.hint = self.suite[2] not in RSAPSK_NO_HINT
            self.leaf = "server-p256" if self.suite[1] == "ecdsa" else "server-rsa2048"
        elif case == "cbc-mte":
            # MAC-then-encrypt against a real peer (the Lucky Thirteen path)
            self.no_etm = True
            self.suite = SUITE_BY_COL["R-A256CBC384"]
            self.leaf = "server-rsa2048"
        elif case in ("bulk", "maxfrag-1k"):
            self.bulk = os.urandom(BULK_SIZE)
            self.request = b"GET /bulk.bin HTTP/1.0\r\n\r\n"
            if case == "maxfrag-1k":
                self.maxfrag = 1024
        self.conns = 2 if self.resume else 1


OPENSSL_GROUP = {"secp256r1": "P-256", "secp384r1": "P-384"}
GNUTLS_GROUP = {"secp256r1": "GROUP-SECP256R1", "secp384r1": "GROUP-SECP384R1"}


def check_tern_summary(s, prog, k, n):
    """The fields of tern's summary line that the case determines."""
    iana = k.suite[0]
    expect(s.get("version") == "TLS" + k.version, "%s negotiated %s" % (prog, s.get("version")))
    expect(s.get("suite") == iana, "%s negotiated %s" % (prog, s.get("suite")))
    resumed = k.resume is not None and n == 1
    expect(s.get("resumed") == ("yes" if resumed else "no"),
           "%s connection %d: resumed=%s, expected %s"
           % (prog, n + 1, s.get("resumed"), "yes" if resumed else "no"))
    if k.group and not resumed:
        expect(s.get("group") == k.group, "%s: group %s, expected %s"
               % (prog, s.get("group"), k.group))


# Peers that speak heartbeat (RFC 6520) / renegotiation (RFC 5746) in their
# command-line tools. OpenSSL 3 removed heartbeat; the Mbed TLS and wolfSSL
# test peers here have neither switch.
def feature_check(ctx, k):
    if k.heartbeat and ctx.peer != "gnutls":
        raise Skip("heartbeat: only GnuTLS's tools speak it (OpenSSL 3 removed it; "
                   "the test peers have no switch for it)")
    if k.reneg and ctx.peer not in ("openssl", "gnutls"):
        raise Skip("renegotiation: the %s test peer has no switch for it" % ctx.peer)
    if k.reneg == "refused" and (ctx.peer != "openssl" or ctx.role != "tern-client"):
        raise Skip("renegotiation refused: only s_server refuses it by default "
                   "(client-initiated, OpenSSL 3)")


def check_extras(text, prog, k):
    """tern's own report of the heartbeat / renegotiation (tools/common/extras.c)."""
    if k.heartbeat:
        expect("heartbeat: answered" in text, "%s: the peer did not answer the heartbeat"
               % prog)
    if k.reneg == "yes":
        expect("renegotiated: 1" in text, "%s did not renegotiate" % prog)
    elif k.reneg == "refused":
        expect("renegotiation refused by the peer" in text,
               "%s: the peer did not refuse the renegotiation" % prog)


def held_stdin(ctx, argv, data, seconds=2):
    """argv run with data on stdin that stays open a while: gnutls-cli
    closes as soon as stdin ends, before what tern does after the answer."""
    path = os.path.join(ctx.dir, "held-stdin.in")
    with open(path, "wb") as f:
        f.write(data)
    return ["sh", "-c", '(cat "$0"; sleep %d) | "$@"' % seconds, path] + argv
def version_flag(k):
    """The openssl / tern tool flag for the case's version."""
    return {"1.2": "-tls1_2", "1.1": "-tls1_1", "1.0": "-tls1"}[k.version]


def gnutls_version(k):
    return ":-VERS-ALL:+VERS-TLS" + k.version


def no_etm_check(ctx, k):
    if k.version != "1.2" and ctx.peer not in ("openssl", "gnutls"):
        raise Skip("the %s test peer speaks TLS 1.2 only" % ctx.peer)
    if k.no_etm and ctx.peer not in ("openssl", "gnutls"):
        raise Skip("the %s test peer has no switch to refuse encrypt_then_mac" % ctx.peer)


def is_cbc(k):
    return "_CBC_" in k.suite[0]


def check_etm(ctx, s, prog, k):
    """encrypt_then_mac (RFC 7366): never with an AEAD suite; with a CBC
    suite whenever the peer negotiates it by default."""
    if not is_cbc(k):
        expect(s.get("etm") == "no", "%s: encrypt_then_mac with an AEAD suite" % prog)
    elif k.no_etm:
        expect(s.get("etm") == "no", "%s: encrypt_then_mac although %s refused it"
               % (prog, ctx.peer))
    elif ctx.peer in CBC_ETM_PEERS:
        expect(s.get("etm") == "yes", "%s: encrypt_then_mac not negotiated with %s"
               % (prog, ctx.peer))


def openssl_suite_check(ctx, k):
    """Debian's OpenSSL 3 has no 3DES suites at any security level."""
    r = subprocess.run([ctx.cfg.openssl, "ciphers", k.suite[3] + ":@SECLEVEL=0"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        raise Skip("openssl: %s is not in this build's cipher list" % k.suite[3])


# ---- peer servers (tern is the client) ----------------------------------------

def peer_version_check(ctx, k):
    if k.any_version and ctx.peer == "mbedtls":
        raise Skip("Debian's Mbed TLS 2.28 is built without TLS 1.3 "
                   "(MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL is off)")


def peer_psk_args(ctx, k):
    """The PSK options of our own test peers."""
    if not (k.psk or k.rsapsk):
        return []
    return ["-psk", PSK_HEX, "-psk_identity", PSK_ID]


def write_bulk(ctx, k):
    path = os.path.join(ctx.dir, "bulk.bin")
    if k.bulk is not None:
        with open(path, "wb") as f:
            f.write(k.bulk)
    return path


def start_peer_server(ctx, k):
    """Starts the peer's server; returns (proc, port, counts_connections)."""
    cfg = ctx.cfg
    leaf = k.leaf
    bulk = write_bulk(ctx, k)
    if ctx.peer == "openssl":
        openssl_suite_check(ctx, k)
        argv = [cfg.openssl, "s_server", "-accept", "127.0.0.1:0", "-naccept", str(k.conns),
                "-WWW" if k.bulk else "-www",
                # CCM_8 sits at security level 0 in OpenSSL 3 (64-bit tag);
                # so do static RSA and the PSK suites
                "-cipher", "ALL:@SECLEVEL=0"]
        if cfg.dhparam:
            # RFC 7919 ffdhe2048: without a certificate OpenSSL's automatic
            # choice is a 1024-bit group, below tern's default policy
            argv += ["-dhparam", cfg.dhparam]
        if k.psk:
            argv += ["-nocert", "-psk", PSK_HEX, "-psk_hint", "tern-hint"]
        else:
            argv += ["-cert", ctx.cert(leaf + ".pem"), "-cert_chain", ctx.cert("int-ca.pem"),
                     "-key", ctx.cert(leaf + ".key.pem")]
        if k.rsapsk:
            argv += ["-psk", PSK_HEX] + (["-psk_hint", "tern-hint"] if k.hint else [])
        if not k.any_version:
            argv += [version_flag(k)]
        if k.no_etm:
            argv += ["-no_etm"]
        if k.auth:
            argv += ["-Verify", "1", "-CAfile", ctx.cert("root-ca.pem")]
        if k.resume == "id":
            argv += ["-no_ticket"]
        elif k.resume == "ticket":
            argv += ["-no_cache"]
        if k.reneg == "yes":
            argv += ["-client_renegotiation"]  # OpenSSL 3 refuses it by default
        p = Proc(ctx, "openssl-s_server", argv)
        m = p.wait_for(r"ACCEPT \S*:(\d+)", READY_TIMEOUT)
        return p, int(m.group(1)), True
    if ctx.peer == "gnutls":
        prio = ("NORMAL:+AES-128-CCM:+AES-128-CCM-8:+AES-256-CCM-8:+RSA:+DHE-RSA:+PSK"
                ":+ECDHE-PSK:+DHE-PSK:+RSA-PSK")
        if is_cbc(k):
            prio += ":+SHA256:+SHA384"  # NORMAL has HMAC-SHA1 only for CBC
        if "_3DES_" in k.suite[0]:
            prio += ":+3DES-CBC"  # not in NORMAL
        if k.no_etm:
            prio += ":%NO_ETM"
        if not k.any_version:
            prio += gnutls_version(k)
        last = None
        for attempt in range(4):
            port = free_port()
            # heartbeat: the echo server, which pings the client when it
            # receives "**HEARTBEAT**"
            argv = [cfg.gnutls_serv, "-p", str(port), "--echo" if k.heartbeat else "--http",
                    "--priority", prio]
            if k.psk or k.rsapsk:
                pskfile = os.path.join(ctx.dir, "psk.passwd")
                with open(pskfile, "w") as f:
                    f.write("%s:%s\n" % (PSK_ID, PSK_HEX))
                argv += ["--pskpasswd", pskfile] + (["--pskhint", "tern-hint"] if k.hint else [])
            if not k.psk:
                argv += ["--x509certfile", ctx.cert("chain-%s.pem" % leaf),
                         "--x509keyfile", ctx.cert(leaf + ".key.pem")]
            if k.auth:
                argv += ["--require-client-cert", "--x509cafile", ctx.cert("root-ca.pem")]
            if k.resume == "id":
                argv += ["--noticket"]
            elif k.resume == "ticket":
                argv += ["--nodb"]
            if k.bulk:
                argv += ["--httpdata=" + bulk]
            if k.heartbeat:
                argv += ["--heartbeat"]
            p = Proc(ctx, "gnutls-serv-%d" % attempt, argv)
            try:
                p.wait_for(r"IPv4 \S+ port %d\.\.\.done" % port, READY_TIMEOUT)
                return p, port, False
            except CaseError as e:  # probably lost the port to someone else
                last = e
                p.kill()
        raise CaseError("gnutls-serv could not listen: %s" % last)
    # our own test peers
    peer_version_check(ctx, k)
    no_etm_check(ctx, k)
    if ctx.peer == "wolfssl" and k.suite[2] == "DHE-3DES":
        raise Skip("wolfSSL's server cannot match TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA "
                   "(-501), against wolfssl-peer's own client as well")
    exe = cfg.peer_bin[ctx.peer]
    argv = [exe, "server", "-naccept", str(k.conns), "-cert", ctx.cert("chain-%s.pem" % leaf),
            "-key", ctx.cert(leaf + ".key.pem"), "-cipher", k.suite[0]] + peer_psk_args(ctx, k)
    if k.auth:
        argv += ["-Verify", "-CAfile", ctx.cert("root-ca.pem")]
    if k.resume == "id":
        argv += ["-no_tickets"]
    elif k.resume == "ticket":
        argv += ["-no_cache"]
    if k.bulk:
        argv += ["-file", bulk]
    if k.any_version:
        argv += ["-any_version"]
    if ctx.peer == "wolfssl" and cfg.dhparam:
        argv += ["-dhparam", cfg.dhparam]
    p = Proc(ctx, ctx.peer + "-peer-server", argv)
    try:
        m = p.wait_for(r"ACCEPT (\d+)", READY_TIMEOUT)
    except CaseError:
        if p.p.returncode == 3:
            raise Skip("%s: %s" % (ctx.peer, p.err().strip().splitlines()[-1]))
        raise
    return p, int(m.group(1)), True


def run_tern_client(ctx, port, k, n):
    argv = [ctx.cfg.tern_client, "-connect", "127.0.0.1:%d" % port, "-servername", "localhost",
            "-CAfile", ctx.cert("root-ca.pem"), "-cipher", k.suite[0], version_flag(k), "-quiet"]
    if k.psk or k.rsapsk:
        argv += ["-psk", PSK_HEX, "-psk_identity", PSK_ID]
    if k.auth:
        argv += ["-cert", ctx.cert("chain-%s.pem" % k.auth),
                 "-key", ctx.cert(k.auth + ".key.pem")]
    if k.group:
        argv += ["-groups", k.group]
    if k.maxfrag:
        argv += ["-maxfraglen", str(k.maxfrag)]
    if k.heartbeat:
        argv += ["-heartbeat"]
    if k.reneg:
        argv += ["-reneg"]
    sess = os.path.join(ctx.dir, "session.bin")
    if k.resume == "id":
        argv += ["-no_ticket"]
    if k.resume:
        argv += ["-sess_out" if n == 0 else "-sess_in", sess]
    echo_hb = k.heartbeat and ctx.peer == "gnutls"
    if echo_hb:
        # gnutls-serv --echo pings us on "**HEARTBEAT**" and never closes:
        # tern-client closes when stdin ends (no -quiet), traced (-msg)
        argv = [a for a in argv if a != "-quiet"] + ["-msg"]
        p = Proc(ctx, "tern-client-%d" % n, held_stdin(ctx, argv, b"**HEARTBEAT**\n"))
    else:
        p = Proc(ctx, "tern-client-%d" % n, argv, k.request)
    rc = p.wait(CLIENT_TIMEOUT)
    out, err = p.out(), p.err()
    expect(rc == 0, "tern-client exited with %d: %s" % (rc, last_line(err)))
    sums = summaries(err, "tern-client")
    expect(len(sums) == 1, "tern-client printed %d handshake summaries" % len(sums))
    s = sums[0]
    check_tern_summary(s, "tern-client", k, n)
    check_extras(err, "tern-client", k)
    check_etm(ctx, s, "tern-client", k)
    if echo_hb:
        expect(re.search(r"<<< Heartbeat \[length \w+\], HeartbeatRequest", err) and
               re.search(r">>> Heartbeat \[length \w+\], HeartbeatResponse", err) and
               "Successfully executed command" in out,
               "tern-client did not answer gnutls-serv's heartbeat request")
        return out
    expect(re.search(r"HTTP/1\.[01] 200", out, re.I), "no HTTP answer from the server came back")
    if k.bulk:
        expect(k.bulk in p.out_bytes(), "the %d bytes the server sent did not come out intact"
               % len(k.bulk))
    if not (k.resume and n == 1) and not k.psk:
        expect(s.get("verified") == "yes", "tern-client did not verify the server")
    if k.leaf == "server-p384":
        # TLS 1.2 ECDSA schemes name the hash only: a P-384 key may sign
        # with SHA-256 (0x0403)
        expect(s.get("sig", "").startswith("ecdsa_"),
               "tern-client: server signature %s with a P-384 key" % s.get("sig"))
    return out


def tern_client_case(ctx):
    k = Params(ctx.case)
    feature_check(ctx, k)
    server, port, counts = start_peer_server(ctx, k)
    outs = [run_tern_client(ctx, port, k, n) for n in range(k.conns)]
    if k.heartbeat and ctx.peer == "gnutls":
        err = server.err()
        expect("No heartbeat" not in err and "ping:" not in err,
               "gnutls-serv: its heartbeat request failed: %s" % last_line(err))
    if ctx.peer == "openssl" and not k.bulk:
        # s_server's status page says what it saw
        expect("Cipher is %s" % k.suite[3] in outs[0],
               "s_server reports another suite than %s" % k.suite[3])
        if k.resume:
            expect("Reused," in outs[1], "s_server did not report the session as reused")
        if k.auth:
            expect("no client certificate available" not in outs[0],
                   "s_server saw no client certificate")
    if counts:
        rc = server.wait(SERVER_TIMEOUT)
        expect(rc == 0, "%s exited with %d: %s" % (server.name, rc, last_line(server.err())))
    else:
        server.stop()


# ---- peer clients (tern is the server) ------------------------------------------

def start_tern_server(ctx, k):
    if k.leaf == "server-p384":
        creds = ["-cert", ctx.cert("chain-server-p384.pem"),
                 "-key", ctx.cert("server-p384.key.pem")]
    else:
        creds = ["-cert", ctx.cert("chain-server-p256.pem"),
                 "-key", ctx.cert("server-p256.key.pem")]
    # the RSA credential beside: the engine picks by the client's offer
    creds += ["-dcert", ctx.cert("chain-server-rsa2048.pem"),
              "-dkey", ctx.cert("server-rsa2048.key.pem")]
    if k.psk:
        # PSK only: no credential at all
        creds = ["-psk", PSK_HEX, "-psk_hint", "tern-hint"]
    if k.suite[2].startswith("RSA-"):
        # static RSA is used only when a suite list names it
        creds += ["-cipher", k.suite[0]]
    if k.rsapsk:
        # RSA_PSK: the RSA credential beside and a PSK; named, like static RSA
        creds += ["-psk", PSK_HEX, "-cipher", k.suite[0]]
        if k.hint:
            creds += ["-psk_hint", "tern-hint"]
    if ctx.peer == "wolfssl" and k.suite[2].startswith("EPSK-"):
        # wolfSSL 5.5's client offers x25519 but cannot take it in an
        # ECDHE_PSK ServerKeyExchange ("Bad ECC Peer Key"); ECDHE_RSA with
        # x25519 works, so this is theirs
        creds += ["-groups", "secp256r1"]
    write_bulk(ctx, k)
    argv = [ctx.cfg.tern_server, "-accept", "127.0.0.1:0", "-naccept", str(k.conns),
            version_flag(k), "-WWW" if k.bulk else "-www", "-quiet"] + creds
    if is_cbc(k):
        argv += ["-cipher", k.suite[0]]  # CBC suites are off by default
    if k.auth:
        argv += ["-Verify", "1", "-CAfile", ctx.cert("root-ca.pem")]
    if k.resume == "id":
        argv += ["-no_tickets"]
    elif k.resume == "ticket":
        argv += ["-no_cache"]
    if k.heartbeat:
        argv += ["-heartbeat"]
    if k.reneg:
        argv += ["-reneg"]
    p = Proc(ctx, "tern-server", argv)
    m = p.wait_for(r"ACCEPT \S*:(\d+)", READY_TIMEOUT)
    return p, int(m.group(1))


def gnutls_priority(k):
    iana, kind, _, _, cipher = k.suite
    prio = "NORMAL:-CIPHER-ALL:+%s:-KX-ALL:+%s" % (cipher, gnutls_kx(k))
    if not k.any_version:  # else TLS 1.3 stays on beside 1.2
        prio += gnutls_version(k)
    if k.group:
        prio += ":-GROUP-ALL:+" + GNUTLS_GROUP[k.group]
    if k.resume == "id":
        prio += ":%NO_TICKETS"
    if k.no_etm:
        prio += ":%NO_ETM"
    return prio


def run_peer_clients(ctx, port, k):
    """Runs the peer's client for the case; returns the outputs that came
    back."""
    iana, kind, _, ossl, _ = k.suite
    cfg = ctx.cfg
    root = ctx.cert("root-ca.pem")
    if ctx.peer == "openssl":
        openssl_suite_check(ctx, k)
        outs = []
        sess = os.path.join(ctx.dir, "session.pem")
        for n in range(k.conns):
            argv = [cfg.openssl, "s_client", "-connect", "127.0.0.1:%d" % port,
                    "-servername", "localhost", "-cipher", ossl + ":@SECLEVEL=0", "-ign_eof"]
            if k.psk or k.rsapsk:
                argv += ["-psk", PSK_HEX, "-psk_identity", PSK_ID]
            if not k.psk:
                argv += ["-verify_hostname", "localhost", "-CAfile", root,
                         "-verify_return_error"]
            if not k.any_version:
                argv += [version_flag(k)]
            if k.no_etm:
                argv += ["-no_etm"]
            if k.auth:
                argv += ["-cert", ctx.cert(k.auth + ".pem"),
                         "-cert_chain", ctx.cert("int-ca.pem"),
                         "-key", ctx.cert(k.auth + ".key.pem")]
            if k.group:
                argv += ["-groups", OPENSSL_GROUP[k.group]]
            if k.maxfrag:
                argv += ["-maxfraglen", str(k.maxfrag)]
            if k.resume == "id":
                argv += ["-no_ticket"]
            if k.resume:
                argv += ["-sess_out" if n == 0 else "-sess_in", sess]
            p = Proc(ctx, "openssl-s_client-%d" % n, argv, k.request)
            rc = p.wait(CLIENT_TIMEOUT)
            out = p.out()
            expect(rc == 0, "s_client exited with %d: %s" % (rc, last_line(p.err())))
            if not k.psk:
                expect("Verify return code: 0 (ok)" in out,
                       "s_client did not verify tern-server")
            if k.resume:
                expect(("Reused," if n == 1 else "New,") in out,
                       "s_client: connection %d was %s" % (n + 1, "not resumed" if n else
                                                           "resumed"))
            outs.append(p.out_bytes())
        return outs
    if ctx.peer == "gnutls":
        if k.psk and gnutls_kx(k) in ("ECDHE-PSK", "DHE-PSK"):
            raise Skip("gnutls-cli 3.7.9 crashes (SIGSEGV) after ECDHE-PSK / DHE-PSK "
                       "handshakes, against gnutls-serv as well")
        argv = [cfg.gnutls_cli, "127.0.0.1", "-p", str(port), "--sni-hostname", "localhost",
                "--priority", gnutls_priority(k)]
        if k.psk or k.rsapsk:
            argv += ["--pskusername", PSK_ID, "--pskkey", PSK_HEX]
        if not k.psk:
            argv += ["--verify-hostname", "localhost", "--x509cafile", root]
        if k.auth:
            argv += ["--x509certfile", ctx.cert("chain-%s.pem" % k.auth),
                     "--x509keyfile", ctx.cert(k.auth + ".key.pem")]
        if k.resume:
            argv += ["--resume"]
        if k.maxfrag:
            argv += ["--recordsize=%d" % k.maxfrag]  # record_size_limit (RFC 8449)
        if k.heartbeat:
            argv += ["--heartbeat"]
        if k.heartbeat or k.reneg:
            p = Proc(ctx, "gnutls-cli", held_stdin(ctx, argv, k.request))
        else:
            p = Proc(ctx, "gnutls-cli", argv, k.request)
        rc = p.wait(CLIENT_TIMEOUT)
        out = p.out() + p.err()
        expect(rc == 0, "gnutls-cli exited with %d: %s" % (rc, last_line(p.err())))
        if k.resume:
            expect("This is a resumed session" in out, "gnutls-cli did not resume")
        return [p.out_bytes()]
    peer_version_check(ctx, k)
    no_etm_check(ctx, k)
    exe = cfg.peer_bin[ctx.peer]
    argv = [exe, "client", "-connect", "127.0.0.1:%d" % port, "-servername", "localhost",
            "-CAfile", root, "-cipher", iana] + peer_psk_args(ctx, k)
    if k.any_version:
        argv += ["-any_version"]
    if k.auth:
        argv += ["-cert", ctx.cert("chain-%s.pem" % k.auth),
                 "-key", ctx.cert(k.auth + ".key.pem")]
    if k.group:
        argv += ["-groups", k.group]
    if k.resume:
        argv += ["-resume"]
    if k.resume == "id":
        argv += ["-no_tickets"]
    if k.bulk:
        argv += ["-get", "/bulk.bin"]
    if k.maxfrag:
        argv += ["-maxfrag", str(k.maxfrag)]
    p = Proc(ctx, ctx.peer + "-peer-client", argv)
    rc = p.wait(CLIENT_TIMEOUT)
    if rc == 3:
        raise Skip("%s: %s" % (ctx.peer, last_line(p.err())))
    expect(rc == 0, "%s-peer exited with %d: %s" % (ctx.peer, rc, last_line(p.err())))
    return [p.out_bytes()]


def tern_server_case(ctx):
    k = Params(ctx.case)
    feature_check(ctx, k)
    iana = k.suite[0]
    server, port = start_tern_server(ctx, k)
    outs = run_peer_clients(ctx, port, k)
    rc = server.wait(SERVER_TIMEOUT)
    err = server.err()
    expect(rc == 0, "tern-server exited with %d: %s" % (rc, last_line(err)))
    sums = summaries(err, "tern-server")
    expect(len(sums) == k.conns, "tern-server printed %d handshake summaries, expected %d"
           % (len(sums), k.conns))
    for n, s in enumerate(sums):
        check_tern_summary(s, "tern-server", k, n)
        check_etm(ctx, s, "tern-server", k)
    check_extras(err, "tern-server", k)
    if k.auth:
        s = sums[0]
        key = "ecdsa_" if k.auth == "client-p256" else "rsa_"
        expect(s.get("peer_certs") == "2" and s.get("verified") == "yes",
               "tern-server did not verify a two-certificate client chain (peer_certs=%s "
               "verified=%s)" % (s.get("peer_certs"), s.get("verified")))
        expect(s.get("sig", "").startswith(key),
               "tern-server: client signature %s with a %s key" % (s.get("sig"), k.auth))
    if k.bulk:
        expect(all(k.bulk in o for o in outs),
               "the %d bytes tern-server sent did not come out intact" % len(k.bulk))
    else:
        expect(any(("Cipher is %s" % iana).encode() in o for o in outs),
               "no status page naming %s came back from tern-server" % iana)


# ---- running the matrix -------------------------------------------------------------

def last_line(text):
    """The most telling line of a program's stderr: tern's first error
    line (it names the error code), else the last line."""
    lines = [l for l in text.strip().splitlines() if l.strip()]
    for l in lines:
        if "TERN_ERR_" in l:
            return l
    return lines[-1] if lines else "(no output)"


def run_case(cfg, peer, role, case):
    if cfg.deadline is not None and time.monotonic() > cfg.deadline:
        return ("fail", "not run: the matrix went over its time budget", [])
    missing = cfg.missing.get(peer)
    if missing:
        return ("skip", missing, [])
    ctx = Ctx(cfg, peer, role, case)
    t0 = time.monotonic()
    try:
        if role == "tern-client":
            tern_client_case(ctx)
        else:
            tern_server_case(ctx)
        status, detail = "pass", ""
    except Skip as e:
        status, detail = "skip", str(e)
    except CaseError as e:
        status, detail = "fail", str(e)
    except Exception as e:  # a bug in this script is a failure too
        status, detail = "fail", "harness error: %r" % (e,)
    ctx.cleanup()
    ctx.log("=== %s %s %s: %s %s (%.2f s)" % (peer, role, case, status, detail,
                                            time.monotonic() - t0))
    return (status, detail, ctx.lines)


def which(name):
    for d in os.environ.get("PATH", "").split(os.pathsep):
        p = os.path.join(d, name)
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="directory with tern-client and tern-server")
    ap.add_argument("--certs", required=True, help="the test PKI (tests/data/certs)")
    ap.add_argument("--peer-bin", default=None, help="directory with mbedtls-peer, wolfssl-peer")
    ap.add_argument("--jobs", type=int, default=2, help="cases run in parallel")
    ap.add_argument("--quick", action="store_true", help="a smaller subset of the cases")
    ap.add_argument("--peers", default=",".join(PEERS))
    ap.add_argument("--cases", default=None, help="comma-separated case names")
    ap.add_argument("--budget", type=float, default=170.0,
                    help="seconds after which cases not started yet fail")
    ap.add_argument("--log", default=None, help="full log of every command and its output")
    cfg = ap.parse_args()

    cfg.tern_client = os.path.abspath(os.path.join(cfg.bin, "tern-client"))
    cfg.tern_server = os.path.abspath(os.path.join(cfg.bin, "tern-server"))
    for exe in (cfg.tern_client, cfg.tern_server):
        if not os.access(exe, os.X_OK):
            print("interop: %s is missing (build it first)" % exe)
            return 1
    cfg.certs = os.path.abspath(cfg.certs)
    cfg.openssl = which("openssl")
    cfg.gnutls_serv = which("gnutls-serv")
    cfg.gnutls_cli = which("gnutls-cli")
    peer_dir = os.path.abspath(cfg.peer_bin) if cfg.peer_bin else None
    cfg.peer_bin = {}
    cfg.missing = {}
    if cfg.openssl is None:
        cfg.missing["openssl"] = "openssl not installed (tools/ensure-deps.sh installs it)"
    if cfg.gnutls_serv is None or cfg.gnutls_cli is None:
        cfg.missing["gnutls"] = "gnutls-bin not installed (tools/ensure-deps.sh installs it)"
    for lib in ("mbedtls", "wolfssl"):
        exe = os.path.join(peer_dir or "", lib + "-peer")
        if peer_dir and os.access(exe, os.X_OK):
            cfg.peer_bin[lib] = exe
        else:
            cfg.missing[lib] = ("%s-peer not built (lib%s-dev was not found at configure time)"
                                % (lib, lib))

    cfg.dhparam = None
    if cfg.openssl is not None:
        # the DHE server group for OpenSSL's and wolfSSL's servers
        dh = os.path.join(tempfile.gettempdir(), "tern-interop-ffdhe2048-%d.pem" % os.getpid())
        r = subprocess.run([cfg.openssl, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt",
                            "group:ffdhe2048", "-out", dh], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        if r.returncode == 0:
            cfg.dhparam = dh

    peers = [p for p in cfg.peers.split(",") if p]
    cases = cfg.cases.split(",") if cfg.cases else (QUICK_CASES if cfg.quick else ALL_CASES)
    for c in cases:
        if c not in ALL_CASES and c not in LEGACY_CASES:
            print("interop: unknown case %s" % c)
            return 2
    t_start = time.monotonic()
    cfg.deadline = t_start + cfg.budget if cfg.budget > 0 else None

    jobs = [(p, r, c) for p in peers for r in ROLES for c in cases]
    results = {}
    logs = []
    with tempfile.TemporaryDirectory(prefix="tern-interop-") as work:
        cfg.workdir = work
        with ThreadPoolExecutor(max_workers=max(1, cfg.jobs)) as pool:
            futs = {pool.submit(run_case, cfg, *j): j for j in jobs}
            for fut, j in futs.items():
                status, detail, lines = fut.result()
                results[j] = (status, detail)
                logs.append("\n".join(lines))
    elapsed = time.monotonic() - t_start

    if cfg.dhparam:
        os.unlink(cfg.dhparam)
    if cfg.log:
        with open(cfg.log, "w") as f:
            f.write("\n\n".join(logs) + "\n")

    # the matrix
    colw = max(len(c) for c in cases) + 1
    title = "interop matrix%s (%d cases, %.1f s)" % (" (subset)" if cfg.quick else "",
                                                   len(jobs), elapsed)
    print(title)
    print("%-8s %-12s" % ("peer", "tern role") + "".join(c.rjust(colw) for c in cases))
    for p in peers:
        for r in ROLES:
            cells = []
            for c in cases:
                st = results[(p, r, c)][0]
                cells.append({"pass": "pass", "fail": "FAIL", "skip": "skip"}[st].rjust(colw))
            print("%-8s %-12s" % (p, r) + "".join(cells))
    print("columns:")
    for su in SUITES:
        if su[2] in cases:
            print("  %-13s %s%s" % (su[2], su[0], " (no identity hint)"
                                    if su[2] in RSAPSK_NO_HINT else ""))
    legend = {
        "P-256": "the client offers only secp256r1",
        "P-384": "the client offers only secp384r1, P-384 server certificate",
        "clientauth": "client certificate chain (P-256) required",
        "auth-rsa": "client certificate chain (RSA-2048) required, RSA server certificate, "
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "resume-id": "a second connection resumes by session ID",
        "resume-ticket": "a second connection resumes by RFC 5077 ticket",
        "bulk": "the server sends a 256 KiB file (16 full records)",
        "maxfrag-1k": "the same with records of at most 1 KiB, asked for by the client "
                      "(max_fragment_length; gnutls-cli: record_size_limit)",
        "tls13-peer": "the peer has TLS 1.3 enabled beside 1.2; TLS 1.2 is agreed",
        "heartbeat": "heartbeat negotiated (RFC 6520); tern sends a request after the "
                     "handshake (client) or after its HTTP answer (server) and the peer "
                     "responds; as the client, tern also answers gnutls-serv's request",
        "reneg": "secure renegotiation (RFC 5746) started by tern: ClientHello (client) "
                 "or HelloRequest (server), then data under the new keys",
        "reneg-refused": "the peer refuses tern's renegotiation (no_renegotiation "
                         "warning); the connection goes on",
        "tls1.0": "TLS 1.0 (legacy build), TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "tls1.1": "TLS 1.1 (legacy build), TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "tls1.0-mte": "TLS 1.0, MAC-then-encrypt, TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "tls1.0-rpsk": "TLS 1.0 (legacy build), TLS_RSA_PSK_WITH_AES_128_CBC_SHA, no hint",
        "tls1.1-rpsk": "TLS 1.1 (legacy build), TLS_RSA_PSK_WITH_AES_256_CBC_SHA, with a hint",
        "cbc-mte": "MAC-then-encrypt: the peer refuses encrypt_then_mac, "
                   "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
    }
    for c in EXTRA_CASES + LEGACY_CASES:
        if c in cases:
            print("  %-13s %s%s" % (c, legend[c], "" if c in ["auth-rsa", "cbc-mte"] + LEGACY_CASES else
                                    " (%s)" % SUITES[0][0]))
    failed = [(j, d) for j, (s, d) in results.items() if s == "fail"]
    skipped = [(j, d) for j, (s, d) in results.items() if s == "skip"]
    if failed:
        print("failures:")
        for (p, r, c), d in failed:
            print("  %s %s %s: %s" % (p, r, c, d))
    if skipped:
        # one line per reason
        print("skips:")
        by_reason = {}
        for (p, r, c), d in skipped:
            by_reason.setdefault(d, []).append("%s %s %s" % (p, r, c))
        for d, which_cases in by_reason.items():
            shown = which_cases[0] if len(which_cases) == 1 else "%d cases" % len(which_cases)
            print("  %s: %s" % (shown, d))
    if failed and cfg.log:
        print("full log: %s" % cfg.log)
    npass = sum(1 for s, _ in results.values() if s == "pass")
    print("interop: %d passed, %d failed, %d skipped" % (npass, len(failed), len(skipped)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
