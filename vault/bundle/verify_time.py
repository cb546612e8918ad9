"""The trusted-time steps of ``evault verify``: ``time`` and ``bundle_timestamp``.

``time`` checks every item's inclusion proof, its checkpoint statement's signature and
the statement's RFC 3161 token (:class:`vault.tsa.bundle_time.TimeVerifier`), item by
item as the manifest step streams them (:class:`ItemTimes`), and reports the findings;
``bundle_timestamp`` checks ``SHA256SUMS.tsr``. Tokens are trusted only through the
system's roots and those given with ``--tsa-ca``. Missing time evidence, or a token
whose TSA root is not trusted here, is "not proven" and leaves the bundle valid; time
evidence that is present and does not hold makes it invalid.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from vault.bundle import layout
from vault.bundle.manifest import ManifestItem
from vault.bundle.zipsafe import HostileZipError
from vault.dto import BundleCheck, Jsonable
from vault.errors import VaultError
from vault.rfc3161.errors import TsaError
from vault.rfc3161.protocol import MAX_REPLY_BYTES
from vault.rfc3161.trust import system_roots
from vault.tsa import bundle_time
from vault.tsa.bundle_time import (
    ItemFacts,
    ItemTime,
    TimeVerifier,
    failure_status,
    verify_stamp,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from vault.bundle.verify import VerifyContext

MAX_LISTED_PROBLEMS = 50


@dataclass(frozen=True, slots=True)
class TimeFinding(Jsonable):
    """What is proven about when something existed.

    ``status``: ``proven``; ``none`` (no time evidence); ``untrusted`` (a sound token of a
    TSA whose root this verifier does not trust); ``invalid`` (it does not hold).
    """

    status: str
    message: str
    existed_by: datetime | None = None
    tsa_name: str | None = None


@dataclass(frozen=True, slots=True)
class ItemTimeFinding(TimeFinding):  # one per item: kept small
    number: int = 0
    item_id: str = ""
    path: str = ""


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
            imported_at = bundle_time.parse_imported_at(item.imported_at or "")
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
    invalid = (t for t in ctx.item_times if t.status == bundle_time.INVALID)
    problems = [
        f"Item {t.number} ({t.path}): {t.message}"
        for t in itertools.islice(invalid, MAX_LISTED_PROBLEMS)
    ]
    if counts[bundle_time.INVALID] > MAX_LISTED_PROBLEMS:
        extra = counts[bundle_time.INVALID] - MAX_LISTED_PROBLEMS
        problems.append(f"… and {extra} more problems.")
    if problems:
        return BundleCheck("time", False, "Some time proofs do not hold.", tuple(problems))
    return BundleCheck("time", True, _time_summary(counts))


_STATUSES = (bundle_time.PROVEN, bundle_time.NONE, bundle_time.UNTRUSTED, bundle_time.INVALID)


def _time_summary(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    if counts[bundle_time.PROVEN] == total and total:
        return f"All {total} items have a trusted time (RFC 3161)."
    parts = [f"{counts[bundle_time.PROVEN]} of {total} items have a trusted time (RFC 3161)"]
    if counts[bundle_time.NONE]:
        parts.append(f"{counts[bundle_time.NONE]} carry no time proof")
    if counts[bundle_time.UNTRUSTED]:
        parts.append(
            f"{counts[bundle_time.UNTRUSTED]} are stamped by a TSA whose root is not trusted "
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
            bundle_time.NONE, f"There is no {name}: when the bundle was made is not proven."
        )
        return BundleCheck("bundle_timestamp", True, ctx.bundle_time.message)
    if ctx.sums_bytes is None:
        return BundleCheck("bundle_timestamp", False, "Not checked: SHA256SUMS could not be read.")
    try:
        token = ctx.archive.read(name, MAX_REPLY_BYTES)
        checked = verify_stamp(ctx.sums_bytes, token, ctx.tsa_roots, source=name)
    except HostileZipError:
        ctx.bundle_time = TimeFinding(bundle_time.INVALID, f"{name} is too large to be a token.")
    except TsaError as error:
        status = failure_status(error, token, [*system_roots(), *ctx.tsa_roots])
        ctx.bundle_time = TimeFinding(status, str(error))
    else:
        when = checked.gen_time.isoformat().replace("+00:00", "Z")
        ctx.bundle_time = TimeFinding(
            bundle_time.PROVEN,
            f"SHA256SUMS existed no later than {when} ({checked.tsa_name})",
            checked.gen_time,
            checked.tsa_name,
        )
        return BundleCheck("bundle_timestamp", True, ctx.bundle_time.message + ".")
    finding = ctx.bundle_time
    if finding.status == bundle_time.UNTRUSTED:
        return BundleCheck(
            "bundle_timestamp",
            True,
            f"{name} is not proven: {finding.message} Give the TSA's root with --tsa-ca.",
        )
    return BundleCheck("bundle_timestamp", False, f"{name} does not hold: {finding.message}")
