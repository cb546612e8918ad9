"""The root certificates a timestamp is checked against.

The system's trusted roots (what ``ssl.create_default_context`` loads: the OpenSSL
bundle on Linux, the Windows and macOS stores) cover the big public TSAs; a TSA whose
root is not there (FreeTSA, a national TSA, a test TSA) needs its root added by the
user, with ``evault tsa add URL --ca FILE`` or ``evault verify --tsa-ca FILE``.
"""

from __future__ import annotations

import functools
import logging
import ssl
import warnings

from cryptography import x509

from vault.rfc3161.errors import TsaUrlError

logger = logging.getLogger(__name__)

MAX_PEM_BYTES = 1 << 20


@functools.cache
def system_roots() -> tuple[x509.Certificate, ...]:
    context = ssl.create_default_context()
    roots = []
    for der in context.get_ca_certs(binary_form=True):
        # Some old roots have a non-positive serial number, which cryptography warns about.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                roots.append(x509.load_der_x509_certificate(bytes(der)))
            except ValueError:
                continue
    logger.debug("%d system roots loaded", len(roots))
    return tuple(roots)


def load_pem_certificates(data: bytes | str, source: str) -> list[x509.Certificate]:
    """Every certificate in a PEM text, or TsaUrlError naming ``source``."""
    raw = data.encode("ascii", "replace") if isinstance(data, str) else data
    if len(raw) > MAX_PEM_BYTES:
        raise TsaUrlError(f"{source} is too large to be a certificate file.")
    try:
        certs = x509.load_pem_x509_certificates(raw)
    except ValueError:
        raise TsaUrlError(f"{source} does not hold PEM certificates.") from None
    return certs
