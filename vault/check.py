"""``evault check``: read every blob back, compare hashes, walk the custody chain.

Problems are reported per item: a missing blob, a blob that no longer decrypts (the
chunk is named), a blob whose plaintext hash differs from the one recorded at import,
orphan blobs and temp files (what a crash leaves) and every break in the custody
chain. ``repair`` removes orphans and temp files only; it never touches an item.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from sqlalchemy import select

from vault import custody
from vault.age import AgeReader, Identity
from vault.db.models import CustodyEvent, Item
from vault.dto import CheckProblem, CheckReport
from vault.errors import AgeError
from vault.service import OpenVault

logger = logging.getLogger(__name__)

READ_SIZE = 1 << 20


def check_vault(
    vault: OpenVault, *, repair: bool = False, progress: Callable[[int, int], None] | None = None
) -> CheckReport:
    problems: list[CheckProblem] = []
    identities: list[Identity] = [vault.keys.identity]
    with vault.sessions() as session:
        items = session.execute(
            select(Item.id, Item.sha256, Item.size).where(Item.purged_at.is_(None))
        ).all()
        events = session.scalar(select(CustodyEvent.seq).order_by(CustodyEvent.seq.desc()).limit(1))
        chain = custody.verify_chain(session)
        all_ids = set(session.scalars(select(Item.id)).all())
    for done, (item_id, sha256, size) in enumerate(items):
        if progress is not None:
            progress(done, len(items))
        problem = _check_blob(vault, identities, item_id, sha256, size)
        if problem is not None:
            problems.append(problem)
    problems += [
        CheckProblem(kind=f"custody_{p.kind}", message=p.message, seq=p.seq) for p in chain
    ]
    repaired: list[str] = []
    for blob_id in vault.store.iter_ids():
        if blob_id not in all_ids:
            path = vault.store.path_for(blob_id)
            if repair:
                path.unlink()
                repaired.append(str(path))
            else:
                problems.append(
                    CheckProblem(
                        kind="orphan_blob",
                        message=f"Blob {blob_id} belongs to no item (left by an interrupted import).",
                    )
                )
    for temp in vault.store.iter_temp_files():
        if repair:
            temp.unlink()
            repaired.append(str(temp))
        else:
            problems.append(
                CheckProblem(
                    kind="temp_file",
                    message=f"{temp.name} is an unfinished write left by an interrupted import.",
                )
            )
    return CheckReport(len(items), events or 0, tuple(problems), tuple(repaired))


def _check_blob(
    vault: OpenVault, identities: list[Identity], item_id: str, sha256: str, size: int
) -> CheckProblem | None:
    path = vault.store.path_for(item_id)
    if not path.exists():
        return CheckProblem("missing_blob", f"The file of item {item_id} is missing.", item_id)
    digest = hashlib.sha256()
    try:
        with AgeReader(path, identities) as reader:
            while block := reader.read(READ_SIZE):
                digest.update(block)
            length = reader.size
    except AgeError as error:
        return CheckProblem("unreadable_blob", f"Item {item_id}: {error}", item_id)
    if digest.hexdigest() != sha256 or length != size:
        return CheckProblem(
            "hash_mismatch",
            f"Item {item_id} no longer matches the hash recorded at import.",
            item_id,
        )
    return None
