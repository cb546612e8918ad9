"""OCR from the vault against a plain Tesseract loop, and phrase search over 50,000 texts.

    .venv/bin/python bench/ocr_bench.py [--count 200] [--search-items 50000]

1. ``--count`` phone screenshots (WeChat and SMS layouts, rendered with the Noto CJK
   font) are imported into a fresh vault and also kept as plain PNG files. A plain
   ``tesseract FILE stdout -l chi_sim+chi_tra+eng`` loop reads the files with as many
   processes at once as the vault's pass uses; the vault's pass decrypts each image into
   memory and pipes it to one of its Tesseract child processes (one per core, each
   loading the models once: :mod:`vault.ocr.worker`), which prepares and reads it, and
   stores the text. Same languages, same run: loop, vault, loop again, and the ratio is
   to the loops' mean. The plain loop does less: unprepared, Tesseract skips the text
   on green bubbles, so a last loop over the prepared images (written to disk
   beforehand) compares the same pixels. Peak memory is the largest resident size of
   this process and of any one child (a ``tesseract`` of the loops or an OCR child).
2. A second vault gets ``--search-items`` items with machine-read text (written straight
   into its database); phrase searches through the evidence table's query
   (:func:`vault.listing.item_count` and the first page) are timed after unlock.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from tests.ocr.screens import Bubble, chat, sms_thread
from vault.db.models import Item
from vault.db.ocr import OcrRecord
from vault.handle import OpenVault, create_vault
from vault.importing import import_paths
from vault.listing import ItemFilter, item_count, item_page
from vault.ocr.engine import LANGUAGES, prepare
from vault.ocr.reading import default_workers, read_waiting
from vault.ocr.script import fold
from vault.ocr.search import items_with_text

PASSPHRASE = "bench passphrase"  # noqa: S105 - a throwaway vault
WORK_FACTOR = 10  # the key derivation is not what is measured
LINES = [
    "再不还钱就爆你通讯录",
    "明天我们上门找你",
    "你已逾期三天，请尽快还款",
    "法院传票已经寄出",
    "联系你的紧急联系人",
    "今天之内必须处理",
    "我司已立案，后果自负",
    "请问什么时候可以还款",
    "欠款金额 12,580.00 元",
    "催收专员 13912345678",
]


def screenshots(count: int, folder: Path) -> list[Path]:
    rng = random.Random(7)
    paths = []
    for index in range(count):
        picked = rng.sample(LINES, 3)
        if index % 3 == 2:
            data = sms_thread(f"9518{index}", picked)
        else:
            data = chat(
                [Bubble(text, mine=i == 1) for i, text in enumerate(picked)],
                dark=index % 3 == 1,
                title=f"催收 {index}",  # every screenshot differs: none is a duplicate
            )
        path = folder / f"Screenshot_20240317_{index:06d}.png"
        path.write_bytes(data)
        paths.append(path)
    return paths


def plain_loop(paths: list[Path], workers: int) -> float:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    tesseract = shutil.which("tesseract") or "tesseract"

    def one(path: Path) -> None:
        subprocess.run(
            [tesseract, str(path), "stdout", "-l", LANGUAGES],
            capture_output=True,
            check=True,
            env=env,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, paths))
    return time.perf_counter() - start


def new_vault(where: Path) -> OpenVault:
    opened, _ = create_vault(where, PASSPHRASE, work_factor=WORK_FACTOR, time_zone="Asia/Shanghai")
    return opened


def ocr_figures(work: Path, count: int) -> None:
    workers = default_workers()
    files = work / "files"
    files.mkdir()
    paths = screenshots(count, files)
    prepared_dir = work / "prepared"
    prepared_dir.mkdir()
    prepared_paths = []
    for path in paths:
        prepared_paths.append(prepared_dir / path.name)
        prepared_paths[-1].write_bytes(prepare(path.read_bytes()))
    vault = new_vault(work / "vault")
    import_paths(vault, paths)
    first = plain_loop(paths, workers)
    start = time.perf_counter()
    run = read_waiting(vault, workers=workers)
    ours = time.perf_counter() - start
    second = plain_loop(paths, workers)
    same_input = plain_loop(prepared_paths, workers)
    vault.lock()
    loop = (first + second) / 2
    print(f"OCR of {count} screenshots, {workers} Tesseract processes at once, {LANGUAGES}")
    print(
        f"  plain tesseract loop over files: {count / loop:6.2f} images/s ({first:.1f} s, {second:.1f} s)"
    )
    done = run.read + len(run.unreadable)
    print(f"  evault ocr from the vault:       {done / ours:6.2f} images/s ({ours:.1f} s)")
    print(f"  ratio (vault / loop):            {done / ours / (count / loop):6.2f}")
    print(
        f"  loop over the prepared images:   {count / same_input:6.2f} images/s "
        f"(ratio {done / ours / (count / same_input):.2f}, same pixels)"
    )
    print(f"  read {run.read}, unreadable {len(run.unreadable)}, waiting {run.waiting}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak memory: this process {own:.0f} MiB, largest child {child:.0f} MiB")


def search_figures(work: Path, total: int) -> None:
    where, built = search_vault(work / "search", total)
    from vault.handle import unlock_vault  # noqa: PLC0415 - a fresh unlock, cold caches

    vault = unlock_vault(where, PASSPHRASE)
    print(f"Phrase search over {total} items with machine-read text (built in {built:.1f} s)")
    for phrase in ("", "爆你通讯录", "通讯", "公园散步吧", "不存在的句子"):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            found = item_count(vault, ItemFilter(text=phrase))
            item_page(vault, ItemFilter(text=phrase), 0, 100)
            times.append((time.perf_counter() - start) * 1000)
        print(
            f"  {phrase or '(no search)':<8} {found:6d} items  first {times[0]:6.1f} ms  "
            f"median {statistics.median(times):6.1f} ms (count + first page of 100)"
        )
    with vault.sessions() as session:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            session.execute(items_with_text("爆你通讯录")).all()
            times.append((time.perf_counter() - start) * 1000)
    print(f"  the trigram lookup alone (爆你通讯录): median {statistics.median(times):.2f} ms")
    vault.lock()


def screenshot_row(item_id: str, name: str, sha256: str, when: datetime) -> dict[str, Any]:
    """An ``items`` row of a screenshot, written straight into a bench vault's database."""
    return {
        "id": item_id,
        "kind": "screenshot",
        "media_type": "image/png",
        "original_name": name,
        "size": 1000,
        "sha256": sha256,
        "imported_at": when,
        "captured_at": when,
        "captured_offset_min": 480,
        "time_source": "file_name",
        "categories": [],
    }


