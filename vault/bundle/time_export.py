"""Trusted time as the exporter writes it (docs/trusted-time.md §4).

- :func:`proof_bundle_parts` gives, per exported item, its inclusion proof to the
  earliest *stamped* checkpoint that contains it (the earliest gives the tightest "no
  later than"), and the files to place under ``timestamps/``: each used checkpoint's
  statement, its SSHSIG signature (``.sig``), its RFC 3161 token beside it (``.tsr``,
  so ``openssl ts -verify -data <statement> -in <statement>.tsr`` works) and the TSA's
  certificates (``.tsa-chain.pem``). Statements name only tree sizes and roots; proofs
  carry only hashes, so a bundle for one lender reveals nothing of other lenders' items.
- What the manifest's ``checkpoints`` list and the evidence list say about them.
- :func:`stamp_bytes` / :func:`stamp_sums` ask TSAs, briefly, for ``SHA256SUMS.tsr``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from sqlalchemy import select

from vault import merkle
from vault.bundle import layout
from vault.bundle.manifest import ItemTimeProof
from vault.custody import JSONValue
from vault.db.trusted_time import Checkpoint, TimestampToken
from vault.dto import TsaDTO
from vault.handle import OpenVault
from vault.rfc3161.protocol import DEFAULT_TIMEOUT, CheckedToken, first_token
from vault.rfc3161.trust import load_pem_certificates
from vault.times import format_utc
from vault.trusted_time import checkpoints
from vault.trusted_time.servers import roots_for, tsa_list
from vault.trusted_time.stamping import tokens
from vault.trusted_time.statement import statement_name

logger = logging.getLogger(__name__)

# SHA256SUMS.tsr: an export waits at most this long for one TSA, and for all of them.
EXPORT_TSA_TIMEOUT = 5.0
EXPORT_TSA_BUDGET = 10.0


@dataclass(frozen=True)
class BundleFile:
    path: str  # inside the bundle, e.g. "timestamps/checkpoint-000002.json.tsr"
    data: bytes


def proof_bundle_parts(
    vault: OpenVault, item_ids: Iterable[str]
) -> tuple[dict[str, ItemTimeProof], list[BundleFile]]:
    """Per item its proof (items not yet in a stamped checkpoint are left out), and files."""
    wanted = list(item_ids)
    with vault.sessions() as session:
        indexes = checkpoints.leaf_indexes(session, wanted)
        stamped = session.execute(
            select(Checkpoint, TimestampToken)
            .join(TimestampToken, TimestampToken.checkpoint_id == Checkpoint.id)
            .order_by(Checkpoint.id, TimestampToken.id)
        ).all()
        chosen: dict[int, tuple[Checkpoint, TimestampToken]] = {}
        for cp, token in stamped:
            chosen.setdefault(cp.id, (cp, token))
        ordered = sorted(chosen.values(), key=lambda pair: pair[0].id)
        by_checkpoint: dict[int, list[str]] = {}
        for item_id in wanted:
            index = indexes.get(item_id)
            if index is None:
                continue
            home = next((cp for cp, _ in ordered if cp.tree_size > index), None)
            if home is not None:
                by_checkpoint.setdefault(home.id, []).append(item_id)
        proofs: dict[str, ItemTimeProof] = {}
        files: list[BundleFile] = []
        largest = max((chosen[c][0].tree_size for c in by_checkpoint), default=0)
        hashes = checkpoints.leaf_hashes(session, largest) if largest else []
        for checkpoint_id, members in sorted(by_checkpoint.items()):
            cp, token = chosen[checkpoint_id]
            levels = merkle.tree_levels(hashes[: cp.tree_size])
            if levels[-1][0].hex() != cp.root:
                raise checkpoints.CheckpointInconsistentError(
                    f"The vault's items no longer match checkpoint {cp.id}; run a vault check."
                )
            name = f"{layout.TIMESTAMPS}/{statement_name(cp.id)}"
            for item_id in members:
                index = indexes[item_id]
                proofs[item_id] = ItemTimeProof(
                    checkpoint=cp.id,
                    statement=name,
                    leaf_index=index,
                    tree_size=cp.tree_size,
                    leaf_hash=hashes[index].hex(),
                    proof=tuple(h.hex() for h in merkle.proof_from_levels(levels, index)),
                )
            files += [
                BundleFile(name, cp.statement),
                BundleFile(f"{name}.sig", cp.signature.encode("ascii")),
                BundleFile(f"{name}.tsr", token.response),
                BundleFile(f"{name}.tsa-chain.pem", token.chain_pem.encode("ascii")),
            ]
    return proofs, files


def stamp_bytes(
    data: bytes,
    tsas: Sequence[TsaDTO | str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    extra_roots: Sequence[x509.Certificate] = (),
    budget: float | None = None,
) -> CheckedToken | None:
    """A checked RFC 3161 token over ``data`` from the first TSA that gives one, else None.

    For ``SHA256SUMS.tsr`` at export time: an unreachable or misbehaving TSA only means
    the bundle has no such file (the reasons are logged by code, never the data).
    """
    entries = [t if isinstance(t, TsaDTO) else TsaDTO(t) for t in tsas]
    roots = roots_for(entries, extra_roots)
    urls = [tsa.url for tsa in entries]
    return first_token(data, urls, roots, timeout=timeout, budget=budget).token


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
