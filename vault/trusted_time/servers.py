"""The vault's list of time-stamp servers (TSAs), with any root certificate the user added.

Kept in the ``settings`` table under :data:`SETTING_KEY`; a new vault lists
:data:`DEFAULT_TSAS`. :func:`roots_for` gives the roots a reply may chain to: the
system's, plus those added for listed servers (each once).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cryptography import x509
from sqlalchemy import select

from vault.db.models import Setting
from vault.dto import TsaDTO
from vault.errors import UsageError
from vault.rfc3161.protocol import check_url, unique_certificates
from vault.rfc3161.trust import load_pem_certificates, system_roots

if TYPE_CHECKING:
    from vault.handle import OpenVault

SETTING_KEY = "tsa_servers"
# Public TSAs, tried in this order. DigiCert and Sectigo chain to roots in the common
# system trust stores; FreeTSA's root must be added (evault tsa add URL --ca cacert.pem).
#
# MeSign (密信, MeSign Technology, Shenzhen) is there for users in mainland China, where
# servers abroad may be slow or blocked. Its own page (mesign.com/zh-cn/e-sign/
# mesign-timestamp-service.html) describes a free, RFC 3161 time-stamp service that is
# Adobe-trusted; http://tsa.mesign.com is the public address given for it in the widely
# used list of free RFC 3161 servers (gist Manouchehri/fd754e402d98430243455713efada710,
# pointing to mesign.com/en-us/tsa/index.html). It is run by a mainland company for
# mainland customers, over plain HTTP: that is why it is expected to answer from there;
# nobody has measured it from this project. Its root may not be in every system's trust
# store: a reply that chains to no trusted root is refused with its reason and the next
# server is asked, as for FreeTSA (add its root with evault tsa add URL --ca ROOT.pem).
DEFAULT_TSAS = (
    TsaDTO("http://timestamp.digicert.com"),
    TsaDTO("http://timestamp.sectigo.com"),
    TsaDTO("http://tsa.mesign.com"),
    TsaDTO("https://freetsa.org/tsr"),
)


class UnknownTsaError(UsageError):
    code = "tsa_unknown"


# --- the TSA list -----------------------------------------------------------------------


def tsa_list(vault: OpenVault) -> list[TsaDTO]:
    """The vault's TSAs in the order they are asked (the defaults until the user edits)."""
    with vault.sessions() as session:
        value = session.scalar(select(Setting.value).where(Setting.key == SETTING_KEY))
    if value is None:
        return list(DEFAULT_TSAS)
    return [TsaDTO(url=str(e["url"]), ca_pem=e.get("ca_pem")) for e in value]


def add_tsa(vault: OpenVault, url: str, *, ca_pem: str | None = None) -> list[TsaDTO]:
    """Append ``url`` (or update its root if listed); ``ca_pem`` is a root to trust for it."""
    url = check_url(url)
    if ca_pem is not None:
        load_pem_certificates(ca_pem, "The TSA root certificate")
    entries = tsa_list(vault)
    urls = [t.url for t in entries]
    if url in urls:
        entries[urls.index(url)] = TsaDTO(url, ca_pem)
    else:
        entries.append(TsaDTO(url, ca_pem))
    _save(vault, entries)
    return entries


def remove_tsa(vault: OpenVault, url: str) -> list[TsaDTO]:
    entries = tsa_list(vault)
    kept = [t for t in entries if t.url != url.strip()]
    if len(kept) == len(entries):
        raise UnknownTsaError(f"{url} is not in this vault's list of time-stamp servers.")
    _save(vault, kept)
    return kept


def _save(vault: OpenVault, entries: list[TsaDTO]) -> None:
    with vault.sessions() as session, session.begin():
        session.merge(
            Setting(key=SETTING_KEY, value=[{"url": t.url, "ca_pem": t.ca_pem} for t in entries])
        )


def roots_for(
    tsas: Sequence[TsaDTO], extra: Sequence[x509.Certificate] = ()
) -> list[x509.Certificate]:
    """The system's roots, the roots the user added to any listed TSA, and ``extra``."""
    roots = list(system_roots())
    for tsa in tsas:
        if tsa.ca_pem:
            roots.extend(load_pem_certificates(tsa.ca_pem, f"The root certificate of {tsa.url}"))
    roots.extend(extra)
    return unique_certificates(roots)