def text_row(item_id: str, words: str, when: datetime) -> dict[str, Any]:
    """An ``ocr_texts`` row: ``words`` machine-read from the item."""
    return {
        "item_id": item_id,
        "status": "read",
        "text": words,
        "folded": fold(words),
        "engine": "tesseract",
        "engine_version": "5.3.0",
        "languages": LANGUAGES,
        "read_at": when,
    }


def search_vault(path: Path, total: int) -> tuple[Path, float]:
    """A locked vault of ``total`` screenshots with text; its path and build seconds."""
    vault = new_vault(path)
    rng = random.Random(11)
    filler = "今天天气不错我们去公园散步吧晚上一起吃饭好不好明天见面再说工作很忙"
    now = datetime(2024, 3, 17, tzinfo=UTC)
    start = time.perf_counter()
    with vault.sessions() as session, session.begin():
        for base in range(0, total, 5000):
            items, texts = [], []
            for index in range(base, min(total, base + 5000)):
                item_id = uuid.uuid4().hex
                words = "".join(rng.choice(filler) for _ in range(rng.randint(30, 120)))
                if index % 1000 == 0:
                    words += "再不还钱就爆你通讯录"
                items.append(
                    screenshot_row(
                        item_id,
                        f"Screenshot_{index}.png",
                        f"{index:064x}",
                        now + timedelta(seconds=index),
                    )
                )
                texts.append(text_row(item_id, words, now))
            session.execute(insert(Item), items)
            session.execute(insert(OcrRecord), texts)
    built = time.perf_counter() - start
    where = vault.info.path
    vault.lock()
    return where, built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="screenshots to read")
    parser.add_argument("--search-items", type=int, default=50_000)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: temp)")
    args = parser.parse_args()
    if shutil.which("tesseract") is None:
        sys.exit("Tesseract is not installed (tools/setup installs it)")
    work = Path(tempfile.mkdtemp(prefix="ocr-bench-", dir=args.dir))
    try:
        if args.count:
            ocr_figures(work, args.count)
        if args.search_items:
            search_figures(work, args.search_items)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
