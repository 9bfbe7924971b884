#!/usr/bin/env python3
"""Checks of tern-client and tern-server beyond the interop matrix: the
error messages for bad flags and files (exit status 2 and the tern error
code name), and the flags the matrix does not use: -echo, -alpn, -msg,
-keylogfile (compared with OpenSSL's key log of the same connection),
-reconnect, -verify_hostname, -no_verify, -Verify without a client
certificate, -dcert/-dkey selection, -groups.

Every process has a time limit and is killed when it overruns. Prints one
line per check and ends with "tools: N passed, N failed".
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TIMEOUT = 10.0
REQUEST = b"GET / HTTP/1.0\r\n\r\n"

results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))
    print("%-58s %s%s" % (name, "ok" if cond else "FAIL", "" if cond else "  " + detail))


def run(argv, stdin=b"", timeout=TIMEOUT):
    try:
        p = subprocess.run(argv, input=stdin, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8",
                                                                                  "replace")
    except subprocess.TimeoutExpired as e:
        return -999, "", "timed out (killed): %s" % e


class Server:
    """A server in its own process group; port from its ACCEPT line."""

    def __init__(self, argv, workdir, name):
        self.out_path = os.path.join(workdir, name + ".out")
        self.err_path = os.path.join(workdir, name + ".err")
        with open(self.out_path, "wb") as o, open(self.err_path, "wb") as e:
            self.p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=o, stderr=e,
                                      start_new_session=True)
        deadline = time.monotonic() + 5
        self.port = None
        while time.monotonic() < deadline and self.p.poll() is None:
            m = re.search(r"ACCEPT \S*:(\d+)", self.out())
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(0.01)
        if self.port is None:
            self.kill()

    def out(self):
        with open(self.out_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def err(self):
        with open(self.err_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def wait(self, timeout=5.0):
        try:
            return self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return -999

    def kill(self):
        if self.p.poll() is None:
            try:
                os.killpg(self.p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.p.wait()


def summaries(text, prog):
    found = []
    for line in text.splitlines():
        if line.startswith(prog + ": handshake "):
            found.append(dict(kv.split("=", 1) for kv in line.split()[2:] if "=" in kv))
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--certs", required=True)
    a = ap.parse_args()
    cli = os.path.abspath(os.path.join(a.bin, "tern-client"))
    srv = os.path.abspath(os.path.join(a.bin, "tern-server"))
    C = lambda n: os.path.join(os.path.abspath(a.certs), n)
    work = tempfile.mkdtemp(prefix="tern-tools-")
    openssl = shutil.which("openssl")
    srv_p256 = ["-cert", C("chain-server-p256.pem"), "-key", C("server-p256.key.pem")]
    srv_rsa = ["-dcert", C("chain-server-rsa2048.pem"), "-dkey", C("server-rsa2048.key.pem")]

    # ---- usage errors: exit 2 and the error code name -------------------------------
    bad = os.path.join(work, "garbage.pem")
    with open(bad, "w") as f:
        f.write("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    usage_cases = [
        ("client: unknown flag", [cli, "-bogus"], "TERN_ERR_BAD_ARG"),
        ("client: flag without its value", [cli, "-connect"], "TERN_ERR_BAD_ARG"),
        ("client: bad -connect", [cli, "-connect", "nohostport"], "TERN_ERR_BAD_ARG"),
        ("client: unknown suite", [cli, "-CAfile", C("root-ca.pem"), "-cipher", "TLS_FOO"],
         "TERN_ERR_BAD_ARG"),
        ("client: unknown group", [cli, "-CAfile", C("root-ca.pem"), "-groups", "P-256:foo"],
         "TERN_ERR_BAD_ARG"),
        ("client: empty ALPN name", [cli, "-CAfile", C("root-ca.pem"), "-alpn", "h2,,x"],
         "TERN_ERR_BAD_ARG"),
        ("client: -maxfraglen not a power of two",
         [cli, "-CAfile", C("root-ca.pem"), "-maxfraglen", "1000"], "TERN_ERR_BAD_ARG"),
        ("client: unreadable -CAfile", [cli, "-CAfile", os.path.join(work, "none.pem")],
         "TERN_ERR_NOT_FOUND"),
        ("client: -CAfile without certificates", [cli, "-CAfile", C("client-p256.key.pem")],
         "TERN_ERR_NOT_FOUND"),
        ("server: no -cert", [srv], "TERN_ERR_BAD_ARG"),
        ("server: bad -naccept", [srv] + srv_p256 + ["-naccept", "x"], "TERN_ERR_BAD_ARG"),
        ("server: -Verify without -CAfile", [srv] + srv_p256 + ["-Verify", "1"],
         "TERN_ERR_BAD_ARG"),
        ("server: malformed key", [srv, "-cert", C("chain-server-p256.pem"), "-key", bad],
         "TERN_ERR_ASN1"),
        ("server: key of another certificate",
         [srv, "-cert", C("chain-server-p256.pem"), "-key", C("server-rsa2048.key.pem")],
         "TERN_ERR_BAD_KEY"),
        ("server: certificate file is a key", [srv, "-cert", C("server-p256.key.pem")],
         "TERN_ERR_NOT_FOUND"),
        ("client: -psk not hex", [cli, "-CAfile", C("root-ca.pem"), "-psk", "12zz"],
         "TERN_ERR_BAD_ARG"),
        ("client: -psk of odd length", [cli, "-CAfile", C("root-ca.pem"), "-psk", "123"],
         "TERN_ERR_BAD_ARG"),
        ("server: -psk longer than 64 bytes", [srv, "-psk", "ab" * 65], "TERN_ERR_BAD_ARG"),
        ("server: -psk_hint too long", [srv, "-psk", "abcd", "-psk_hint", "h" * 129],
         "TERN_ERR_BAD_ARG"),
    ]
    for name, argv, code in usage_cases:
        rc, out, err = run(argv)
        check(name, rc == 2 and code in err, "exit %d, stderr: %s" % (rc, err.strip()))

    # ---- tern-client <-> tern-server ------------------------------------------------
    klc, kls = os.path.join(work, "client.keys"), os.path.join(work, "server.keys")
    s = Server([srv, "-accept", "127.0.0.1:0", "-naccept", "1", "-echo", "-quiet", "-tls1_2",
                "-alpn", "h2,http/1.1", "-keylogfile", kls, "-msg",
                # a P-384 certificate: with only P-384 offered, a P-256 one
                # would not do (RFC 8422 5.1)
                "-cert", C("chain-server-p384.pem"), "-key", C("server-p384.key.pem")],
               work, "echo")
    rc, out, err = run([cli, "-connect", "127.0.0.1:%s" % s.port, "-CAfile", C("root-ca.pem"),
                        "-servername", "localhost", "-alpn", "http/1.1",
                        "-keylogfile", klc, "-msg", "-groups", "P-384"], b"hello tern\n")
    src = s.wait()
    cs, ss = summaries(err, "tern-client"), summaries(s.err(), "tern-server")
    check("-echo: data comes back", rc == 0 and out == "hello tern\n" and src == 0,
          "client %d %r / server %d: %s" % (rc, out, src, s.err()[-300:]))
    check("-alpn: both agree on http/1.1",
          cs and ss and cs[0].get("alpn") == "http/1.1" and ss[0].get("alpn") == "http/1.1",
          "%s / %s" % (cs, ss))
    check("-groups P-384: used", cs and cs[0].get("group") == "secp384r1", str(cs))
    check("-msg: both trace the handshake",
          ">>> Handshake [length" in err and "ClientHello" in err and
          "<<< Handshake [length" in s.err() and "Finished" in s.err(), err[-300:])
    try:
        kc, ks = open(klc).read().split(), open(kls).read().split()
    except OSError as e:
        kc, ks = [], [str(e)]
    check("-keylogfile: one CLIENT_RANDOM line each, identical",
          len(kc) == 3 and kc[0] == "CLIENT_RANDOM" and kc == ks, "%r / %r" % (kc, ks))

    # -reconnect: five resumed connections after the first
    s = Server([srv, "-accept", "127.0.0.1:0", "-naccept", "6", "-www", "-quiet"] + srv_p256,
               work, "reconnect")
    rc, out, err = run([cli, "-connect", "127.0.0.1:%s" % s.port, "-CAfile", C("root-ca.pem"),
                        "-servername", "localhost", "-reconnect", "-quiet"], REQUEST)
    src = s.wait()
    cs = summaries(err, "tern-client")
    check("-reconnect: 1 full + 5 resumed handshakes",
          rc == 0 and src == 0 and len(cs) == 6 and cs[0].get("resumed") == "no" and
          all(c.get("resumed") == "yes" for c in cs[1:]) and "Reused, TLS 1.2" in out,
          "exit %d/%d, %d summaries: %s" % (rc, src, len(cs), err[-300:]))

    # -dcert: an RSA suite picks the RSA credential; -verify_hostname; -no_verify
    s = Server([srv, "-accept", "127.0.0.1:0", "-naccept", "4", "-www", "-quiet"] + srv_p256 +
               srv_rsa, work, "dcert")
    rc, out, err = run([cli, "-connect", "127.0.0.1:%s" % s.port, "-CAfile", C("root-ca.pem"),
                        "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-quiet"], REQUEST)
    cs = summaries(err, "tern-client")
    check("-dcert/-dkey: RSA suite served with the RSA certificate",
          rc == 0 and cs and cs[0].get("suite") == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" and
          cs[0].get("sig", "").startswith("rsa_") and cs[0].get("verified") == "yes",
          err[-300:])
    rc, out, err = run([cli, "-connect", "127.0.0.1:%s" % s.port, "-CAfile", C("root-ca.pem"),
                        "-verify_hostname", "other.example", "-quiet"], REQUEST)
    check("-verify_hostname other.example: refused",
          rc == 1 and "TERN_ERR_CERT_NAME_MISMATCH" in err and "200 ok" not in out, err[-300:])
    rc, out, err = run([cli, "-connect", "127.0.0.1:%s" % s.port, "-CAfile", C("root-ca.pem"),
                        "-servername", "other.example", "-verify_hostname", "localhost",
                        "-quiet"], REQUEST)
    cs = summaries(err, "tern-client")
    check("-servername other.example -verify_hostname localhost: ok",
          rc == 0 and cs and cs[0].get("sni") == "other.example" and
          cs[0].get("verified") == "yes", err[-300:])
    rc, out, err = run([cli, "-connect", "127.0.0.1:%s" % s.port, "-CAfile", C("other-root.pem"),
                        "-quiet"], REQUEST)
    check("untrusted server: refused (TERN_ERR_CERT_NOT_TRUSTED)",
          rc == 1 and "TERN_ERR_CERT_NOT_TRUSTED" in err, err[-300:])
    s.kill()
    s = Server([srv, "-accept", "127.0.0.1:0", "-naccept", "1", "-www", "-quiet",
                "-cert", C("chain-server-untrusted.pem"), "-key", C("server-untrusted.key.pem")],
               work, "untrusted")
    rc, out, err = run([cli, "-connect", "127.0.0.1:%s" % s.port, "-no_verify", "-quiet"],
                       REQUEST)
    cs = summaries(err, "tern-client")
    check("-no_verify: untrusted server accepted",
          rc == 0 and "200 ok" in out and cs and cs[0].get("verified") == "no", err[-300:])
    s.wait()

    # -Verify: a client without a certificate is refused, the server says so
    s = Server([srv, "-accept", "127.0.0.1:0", "-naccept", "1", "-www", "-quiet", "-Verify", "1",
                "-CAfile", C("root-ca.pem")] + srv_p256, work, "verify")
    rc, out, err = run([cli, "-connect", "127.0.0.1:%s" % s.port, "-CAfile", C("root-ca.pem"),
                        "-quiet"], REQUEST)
    src = s.wait()
    check("-Verify 1 without a client certificate: both fail",
          rc == 1 and src == 1 and "TERN_ERR" in s.err() and "1 failed" in s.err(),
          "exit %d/%d: %s" % (rc, src, s.err()[-300:]))

    # the key log matches OpenSSL's for the same connection
    if openssl is None:
        check("-keylogfile agrees with openssl s_server", True, "")
        print("  (skipped: openssl not installed)")
    else:
        klo = os.path.join(work, "openssl.keys")
        s = Server([openssl, "s_server", "-accept", "127.0.0.1:0", "-naccept", "1", "-www",
                    "-tls1_2", "-cert", C("server-p256.pem"), "-cert_chain", C("int-ca.pem"),
                    "-key", C("server-p256.key.pem"), "-keylogfile", klo], work, "openssl")
        kl2 = os.path.join(work, "client2.keys")
        rc, out, err = run([cli, "-connect", "127.0.0.1:%s" % s.port, "-CAfile",
                            C("root-ca.pem"), "-quiet", "-keylogfile", kl2], REQUEST)
        s.wait()
        try:
            ko = [l.split() for l in open(klo) if l.startswith("CLIENT_RANDOM")]
            kt = [l.split() for l in open(kl2)]
        except OSError as e:
            ko, kt = [], [str(e)]
        check("-keylogfile agrees with openssl s_server", rc == 0 and ko and ko == kt,
              "%r / %r" % (ko, kt))

    shutil.rmtree(work, ignore_errors=True)
    npass = sum(1 for r in results if r[1])
    print("tools: %d passed, %d failed" % (npass, len(results) - npass))
    return 0 if npass == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
