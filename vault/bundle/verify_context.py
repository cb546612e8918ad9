"""What the steps of ``evault verify`` share, and the time findings they hand on.

:class:`VerifyContext` is filled step by step (vault.bundle.verify's ``STEPS``): each step
reads what earlier ones established and records its own. Nothing here reads a file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from vault.bundle.manifest import Manifest
from vault.bundle.zipsafe import SafeZip
from vault.dto import BundleCheck, Jsonable, VerifyProgress


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


@dataclass
class VerifyContext:
    """What the steps share. Fields are filled by the step that establishes them."""

    path: Path
    archive: SafeZip
    expected_key: str | None = None  # a fingerprint (SHA256:…) or key obtained out of band
    sums_bytes: bytes | None = None
    sums: dict[str, str] | None = None
    sums_error: str | None = None  # why SHA256SUMS could not be parsed
    signature_ok: bool = False  # the signature over SHA256SUMS held (and the expected key)
    files_hashed: int = 0  # summed files hashed by the files step
    files_ok: bool = False
    signer_key: str | None = None
    signer_fingerprint: str | None = None
    manifest: Manifest | None = None
    manifest_sha256: str | None = None  # taken while the manifest step read it
    custody_check: BundleCheck | None = None  # worked out while the manifest was read
    signer: Ed25519PublicKey | None = None
    tsa_roots: Sequence[x509.Certificate] = ()  # given with --tsa-ca, beside the system's
    item_times: list[ItemTimeFinding] = field(default_factory=list)
    bundle_time: TimeFinding | None = None
    # each item's number and archive path, as the manifest step read them (compact)
    item_paths: list[tuple[int, str]] = field(default_factory=list)
    altered: set[str] = field(default_factory=set)  # files that differ or are not listed
    files_checked: bool = False  # the files step hashed the evidence
    progress: Callable[[VerifyProgress], None] | None = None
    cancel: threading.Event | None = None
    step: str = ""
    steps_done: int = 0
    steps_total: int = 0
