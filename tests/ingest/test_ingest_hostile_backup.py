"""A phone backup that is a FIFO, a device, a socket or a link is refused by what it is,
without blocking, and the vault is unchanged; a backup named in bytes that are not
UTF-8 is imported with its name shown escaped."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.case.case_xml import Call, write_calls
from tests.core.conftest import FAST_WORK_FACTOR, PASSPHRASE
from vault import fsutil
from vault.backup.reading import NotARegularFileError
from vault.handle import OpenVault, create_vault
from vault.importing import import_backup
from vault.items import get_item, item_history, list_items
from vault.lenders import add_lender

# A FIFO opened for reading would block forever: end the run instead of waiting.
pytestmark = pytest.mark.timeout(30, method="thread")


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[OpenVault]:
    opened, _ = create_vault(
        tmp_path / "vault", PASSPHRASE, work_factor=FAST_WORK_FACTOR, time_zone="Asia/Shanghai"
    )
    add_lender(opened, "借呗")
    yield opened
    opened.lock()


def _calls(path: Path) -> Path:
    return write_calls(path, [Call("13800138000", "2024-03-15 09:30")])


def test_a_fifo_given_as_calls_xml_is_refused_without_blocking(
    vault: OpenVault, tmp_path: Path
) -> None:
    fifo = tmp_path / "calls.xml"
    os.mkfifo(fifo)
    with pytest.raises(NotARegularFileError) as caught:
        import_backup(vault, fifo, lender="借呗")
    assert str(caught.value) == fsutil.FIFO_REFUSED
    assert list_items(vault) == []
    assert [p for p in vault.store.root.rglob("*") if p.is_file()] == []
    good = import_backup(vault, _calls(tmp_path / "real.xml"), lender="借呗")
    assert good.calls == 1  # the vault works on after the refusal


def test_a_device_a_socket_and_links_given_as_a_backup_are_refused(
    vault: OpenVault, tmp_path: Path
) -> None:
    real = _calls(tmp_path / "real.xml")
    link = tmp_path / "link.xml"
    link.symlink_to(real)
    loop = tmp_path / "loop.xml"
    loop.symlink_to(loop)
    with tempfile.TemporaryDirectory(prefix="ev") as short:
        sock_path = Path(short) / "s.xml"
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(os.fspath(sock_path))
        try:
            cases = [
                (Path("/dev/null"), fsutil.DEVICE_REFUSED),
                (sock_path, fsutil.SOCKET_REFUSED),
                (link, fsutil.SYMLINK_REFUSED),
                (loop, fsutil.SYMLINK_REFUSED),
            ]
            for path, sentence in cases:
                with pytest.raises(NotARegularFileError) as caught:
                    import_backup(vault, path)
                assert str(caught.value) == sentence, path
        finally:
            sock.close()
    assert list_items(vault) == []


def test_a_backup_named_in_bytes_that_are_not_utf8_is_imported(
    vault: OpenVault, tmp_path: Path
) -> None:
    made = _calls(tmp_path / "made.xml")
    raw = os.path.join(os.fsencode(tmp_path), b"calls-\xff.xml")
    shutil.copyfile(made, raw)
    report = import_backup(vault, Path(os.fsdecode(raw)), lender="借呗")
    item = get_item(vault, report.item_id)
    assert item.original_name == "calls-\\xff.xml"
    assert item_history(vault, report.item_id)[0].payload["original_name"] == "calls-\\xff.xml"
