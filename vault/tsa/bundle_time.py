"""Trusted time inside an evidence bundle: what the export writes and the verifier checks.

Export side (vault.bundle calls these):

- :func:`proof_bundle_parts` gives, per exported item, its inclusion proof to the
  earliest *stamped* checkpoint that contains it (the earliest gives the tightest "no
  later than"), and the files to place under ``timestamps/``: each used checkpoint's
  statement, its SSHSIG signature (``.sig``), its RFC 3161 token beside it (``.tsr``,
  so ``openssl ts -verify -data <statement> -in <statement>.tsr`` works) and the TSA's
  certificates (``.tsa-chain.pem``). Statements name only tree sizes and roots; proofs
  carry only hashes, so a bundle for one lender reveals nothing of other lenders' items.
- :func:`stamp_bytes` asks TSAs to stamp the bundle's ``SHA256SUMS`` at export time.

Verifier side: :class:`TimeVerifier` checks every statement's signature, every
token against trusted roots (the system's plus ``--tsa-ca`` files; certificates in the
bundle are never trusted by themselves) and every item's proof against the signed root,
and says per item "existed no later than <TSA time> (TSA name)" or why not.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import rfc3161_client
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from sqlalchemy import select

from vault import merkle, sshsig
from vault.custody import JSONValue
from vault.db.trusted_time import Checkpoint, TimestampToken
from vault.dto import Jsonable, TsaDTO
from vault.errors import VaultError
from vault.rfc3161.errors import TsaError, TsaUntrustedError
from vault.rfc3161.protocol import DEFAULT_TIMEOUT, CheckedToken, check_reply, first_token
from vault.rfc3161.trust import system_roots
from vault.times import parse_utc
from vault.trusted_time import checkpoints
from vault.trusted_time.servers import roots_for
from vault.trusted_time.statement import NAMESPACE, STATEMENT_TYPE, leaf_data, statement_name

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from vault.handle import OpenVault

logger = logging.getLogger(__name__)

FOLDER = "timestamps"
MAX_STATEMENT_BYTES = 64 * 1024
MAX_PROOF_LENGTH = 64
MAX_STATEMENT_PATH = 256


@dataclass(frozen=True)
class ItemTimeProof(Jsonable):
    """An item's inclusion proof, as manifest.json carries it (hashes in lowercase hex)."""

    checkpoint: int
    statement: str  # path of the statement in the bundle
    leaf_index: int
    tree_size: int
    leaf_hash: str
    proof: tuple[str, ...]


@dataclass(frozen=True)
class BundleFile:
    path: str  # inside the bundle, e.g. "timestamps/checkpoint-000002.json.tsr"
    data: bytes


@dataclass(frozen=True)
class ItemTime(Jsonable):
    """The verifier's finding about one item's time."""

    item_id: str
    ok: bool
    message: str
    existed_by: datetime | None = None
    tsa_name: str | None = None
    # PROVEN; NONE (no time proof in the bundle); UNTRUSTED (a sound token whose TSA root
    # this verifier does not trust); INVALID (a proof, statement, signature or token that
    # does not hold: the bundle was altered or is broken).
    status: str = "invalid"


PROVEN, NONE, UNTRUSTED, INVALID = "proven", "none", "untrusted", "invalid"


@dataclass(frozen=True)
class ItemFacts:
    """What the verifier knows of an item from the (already checked) manifest and files."""

    item_id: str
    sha256: str
    imported_at: datetime
    proof: Any  # the item's ``ItemTimeProof.to_json()`` from manifest.json, or None


# --- export -------------------------------------------------------------------------------


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
            name = f"{FOLDER}/{statement_name(cp.id)}"
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


# --- verification -----------------------------------------------------------------------


def verify_stamp(
    data: bytes, token: bytes, extra_roots: Sequence[x509.Certificate] = (), *, source: str
) -> CheckedToken:
    """Check a ``.tsr`` over ``data`` (e.g. SHA256SUMS.tsr); raises a TsaError saying why."""
    return check_reply(token, data, [*system_roots(), *extra_roots], nonce=None, source=source)


@dataclass(frozen=True)
class _Anchor:
    tree_size: int
    root: bytes
    gen_time: datetime | None
    tsa_name: str | None
    problem: str | None
    status: str = INVALID
    proven: str = ""  # the finding of each item it proves, made once


class TimeVerifier:
    """Gives the time finding of one item at a time, reading each statement once.

    ``read(path)`` gives a bundle file's bytes or None. Nothing here raises for bad
    input: every fault is a finding with its reason. Only the checked statements are
    kept (one per checkpoint the bundle uses), so memory does not grow with the items.
    """

    def __init__(
        self,
        read: Callable[[str], bytes | None],
        signer: Ed25519PublicKey,
        vault_id: str | None,
        extra_roots: Sequence[x509.Certificate] = (),
    ) -> None:
        self._read = read
        self._signer = signer
        self._vault_id = vault_id
        self._roots = [*system_roots(), *extra_roots]
        self._anchors: dict[str, _Anchor] = {}

    def check(self, facts: ItemFacts) -> ItemTime:
        proof = facts.proof
        if not isinstance(proof, dict):
            return ItemTime(facts.item_id, False, "No timestamp covers this item yet.", status=NONE)
        path = proof.get("statement")
        if not isinstance(path, str) or not path.startswith(f"{FOLDER}/"):
            return ItemTime(facts.item_id, False, "Its time proof names no statement.")
        anchor = self._anchors.get(path)
        if anchor is None:
            anchor = _anchor(path, self._read, self._signer, self._vault_id, self._roots)
            if len(path) <= MAX_STATEMENT_PATH:  # a longer one names no file in a bundle
                self._anchors[path] = anchor
        return _item_time(facts, proof, anchor)


