"""Ask a time-stamp authority (RFC 3161) to stamp some bytes, and check what it answers.

The request (RFC 3161 §2.4.1) carries the SHA-256 imprint of the data, a fresh 64-bit
nonce and ``certReq`` so the TSA includes its certificate. It is POSTed as
``application/timestamp-query`` (RFC 3161 §3.4) with a short timeout. A reply is kept
only when every check passes, each failure named in one sentence:

- it parses as a TimeStampResp and its status is *granted* (§2.4.2);
- its TSTInfo nonce is ours and its imprint is SHA-256 of exactly our data (§2.4.2);
- the signer certificate is a TSA certificate: extendedKeyUsage present, critical and
  holding only id-kp-timeStamping (§2.3), valid at ``genTime``;
- the CMS signature verifies and the certificate chains to a trusted root (done by
  ``rfc3161-client``, which checks certificates at ``genTime``, not today).

``rfc3161-client`` parses strict DER. OpenSSL 3.0's ``openssl ts -reply`` with a
``certs =`` file writes the SET OF certificates unsorted, which it refuses; such a reply
is reported as unreadable and the next TSA is tried.
"""

from __future__ import annotations

import hashlib
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import rfc3161_client
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from vault.rfc3161.errors import (
    TsaError,
    TsaReplyError,
    TsaUnreachableError,
    TsaUntrustedError,
    TsaUrlError,
)

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/timestamp-query"
MAX_REPLY_BYTES = 256 * 1024
DEFAULT_TIMEOUT = 10.0
SHA256_OID = x509.ObjectIdentifier("2.16.840.1.101.3.4.2.1")


@dataclass(frozen=True)
class CheckedToken:
    """A reply that passed every check, with what was read from it."""

    response: bytes
    gen_time: datetime
    tsa_name: str
    serial: int
    nonce: int
    certificates: tuple[x509.Certificate, ...]  # as carried by the reply, signer first

    def chain_pem(self) -> str:
        return "".join(c.public_bytes(Encoding.PEM).decode("ascii") for c in self.certificates)


def check_url(url: str) -> str:
    """Return ``url`` if it is an http(s) URL with a host, else raise TsaUrlError."""
    try:
        parsed = urllib.parse.urlsplit(url.strip())
        host = parsed.hostname
    except ValueError:
        host = None
    if (
        host is None
        or parsed.scheme not in {"http", "https"}
        or any(c.isspace() for c in url.strip())
    ):
        raise TsaUrlError(f"{url!r} is not an http:// or https:// address of a time-stamp server.")
    return url.strip()


