"""Reading screenshots with Tesseract: the layouts people capture, the queue, the storage."""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import require_tool
from tests.ocr.conftest import Importer
from tests.ocr.screens import TRADITIONAL, Bubble, chat, page, sms_thread
from vault.categories import Category
from vault.check import check_vault
from vault.handle import OpenVault
from vault.ocr import item_text
from vault.ocr.engine import LANGUAGES, Tesseract, UnreadableImageError, find_engine, prepare
from vault.ocr.phrases import suggestions
from vault.ocr.reading import read_waiting, waiting_ids
from vault.ocr.script import fold

GREEN_CHAT = chat(
    [
        Bubble("你好，请问什么时候还款"),
        Bubble("再不还钱就爆你通讯录，联系你家人", mine=True),
        Bubble("明天我们上门找你，后果自负", mine=True),
    ],
    title="催收",
)


@pytest.fixture(scope="module")
def tesseract() -> Iterator[Tesseract]:
    """libtesseract in this process, its models loaded once for the module's tests."""
    reader = Tesseract(find_engine())
    yield reader
    reader.close()


def files_under(*folders: Path) -> set[Path]:
    return {path for folder in folders for path in folder.rglob("*") if path.is_file()}


def plain_tesseract(data: bytes) -> str:
    done = subprocess.run(
        [require_tool("tesseract"), "stdin", "stdout", "-l", LANGUAGES],
        input=data,
        capture_output=True,
        check=True,
    )
    return fold(done.stdout.decode().replace(" ", ""))


def test_text_on_the_wechat_green_bubble_is_read_only_after_preparing_the_image(
    tesseract: Tesseract,
) -> None:
    # The constraint the preparation exists for: unprepared, Tesseract drops the green
    # bubbles entirely and keeps only the white one.
    unprepared = plain_tesseract(GREEN_CHAT)
    assert "请问什么时候还款" in unprepared
    assert "通讯录" not in unprepared and "上门" not in unprepared
    text = fold(tesseract.read(GREEN_CHAT))  # either script, see vault.ocr.script
    assert "请问什么时候还款" in text
    assert "再不还钱就爆你通讯录" in text
    assert "上门找你" in text


@pytest.mark.slow
def test_the_layouts_people_capture_are_read(vault: OpenVault, import_screens: Importer) -> None:
    ids = import_screens(
        {
            "dark": chat(
                [Bubble("还不上？"), Bubble("不还就爆你通讯录，给你家人打电话", mine=True)],
                dark=True,
            ),
            "sms": sms_thread(
                "95188", ["【某某金融】您已逾期，我司已立案", "联系电话 021-6888 8000"]
            ),
            "traditional": chat(
                [Bubble("再不還錢我們就上門"), Bubble("法院傳票已經寄出", emoji=True)],
                face=TRADITIONAL,
            ),
            "numbers": page(["催收专员 13912345678", "还款金额 12,580.00 元"]),
        }
    )
    assert sorted(waiting_ids(vault)) == sorted(ids.values()), "an import queues its images"
    run = read_waiting(vault, workers=2)
    assert run.read == 4 and run.waiting == 0 and not run.unreadable
    texts = {name: item_text(vault, item_id) for name, item_id in ids.items()}
    assert all(t is not None and t.machine_read for t in texts.values())
    got = {name: fold(t.text or "") if t else "" for name, t in texts.items()}
    assert "爆你通讯录" in got["dark"], got["dark"]
    assert "我司已立案" in got["sms"] and "021-6888 8000" in got["sms"], got["sms"]
    traditional = texts["traditional"]
    assert traditional is not None and "法院傳票" in (traditional.text or ""), "kept as read"
    assert "上门" in got["traditional"] and "法院传票" in got["traditional"], got["traditional"]
    assert "13912345678" in got["numbers"] and "12,580.00" in got["numbers"], got["numbers"]
    assert Category.CONTACTING_FAMILY in suggestions(vault, ids["dark"]).categories
    assert Category.IMPERSONATING_AUTHORITY in suggestions(vault, ids["sms"]).categories
    assert {Category.HOME_VISIT, Category.IMPERSONATING_AUTHORITY} <= set(
        suggestions(vault, ids["traditional"]).categories
    )
    numbers = [n.number for n in suggestions(vault, ids["numbers"]).numbers]
    assert "13912345678" in numbers and "02168888000" in [
        n.number for n in suggestions(vault, ids["sms"]).numbers
    ]