def verify_bundle_time(
    items: Iterable[ItemFacts],
    read: Callable[[str], bytes | None],
    signer: Ed25519PublicKey,
    vault_id: str | None,
    extra_roots: Sequence[x509.Certificate] = (),
) -> list[ItemTime]:
    """The time finding of every item (see :class:`TimeVerifier`)."""
    verifier = TimeVerifier(read, signer, vault_id, extra_roots)
    return [verifier.check(facts) for facts in items]


def _anchor(  # noqa: PLR0911 - one return per way a checkpoint can fail
    path: str,
    read: Callable[[str], bytes | None],
    signer: Ed25519PublicKey,
    vault_id: str | None,
    roots: list[x509.Certificate],
) -> _Anchor:
    def bad(problem: str) -> _Anchor:
        return _Anchor(0, b"", None, None, problem)

    statement, signature, token = read(path), read(f"{path}.sig"), read(f"{path}.tsr")
    if statement is None or signature is None or token is None:
        return bad(f"{path}, its .sig or its .tsr is missing from the bundle.")
    if len(statement) > MAX_STATEMENT_BYTES:
        return bad(f"{path} is too large to be a checkpoint statement.")
    try:
        sshsig.verify(signature, statement, NAMESPACE, signer)
    except VaultError as error:
        return bad(f"The signature of {path} does not hold: {error}")
    try:
        document = json.loads(statement)
        size, root = document["tree_size"], bytes.fromhex(document["root"])
        valid = document["type"] == STATEMENT_TYPE and isinstance(size, int)
    except (ValueError, KeyError, TypeError):
        return bad(f"{path} is not a checkpoint statement.")
    if not valid or (vault_id is not None and document.get("vault_id") != vault_id):
        return bad(f"{path} is not a checkpoint statement of this vault.")
    try:
        checked = check_reply(token, statement, roots, nonce=None, source=f"{path}.tsr")
    except TsaError as error:
        return _Anchor(size, root, None, None, str(error), failure_status(error, token, roots))
    when = checked.gen_time.isoformat().replace("+00:00", "Z")
    proven = f"existed no later than {when} ({checked.tsa_name})"
    return _Anchor(size, root, checked.gen_time, checked.tsa_name, None, PROVEN, proven)


def failure_status(error: TsaError, token: bytes, roots: Sequence[x509.Certificate]) -> str:
    """UNTRUSTED when a token failed only because its TSA's root is not trusted, else INVALID.

    A token whose signer certificate was issued by a trusted root (directly or through
    certificates the token carries) and still fails was altered, so it is INVALID; one
    whose issuer is unknown here cannot be judged without its root.
    """
    if not isinstance(error, TsaUntrustedError):
        return INVALID
    try:
        carried = [
            x509.load_der_x509_certificate(c)
            for c in rfc3161_client.decode_timestamp_response(token).signed_data.certificates
        ]
    except ValueError:
        return INVALID
    known = list(roots)
    if any(c in known for c in carried):
        return INVALID
    while new := [c for c in carried if c not in known and _issued_by_any(c, known)]:
        known += new
    if len(known) > len(roots):
        return INVALID
    return UNTRUSTED


def _issued_by_any(cert: x509.Certificate, issuers: Sequence[x509.Certificate]) -> bool:
    for issuer in issuers:
        if issuer.subject != cert.issuer:
            continue
        try:
            cert.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return True
    return False


def _item_time(facts: ItemFacts, proof: dict[str, JSONValue], anchor: _Anchor) -> ItemTime:
    item_id = facts.item_id
    if anchor.problem is not None:
        return ItemTime(item_id, False, anchor.problem, status=anchor.status)
    index, size, path = proof.get("leaf_index"), proof.get("tree_size"), proof.get("proof")
    if (
        not isinstance(index, int)
        or size != anchor.tree_size
        or not isinstance(path, list)
        or len(path) > MAX_PROOF_LENGTH
    ):
        return ItemTime(item_id, False, "Its time proof does not fit its checkpoint.")
    try:
        siblings = [bytes.fromhex(h) for h in path if isinstance(h, str)]
        leaf = merkle.leaf_hash(leaf_data(item_id, facts.sha256, facts.imported_at))
    except (ValueError, VaultError):
        return ItemTime(item_id, False, "Its time proof is malformed.")
    if len(siblings) != len(path) or not merkle.verify_inclusion(
        leaf, index, anchor.tree_size, siblings, anchor.root
    ):
        return ItemTime(
            item_id, False, "Its inclusion proof does not lead to the stamped checkpoint root."
        )
    return ItemTime(item_id, True, anchor.proven, anchor.gen_time, anchor.tsa_name, PROVEN)


def parse_imported_at(text: str) -> datetime:
    """The manifest's ``imported_at`` in the leaf's form (YYYY-MM-DDTHH:MM:SS.ffffffZ)."""
    return parse_utc(text)
