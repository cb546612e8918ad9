"""A real RFC 3161 time-stamp authority on 127.0.0.1: ``openssl ts -reply`` behind http.server.

``make_pki`` creates, with the ``openssl`` command, a root CA, a TSA certificate
(critical extendedKeyUsage timeStamping), a TSA certificate that expired in 2021 and a
web-server certificate (serverAuth, no timeStamping). The TSA config has no ``certs =``
line, so replies carry only the signer's certificate.

:class:`LocalTsa` answers each POSTed query according to ``mode``:

- ``ok``: ``openssl ts -reply`` signs the query as sent;
- ``garbage``: bytes that are no timestamp;
- ``wrong_nonce`` / ``wrong_imprint``: the query is altered (another nonce, another
  digest) before ``openssl ts -reply`` signs it, as a confused or replaying TSA would;
- ``expired``: signed by the expired TSA certificate;
- ``non_tsa``: the TSTInfo of a good reply re-signed with ``openssl cms -sign`` by the
  web-server certificate;
- ``multi_cert``: ``openssl ts -reply`` with ``certs =`` (OpenSSL 3.0 writes that SET OF
  certificates unsorted).
"""

from __future__ import annotations

import http.server
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

TS_CONFIG = """\
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {serial}
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
{certs_line}
"""

CA_CONFIG = """\
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = {dir}
database = $dir/index.txt
serial = $dir/serial
new_certs_dir = $dir
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = supplied
[ tsa_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
[ server_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
"""


@dataclass(frozen=True)
class Pki:
    folder: Path
    ca: Path
    tsa: Path
    tsa_key: Path
    expired: Path
    expired_key: Path
    web: Path
    web_key: Path
    config: Path
    multi_config: Path