def test_the_text_is_stored_with_its_engine_version_and_languages(
    vault: OpenVault, import_screens: Importer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (item_id,) = import_screens({"green": GREEN_CHAT}).values()
    assert item_text(vault, item_id) is None, "an image waits until it is read"
    scratch = tmp_path / "tmp"  # the temp folder of this process and of Tesseract
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    before = files_under(Path(vault.info.path), scratch)
    read_waiting(vault)
    # decrypted into memory and piped: no plain copy of the image anywhere on disk
    new_files = files_under(Path(vault.info.path), scratch) - before
    assert all(not f.read_bytes().startswith(GREEN_CHAT[:64]) for f in new_files if f.is_file())
    assert {f.name for f in new_files} <= {"vault.db-wal", "vault.db-shm", "vault.db-journal"}
    text = item_text(vault, item_id)
    assert text is not None and "爆你通讯录" in fold(text.text or "")
    assert text.engine == "tesseract" and text.version == find_engine().version
    assert text.languages == "chi_sim+chi_tra+eng" and text.machine_read
    # stored inside the SQLCipher database only: the file on disk holds no plaintext
    database = (Path(vault.info.path) / "vault.db").read_bytes()
    assert "通讯录".encode() not in database and b"tesseract" not in database


def test_a_damaged_image_is_reported_in_one_sentence_and_the_vault_stays_intact(
    vault: OpenVault, import_screens: Importer
) -> None:
    whole = page(["正常的一页"])
    damaged = whole[: len(whole) // 2]  # a copy cut off halfway
    ids = import_screens({"damaged": damaged, "whole": whole})
    run = read_waiting(vault)
    assert run.read == 1 and [r.item_id for r in run.unreadable] == [ids["damaged"]]
    problem = run.unreadable[0].problem or ""
    assert problem.count(".") == 1 and problem.endswith("."), problem
    assert "damaged" in problem
    text = item_text(vault, ids["damaged"])
    assert text is not None and text.text is None and not text.readable
    assert waiting_ids(vault) == [], "an unreadable image is not tried at every start"
    with vault.store.open(ids["damaged"], [vault.keys.identity]) as reader:
        assert (
            hashlib.sha256(reader.pread(0, reader.size)).digest()
            == hashlib.sha256(damaged).digest()
        )
    assert check_vault(vault).ok


@pytest.mark.slow
def test_a_cancelled_pass_keeps_what_it_read_and_the_next_one_resumes(
    vault: OpenVault, import_screens: Importer
) -> None:
    ids = import_screens({f"p{i}": page([f"第{i}页 催收通知 {i}{i}{i}"]) for i in range(4)})
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 1:
            cancel.set()

    first = read_waiting(vault, workers=1, progress=progress, cancel=cancel)
    assert first.cancelled and first.read == 1 and first.waiting == 3
    assert seen[0] == (0, 4)
    second = read_waiting(vault, workers=2)
    assert second.read == 3 and second.waiting == 0 and not second.cancelled
    assert all(item_text(vault, item_id) is not None for item_id in ids.values())


def test_preparing_turns_a_dark_mode_screen_into_dark_text_on_light() -> None:
    from io import BytesIO  # noqa: PLC0415

    from PIL import Image, ImageStat  # noqa: PLC0415

    dark = chat([Bubble("你好")], dark=True)
    prepared = Image.open(BytesIO(prepare(dark)))
    assert prepared.mode == "L"
    assert ImageStat.Stat(prepared).mean[0] > 128, "the background becomes light"


@pytest.mark.parametrize(
    "data",
    [b"not an image at all", b"\x89PNG\r\n\x1a\n" + bytes(64), page(["一页"])[:120]],
    ids=["text", "png-signature-only", "cut-off"],
)
def test_bytes_that_are_no_image_give_one_sentence(data: bytes) -> None:
    with pytest.raises(UnreadableImageError, match=r"^The image cannot be decoded \(damaged"):
        prepare(data)


def test_every_bubble_of_a_dark_mode_chat_is_read(tesseract: Tesseract) -> None:
    # Tesseract's automatic layout finds none of these three bubbles once the screen is
    # inverted; a dark screen is read in sparse-text mode, which finds all three.
    dark = chat(
        [
            Bubble("还不上？"),
            Bubble("不还就爆你通讯录，给你家人打电话", mine=True),
            Bubble("你好，今天必须还款"),
        ],
        dark=True,
    )
    text = fold(tesseract.read(dark))
    assert "还不上" in text and "爆你通讯录" in text and "今天必须还款" in text, text
