"""What an export leaves on disk and on stderr: a killed export's plaintext partial file is
removed by the next export to the folder (unless another export still holds it), Python
warnings never reach the terminal, and the README and report say what the signature proves."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.bundle.conftest import LENDER, PASSPHRASE, Exported, make_vault, offline
from tests.helpers import REPO
from vault.bundle import layout
from vault.bundle.export import BundleExportResult, ExportRequest, export_bundle
from vault.bundle.report import evidence_list
from vault.bundle.verify import verify_bundle
from vault.handle import create_vault, unlock_vault
from vault.importing import import_paths
from vault.lenders import add_lender

PARTIAL = re.compile(r"\.bundle\.zip\.evault-[0-9a-f]{12}\.partial")

KILL_MID_EXPORT = (
    "import os, signal, sys\n"
    "from pathlib import Path\n"
    "from vault.bundle.export import ExportRequest, export_bundle\n"
    "from vault.handle import unlock_vault\n"
    "vault = unlock_vault(Path(sys.argv[1]), sys.argv[2])\n"
    "def progress(update):\n"
    "    if update.items_done == 3:\n"
    "        os.kill(os.getpid(), signal.SIGKILL)\n"
    "export_bundle(vault, ExportRequest(out=Path(sys.argv[3]), lender=sys.argv[4]),"
    " progress=progress)\n"
)

# Another export still writing: it holds LOCK_EX on its partial until told to stop.
HOLD_LOCK = (
    "import fcntl, os, sys\n"
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
)


def test_the_next_export_removes_a_killed_exports_partial_but_not_a_locked_one(
    tmp_path: Path, originals: Path
) -> None:
    make_vault(tmp_path / "vault", originals).lock()
    folder = tmp_path / "out"
    folder.mkdir()
    killed = subprocess.run(
        [
            *(sys.executable, "-c", KILL_MID_EXPORT, str(tmp_path / "vault"), PASSPHRASE),
            *(str(folder / "bundle.zip"), LENDER),
        ],
        cwd=REPO,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert killed.returncode == -9
    [stale] = [p.name for p in folder.iterdir()]
    assert PARTIAL.fullmatch(stale), stale
    assert (folder / stale).stat().st_size > 0  # plaintext evidence was written into it
    busy = ".second.zip.evault-0123456789ab.partial"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(folder / busy)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        vault = unlock_vault(tmp_path / "vault", PASSPHRASE)
        try:
            result = export_bundle(vault, ExportRequest(out=folder / "bundle.zip", lender=LENDER))
        finally:
            vault.lock()
        assert isinstance(result, BundleExportResult)
        assert result.stale_partials_removed == (stale,)
        assert result.to_json()["stale_partials_removed"] == [stale]
        assert sorted(p.name for p in folder.iterdir()) == sorted([busy, "bundle.zip"])
        assert verify_bundle(result.path).valid
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    # Its writer gone, the formerly locked partial is stale too.
    vault = unlock_vault(tmp_path / "vault", PASSPHRASE)
    try:
        again = export_bundle(vault, ExportRequest(out=folder / "third.zip", lender=LENDER))
    finally:
        vault.lock()
    assert isinstance(again, BundleExportResult)
    assert again.stale_partials_removed == (busy,)
    assert sorted(p.name for p in folder.iterdir()) == ["bundle.zip", "third.zip"]


def test_a_clean_export_removes_nothing_and_leaves_no_partial(
    exported: Exported,
) -> None:
    assert isinstance(exported.result, BundleExportResult)
    assert exported.result.stale_partials_removed == ()
    assert [p.name for p in exported.bundle.parent.iterdir() if "partial" in p.name] == []


@pytest.fixture(scope="module")
def huge_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JPEG past Pillow's MAX_IMAGE_PIXELS but under twice it: opening it warns."""
    path = tmp_path_factory.mktemp("huge") / "IMG_20240306_101500.jpg"
    pixels = Image.MAX_IMAGE_PIXELS or 0
    width = 10_000
    height = pixels // width + 100
    assert pixels < width * height < 2 * pixels
    Image.new("L", (width, height), 200).save(path, quality=30)
    assert path.stat().st_size <= evidence_list.MAX_THUMBNAIL_SOURCE
    return path


def test_export_warnings_are_logged_not_printed(
    tmp_path: Path, huge_photo: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The export path does make Pillow warn about this photo ...
    with pytest.warns(Image.DecompressionBombWarning):
        assert evidence_list.make_thumbnail(huge_photo.read_bytes()) is not None
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, work_factor=10)
    try:
        offline(vault)
        add_lender(vault, LENDER)
        [imported] = import_paths(vault, [huge_photo], lender=LENDER).results
        assert imported.item_id
        with caplog.at_level(logging.DEBUG, logger="vault.bundle.export"):
            export_bundle(vault, ExportRequest(out=tmp_path / "in.zip", lender=LENDER))
    finally:
        vault.lock()
    assert "DecompressionBombWarning" in caplog.text
    # ... but the command line's stderr shows none of it.
    out = tmp_path / "bundle.zip"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "vault.cli", "export", "--vault", str(tmp_path / "vault")),
            *("--lender", LENDER, "--out", str(out), "--json"),
        ],
        cwd=REPO,
        env={**os.environ, "EVAULT_PASSPHRASE": PASSPHRASE, "PYTHONWARNINGS": "always"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr
    assert json.loads(done.stdout)["stale_partials_removed"] == []
    with zipfile.ZipFile(out) as bundle:
        assert "<img" in bundle.read(layout.REPORT_HTML).decode("utf-8")  # thumbnail made


def test_readme_and_report_say_the_files_are_unchanged_since_signed(exported: Exported) -> None:
    fingerprint = exported.result.signer_fingerprint
    assert fingerprint.startswith("SHA256:")
    with zipfile.ZipFile(exported.bundle) as bundle:
        readme = bundle.read(layout.README).decode("utf-8-sig").replace("\r\n", "\n")
        html = bundle.read(layout.REPORT_HTML).decode("utf-8")
    assert f"本包能证明：这些文件自被指纹为 {fingerprint} 的密钥签名之后未被改动" in readme
    assert "signed by the key\nwith fingerprint " + fingerprint in readme
    assert readme.count("--expect-key") == 2
    assert "自导入保险箱后未被改动" not in readme
    assert "since they were imported" not in readme
    assert f"这些文件自被指纹为 {fingerprint} 的密钥签名之后未被改动" in html
    assert "evault verify --expect-key" in html
    assert "自导入之日起未被改动" not in html and "自导入后未被改动" not in html


def test_the_english_and_traditional_reports_name_the_fingerprint() -> None:
    from datetime import UTC, datetime  # noqa: PLC0415
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    fingerprint = "SHA256:" + "A" * 43
    for language, phrase in (
        ("en", f"signed by the key with fingerprint {fingerprint}"),
        ("zh_TW", f"自被指紋為 {fingerprint} 的金鑰簽名之後未被改動"),
    ):
        html = evidence_list.render_html(
            evidence_list.ReportInput(
                language=language,
                bundle_id="b",
                created_at=datetime(2024, 3, 1, tzinfo=UTC),
                time_zone=ZoneInfo("Asia/Shanghai"),
                fingerprint=fingerprint,
                lenders=[],
                items=[],
            )
        )
        assert phrase in html, language
        assert "--expect-key" in html
        assert "since import," not in html
