"""The receive session's own certificate: made for one session, its key only in memory.

A fresh P-256 key and a self-signed certificate naming the address the session serves
on (as an IP or DNS subject alternative name). The phone cannot know this certificate
in advance, so its browser warns once; the SHA-256 fingerprint shown on the computer is
what the user can compare. Python's :mod:`ssl` loads a certificate chain from files
only: on Linux the PEM goes into an anonymous memory file (``memfd``) that never has a
name on any disk; elsewhere into a private temp file removed as soon as it is loaded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import os
import ssl
import tempfile
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

VALID_FOR = dt.timedelta(days=1)


@dataclass(frozen=True)
class SessionCertificate:
    """The PEM certificate, its SHA-256 fingerprint, and a server context using it."""

    cert_pem: bytes
    fingerprint: str  # "AB:CD:…", as browsers show it
    context: ssl.SSLContext


def make_certificate(host: str) -> SessionCertificate:
    """A certificate and TLS server context for ``host`` (an IP address or a name)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Evidence Vault receive")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + VALID_FOR)
        .add_extension(x509.SubjectAlternativeName([_alt_name(host)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    _load_chain(context, cert_pem + key_pem)
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()
    fingerprint = ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
    return SessionCertificate(cert_pem, fingerprint, context)


def _alt_name(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def _load_chain(context: ssl.SSLContext, pem: bytes) -> None:
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("evault-receive", 0)
        try:
            os.write(fd, pem)
            context.load_cert_chain(f"/proc/self/fd/{fd}")
        finally:
            os.close(fd)
        return
    handle, name = tempfile.mkstemp(suffix=".pem")  # mode 0600
    try:
        os.write(handle, pem)
        os.close(handle)
        context.load_cert_chain(name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
