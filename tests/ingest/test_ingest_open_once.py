"""The import reads each file through the one descriptor it checked: a file swapped for
a FIFO after the check is never opened again by name, so it cannot hang the batch."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault.handle import create_vault
from vault.importing import import_paths
from vault.ingest import pipeline
from vault.ingest.capture import read_capture
from vault.items import get_item


@pytest.mark.timeout(30, method="thread")
def test_a_file_swapped_for_a_fifo_after_the_check_is_read_from_the_checked_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _ = create_vault(tmp_path / "v", PASSPHRASE, work_factor=FAST_WORK_FACTOR)
    photo = tmp_path / "IMG_20240315_214501.jpg"
    Image.new("RGB", (64, 64), (10, 120, 200)).save(photo, "JPEG")
    original = hashlib.sha256(photo.read_bytes()).hexdigest()

    def swap_then_read(path: Path, *args: Any, **kwargs: Any) -> Any:
        os.unlink(path)
        os.mkfifo(path)  # opening this by name would block forever
        return read_capture(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "read_capture", swap_then_read)
    (result,) = import_paths(vault, [photo]).results
    assert result.item_id, result.reason
    assert get_item(vault, result.item_id).sha256 == original
    vault.lock()