def _run(*args: str | Path, cwd: Path) -> None:
    subprocess.run([str(a) for a in args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_pki(folder: Path) -> Pki:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "ca_db"
    db.mkdir()
    (db / "index.txt").write_text("")
    (db / "serial").write_text("1000\n")
    (folder / "ca.cnf").write_text(CA_CONFIG.format(dir=db))
    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes")
    _run("openssl", "req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "30",
         "-subj", "/CN=Evidence Vault Test Root CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)  # fmt: skip

    def issue(name: str, cn: str, extensions: str, *dates: str) -> None:
        _run("openssl", "req", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr",
             "-subj", f"/CN={cn}", cwd=folder)  # fmt: skip
        _run("openssl", "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem",
             "-keyfile", "ca.key", "-in", f"{name}.csr", "-out", f"{name}.pem",
             "-extensions", extensions, *dates, cwd=folder)  # fmt: skip

    issue("tsa", "Evidence Vault Test TSA", "tsa_ext", "-days", "10")
    issue("expired", "Expired Test TSA", "tsa_ext", "-startdate", "20200101000000Z",
          "-enddate", "20210101000000Z")  # fmt: skip
    issue("web", "Web Server", "server_ext", "-days", "10")
    (folder / "tsaserial").write_text("01\n")
    (folder / "chain.pem").write_bytes(
        (folder / "tsa.pem").read_bytes() + (folder / "ca.pem").read_bytes()
    )
    serial = folder / "tsaserial"
    (folder / "ts.cnf").write_text(TS_CONFIG.format(serial=serial, certs_line=""))
    (folder / "ts-multi.cnf").write_text(
        TS_CONFIG.format(serial=serial, certs_line=f"certs = {folder / 'chain.pem'}")
    )
    return Pki(
        folder=folder,
        ca=folder / "ca.pem",
        tsa=folder / "tsa.pem",
        tsa_key=folder / "tsa.key",
        expired=folder / "expired.pem",
        expired_key=folder / "expired.key",
        web=folder / "web.pem",
        web_key=folder / "web.key",
        config=folder / "ts.cnf",
        multi_config=folder / "ts-multi.cnf",
    )


# --- a few DER edits of a TimeStampReq (RFC 3161 §2.4.1) --------------------------------


def _tlv(data: bytes, at: int) -> tuple[int, int, int]:
    """(tag, start of value, end of value) of the DER element at ``at``."""
    tag, first = data[at], data[at + 1]
    if first < 0x80:
        return tag, at + 2, at + 2 + first
    count = first & 0x7F
    length = int.from_bytes(data[at + 2 : at + 2 + count], "big")
    return tag, at + 2 + count, at + 2 + count + length


def _children(data: bytes) -> list[tuple[int, bytes]]:
    out, at = [], 0
    while at < len(data):
        tag, start, end = _tlv(data, at)
        out.append((tag, data[start:end]))
        at = end
    return out


def _encode(tag: int, value: bytes) -> bytes:
    n = len(value)
    if n < 0x80:
        return bytes([tag, n]) + value
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + value


def altered_query(query: bytes, what: str) -> bytes:
    """The query with another nonce (``wrong_nonce``) or another digest (``wrong_imprint``)."""
    _, start, end = _tlv(query, 0)
    parts = _children(query[start:end])
    out = []
    for tag, original in parts:
        value = original
        if what == "wrong_imprint" and tag == 0x30:
            algorithm, digest = _children(original)
            flipped = digest[1][:-1] + bytes([digest[1][-1] ^ 1])
            value = _encode(algorithm[0], algorithm[1]) + _encode(0x04, flipped)
        elif what == "wrong_nonce" and tag == 0x02 and original != b"\x01":
            other = int.from_bytes(original, "big") + 1
            value = other.to_bytes(other.bit_length() // 8 + 1, "big")
        out.append(_encode(tag, value))
    return _encode(0x30, b"".join(out))


# --- the server -------------------------------------------------------------------------


class LocalTsa:
    """``openssl ts -reply`` served over HTTP on 127.0.0.1 (see the module docstring)."""

    def __init__(self, pki: Pki) -> None:
        self.pki = pki
        self.mode = "ok"
        self.requests = 0
        self.port = 0
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tsr"

    def start(self) -> LocalTsa:
        tsa = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                query = self.rfile.read(min(length, 1 << 16))
                tsa.requests += 1
                reply = tsa.answer(query)
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def answer(self, query: bytes) -> bytes:
        pki, mode = self.pki, self.mode
        if mode == "garbage":
            return b"<html>this is not a timestamp</html>"
        if mode in {"wrong_nonce", "wrong_imprint"}:
            query = altered_query(query, mode)
        signer, key, config = pki.tsa, pki.tsa_key, pki.config
        if mode == "expired":
            signer, key = pki.expired, pki.expired_key
        if mode == "multi_cert":
            config = pki.multi_config
        with tempfile.TemporaryDirectory(dir=pki.folder) as work:
            folder = Path(work)
            (folder / "q.tsq").write_bytes(query)
            _run("openssl", "ts", "-reply", "-config", config, "-queryfile", "q.tsq",
                 "-signer", signer, "-inkey", key, "-out", "r.tsr", cwd=folder)  # fmt: skip
            if mode != "non_tsa":
                return (folder / "r.tsr").read_bytes()
            return _resigned(folder, pki)


def _resigned(folder: Path, pki: Pki) -> bytes:
    """The TSTInfo of ``r.tsr`` signed anew (CMS) by the web-server certificate."""
    _run("openssl", "ts", "-reply", "-in", "r.tsr", "-token_out", "-out", "t.der", cwd=folder)
    _run("openssl", "cms", "-verify", "-noverify", "-inform", "DER", "-in", "t.der",
         "-out", "info.der", cwd=folder)  # fmt: skip
    _run("openssl", "cms", "-sign", "-binary", "-nodetach", "-econtent_type",
         "1.2.840.113549.1.9.16.1.4", "-md", "sha256", "-nosmimecap", "-signer", pki.web,
         "-inkey", pki.web_key, "-outform", "DER", "-in", "info.der", "-out", "f.der",
         cwd=folder)  # fmt: skip
    granted = _encode(0x30, _encode(0x02, b"\x00"))
    return _encode(0x30, granted + (folder / "f.der").read_bytes())