def request_timestamp(
    url: str,
    data: bytes,
    roots: list[x509.Certificate],
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> CheckedToken:
    """Have the TSA at ``url`` stamp ``data``; return the checked reply or raise TsaError."""
    request = (
        rfc3161_client.TimestampRequestBuilder()
        .data(data)
        .hash_algorithm(rfc3161_client.HashAlgorithm.SHA256)
        .cert_request(cert_request=True)
        .build()
    )
    reply = post(url, request.as_bytes(), timeout=timeout)
    nonce = request.nonce
    if nonce is None:  # the builder always sets one; keep the check honest anyway
        raise TsaReplyError("The timestamp request was built without a nonce.")
    return check_reply(reply, data, roots, nonce=nonce, source=url)


@dataclass(frozen=True)
class FirstAnswer:
    """What asking TSAs in turn gave: the first checked token and who gave it, if any."""

    url: str | None
    token: CheckedToken | None
    failures: tuple[str, ...]  # one sentence per TSA that was asked and gave none


def first_token(
    data: bytes,
    urls: Iterable[str],
    roots: list[x509.Certificate],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    budget: float | None = None,
) -> FirstAnswer:
    """Ask the TSAs at ``urls`` in order until one stamps ``data``; never raises for them.

    With ``budget`` (seconds), no further TSA is asked once less than a second of it is
    left, and each is given at most what remains.
    """
    deadline = None if budget is None else time.monotonic() + budget
    failures: list[str] = []
    for url in urls:
        wait = timeout
        if deadline is not None:
            left = deadline - time.monotonic()
            if left < 1:
                logger.info("no time left to ask further TSAs")
                break
            wait = min(timeout, left)
        try:
            return FirstAnswer(url, request_timestamp(url, data, roots, timeout=wait), (*failures,))
        except TsaError as error:
            logger.info("no timestamp from a TSA: %s", error.code)
            failures.append(str(error))
    return FirstAnswer(None, None, tuple(failures))


def post(url: str, body: bytes, *, timeout: float) -> bytes:
    """POST a request to the TSA and return at most MAX_REPLY_BYTES of its answer."""
    check_url(url)
    http_request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=body,
        headers={"Content-Type": CONTENT_TYPE, "Accept": "application/timestamp-reply"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(http_request, timeout=timeout) as answer:  # noqa: S310
            reply: bytes = answer.read(MAX_REPLY_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise TsaUnreachableError(
            f"The time-stamp server {url} answered HTTP {error.code} instead of a timestamp."
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise TsaUnreachableError(
            f"The time-stamp server {url} could not be reached ({reason})."
        ) from None
    if len(reply) > MAX_REPLY_BYTES:
        raise TsaReplyError(
            f"The time-stamp server {url} sent a reply too large to be a timestamp."
        )
    return reply


def check_reply(
    reply: bytes,
    data: bytes,
    roots: list[x509.Certificate],
    *,
    nonce: int | None,
    source: str,
) -> CheckedToken:
    """Check an RFC 3161 reply over ``data`` (see the module docstring); ``nonce`` if known."""
    response = parse_reply(reply, source)
    if response.status not in (
        rfc3161_client.PKIStatus.GRANTED,
        rfc3161_client.PKIStatus.GRANTED_WITH_MODS,
    ):
        text = "; ".join(response.status_string) or "no reason given"
        raise TsaReplyError(
            f"The time-stamp server {source} refused the request (status {response.status}: {text})."
        )
    info = response.tst_info
    if nonce is not None and info.nonce != nonce:
        raise TsaReplyError(
            f"The reply from {source} carries another nonce than the request: it answers a "
            "different request."
        )
    imprint = info.message_imprint
    if imprint.hash_algorithm != SHA256_OID or imprint.message != hashlib.sha256(data).digest():
        raise TsaReplyError(
            f"The reply from {source} stamps other data than what was sent (its message "
            "imprint differs)."
        )
    certificates = _certificates(response, source)
    signer = certificates[0]
    _check_tsa_certificate(signer, info.gen_time, source)
    if not roots:
        raise TsaUntrustedError(f"No trusted root is known to check the reply from {source}.")
    builder = rfc3161_client.VerifierBuilder()
    # The builder refuses a certificate given twice ("already present"): a root the user
    # added for a TSA may also be in the system store, or be asked for again by name.
    for root in unique_certificates(roots):
        builder = builder.add_root_certificate(root)
    for cert in unique_certificates(certificates[1:]):
        builder = builder.add_intermediate_certificate(cert)
    try:
        builder.build().verify(response, imprint.message)
    except rfc3161_client.VerificationError as error:
        raise TsaUntrustedError(
            f"The signature of the reply from {source} does not verify up to a trusted root "
            f"({error})."
        ) from None
    return CheckedToken(
        response=reply,
        gen_time=info.gen_time,
        tsa_name=subject_name(signer),
        serial=info.serial_number,
        nonce=info.nonce,
        certificates=tuple(certificates),
    )


def unique_certificates(certs: Iterable[x509.Certificate]) -> list[x509.Certificate]:
    """``certs`` in order without repeats (the same DER bytes count once)."""
    seen: set[bytes] = set()
    unique = []
    for cert in certs:
        der = cert.public_bytes(Encoding.DER)
        if der not in seen:
            seen.add(der)
            unique.append(cert)
    return unique


def parse_reply(reply: bytes, source: str) -> rfc3161_client.TimeStampResponse:
    try:
        return rfc3161_client.decode_timestamp_response(reply)
    except ValueError as error:
        if "InvalidSetOrdering" in str(error):
            raise TsaReplyError(
                f"The reply from {source} lists its certificates in an order that is not "
                "strict DER, which this version cannot read; another TSA will be tried."
            ) from None
        raise TsaReplyError(f"The reply from {source} is not an RFC 3161 timestamp.") from None


def subject_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = names[0].value if names else cert.subject.rfc4514_string()
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def _certificates(
    response: rfc3161_client.TimeStampResponse, source: str
) -> list[x509.Certificate]:
    """The reply's certificates, the one that signed (per SignerInfo) first."""
    try:
        certs = [x509.load_der_x509_certificate(c) for c in response.signed_data.certificates]
        signer_infos = list(response.signed_data.signer_infos)
    except ValueError:
        raise TsaReplyError(f"The reply from {source} carries a damaged certificate.") from None
    if len(signer_infos) != 1:
        raise TsaReplyError(f"The reply from {source} does not have exactly one signer.")
    signer_info = signer_infos[0]
    signer = [
        c
        for c in certs
        if c.issuer == signer_info.issuer and c.serial_number == signer_info.serial_number
    ]
    if not signer:
        raise TsaReplyError(
            f"The reply from {source} does not include the certificate that signed it."
        )
    return [signer[0], *(c for c in certs if c is not signer[0])]


def _check_tsa_certificate(cert: x509.Certificate, gen_time: datetime, source: str) -> None:
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        eku = None
    except ValueError:
        raise TsaReplyError(f"The certificate of {source} has damaged extensions.") from None
    if eku is None or not eku.critical or list(eku.value) != [ExtendedKeyUsageOID.TIME_STAMPING]:
        raise TsaReplyError(
            f"The reply from {source} is signed with a certificate that is not a time-stamping "
            "certificate (RFC 3161 requires a critical extendedKeyUsage of timeStamping only)."
        )
    if not cert.not_valid_before_utc <= gen_time <= cert.not_valid_after_utc:
        raise TsaReplyError(
            f"The reply from {source} is signed with a certificate that was not valid at the "
            f"time it states ({gen_time.isoformat()}): it expired or was not yet valid."
        )
