"""The trusted-time steps of ``evault verify``: ``time`` and ``bundle_timestamp``.

``time`` checks every item's inclusion proof, its checkpoint statement's signature and
the statement's RFC 3161 token (:class:`TimeVerifier`), item by
item as the manifest step streams them (:class:`ItemTimes`), and reports the findings;
``bundle_timestamp`` checks ``SHA256SUMS.tsr``. Tokens are trusted only through the
system's roots and those given with ``--tsa-ca``. Missing time evidence, or a token
whose TSA root is not trusted here, is "not proven" and leaves the bundle valid; time
evidence that is present and does not hold makes it invalid.

The checks themselves live here too: :class:`TimeVerifier` checks every statement's
signature, every token against trusted roots (certificates in the bundle are never
trusted by themselves) and every item's proof against the signed root, and says per
item "existed no later than <TSA time> (TSA name)" or why not. No database is used.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import rfc3161_client
from cryptography import x509
from cryptography.exceptions import InvalidSignature

from vault import merkle, sshsig
from vault.bundle import layout
from vault.bundle.manifest import ManifestItem
from vault.bundle.verify_context import ItemTimeFinding, TimeFinding
from vault.bundle.zipsafe import HostileZipError
from vault.custody import JSONValue
from vault.dto import BundleCheck, Jsonable
from vault.errors import VaultError
from vault.rfc3161.errors import TsaError, TsaUntrustedError
from vault.rfc3161.protocol import MAX_REPLY_BYTES, CheckedToken, check_reply
from vault.rfc3161.trust import system_roots
from vault.times import parse_utc
from vault.trusted_time.statement import NAMESPACE, STATEMENT_TYPE, leaf_data

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from vault.bundle.verify_context import VerifyContext

MAX_LISTED_PROBLEMS = 50


MAX_STATEMENT_BYTES = 64 * 1024


MAX_PROOF_LENGTH = 64


MAX_STATEMENT_PATH = 256


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


class ItemTimes:
    """Each item's time finding, worked out while the manifest step reads the items.

    Only the findings are kept (the result lists one per item); the proofs are checked
    and dropped with their item.
    """

    def __init__(self, ctx: VerifyContext, signer: Ed25519PublicKey, vault_id: str) -> None:
        self._verifier = TimeVerifier(
            lambda path: _read_time_file(ctx, path), signer, vault_id, ctx.tsa_roots
        )
        self.findings: list[ItemTimeFinding] = []

    def item(self, item: ManifestItem, path: str) -> None:
        """``path`` is the item's path as shown (the archive's own name when it has it)."""
        proof = item.inclusion_proof
        try:
            imported_at = parse_imported_at(item.imported_at or "")
        except (ValueError, TypeError, VaultError):
            imported_at = None
        if imported_at is None:
            finding = ItemTime(
                item.item_id, False, "its imported_at time is not in the manifest's form."
            )
        elif proof is not None and (
            not isinstance(proof, dict) or proof.get("checkpoint") != item.checkpoint
        ):
            finding = ItemTime(
                item.item_id, False, "its checkpoint differs from the one its proof names."
            )
        else:
            finding = self._verifier.check(ItemFacts(item.item_id, item.sha256, imported_at, proof))
        self.findings.append(
            ItemTimeFinding(
                status=finding.status,
                message=finding.message,
                existed_by=finding.existed_by,
                tsa_name=finding.tsa_name,
                number=item.number,
                item_id=item.item_id,
                path=path,
            )
        )


def check_time(ctx: VerifyContext) -> BundleCheck:
    """Each item's inclusion proof leads to a checkpoint root the vault signed and a TSA stamped.

    The proofs were checked as the manifest step read the items (:class:`ItemTimes`);
    this step reports what was found.
    """
    if ctx.manifest is None:
        return BundleCheck("time", False, "Not checked: manifest.json could not be read.")
    if ctx.signer is None:
        return BundleCheck("time", False, "Not checked: the vault's signing key could not be read.")
    counts = {s: sum(1 for t in ctx.item_times if t.status == s) for s in _STATUSES}
    invalid = (t for t in ctx.item_times if t.status == INVALID)
    problems = [
        f"Item {t.number} ({t.path}): {t.message}"
        for t in itertools.islice(invalid, MAX_LISTED_PROBLEMS)
    ]
    if counts[INVALID] > MAX_LISTED_PROBLEMS:
        extra = counts[INVALID] - MAX_LISTED_PROBLEMS
        problems.append(f"… and {extra} more problems.")
    if problems:
        return BundleCheck("time", False, "Some time proofs do not hold.", tuple(problems))
    return BundleCheck("time", True, _time_summary(counts))


_STATUSES = (PROVEN, NONE, UNTRUSTED, INVALID)


def _time_summary(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    if counts[PROVEN] == total and total:
        return f"All {total} items have a trusted time (RFC 3161)."
    parts = [f"{counts[PROVEN]} of {total} items have a trusted time (RFC 3161)"]
    if counts[NONE]:
        parts.append(f"{counts[NONE]} carry no time proof")
    if counts[UNTRUSTED]:
        parts.append(
            f"{counts[UNTRUSTED]} are stamped by a TSA whose root is not trusted "
            "here (give it with --tsa-ca)"
        )
    return "; ".join(parts) + "."


def _read_time_file(ctx: VerifyContext, path: str) -> bytes | None:
    """A file under timestamps/ (bounded), or None when absent or too large."""
    if not path.startswith(layout.TIMESTAMPS_DIR) or path not in ctx.archive.entries:
        return None
    try:
        return ctx.archive.read(path, MAX_REPLY_BYTES)
    except HostileZipError:
        return None


def check_bundle_timestamp(ctx: VerifyContext) -> BundleCheck:
    """SHA256SUMS.tsr, when present, is a TSA's token over exactly SHA256SUMS."""
    name = layout.TIMESTAMP_TOKEN
    if name not in ctx.archive.entries:
        ctx.bundle_time = TimeFinding(
            NONE, f"There is no {name}: when the bundle was made is not proven."
        )
        return BundleCheck("bundle_timestamp", True, ctx.bundle_time.message)
    if ctx.sums_bytes is None:
        return BundleCheck("bundle_timestamp", False, "Not checked: SHA256SUMS could not be read.")
    try:
        token = ctx.archive.read(name, MAX_REPLY_BYTES)
        checked = verify_stamp(ctx.sums_bytes, token, ctx.tsa_roots, source=name)
    except HostileZipError:
        ctx.bundle_time = TimeFinding(INVALID, f"{name} is too large to be a token.")
    except TsaError as error:
        status = failure_status(error, token, [*system_roots(), *ctx.tsa_roots])
        ctx.bundle_time = TimeFinding(status, str(error))
    else:
        when = checked.gen_time.isoformat().replace("+00:00", "Z")
        ctx.bundle_time = TimeFinding(
            PROVEN,
            f"SHA256SUMS existed no later than {when} ({checked.tsa_name})",
            checked.gen_time,
            checked.tsa_name,
        )
        return BundleCheck("bundle_timestamp", True, ctx.bundle_time.message + ".")
    finding = ctx.bundle_time
    if finding.status == UNTRUSTED:
        return BundleCheck(
            "bundle_timestamp",
            True,
            f"{name} is not proven: {finding.message} Give the TSA's root with --tsa-ca.",
        )
    return BundleCheck("bundle_timestamp", False, f"{name} does not hold: {finding.message}")


# --- checking items' proofs, statements and tokens ---------------------------------------


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
        if not isinstance(path, str) or not path.startswith(f"{layout.TIMESTAMPS}/"):
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
