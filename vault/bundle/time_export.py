"""Trusted time as the exporter writes it (docs/trusted-time.md §4).

The items' inclusion proofs and the ``timestamps/`` files come from
:func:`vault.tsa.bundle_time.proof_bundle_parts`; this module adds what the manifest's
``checkpoints`` list and the evidence list say about them, and asks TSAs, briefly, for
``SHA256SUMS.tsr``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime

from vault.custody import JSONValue
from vault.dto import TsaDTO
from vault.handle import OpenVault
from vault.rfc3161.protocol import CheckedToken
from vault.rfc3161.trust import load_pem_certificates
from vault.times import format_utc
from vault.trusted_time.servers import tsa_list
from vault.trusted_time.stamping import tokens
from vault.tsa.bundle_time import ItemTimeProof, stamp_bytes

logger = logging.getLogger(__name__)

# SHA256SUMS.tsr: an export waits at most this long for one TSA, and for all of them.
EXPORT_TSA_TIMEOUT = 5.0
EXPORT_TSA_BUDGET = 10.0


def stamp_sums(
    vault: OpenVault,
    sums: bytes,
    tsa_urls: Sequence[str],
    *,
    use_vault_tsas: bool,
    timeout: float = EXPORT_TSA_TIMEOUT,
    budget: float = EXPORT_TSA_BUDGET,
) -> CheckedToken | None:
    """A token over SHA256SUMS from the first TSA that answers in time, or None.

    ``tsa_urls`` are asked first, then the vault's own list; a URL in both keeps its
    place and takes the root the user added for it in the vault.
    """
    tsas: dict[str, TsaDTO] = {url: TsaDTO(url) for url in tsa_urls}
    for tsa in tsa_list(vault) if use_vault_tsas else []:
        tsas[tsa.url] = tsa
    roots = [
        root
        for tsa in tsas.values()
        if tsa.ca_pem
        for root in load_pem_certificates(tsa.ca_pem, f"The root certificate of {tsa.url}")
    ]
    return stamp_bytes(sums, list(tsas.values()), timeout=timeout, extra_roots=roots, budget=budget)


def proven_times(
    vault: OpenVault, proofs: Mapping[str, ItemTimeProof]
) -> dict[str, tuple[datetime, str]]:
    """Per item with a proof: the time its checkpoint's token states, and the TSA's name.

    The token is the checkpoint's first, the one ``proof_bundle_parts`` puts in the bundle.
    """
    found: dict[int, tuple[datetime, str]] = {}
    for checkpoint_id in {proof.checkpoint for proof in proofs.values()}:
        first = tokens(vault, checkpoint_id)[0]
        found[checkpoint_id] = (first.gen_time, first.tsa_name)
    return {item_id: found[p.checkpoint] for item_id, p in proofs.items()}


def checkpoint_entries(
    proofs: Mapping[str, ItemTimeProof], times: Mapping[str, tuple[datetime, str]]
) -> list[dict[str, JSONValue]]:
    """The manifest's ``checkpoints``: each checkpoint used and its files in the bundle."""
    used: dict[str, dict[str, JSONValue]] = {}
    for item_id, proof in sorted(proofs.items(), key=lambda p: p[1].checkpoint):
        when, tsa_name = times[item_id]
        used.setdefault(
            proof.statement,
            {
                "checkpoint": proof.checkpoint,
                "tree_size": proof.tree_size,
                "statement": proof.statement,
                "signature": f"{proof.statement}.sig",
                "token": f"{proof.statement}.tsr",
                "tsa_chain": f"{proof.statement}.tsa-chain.pem",
                "tsa_name": tsa_name,
                "gen_time": format_utc(when),
            },
        )
    return list(used.values())
