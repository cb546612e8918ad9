"""What verify says of each evidence file, how far it is, and that it can be stopped."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.bundle.conftest import Exported
from tests.bundle.test_bundle_tamper import flip_middle_byte, rewrite
from vault.bundle.verify import (
    ALTERED,
    INTACT,
    MISSING,
    VerifyCancelledError,
    verify_bundle,
)
from vault.bundle.verify_report import verification_lines
from vault.dto import VerifyProgress


def test_each_item_of_an_intact_bundle_is_intact(exported: Exported) -> None:
    seen: list[VerifyProgress] = []
    result = verify_bundle(exported.bundle, progress=seen.append)
    assert result.valid
    assert {i.path: i.status for i in result.item_files} == dict.fromkeys(
        exported.originals, INTACT
    )
    assert [i.number for i in result.item_files] == list(range(1, result.items + 1))
    files = [p for p in seen if p.files_total]
    assert files[-1].files_done == files[-1].files_total >= len(exported.originals)
    assert next(p.step for p in seen if not p.files_total) == "archive"
    assert verification_lines(result, None)[-2] == "Result: VALID"


def test_a_changed_and_a_removed_item_are_named(exported: Exported, tmp_path: Path) -> None:
    changed, removed = sorted(exported.originals)[:2]

    def change(files: dict[str, bytes]) -> dict[str, bytes]:
        files[changed] = flip_middle_byte(files[changed])
        del files[removed]
        return files

    bundle = rewrite(exported.bundle, tmp_path / "b.zip", change)
    statuses = {i.path: i.status for i in verify_bundle(bundle).item_files}
    assert statuses.pop(changed) == ALTERED
    assert statuses.pop(removed) == MISSING
    assert set(statuses.values()) == {INTACT}


def test_a_set_cancel_stops_the_check(exported: Exported) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(VerifyCancelledError):
        verify_bundle(exported.bundle, cancel=cancel)
